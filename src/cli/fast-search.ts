import { parseArgs } from 'node:util';
import { runSearchRepo } from './commands/search.js';

/**
 * Parses the flags of `skiff search repo` with Node's own parser and runs it;
 * returns undefined (defer to the full CLI, which explains any error) when
 * the command line is anything but a plain search.
 */
export async function fastSearch(argv: string[]): Promise<number | undefined> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        regexp: { type: 'boolean', short: 'r' },
        versions: { type: 'boolean', short: 'l' },
        devel: { type: 'boolean' },
        version: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on-no-result': { type: 'boolean' },
        'max-col-width': { type: 'string' },
        debug: { type: 'boolean' },
      },
    });
  } catch {
    return undefined;
  }
  if (parsed.positionals.length > 1) return undefined;
  const v = parsed.values;
  await runSearchRepo({
    keyword: parsed.positionals[0],
    regexp: v.regexp,
    versions: v.versions,
    devel: v.devel,
    version: v.version,
    output: v.output,
    'fail-on-no-result': v['fail-on-no-result'],
    'max-col-width': v['max-col-width'],
  });
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
