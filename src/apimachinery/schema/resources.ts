// The REST resources behind the catalog's kinds, as the OpenAPI documents need
// them: what the paths are generated from. The server's registry is the one
// list of served resources; it hands its resources to the documents in this
// shape (test/runtime/registry/schema-coverage.test.ts keeps the two in step).
// Subresources answer with their own kind (scale → Scale).
import type { GroupVersionKind } from './dsl.js';

export interface SubresourceInfo {
  readonly name: string;
  /** Kind the subresource reads and writes; defaults to the parent kind. */
  readonly kind?: GroupVersionKind;
  readonly verbs: readonly ('get' | 'put' | 'patch' | 'post')[];
}

export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  /** Only POST (review-style and binding resources). */
  readonly createOnly?: boolean;
  /** The REST verbs served (get, list, watch, create, update, patch, delete, deletecollection); absent: all. */
  readonly verbs?: readonly string[];
  readonly subresources: readonly SubresourceInfo[];
}

/** "api/v1" or "apis/<group>/<version>": the OpenAPI v3 document path of a group/version. */
export function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}
