import type { CommandModule } from 'yargs';
import { get, releaseMetadata, releaseValues } from '../../action/get.js';
import { UsageError } from '../../errors.js';
import { parseOutputFormat, printResult, toYAML } from '../output.js';
import { releaseSummary, withRelease } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import type { Release } from '../../release/types.js';
import { writeOut } from '../sink.js';
import { addShowSensitiveFlag, shownRelease, type ShowSensitiveArgs } from '../sensitive.js';

interface Args extends GlobalArgs, ShowSensitiveArgs {
  what: string;
  name: string;
  revision?: number;
  all?: boolean;
  output?: string;
}

const WHAT = ['all', 'values', 'manifest', 'notes', 'hooks', 'metadata'];

function hooksText(rel: Release): string {
  return rel.hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('');
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'get <what> <name>',
  describe: 'show extended information of a release: all, values, manifest, notes, hooks or metadata',
  builder: (y) =>
    addShowSensitiveFlag(y)
      .positional('what', { type: 'string', demandOption: true, choices: WHAT })
      .positional('name', { type: 'string', demandOption: true })
      .option('revision', { type: 'number', describe: 'get the named release with this revision' })
      .option('all', { alias: 'a', type: 'boolean', describe: 'values: dump all (computed) values' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format (values, metadata): table, json or yaml' }) as never,
  handler: async (args) => {
    if (!WHAT.includes(args.what)) throw new UsageError(`unknown "get" subcommand "${args.what}": expected ${WHAT.join(', ')}`);
    const format = parseOutputFormat(args.output);
    const rel = shownRelease(await withRelease(args, ({ cfg, namespace }) => get(cfg, { releaseName: args.name, namespace, revision: args.revision })), args);
    switch (args.what) {
      case 'values': {
        const values = releaseValues(rel, args.all);
        return printResult(format, values, () => `${args.all ? 'COMPUTED VALUES' : 'USER-SUPPLIED VALUES'}:\n${Object.keys(values).length ? toYAML(values) : 'null\n'}`);
      }
      case 'manifest':
        // Helm prints the manifest with Fprintln: one more newline after the last document.
        return void writeOut(`${rel.manifest}\n`);
      case 'notes':
        return void writeOut(rel.info.notes ? `NOTES:\n${rel.info.notes.trimEnd()}\n` : '');
      case 'hooks':
        return void writeOut(hooksText(rel));
      case 'metadata': {
        const m = releaseMetadata(rel);
        return printResult(format, m, () =>
          [`NAME: ${m.name}`, `CHART: ${m.chart}`, `VERSION: ${m.version}`, `APP_VERSION: ${m.appVersion}`, `NAMESPACE: ${m.namespace}`, `REVISION: ${m.revision}`, `STATUS: ${m.status}`, `DEPLOYED_AT: ${m.deployedAt}`].join('\n') + '\n',
        );
      }
      default: {
        writeOut(
          releaseSummary(rel, { hideNotes: true }) +
            `USER-SUPPLIED VALUES:\n${Object.keys(rel.config).length ? toYAML(rel.config) : 'null\n'}\nCOMPUTED VALUES:\n${toYAML(releaseValues(rel, true))}\nHOOKS:\n${hooksText(rel)}MANIFEST:\n${rel.manifest}\n` +
            (rel.info.notes ? `NOTES:\n${rel.info.notes.trimEnd()}\n` : ''),
        );
      }
    }
  },
};
