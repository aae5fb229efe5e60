// Patch algorithms shared by skiff's client (apply, upgrade) and the bundled
// API server (PATCH requests): JSON Patch, JSON Merge Patch and Kubernetes'
// strategic merge patch, applying and computing.
import { PatchError } from '../../errors.js';
import type { GroupVersionKind } from '../schema/dsl.js';
import { patchMetaLookup } from '../schema/patch-meta.js';
import { parseApiVersion } from '../types.js';
import { isObject, type JsonObject } from './json.js';
import { createMergePatch, createThreeWayJsonMergePatch } from './merge-patch.js';
import { strategicMergeWithLookup } from './strategic.js';
import { threeWayWithLookup, twoWayWithLookup } from './strategic-diff.js';

export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS, type JsonPatchOperation } from './json-patch.js';
export { applyMergePatch, createMergePatch, createThreeWayJsonMergePatch } from './merge-patch.js';
export { strategicMergeWithLookup } from './strategic.js';
export { twoWayWithLookup, threeWayWithLookup } from './strategic-diff.js';
export { deepEqual } from './json.js';

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

export type PatchContentType = typeof STRATEGIC_MERGE_PATCH | typeof MERGE_PATCH;

/** True when strategic merge patch is defined for the kind (built-in kinds of the schema catalog). */
export function supportsStrategicMerge(gvk: GroupVersionKind): boolean {
  return patchMetaLookup(gvk) !== undefined;
}

function requireObject(v: unknown, what: string): JsonObject {
  if (!isObject(v)) throw new PatchError(`${what} must be a JSON object`, { status: 400 });
  return v;
}

/**
 * Applies a strategic merge patch to a copy of `doc` with the patch metadata of
 * kind `gvk`. Throws PatchError 415 for kinds without strategic-merge metadata
 * (custom resources: kube-apiserver answers "the body of the request was in an
 * unknown format"), 400 for a non-object patch, 422 when the patch does not apply.
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, gvk: GroupVersionKind): JsonObject {
  const lookup = patchMetaLookup(gvk);
  if (!lookup) {
    throw new PatchError(
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      { status: 415 },
    );
  }
  return strategicMergeWithLookup(requireObject(doc ?? {}, 'the object'), requireObject(patch, 'a strategic merge patch'), lookup);
}

function gvkOf(...objs: unknown[]): GroupVersionKind | undefined {
  for (const o of objs) {
    if (isObject(o) && typeof o.apiVersion === 'string' && typeof o.kind === 'string') {
      return { ...parseApiVersion(o.apiVersion), kind: o.kind };
    }
  }
  return undefined;
}

export interface ComputedPatch {
  /** The PATCH Content-Type to send the patch with. */
  readonly contentType: PatchContentType;
  readonly patch: JsonObject;
  /** True when there is nothing to change ("{}"): Helm skips the resource. */
  readonly empty: boolean;
}

/**
 * The patch kubectl apply and Helm upgrade send (overwrite semantics):
 * `original` is the last applied/rendered object (may be undefined), `modified`
 * the new one, `current` the live object. For kinds of the catalog a strategic
 * merge patch with `$setElementOrder` directives; for other kinds (custom
 * resources) a three-way JSON merge patch. Fields removed between original and
 * modified are deleted; fields only the live object has are kept.
 * The kind comes from `gvk` or else from the objects' apiVersion/kind.
 */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown, gvk?: GroupVersionKind): ComputedPatch {
  const mod = requireObject(modified, 'the modified object');
  const orig = original === undefined || original === null ? {} : requireObject(original, 'the original object');
  const cur = current === undefined || current === null ? {} : requireObject(current, 'the current object');
  const kind = gvk ?? gvkOf(mod, cur, orig);
  const lookup = kind ? patchMetaLookup(kind) : undefined;
  const patch = lookup ? threeWayWithLookup(orig, mod, cur, lookup) : createThreeWayJsonMergePatch(orig, mod, cur);
  return { contentType: lookup ? STRATEGIC_MERGE_PATCH : MERGE_PATCH, patch, empty: Object.keys(patch).length === 0 };
}

/** Two-way patch from `original` to `modified`: strategic for catalog kinds, JSON merge patch otherwise. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, gvk?: GroupVersionKind): ComputedPatch {
  const mod = requireObject(modified, 'the modified object');
  const orig = original === undefined || original === null ? {} : requireObject(original, 'the original object');
  const kind = gvk ?? gvkOf(mod, orig);
  const lookup = kind ? patchMetaLookup(kind) : undefined;
  const patch = lookup ? twoWayWithLookup(orig, mod, lookup) : createMergePatch(orig, mod);
  return { contentType: lookup ? STRATEGIC_MERGE_PATCH : MERGE_PATCH, patch, empty: Object.keys(patch).length === 0 };
}
