// The one client contract every API consumer codes against. Two transports
// implement it: HTTP (src/kube/rest-client.ts, used against any cluster) and
// in-process (src/runtime/apiserver, used by the bundled scheduler,
// controllers and nodes — the same request path without HTTP or JSON).
import type { KubeList, KubeObject, Status, WatchEvent } from '../apimachinery/types.js';

/** Addresses a resource collection, one object or one subresource. */
export interface ResourceRef {
  readonly group: string; // "" for core
  readonly version: string;
  readonly resource: string; // plural, e.g. "deployments"
  readonly namespace?: string; // omitted for cluster-scoped or all-namespaces lists
  readonly name?: string;
  readonly subresource?: string; // "status", "scale", "binding", "eviction", "log", "finalize"
}

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  /**
   * Ask for metadata only (a PartialObjectMetadataList: items carry
   * apiVersion/kind/metadata, no body). A standard API feature; a server or
   * transport that does not offer it returns whole objects, which callers
   * must accept too (check the list's kind).
   */
  readonly metadataOnly?: boolean;
  /**
   * With metadataOnly: the client may keep of each item's metadata only name,
   * namespace, uid, resourceVersion, labels and annotations (what a caller
   * that reads many objects by their labels uses), and skip building the rest
   * (managedFields, timestamps, owners).
   */
  readonly compactMetadata?: boolean;
  /**
   * Called with the list's continue token as soon as it has arrived, which
   * may be before the items (kube-apiserver sends the list's metadata first),
   * so the next page can be asked for while this one is still being read.
   * A client may also never call it; the token is in the answer as always.
   */
  readonly onContinue?: (token: string) => void;
  /**
   * With compactMetadata: the client may hand each item over as soon as it
   * is read, instead of holding them all for the answer. It then hands over
   * every item of the page this way and answers with no items; should it
   * have to read the page again, it first calls onItem(undefined): forget
   * the items handed over so far. A client may also never call it and answer
   * with the items as usual.
   */
  readonly onItem?: (item: KubeObject | undefined) => void;
}

export interface WatchOptions extends ListOptions {
  readonly allowWatchBookmarks?: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeoutSeconds?: number;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
  readonly fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  readonly force?: boolean; // server-side apply
}

export interface DeleteOptions extends WriteOptions {
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** A running watch. `done` settles when the stream ends (resolves) or fails (rejects). */
export interface WatchHandle {
  stop(): void;
  readonly done: Promise<void>;
}

export interface KubeClient {
  get<T extends KubeObject = KubeObject>(ref: ResourceRef): Promise<T>;
  list<T extends KubeObject = KubeObject>(ref: ResourceRef, opts?: ListOptions): Promise<KubeList<T>>;
  create<T extends KubeObject = KubeObject>(ref: ResourceRef, body: unknown, opts?: WriteOptions): Promise<T>;
  update<T extends KubeObject = KubeObject>(ref: ResourceRef, body: unknown, opts?: WriteOptions): Promise<T>;
  patch<T extends KubeObject = KubeObject>(ref: ResourceRef, type: PatchType, body: unknown, opts?: WriteOptions): Promise<T>;
  /** Deletes one object; resolves with the object (when deletion is deferred) or a Success Status. */
  delete(ref: ResourceRef, opts?: DeleteOptions): Promise<KubeObject | Status>;
  deleteCollection(ref: ResourceRef, opts?: DeleteOptions & ListOptions): Promise<KubeList | Status>;
  watch<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: WatchOptions, onEvent: (ev: WatchEvent<T>) => void): WatchHandle;
}

/** A non-2xx answer from the API, carrying kube-apiserver's Status object. */
export class ApiStatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
    this.name = 'ApiStatusError';
    this.status = status;
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 409;
}

export function isAlreadyExists(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 409 && err.reason === 'AlreadyExists';
}
