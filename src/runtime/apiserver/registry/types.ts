// What the API server's request pipeline needs to know about each kind it
// serves. The pipeline (src/runtime/apiserver) is generic; everything
// kind-specific — discovery facts, defaulting, validation, table columns,
// field selectors, the strategy hooks of create/update/delete — is data and
// small functions here, one module per group.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ObjectStore } from '../../store/types.js';

/** A field error, reported in a 422 Invalid Status as a cause. */
export interface FieldError {
  /** e.g. "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported", "FieldValueDuplicate", "FieldValueForbidden", "FieldValueTooLong" */
  readonly type: string;
  /** JSON path as kube-apiserver prints it, e.g. "spec.template.spec.containers[0].image" */
  readonly field: string;
  /** The human message (kube-apiserver's wording, e.g. "Required value"). */
  readonly message: string;
  /** The offending value, when the message shows it. */
  readonly value?: unknown;
}

export interface SubresourceDef {
  readonly name: string; // "status", "scale", "binding", "eviction", "log", "finalize", "token", ...
  readonly group: string;
  readonly version: string;
  readonly kind: string; // response kind, e.g. Scale (autoscaling/v1), Eviction (policy/v1)
  readonly verbs: readonly string[];
  /** A subresource written as status is (the stored spec stays, status comes from the body): a CSR's approval. */
  readonly writesStatus?: boolean;
}

export interface TableColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly format?: string; // "name" for the NAME column
  readonly description?: string;
  readonly priority?: number; // > 0: shown only with -o wide
}

/** Context handed to kind functions: the clock, and read access for checks that need other objects. */
export interface RegistryContext {
  readonly now: () => Date;
  /** Allocates from the cluster's service IP / node port ranges (used by Service defaulting). */
  readonly allocator?: {
    /** A free IP, or `requested` (throws AllocationError when taken or out of range). */
    clusterIP(requested?: string): string;
    /** A free port, or `requested` (throws AllocationError when taken or out of range). */
    nodePort(requested?: number): number;
    releaseClusterIP(ip: string): void;
    releaseNodePort(port: number): void;
  };
}

/** What delete hooks get: the context plus the store (a CRD's delete removes its custom resources). */
export interface DeleteContext extends RegistryContext {
  readonly store: ObjectStore;
}

/** An open write of a kind that allocates (Service IPs, node ports): exactly one of the two is called. */
export interface WriteTransaction {
  /** The write is stored: hand back what the previous state held and the new one does not. */
  commit(): void;
  /** The write was refused, failed or was a dry run: hand back what this write allocated. */
  revert(): void;
}

export interface ResourceDef {
  readonly group: string; // "" for core
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly subresources?: readonly SubresourceDef[];
  /** True when status is written only through the status subresource (spec writes ignore it). */
  readonly hasStatus?: boolean;
  /** Server-side printing: columns (NAME first) and one row's cells, as kube-apiserver prints the kind. */
  readonly columns?: readonly TableColumn[];
  readonly row?: (obj: KubeObject, now: Date) => unknown[];
  /** Field selectors this kind supports beyond metadata.name / metadata.namespace. */
  readonly fieldSelectors?: Readonly<Record<string, (obj: KubeObject) => string | undefined>>;
  /**
   * Mutates a new or updated object to fill defaults, as kube-apiserver's
   * defaulters do; `old` is the stored object on update (Services carry their
   * allocated IPs/ports over from it). Throws ObjectInvalidError (src/errors.ts)
   * when an allocation fails (e.g. a requested clusterIP is taken).
   */
  readonly defaults?: (obj: KubeObject, ctx: RegistryContext, old?: KubeObject) => void;
  /**
   * The strategy's PrepareForCreate: server-generated fields set after field
   * ownership is recorded, so no manager owns them (a Job's generated selector
   * and its pod template's job labels). A later apply that omits them keeps them.
   */
  readonly prepareForCreate?: (obj: KubeObject, ctx: RegistryContext) => void;
  /**
   * The strategy's PrepareForUpdate for spec writes (not status writes), before
   * defaulting: restores what only another path may change (a Namespace's
   * spec.finalizers change only through /finalize).
   */
  readonly prepareForUpdate?: (obj: KubeObject, old: KubeObject, ctx: RegistryContext) => void;
  /** True when a create keeps the client's status instead of starting from an empty one (Namespaces). */
  readonly createKeepsStatus?: boolean;
  /**
   * Opens a write after defaulting allocated for it (`old` undefined on create);
   * the store commits it once the write is stored and reverts it otherwise.
   */
  readonly beginWrite?: (obj: KubeObject, old: KubeObject | undefined, ctx: RegistryContext) => WriteTransaction | undefined;
  /** Runs before a (non-dry-run) delete is carried out or deferred (a CRD's custom resources go first). */
  readonly beforeDelete?: (obj: KubeObject, ctx: DeleteContext) => Promise<void>;
  /** Runs after an object of this kind left the store (a Service's IPs and ports are released). */
  readonly afterDelete?: (obj: KubeObject, ctx: RegistryContext) => void;
  /** Seconds a delete waits before the object goes (a bound, running pod's grace period); absent: 0. */
  readonly gracePeriod?: (obj: KubeObject, requested: number | undefined) => number;
  /** True while an object being deleted still waits for something besides metadata.finalizers (a Namespace's spec.finalizers). */
  readonly awaitsFinalize?: (obj: KubeObject) => boolean;
  /** Records on the object that its delete is deferred (a Namespace's phase becomes Terminating). */
  readonly markDeleting?: (obj: KubeObject) => void;
  /** The scale subresource's status.selector when spec.selector is not a LabelSelector (a ReplicationController's map). */
  readonly scaleSelector?: (obj: KubeObject) => string | undefined;
  /** Validates a create (old undefined) or an update; returns every error found. */
  readonly validate?: (obj: KubeObject, old: KubeObject | undefined, ctx: RegistryContext) => FieldError[];
  /** Fields whose change bumps metadata.generation: by default any change outside metadata and status. */
  readonly generationIgnores?: readonly string[];
  /** True for kinds whose strategy sets metadata.generation (1 on create, +1 on spec change); others carry none. */
  readonly tracksGeneration?: boolean;
  /** Kinds whose DELETE returns the deleted object rather than a Status (pods, serviceaccounts, storageclasses...). */
  readonly returnDeletedObject?: boolean;
  /** Discovery's storageVersionHash (base64 of the first 8 bytes of sha256("group/version/Kind") of the storage version); absent for kinds without storage. */
  readonly storageVersionHash?: string;
  /** For kinds served in several versions from one storage (HPA v1/v2): the version objects are stored in. */
  readonly storageVersion?: string;
  /** Converts an object of this kind (any served version) to `toVersion` ("v1", "v2"); needed when storageVersion is set. */
  readonly convert?: (obj: KubeObject, toVersion: string) => KubeObject;
}
