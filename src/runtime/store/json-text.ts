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

/**
 * Lets go of the texts of a version that is no longer current (superseded or deleted, after its
 * event went out). GET, list and new watch events serve the current version; an older one is
 * serialised again only for a watch or list from an older revision. Without this, the text of
 * every version the store's watch history holds stayed in memory.
 */
export function forgetText(o: object): void {
  cache.delete(o);
  metadataCache.delete(o);
}
