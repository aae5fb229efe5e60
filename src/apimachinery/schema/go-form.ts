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
import { setOwn, withoutKeys } from '../../util/own-keys.js';
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
      if (z !== undefined) setOwn(items as Record<string, unknown>, k, z);
    } else if (typeof x === 'object') {
      const y = walk(of, x);
      if (y !== x) setOwn(items as Record<string, unknown>, k, y);
    }
  }
}

/**
 * Walks `v` of type `t` and returns it in Go form: the same object, changed in place, or a copy
 * when fields must go (withoutKeys: a deleted property would leave every stored pod's conditions,
 * `lastProbeTime: null`, as slow dictionary-mode objects).
 */
function walk(t: TypeRef, v: unknown): unknown {
  if (t.k === 'list') {
    if (Array.isArray(v)) walkItems(t.of, v);
    return v;
  }
  if (t.k === 'map') {
    if (isObj(v)) walkItems(t.of, v);
    return v;
  }
  if (t.k !== 'ref' || !isObj(v)) return v;
  const type = typeById(t.name);
  if (!type) return v;
  let drop: Set<string> | undefined;
  for (const [k, x] of Object.entries(v)) {
    const fd = type.byName.get(k);
    if (!fd) continue;
    if (x === null || (fd.type.k === 'map' && isObj(x) && Object.keys(x).length === 0)) (drop ??= new Set()).add(k);
    else if (typeof x === 'object') {
      const y = walk(fd.type, x);
      if (y !== x) v[k] = y;
    }
  }
  return drop ? withoutKeys(v, drop) : v;
}

/**
 * The form the Go types would store an object of a built-in kind in: `obj` itself, changed in
 * place, or a copy where fields had to go. Objects of kinds the catalog does not describe are
 * returned as they are.
 */
export function toGoForm<T>(gvk: GroupVersionKind, obj: T): T {
  const t = typeForGvk(gvk);
  return t ? (walk({ k: 'ref', name: t.id }, obj) as T) : obj;
}
