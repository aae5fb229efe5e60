// Helm's value coalescing (pkg/chartutil/coalesce.go, v3 line).
import type { Chart, Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { concatPrefix, copyMap, deepCopy, has, isTable, put } from './util.js';

/** The values key that holds globals. */
export const GLOBAL_KEY = 'global';

/** Receives Helm's coalescing warnings (type conflicts that were resolved by keeping the user's side). */
export type WarnFn = (message: string) => void;

export interface CoalesceOptions {
  readonly warn?: WarnFn;
}

const noWarn: WarnFn = () => {};

/**
 * Coalesces a chart's default values (and its subcharts') under the user's
 * values and returns a new tree; `userValues` and the chart are not modified.
 *
 * Rules (Helm's CoalesceValues):
 *   - User values beat chart defaults; a parent chart beats its subcharts: the
 *     parent's `<subchart>:` section overrides the subchart's values.yaml.
 *   - Maps merge recursively; scalars and lists replace whole.
 *   - A user `null` for a key the defaults have deletes the key; a `null`
 *     for a key with no default is kept as null (so is a null default that
 *     the user does not override).
 *   - A conflict between a map and a non-map keeps the user's side, with a
 *     warning naming the full dotted key.
 *   - Every subchart gets a `<name>:` map (created when missing; a non-map
 *     there is an error) and a `global:` map: the parent's globals flow down
 *     into it (parent wins; the subchart's own globals only fill gaps) and
 *     never up or sideways.
 *   - A chart sees all of its own values and the sections meant for its
 *     subcharts.
 * Throws ValuesError `type mismatch on <subchart>` when a subchart's section is not a map.
 */
export function coalesceValues(chart: Chart, userValues: Values | null | undefined, opts: CoalesceOptions = {}): Values {
  const dest = userValues ? deepCopy(userValues) : {};
  return coalesce(opts.warn ?? noWarn, chart, dest, '', false);
}

/**
 * Like coalesceValues but keeps every `null` (Helm's MergeValues): used while
 * dependencies are processed, before the final coalesce removes them.
 */
export function mergeValues(chart: Chart, userValues: Values | null | undefined, opts: CoalesceOptions = {}): Values {
  const dest = userValues ? deepCopy(userValues) : {};
  return coalesce(opts.warn ?? noWarn, chart, dest, '', true);
}

/**
 * Merges `src` into `dst` (modified and returned); `dst` is authoritative.
 * A `null` in dst deletes a key src gives a non-null value (Helm's CoalesceTables).
 */
export function coalesceTables(dst: Values | null, src: Values | null, opts: CoalesceOptions = {}): Values | null {
  return coalesceTablesFullKey(opts.warn ?? noWarn, dst, src, '', false);
}

/** Like coalesceTables but every `null` survives (Helm's MergeTables). */
export function mergeTables(dst: Values | null, src: Values | null, opts: CoalesceOptions = {}): Values | null {
  return coalesceTablesFullKey(opts.warn ?? noWarn, dst, src, '', true);
}

function coalesce(warn: WarnFn, chart: Chart, dest: Values, prefix: string, merge: boolean): Values {
  coalesceChartValues(warn, chart, dest, prefix, merge);
  return coalesceDeps(warn, chart, dest, prefix, merge);
}

function coalesceDeps(warn: WarnFn, chart: Chart, dest: Values, prefix: string, merge: boolean): Values {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    if (!has(dest, name)) put(dest, name, {});
    else if (!isTable(dest[name])) {
      throw new ValuesError(`type mismatch on ${name}: the values for a subchart must be a map, got ${JSON.stringify(dest[name])}`);
    }
    const dv = dest[name] as Values;
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(warn, dv, dest, subPrefix);
    put(dest, name, coalesce(warn, sub, dv, subPrefix, merge));
  }
  return dest;
}

// Copies the globals of src into dest.global: parent (src) wins, but maps are
// merged so the subchart's own globals fill the gaps.
function coalesceGlobals(warn: WarnFn, dest: Values, src: Values, prefix: string): void {
  let dg: Values;
  let sg: Values;
  if (!has(dest, GLOBAL_KEY)) dg = {};
  else if (isTable(dest[GLOBAL_KEY])) dg = dest[GLOBAL_KEY] as Values;
  else {
    warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
    return;
  }
  if (!has(src, GLOBAL_KEY)) sg = {};
  else if (isTable(src[GLOBAL_KEY])) sg = src[GLOBAL_KEY] as Values;
  else {
    warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
    return;
  }
  for (const [key, val] of Object.entries(sg)) {
    if (isTable(val)) {
      // Helm copies one level only; deeper maps are shared with the parent.
      const vv = copyMap(val);
      if (!has(dg, key)) put(dg, key, vv);
      else if (!isTable(dg[key])) warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
      else {
        coalesceTablesFullKey(warn, vv, dg[key] as Values, concatPrefix(prefix, key), true);
        put(dg, key, vv);
      }
    } else if (has(dg, key) && isTable(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      put(dg, key, val);
    }
  }
  put(dest, GLOBAL_KEY, dg);
}

// Lays one chart's defaults under the values meant for it.
function coalesceChartValues(warn: WarnFn, chart: Chart, v: Values, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  const defaults = deepCopy(chart.values ?? {});
  for (const [key, val] of Object.entries(defaults)) {
    if (has(v, key)) {
      const value = v[key];
      if (value === null && !merge) {
        // A user null removes the default (and itself).
        delete v[key];
      } else if (isTable(value)) {
        if (!isTable(val)) {
          if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          // Nulls in a subchart's section must survive until that subchart's own coalesce.
          const childMerge = chart.dependencies.some((d) => d.metadata.name === key) || merge;
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    } else {
      put(v, key, val);
    }
  }
}

function coalesceTablesFullKey(warn: WarnFn, dst: Values | null, src: Values | null, prefix: string, merge: boolean): Values | null {
  if (src === null || src === undefined) return dst;
  if (dst === null || dst === undefined) return src;
  for (const [key, val] of Object.entries(src)) {
    const fullKey = concatPrefix(prefix, key);
    const present = has(dst, key);
    const dv = present ? dst[key] : undefined;
    if (present && !merge && dv === null) {
      // The user nulled a default: drop it (Helm 3.17 drops it even over a
      // null default; a null for a key with no default is never visited).
      delete dst[key];
    } else if (!present) {
      put(dst, key, val);
    } else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesFullKey(warn, dv, val, fullKey, merge);
      else warn(`warning: cannot overwrite table with non table for ${fullKey} (${goValue(val)})`);
    } else if (isTable(dv) && val !== null) {
      warn(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${goValue(val)})`);
    }
  }
  return dst;
}

function goValue(v: unknown): string {
  if (isTable(v)) return `map[${Object.entries(v).map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}
