// Field sets in managedFields' fieldsV1 form: nested objects whose keys are
// `f:<field>` (struct or map member), `k:{"name":"web"}` (list-map item by its
// keys), `v:<json>` (set item), `i:<n>` (atomic-free list item by index) and
// `.` (the node itself is owned). List kinds and keys come from the schema
// catalog (x-kubernetes-list-type / list-map-keys), the one source of truth.
import { fieldInfo, type GroupVersionKind } from '../../../apimachinery/schema/index.js';
import { getOwn, setOwn } from '../../../util/own-keys.js';

export interface Fields {
  [key: string]: Fields;
}

/** Metadata the server owns; never part of a field set. */
const SERVER_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName']);

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How the value at `path` is structured, per the catalog; free-form where the catalog does not know. */
export function shape(gvk: GroupVersionKind, path: readonly string[]): Shape {
  const info = path.length ? fieldInfo(gvk, path) : undefined;
  const t = info?.type;
  return {
    list: info?.listType ?? 'atomic',
    keys: info?.listMapKeys ?? [],
    defaults: info?.listMapKeyDefaults ?? {},
    map: t?.k === 'map' || (t === undefined && path.length > 0),
  };
}

export interface Shape {
  readonly list: 'atomic' | 'set' | 'map';
  readonly keys: readonly string[];
  /** Values of keys an item may omit: a port without protocol is the TCP port (structured-merge-diff 4.1, Kubernetes 1.21+). */
  readonly defaults: Readonly<Record<string, Json>>;
  readonly map: boolean;
}

/** The key of a list-map item, as fieldsV1 writes it; missing keys take their schema default. */
export function itemKey(item: Json, s: Pick<Shape, 'keys' | 'defaults'>): string {
  const o: Record<string, Json> = {};
  for (const k of [...s.keys].sort()) {
    const v = isObj(item) && getOwn(item, k) !== undefined ? item[k] : s.defaults[k];
    if (v !== undefined) setOwn(o, k, v);
  }
  return `k:${JSON.stringify(o)}`;
}

/**
 * The field set an object (or an apply configuration) sets: every leaf, plus
 * `.` for maps and list items. `status` counts only for kinds without a status
 * subresource (custom resources whose CRD declares none).
 */
export function fieldsOf(gvk: GroupVersionKind, obj: Json, statusInMain = false): Fields {
  const out: Fields = {};
  if (!isObj(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || (k === 'status' && !statusInMain) || v === undefined || (v === null && nullSetsNothing(gvk, [k]))) continue;
    if (k === 'metadata' && isObj(v)) {
      const m: Fields = {};
      for (const [mk, mv] of Object.entries(v)) {
        if (SERVER_META.has(mk) || mv === undefined || (mv === null && nullSetsNothing(gvk, ['metadata', mk]))) continue;
        m[`f:${mk}`] = walk(gvk, ['metadata', mk], mv);
      }
      if (Object.keys(m).length) out['f:metadata'] = m;
      continue;
    }
    out[`f:${k}`] = walk(gvk, [k], v);
  }
  return out;
}

function walk(gvk: GroupVersionKind, path: string[], v: Json): Fields {
  if (Array.isArray(v)) {
    const s = shape(gvk, path);
    if (s.list === 'atomic' || (s.list === 'map' && s.keys.length === 0)) return {};
    const out: Fields = {};
    for (const item of v) {
      if (s.list === 'set') out[`v:${JSON.stringify(item)}`] = {};
      else out[itemKey(item, s)] = { '.': {}, ...walkObject(gvk, path, item) };
    }
    return out;
  }
  if (isObj(v)) {
    const out = walkObject(gvk, path, v);
    if (shape(gvk, path).map) out['.'] = {};
    return out;
  }
  return {};
}

function walkObject(gvk: GroupVersionKind, path: string[], v: Json): Fields {
  const out: Fields = {};
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || (x === null && nullSetsNothing(gvk, [...path, k]))) continue;
    out[`f:${k}`] = walk(gvk, [...path, k], x);
  }
  return out;
}

/**
 * True when a null at `path` owns no field: a declared struct, granular map or
 * non-atomic list that is null has no members (structured-merge-diff's
 * ToFieldSet inserts only scalars, atomic values and free-form map entries).
 * `annotations:` left empty in a chart's template is such a null, and must
 * not conflict with the annotations another manager set.
 */
export function nullSetsNothing(gvk: GroupVersionKind, path: readonly string[]): boolean {
  const info = fieldInfo(gvk, path);
  if (!info || !('mapType' in info || 'listType' in info)) return false;
  const t = info.type;
  if (t.k === 'ref' || t.k === 'map') return info.mapType !== 'atomic';
  if (t.k === 'list') return info.listType !== undefined && info.listType !== 'atomic';
  return false;
}

/** `f` in the form fieldsV1 is stored in: a node that holds nothing but its own `.` is written as a leaf. */
export function normalized(f: Fields): Fields {
  for (const [k, sub] of Object.entries(f)) {
    const keys = Object.keys(sub);
    if (keys.length === 1 && keys[0] === '.') setOwn(f, k, {});
    else if (keys.length > 0) normalized(sub);
  }
  return f;
}

/** Every owned path of a set (a leaf, or a node marked `.`), as key sequences. */
export function paths(f: Fields, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, sub] of Object.entries(f)) {
    if (k === '.') continue;
    const p = [...prefix, k];
    const children = Object.keys(sub);
    if (children.length === 0 || children.includes('.')) out.push(p);
    out.push(...paths(sub, p));
  }
  return out;
}

/** True when `path` is owned in `f`. */
export function hasPath(f: Fields, path: readonly string[]): boolean {
  let n: Fields | undefined = f;
  for (const seg of path) {
    n = getOwn(n, seg);
    if (!n) return false;
  }
  const children = Object.keys(n);
  return children.length === 0 || children.includes('.');
}

/** A set built from paths. */
export function fromPaths(list: readonly (readonly string[])[]): Fields {
  const out: Fields = {};
  for (const p of list) {
    let n = out;
    p.forEach((seg, i) => {
      let next = getOwn(n, seg);
      if (!next) setOwn(n, seg, (next = {}));
      n = next;
      if (i === p.length - 1 && Object.keys(n).length > 0 && !n['.']) n['.'] = {};
    });
  }
  // A path that is also a prefix of another is marked as owned itself.
  const mark = (n: Fields, owned: Set<string>, pre: string) => {
    for (const [k, sub] of Object.entries(n)) {
      if (k === '.') continue;
      const key = pre + '\u0000' + k;
      if (owned.has(key) && Object.keys(sub).length > 0) sub['.'] = {};
      mark(sub, owned, key);
    }
  };
  mark(out, new Set(list.map((p) => p.map((s) => '\u0000' + s).join(''))), '');
  return out;
}

/** `f` without the given paths (and without nodes left empty by that). */
export function without(f: Fields, drop: readonly (readonly string[])[]): Fields {
  const dropKeys = new Set(drop.map((p) => p.join('\u0000')));
  return fromPaths(paths(f).filter((p) => !dropKeys.has(p.join('\u0000'))));
}

/** The value at a field-set path in an object of kind `gvk`, or undefined. */
export function valueAt(gvk: GroupVersionKind, obj: Json, path: readonly string[]): Json {
  let v: Json = obj;
  const names: string[] = [];
  for (const seg of path) {
    if (seg.startsWith('f:')) {
      v = isObj(v) ? getOwn(v, seg.slice(2)) : undefined;
      names.push(seg.slice(2));
    } else if (seg.startsWith('k:')) {
      const keys = JSON.parse(seg.slice(2)) as Record<string, Json>;
      const { defaults } = shape(gvk, names);
      const keyOf = (it: Record<string, Json>, k: string) => JSON.stringify(getOwn(it, k) !== undefined ? it[k] : getOwn(defaults, k));
      v = Array.isArray(v) ? v.find((it) => isObj(it) && Object.entries(keys).every(([k, x]) => keyOf(it, k) === JSON.stringify(x))) : undefined;
    } else if (seg.startsWith('v:')) {
      const want = seg.slice(2);
      v = Array.isArray(v) ? v.find((it) => JSON.stringify(it) === want) : undefined;
    } else return undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** Removes the value at a field-set path from `obj` of kind `gvk` (list items are spliced out). */
export function deleteAt(gvk: GroupVersionKind, obj: Json, path: readonly string[]): void {
  if (path.length === 0) return;
  const parent = valueAt(gvk, obj, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (last.startsWith('f:') && isObj(parent)) delete parent[last.slice(2)];
  else if (Array.isArray(parent)) {
    const item = valueAt(gvk, obj, path);
    const i = parent.indexOf(item);
    if (i >= 0) parent.splice(i, 1);
  }
}

/** A path as kube-apiserver prints it in conflicts: `.spec.replicas`, `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: readonly string[]): string {
  return path
    .map((seg) => {
      if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
      if (seg.startsWith('k:')) {
        const keys = JSON.parse(seg.slice(2)) as Record<string, Json>;
        return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      }
      if (seg.startsWith('v:')) return `[${seg.slice(2)}]`;
      return `[${seg.slice(2)}]`;
    })
    .join('');
}
