// Go's `omitempty` for maps: kube-apiserver never writes an empty map of a
// built-in type (`annotations: {}`, `labels: {}`, `data: {}`, `nodeSelector: {}`),
// because every map field of the Kubernetes API types is omitempty. What a
// client sends empty is therefore dropped, as a round trip through Go would.
import type { GroupVersionKind, TypeRef } from './dsl.js';
import { typeById, typeForGvk } from './catalog.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(t: TypeRef, v: unknown): void {
  if (t.k === 'list') {
    if (Array.isArray(v)) for (const item of v) walk(t.of, item);
    return;
  }
  if (t.k === 'map') {
    if (isObj(v)) for (const x of Object.values(v)) walk(t.of, x);
    return;
  }
  if (t.k !== 'ref' || !isObj(v)) return;
  const type = typeById(t.name);
  if (!type) return;
  for (const [k, x] of Object.entries(v)) {
    const fd = type.byName.get(k);
    if (!fd) continue;
    if (fd.type.k === 'map' && isObj(x) && Object.keys(x).length === 0) delete v[k];
    else if (typeof x === 'object' && x !== null) walk(fd.type, x);
  }
}

/** Removes empty maps from an object of a built-in kind (in place); objects of kinds the catalog does not describe are left alone. */
export function omitEmptyMaps(gvk: GroupVersionKind, obj: unknown): void {
  const t = typeForGvk(gvk);
  if (t) walk({ k: 'ref', name: t.id }, obj);
}
