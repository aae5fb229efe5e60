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
 * Deep copy of plain JSON data: own keys only, `__proto__` kept as a data
 * key, undefined members dropped (as JSON.stringify would). Faster than
 * structuredClone for API objects.
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
