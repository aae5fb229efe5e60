// The template engine proper: compiles every template of a chart tree with
// the hardened nunjucks, collects `define`d helpers (a parent's wins), and
// renders each non-partial template with Helm's built-in objects. Pure apart
// from `lookup`, which is a synchronous bridge supplied by the caller (the
// render process answers it over its pipe to the parent).
import { Buffer } from 'node:buffer';
import { RenderError, SandboxViolationError } from '../errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Chart, Values } from '../chart/types.js';
import { asFilter, asGlobal, FUNCTIONS, guardNunjucksFilter, KEPT_NUNJUCKS_FILTERS, s } from './functions.js';
import { beginSession, endSession, nested, type Limits, type LongRun } from './budget.js';
import { expose, hardenNunjucks, nj, type TemplateFactory } from './sandbox.js';
import { CompiledTemplates } from './compiled-templates.js';
import { buildCapabilities, buildChartObject, buildFiles, deepFreeze, plainCopy, type CapabilitiesInput } from './objects.js';
import { treeEngines } from './engine-select.js';
import { renderGoTemplates } from './gotmpl/engine.js';
import { FUNCS as GO_FUNCS } from './gotmpl/funcs.js';
import { GoInt } from './gotmpl/value.js';
import type { StoredTrees } from './gotmpl/parse-cache.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface EngineOptions {
  release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean; service?: string };
  capabilities?: CapabilitiesInput;
  /** Synchronous lookup; returns `{}` when absent. */
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;
  /** Synchronous DNS lookup for `getHostByName` (Helm's --enable-dns); "" when absent, as Helm without the flag. */
  getHostByName?: (name: string) => string;
  limits?: Partial<Limits> & { timeoutMs?: number };
  renderSubchartNotes?: boolean;
  strict?: boolean;
  /** Lint mode: Go templates' `required` and `fail` do not stop the render (Helm's LintMode). */
  lint?: boolean;
  /**
   * Render only share `index` of `count` of the manifest templates (round
   * robin in path order; NOTES go with share 0), so several processes can
   * split a large chart. Every helper is still defined in every share.
   */
  shard?: { index: number; count: number };
  /** Called with each rendered manifest file as soon as it is done (NOTES excluded); the result's `files` may then leave such files out. */
  onFile?: (path: string, text: string) => void;
  /** Called once if the render runs this long (checked as the budget is charged, so inside a long template too). */
  longRun?: LongRun;
  /** Compiled forms stored by earlier runs (Go templates' trees, nunjucks templates' code), and the receiver of the ones this render makes. */
  storedTrees?: StoredTrees;
}

export interface EngineResult {
  files: Record<string, string>;
  notes?: string;
}

export { DEFAULT_LIMITS };

const DEFINE_PREFIX = 'd_';

function defineBlockName(name: string): string {
  return DEFINE_PREFIX + Buffer.from(name, 'utf8').toString('hex');
}

function defineName(block: string): string | undefined {
  if (!block.startsWith(DEFINE_PREFIX)) return undefined;
  return Buffer.from(block.slice(DEFINE_PREFIX.length), 'hex').toString('utf8');
}

let DefineNode: any;

/** `{% define "name" %}...{% enddefine %}`: a named helper, compiled as a block that prints nothing in place. */
class DefineExtension {
  tags = ['define'];
  parse(parser: any, nodes: any): any {
    const tok = parser.nextToken();
    const nameNode = parser.parseExpression();
    if (!(nameNode instanceof nodes.Literal) || typeof nameNode.value !== 'string') {
      parser.fail('define: the helper name must be a quoted string, e.g. {% define "chart.fullname" %}', tok.lineno, tok.colno);
    }
    parser.advanceAfterBlockEnd(tok.value);
    const body = parser.parseUntilBlocks('enddefine');
    parser.advanceAfterBlockEnd();
    DefineNode ??= nodes.Block.extend('Define');
    return new DefineNode(tok.lineno, tok.colno, new nodes.Symbol(tok.lineno, tok.colno, defineBlockName(nameNode.value)), body);
  }
}

interface Located { template: string; line?: number; col?: number; message: string; violation: boolean }

const PRETTY_PREFIX = /^\((.*?)\)(?: \[Line (\d+)(?:, Column (\d+))?\])?\n\s*/;

const CLOSERS: Readonly<Record<string, string>> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/**
 * The tag that is opened and never closed, for parse errors nunjucks reports
 * at the end of the text without a position ("expected variable end").
 */
export function unclosedTag(source: string): { line: number; col: number; open: string } | undefined {
  let i = 0;
  for (;;) {
    const at = source.slice(i).search(/\{[{%#]/);
    if (at < 0) return undefined;
    const start = i + at;
    const open = source.slice(start, start + 2);
    const end = source.indexOf(CLOSERS[open]!, start + 2);
    if (end < 0) {
      const before = source.slice(0, start);
      return { line: before.split('\n').length, col: start - before.lastIndexOf('\n'), open };
    }
    i = end + 2;
  }
}

/** Turns whatever nunjucks threw into a RenderError naming template and line; `source` places errors nunjucks reports at the end of the text. */
function locate(err: unknown, template: string, phase: 'parse' | 'execution', source?: string): RenderError {
  if (err instanceof RenderError && err.template !== undefined) return err;
  const e = err as any;
  let loc: Located;
  if (err instanceof RenderError) {
    loc = { template, message: err.message, violation: err instanceof SandboxViolationError };
  } else {
    let message = String(e?.message ?? err);
    let path = template;
    // Compiled templates track 0-based positions; the parser reports 1-based ones.
    const shift = phase === 'execution' ? 1 : 0;
    let line: number | undefined = typeof e?.lineno === 'number' && e.lineno + shift > 0 ? e.lineno + shift : undefined;
    let col: number | undefined = typeof e?.colno === 'number' && e.colno + shift > 0 ? e.colno + shift : undefined;
    const m = PRETTY_PREFIX.exec(message);
    if (m) {
      if (m[1] && m[1] !== 'unknown path') path = m[1];
      if (m[2]) line = Number(m[2]) + shift;
      if (m[3]) col = Number(m[3]) + shift;
      message = message.slice(m[0].length);
    }
    const cause = e?.cause_ ?? e?.cause;
    if (cause instanceof RenderError && cause.template !== undefined) return cause;
    const isViolation = cause instanceof SandboxViolationError;
    if (cause instanceof Error) message = cause instanceof RenderError ? cause.message : cause instanceof RangeError && /call stack/.test(cause.message) ? 'recursion too deep (maximum call stack size exceeded)' : cause.message;
    else message = message.replace(/^(Error|TypeError|RangeError|Template render error): /, '');
    if (phase === 'parse' && source !== undefined && (line === undefined || /^expected (variable|block) end|end of comment/.test(message))) {
      const open = unclosedTag(source);
      if (open) {
        line = open.line;
        message += ` (the ${open.open} opened at line ${open.line}, column ${open.col} is never closed with ${CLOSERS[open.open]})`;
      }
    }
    loc = { template: path, line, col, message, violation: isViolation };
  }
  const where = loc.line === undefined ? loc.template : `${loc.template}:${loc.line}${loc.col !== undefined && phase === 'execution' ? `:${loc.col}` : ''}`;
  const text = `${phase} error at (${where}): ${loc.message}`;
  const opts = { template: loc.template, line: loc.line, cause: err };
  const out = loc.violation ? new SandboxViolationError(text, opts) : new RenderError(text, opts);
  // nunjucks passes errors that carry `lineno` through outer templates unchanged.
  Object.assign(out, { lineno: loc.line ?? 1, colno: loc.col ?? 1 });
  return out;
}

interface Helper { fn: any; template: string }

interface ChartScope {
  chart: Chart;
  prefix: string; // "webapp" or "webapp/charts/redis"
  dot: Record<string, unknown>; // Values, Release, Chart, Capabilities, Files, Subcharts
}

/** Renders a chart tree in this process with the hardened engine. Throws RenderError / SandboxViolationError. */
export function renderTemplates(chart: Chart, values: Values, opts: EngineOptions): EngineResult {
  const engines = treeEngines(chart);
  const goCharts = new Set([...engines].filter(([, e]) => e === 'go').map(([c]) => c));
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const deadline = Date.now() + limits.timeoutMs;
  // One session for both engines: what Sprig/Helm functions charge in Go
  // templates (built text, their loops) counts as it does in nunjucks.
  beginSession({ maxOutputBytes: limits.maxOutputBytes, maxRecursionDepth: limits.maxRecursionDepth, maxLoopIterations: limits.maxLoopIterations, deadline }, opts.longRun);
  try {
    const go = goCharts.size > 0 ? renderGo(chart, values, opts, goCharts, deadline) : undefined;
    if (goCharts.size === engines.size) return mergeResults(chart, go!, { files: {} });
    return mergeResults(chart, go, renderNunjucks(chart, values, opts, goCharts));
  } finally {
    endSession();
  }
}

/** Renders the Go-template charts of the tree (each chart decides its own engine). */
function renderGo(chart: Chart, values: Values, opts: EngineOptions, goCharts: Set<Chart>, deadline: number): { files: Record<string, string>; notes: { path: string; text: string }[] } {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const shard = opts.shard && opts.shard.count > 1 ? opts.shard : undefined;
  let shouldRender: ((path: string) => boolean) | undefined;
  if (shard) {
    const mine = new Set<string>();
    const paths: string[] = [];
    const walk = (c: Chart, prefix: string): void => {
      if (goCharts.has(c)) for (const t of c.templates) paths.push(`${prefix}/${t.name}`);
      for (const d of c.dependencies) walk(d, `${prefix}/charts/${d.metadata.name}`);
    };
    walk(chart, chart.metadata.name);
    let i = 0;
    for (const p of paths.sort()) {
      const base = p.slice(p.lastIndexOf('/') + 1);
      if (base.startsWith('_') || !p.includes('/templates/')) continue;
      if (base === 'NOTES.txt' ? shard.index === 0 : i++ % shard.count === shard.index) mine.add(p);
    }
    shouldRender = (p) => mine.has(p);
  }
  // --set integers are Go int64s; everything else numeric is float64.
  const rendered = renderGoTemplates(chart, plainCopy(values, (i) => new GoInt('int64', BigInt(i.digits))) as Values, GO_FUNCS, {
    release: opts.release,
    capabilities: opts.capabilities,
    strict: opts.strict,
    lint: opts.lint,
    ctx: { lookup: opts.lookup, getHostByName: opts.getHostByName },
    budget: { maxOutputBytes: limits.maxOutputBytes, maxLoopIterations: limits.maxLoopIterations, deadline, output: 0, loops: 0 },
    renders: (c) => goCharts.has(c),
    renderSubchartNotes: opts.renderSubchartNotes,
    shouldRender,
    onFile: opts.onFile,
    ...(opts.storedTrees ? { storedTrees: opts.storedTrees } : {}),
  });
  const files: Record<string, string> = {};
  const notes: { path: string; text: string }[] = [];
  for (const [path, text] of Object.entries(rendered)) {
    if (path.endsWith('/templates/NOTES.txt')) notes.push({ path, text });
    else files[path] = text;
  }
  return { files, notes };
}

/** Joins what each engine rendered; the root chart's NOTES come first. */
function mergeResults(chart: Chart, go: { files: Record<string, string>; notes: { path: string; text: string }[] } | undefined, nj: EngineResult & { notesList?: { path: string; text: string }[] }): EngineResult {
  if (go === undefined) {
    const { notesList: _unused, ...rest } = nj;
    return rest;
  }
  // Go charts only: their files as they are (no copy of a 1,000-file record).
  const files = Object.keys(nj.files).length === 0 ? go.files : { ...nj.files, ...go.files };
  const notes = [...(nj.notesList ?? []), ...go.notes];
  const result: EngineResult = { files };
  if (notes.length > 0) {
    const rootNotes = `${chart.metadata.name}/templates/NOTES.txt`;
    notes.sort((a, b) => (a.path === rootNotes ? -1 : b.path === rootNotes ? 1 : a.path < b.path ? -1 : 1));
    result.notes = notes.map((n) => n.text).join('\n');
  }
  return result;
}

/** The nunjucks engine over the tree's nunjucks charts (Go-template charts are skipped, their values still flow). */
function renderNunjucks(chart: Chart, values: Values, opts: EngineOptions, goCharts: Set<Chart>): EngineResult & { notesList?: { path: string; text: string }[] } {
  hardenNunjucks();
  const { Environment, Template } = nj.environment;
  const env = new Environment([], { autoescape: false, throwOnUndefined: opts.strict === true, dev: true });
  env.addExtension('define', new DefineExtension());
  env.globals = Object.create(null);
  const filters: Record<string, unknown> = Object.create(null);
  for (const name of KEPT_NUNJUCKS_FILTERS) filters[name] = guardNunjucksFilter(name, env.filters[name]);
  env.filters = filters;
  // Tests are looked up by name (`x is name`): own entries only, no inherited Object members.
  const tests: Record<string, unknown> = Object.create(null);
  for (const [k, f] of Object.entries(env.tests as Record<string, any>)) tests[k] = expose(f);
  env.tests = tests;

  const helpers = new Map<string, Helper>();
  const templates = new Map<string, any>();
  const scopes: ChartScope[] = [];
  const release = deepFreeze({
    Name: opts.release.name, Namespace: opts.release.namespace, Revision: opts.release.revision,
    IsInstall: opts.release.isInstall, IsUpgrade: opts.release.isUpgrade, Service: opts.release.service ?? 'Helm',
  });
  const capabilities = buildCapabilities(opts.capabilities);
  const buildScope = (c: Chart, prefix: string, vals: unknown, isRoot: boolean): Record<string, unknown> => {
    const v = (vals !== null && typeof vals === 'object' && !Array.isArray(vals) ? vals : {}) as Values;
    const subcharts: Record<string, unknown> = {};
    for (const sub of c.dependencies) {
      const name = sub.metadata.name;
      subcharts[name] = buildScope(sub, `${prefix}/charts/${name}`, v[name], false);
    }
    // renderFile copies these keys one by one, adding Template.
    const dot = deepFreeze({
      Values: v, Release: release, Chart: buildChartObject(c.metadata, isRoot), Capabilities: capabilities,
      Files: buildFiles(c.files), Subcharts: subcharts,
    });
    scopes.push({ chart: c, prefix, dot });
    return dot;
  };
  buildScope(chart, chart.metadata.name, plainCopy(values), true);

  // Compile everything; collect helpers in Helm's parse order (deepest paths
  // first, then lexical) so later ones — the parent's — win.
  const all: { path: string; scope: ChartScope; name: string }[] = [];
  for (const scope of scopes) if (!goCharts.has(scope.chart)) for (const t of scope.chart.templates) all.push({ path: `${scope.prefix}/${t.name}`, scope, name: t.name });
  const sources = new Map<string, string>();
  for (const scope of scopes) if (!goCharts.has(scope.chart)) for (const t of scope.chart.templates) sources.set(`${scope.prefix}/${t.name}`, t.data.toString('utf8'));
  const depths = new Map(all.map((t) => [t, segments(t.path)]));
  all.sort((a, b) => depths.get(b)! - depths.get(a)! || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // With a shard, a template outside it is compiled only when it may define
  // helpers (or when included); compiling dominates the cost of big charts.
  const shard = opts.shard && opts.shard.count > 1 ? opts.shard : undefined;
  const mine = new Set<string>();
  if (shard) {
    let i = 0;
    for (const t of [...all].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const base = t.path.slice(t.path.lastIndexOf('/') + 1);
      if (base.startsWith('_') || !t.name.startsWith('templates/')) continue;
      if (t.name === 'templates/NOTES.txt' ? shard.index === 0 : i++ % shard.count === shard.index) mine.add(t.path);
    }
  }
  const factories = new Map<string, TemplateFactory>();
  env.skiffFactories = factories;
  const compiled = new CompiledTemplates(opts.strict === true, factories, opts.storedTrees);
  const compile = (path: string): any => {
    const src = sources.get(path)!;
    let tmpl: any;
    const known = compiled.find(src, path);
    if (known !== undefined) {
      tmpl = new Template(known, env, path, true);
    } else {
      try {
        tmpl = new Template(src, env, path, true);
      } catch (err) {
        throw locate(err, path, 'parse', src);
      }
      compiled.add(src, tmpl);
    }
    templates.set(path, tmpl);
    return tmpl;
  };
  for (const t of all) {
    if (shard && !mine.has(t.path) && !sources.get(t.path)!.includes('define')) continue;
    const tmpl = compile(t.path);
    for (const block of Object.keys(tmpl.blocks ?? {})) {
      const name = defineName(block);
      if (name !== undefined) helpers.set(name, { fn: tmpl.blocks[block], template: t.path });
    }
  }
  const templateAt = (path: string): any => templates.get(path) ?? (sources.has(path) ? compile(path) : undefined);

  // {% include %} / {% import %} / {% extends %} see only this chart tree's templates, from memory.
  env.getTemplate = (name: unknown, _eager: unknown, parentName: unknown, ignoreMissing: unknown, cb?: (e: unknown, t?: unknown) => void) => {
    const n = s(name);
    let found = templateAt(n);
    if (found === undefined && typeof parentName === 'string') {
      const base = parentName.slice(0, parentName.lastIndexOf('/templates/') + '/templates/'.length);
      found = templateAt(base + n.replace(/^templates\//, '').replace(/^\.\//, ''));
    }
    let err: unknown = null;
    if (found === undefined && !ignoreMissing) err = new RenderError(`template not found: ${n} (only the chart's own templates can be included)`);
    if (cb) { cb(err, found); return undefined; }
    if (err) throw err;
    return found;
  };

  const Context = ContextCtor(env);
  const { Frame } = nj.runtime;
  const runBody = (fn: any, dollar: unknown, where: string): string => {
    // The context holds a copy of the data's own keys, then `$` (copied here
    // as nunjucks' Context would, without its key list: under frozen
    // intrinsics every Array push takes V8's slow path).
    const context = new Context(EMPTY, EMPTY, env);
    const ctx = context.ctx as Record<string, unknown>;
    if (dollar !== null && typeof dollar === 'object' && !Array.isArray(dollar)) {
      for (const k in dollar) if (Object.prototype.hasOwnProperty.call(dollar, k)) ctx[k] = (dollar as Record<string, unknown>)[k];
    }
    ctx.$ = dollar;
    const frame = new Frame();
    let out: string | undefined;
    let error: unknown = null;
    fn(env, context, frame, nj.runtime, (e: unknown, r: string) => { error = e; out = r; });
    if (error) throw locate(error, where, 'execution');
    return out ?? '';
  };

  const include = expose(function (this: any, name: unknown, data?: unknown) {
    const n = s(name);
    const h = helpers.get(n);
    if (h === undefined) throw new RenderError(`include: no template "${n}" is defined`);
    const dollar = arguments.length >= 2 ? data : this?.ctx?.$;
    return nested(`include "${n}"`, () => runBody(h.fn, dollar, h.template));
  });
  const tplCache = new Map<string, any>();
  const tpl = expose(function (this: any, text: unknown, data?: unknown) {
    const src = s(text);
    const dollar = arguments.length >= 2 ? data : this?.ctx?.$;
    const caller = String((this?.ctx?.$ as any)?.Template?.Name ?? 'tpl');
    const label = `${caller} (tpl)`;
    let t = tplCache.get(src);
    if (t === undefined) {
      try {
        t = new Template(src, env, label, true);
      } catch (err) {
        const e = locate(err, label, 'parse', src);
        throw e instanceof SandboxViolationError ? new SandboxViolationError(`tpl: ${e.message}`) : new RenderError(`tpl: ${e.message}`);
      }
      tplCache.set(src, t);
    }
    return nested('tpl', () => runBody(t.rootRenderFunc, dollar, label));
  });
  const lookup = expose((apiVersion: unknown, kind: unknown, namespace: unknown, name: unknown) => {
    const r = opts.lookup ? opts.lookup(s(apiVersion), s(kind), s(namespace), s(name)) : {};
    return r;
  });

  for (const [name, d] of Object.entries(FUNCTIONS)) {
    filters[name] = asFilter(d);
    if (!d.filterOnly) env.globals[name] = asGlobal(d);
  }
  const getHostByName = expose((name: unknown) => (opts.getHostByName ? opts.getHostByName(s(name)) : ''));
  filters.getHostByName = getHostByName;
  Object.assign(env.globals, { include, tpl, lookup, getHostByName });
  filters.include = expose(function (this: unknown, data: unknown, name: unknown) { return include.call(this, name, data); });
  filters.tpl = expose(function (this: unknown, text: unknown, data?: unknown) { return arguments.length >= 2 ? tpl.call(this, text, data) : tpl.call(this, text); });
  Object.assign(env.globals, nunjucksGlobals());

  const renderFile = (path: string, scope: ChartScope): string => {
    const tmpl = templateAt(path);
    // The chart's objects (frozen already, see buildScope) and this file's Template, without a spread (slow under frozen intrinsics).
    const d = scope.dot;
    const dot = Object.freeze({
      Values: d.Values, Release: d.Release, Chart: d.Chart, Capabilities: d.Capabilities, Files: d.Files, Subcharts: d.Subcharts,
      Template: Object.freeze({ Name: path, BasePath: `${scope.prefix}/templates` }),
    });
    return runBody(tmpl.rootRenderFunc, dot, path);
  };

  const files: Record<string, string> = {};
  const notes: { path: string; text: string }[] = [];
  const ordered = [...all].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const t of ordered) {
    const base = t.path.slice(t.path.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    if (!t.name.startsWith('templates/')) continue;
    if (t.scope.chart.metadata.type === 'library') continue;
    const isNotes = t.name === 'templates/NOTES.txt';
    if (isNotes && t.scope.prefix !== chart.metadata.name && !opts.renderSubchartNotes) continue;
    if (shard && !mine.has(t.path)) continue;
    const text = renderFile(t.path, t.scope);
    if (isNotes) notes.push({ path: t.path, text });
    else {
      // A receiver of each file gets it alone (the render process sends it on; keeping it too costs a large object's inserts).
      if (opts.onFile) opts.onFile(t.path, text);
      else files[t.path] = text;
    }
  }
  const result: EngineResult & { notesList?: { path: string; text: string }[] } = { files, notesList: notes };
  if (notes.length > 0) {
    const rootNotes = `${chart.metadata.name}/templates/NOTES.txt`;
    notes.sort((a, b) => (a.path === rootNotes ? -1 : b.path === rootNotes ? 1 : a.path < b.path ? -1 : 1));
    result.notes = notes.map((n) => n.text).join('\n');
  }
  return result;
}

/** How many `/`-separated parts a path has (its split length, without the array). */
function segments(path: string): number {
  let n = 1;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) n++;
  return n;
}

const EMPTY = Object.freeze(Object.create(null)) as Record<string, never>;

let contextClass: any;
/** nunjucks' Context class: environment.js does not export it, so a template made of a function hands it over. */
function ContextCtor(env: any): any {
  if (contextClass === undefined) {
    const { Template } = nj.environment;
    const root = (_e: unknown, context: any, _f: unknown, _r: unknown, cb: (e: unknown, r: string) => void): void => {
      contextClass = context.constructor;
      cb(null, '');
    };
    new Template({ type: 'code', obj: { root } }, env, 'probe', true).render({});
  }
  return contextClass;
}

/** nunjucks' own globals, reimplemented so that what they return is plain data or an exposed function. */
function nunjucksGlobals(): Record<string, unknown> {
  const range = expose((start: unknown, stop?: unknown, step?: unknown) => {
    let a = Number(start);
    let b = Number(stop);
    if (stop === undefined) { b = a; a = 0; }
    const st = step === undefined ? 1 : Number(step);
    if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(st) || st === 0) throw new RenderError('range: bad arguments');
    const n = Math.max(0, Math.ceil((b - a) / st));
    const fn = FUNCTIONS.untilStep!.fn;
    return n === 0 ? [] : fn(a, b, st);
  });
  const cycler = expose((...items: unknown[]) => {
    let index = -1;
    const obj: Record<string, unknown> = { current: null };
    obj.next = expose(() => { index = (index + 1) % Math.max(1, items.length); obj.current = items[index]; return items[index]; });
    obj.reset = expose(() => { index = -1; obj.current = null; return ''; });
    return Object.seal(obj);
  });
  const joiner = expose((sep?: unknown) => {
    let first = true;
    return expose(() => { const r = first ? '' : sep === undefined ? ',' : s(sep); first = false; return r; });
  });
  return { range, cycler, joiner };
}

