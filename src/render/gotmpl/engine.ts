// Helm's engine (pkg/engine/engine.go) over the Go-template implementation:
// every template of every Go-template chart of the tree parsed into one
// namespace in Helm's order (deepest paths first, then reverse lexical, so a
// parent's `define` wins), `include`/`tpl`/`required`/`fail` as Helm defines
// them, each non-partial template executed with its chart's top-level object,
// `<no value>` removed, and errors in Helm's wording.
import type { Chart, Values } from '../../chart/types.js';
import { RenderError } from '../../errors.js';
import type { FuncContext, FuncMap, GoFunc } from './func-types.js';
import { LimitError, TemplateExecError, type Budget } from './exec.js';
import { TemplateParseError } from './parse.js';
import { TemplateSet } from './template.js';
import { ParseCache, type StoredTrees } from './parse-cache.js';
import { quote as goQuote } from './strconv.js';
import { goCapabilities, goChart, goFiles } from './objects.js';
import { GoInt, isMap } from './value.js';
import { utf8Text } from '../template-text.js';

/** One chart of the tree rendered by this engine: its templates' path prefix and top-level object. */
export interface GoChartScope {
  readonly chart: Chart;
  /** "parent/charts/sub" */
  readonly prefix: string;
  readonly top: Record<string, unknown>;
}

export interface GoRenderOptions {
  release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean; service?: string };
  capabilities?: { kubeVersion?: string; apiVersions?: string[]; extraApiVersions?: string[] };
  strict?: boolean;
  lint?: boolean;
  ctx: FuncContext;
  budget: Budget;
  /** Which charts of the tree this engine renders (others are skipped, their values still flow). */
  renders: (c: Chart) => boolean;
  renderSubchartNotes?: boolean;
  shouldRender?: (path: string) => boolean;
  onFile?: (path: string, text: string) => void;
  /** Trees stored by earlier runs, and the receiver of the ones this render parses (the compiled-template cache). */
  storedTrees?: StoredTrees;
}

const RECURSION_MAX = 1000;
const WARN_START = 'HELM_ERR_START';
const WARN_END = 'HELM_ERR_END';

/** Helm's sortTemplates: more path segments first; equal depth in reverse lexical order. */
export function helmParseOrder(paths: string[]): string[] {
  const depth = (p: string): number => {
    let n = 1;
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) n++;
    return n;
  };
  return paths.map((p) => ({ p, d: depth(p) })).sort((a, b) => b.d - a.d || (a.p < b.p ? 1 : a.p > b.p ? -1 : 0)).map((x) => x.p);
}

/** Helm's cleanupParseError / reformatExecErrorMsg applied to an engine error. */
export function helmError(err: unknown, file: string): RenderError {
  if (err instanceof RenderError) return err;
  if (err instanceof LimitError) return new RenderError(`${file}: ${err.message}`, { template: file });
  const msg = (err as Error).message ?? String(err);
  if (err instanceof TemplateParseError) {
    const tokens = msg.split(': ');
    if (tokens.length === 1) return new RenderError(`parse error in (${file}): ${msg}`, { template: file, line: err.line });
    return new RenderError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, { template: file, line: err.line });
  }
  const tokens = splitN(msg, ': ', 3);
  if (tokens.length !== 3) return new RenderError(`execution error in (${file}): ${msg}`, { template: file });
  const warn = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`).exec(tokens[2]!);
  const line = Number(/:(\d+)(?::\d+)?$/.exec(tokens[1]!)?.[1]) || undefined;
  if (warn) return new RenderError(`execution error at (${tokens[1]}): ${warn[1]}`, { template: file, line });
  if (err instanceof TemplateExecError) return new RenderError(msg, { template: file, line });
  return new RenderError(`execution error in (${file}): ${msg}`, { template: file });
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Builds each chart's top-level object (Helm's recAllTpls), root first. */
export function goScopes(chart: Chart, values: Values, opts: Pick<GoRenderOptions, 'release' | 'capabilities'>): GoChartScope[] {
  const scopes: GoChartScope[] = [];
  const r = opts.release;
  const release = { Name: r.name, Namespace: r.namespace, IsUpgrade: r.isUpgrade, IsInstall: r.isInstall, Revision: new GoInt('int', BigInt(r.revision)), Service: r.service ?? 'Helm' };
  const caps = goCapabilities(opts.capabilities?.kubeVersion, opts.capabilities?.apiVersions, opts.capabilities?.extraApiVersions);
  const walk = (c: Chart, prefix: string, vals: unknown, isRoot: boolean): Record<string, unknown> => {
    const v = isMap(vals) ? vals : {};
    const subcharts: Record<string, unknown> = {};
    for (const sub of c.dependencies) subcharts[sub.metadata.name] = walk(sub, `${prefix}/charts/${sub.metadata.name}`, v[sub.metadata.name], false);
    const top = { Chart: goChart(c.metadata, isRoot), Files: goFiles(c.files), Release: release, Capabilities: caps, Values: v, Subcharts: subcharts };
    scopes.push({ chart: c, prefix, top });
    return top;
  };
  walk(chart, chart.metadata.name, values, true);
  return scopes;
}

/**
 * Renders the Go-template charts of a tree: path → text for every rendered
 * template (NOTES included under their path). Throws RenderError in Helm's
 * wording.
 */
export function renderGoTemplates(chart: Chart, values: Values, funcs: FuncMap, opts: GoRenderOptions): Record<string, string> {
  const scopes = goScopes(chart, values, opts).filter((s) => opts.renders(s.chart));
  // `runs`: executed in this render; `plain`: defines nothing (both decided once, below).
  const byPath = new Map<string, { scope: GoChartScope; name: string; text: string; runs: boolean; plain: boolean }>();
  for (const scope of scopes) for (const t of scope.chart.templates) byPath.set(`${scope.prefix}/${t.name}`, { scope, name: t.name, text: utf8Text(t.data), runs: false, plain: false });
  const order = helmParseOrder([...byPath.keys()]);

  // Texts that occur more than once (a library's helpers in every subchart) are parsed once.
  const seen = new Map<string, number>();
  for (const t of byPath.values()) seen.set(t.text, (seen.get(t.text) ?? 0) + 1);
  const set = newSet(funcs, opts, undefined, new ParseCache((text) => (seen.get(text) ?? 0) > 1, opts.storedTrees));
  const executes = (path: string, t: { scope: GoChartScope; name: string }): boolean => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base.startsWith('_') || !t.name.startsWith('templates/')) return false;
    if (t.scope.chart.metadata.type === 'library') return false;
    if (t.name === 'templates/NOTES.txt' && t.scope.prefix !== chart.metadata.name && !opts.renderSubchartNotes) return false;
    return !opts.shouldRender || opts.shouldRender(path);
  };
  const definesNothing = (text: string): boolean => !text.includes('define') && !text.includes('block');
  for (const path of order) {
    const t = byPath.get(path)!;
    t.runs = executes(path, t);
    t.plain = definesNothing(t.text);
    // A template that defines nothing is parsed when it runs (or when something
    // executes it by name), then dropped, so that parse trees do not pile up;
    // one outside this render's share is parsed only if something executes it.
    if (t.plain && (t.runs || (opts.shouldRender && !opts.shouldRender(path)))) {
      set.parseLater(path, t.text);
      continue;
    }
    try {
      set.parse(path, t.text);
    } catch (e) {
      throw helmError(e, path);
    }
  }
  /** Helm parses every template before executing any: a parse error anywhere wins over an execution error. */
  const parseErrorFirst = (err: unknown, path: string): RenderError => {
    for (const p of order) {
      if (p === path && err instanceof TemplateParseError) break;
      try {
        set.parsePendingOne(p);
      } catch (e) {
        return helmError(e, p);
      }
    }
    return helmError(err, path);
  };
  const out: Record<string, string> = {};
  for (const path of order) {
    const t = byPath.get(path)!;
    if (!t.runs) continue;
    const dot = { ...t.scope.top, Template: { Name: path, BasePath: `${t.scope.prefix}/templates` } };
    let text: string;
    try {
      text = set.execute(path, dot);
    } catch (e) {
      throw parseErrorFirst(e, path);
    }
    if (t.plain) set.forget(path);
    if (!opts.strict) text = text.replaceAll('<no value>', '');
    out[path] = text;
    if (t.name !== 'templates/NOTES.txt') opts.onFile?.(path, text);
  }
  return out;
}

/** The render's template set with Helm's per-render functions bound to it. */
function newSet(funcs: FuncMap, opts: GoRenderOptions, parent?: TemplateSet, parseCache?: ParseCache): TemplateSet {
  const all: Record<string, GoFunc> = Object.assign(Object.create(null) as Record<string, GoFunc>, funcs);
  const set = new TemplateSet({ funcs: all, missingKey: opts.strict ? 'error' : 'zero', ctx: opts.ctx, budget: opts.budget, name: 'gotpl', ...(parseCache ? { parseCache } : {}) }, parent);
  const included = new Map<string, number>();
  all.include = {
    params: ['string', 'interface {}'],
    results: ['string', 'error'],
    call: (_ctx, name, data) => {
      const n = name as string;
      const count = included.get(n) ?? 0;
      if (count > RECURSION_MAX) throw new Error(`rendering template has a nested reference name: ${n}: unable to execute template`);
      included.set(n, count + 1);
      try {
        return set.execute(n, data);
      } finally {
        included.set(n, (included.get(n) ?? 1) - 1);
      }
    },
  };
  const tplCache = new Map<string, TemplateSet>();
  all.tpl = {
    params: ['string', 'chartutil.Values'],
    results: ['string', 'error'],
    call: (_ctx, text, vals) => {
      const src = text as string;
      let clone = tplCache.get(src);
      if (clone === undefined) {
        clone = newSet(funcs, opts, set);
        try {
          clone.parse('gotpl', src);
        } catch (e) {
          throw new Error(`cannot parse template ${goQuote(src)}: ${(e as Error).message}`);
        }
        tplCache.set(src, clone);
      }
      try {
        return clone.execute('gotpl', vals).replaceAll('<no value>', '');
      } catch (e) {
        if (e instanceof LimitError) throw e;
        throw new Error(`error during tpl function execution for ${goQuote(src)}: ${(e as Error).message}`);
      }
    },
  };
  all.required = {
    params: ['string', 'interface {}'],
    results: ['interface {}', 'error'],
    call: (_ctx, warn, val) => {
      if (val === null || val === undefined || val === '') {
        if (opts.lint) return '';
        throw new Error(WARN_START + (warn as string) + WARN_END);
      }
      return val;
    },
  };
  all.fail = {
    params: ['string'],
    results: ['string', 'error'],
    call: (_ctx, msg) => {
      if (opts.lint) return '';
      throw new Error(WARN_START + (msg as string) + WARN_END);
    },
  };
  return set;
}
