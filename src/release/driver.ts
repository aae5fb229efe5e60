// The storage driver contract: deliberately small (Helm's driver.Driver).
// History, "deployed", "last" and pruning live in the store above it.
import { UsageError } from '../errors.js';
import type { Release, ReleaseStatus } from './types.js';
import type { ReleaseSummary } from './summary.js';

/**
 * One stored revision as the driver sees it before decoding: everything that
 * sits in the storage object's labels and annotations, and `load()` to decode
 * the record itself. Listing many releases reads only these headers.
 */
export interface RecordHeader {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  readonly status: ReleaseStatus;
  /** Custom release labels (system labels removed). */
  readonly labels: Readonly<Record<string, string>>;
  /** skiff's own annotations on the record (the operation lock). */
  readonly annotations: Readonly<Record<string, string>>;
  /** Unix seconds, from the createdAt / modifiedAt labels (0 when absent). */
  readonly createdAt: number;
  readonly modifiedAt: number;
  /** Decodes the full record; the result is cached. */
  load(): Promise<Release>;
  /** Decodes only what `list` shows (name, info, chart metadata), when the driver can do that cheaper than load(). */
  summary?(): Promise<ReleaseSummary>;
}

export interface RecordQuery {
  /** undefined means every namespace. */
  readonly namespace?: string;
  readonly name?: string;
  readonly status?: ReleaseStatus;
  /**
   * The records will be loaded: read them with the headers, in the same
   * request (as Helm's one list does), instead of headers first and records
   * after. Without it a driver may read headers alone (a metadata-only list).
   */
  readonly records?: boolean;
}

/** Extra data written beside the record (not part of Helm's JSON). */
export interface RecordMeta {
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ReleaseDriver {
  /** "secret", "configmap" or "memory" (Helm's HELM_DRIVER names). */
  readonly name: string;
  /** Writes a new revision; throws ReleaseConflictError when that revision already exists. */
  create(rel: Release, meta?: RecordMeta): Promise<void>;
  /** Rewrites an existing revision (status, info, hooks' last runs); throws ReleaseNotFoundError when absent. */
  update(rel: Release, meta?: RecordMeta): Promise<void>;
  /** Removes one revision; resolves false when it did not exist. */
  delete(namespace: string, name: string, version: number): Promise<boolean>;
  /** One revision's header, or undefined. */
  get(namespace: string, name: string, version: number): Promise<RecordHeader | undefined>;
  /** Headers of every revision matching the query, in no particular order. */
  query(q: RecordQuery): Promise<RecordHeader[]>;
  /**
   * Optional: fetch the records of `headers` (chosen from `of`, a `query`
   * answer) in bulk before they are loaded. Drivers whose headers arrive
   * without the record (a metadata-only list) use it to avoid one request
   * per record; `load()` works without it.
   */
  prefetch?(headers: readonly RecordHeader[], of: readonly RecordHeader[]): Promise<void>;
}

/** Helm's object name for one revision: sh.helm.release.v1.NAME.vREV. */
export function recordKey(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

/** Where release records are kept (SKIFF_DRIVER). */
export type DriverName = 'secret' | 'configmap' | 'memory';

/** Parses a driver name as Helm's HELM_DRIVER spells it ("secret"/"secrets", "configmap"/"configmaps", "memory"). */
export function parseDriverName(value: string | undefined): DriverName {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'secret' || v === 'secrets') return 'secret';
  if (v === 'configmap' || v === 'configmaps') return 'configmap';
  if (v === 'memory') return 'memory';
  throw new UsageError(`unknown release storage driver "${value}": expected secret, configmap or memory`);
}
