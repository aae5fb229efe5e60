// Strategic merge patch: the constants, errors and list sorting and
// partitioning that applying (strategic.ts) and computing (strategic-diff.ts)
// a patch share, after apimachinery's pkg/util/strategicpatch.
import { PatchError } from '../../errors.js';
import type { PatchMetaLookup } from '../schema/patch-meta.js';
import { goString, isObject, jsonKind, type Json, type JsonObject } from './json.js';

export const DIRECTIVE = '$patch';
export const DELETE = 'delete';
export const REPLACE = 'replace';
export const MERGE = 'merge';
export const RETAIN_KEYS = 'retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';

export interface MergeOptions {
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
export function fail(message: string): never {
  const status = message.startsWith('invalid patch format of') ? 400 : message === 'lists of lists are not supported' ? 422 : 500;
  throw new PatchError(message, { status });
}

export const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function goMap(m: unknown): string {
  return JSON.stringify(m);
}

export function errNoMergeKey(m: unknown, key: string): never {
  fail(`map: ${goMap(m)} does not contain declared merge key: ${key}`);
}

export function errBadArgType(expected: string, actual: unknown): never {
  fail(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

export function goTypeName(v: unknown): string {
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
export function extractRetainKeysPatchStrategy(strategies: readonly string[]): [boolean, string] {
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
export function stableSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
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

export function sortScalars(s: readonly Json[]): Json[] {
  return stableSort(s.slice(), (a, b) => goString(a) < goString(b));
}

/** apimachinery's in-place dedupe: a duplicate is replaced by the last element. */
export function deduplicateScalars(input: readonly Json[]): Json[] {
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

export function sortMapsByField(m: readonly Json[], field: string): Json[] {
  return stableSort(m.slice(), (a, b) => goString((a as JsonObject)[field]) < goString((b as JsonObject)[field]));
}

export type ElemKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function sliceElementType(...slices: (readonly Json[] | undefined)[]): ElemKind {
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

export function keyOf(item: Json, mergeKey: string, kind: ElemKind): Json | undefined {
  if (kind === 'object') return isObject(item) ? item[mergeKey] : undefined;
  return item;
}

export function indexOf(l: readonly Json[], v: Json, mergeKey: string, kind: ElemKind): number {
  const want = keyOf(v, mergeKey, kind);
  for (let i = 0; i < l.length; i++) if (keyOf(l[i]!, mergeKey, kind) === want) return i;
  return -1;
}

export function validateMergeKeyInLists(mergeKey: string, ...lists: readonly Json[][]): void {
  for (const l of lists) {
    for (const item of l) {
      if (!isObject(item)) errBadArgType('map[string]interface {}', item);
      if (!has(item, mergeKey)) errNoMergeKey(item, mergeKey);
    }
  }
}

export function extractToDeleteItems(l: readonly Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of l) {
    if (!isObject(v)) errBadArgType('map[string]interface {}', v);
    if (has(v, DIRECTIVE) && v[DIRECTIVE] === DELETE) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

export function normalizeSliceOrder(toSort: Json[], order: readonly Json[], mergeKey: string, kind: ElemKind): Json[] {
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

export function mergeSortedSlice(left: Json[], right: Json[], serverOrder: readonly Json[], mergeKey: string, kind: ElemKind): Json[] {
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

export function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: readonly Json[], serverOrder: readonly Json[], mergeKey: string, kind: ElemKind): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

export function findMapInSlice(m: readonly Json[], key: string, value: Json): [JsonObject, number] | undefined {
  for (let i = 0; i < m.length; i++) {
    const v = m[i]!;
    if (!isObject(v)) fail(`value for key ${i} is not a map`);
    if (has(v, key) && v[key] === value) return [v, i];
  }
  return undefined;
}

export function partitionPrimitives(original: readonly Json[], by: readonly Json[]): [Json[], Json[]] {
  const set = new Set(by);
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of original) (set.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

export function partitionMaps(original: readonly Json[], by: readonly Json[], mergeKey: string): [Json[], Json[]] {
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of original) {
    if (!isObject(v)) errBadArgType('map[string]interface {}', v);
    if (!has(v, mergeKey)) errNoMergeKey(v, mergeKey);
    (findMapInSlice(by, mergeKey, v[mergeKey]!) ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}
