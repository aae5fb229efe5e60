// Runs helm-unittest suites against a chart: values layered as helm-unittest
// does (chart defaults <- suite values files <- test values files <- set),
// each distinct input rendered once with renderChart (whichever engine the
// chart uses), the documents of the chosen templates judged by each assertion.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadChart } from '../chart/index.js';
import type { Chart, Values } from '../chart/types.js';
import { mergeMaps, prepareChartValues, parseValuesYaml } from '../values/index.js';
import { sandboxRenderer, type Renderer } from '../render/index.js';
import { defaultApiVersions } from '../apimachinery/api-versions.js';
import { DEFAULT_KUBE_VERSION } from '../version.js';
import { UsageError } from '../errors.js';
import { SuiteError, type Assertion, type Suite, type TestCase } from './suite.js';
import { loadSuiteCached } from './suite-cache.js';
import { judge, type Doc } from './assertions.js';
import { SnapshotFile, type SnapshotSummary } from './snapshot.js';
import { PathError, select } from './path.js';

export interface UnittestOptions {
  readonly charts: readonly string[];
  /** Suite file globs relative to the chart (default tests/*_test.yaml). */
  readonly files?: readonly string[];
  /** -u: rewrite snapshots. */
  readonly update?: boolean;
  /** CI mode: a missing or obsolete snapshot fails (default off; the CLI turns it on when $CI is "true"). */
  readonly ci?: boolean;
  /** Where templates run (default: the sandboxed renderer). */
  readonly renderer?: Renderer;
  /** Where parsed suites are kept between runs (src/unittest/suite-cache.ts); none by default. */
  readonly suiteCacheDir?: string;
}

export interface AssertResult {
  readonly index: number;
  readonly type: string;
  readonly not: boolean;
  readonly pass: boolean;
  readonly lines: readonly string[];
  readonly line?: number;
}

export interface TestResult {
  readonly name: string;
  readonly line?: number;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly skipReason?: string;
  readonly asserts: readonly AssertResult[];
  readonly ms: number;
}

export interface SuiteResult {
  readonly chart: string;
  readonly file: string;
  readonly name: string;
  readonly tests: readonly TestResult[];
  readonly snapshot: SnapshotSummary;
  readonly failed: boolean;
}

export interface UnittestResult {
  readonly suites: readonly SuiteResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly ms: number;
}

/** Suite files of a chart matching helm-unittest's -f globs (only "*" within a path segment). */
export function suiteFiles(chartDir: string, globs: readonly string[] = ['tests/*_test.yaml']): string[] {
  const out = new Set<string>();
  for (const g of globs) {
    const parts = g.split('/');
    let dirs = [chartDir];
    for (const [i, part] of parts.entries()) {
      const re = new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
      const last = i === parts.length - 1;
      dirs = dirs.flatMap((d) => (existsSync(d) && statSync(d).isDirectory() ? readdirSync(d).filter((n) => re.test(n)).map((n) => join(d, n)) : []).filter((p) => (last ? statSync(p).isFile() : statSync(p).isDirectory())));
    }
    for (const d of dirs) out.add(d);
  }
  return [...out].sort();
}

interface Rendered {
  readonly files?: Record<string, string>;
  readonly error?: string;
  /** The documents of each rendered file, parsed on first use and shared by every assertion on this input (assertions only read them). */
  readonly docs?: Map<string, readonly Doc[]>;
}

/** Sets a helm-unittest `set` path (a.b[0].c, \. escapes a dot) into `target`; refuses prototype keys. */
function setPath(target: Values, path: string, value: unknown, where: string): void {
  const keys: (string | number)[] = [];
  for (const part of path.split(/(?<!\\)\./)) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part.replace(/\\\./g, '.'));
    if (!m) throw new UsageError(`${where}: invalid set path "${path}"`);
    if (m[1]) keys.push(m[1]);
    for (const ix of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(ix[1]));
  }
  let cur: any = target;
  for (const [i, k] of keys.entries()) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new UsageError(`${where}: set path "${path}" uses the reserved key "${k}"`);
    const last = i === keys.length - 1;
    if (last) cur[k] = value;
    else {
      const nextIsIndex = typeof keys[i + 1] === 'number';
      if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = nextIsIndex ? [] : {};
      cur = cur[k];
    }
  }
}

/** Runs every suite of every chart; throws SuiteError/UsageError for bad input (file and line), never for a failing assertion. */
export async function unittest(opts: UnittestOptions): Promise<UnittestResult> {
  const renderer = opts.renderer ?? sandboxRenderer;
  renderer.prestart?.();
  const t0 = Date.now();
  const work: Promise<SuiteResult>[] = [];
  for (const chartDir of opts.charts) {
    const chart = await loadChart(chartDir);
    const files = suiteFiles(chartDir, opts.files);
    const suites = files.map((f) => loadSuiteCached(f, displayPath(f), opts.suiteCacheDir));
    const renders = new Map<string, Promise<Rendered>>();
    for (const [i, suite] of suites.entries()) work.push(runSuite(chart, chartDir, files[i]!, suite, renders, renderer, { update: !!opts.update, ci: opts.ci ?? false }));
  }
  const suites = await Promise.all(work);
  const all = suites.flatMap((s) => s.tests);
  return { suites, passed: all.filter((t) => t.status === 'passed').length, failed: all.filter((t) => t.status === 'failed').length + suites.filter((s) => s.snapshot.problems.length).length, skipped: all.filter((t) => t.status === 'skipped').length, ms: Date.now() - t0 };
}

/** A path relative to the working directory when it lies inside it. */
function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  return rel && !rel.startsWith('..') ? rel : p;
}

function readValuesFile(suitePath: string, file: string, display: string): Values {
  const p = resolve(dirname(suitePath), file);
  if (!existsSync(p)) throw new SuiteError(display, undefined, `values file "${file}" not found (looked for ${p})`);
  return parseValuesYaml(readFileSync(p, 'utf8'), p);
}

async function runSuite(chart: Chart, chartDir: string, suitePath: string, suite: Suite, renders: Map<string, Promise<Rendered>>, renderer: Renderer, snapOpts: { update: boolean; ci: boolean }): Promise<SuiteResult> {
  const snaps = new SnapshotFile(suitePath, snapOpts);
  const tests: TestResult[] = [];
  for (const t of suite.tests) {
    const started = Date.now();
    if (suite.skip || t.skip) {
      tests.push({ name: t.it, line: t.line, status: 'skipped', skipReason: t.skip ?? suite.skip, asserts: [], ms: 0 });
      continue;
    }
    const rendered = await renderFor(chart, suitePath, suite, t, renders, renderer);
    const asserts: AssertResult[] = [];
    for (const [i, a] of t.asserts.entries()) {
      const docs = pickDocs(chart, rendered, suite, t, a);
      let verdict;
      try {
        verdict = judge(a.type, a.params, { docs, ...(rendered.error ? { renderError: rendered.error } : {}), snapshot: (c) => snaps.compare(t.it, c) }, a.not);
      } catch (err) {
        if (err instanceof PathError) throw new SuiteError(suite.file, a.line, err.message);
        throw new SuiteError(suite.file, a.line, `${a.type}: ${(err as Error).message}`);
      }
      asserts.push({ index: i, type: a.type, not: a.not, pass: verdict.pass, lines: verdict.lines, ...(a.line ? { line: a.line } : {}) });
    }
    tests.push({ name: t.it, line: t.line, status: asserts.every((x) => x.pass) ? 'passed' : 'failed', asserts, ms: Date.now() - started });
  }
  const snapshot = snaps.finish();
  return { chart: chartDir, file: suite.file, name: suite.name, tests, snapshot, failed: tests.some((x) => x.status === 'failed') || snapshot.problems.length > 0 };
}

function renderFor(chart: Chart, suitePath: string, suite: Suite, t: TestCase, renders: Map<string, Promise<Rendered>>, renderer: Renderer): Promise<Rendered> {
  let user: Values = {};
  for (const f of [...suite.values, ...t.values]) user = mergeMaps(user, readValuesFile(suitePath, f, suite.file));
  for (const [k, v] of [...Object.entries(suite.set), ...Object.entries(t.set)]) setPath(user, k, v, suite.file);
  const release = { ...suite.release, ...t.release };
  const caps = { ...suite.capabilities, ...t.capabilities };
  const meta = { ...suite.chart, ...t.chart };
  const key = JSON.stringify([user, release, caps, meta]);
  let r = renders.get(key);
  if (!r) {
    r = (async (): Promise<Rendered> => {
      try {
        const c: Chart = Object.keys(meta).length ? { ...chart, metadata: { ...chart.metadata, ...(meta.version ? { version: String(meta.version) } : {}), ...(meta.appVersion ? { appVersion: String(meta.appVersion) } : {}) } } : chart;
        const prepared = prepareChartValues(c, user, {});
        const kubeVersion = caps.majorVersion !== undefined || caps.minorVersion !== undefined ? `v${caps.majorVersion ?? 1}.${caps.minorVersion ?? DEFAULT_KUBE_VERSION.split('.')[1]}.0` : DEFAULT_KUBE_VERSION;
        const out = await renderer.render(prepared.chart, prepared.values, {
          release: { name: release.name ?? 'RELEASE-NAME', namespace: release.namespace ?? 'NAMESPACE', revision: release.revision ?? 1, isInstall: !release.upgrade, isUpgrade: !!release.upgrade },
          capabilities: { kubeVersion, apiVersions: [...defaultApiVersions(), ...(caps.apiVersions ?? [])] },
          lookup: async () => ({}),
        });
        return { files: { ...out.files, ...(out.notes !== undefined ? { [`${chart.metadata.name}/templates/NOTES.txt`]: out.notes } : {}) }, docs: new Map() };
      } catch (err) {
        return { error: (err as Error).message };
      }
    })();
    renders.set(key, r);
  }
  return r;
}

/** "deployment.yaml", "templates/deployment.yaml", "charts/sub/templates/x.yaml" or a glob, against a rendered file key. */
function templateMatches(chartName: string, key: string, want: string): boolean {
  const rel = key.startsWith(`${chartName}/`) ? key.slice(chartName.length + 1) : key;
  const candidates = [rel, rel.replace(/^templates\//, '')];
  const re = new RegExp(`^${want.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  return candidates.some((c) => re.test(c));
}

/** The documents of rendered file `key` (NOTES.txt and other text as one raw document), parsed once per rendered input. */
function fileDocs(rendered: Rendered, key: string): readonly Doc[] {
  const cached = rendered.docs?.get(key);
  if (cached) return cached;
  const text = rendered.files![key]!;
  const out: Doc[] = [];
  if (!/\.(ya?ml|tpl)$/.test(key) || /NOTES\.txt$/.test(key)) out.push({ template: key, index: 0, value: { raw: text }, raw: text });
  else {
    let index = 0;
    for (const d of parseAllDocuments(text)) {
      const value = d.toJS();
      if (value === null || value === undefined) continue;
      // The document's own text is printed only for the *Raw assertions and snapshots of it: made when first asked for.
      let raw: string | undefined;
      out.push({ template: key, index: index++, value, get raw() { return (raw ??= String(d)); } });
    }
  }
  rendered.docs?.set(key, out);
  return out;
}

function pickDocs(chart: Chart, rendered: Rendered, suite: Suite, t: TestCase, a: Assertion): Doc[] {
  if (!rendered.files) return [];
  const wanted = a.template ? [a.template] : t.templates ?? suite.templates;
  const keys = Object.keys(rendered.files).filter((k) => (wanted.length ? wanted.some((w) => templateMatches(chart.metadata.name, k, w)) : true)).sort();
  let docs: Doc[] = keys.flatMap((k) => fileDocs(rendered, k));
  const selector = a.documentSelector ?? t.documentSelector;
  if (selector) {
    docs = docs.filter((d) => select(d.value, selector.path).some((v: unknown) => JSON.stringify(v) === JSON.stringify(selector.value)));
    if (!selector.matchMany) docs = docs.slice(0, 1);
  }
  const index = a.documentIndex ?? t.documentIndex;
  if (index !== undefined && index >= 0) docs = docs.filter((d) => d.index === index);
  return docs;
}
