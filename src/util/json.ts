// Plain JSON data: copy, compare, freeze and print with sorted keys. Keys of
// such data often come from outside (API bodies, values): every copy keeps
// `__proto__` as a plain data key and never reads through the prototype chain.
import { hasOwn, setOwn } from './own-keys.js';

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** A JSON object: not null, not an array. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep copy of plain JSON data: own keys only, `__proto__` kept as a data
 * key, undefined members dropped (as JSON.stringify would). Faster than
 * structuredClone or a JSON round trip for API objects.
 */
export function cloneJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneJson) as unknown as T;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // for…in is the fastest walk of a plain object; own-ness is checked only for the rare
  // object whose prototype is not Object.prototype (nothing untrusted can add enumerable keys there).
  const plain = Object.getPrototypeOf(src) === Object.prototype;
  for (const k in src) {
    if (!plain && !hasOwnProperty.call(src, k)) continue;
    const x = src[k];
    if (x === undefined) continue;
    if (k === '__proto__') setOwn(out, k, cloneJson(x));
    else out[k] = cloneJson(x);
  }
  return out as T;
}

/**
 * Equality of two JSON values as their serialisations would judge it: key
 * order and keys holding undefined do not matter, non-finite numbers equal
 * null (JSON.stringify prints them so). Keys in `skip` are ignored at the top
 * level only. Builds no strings.
 */
export function jsonEqual(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (typeof a === 'number' && typeof b === 'number') return !Number.isFinite(a) && !Number.isFinite(b);
    return (a === null && typeof b === 'number' && !Number.isFinite(b)) || (b === null && typeof a === 'number' && !Number.isFinite(a));
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] === undefined ? null : a[i], bb[i] === undefined ? null : bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined || skip?.has(k)) continue;
    n++;
    if (bo[k] === undefined || !hasOwn(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined && !skip?.has(k)) n--;
  return n === 0;
}

/** JSON text with object keys sorted at every level (undefined members left out): equal data, equal text. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

/** A copy with object keys in sorted order at every level (for printing data as Go's maps print). */
export function sortKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeys) as unknown as T;
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) setOwn(out, k, sortKeys(o[k]));
  return out as T;
}

/**
 * Freezes plain data in place, deeply, and returns it. `onKey` sees every key
 * before its value is frozen (a caller refuses keys it does not accept by throwing).
 */
export function deepFreeze<T>(v: T, onKey?: (key: string) => void): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    if (onKey) {
      for (const k of Object.keys(v)) {
        onKey(k);
        deepFreeze((v as Record<string, unknown>)[k], onKey);
      }
      Object.freeze(v);
    } else {
      Object.freeze(v);
      for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    }
  }
  return v;
}
