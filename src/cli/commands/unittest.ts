import type { CommandModule } from 'yargs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiffHomeFromEnv } from '../environment.js';
import { SkiffError, UsageError } from '../../errors.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeOut } from '../sink.js';

interface Args extends GlobalArgs {
  charts: string[];
  file?: string[];
  'update-snapshot'?: boolean;
  'output-type'?: string;
  'output-file'?: string;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'unittest <charts..>',
  describe: 'run helm-unittest suites (tests/*_test.yaml) against charts',
  builder: (y) =>
    y
      .positional('charts', { type: 'string', array: true, demandOption: true })
      .option('file', { alias: 'f', type: 'string', array: true, describe: 'suite files, globs relative to the chart (default tests/*_test.yaml)' })
      .option('update-snapshot', { alias: 'u', type: 'boolean', describe: 'rewrite the snapshot files' })
      .option('output-type', { alias: 't', type: 'string', describe: 'report format written to --output-file: JUnit' })
      .option('output-file', { alias: 'o', type: 'string', describe: 'where to write the report' }) as never,
  handler: async (args) => {
    const type = args['output-type'];
    if (type !== undefined && type.toLowerCase() !== 'junit') throw new UsageError(`unsupported --output-type "${type}": expected JUnit`);
    if (type && !args['output-file']) throw new UsageError('--output-type needs --output-file');
    const { unittest } = await import('../../unittest/runner.js');
    const { formatUnittest, unittestJunit } = await import('../../unittest/report.js');
    const r = await unittest({ charts: args.charts.map(String), files: args.file, update: args['update-snapshot'], ci: process.env.CI === 'true', renderer: (await import('../renderer.js')).rendererFromEnv(), suiteCacheDir: join(skiffHomeFromEnv(undefined, process.env), 'cache', 'unittest') });
    writeOut(formatUnittest(r));
    if (args['output-file']) writeFileSync(args['output-file'], unittestJunit(r));
    if (r.failed) throw new SkiffError('UNITTEST_FAILED', `${r.failed} test(s) failed`);
  },
};
