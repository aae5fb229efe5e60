// The runtime's storage contract, kine-style: one global revision (the
// resourceVersion), optimistic concurrency, consistent lists and ordered
// watches from any revision still in the event history.
import type { KubeObject } from '../../apimachinery/types.js';

/** Where an object lives: `resource` is "group/plural" ("/pods" for core), `namespace` "" when cluster-scoped. */
export interface StoreKey {
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
}

/** An object as stored: its key, the revision of its last write and the (never mutated) object. */
export interface StoredObject {
  readonly key: StoreKey;
  readonly rv: number;
  readonly object: KubeObject;
}

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed write. `prev` is the state before it (absent for ADDED); DELETED carries the last state in `object`. */
export interface StoreEvent {
  readonly type: StoreEventType;
  readonly rv: number;
  readonly key: StoreKey;
  readonly object: KubeObject;
  readonly prev?: KubeObject;
}

/** Which objects a list or watch covers: one resource, optionally one namespace. */
export interface StoreScope {
  readonly resource: string;
  readonly namespace?: string;
}

export interface StoreListOptions {
  /** List the state as of this revision (must still be inside the event history), instead of the latest. */
  readonly atRv?: number;
  /** Return only objects whose "namespace/name" sorts after this. */
  readonly after?: string;
  /** Keep only objects this predicate accepts (applied before `limit`). */
  readonly filter?: (obj: KubeObject) => boolean;
  /** Keep only objects whose labels hold every one of these key=value pairs (answered from a label index). */
  readonly labelEquals?: Readonly<Record<string, string>>;
  readonly limit?: number;
}

export interface StoreListResult {
  readonly items: StoredObject[];
  readonly rv: number;
  /** "namespace/name" of the last item returned when more remain after `limit`. */
  readonly continueAfter?: string;
  readonly remaining?: number;
}

export interface StoreWatcher {
  stop(): void;
}

export interface StoreWatchOptions {
  /** Deliver events with a revision greater than this. */
  readonly fromRv: number;
  readonly onEvent: (ev: StoreEvent) => void;
}

/** The object store. Writes resolve only once durable; reads see committed state only. */
export interface ObjectStore {
  /** The revision of the last committed write. */
  readonly rv: number;
  /** The oldest revision a watch or a consistent list may start from. */
  readonly oldestRv: number;
  get(key: StoreKey): StoredObject | undefined;
  list(scope: StoreScope, opts?: StoreListOptions): StoreListResult;
  /** Counts objects in a scope (committed state). */
  count(scope: StoreScope): number;
  /** Creates; rejects with StoreError 'exists' when the key is taken. */
  create(key: StoreKey, obj: KubeObject): Promise<StoredObject>;
  /** Replaces; rejects 'notfound', or 'conflict' when `expectRv` is given and stale. */
  update(key: StoreKey, obj: KubeObject, expectRv?: number): Promise<StoredObject>;
  /** Removes; rejects 'notfound', or 'conflict' when `expectRv` is given and stale. */
  delete(key: StoreKey, expectRv?: number): Promise<StoredObject>;
  /** Streams every committed event in the scope after `fromRv`, in order, exactly once; throws 'expired' when too old. */
  watch(scope: StoreScope, opts: StoreWatchOptions): StoreWatcher;
  /** Drops history up to `rv` (events and superseded rows). */
  compact(rv: number): void;
  close(): Promise<void>;
}

export type StoreErrorKind = 'exists' | 'notfound' | 'conflict' | 'expired' | 'closed';

/** A store-level failure; the API server maps it to a Status (AlreadyExists, NotFound, Conflict, Expired). */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  /** For 'expired': the oldest revision still available. */
  readonly oldestRv?: number;
  constructor(kind: StoreErrorKind, message: string, oldestRv?: number) {
    super(message);
    this.name = 'StoreError';
    this.kind = kind;
    this.oldestRv = oldestRv;
  }
}

/** One row of the durable log (what a driver persists and replays). */
export interface LogRecord {
  readonly rv: number;
  readonly type: StoreEventType;
  readonly key: StoreKey;
  /** The object (for DELETED: the last state). */
  readonly object: KubeObject;
}

/** A row as replayed from disk: the object still as JSON text. */
export interface LoadedRecord {
  readonly rv: number;
  readonly type: StoreEventType;
  readonly key: StoreKey;
  readonly value: string;
}

/** What a persistence driver does: append committed batches atomically, replay them, compact. */
export interface LogDriver {
  /** Replays the retained log in revision order, and the compaction point. */
  load(): { records: Iterable<LoadedRecord>; compactedRv: number; lastRv: number };
  /** Appends the batch in one transaction; returns only once it is durable. */
  append(batch: readonly LogRecord[]): void;
  /** Removes superseded rows and tombstones at or below `rv`. */
  compact(rv: number): void;
  close(): void;
}
