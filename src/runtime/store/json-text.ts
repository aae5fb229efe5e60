// Stored objects are never mutated once written, so each is serialised once:
// the durable log, GET, list and watch responses share the same text.
const cache = new WeakMap<object, string>();

/** JSON text of a stored object (computed on first use, then reused). */
export function jsonText(o: object): string {
  let s = cache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    cache.set(o, s);
  }
  return s;
}

const metadataCache = new WeakMap<object, string>();

/** JSON text of a stored object's metadata alone (PartialObjectMetadata answers), cached like jsonText. */
export function metadataText(o: { readonly metadata: object }): string {
  let s = metadataCache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o.metadata);
    metadataCache.set(o, s);
  }
  return s;
}
