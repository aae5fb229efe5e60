// Objects keyed by outside data (API bodies, values, charts, headers): every
// key is a plain data key, `__proto__`, `constructor` and `prototype`
// included, and nothing ever reads or writes through the prototype chain.
// `obj[k] = v` with k = "__proto__" replaces obj's prototype instead of
// storing a key, and `obj[k]` with k = "constructor" or "__proto__" reads
// Object's internals; merging into what such a read returns is how
// Object.prototype gets polluted. Code that walks untrusted objects uses these
// helpers for every access by a key it did not choose itself.

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** True when `o` has `k` as an own property (never the prototype chain). */
export function hasOwn(o: object, k: string): boolean {
  return hasOwnProperty.call(o, k);
}

/** `o[k]` when it is an own property, else undefined. */
export function getOwn<T>(o: { readonly [key: string]: T }, k: string): T | undefined {
  return hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** Stores `v` under the own key `k`, `__proto__` included (as a data property, as JSON.parse makes it). */
export function setOwn<T>(o: { [key: string]: T }, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** Object.assign that copies own enumerable string keys as data keys (`__proto__` included). */
export function assignOwn<T extends object>(target: T, source: object): T {
  for (const k of Object.keys(source)) setOwn(target as Record<string, unknown>, k, (source as Record<string, unknown>)[k]);
  return target;
}

/**
 * A shallow copy of `o` without `drop`'s keys, in `o`'s key order (`__proto__` kept as a data key).
 * Use it instead of `delete` on objects that are kept: V8 turns an object whose property (other than
 * the last added) is deleted into a slow dictionary-mode object, several times the memory.
 */
export function withoutKeys<T extends object>(o: T, drop: ReadonlySet<string> | readonly string[]): T {
  const skip = Array.isArray(drop) ? new Set(drop) : (drop as ReadonlySet<string>);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (!skip.has(k)) setOwn(out, k, (o as Record<string, unknown>)[k]);
  return out as T;
}
