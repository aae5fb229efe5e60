// What a round trip through the Go types does to an object of a built-in kind,
// which kube-apiserver never stores otherwise:
// - `null` decodes to the field's zero value and is not written back: a null
//   struct, pointer, list, map or scalar field is dropped (`affinity:
//   {nodeAffinity: null}` is stored as `affinity: {}`); a null item of a
//   string list or value of a string map is "", of a struct list or map {}.
// - `omitempty` maps: an empty map (`annotations: {}`, `labels: {}`, `data: {}`,
//   `nodeSelector: {}`) is not written, as every map field of the API types is
//   omitempty.
// Free-form JSON (RawExtension, JSON) keeps its nulls.
import type { GroupVersionKind, TypeRef } from './dsl.js';
import { typeById, typeForGvk } from './catalog.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The zero value a null list item or map value decodes to, or undefined where Go keeps the null (free-form JSON, nested lists). */
function zeroOf(t: TypeRef): unknown {
  if (t.k === 'ref') return typeById(t.name) ? {} : undefined;
  if (t.k === 'scalar') return t.s === 'string' || t.s === 'bytes' ? '' : t.s === 'boolean' ? false : 0;
  if (t.k === 'intrinsic' && t.s === 'Quantity') return '0';
  return undefined;
}

function walkItems(of: TypeRef, items: unknown[] | Record<string, unknown>): void {
  for (const [k, x] of Object.entries(items)) {
    if (x === null) {
      const z = zeroOf(of);
      if (z !== undefined) (items as Record<string, unknown>)[k] = z;
    } else if (typeof x === 'object') walk(of, x);
  }
}

function walk(t: TypeRef, v: unknown): void {
  if (t.k === 'list') {
    if (Array.isArray(v)) walkItems(t.of, v);
    return;
  }
  if (t.k === 'map') {
    if (isObj(v)) walkItems(t.of, v);
    return;
  }
  if (t.k !== 'ref' || !isObj(v)) return;
  const type = typeById(t.name);
  if (!type) return;
  for (const [k, x] of Object.entries(v)) {
    const fd = type.byName.get(k);
    if (!fd) continue;
    if (x === null || (fd.type.k === 'map' && isObj(x) && Object.keys(x).length === 0)) delete v[k];
    else if (typeof x === 'object') walk(fd.type, x);
  }
}

/** Gives an object of a built-in kind (in place) the form the Go types would store; objects of kinds the catalog does not describe are left alone. */
export function toGoForm(gvk: GroupVersionKind, obj: unknown): void {
  const t = typeForGvk(gvk);
  if (t) walk({ k: 'ref', name: t.id }, obj);
}
