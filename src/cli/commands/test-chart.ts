// `skiff test chart CHART...`: chart CI on fresh bundled clusters (reached
// from `skiff test`, whose other form tests an installed release).
import { writeFileSync } from 'node:fs';
import { existsSync, statSync } from 'node:fs';
import { SkiffError, UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { writeOut } from '../sink.js';
import { formatRun, formatSummary, githubAnnotations, junitXml } from '../chart-test-report.js';
import type { ValuesRun } from '../../action/chart-test.js';

export interface ChartTestArgs {
  charts: string[];
  timeout: string;
  'values-dir'?: string;
  'upgrade-from'?: string;
  parallel?: number;
  junit?: string;
  kubeconfig?: string;
  'kube-context'?: string;
}

/** Runs the chart lifecycle tests and prints them; throws (exit 1) when any values file failed. */
export async function runChartTest(args: ChartTestArgs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (args.charts.length === 0) throw new UsageError('skiff test chart needs at least one chart', { hint: 'skiff test chart PATH|TGZ|REF...' });
  if (args.parallel !== undefined && (!Number.isInteger(args.parallel) || args.parallel < 1)) throw new UsageError(`--parallel must be a positive integer, got ${args.parallel}`);
  const { chartTest } = await import('../../action/chart-test.js');
  const result = await chartTest({
    charts: args.charts,
    valuesDir: args['values-dir'],
    upgradeFrom: args['upgrade-from'],
    parallel: args.parallel,
    timeoutMs: parseDuration(args.timeout, '--timeout'),
    kubeconfig: args.kubeconfig,
    kubeContext: args['kube-context'],
    onRun: (run) => writeOut(formatRun(run)),
  });
  writeOut('\n' + formatSummary(result));
  if (args.junit) writeFileSync(args.junit, junitXml(result));
  if (env.GITHUB_ACTIONS === 'true') {
    const dirOf = (run: ValuesRun) => args.charts.find((c) => run.valuesFile?.startsWith(c) || (existsSync(c) && statSync(c).isDirectory() && run.chart.startsWith(c.replace(/\/$/, '').split('/').pop() ?? '')));
    writeOut(githubAnnotations(result, dirOf));
  }
  if (result.failed) throw new SkiffError('CHART_TEST_FAILED', `${result.failed} of ${result.runs.length} values file(s) failed`);
}
