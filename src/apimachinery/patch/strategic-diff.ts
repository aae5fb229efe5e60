// Strategic merge patch, computing: the two- and three-way patches kubectl
// and Helm send, after apimachinery's CreateTwoWayMergePatch and
// CreateThreeWayMergePatch.
import type { PatchMetaLookup } from '../schema/patch-meta.js';
import { clone, deepEqual, goString, isObject, jsonKind, setOwn, type Json, type JsonObject } from './json.js';
import { mergeKeyValueEqual, mergeMap } from './strategic.js';
import { deduplicateScalars, DELETE, DELETE_FROM_PRIMITIVE_LIST, DiffOptions, DIRECTIVE, errBadArgType, errNoMergeKey, extractRetainKeysPatchStrategy, fail, has, MERGE, normalizeSliceOrder, REPLACE, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER, sliceElementType, sortMapsByField, sortScalars } from './strategic-common.js';

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
