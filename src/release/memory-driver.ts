// Process-local storage (Helm's memory driver): for `template`, dry runs and tests.
import { ReleaseConflictError, ReleaseNotFoundError } from '../errors.js';
import { decodeRelease, encodeRelease } from './codec.js';
import type { RecordHeader, RecordMeta, RecordQuery, ReleaseDriver } from './driver.js';
import { recordKey } from './driver.js';
import type { Release } from './types.js';

interface Entry {
  readonly data: string;
  readonly header: Omit<RecordHeader, 'load'>;
}

/** A driver that keeps encoded records in memory, so tests exercise the same encode/decode path as real storage. */
export class MemoryDriver implements ReleaseDriver {
  readonly name = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(opts: { now?: () => number } = {}) {
    this.now = opts.now ?? (() => Date.now());
  }

  private static id(namespace: string, name: string, version: number): string {
    return `${namespace}/${recordKey(name, version)}`;
  }

  private put(rel: Release, meta: RecordMeta | undefined, createdAt: number): void {
    const seconds = Math.floor(this.now() / 1000);
    this.entries.set(MemoryDriver.id(rel.namespace, rel.name, rel.version), {
      data: encodeRelease(rel),
      header: {
        name: rel.name,
        namespace: rel.namespace,
        version: rel.version,
        status: rel.info.status,
        labels: { ...(rel.labels ?? {}) },
        annotations: { ...(meta?.annotations ?? {}) },
        createdAt: createdAt || seconds,
        modifiedAt: createdAt ? seconds : 0,
      },
    });
  }

  async create(rel: Release, meta?: RecordMeta): Promise<void> {
    const id = MemoryDriver.id(rel.namespace, rel.name, rel.version);
    if (this.entries.has(id)) throw new ReleaseConflictError(`release record ${recordKey(rel.name, rel.version)} already exists`);
    this.put(rel, meta, 0);
  }

  async update(rel: Release, meta?: RecordMeta): Promise<void> {
    const old = this.entries.get(MemoryDriver.id(rel.namespace, rel.name, rel.version));
    if (!old) throw new ReleaseNotFoundError(`${rel.name} (revision ${rel.version})`);
    this.put(rel, meta, old.header.createdAt);
  }

  async delete(namespace: string, name: string, version: number): Promise<boolean> {
    return this.entries.delete(MemoryDriver.id(namespace, name, version));
  }

  async get(namespace: string, name: string, version: number): Promise<RecordHeader | undefined> {
    const e = this.entries.get(MemoryDriver.id(namespace, name, version));
    return e && this.header(e);
  }

  async query(q: RecordQuery): Promise<RecordHeader[]> {
    const out: RecordHeader[] = [];
    for (const e of this.entries.values()) {
      const h = e.header;
      if (q.namespace !== undefined && h.namespace !== q.namespace) continue;
      if (q.name !== undefined && h.name !== q.name) continue;
      if (q.status !== undefined && h.status !== q.status) continue;
      out.push(this.header(e));
    }
    return out;
  }

  private header(e: Entry): RecordHeader {
    let cached: Release | undefined;
    const where = `memory record ${e.header.namespace}/${recordKey(e.header.name, e.header.version)}`;
    return {
      ...e.header,
      load: async () => (cached ??= { ...decodeRelease(e.data, where), labels: { ...e.header.labels } }),
    };
  }
}
