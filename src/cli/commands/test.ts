import type { CommandModule } from 'yargs';
import { runTests } from '../../action/test.js';
import { SkiffError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { releaseSummary, withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeOut } from '../sink.js';

interface Args extends GlobalArgs {
  name: string;
  timeout: string;
  logs?: boolean;
  filter?: string[];
  'hide-notes'?: boolean;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'test <name>',
  describe: 'run the tests of a release (its helm.sh/hook: test hooks)',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true })
      .option('timeout', { type: 'string', default: '5m0s', describe: 'time to wait for each test' })
      .option('logs', { type: 'boolean', describe: 'print the logs of the test pods' })
      .option('filter', { type: 'string', array: true, describe: 'name=NAME runs only that test, !name=NAME skips it' })
      .option('hide-notes', { type: 'boolean', describe: 'do not print the notes' }) as never,
  handler: async (args) => {
    const progress = progressDisplay('table');
    const r = await withRelease(args, ({ cfg, namespace }) =>
      runTests(cfg, { releaseName: args.name, namespace, filters: args.filter, logs: args.logs, timeoutMs: parseDuration(args.timeout, '--timeout'), onProgress: progress.onProgress }),
    ).finally(() => progress.done());
    writeOut(releaseSummary(r.release, { hideNotes: args['hide-notes'] }));
    for (const [name, text] of Object.entries(r.logs)) writeOut(`POD LOGS: ${name}\n${text}\n`);
    if (r.failure) throw new SkiffError('TEST_FAILED', r.failure);
  },
};
