// `skiff test chart`: chart CI in the manner of chart-testing's `ct lint` +
// `ct install`, without Docker. For each values file (ci/*-values.yaml, or
// --values-dir, or the chart's defaults alone) it runs, on its own fresh
// bundled cluster (all of a run's clusters hosted by one worker thread) or an
// isolated namespace of a kubeconfig's cluster:
// lint → render → validate → install --wait → test → upgrade → test →
// rollback → test → uninstall → leftovers, with the existing actions, and
// returns per-phase results and timings. Printing belongs to the CLI.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { InterruptedError, isSkiffError, UsageError } from '../errors.js';
import { mergeValueOptions } from '../values/index.js';
import { collectCrds } from './render-release.js';
import { DEFAULT_TIMEOUT_MS, newConfiguration } from './configuration.js';
import { install } from './install.js';
import { upgrade } from './upgrade.js';
import { rollback } from './rollback.js';
import { runTests } from './test.js';
import { uninstall } from './uninstall.js';
import { lint } from './lint.js';
import { template } from './template.js';
import { locateChart } from './locate-chart.js';
import { clusterHost, crdKinds, diagnostics, embeddedCluster, findLeftovers, namespaceCluster, validateManifests, type ClusterHost, type TestCluster } from './chart-test-cluster.js';
import type { Chart } from '../chart/types.js';
import type { ValueOptions } from '../values/options.js';
import type { ChartSpec } from './ct-select.js';
import type { Manifest, Renderer } from '../render/index.js';
import type { CredentialFiles } from '../oci/credential-files.js';

export const PHASES = ['lint', 'render', 'validate', 'install', 'test', 'upgrade', 'test-upgrade', 'rollback', 'test-rollback', 'uninstall', 'leftovers'] as const;
export type PhaseName = (typeof PHASES)[number];

export interface ChartTestOptions {
  /** Chart directories, archives or references, or what ct's configuration selected (src/action/ct-select.ts). */
  readonly charts: readonly (string | ChartSpec)[];
  /** Values flags added to every run (ct's helm-extra-set-args and helm-extra-args). */
  readonly extraValues?: ValueOptions;
  /** Where ct's additional-commands run (default: the current directory). */
  readonly cwd?: string;
  /** Where the values files are (default: CHART/ci, files named *-values.yaml). */
  readonly valuesDir?: string;
  /** A chart (directory, archive or reference) to install first and upgrade from. */
  readonly upgradeFrom?: string;
  /** Values files run at once (default: the number of cores). */
  readonly parallel?: number;
  /** Bounds each wait and hook (default 5m). */
  readonly timeoutMs?: number;
  /** How long uninstall's dependents may take to disappear before they count as leftovers (default 30 s). */
  readonly leftoverTimeoutMs?: number;
  /** Run in isolated namespaces of this kubeconfig's cluster instead of embedded clusters. */
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
  /** Called as each values file finishes (for live output). */
  readonly onRun?: (run: ValuesRun) => void;
  /** Where chart templates run (default: the sandboxed renderer; the CLI's keeps compiled templates between runs). */
  readonly renderer?: Renderer;
  /** The skiff home whose repositories and caches chart references use (default ~/.skiff). */
  readonly home?: string;
  /** Where oci:// chart references read stored registry logins. */
  readonly credentialFiles?: CredentialFiles;
  /**
   * Stops the whole test when aborted (reason: the signal's name): the runs
   * in progress are abandoned, the embedded clusters stopped and their data
   * dirs (keys, tokens) removed, then chartTest rejects with InterruptedError.
   */
  readonly signal?: AbortSignal;
}

export interface PhaseResult {
  readonly phase: PhaseName;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly ms: number;
  /** Why it failed (or what it noticed). */
  readonly message?: string;
  /** Findings, rejections or leftovers, one a line. */
  readonly details?: readonly string[];
  /** The file the failure points at, with its line when known. */
  readonly file?: string;
  readonly line?: number;
}

export interface ValuesRun {
  readonly chart: string;
  /** The values file, or undefined for the chart's defaults. */
  readonly valuesFile?: string;
  /** "ci/small-values.yaml" or "default values". */
  readonly label: string;
  readonly release: string;
  readonly namespace: string;
  readonly phases: readonly PhaseResult[];
  readonly failed: boolean;
  readonly failedPhase?: PhaseName;
  readonly ms: number;
  /** Events and pod logs at the failing phase. */
  readonly diagnostics?: { readonly events: readonly string[]; readonly logs: Readonly<Record<string, string>> };
}

export interface ChartTestResult {
  readonly runs: readonly ValuesRun[];
  readonly failed: number;
  readonly ms: number;
}

interface Job {
  readonly chartRef: string;
  readonly spec: ChartSpec;
  readonly valuesFile?: string;
  readonly label: string;
  readonly index: number;
}

/** The values files of a chart as chart-testing picks them: DIR/*-values.yaml, sorted; none when the folder does not exist. */
export function valuesFilesFor(chartRef: string, valuesDir?: string): string[] {
  const dir = valuesDir ?? join(chartRef, 'ci');
  if (!existsSync(dir)) {
    if (valuesDir) throw new UsageError(`--values-dir "${valuesDir}" does not exist`);
    return [];
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`values directory "${dir}" is not a directory`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('-values.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Runs every chart's lifecycle for each of its values files; never throws for a failing chart (the result says which phase failed). */
export async function chartTest(opts: ChartTestOptions): Promise<ChartTestResult> {
  if (opts.charts.length === 0) throw new UsageError('no chart given', { hint: 'skiff test chart PATH|TGZ|REF...' });
  const parallel = opts.parallel ?? availableParallelism();
  if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError(`--parallel must be a positive integer, got ${parallel}`);
  const jobs: Job[] = [];
  for (const given of opts.charts) {
    const spec: ChartSpec = typeof given === 'string' ? { path: given } : given;
    const chartRef = spec.path;
    const local = existsSync(chartRef) && statSync(chartRef).isDirectory();
    const files = local || opts.valuesDir ? valuesFilesFor(chartRef, opts.valuesDir) : [];
    if (files.length === 0) jobs.push({ chartRef, spec, label: 'default values', index: jobs.length });
    for (const f of files) jobs.push({ chartRef, spec, valuesFile: f, label: local ? relativeTo(chartRef, f) : f, index: jobs.length });
  }
  const t0 = Date.now();
  const runs: ValuesRun[] = new Array(jobs.length);
  let next = 0;
  // A chart is read once for all its values files: actions never change a loaded chart
  // (dependency processing works on a copy), so the runs share it.
  const charts = new Map<string, Promise<Chart | undefined>>();
  const loadShared = (ref: string) => {
    let c = charts.get(ref);
    if (!c) charts.set(ref, (c = locateChart(ref, { home: opts.home, credentialFiles: opts.credentialFiles }).catch(() => undefined)));
    return c;
  };
  const signal = opts.signal;
  const worker = async () => {
    while (next < jobs.length && !signal?.aborted) {
      const job = jobs[next++]!;
      const run = await runOne(job, opts, host, loadShared);
      if (signal?.aborted) return;
      runs[job.index] = run;
      opts.onRun?.(run);
    }
  };
  const interrupted = () => new InterruptedError(String(signal?.reason), `interrupted by ${String(signal?.reason)}: the test clusters were stopped and their data removed`);
  if (signal?.aborted) throw interrupted();
  // One thread hosts every embedded cluster of the run (each values file still gets its own).
  const host = opts.kubeconfig ? undefined : await clusterHost();
  let onAbort: (() => void) | undefined;
  try {
    const aborted = new Promise<never>((_, reject) => signal?.addEventListener('abort', (onAbort = () => reject(interrupted())), { once: true }));
    aborted.catch(() => undefined);
    // An abort does not wait for the runs in progress (an install may wait minutes): the clusters go away under them.
    await Promise.race([Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker)), aborted]);
    if (signal?.aborted) throw interrupted();
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await host?.close();
  }
  return { runs, failed: runs.filter((r) => r.failed).length, ms: Date.now() - t0 };
}

/** Runs one of ct's additional-commands through the shell; its output goes into the failure when it fails. */
function additionalCommand(command: string, cwd?: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile('/bin/sh', ['-c', command], { cwd, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (!err) return resolvePromise();
      const out = `${stdout}${stderr}`.trim().split('\n').slice(-20);
      reject(new PhaseFailure(`additional command failed (exit ${(err as { code?: number }).code ?? '?'}): ${command}`, out));
    });
  });
}

function relativeTo(chartDir: string, file: string): string {
  const root = resolve(chartDir) + '/';
  const abs = resolve(file);
  return abs.startsWith(root) ? abs.slice(root.length) : file;
}

/** A failure a phase reports in its own words (not an unexpected exception). */
class PhaseFailure extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    readonly where: { file?: string; line?: number } = {},
  ) {
    super(message);
  }
}

function releaseNameFor(chart: string, index: number): string {
  const base = chart.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'chart';
  return `${base}-${index}`;
}

async function runOne(job: Job, opts: ChartTestOptions, host: ClusterHost | undefined, loadChart: (ref: string) => Promise<Chart | undefined>): Promise<ValuesRun> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const phases: PhaseResult[] = [];
  const extra = opts.extraValues ?? {};
  const valueOptions: ValueOptions = { ...extra, valueFiles: [...(job.valuesFile ? [job.valuesFile] : []), ...(extra.valueFiles ?? [])] };
  let chart: Chart | undefined;
  let release = releaseNameFor(basename(job.chartRef).replace(/\.tgz$/, ''), job.index);
  let namespace = 'default';
  let cluster: TestCluster | undefined;
  let rendered: Manifest[] = [];
  let failedPhase: PhaseName | undefined;
  let diag: ValuesRun['diagnostics'];
  let installed = false;
  let templateErrors: { path: string; line?: number; message: string }[] = [];

  const phase = async (name: PhaseName, body: () => Promise<{ message?: string; details?: string[] } | void>): Promise<void> => {
    if (failedPhase) {
      phases.push({ phase: name, status: 'skipped', ms: 0 });
      return;
    }
    const t = Date.now();
    try {
      const r = (await body()) ?? {};
      phases.push({ phase: name, status: 'passed', ms: Date.now() - t, ...(r.message ? { message: r.message } : {}), ...(r.details?.length ? { details: r.details } : {}) });
    } catch (err) {
      failedPhase = name;
      const e = err as Error & { template?: string; line?: number };
      const where = err instanceof PhaseFailure ? err.where : { file: e.template, line: e.line };
      phases.push({
        phase: name,
        status: 'failed',
        ms: Date.now() - t,
        message: isSkiffError(err) || err instanceof PhaseFailure ? e.message : String(e.stack ?? e),
        ...(err instanceof PhaseFailure && err.details.length ? { details: err.details } : {}),
        ...(where.file ? { file: where.file } : {}),
        ...(where.line ? { line: where.line } : {}),
      });
      if (cluster) diag = await diagnostics(cluster.backend, namespace);
    }
  };

  if (existsSync(job.chartRef)) chart = await loadChart(job.chartRef);
  // The embedded cluster starts while lint and render run; validate waits for it.
  let starting: Promise<TestCluster> | undefined = host ? embeddedCluster(host) : undefined;
  starting?.catch(() => undefined);
  try {
    await phase('lint', async () => {
      const ct = job.spec.lintErrors ?? [];
      if (ct.length) throw new PhaseFailure(ct[0]!, ct.slice(1), { file: ct[0]!.split(':')[0] });
      for (const command of job.spec.commands ?? []) await additionalCommand(command, opts.cwd);
      // ct's additional commands may change the chart (dependency build): it is read again after them.
      if (job.spec.commands?.length && existsSync(job.chartRef)) chart = await locateChart(job.chartRef, { home: opts.home, credentialFiles: opts.credentialFiles }).catch(() => undefined);
      if (!existsSync(job.chartRef)) return { message: 'skipped: lint needs a local chart directory or archive' };
      const r = await lint({ paths: [job.chartRef], values: valueOptions, namespace, renderer: opts.renderer, ...(chart ? { loaded: new Map([[job.chartRef, chart]]) } : {}) });
      const findings = r.charts.flatMap((c) => c.findings);
      const show = (f: (typeof findings)[number]) => `[${f.severity}] ${f.path}${f.line ? `:${f.line}` : ''}: ${f.message}`;
      // Errors in templates/ are rendering errors: the render phase reports them (with the template's file and line).
      templateErrors = findings.filter((f) => f.severity === 'ERROR' && f.path.startsWith('templates/'));
      const errors = findings.filter((f) => f.severity === 'ERROR' && !f.path.startsWith('templates/'));
      if (errors.length) throw new PhaseFailure(`lint found ${errors.length} error(s)`, errors.map(show), { file: errors[0]!.path || undefined, line: errors[0]!.line });
      return { details: findings.filter((f) => f.severity === 'WARNING').map(show) };
    });
    await phase('render', async () => {
      chart ??= await locateChart(job.chartRef, { home: opts.home, credentialFiles: opts.credentialFiles });
      release = releaseNameFor(chart.metadata.name, job.index);
      if (opts.kubeconfig) namespace = `${release.slice(0, 40)}-${Math.random().toString(36).slice(2, 8)}`;
      const r = await template({ chartRef: job.chartRef, chart, releaseName: release, namespace, values: valueOptions, renderer: opts.renderer, locate: { home: opts.home, credentialFiles: opts.credentialFiles } });
      if (templateErrors.length) {
        const first = templateErrors[0]!;
        throw new PhaseFailure(`${first.path}${first.line ? `:${first.line}` : ''}: ${first.message}`, templateErrors.slice(1).map((f) => `${f.path}${f.line ? `:${f.line}` : ''}: ${f.message}`), { file: first.path, line: first.line });
      }
      // Documents of comments only are printed by template but hold nothing to validate or apply.
      rendered = [...r.manifests.filter((m) => !m.empty), ...r.hooks];
      return { message: `${r.manifests.length} manifest(s), ${r.hooks.length} hook(s)` };
    });
    await phase('validate', async () => {
      const pending = starting;
      starting = undefined;
      cluster = pending ? await pending : await namespaceCluster(opts.kubeconfig!, namespace, opts.kubeContext);
      const kinds = crdKinds(collectCrds(chart!, chart!.metadata.name));
      const { rejections, skipped } = await validateManifests(cluster.backend, rendered, namespace, kinds);
      if (rejections.length) {
        const first = rejections[0]!;
        throw new PhaseFailure(`the API server rejected ${rejections.length} manifest(s): ${first.object}: ${first.message}`, rejections.map((r) => `${r.source}: ${r.object}: ${r.message}`), { file: first.source });
      }
      return skipped.length ? { message: `${skipped.length} custom resource(s) of the chart's own CRDs checked at install`, details: skipped } : {};
    });
    const values = await mergeValueOptions(valueOptions);
    const cfgOf = () => newConfiguration({ backend: cluster!.backend, driver: 'secret', renderer: opts.renderer });
    const tests = async () => {
      const r = await runTests(cfgOf(), { releaseName: release, namespace, timeoutMs, logs: false });
      if (r.failure) throw new PhaseFailure(r.failure);
      return { message: r.hooks.length ? `${r.hooks.length} test(s) passed` : 'the chart has no tests' };
    };
    const fromRef = job.spec.upgradeFrom ?? opts.upgradeFrom;
    let from = fromRef ? await locateChart(fromRef, { home: opts.home, credentialFiles: opts.credentialFiles }) : undefined;
    await phase('install', async () => {
      installed = true;
      if (from && job.spec.upgradeFromOptional) {
        // ct's upgrade test: a previous revision that does not install is no verdict on this one.
        const failed = await install(cfgOf(), { chart: from, values, namespace, releaseName: release, wait: true, timeoutMs }).then(
          () => undefined,
          (err: Error) => err.message,
        );
        if (!failed) return { message: `installed the previous revision ${from.metadata.version} to upgrade from` };
        await uninstall(cfgOf(), { names: [release], namespace, wait: true, timeoutMs, ignoreNotFound: true });
        const previous = from.metadata.version;
        from = undefined;
        await install(cfgOf(), { chart: chart!, values, namespace, releaseName: release, wait: true, timeoutMs });
        return { message: `upgrade from the previous revision ${previous} not tested: it failed to install (${failed})` };
      }
      await install(cfgOf(), { chart: from ?? chart!, values, namespace, releaseName: release, wait: true, timeoutMs });
      return from ? { message: `installed ${from.metadata.name}-${from.metadata.version} to upgrade from` } : {};
    });
    await phase('test', tests);
    await phase('upgrade', async () => {
      await upgrade(cfgOf(), { chart: chart!, values, valuesGiven: true, namespace, releaseName: release, wait: true, timeoutMs });
      return { message: from ? `upgraded from ${from.metadata.version} to ${chart!.metadata.version}` : 'upgraded with the same chart' };
    });
    await phase('test-upgrade', tests);
    await phase('rollback', async () => {
      await rollback(cfgOf(), { releaseName: release, namespace, revision: 1, wait: true, timeoutMs });
    });
    await phase('test-rollback', tests);
    await phase('uninstall', async () => {
      await uninstall(cfgOf(), { names: [release], namespace, wait: true, timeoutMs });
      installed = false;
    });
    await phase('leftovers', async () => {
      const left = await findLeftovers(cluster!.backend, rendered, namespace, opts.leftoverTimeoutMs ?? 30_000);
      if (left.length) throw new PhaseFailure(`${left.length} object(s) left after uninstall: ${left.map((l) => l.object).join(', ')}`, left.map((l) => `${l.object}: ${l.reason}`));
    });
  } finally {
    // A run that failed before validate never used the cluster started for it.
    if (starting) await (await starting.catch(() => undefined))?.close();
    if (cluster) {
      // On a shared cluster, a failed run still gives its release back before its namespace goes.
      if (installed && opts.kubeconfig) await uninstall(newConfiguration({ backend: cluster.backend, driver: 'secret', renderer: opts.renderer }), { names: [release], namespace, timeoutMs: 60_000, ignoreNotFound: true }).catch(() => undefined);
      await cluster.close();
    }
  }
  return {
    chart: chart ? `${chart.metadata.name}-${chart.metadata.version}` : job.chartRef,
    ...(job.valuesFile ? { valuesFile: job.valuesFile } : {}),
    label: job.label,
    release,
    namespace,
    phases,
    failed: failedPhase !== undefined,
    ...(failedPhase ? { failedPhase } : {}),
    ms: Date.now() - started,
    ...(diag ? { diagnostics: diag } : {}),
  };
}
