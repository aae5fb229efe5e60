import type { Argv, CommandModule } from 'yargs';
import { formatTable } from '../table.js';
import { writeOut } from '../sink.js';
import { skiffHomeFromEnv } from '../environment.js';

function truncate(s: string, w: number): string {
  if (w <= 0 || [...s].length <= w) return s;
  return w <= 3 ? [...s].slice(0, w).join('') : [...s].slice(0, w - 3).join('') + '...';
}

export interface SearchRepoArgs {
  keyword?: string;
  regexp?: boolean;
  versions?: boolean;
  devel?: boolean;
  version?: string;
  output?: string;
  'fail-on-no-result'?: boolean;
  'max-col-width'?: number | string;
}

/** `skiff search repo`: runs the search and prints it (shared by the yargs command and the fast path). */
export async function runSearchRepo(args: SearchRepoArgs): Promise<void> {
    const format = String(args.output ?? 'table');
    const { UsageError, RepoError } = await import('../../errors.js');
    if (!['table', 'json', 'yaml'].includes(format)) throw new UsageError(`invalid output format "${format}": expected one of table, json, yaml`);
    const { searchRepo } = await import('../../action/search.js');
    const results = await searchRepo({ keyword: args.keyword, regexp: args.regexp, versions: args.versions, devel: args.devel, version: args.version, home: skiffHomeFromEnv() });
    if (results.length === 0 && args['fail-on-no-result']) throw new RepoError('no results found');
    if (format === 'json') writeOut(JSON.stringify(results) + '\n');
    else if (format === 'yaml') {
      const { stringify } = await (await import('../yaml-lazy.js')).loadYaml();
      writeOut(stringify(results, { lineWidth: 0, indentSeq: false }));
    } else if (results.length === 0) writeOut('No results found\n');
    else {
      const w = Number(args['max-col-width'] ?? 50);
      if (!Number.isFinite(w)) throw new UsageError(`invalid --max-col-width "${args['max-col-width']}": expected a number`);
      const rows = [['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...results.map((r) => [r.name, r.version, r.app_version, r.description].map((c) => truncate(c, w)))];
      writeOut(formatTable(null, rows));
    }
}

const repo: CommandModule<object, any> = {
  command: 'repo [keyword]',
  describe: 'search repositories for a keyword in charts',
  builder: (y) =>
    y
      .positional('keyword', { type: 'string' })
      .option('regexp', { alias: 'r', type: 'boolean', describe: 'use regular expressions for searching repositories you have added' })
      .option('versions', { alias: 'l', type: 'boolean', describe: 'show the long listing, with each version of each chart on its own line' })
      .option('devel', { type: 'boolean', describe: "use development versions (alpha, beta, and release candidate releases), too. Equivalent to version '>0.0.0-0'" })
      .option('version', { type: 'string', describe: 'search using semantic versioning constraints' })
      .option('output', { alias: 'o', type: 'string', default: 'table', describe: 'prints the output in the specified format (table, json, yaml)' })
      .option('fail-on-no-result', { type: 'boolean', describe: 'search fails if no results are found' })
      .option('max-col-width', { type: 'number', default: 50, describe: 'maximum column width for output table' }),
  handler: (args) => runSearchRepo(args as SearchRepoArgs),
};

interface SearchHubArgs {
  keyword?: string[];
  endpoint: string;
  'max-col-width'?: number;
  'list-repo-url'?: boolean;
  'fail-on-no-result'?: boolean;
  output?: string;
}

/** JSON as Go's encoder writes it: struct field order kept, `<>&` and U+2028/9 escaped. */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Helm's uitable: cells cut to maxWidth ("..." marks a cut), every cell padded to its column's width, tab-separated. */
function uiTable(rows: readonly (readonly string[])[], maxWidth: number): string {
  const cut = rows.map((r) => r.map((c) => truncate(c, maxWidth)));
  const widths: number[] = [];
  for (const r of cut) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return cut.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('\t')).join('\n') + '\n';
}

const hub: CommandModule<object, SearchHubArgs> = {
  command: 'hub [keyword..]',
  describe: 'search for charts in the Artifact Hub or your own hub instance',
  builder: (y) =>
    y
      .positional('keyword', { type: 'string', array: true })
      .option('endpoint', { type: 'string', default: 'https://hub.helm.sh', describe: 'Hub instance to query for charts' })
      .option('max-col-width', { type: 'number', default: 50, describe: 'maximum column width for output table' })
      .option('list-repo-url', { type: 'boolean', describe: 'print charts repository URL' })
      .option('fail-on-no-result', { type: 'boolean', describe: 'search fails if no results are found' })
      .option('output', { alias: 'o', type: 'string', default: 'table', describe: 'prints the output in the specified format (table, json, yaml)' }),
  handler: async (args) => {
    const { parseOutputFormat } = await import('../output.js');
    const { UsageError, RepoError } = await import('../../errors.js');
    const format = parseOutputFormat(args.output);
    const width = Number(args['max-col-width'] ?? 50);
    if (!Number.isInteger(width) || width < 0) throw new UsageError(`invalid --max-col-width "${args['max-col-width']}": expected a whole number`);
    const { searchHub } = await import('../../action/search-hub.js');
    const results = await searchHub({ endpoint: args.endpoint, keyword: (args.keyword ?? []).join(' ') });
    if (results.length === 0 && args['fail-on-no-result']) throw new RepoError('no results found');
    if (format === 'json') return writeOut(goJson(results) + '\n');
    if (format === 'yaml') {
      const { toGoYaml } = await import('../../render/goyaml.js');
      return writeOut(toGoYaml(results) + '\n');
    }
    if (results.length === 0) return writeOut('No results found\n');
    const head = ['URL', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION', ...(args['list-repo-url'] ? ['REPO URL'] : [])];
    const rows = results.map((r) => [r.url, r.version, r.app_version, r.description, ...(args['list-repo-url'] ? [r.repository.url] : [])]);
    writeOut(uiTable([head, ...rows], width));
  },
};

export const command: CommandModule = {
  command: 'search',
  describe: 'search chart repositories',
  builder: (y: Argv) => y.command(repo).command(hub as CommandModule).demandCommand(1, 'a subcommand is required: repo or hub'),
  handler: () => {},
};
