// Strategic merge patch, applying and computing, following apimachinery's
// pkg/util/strategicpatch/patch.go rule for rule so that patches kubectl and
// Helm compute apply here exactly as on kube-apiserver:
// - maps merge key by key; null deletes a key;
// - lists whose field has patch strategy "merge" merge by the field's merge key
//   (lists of scalars: union), other lists are replaced;
// - `$patch: replace|delete|merge` directives in maps and list items;
// - `$setElementOrder/<list>` fixes the order of merged lists;
// - `$deleteFromPrimitiveList/<list>` removes scalars from a merged scalar list;
// - `$retainKeys` clears keys not listed (fields with strategy retainKeys).
import { PatchError } from '../../errors.js';
import type { PatchMetaLookup } from '../schema/patch-meta.js';
import { clone, deepEqual, goString, isObject, jsonKind, setOwn, type Json, type JsonObject } from './json.js';
import { deduplicateScalars, DELETE, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, errBadArgType, errNoMergeKey, extractRetainKeysPatchStrategy, extractToDeleteItems, fail, findMapInSlice, goMap, has, MERGE, MergeOptions, normalizeElementOrder, partitionMaps, partitionPrimitives, REPLACE, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER, sliceElementType } from './strategic-common.js';

// ---------------------------------------------------------------------------
// Applying a patch (mergeMap and friends).

/** Removes directive-bearing maps and directive keys; returns undefined when the value itself is a directive. */
function removeDirectives(obj: Json): Json | undefined {
  if (isObject(obj)) {
    if (has(obj, DIRECTIVE)) return undefined;
    for (const k of Object.keys(obj)) {
      const v = removeDirectives(obj[k]!);
      if (v === undefined) delete obj[k];
      else setOwn(obj, k, v);
    }
    return obj;
  }
  if (Array.isArray(obj)) {
    const res: Json[] = [];
    for (const v of obj) {
      const nv = removeDirectives(v);
      if (nv !== undefined) res.push(nv);
    }
    return res;
  }
  return obj;
}

function discardNullValuesFromPatch(v: Json): void {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]!);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNullValuesFromPatch(x);
  }
}

function handleDirectiveInMergeMap(directive: Json, patch: JsonObject): JsonObject {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  return fail(`unknown patch type: ${goString(directive)} in map: ${goMap(patch)}`);
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) fail('invalid patch format of primitive list');
    if (prefix === SET_ELEMENT_ORDER) fail('invalid patch format of setElementOrder list');
    fail(`fail to find unknown prefix "${prefix}" in ${s}`);
  }
  return s.slice(i + 1);
}

export function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isObject(left)) errBadArgType('map[string]interface {}', left);
  if (!isObject(right)) errBadArgType('map[string]interface {}', right);
  if (!has(left, mergeKey)) errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function validatePatchWithSetOrderList(patchList: Json | undefined, setOrderList: Json, mergeKey: string): void {
  const order = setOrderList;
  if (!Array.isArray(order)) fail('invalid patch format of setElementOrder list');
  const plist = patchList === undefined ? [] : patchList;
  if (!Array.isArray(plist)) fail('invalid patch format of setElementOrder list');
  if (order.length === 0 || plist.length === 0) return;
  const nonDelete = mergeKey !== '' ? extractToDeleteItems(plist)[0] : plist;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < order.length) {
    const item = nonDelete[pi]!;
    if (isObject(item) && has(item, DIRECTIVE)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[si]!, mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= order.length) {
    fail(`The order in patch list:\n${JSON.stringify(plist)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${JSON.stringify(order)}\n`);
  }
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE]!;
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!opts.mergeParallelList) {
    if (has(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retain)) {
        fail(`${JSON.stringify(original[RETAIN_KEYS_DIRECTIVE])} and ${JSON.stringify(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else {
      original[RETAIN_KEYS_DIRECTIVE] = retain;
    }
    return;
  }
  if (!Array.isArray(retain)) fail('invalid patch format of retainKeys');
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) fail('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, schema: PatchMetaLookup, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const setOrder = patch[key]!;
    if (!opts.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], setOrder)) fail('invalid patch format of setElementOrder list');
      } else {
        setOwn(original, key, setOrder);
      }
    }
    delete patch[key];
    if (!Array.isArray(setOrder)) errBadArgType('[]interface {}', setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = has(original, originalKey);
    const foundPatch = has(patch, originalKey);
    let originalList: Json[] | undefined;
    let patchList: Json[] | undefined;
    if (foundOriginal) {
      const v = original[originalKey]!;
      if (!Array.isArray(v)) errBadArgType('[]interface {}', v);
      originalList = v;
    }
    if (foundPatch) {
      const v = patch[originalKey]!;
      if (!Array.isArray(v)) errBadArgType('[]interface {}', v);
      patchList = v;
    }
    const { sub, meta } = schema.forSlice(originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchList, setOrder, meta.mergeKey);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList!;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList!) as Json[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList!, patchList!, sub, strategy, meta.mergeKey, false, opts);
    else continue;
    const [patchItems, serverOnly] =
      meta.mergeKey === '' ? partitionPrimitives(merged, setOrder) : partitionMaps(merged, setOrder, meta.mergeKey);
    const kind = sliceElementType(originalList, patchList);
    setOwn(original, originalKey, normalizeElementOrder(patchItems, serverOnly, setOrder, originalList ?? [], meta.mergeKey, kind));
    delete patch[originalKey];
  }
}

export function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchMetaLookup, opts: MergeOptions): JsonObject {
  if (has(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE]!, patch);
  const orig: JsonObject = original ?? {};
  applyRetainKeysDirective(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, schema, opts);

  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey]!;
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        setOwn(orig, rawKey, patchV);
        continue;
      }
      k = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }

    // A key the original lacks, or whose value is of another kind, takes the patch's value.
    if (!has(orig, k) || jsonKind(orig[k]!) !== jsonKind(patchV)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const v = removeDirectives(patchV);
        if (v === undefined) delete orig[k];
        else setOwn(orig, k, v);
      }
      continue;
    }

    const ov = orig[k]!;

    if (isObject(ov)) {
      const { sub, meta } = schema.forStruct(k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      setOwn(orig, k, strategy !== REPLACE ? mergeMap(ov, patchV as JsonObject, sub, opts) : (patchV as JsonObject));
    } else if (Array.isArray(ov)) {
      const { sub, meta } = schema.forSlice(k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      setOwn(orig, k, mergeSliceHandler(ov, patchV as Json[], sub, strategy, meta.mergeKey, isDeleteList, opts));
    } else {
      const v = removeDirectives(patchV);
      if (v === undefined) delete orig[k];
      else setOwn(orig, k, v);
    }
  }
  return orig;
}

function mergeSliceHandler(original: Json[], patch: Json[], schema: PatchMetaLookup, strategy: string, mergeKey: string, isDeleteList: boolean, opts: MergeOptions): Json[] {
  if (strategy === MERGE || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(original: Json[], patch: Json[], schema: PatchMetaLookup, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  if (kind !== 'object') {
    if (opts.mergeParallelList && isDeleteList) {
      const del = new Set(patch);
      return original.filter((v) => !del.has(v));
    }
    const merged = deduplicateScalars([...original, ...patch]);
    const [patchItems, serverOnly] = partitionPrimitives(merged, patch);
    return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
  }
  if (mergeKey === '') fail(`cannot merge lists without merge key for ${schema.name}`);
  const special = mergeSliceWithSpecialElements(original, patch, mergeKey);
  let orig: Json[];
  let pat: Json[];
  let merged: Json[];
  if (special.replace) {
    orig = special.plain;
    pat = [];
    merged = mergeSliceWithoutSpecialElements({ arr: orig.slice(), len: orig.length, cap: orig.length }, [], mergeKey, schema, opts);
  } else {
    orig = original.slice(0, special.len);
    pat = special.plain;
    merged = mergeSliceWithoutSpecialElements({ arr: original, len: special.len, cap: original.length }, pat, mergeKey, schema, opts);
  }
  const [patchItems, serverOnly] = partitionMaps(merged, pat, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, pat, orig, mergeKey, kind);
}

/**
 * Applies `$patch` items of a patch list. Deletions shift the original list in
 * place, as Go's append(s[:i], s[i+1:]...) does on the shared backing array:
 * the caller's view of the original list (used to order server-only items
 * under $setElementOrder) sees it, exactly as kube-apiserver does.
 */
function mergeSliceWithSpecialElements(original: Json[], patch: Json[], mergeKey: string): { plain: Json[]; replace: boolean; len: number } {
  const plain: Json[] = [];
  let replace = false;
  let len = original.length;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!has(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === DELETE) {
      if (!has(m, mergeKey)) errNoMergeKey(m, mergeKey);
      const value = m[mergeKey]!;
      for (;;) {
        let idx = -1;
        for (let i = 0; i < len; i++) {
          const x = original[i]!;
          if (!isObject(x)) fail(`value for key ${i} is not a map`);
          if (has(x, mergeKey) && x[mergeKey] === value) {
            idx = i;
            break;
          }
        }
        if (idx < 0) break;
        for (let j = idx; j < len - 1; j++) original[j] = original[j + 1]!;
        len--;
      }
    } else if (directive === REPLACE) {
      replace = true;
    } else if (directive === MERGE) {
      fail('merging lists cannot yet be specified in the patch');
    } else {
      fail(`unknown patch type: ${goString(directive)} in map: ${goMap(m)}`);
    }
  }
  return { plain: replace ? plain : plain, replace, len };
}

/** A Go slice over a shared backing array: appends within capacity write into it in place. */
interface GoSlice {
  arr: Json[];
  len: number;
  cap: number;
}

function mergeSliceWithoutSpecialElements(s: GoSlice, patch: Json[], mergeKey: string, schema: PatchMetaLookup, opts: MergeOptions): Json[] {
  for (const v of patch) {
    const m = v as JsonObject;
    if (!has(m, mergeKey)) errNoMergeKey(m, mergeKey);
    const found = findMapInSlice(s.arr.slice(0, s.len), mergeKey, m[mergeKey]!);
    if (found) {
      s.arr[found[1]] = mergeMap(found[0], m, schema, opts);
    } else if (s.len < s.cap) {
      s.arr[s.len++] = v;
    } else {
      s.arr = [...s.arr.slice(0, s.len), v];
      s.len++;
      s.cap = Math.max(2 * s.cap, s.len);
    }
  }
  return s.arr.slice(0, s.len);
}

/**
 * Applies a strategic merge patch to a copy of `original` using the patch
 * metadata of `schema` (server-side semantics: parallel lists applied, nulls
 * for absent keys dropped). Throws PatchError (422) when the patch does not fit.
 */
export function strategicMergeWithLookup(original: JsonObject, patch: JsonObject, schema: PatchMetaLookup): JsonObject {
  return mergeMap(clone(original), clone(patch), schema, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}
