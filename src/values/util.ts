// Small helpers shared by the values modules: deep copies, own-key access
// and key paths. Reading values YAML lives with the chart
// (src/chart/values-yaml.ts), which loads values.yaml.
import type { Values } from '../chart/types.js';
import { isTable } from '../chart/values-yaml.js';
import { hasOwn, setOwn } from '../util/own-keys.js';

export { collectionKey, isTable, parseValuesYaml } from '../chart/values-yaml.js';

/** Deep copy of a values tree (maps and lists are copied, scalars shared). */
export function deepCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i] as unknown);
    return out as T;
  }
  if (!isTable(v)) return v;
  const out: Values = {};
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = deepCopy((v as Values)[k]);
    if (k === '__proto__') put(out, k, x);
    else out[k] = x;
  }
  return out as T;
}

/** Shallow copy of a map (Helm's `copyMap`). */
export function copyMap(v: Values): Values {
  const out: Values = {};
  for (const [k, x] of Object.entries(v)) put(out, k, x);
  return out;
}

/** Sets a key, treating `__proto__` as an ordinary key as Go maps do. */
export const put: (o: Values, k: string, v: unknown) => void = setOwn;

/** Own-key membership (never the prototype chain). */
export const has: (o: Values, k: string) => boolean = hasOwn;

/** `a.b` joining that leaves out an empty prefix (Helm's `concatPrefix`). */
export function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}
