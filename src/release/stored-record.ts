// One stored revision as KubeDriver hands it out: the header read from the
// storage object's labels and annotations, and the record decoded from its
// body on demand (fetched then, or supplied by the driver's bulk prefetch).
// A class, not closures: a list may hold ten thousand of these.
import type { KubeObject } from '../apimachinery/types.js';
import { decodeRelease, MAX_RECORD_BYTES, RecordDecodeError } from './codec.js';
import type { RecordHeader } from './driver.js';
import { decodeReleaseSummary, scanRecordPrefix, type ReleaseSummary } from './summary.js';
import { SYSTEM_LABELS, type Release, type ReleaseStatus } from './types.js';
import { setOwn } from '../util/own-keys.js';

/** Annotation on a split record: how many objects hold its data. */
export const PARTS_ANNOTATION = 'skiff.io/record-parts';
/** Characters of the encoded record per object; stays under the 1 MiB data limit with room for metadata. */
export const DEFAULT_PART_SIZE = 1_000_000;
/** The most parts a record may have: enough for MAX_RECORD_BYTES stored uncompressed, base64-encoded. */
const MAX_PARTS = Math.ceil((MAX_RECORD_BYTES * 4) / 3 / DEFAULT_PART_SIZE) + 1;

const SYSTEM: ReadonlySet<string> = new Set(SYSTEM_LABELS);

export interface StorageObject extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

/** What a StoredRecord asks of its driver. */
export interface RecordSource {
  /** "secret" or "configmap". */
  readonly name: string;
  /** The record's storage object, fetched; checked to be a release record's. */
  fetchBody(h: StoredRecord): Promise<StorageObject>;
  /** Whether a full object handed over in bulk is a release record's. */
  isRecordObject(obj: StorageObject): boolean;
  /** The first part's text of a record object. */
  recordText(obj: StorageObject): string;
  /** A record's whole text: its first part, then parts 2..N fetched. */
  joinParts(h: StoredRecord, first: string, parts: number): Promise<string>;
  /** The record now has its body: a bulk prefetch no longer needs to fetch it. */
  settled(h: StoredRecord): void;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/**
 * One revision's header, from its storage object. When the object carried
 * metadata only, the body is fetched on first `load()` (or supplied by
 * the driver's prefetch), checked to be a release record, then decoded.
 */
export class StoredRecord implements RecordHeader {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  readonly status: ReleaseStatus;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly modifiedAt: number;
  /** The storage object's name. */
  readonly key: string;
  private body: StorageObject | undefined;
  private cached: Promise<Release> | undefined;

  constructor(
    private readonly driver: RecordSource,
    obj: StorageObject,
    partial: boolean,
  ) {
    const labels = obj.metadata.labels ?? EMPTY;
    this.namespace = obj.metadata.namespace ?? '';
    this.key = obj.metadata.name ?? '';
    let custom: Record<string, string> | undefined;
    for (const k in labels) {
      if (!Object.hasOwn(labels, k) || SYSTEM.has(k)) continue;
      custom ??= {};
      setOwn(custom, k, labels[k]!);
    }
    this.labels = custom ?? EMPTY;
    this.annotations = obj.metadata.annotations ? { ...obj.metadata.annotations } : EMPTY;
    this.name = labels.name ?? '';
    this.version = Number(labels.version ?? 0);
    this.status = (labels.status ?? 'unknown') as ReleaseStatus;
    this.createdAt = Number(labels.createdAt ?? 0);
    this.modifiedAt = Number(labels.modifiedAt ?? 0);
    this.body = partial ? undefined : obj;
  }

  get where(): string {
    return `${this.driver.name === 'secret' ? 'Secret' : 'ConfigMap'} ${this.namespace}/${this.key}`;
  }

  /** A full object from a bulk read: kept when it is a release record's. */
  supply(full: StorageObject): void {
    if (!this.driver.isRecordObject(full)) return;
    this.body ??= full;
    this.driver.settled(this);
  }

  private async fetched(): Promise<StorageObject> {
    return (this.body ??= await this.driver.fetchBody(this));
  }

  private parts(): number {
    const parts = Number(this.annotations[PARTS_ANNOTATION] ?? 1);
    // The annotation is outside data too: never fetch an unbounded number of parts.
    if (!Number.isInteger(parts) || parts < 1 || parts > MAX_PARTS) {
      throw new RecordDecodeError(`${this.where}: cannot decode release record: ${PARTS_ANNOTATION} is "${this.annotations[PARTS_ANNOTATION]}", expected 1 to ${MAX_PARTS}`);
    }
    return parts;
  }

  load(): Promise<Release> {
    return (this.cached ??= this.decode());
  }

  private async decode(): Promise<Release> {
    const parts = this.parts();
    const first = this.driver.recordText(await this.fetched());
    this.driver.settled(this);
    const text = parts === 1 ? first : await this.driver.joinParts(this, first, parts);
    return { ...decodeRelease(text, this.where), labels: this.labels === EMPTY ? {} : { ...this.labels } };
  }

  /** What list shows: from the front of the first part; the other parts are fetched only when it does not hold it. */
  async summary(): Promise<ReleaseSummary> {
    if (this.cached) return this.cached;
    const parts = this.parts();
    const text = this.driver.recordText(await this.fetched());
    const s = parts === 1 ? decodeReleaseSummary(text, this.where) : scanRecordPrefix(text);
    return s ?? this.load();
  }
}
