// JSON value helpers shared by the patch algorithms. Keys come from request
// bodies: every write by such a key goes through setOwn, every read through
// getOwn or after hasOwn.
import { setOwn } from '../../util/own-keys.js';

export { getOwn, hasOwn, setOwn } from '../../util/own-keys.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy of a JSON value (undefined stays undefined). */
export function clone<T>(v: T): T {
  if (v === undefined || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) setOwn(out, k, clone(x));
  return out as T;
}

/** Structural equality of JSON values (key order ignored), like Go's reflect.DeepEqual on decoded JSON. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  if (ka.length !== Object.keys(bo).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual((a as Record<string, unknown>)[k], bo[k]));
}

/** The JSON type of a value, in the sense Go's reflect.TypeOf distinguishes decoded JSON. */
export function jsonKind(v: unknown): 'null' | 'object' | 'array' | 'string' | 'number' | 'boolean' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'object' | 'string' | 'number' | 'boolean';
}

/**
 * Go's fmt %v of a decoded JSON scalar: strategic merge patch sorts and
 * compares list items and merge keys by this string.
 */
export function goString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloat(v);
  return JSON.stringify(v);
}

/** Go's %v of a float64: shortest 'g' formatting, exponent form when exp < -4 or exp >= 6 (1e+06). */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expStr] = n.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return String(n);
}
