// RFC 7386 JSON Merge Patch: applying one, computing one between two
// documents, and the three-way form kubectl and skiff use for kinds without
// strategic-merge metadata (custom resources).
import { PatchError } from '../../errors.js';
import { clone, deepEqual, getOwn, isObject, jsonKind, setOwn, type Json, type JsonObject } from './json.js';

function mergeInto(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, mergeInto(getOwn(out, k), v));
  }
  return out;
}

/**
 * Applies an RFC 7386 merge patch to a copy of `doc`: objects merge key by key,
 * null deletes a key, anything else (lists included) replaces.
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  return mergeInto(clone(doc as Json), patch as Json);
}

/**
 * The merge patch that turns `original` into `modified` (evanphx/json-patch's
 * CreateMergePatch): changed and added keys carry the new value, removed keys
 * are null, lists that differ are sent whole.
 */
export function createMergePatch(original: unknown, modified: unknown): JsonObject {
  if (!isObject(original as Json) || !isObject(modified as Json)) {
    throw new PatchError('merge patches can only be computed between two JSON objects', { status: 400 });
  }
  return diffObjects(original as JsonObject, modified as JsonObject);
}

function diffObjects(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, bv] of Object.entries(b)) {
    if (!Object.prototype.hasOwnProperty.call(a, k)) {
      setOwn(out, k, clone(bv));
      continue;
    }
    const av = a[k]!;
    if (isObject(av) && isObject(bv)) {
      const sub = diffObjects(av, bv);
      if (Object.keys(sub).length > 0) setOwn(out, k, sub);
    } else if (!deepEqual(av, bv)) {
      setOwn(out, k, clone(bv));
    }
  }
  for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, k)) setOwn(out, k, null);
  return out;
}

/** Keeps only the null leaves of a merge patch (keepNull) or only the non-null ones (apimachinery's keepOrDeleteNullInObj). */
function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === null) {
      if (keepNull) setOwn(out, k, null);
      continue;
    }
    if (isObject(v)) {
      // An explicitly empty map is a value, not an empty patch.
      if (Object.keys(v).length === 0) {
        if (!keepNull) setOwn(out, k, v);
        continue;
      }
      const sub = keepOrDeleteNull(v, keepNull);
      if (Object.keys(sub).length > 0) setOwn(out, k, sub);
    } else if (!keepNull) {
      setOwn(out, k, v);
    }
  }
  return out;
}

/** apimachinery mergepatch.HasConflicts: the same key changed in incompatible ways. */
function hasConflicts(left: Json, right: Json): boolean {
  if (isObject(left) && isObject(right)) {
    for (const [k, lv] of Object.entries(left)) {
      if (Object.prototype.hasOwnProperty.call(right, k) && hasConflicts(lv, right[k]!)) return true;
    }
    return false;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return true;
    return left.some((x, i) => hasConflicts(x, right[i]!));
  }
  if (jsonKind(left) !== jsonKind(right)) return true;
  return !deepEqual(left, right);
}

/**
 * The three-way JSON merge patch kubectl apply sends for custom resources
 * (jsonmergepatch.CreateThreeWayJSONMergePatch): additions and changes from
 * live to modified, plus deletions of keys removed between original and modified.
 * Keys only the live object has are kept. Throws PatchError (409) on a conflict.
 */
export function createThreeWayJsonMergePatch(original: unknown, modified: unknown, current: unknown): JsonObject {
  const addAndChange = keepOrDeleteNull(createMergePatch(current ?? {}, modified), false);
  const deletions = keepOrDeleteNull(createMergePatch(original ?? {}, modified), true);
  if (hasConflicts(addAndChange, deletions)) {
    throw new PatchError('the three-way merge patch has conflicting changes', { status: 409 });
  }
  return mergeInto(deletions, addAndChange) as JsonObject;
}
