import type { CommandModule } from 'yargs';
import { runTests } from '../../action/test.js';
import { SkiffError, UsageError } from '../../errors.js';
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
  charts?: string[];
  'values-dir'?: string;
  'upgrade-from'?: string;
  parallel?: number;
  junit?: string;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'test <name> [charts..]',
  describe: 'run the tests of a release (its helm.sh/hook: test hooks), or with "chart CHART...", test charts on fresh bundled clusters',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true, describe: 'the release to test, or "chart" followed by charts' })
      .positional('charts', { type: 'string', array: true, describe: 'with "chart": chart directories, archives or references' })
      .option('values-dir', { type: 'string', describe: 'test chart: directory of *-values.yaml files (default CHART/ci)' })
      .option('upgrade-from', { type: 'string', describe: 'test chart: chart to install first and upgrade from' })
      .option('parallel', { type: 'number', describe: 'test chart: values files run at once (default: number of cores)' })
      .option('junit', { type: 'string', describe: 'test chart: write JUnit XML to this file' })
      .option('timeout', { type: 'string', default: '5m0s', describe: 'time to wait for each test' })
      .option('logs', { type: 'boolean', describe: 'print the logs of the test pods' })
      .option('filter', { type: 'string', array: true, describe: 'name=NAME runs only that test, !name=NAME skips it' })
      .option('hide-notes', { type: 'boolean', describe: 'do not print the notes' }) as never,
  handler: async (args) => {
    if (args.name === 'chart' && args.charts?.length) {
      const { runChartTest } = await import('./test-chart.js');
      return runChartTest({ ...args, charts: args.charts.map(String) });
    }
    if (args.charts?.length) throw new UsageError(`unexpected argument "${args.charts[0]}": skiff test RELEASE takes one release name`, { hint: 'to test charts, run skiff test chart CHART...' });
    const progress = progressDisplay('table');
    const r = await withRelease(args, ({ cfg, namespace }) =>
      runTests(cfg, { releaseName: args.name, namespace, filters: args.filter, logs: args.logs, timeoutMs: parseDuration(args.timeout, '--timeout'), onProgress: progress.onProgress }),
    ).finally(() => progress.done());
    writeOut(releaseSummary(r.release, { hideNotes: args['hide-notes'] }));
    for (const [name, text] of Object.entries(r.logs)) writeOut(`POD LOGS: ${name}\n${text}\n`);
    if (r.failure) throw new SkiffError('TEST_FAILED', r.failure);
  },
};
