// Helm's dependency processing (pkg/chartutil/dependencies.go): aliases,
// tags, conditions, pruning of disabled subcharts, and import-values.
import type { Chart, ChartDependency, Values } from '../chart/types.js';
import { satisfiesConstraint } from '../chart/semver.js';
import { coalesceValues, mergeTables, mergeValues, coalesceTables, type WarnFn } from './coalesce.js';
import { deepCopy, has, isTable } from './util.js';

export interface DependencyOptions {
  readonly warn?: WarnFn;
  /** true (the default, what install/upgrade use) keeps nulls while importing values. */
  readonly merge?: boolean;
}

/**
 * Returns a copy of `chart` with its dependencies processed the way Helm's
 * ProcessDependenciesWithMerge does, leaving the caller's chart untouched:
 *   - each Chart.yaml dependency is matched to a loaded subchart by name and
 *     version range; an `alias` renames the subchart (and the entry);
 *   - every entry is enabled, then `tags` (top-level `tags:` map: disabled only
 *     when one of its tags is false and none is true), then `condition`
 *     (comma-separated paths relative to the parent's values; the first that
 *     resolves to a bool wins; non-bools are warned about and skipped) decide;
 *     the values used are the user values coalesced with the chart defaults;
 *   - disabled subcharts are removed (with everything under them), then the
 *     enabled ones are processed the same way with paths prefixed `<name>.`;
 *   - subcharts in charts/ that no entry names stay enabled;
 *   - `import-values` copy child tables into the parent's values, below the
 *     parent's own values: `- data` takes the child's `exports.data` map into
 *     the parent's root, `{child: a.b, parent: x.y}` copies `a.b` to `x.y`.
 * The returned chart's `values` are Helm's pre-processed defaults (its own
 * merged with its subcharts' and imports).
 */
export function processDependencies(chart: Chart, userValues: Values, opts: DependencyOptions = {}): Chart {
  const warn = opts.warn ?? (() => {});
  const work = cloneChart(chart);
  processDependencyEnabled(work, userValues ?? {}, '', warn);
  processDependencyImportValues(work, opts.merge ?? true, warn);
  return work;
}

/** Helm's IsCompatibleRange: whether `version` satisfies the Masterminds-style `constraint` (false when either does not parse). */
export function isCompatibleRange(constraint: string | undefined, version: string): boolean {
  // Masterminds rejects an empty constraint, so an entry without a version never matches.
  if (!constraint || constraint.trim() === '') return false;
  try {
    return satisfiesConstraint(version, constraint);
  } catch {
    return false;
  }
}

/** A copy whose metadata, dependency entries and subchart list may be changed freely (values are shared, never mutated). */
function cloneChart(c: Chart): Chart {
  return {
    ...c,
    metadata: {
      ...c.metadata,
      dependencies: c.metadata.dependencies?.map((d) => ({ ...d })),
    },
    dependencies: c.dependencies.map(cloneChart),
  };
}

function getAliasDependency(charts: Chart[], dep: ChartDependency): Chart | undefined {
  for (const c of charts) {
    if (!c || c.metadata.name !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version)) continue;
    const out = cloneChart(c);
    if (dep.alias) out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processDependencyEnabled(c: Chart, v: Values, path: string, warn: WarnFn): void {
  const reqs = c.metadata.dependencies;
  if (reqs === undefined || reqs === null) return;

  const chartDependencies: Chart[] = [];
  for (const existing of c.dependencies) {
    const listed = reqs.some((r) => r && existing.metadata.name === r.name && isCompatibleRange(r.version, existing.metadata.version));
    if (!listed) chartDependencies.push(existing);
  }
  for (const req of reqs) {
    if (!req) continue;
    const dep = getAliasDependency(c.dependencies, req);
    if (dep) chartDependencies.push(dep);
    if (req.alias) req.name = req.alias;
  }
  c.dependencies = chartDependencies;

  for (const r of reqs) if (r) r.enabled = true;
  const cvals = coalesceValues(c, v, { warn });
  processDependencyTags(reqs, cvals, warn);
  processDependencyConditions(reqs, cvals, path, warn);

  const rm = new Set(reqs.filter((r) => r && !r.enabled).map((r) => r.name));
  const cd = c.dependencies.filter((d) => !rm.has(d.metadata.name));
  const cdMetadata = reqs.filter((r) => r && !rm.has(r.name));
  for (const t of cd) processDependencyEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = cdMetadata;
  c.dependencies = cd;
}

function processDependencyTags(reqs: ChartDependency[], cvals: Values, warn: WarnFn): void {
  const vt = table(cvals, 'tags');
  if (!vt) return;
  for (const r of reqs) {
    if (!r) continue;
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags ?? []) {
      if (!has(vt, k)) continue;
      const b = vt[k];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        warn(`Warning: Tag '${k}' for chart ${r.name} returned non-bool value`);
      }
    }
    r.enabled = hasTrue || !hasFalse;
  }
}

function processDependencyConditions(reqs: ChartDependency[], cvals: Values, cpath: string, warn: WarnFn): void {
  for (const r of reqs) {
    if (!r) continue;
    // Helm trims the whole condition but not each path.
    for (const cond of String(r.condition ?? '').trim().split(',')) {
      if (cond.length === 0) continue;
      const found = pathValue(cvals, cpath + cond);
      if (!found.ok) continue;
      if (typeof found.value === 'boolean') {
        r.enabled = found.value;
        break;
      }
      warn(`Warning: Condition path '${cond}' for chart ${r.name} returned non-bool value`);
    }
  }
}

/** Helm's Values.Table: the map at a dotted path, or undefined. */
export function table(v: Values, name: string): Values | undefined {
  let t: Values = v;
  for (const n of name.split('.')) {
    if (!has(t, n) || !isTable(t[n])) return undefined;
    t = t[n] as Values;
  }
  return t;
}

/** Helm's Values.PathValue: a non-map value at a dotted path. */
export function pathValue(v: Values, path: string): { ok: true; value: unknown } | { ok: false } {
  if (path === '') return { ok: false };
  const parts = path.split('.');
  const key = parts[parts.length - 1];
  const t = parts.length === 1 ? v : table(v, parts.slice(0, -1).join('.'));
  if (!t || !has(t, key) || isTable(t[key])) return { ok: false };
  return { ok: true, value: t[key] };
}

function pathToMap(path: string, data: Values): Values {
  if (path === '.') return data;
  let cur: Values = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const next: Values = {};
    Object.defineProperty(next, parts[i], { value: cur, enumerable: true, writable: true, configurable: true });
    cur = next;
  }
  return cur;
}

function processDependencyImportValues(c: Chart, merge: boolean, warn: WarnFn): void {
  for (const d of c.dependencies) processDependencyImportValues(d, merge, warn);
  processImportValues(c, merge, warn);
}

function processImportValues(c: Chart, merge: boolean, warn: WarnFn): void {
  const reqs = c.metadata.dependencies;
  if (reqs === undefined || reqs === null) return;
  const cvals = merge ? mergeValues(c, {}, { warn }) : coalesceValues(c, {}, { warn });
  let b: Values = {};
  const combine = (dst: Values, src: Values): Values => (merge ? mergeTables(dst, src, { warn }) : coalesceTables(dst, src, { warn })) ?? {};
  for (const r of reqs) {
    if (!r) continue;
    const outiv: { child: string; parent: string }[] = [];
    for (const riv of r['import-values'] ?? []) {
      if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        outiv.push({ child, parent: '.' });
        const vm = table(cvals, `${r.name}.${child}`);
        if (!vm) {
          warn(`Warning: ImportValues missing table: no table named "${r.name}.${child}"`);
          continue;
        }
        b = combine(b, vm);
      } else if (isTable(riv)) {
        const child = String((riv as Values).child);
        const parent = String((riv as Values).parent);
        outiv.push({ child, parent });
        const vv = table(cvals, `${r.name}.${child}`);
        if (!vv) {
          warn(`Warning: ImportValues missing table from chart ${r.name}: no table named "${r.name}.${child}"`);
          continue;
        }
        b = combine(b, pathToMap(parent, vv));
      }
    }
    r['import-values'] = outiv;
  }
  // Imported values rank below the parent's own: b is merged under cvals.
  c.values = merge ? (mergeTables(deepCopy(cvals), b, { warn }) ?? {}) : (coalesceTables(trimNilValues(cvals), b, { warn }) ?? {});
}

function trimNilValues(vals: Values): Values {
  const out = deepCopy(vals);
  const walk = (m: Values): void => {
    for (const [k, v] of Object.entries(m)) {
      if (v === null) delete m[k];
      else if (isTable(v)) walk(v);
    }
  };
  walk(out);
  return out;
}
