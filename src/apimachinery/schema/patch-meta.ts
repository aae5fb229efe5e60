// Patch metadata lookups over the catalog: what strategic merge patch and
// server-side apply need to know about a field (merge key, strategy, list type).
import type { GroupVersionKind, TypeRef } from './dsl.js';
import { typeById, typeForGvk, type ResolvedField } from './catalog.js';

/** What strategic merge patch knows about one field. */
export interface PatchMeta {
  /** Strategies from x-kubernetes-patch-strategy, split on ",": e.g. ["merge"], ["merge", "retainKeys"]. */
  readonly strategies: readonly string[];
  /** x-kubernetes-patch-merge-key, or "". */
  readonly mergeKey: string;
}

/**
 * A position in a schema, as strategic merge patch walks it (the role of
 * apimachinery's LookupPatchMeta). Unknown or free-form positions answer with
 * empty metadata, so maps merge and lists are replaced there.
 */
export interface PatchMetaLookup {
  readonly name: string;
  /** The metadata of `key` in this object or map, and the lookup for its value. */
  forStruct(key: string): { readonly sub: PatchMetaLookup; readonly meta: PatchMeta };
  /** The metadata of list field `key`, and the lookup for its elements. */
  forSlice(key: string): { readonly sub: PatchMetaLookup; readonly meta: PatchMeta };
}

const EMPTY: PatchMeta = { strategies: [], mergeKey: '' };

class FreeForm implements PatchMetaLookup {
  readonly name = 'object';
  forStruct(): { sub: PatchMetaLookup; meta: PatchMeta } {
    return { sub: this, meta: EMPTY };
  }
  forSlice(): { sub: PatchMetaLookup; meta: PatchMeta } {
    return { sub: this, meta: EMPTY };
  }
}
const FREE = new FreeForm();

function metaOf(fd: ResolvedField): PatchMeta {
  return { strategies: fd.strategy ? fd.strategy.split(',') : [], mergeKey: fd.mergeKey ?? '' };
}

/** Lookup positioned at a TypeRef (the value of some field). */
class TypeLookup implements PatchMetaLookup {
  constructor(readonly t: TypeRef) {}
  get name(): string {
    return this.t.k === 'ref' ? this.t.name : this.t.k === 'scalar' || this.t.k === 'intrinsic' ? this.t.s : this.t.k;
  }
  forStruct(key: string): { sub: PatchMetaLookup; meta: PatchMeta } {
    if (this.t.k === 'map') return { sub: lookupAt(this.t.of), meta: EMPTY };
    if (this.t.k !== 'ref') return { sub: FREE, meta: EMPTY };
    const fd = typeById(this.t.name)?.byName.get(key);
    if (!fd) return { sub: FREE, meta: EMPTY };
    return { sub: lookupAt(fd.type), meta: metaOf(fd) };
  }
  forSlice(key: string): { sub: PatchMetaLookup; meta: PatchMeta } {
    const { sub, meta } = this.forStruct(key);
    if (sub instanceof TypeLookup && sub.t.k === 'list') return { sub: lookupAt(sub.t.of), meta };
    return { sub: FREE, meta };
  }
}

function lookupAt(t: TypeRef): PatchMetaLookup {
  return t.k === 'intrinsic' && t.s === 'raw' ? FREE : new TypeLookup(t);
}

/** The patch-metadata root for a kind, or undefined when the catalog does not describe it. */
export function patchMetaLookup(gvk: GroupVersionKind): PatchMetaLookup | undefined {
  const t = typeForGvk(gvk);
  return t ? new TypeLookup({ k: 'ref', name: t.id }) : undefined;
}

/** A lookup that knows nothing: maps merge, lists are replaced (JSON merge patch semantics with SMP directives). */
export function freeFormLookup(): PatchMetaLookup {
  return FREE;
}

/** Schema facts of the field at `path` (JSON names; list items are crossed transparently). */
export interface FieldInfo extends PatchMeta {
  readonly type: TypeRef;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  /** Defaults of list-map keys an item may omit (ports' protocol: "TCP"), by key. */
  readonly listMapKeyDefaults?: Readonly<Record<string, string | number | boolean>>;
  readonly mapType?: 'atomic' | 'granular';
}

/**
 * The field at `path` under kind `gvk` (e.g. ["spec","template","spec","containers"]):
 * its type and patch/apply metadata; undefined when the kind or a path segment is unknown
 * or crosses a free-form (raw) value.
 */
export function fieldInfo(gvk: GroupVersionKind, path: readonly string[]): FieldInfo | undefined {
  const root = typeForGvk(gvk);
  if (!root) return undefined;
  let t: TypeRef = { k: 'ref', name: root.id };
  let fd: ResolvedField | undefined;
  for (const seg of path) {
    while (t.k === 'list') t = t.of;
    if (t.k === 'map') {
      t = t.of;
      fd = undefined;
      continue;
    }
    if (t.k !== 'ref') return undefined;
    fd = typeById(t.name)?.byName.get(seg);
    if (!fd) return undefined;
    t = fd.type;
  }
  if (!fd) return path.length === 0 ? { type: t, strategies: [], mergeKey: '' } : { type: t, strategies: [], mergeKey: '' };
  return {
    type: t,
    ...metaOf(fd),
    listType: fd.listType,
    listMapKeys: fd.keys,
    listMapKeyDefaults: fd.keys ? keyDefaults(fd.type, fd.keys) : undefined,
    mapType: fd.mapType ?? fd.structType,
  };
}

function keyDefaults(t: TypeRef, keys: readonly string[]): Record<string, string | number | boolean> | undefined {
  const item = t.k === 'list' && t.of.k === 'ref' ? typeById(t.of.name) : undefined;
  let out: Record<string, string | number | boolean> | undefined;
  for (const k of keys) {
    const d = item?.byName.get(k)?.default;
    if (d !== undefined) (out ??= {})[k] = d;
  }
  return out;
}

/** Patch metadata (strategies, merge key) of the field at `path`; empty metadata when unknown. */
export function patchMeta(gvk: GroupVersionKind, path: readonly string[]): PatchMeta {
  const info = fieldInfo(gvk, path);
  return info ? { strategies: info.strategies, mergeKey: info.mergeKey } : EMPTY;
}

/** x-kubernetes-list-map-keys of the list at `path` (server-side apply), or undefined when it is not a map list. */
export function listMapKeys(gvk: GroupVersionKind, path: readonly string[]): readonly string[] | undefined {
  const info = fieldInfo(gvk, path);
  return info?.listType === 'map' ? info.listMapKeys : undefined;
}
