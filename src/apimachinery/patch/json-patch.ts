// RFC 6902 JSON Patch with the error wording kube-apiserver returns (it
// applies JSON patches with evanphx/json-patch), so `kubectl patch --type json`
// users see the messages they know.
import { decodePointer } from '../../util/json-pointer.js';
import { PatchError } from '../../errors.js';
import { clone, deepEqual, isObject, setOwn, type Json, type JsonObject } from './json.js';

export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

/** kube-apiserver's limit on operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = { kind: 'object'; obj: JsonObject } | { kind: 'array'; arr: Json[] };

/** Walks to the parent of `path`; undefined when a segment is missing. */
function findParent(doc: { root: Json }, parts: string[]): Container | undefined {
  let cur: Json = doc.root;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]!;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(k)) return undefined;
      const idx = Number(k);
      if (idx >= cur.length) return undefined;
      cur = cur[idx]!;
    } else if (isObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
      cur = cur[k]!;
    } else {
      return undefined;
    }
  }
  if (Array.isArray(cur)) return { kind: 'array', arr: cur };
  if (isObject(cur)) return { kind: 'object', obj: cur };
  return undefined;
}

/** An array index as evanphx/json-patch reads it: "-" appends (add only); negative indices count from the end. */
function arrayIndex(key: string, len: number, allowEnd: boolean): number {
  if (key === '-' && allowEnd) return len;
  if (!/^[+-]?[0-9]+$/.test(key)) throw new Error(`value was not a proper array index: '${key}': strconv.Atoi: parsing "${key}": invalid syntax`);
  let idx = Number(key);
  const size = allowEnd ? len + 1 : len;
  if (idx >= size || idx < -size) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (idx < 0) idx += size;
  return idx;
}

function getAt(c: Container, key: string): Json | undefined {
  if (c.kind === 'object') return Object.prototype.hasOwnProperty.call(c.obj, key) ? c.obj[key] : undefined;
  const idx = arrayIndex(key, c.arr.length, false);
  return c.arr[idx];
}

function addAt(doc: { root: Json }, path: string, value: Json): void {
  const parts = decodePointer(path);
  if (parts.length === 0) {
    doc.root = value;
    return;
  }
  const c = findParent(doc, parts);
  if (!c) throw new Error(`add operation does not apply: doc is missing path: "${path}": missing value`);
  const key = parts[parts.length - 1]!;
  try {
    if (c.kind === 'object') setOwn(c.obj, key, value);
    else c.arr.splice(arrayIndex(key, c.arr.length, true), 0, value);
  } catch (e) {
    throw new Error(`error in add for path: '${path}': ${(e as Error).message}`);
  }
}

function removeAt(doc: { root: Json }, path: string, op = 'remove'): Json {
  const parts = decodePointer(path);
  const c = parts.length ? findParent(doc, parts) : undefined;
  if (!c) throw new Error(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const key = parts[parts.length - 1]!;
  try {
    if (c.kind === 'object') {
      if (!Object.prototype.hasOwnProperty.call(c.obj, key)) throw new Error(`Unable to remove nonexistent key: ${key}: missing value`);
      const v = c.obj[key]!;
      delete c.obj[key];
      return v;
    }
    const idx = arrayIndex(key, c.arr.length, false);
    return c.arr.splice(idx, 1)[0]!;
  } catch (e) {
    throw new Error(`error in ${op} for path: '${path}': ${(e as Error).message}`);
  }
}

function replaceAt(doc: { root: Json }, path: string, value: Json): void {
  const parts = decodePointer(path);
  if (parts.length === 0) {
    if (!isObject(value) && !Array.isArray(value)) throw new Error('replace operation value must be object or array: invalid state detected');
    doc.root = value;
    return;
  }
  const c = findParent(doc, parts);
  if (!c) throw new Error(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  const key = parts[parts.length - 1]!;
  if (c.kind === 'object') {
    if (!Object.prototype.hasOwnProperty.call(c.obj, key)) throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    setOwn(c.obj, key, value);
    return;
  }
  try {
    c.arr[arrayIndex(key, c.arr.length, false)] = value;
  } catch (e) {
    throw new Error(`error in remove for path: '${path}': ${(e as Error).message}`);
  }
}

function getValue(doc: { root: Json }, path: string, what: string): Json | undefined {
  const parts = decodePointer(path);
  if (parts.length === 0) return doc.root;
  const c = findParent(doc, parts);
  if (!c) return undefined;
  try {
    return getAt(c, parts[parts.length - 1]!);
  } catch (e) {
    throw new Error(`error in ${what} for path: '${path}': ${(e as Error).message}`);
  }
}

function requireField(op: Record<string, unknown>, name: 'path' | 'from' | 'value'): void {
  if (!(name in op)) {
    throw new PatchError(
      name === 'value' ? 'operation, missing value field: missing value' : name === 'from' ? 'operation, missing from field: missing value' : 'operation missing path field: missing value',
      { status: 422 },
    );
  }
}

/**
 * Applies an RFC 6902 JSON Patch to a copy of `doc` and returns the result.
 * Throws PatchError: status 400 when the operations are malformed, 422 when
 * one does not apply (missing path, failed `test`), with evanphx/json-patch's wording.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', { status: 400 });
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`, { status: 413 });
  }
  const state = { root: clone(doc as Json) };
  for (const raw of ops) {
    if (!isObject(raw as Json)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation', { status: 400 });
    const op = raw as Record<string, unknown>;
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    try {
      switch (kind) {
        case 'add':
          requireField(op, 'path');
          requireField(op, 'value');
          addAt(state, String(op.path), clone(op.value as Json));
          break;
        case 'remove':
          requireField(op, 'path');
          removeAt(state, String(op.path));
          break;
        case 'replace':
          requireField(op, 'path');
          requireField(op, 'value');
          replaceAt(state, String(op.path), clone(op.value as Json));
          break;
        case 'move': {
          requireField(op, 'from');
          requireField(op, 'path');
          const from = String(op.from);
          if (getValue(state, from, 'move') === undefined) throw new Error(`move operation does not apply: doc is missing from path: ${from}: missing value`);
          const v = removeAt(state, from, 'move');
          const to = String(op.path);
          if (decodePointer(to).length > 0 && !findParent(state, decodePointer(to))) {
            throw new Error(`move operation does not apply: doc is missing destination path: ${to}: missing value`);
          }
          addAt(state, to, v);
          break;
        }
        case 'copy': {
          requireField(op, 'from');
          requireField(op, 'path');
          const from = String(op.from);
          const v = getValue(state, from, 'copy');
          if (v === undefined) throw new Error(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
          const to = String(op.path);
          if (decodePointer(to).length > 0 && !findParent(state, decodePointer(to))) {
            throw new Error(`copy operation does not apply: doc is missing destination path: ${to}: missing value`);
          }
          addAt(state, to, clone(v));
          break;
        }
        case 'test': {
          requireField(op, 'path');
          const path = String(op.path);
          const parts = decodePointer(path);
          const parent = parts.length ? findParent(state, parts) : undefined;
          if (parts.length && !parent) throw new Error(`test operation does not apply: is missing path: ${path}: missing value`);
          const actual = getValue(state, path, 'test');
          const expected = (op.value ?? null) as Json;
          if (actual === undefined ? expected !== null : !deepEqual(actual, expected)) {
            throw new Error(`testing value ${path} failed: test failed`);
          }
          break;
        }
        default:
          throw new Error(`Unexpected kind: ${kind}`);
      }
    } catch (e) {
      if (e instanceof PatchError) throw e;
      throw new PatchError((e as Error).message, { status: 422 });
    }
  }
  return state.root;
}
