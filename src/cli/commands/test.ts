import type { CommandModule } from 'yargs';
import { runTests } from '../../action/test.js';
import { SkiffError, UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { releaseSummary, withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import type { ChartTestArgs } from './test-chart.js';
import { writeOut } from '../sink.js';
import { DEFAULT_TIMEOUT_MS } from '../../action/configuration.js';
import { formatGoDuration } from '../../util/duration.js';

interface Args extends GlobalArgs, Omit<ChartTestArgs, 'charts' | 'timeout'> {
  name: string;
  timeout?: string;
  logs?: boolean;
  filter?: string[];
  'hide-notes'?: boolean;
  charts?: string[];
}

/** chart-testing's flags, which make `skiff test chart` select charts as ct does. */
const CT_FLAGS = ['config', 'all', 'chart-dirs', 'excluded-charts', 'remote', 'target-branch', 'since', 'upgrade', 'check-version-increment', 'validate-maintainers', 'exclude-deprecated', 'helm-extra-args', 'helm-extra-set-args'] as const;

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
      .option('timeout', { type: 'string', describe: `time to wait for each test (default ${formatGoDuration(DEFAULT_TIMEOUT_MS)})` })
      .option('logs', { type: 'boolean', describe: 'print the logs of the test pods' })
      .option('filter', { type: 'string', array: true, describe: 'name=NAME runs only that test, !name=NAME skips it' })
      .option('hide-notes', { type: 'boolean', describe: 'do not print the notes' })
      .option('config', { type: 'string', describe: "test chart: chart-testing's ct.yaml (default: found as ct finds it)" })
      .option('all', { type: 'boolean', describe: 'test chart: every chart in chart-dirs, not only changed ones' })
      .option('chart-dirs', { type: 'string', array: true, describe: 'test chart: directories holding charts (default charts)' })
      .option('excluded-charts', { type: 'string', array: true, describe: 'test chart: chart names never tested' })
      .option('remote', { type: 'string', describe: 'test chart: git remote of the target branch (default origin)' })
      .option('target-branch', { type: 'string', describe: 'test chart: branch changed charts are found against (default main)' })
      .option('since', { type: 'string', describe: 'test chart: git reference changes are counted from (default HEAD)' })
      .option('upgrade', { type: 'boolean', describe: "test chart: also upgrade from the chart's previous revision on the target branch" })
      .option('check-version-increment', { type: 'boolean', describe: 'test chart: a changed chart needs a version bump' })
      .option('validate-maintainers', { type: 'boolean', describe: 'test chart: Chart.yaml names its maintainers' })
      .option('exclude-deprecated', { type: 'boolean', describe: 'test chart: skip deprecated charts' })
      .option('helm-extra-args', { type: 'string', describe: 'test chart: --timeout and values flags for every install and upgrade' })
      .option('helm-extra-set-args', { type: 'string', describe: 'test chart: --set flags for every install and upgrade' }) as never,
  handler: async (args) => {
    if (args.name === 'chart') {
      const { runChartTest, ctConfigFound } = await import('./test-chart.js');
      if (args.charts?.length || CT_FLAGS.some((f) => args[f] !== undefined) || ctConfigFound()) return runChartTest({ ...args, charts: (args.charts ?? []).map(String) });
    }
    if (args.charts?.length) throw new UsageError(`unexpected argument "${args.charts[0]}": skiff test RELEASE takes one release name`, { hint: 'to test charts, run skiff test chart CHART...' });
    const progress = progressDisplay('table');
    const r = await withRelease(args, ({ cfg, namespace }) =>
      runTests(cfg, { releaseName: args.name, namespace, filters: args.filter, logs: args.logs, ...(args.timeout ? { timeoutMs: parseDuration(args.timeout, '--timeout') } : {}), onProgress: progress.onProgress }),
    ).finally(() => progress.done());
    writeOut(releaseSummary(r.release, { hideNotes: args['hide-notes'] }));
    for (const [name, text] of Object.entries(r.logs)) writeOut(`POD LOGS: ${name}\n${text}\n`);
    if (r.failure) throw new SkiffError('TEST_FAILED', r.failure);
  },
};
