// What actions need from a cluster, whichever it is: the bundled runtime
// (`local`, the default) or any real cluster through a kubeconfig (`kube`).
// Both are built on one KubeClient; only how they are reached differs.
import type { KubeClient } from './client.js';
import type { KubeObject } from '../apimachinery/types.js';

/**
 * The field manager every write of skiff is recorded under: "helm", the name
 * the Helm 4 CLI pins (and Helm 3's binary name), so skiff and Helm own the
 * same fields and can take turns on one release without server-side apply
 * conflicts between them.
 */
export const FIELD_MANAGER = 'helm';

/** How apiVersion+kind map to a REST resource, from discovery (CRDs included). */
export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly resource: string; // plural
  readonly namespaced: boolean;
}

export interface ServerVersion {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
}

export interface Discovery {
  /** Maps apiVersion+kind to its resource; throws a clear error for a kind the cluster does not serve. */
  resolve(apiVersion: string, kind: string): Promise<ResourceInfo>;
  /** Forgets cached discovery (after CRDs are installed). */
  invalidate(): void;
  serverVersion(): Promise<ServerVersion>;
  /** Every "group/version" and "group/version/Kind" served, for Capabilities.APIVersions. */
  apiVersions(): Promise<string[]>;
}

export interface ApplyOptions {
  /** The object as the previous release rendered it (three-way merge baseline); absent on first install. */
  readonly original?: KubeObject;
  /** Replace (PUT) instead of patch, Helm's --force. */
  readonly force?: boolean;
  /** Server-side apply with this field manager instead of a client-side three-way patch. */
  readonly serverSide?: boolean;
  /** With serverSide: take over fields other managers own (Kubernetes' force=true) instead of failing with 409 Conflict. */
  readonly forceConflicts?: boolean;
  readonly fieldManager?: string;
  readonly dryRun?: boolean;
}

export interface DeleteObjectOptions {
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly dryRun?: boolean;
}

/** One resource's readiness as Helm's ready.go judges it, with a reason a user can act on. */
export interface Readiness {
  readonly ready: boolean;
  /** e.g. "1/3 ready", "Pending: 0/3 nodes are available: 3 Insufficient cpu", "Complete". */
  readonly message: string;
  /** True when waiting longer cannot help (Job failed, pod crash-looping with restartPolicy Never). */
  readonly failed?: boolean;
}

export interface Backend {
  readonly target: 'local' | 'kube';
  /** The namespace used when neither the flag nor the object names one. */
  readonly defaultNamespace: string;
  readonly client: KubeClient;
  readonly discovery: Discovery;
  /** Gets one live object, or undefined when it does not exist. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  /** Creates the object, or brings the live one to it (three-way patch, or server-side apply, or replace). */
  apply(obj: KubeObject, opts?: ApplyOptions): Promise<KubeObject>;
  /** Deletes the object; resolves false when it was already gone. */
  delete(obj: KubeObject, opts?: DeleteObjectOptions): Promise<boolean>;
  /** Judges one live object's readiness (Helm's rules per kind, Jobs optional). */
  readiness(obj: KubeObject, opts?: { waitForJobs?: boolean }): Promise<Readiness>;
  close(): Promise<void>;
}
