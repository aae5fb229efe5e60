// `skiff test chart CHART...`: chart CI on fresh bundled clusters (reached
// from `skiff test`, whose other form tests an installed release).
import { writeFileSync } from 'node:fs';
import { existsSync, statSync } from 'node:fs';
import { InterruptedError, SkiffError, UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { registryCredentialFilesFromEnv, skiffHomeFromEnv } from '../environment.js';
import { writeErr, writeOut } from '../sink.js';
import { cleanupInterrupt } from '../interrupt.js';
import { formatRun, formatSummary, githubAnnotations, junitXml } from '../chart-test-report.js';
import type { ValuesRun } from '../../action/chart-test.js';
import { findCtConfig, loadCtConfig, parseHelmExtraArgs, type CtKey } from '../../action/ct-config.js';
import { selectCharts } from '../../action/ct-select.js';

const CT_KEYS: CtKey[] = ['all', 'chart-dirs', 'excluded-charts', 'remote', 'target-branch', 'since', 'upgrade', 'check-version-increment', 'validate-maintainers', 'exclude-deprecated', 'helm-extra-args', 'helm-extra-set-args'];

export interface ChartTestArgs {
  charts: string[];
  timeout?: string;
  config?: string;
  all?: boolean;
  'chart-dirs'?: string[];
  'excluded-charts'?: string[];
  remote?: string;
  'target-branch'?: string;
  since?: string;
  upgrade?: boolean;
  'check-version-increment'?: boolean;
  'validate-maintainers'?: boolean;
  'exclude-deprecated'?: boolean;
  'helm-extra-args'?: string;
  'helm-extra-set-args'?: string;
  'values-dir'?: string;
  'upgrade-from'?: string;
  parallel?: number;
  junit?: string;
  kubeconfig?: string;
  'kube-context'?: string;
}

/** True when chart-testing's ct.yaml is where ct would find it (so `skiff test chart` alone means ct's selection). */
export function ctConfigFound(env: NodeJS.ProcessEnv = process.env): boolean {
  return findCtConfig(process.cwd(), env) !== undefined;
}

/** Runs the chart lifecycle tests and prints them; throws (exit 1) when any values file failed. */
export async function runChartTest(args: ChartTestArgs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (args.parallel !== undefined && (!Number.isInteger(args.parallel) || args.parallel < 1)) throw new UsageError(`--parallel must be a positive integer, got ${args.parallel}`);
  const cwd = process.cwd();
  const flags = Object.fromEntries(CT_KEYS.map((k) => [k, (args as unknown as Record<string, unknown>)[k]]));
  const ct = loadCtConfig({ file: args.config, cwd, env, flags });
  if (!ct.file && !ct.given.has('validate-maintainers')) Object.assign(ct, { 'validate-maintainers': false });
  if (!ct.file && !args.charts.length && !ct.given.has('all') && !ct.given.size) throw new UsageError('skiff test chart needs at least one chart', { hint: 'skiff test chart PATH|TGZ|REF..., or --all / a ct.yaml to select charts as chart-testing does' });
  if (ct.file) writeOut(`Using config file: ${ct.file}\n`);
  const extra = parseHelmExtraArgs(`${ct['helm-extra-args']} ${ct['helm-extra-set-args']}`, 'helm-extra-args', parseDuration);
  const selection = await selectCharts(ct, cwd, args.charts);
  for (const n of selection.notes) writeOut(`${n}\n`);
  if (!selection.charts.length) {
    writeOut('No chart changes detected.\n');
    return;
  }
  const { chartTest } = await import('../../action/chart-test.js');
  // Ctrl-C or SIGTERM stops the clusters and removes their data dirs (keys, tokens) before exiting 130/143.
  const stop = cleanupInterrupt(args.kubeconfig ? 'abandoning the runs in progress' : 'stopping the test clusters and removing their data');
  const result = await chartTest({
    charts: selection.charts,
    extraValues: extra,
    cwd,
    valuesDir: args['values-dir'],
    upgradeFrom: args['upgrade-from'],
    parallel: args.parallel,
    timeoutMs: args.timeout ? parseDuration(args.timeout, '--timeout') : extra.timeoutMs,
    kubeconfig: args.kubeconfig,
    kubeContext: args['kube-context'],
    onRun: (run) => writeOut(formatRun(run)),
    home: skiffHomeFromEnv(undefined, env),
    credentialFiles: registryCredentialFilesFromEnv(env),
    renderer: (await import('../renderer.js')).rendererFromEnv(env),
    signal: stop.signal,
  })
    .catch(async (err: unknown) => {
      if (!(err instanceof InterruptedError)) throw err;
      // The abandoned runs may still be waiting on their (now stopped) clusters: exit without waiting for them.
      writeErr(`Error: ${err.message}\n`);
      await selection.cleanup().catch(() => undefined);
      process.exit(err.exitCode);
    })
    .finally(() => {
      stop.dispose();
      return selection.cleanup();
    });
  writeOut('\n' + formatSummary(result));
  if (args.junit) writeFileSync(args.junit, junitXml(result));
  if (env.GITHUB_ACTIONS === 'true') {
    const dirOf = (run: ValuesRun) => selection.charts.map((c) => c.path).find((c) => run.valuesFile?.startsWith(c) || (existsSync(c) && statSync(c).isDirectory() && run.chart.startsWith(c.replace(/\/$/, '').split('/').pop() ?? '')));
    writeOut(githubAnnotations(result, dirOf));
  }
  if (result.failed) throw new SkiffError('CHART_TEST_FAILED', `${result.failed} of ${result.runs.length} values file(s) failed`);
}
