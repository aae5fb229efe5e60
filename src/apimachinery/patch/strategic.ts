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

const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = 'retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder';

interface MergeOptions {
  /** Server side: apply parallel lists; client side (three-way) keeps them in the merged patch. */
  readonly mergeParallelList: boolean;
  /** Server side: nulls for absent keys vanish; client side they are kept to send deletions. */
  readonly ignoreUnmatchedNulls: boolean;
}

export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

/**
 * An SMP failure, with the status kube-apiserver gives it
 * (interpretStrategicMergePatchError): malformed directives are 400 Bad Request,
 * lists of lists 422, and every other failure passes through as a 500 Internal Error.
 */
function fail(message: string): never {
  const status = message.startsWith('invalid patch format of') ? 400 : message === 'lists of lists are not supported' ? 422 : 500;
  throw new PatchError(message, { status });
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function goMap(m: unknown): string {
  return JSON.stringify(m);
}

function errNoMergeKey(m: unknown, key: string): never {
  fail(`map: ${goMap(m)} does not contain declared merge key: ${key}`);
}

function errBadArgType(expected: string, actual: unknown): never {
  fail(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

function goTypeName(v: unknown): string {
  switch (jsonKind(v)) {
    case 'object':
      return 'map[string]interface {}';
    case 'array':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return '<nil>';
  }
}

/** Splits "merge,retainKeys" into (retainKeys?, other strategy). */
function extractRetainKeysPatchStrategy(strategies: readonly string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ''];
    case 1:
      return strategies[0] === RETAIN_KEYS ? [true, ''] : [false, strategies[0]!];
    case 2:
      if (strategies[0] === RETAIN_KEYS) return [true, strategies[1]!];
      if (strategies[1] === RETAIN_KEYS) return [true, strategies[0]!];
      return fail(`unexpected patch strategy: ${strategies.join(',')}`);
    default:
      return fail(`unexpected patch strategy: ${strategies.join(',')}`);
  }
}

// ---------------------------------------------------------------------------
// Sorting and ordering helpers (mirroring Go's algorithms where order shows).

/** Go's sort.SliceStable for small inputs: insertion sort with the given less. */
function stableSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const s = items.slice();
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j]!, s[j - 1]!); j--) {
      const t = s[j]!;
      s[j] = s[j - 1]!;
      s[j - 1] = t;
    }
  }
  return s;
}

function sortScalars(s: readonly Json[]): Json[] {
  return stableSort(s.slice(), (a, b) => goString(a) < goString(b));
}

/** apimachinery's in-place dedupe: a duplicate is replaced by the last element. */
function deduplicateScalars(input: readonly Json[]): Json[] {
  const s = input.slice();
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length]!;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function sortMapsByField(m: readonly Json[], field: string): Json[] {
  return stableSort(m.slice(), (a, b) => goString((a as JsonObject)[field]) < goString((b as JsonObject)[field]));
}

type ElemKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

function sliceElementType(...slices: (readonly Json[] | undefined)[]): ElemKind {
  let prev: ElemKind | undefined;
  for (const s of slices) {
    for (const v of s ?? []) {
      const cur = jsonKind(v);
      if (prev === undefined) {
        prev = cur;
        if (prev === 'array') fail('lists of lists are not supported');
      } else if (prev !== cur) {
        fail(`list element types are not identical: ${JSON.stringify(slices)}`);
      }
    }
  }
  if (prev === undefined) fail('no elements in any of the given slices');
  return prev;
}

function keyOf(item: Json, mergeKey: string, kind: ElemKind): Json | undefined {
  if (kind === 'object') return isObject(item) ? item[mergeKey] : undefined;
  return item;
}

function indexOf(l: readonly Json[], v: Json, mergeKey: string, kind: ElemKind): number {
  const want = keyOf(v, mergeKey, kind);
  for (let i = 0; i < l.length; i++) if (keyOf(l[i]!, mergeKey, kind) === want) return i;
  return -1;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: readonly Json[][]): void {
  for (const l of lists) {
    for (const item of l) {
      if (!isObject(item)) errBadArgType('map[string]interface {}', item);
      if (!has(item, mergeKey)) errNoMergeKey(item, mergeKey);
    }
  }
}

function extractToDeleteItems(l: readonly Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of l) {
    if (!isObject(v)) errBadArgType('map[string]interface {}', v);
    if (has(v, DIRECTIVE) && v[DIRECTIVE] === DELETE) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

function normalizeSliceOrder(toSort: Json[], order: readonly Json[], mergeKey: string, kind: ElemKind): Json[] {
  let toDelete: Json[] = [];
  if (kind === 'object') {
    validateMergeKeyInLists(mergeKey, toSort, order as Json[]);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  const sorted = stableSort(toSort, (a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...sorted, ...toDelete];
}

function mergeSortedSlice(left: Json[], right: Json[], serverOrder: readonly Json[], mergeKey: string, kind: ElemKind): Json[] {
  const less = (l: Json, r: Json): [boolean, boolean] => {
    const li = indexOf(serverOrder, l, mergeKey, kind);
    const ri = indexOf(serverOrder, r, mergeKey, kind);
    return li >= 0 && ri >= 0 ? [li < ri, true] : [false, false];
  };
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]!);
    else if (j >= right.length && i < left.length) out.push(left[i++]!);
    else {
      const [isLess, foundBoth] = less(left[i]!, right[j]!);
      if (foundBoth && isLess) out.push(left[i++]!);
      else out.push(right[j++]!);
    }
  }
  return out;
}

function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: readonly Json[], serverOrder: readonly Json[], mergeKey: string, kind: ElemKind): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function findMapInSlice(m: readonly Json[], key: string, value: Json): [JsonObject, number] | undefined {
  for (let i = 0; i < m.length; i++) {
    const v = m[i]!;
    if (!isObject(v)) fail(`value for key ${i} is not a map`);
    if (has(v, key) && v[key] === value) return [v, i];
  }
  return undefined;
}

function partitionPrimitives(original: readonly Json[], by: readonly Json[]): [Json[], Json[]] {
  const set = new Set(by);
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of original) (set.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMaps(original: readonly Json[], by: readonly Json[], mergeKey: string): [Json[], Json[]] {
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of original) {
    if (!isObject(v)) errBadArgType('map[string]interface {}', v);
    if (!has(v, mergeKey)) errNoMergeKey(v, mergeKey);
    (findMapInSlice(by, mergeKey, v[mergeKey]!) ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

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

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
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

function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchMetaLookup, opts: MergeOptions): JsonObject {
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

    if (!has(orig, k)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const v = removeDirectives(patchV);
        if (v === undefined) delete orig[k];
        else setOwn(orig, k, v);
      }
      continue;
    }

    const ov = orig[k]!;
    if (jsonKind(ov) !== jsonKind(patchV)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const v = removeDirectives(patchV);
        if (v === undefined) delete orig[k];
        else setOwn(orig, k, v);
      }
      continue;
    }

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

// ---------------------------------------------------------------------------
// Computing a patch (diffMaps and friends).

function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchMetaLookup, o: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: Json[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (o.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!has(original, key)) {
      if (!o.ignoreChangesAndAdditions) setOwn(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key]!;
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') fail(`invalid value for special key: ${DIRECTIVE}`);
      if (originalValue !== modifiedValue) patch[DIRECTIVE] = modifiedValue;
      continue;
    }
    if (jsonKind(originalValue) !== jsonKind(modifiedValue)) {
      if (!o.ignoreChangesAndAdditions) setOwn(patch, key, modifiedValue);
      continue;
    }
    if (isObject(originalValue)) handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, schema, o);
    else if (Array.isArray(originalValue)) handleSliceDiff(key, originalValue, modifiedValue as Json[], patch, schema, o);
    else if (!o.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) setOwn(patch, key, modifiedValue);
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!has(modified, key)) setOwn(patch, key, null);
  }
  const hasAdditionalNewField = Object.entries(original).some(([k, v]) => v !== null && !has(modified, k));
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField)) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeysList);
  }
  return patch;
}

function handleMapDiff(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, schema: PatchMetaLookup, o: DiffOptions): void {
  const { sub, meta } = schema.forStruct(key);
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
  const opts = { ...o, buildRetainKeysDirective: retainKeys };
  if (strategy === REPLACE) {
    if (!opts.ignoreChangesAndAdditions) setOwn(patch, key, modified);
    return;
  }
  const value = diffMaps(original, modified, sub, opts);
  if (Object.keys(value).length > 0) setOwn(patch, key, value);
}

function handleSliceDiff(key: string, original: Json[], modified: Json[], patch: JsonObject, schema: PatchMetaLookup, o: DiffOptions): void {
  const { sub, meta } = schema.forSlice(key);
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
  if (strategy !== MERGE) {
    if (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)) setOwn(patch, key, modified);
    return;
  }
  const [addList, deletionList, setOrderList] = diffLists(original, modified, sub, meta.mergeKey, { ...o, buildRetainKeysDirective: retainKeys });
  if (addList.length > 0) setOwn(patch, key, addList);
  if (deletionList.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = deletionList;
  if (setOrderList.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = setOrderList;
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i]!, m, mergeKey));
}

function diffLists(original: Json[], modified: Json[], schema: PatchMetaLookup, mergeKey: string, o: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  let patchList: Json[];
  let deleteList: Json[];
  let setOrderList: Json[] = [];
  if (kind === 'object') {
    [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, o);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    deleteList = [];
    if (
      o.setElementOrder &&
      ((!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!o.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey]! }));
    }
  } else {
    [patchList, deleteList] = diffListsOfScalars(original, modified, o);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    if (o.setElementOrder && ((!o.ignoreDeletions && deleteList.length > 0) || (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)))) {
      setOrderList = modified;
    }
  }
  return [patchList, deleteList, setOrderList];
}

function diffListsOfScalars(original: Json[], modified: Json[], o: DiffOptions): [Json[], Json[]] {
  const os = sortScalars(original);
  const ms = sortScalars(modified);
  const add: Json[] = [];
  const del: Json[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const oIn = i < os.length;
    const mIn = j < ms.length;
    if (!oIn && !mIn) break;
    const oStr = oIn ? goString(os[i]) : '';
    const mStr = mIn ? goString(ms[j]) : '';
    if (oIn && mIn && oStr === mStr) {
      i++;
      j++;
    } else if (!oIn || (oIn && mIn && oStr > mStr)) {
      if (!o.ignoreChangesAndAdditions) add.push(ms[j]!);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push(os[i]!);
      i++;
    }
  }
  return [add, deduplicateScalars(del)];
}

function diffListsOfMaps(original: Json[], modified: Json[], schema: PatchMetaLookup, mergeKey: string, o: DiffOptions): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const os = sortMapsByField(original, mergeKey);
  const ms = sortMapsByField(modified, mergeKey);
  let i = 0;
  let j = 0;
  const at = (l: Json[], n: number): [JsonObject, Json] => {
    const m = l[n]!;
    if (!isObject(m)) errBadArgType('map[string]interface {}', m);
    if (!has(m, mergeKey)) errNoMergeKey(m, mergeKey);
    return [m, m[mergeKey]!];
  };
  for (;;) {
    const oIn = i < os.length;
    const mIn = j < ms.length;
    if (!oIn && !mIn) break;
    const [oElem, oKey] = oIn ? at(os, i) : [undefined, undefined];
    const [mElem, mKey] = mIn ? at(ms, j) : [undefined, undefined];
    const oStr = oIn ? goString(oKey) : '';
    const mStr = mIn ? goString(mKey) : '';
    if (oIn && mIn && oStr === mStr) {
      const value = diffMaps(oElem!, mElem!, schema, o);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = mKey!;
        patch.push(value);
      }
      i++;
      j++;
    } else if (!oIn || (oIn && mIn && oStr > mStr)) {
      if (!o.ignoreChangesAndAdditions) patch.push(mElem!);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push({ [mergeKey]: oKey!, [DIRECTIVE]: DELETE });
      i++;
    }
  }
  return [patch, deletions];
}

/** Two-way strategic merge patch from `original` to `modified` (with $setElementOrder), as CreateTwoWayMergePatch. */
export function twoWayWithLookup(original: JsonObject, modified: JsonObject, schema: PatchMetaLookup): JsonObject {
  // diffMaps never mutates its inputs; the patch may share subtrees with `modified`, so copy it.
  return clone(diffMaps(original, modified, schema, { setElementOrder: true }));
}

/**
 * Three-way strategic merge patch (CreateThreeWayMergePatch with overwrite):
 * changes from `current` to `modified` without deletions, merged with the
 * deletions from `original` to `modified`.
 */
export function threeWayWithLookup(original: JsonObject, modified: JsonObject, current: JsonObject, schema: PatchMetaLookup): JsonObject {
  // diffMaps never mutates its inputs, but its results share subtrees with them: copy before merging.
  const delta = clone(diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true }));
  const deletions = clone(diffMaps(original, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: true }));
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}
