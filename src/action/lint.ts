// `skiff lint`: examine charts for problems, as `helm lint` does, with every
// finding located by file (and line where one is known) and graded.
import { chartEngine, describeEngine } from '../render/engine-select.js';
import { loadChart, missingDependencies } from '../chart/index.js';
import type { Chart, Values } from '../chart/types.js';
import { mergeValueOptions, type ValueOptions } from '../values/index.js';
import { renderRelease } from './render-release.js';
import { checkOrder, recordedSubchartOrder } from '../release/order.js';
import { locateChart, type LocateOptions } from './locate-chart.js';
import { isSkiffError, RenderError } from '../errors.js';
import { parseAllDocuments } from 'yaml';
import { templateFindings } from './lint-templates.js';
import { sandboxRenderer, type Renderer } from '../render/index.js';

export type Severity = 'INFO' | 'WARNING' | 'ERROR';

export interface LintFinding {
  readonly severity: Severity;
  /** Path relative to the chart root ("Chart.yaml", "templates/deployment.yaml"), "" when about the chart as a whole. */
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

export interface ChartLint {
  readonly chart: string;
  readonly findings: LintFinding[];
  /** True when the chart has errors (or, with --strict, warnings). */
  readonly failed: boolean;
}

export interface LintOptions {
  readonly paths: readonly string[];
  readonly values?: ValueOptions;
  readonly namespace?: string;
  /** --strict: warnings fail the chart, and undefined values in templates are errors. */
  readonly strict?: boolean;
  readonly withSubcharts?: boolean;
  readonly kubeVersion?: string;
  readonly skipSchemaValidation?: boolean;
  /** For oci:// paths: version, credentials, TLS and --plain-http. */
  readonly locate?: LocateOptions;
  /** Where templates run (default: the sandboxed renderer). */
  readonly renderer?: Renderer;
  /** Charts the caller has loaded already, by path (they are not loaded again). */
  readonly loaded?: ReadonlyMap<string, Chart>;
}

export interface LintResult {
  readonly charts: ChartLint[];
  readonly failed: number;
}

/** SemVer 2.0.0 exactly (Helm's StrictNewVersion: no leading "v", no missing parts). */
const STRICT_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/** Lints every chart path; never throws for chart problems (they become findings). */
export async function lint(opts: LintOptions): Promise<LintResult> {
  (opts.renderer ?? sandboxRenderer).prestart?.();
  const charts: ChartLint[] = [];
  let userValues: Values = {};
  let valuesError: LintFinding | undefined;
  try {
    userValues = await mergeValueOptions(opts.values ?? {});
  } catch (err) {
    valuesError = { severity: 'ERROR', path: '', message: messageOf(err) };
  }
  for (const path of opts.paths) {
    charts.push(await lintOne(path, userValues, valuesError, opts));
  }
  return { charts, failed: charts.filter((c) => c.failed).length };
}

async function lintOne(path: string, userValues: Values, valuesError: LintFinding | undefined, opts: LintOptions): Promise<ChartLint> {
  const findings: LintFinding[] = [];
  const finish = (): ChartLint => ({
    chart: path,
    findings,
    failed: findings.some((f) => f.severity === 'ERROR' || (opts.strict === true && f.severity === 'WARNING')),
  });
  if (valuesError) findings.push(valuesError);
  let chart: Chart;
  try {
    chart = opts.loaded?.get(path) ?? (path.startsWith('oci://') ? await locateChart(path, opts.locate) : await loadChart(path));
  } catch (err) {
    findings.push({ severity: 'ERROR', path: '', message: `unable to load chart: ${messageOf(err)}` });
    return finish();
  }
  findings.push(...chartfileFindings(chart));
  if (chart.rawValues === undefined) findings.push({ severity: 'INFO', path: 'values.yaml', message: 'file does not exist' });
  try {
    // A Go-template chart (or one with no template syntax) lints as it does with Helm; the engine is worth a line only for skiff's own charts.
    const choice = chartEngine(chart);
    if (choice.engine === 'nunjucks' && choice.reason !== 'default') findings.push({ severity: 'INFO', path: 'Chart.yaml', message: `template engine: ${describeEngine(chart)}` });
  } catch (err) {
    findings.push({ severity: 'ERROR', path: 'Chart.yaml', message: messageOf(err) });
  }
  const missing = missingDependencies(chart);
  for (const m of missing) findings.push({ severity: 'ERROR', path: 'Chart.yaml', message: `chart dependency "${m}" is missing in charts/ (run skiff dependency build)` });
  if (chart.metadata.type === 'library') {
    findings.push(...(opts.withSubcharts ? await subchartFindings(chart, opts) : []));
    return finish();
  }
  if (valuesError || missing.length > 0) return finish();
  try {
    const r = await renderRelease({
      chart,
      userValues,
      releaseName: 'test-release',
      namespace: opts.namespace || 'default',
      kubeVersion: opts.kubeVersion,
      skipSchemaValidation: opts.skipSchemaValidation,
      renderer: opts.renderer,
      strict: opts.strict,
      lint: true,
    });
    for (const w of r.warnings) findings.push({ severity: 'WARNING', path: 'values.yaml', message: w });
    const root = chart.metadata.name + '/';
    findings.push(...templateFindings(chart, r.files));
    // Ordered apply (HIP-0025): a cycle or an unknown group would refuse every install.
    try {
      checkOrder(r.manifests.filter((m) => !m.empty), r.chart.metadata.name, recordedSubchartOrder(r.chart));
    } catch (err) {
      findings.push({ severity: 'ERROR', path: '', message: messageOf(err) });
    }
    for (const c of r.crds) {
      try {
        for (const d of parseAllDocuments(c.content)) if (d.errors.length) throw d.errors[0];
      } catch (err) {
        findings.push({ severity: 'ERROR', path: c.source.slice(root.length), message: messageOf(err) });
      }
    }
    if (r.manifests.length === 0 && r.hooks.length === 0 && chart.templates.every((t) => t.name.split('/').pop()!.startsWith('_'))) {
      findings.push({ severity: 'INFO', path: 'templates/', message: 'chart has no templates' });
    }
  } catch (err) {
    findings.push(renderFinding(err));
  }
  if (opts.withSubcharts) findings.push(...(await subchartFindings(chart, opts)));
  return finish();
}

function chartfileFindings(chart: Chart): LintFinding[] {
  const out: LintFinding[] = [];
  const m = chart.metadata;
  if (m.apiVersion === 'v1') out.push({ severity: 'WARNING', path: 'Chart.yaml', message: 'apiVersion v1 is deprecated: use v2' });
  if (!m.icon) out.push({ severity: 'INFO', path: 'Chart.yaml', message: 'icon is recommended' });
  else if (!/^(https?|file|data):/.test(m.icon)) out.push({ severity: 'WARNING', path: 'Chart.yaml', message: `invalid icon URL '${m.icon}'` });
  for (const mt of m.maintainers ?? []) {
    if (!mt.name) out.push({ severity: 'ERROR', path: 'Chart.yaml', message: 'each maintainer requires a name' });
    else if (mt.email && !/^[^@\s]+@[^@\s]+$/.test(mt.email)) out.push({ severity: 'ERROR', path: 'Chart.yaml', message: `invalid email '${mt.email}' for maintainer '${mt.name}'` });
  }
  for (const s of m.sources ?? []) if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) out.push({ severity: 'ERROR', path: 'Chart.yaml', message: `invalid source URL '${s}'` });
  if (!STRICT_SEMVER.test(m.version)) out.push({ severity: 'WARNING', path: 'Chart.yaml', message: `version '${m.version}' is not a valid SemVerV2` });
  if (m.deprecated) out.push({ severity: 'WARNING', path: 'Chart.yaml', message: `chart "${m.name}" is deprecated` });
  return out;
}

async function subchartFindings(chart: Chart, opts: LintOptions): Promise<LintFinding[]> {
  const out: LintFinding[] = [];
  for (const sub of chart.dependencies) {
    for (const f of chartfileFindings(sub)) out.push({ ...f, path: `charts/${sub.metadata.name}/${f.path}` });
    if (sub.metadata.type === 'library') continue;
    try {
      await renderRelease({ chart: sub, userValues: {}, releaseName: 'test-release', namespace: opts.namespace || 'default', kubeVersion: opts.kubeVersion, skipSchemaValidation: opts.skipSchemaValidation, renderer: opts.renderer });
    } catch (err) {
      const f = renderFinding(err);
      out.push({ ...f, path: `charts/${sub.metadata.name}/${f.path}` });
    }
  }
  return out;
}

function renderFinding(err: unknown): LintFinding {
  if (err instanceof RenderError && err.template) {
    const rel = err.template.replace(/^[^/]+\//, '');
    return { severity: 'ERROR', path: rel, ...(err.line ? { line: err.line } : {}), message: err.message };
  }
  return { severity: 'ERROR', path: '', message: messageOf(err) };
}

function messageOf(err: unknown): string {
  if (isSkiffError(err)) return err.message;
  return err instanceof Error ? err.message : String(err);
}
