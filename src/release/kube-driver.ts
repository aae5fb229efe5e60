// Release records stored as cluster objects: Secrets (the default, Helm's
// exact format) or ConfigMaps. One Secret per revision, named
// sh.helm.release.v1.NAME.vREV, type helm.sh/release.v1, labels
// name/owner=helm/status/version/createdAt/modifiedAt plus the release's own
// labels, data.release = base64(gzip(JSON)).
//
// Records too big for one object (the API caps a Secret's data at 1 MiB) are
// split instead of failing: the first part stays in the record object, which
// gets the annotation skiff.io/record-parts=N, and parts 2..N live in objects
// named <record>.part2 ... <record>.partN, labelled owner=skiff-part (so
// neither tool lists them as releases) and type skiff.io/release-part.v1.
// Joining the data of all parts in order gives Helm's encoded string. Helm
// cannot read split records: `helm list` skips them with a decode error.
import { ClusterError, ReleaseConflictError, ReleaseNotFoundError } from '../errors.js';
import { ApiStatusError, isAlreadyExists, isConflict, isNotFound, type KubeClient, type ResourceRef } from '../kube/client.js';
import type { KubeList } from '../apimachinery/types.js';
import { encodeRelease, RecordDecodeError } from './codec.js';
import type { RecordHeader, RecordMeta, RecordQuery, ReleaseDriver } from './driver.js';
import { recordKey } from './driver.js';
import type { Release } from './types.js';
import { DEFAULT_PART_SIZE, PARTS_ANNOTATION, StoredRecord, type RecordSource, type StorageObject } from './stored-record.js';

export type KubeDriverKind = 'secret' | 'configmap';

export { PARTS_ANNOTATION, DEFAULT_PART_SIZE } from './stored-record.js';

/** Objects per list page (kubectl's default chunk size). */
const LIST_PAGE = 500;
/** Headers per metadata-only page: each is some 0.6 KB, so a page stays near a megabyte and a thousand releases take a few requests. */
const HEADER_PAGE = 2000;
/** The most records update() remembers (see remember). */
const KNOWN_RECORDS = 4096;
/** Metadata pages asked for before the page before them has been read (each takes a connection of its own). */
const PAGES_AHEAD = 1;
/** Below this many records, prefetch GETs each; also how many GETs run at once. */
const PREFETCH_GETS = 16;
/** Characters of release names per prefetch list: its URL stays within what proxies in front of API servers accept (8 KiB). */
const MAX_SELECTOR_NAMES = 3000;
/** The most versions a prefetch list names (beyond that, it selects by name and status only). */
const MAX_SELECTOR_VERSIONS = 64;
/** How many prefetch lists run at once. */
const PREFETCH_LISTS = 4;

/** Stores release records as Secrets or ConfigMaps through a KubeClient. */
export class KubeDriver implements ReleaseDriver, RecordSource {
  readonly name: KubeDriverKind;
  private readonly client: KubeClient;
  private readonly partSize: number;
  private readonly pageSize: number;
  private readonly headerPageSize: number;
  private readonly nameBatch: number;
  private readonly now: () => number;
  /** Headers read without their body, and how to hand them one (prefetch); a Map: cheaper than a WeakMap for thousands, and a driver lives for one command. */
  private readonly bodyless = new Set<RecordHeader>();
  /** Record objects as last written or read by release: resourceVersion, createdAt label, part count (see update). */
  private readonly known = new Map<string, { resourceVersion: string; createdAt?: string; parts: number }>();

  /** `pageSize`: objects per list page (records and headers alike when given); `nameBatch`: characters of release names per prefetch list (see prefetch). */
  constructor(opts: { client: KubeClient; kind?: KubeDriverKind; partSize?: number; pageSize?: number; nameBatch?: number; now?: () => number }) {
    this.client = opts.client;
    this.pageSize = opts.pageSize ?? LIST_PAGE;
    this.headerPageSize = opts.pageSize ?? HEADER_PAGE;
    this.nameBatch = opts.nameBatch ?? MAX_SELECTOR_NAMES;
    this.name = opts.kind ?? 'secret';
    this.partSize = opts.partSize ?? DEFAULT_PART_SIZE;
    this.now = opts.now ?? (() => Date.now());
  }

  private ref(namespace: string | undefined, name?: string): ResourceRef {
    return { group: '', version: 'v1', resource: this.name === 'secret' ? 'secrets' : 'configmaps', namespace, name };
  }

  private wrap(err: unknown, what: string): never {
    if (err instanceof ApiStatusError) throw new ClusterError(`${what}: ${err.message}`, { cause: err, status: err.code, reason: err.reason });
    throw err;
  }

  private encodeData(text: string): Record<string, string> {
    return { release: this.name === 'secret' ? Buffer.from(text).toString('base64') : text };
  }

  private decodeData(obj: StorageObject): string {
    const v = obj.data?.release ?? '';
    return this.name === 'secret' ? Buffer.from(v, 'base64').toString('utf8') : v;
  }

  private object(
    namespace: string,
    name: string,
    labels: Record<string, string>,
    annotations: Record<string, string> | undefined,
    text: string,
    part: boolean,
  ): StorageObject {
    const obj: StorageObject = {
      apiVersion: 'v1',
      kind: this.name === 'secret' ? 'Secret' : 'ConfigMap',
      metadata: { name, namespace, labels, ...(annotations && Object.keys(annotations).length ? { annotations } : {}) },
      data: this.encodeData(text),
    };
    if (this.name === 'secret') obj.type = part ? 'skiff.io/release-part.v1' : 'helm.sh/release.v1';
    return obj;
  }

  private labelsFor(rel: Release, createdAt: string, modifiedAt?: string): Record<string, string> {
    const labels: Record<string, string> = { ...(rel.labels ?? {}) };
    labels.name = rel.name;
    labels.owner = 'helm';
    labels.status = rel.info.status;
    labels.version = String(rel.version);
    labels.createdAt = createdAt;
    if (modifiedAt) labels.modifiedAt = modifiedAt;
    return labels;
  }

  private split(text: string): string[] {
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += this.partSize) parts.push(text.slice(i, i + this.partSize));
    return parts.length ? parts : [''];
  }

  private async writeParts(rel: Release, parts: string[], previous: number): Promise<void> {
    const key = recordKey(rel.name, rel.version);
    const labels = { name: rel.name, owner: 'skiff-part', version: String(rel.version) };
    for (let i = 2; i <= parts.length; i++) {
      const obj = this.object(rel.namespace, `${key}.part${i}`, labels, undefined, parts[i - 1]!, true);
      try {
        await this.client.create(this.ref(rel.namespace), obj);
      } catch (err) {
        if (!isAlreadyExists(err)) this.wrap(err, `writing ${key}.part${i}`);
        await this.client.update(this.ref(rel.namespace, obj.metadata.name), obj).catch((e) => this.wrap(e, `writing ${key}.part${i}`));
      }
    }
    for (let i = parts.length + 1; i <= previous; i++) await this.deleteObject(rel.namespace, `${key}.part${i}`);
  }

  private async deleteObject(namespace: string, name: string): Promise<boolean> {
    try {
      await this.client.delete(this.ref(namespace, name));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      return this.wrap(err, `deleting ${name}`);
    }
  }

  private withParts(annotations: Record<string, string> | undefined, parts: number): Record<string, string> {
    const out = { ...(annotations ?? {}) };
    delete out[PARTS_ANNOTATION];
    if (parts > 1) out[PARTS_ANNOTATION] = String(parts);
    return out;
  }

  /** What update() needs of a record object this driver wrote or read by its release, so that it can write without reading first. */
  private remember(obj: StorageObject | undefined): void {
    const m = obj?.metadata;
    if (!m?.resourceVersion) return;
    // A long-lived driver (the dashboard's) forgets rather than grows: a forgotten record is only read before its next write.
    if (this.known.size >= KNOWN_RECORDS) this.known.clear();
    this.known.set(`${m.namespace ?? ''}/${m.name ?? ''}`, { resourceVersion: m.resourceVersion, createdAt: m.labels?.createdAt, parts: Number(m.annotations?.[PARTS_ANNOTATION] ?? 1) });
  }

  async create(rel: Release, meta?: RecordMeta): Promise<void> {
    const key = recordKey(rel.name, rel.version);
    const parts = this.split(encodeRelease(rel));
    const labels = this.labelsFor(rel, String(Math.floor(this.now() / 1000)));
    const obj = this.object(rel.namespace, key, labels, this.withParts(meta?.annotations, parts.length), parts[0]!, false);
    try {
      this.remember(await this.client.create<StorageObject>(this.ref(rel.namespace), obj));
    } catch (err) {
      if (isAlreadyExists(err)) throw new ReleaseConflictError(`release record ${key} already exists in namespace ${rel.namespace}`);
      this.wrap(err, `creating release record ${key}`);
    }
    if (parts.length > 1) await this.writeParts(rel, parts, 0);
  }

  /**
   * Rewrites a record. A record this driver wrote or read by its release is
   * written at the resourceVersion it was seen at, without reading it again
   * (Helm's update reads nothing either); if it changed since (409) or is
   * gone, it is read first as any other.
   */
  async update(rel: Release, meta?: RecordMeta): Promise<void> {
    const key = recordKey(rel.name, rel.version);
    const k = `${rel.namespace}/${key}`;
    const known = this.known.get(k);
    if (known) {
      try {
        return await this.put(rel, meta, key, known);
      } catch (err) {
        this.known.delete(k);
        // Changed or gone since: read it (a gone record is then ReleaseNotFoundError).
        if (!isConflict(err) && !isNotFound(err)) this.wrap(err, `updating release record ${key}`);
      }
    }
    let old: StorageObject;
    try {
      old = await this.client.get<StorageObject>(this.ref(rel.namespace, key));
    } catch (err) {
      if (isNotFound(err)) throw new ReleaseNotFoundError(`${rel.name} (revision ${rel.version})`);
      return this.wrap(err, `reading release record ${key}`);
    }
    const seen = { resourceVersion: old.metadata.resourceVersion, createdAt: old.metadata.labels?.createdAt, parts: Number(old.metadata.annotations?.[PARTS_ANNOTATION] ?? 1) };
    await this.put(rel, meta, key, seen).catch((e) => this.wrap(e, `updating release record ${key}`));
  }

  /** The PUT of update: parts first, then the record object at `seen.resourceVersion`, then parts no longer needed. */
  private async put(rel: Release, meta: RecordMeta | undefined, key: string, seen: { resourceVersion?: string; createdAt?: string; parts: number }): Promise<void> {
    const parts = this.split(encodeRelease(rel));
    const previous = seen.parts;
    if (parts.length > 1) await this.writeParts(rel, parts, previous);
    const createdAt = seen.createdAt ?? String(Math.floor(this.now() / 1000));
    const labels = this.labelsFor(rel, createdAt, String(Math.floor(this.now() / 1000)));
    const obj = this.object(rel.namespace, key, labels, this.withParts(meta?.annotations, parts.length), parts[0]!, false);
    obj.metadata.resourceVersion = seen.resourceVersion;
    this.remember(await this.client.update<StorageObject>(this.ref(rel.namespace, key), obj));
    if (parts.length === 1 && previous > 1) await this.writeParts(rel, parts, previous);
  }

  async delete(namespace: string, name: string, version: number): Promise<boolean> {
    const key = recordKey(name, version);
    const head = await this.get(namespace, name, version);
    if (!head) return false;
    this.known.delete(`${namespace}/${key}`);
    const parts = Number(head.annotations[PARTS_ANNOTATION] ?? 1);
    await this.deleteObject(namespace, key);
    for (let i = 2; i <= parts; i++) await this.deleteObject(namespace, `${key}.part${i}`);
    return true;
  }

  async get(namespace: string, name: string, version: number): Promise<RecordHeader | undefined> {
    try {
      const obj = await this.client.get<StorageObject>(this.ref(namespace, recordKey(name, version)));
      this.remember(obj);
      return this.header(obj);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      return this.wrap(err, `reading release record ${recordKey(name, version)}`);
    }
  }

  /**
   * One label-selected list, paged. Without `records` it reads headers only:
   * a metadata-only list (labels and annotations, no record data), so listing
   * a thousand releases of ten revisions moves kilobytes, not the records,
   * which come later, per record (`load()`) or in bulk (`prefetch`). With
   * `records` the list carries them (Helm's one list).
   */
  async query(q: RecordQuery): Promise<RecordHeader[]> {
    const sel = ['owner=helm'];
    if (q.name !== undefined) sel.push(`name=${q.name}`);
    if (q.status !== undefined) sel.push(`status=${q.status}`);
    const out: RecordHeader[] = [];
    // One release's records are remembered for update(); a list of every release's is not (it may hold thousands).
    for await (const got of this.listAll(q.namespace, sel.join(','), !q.records, true, q.name !== undefined)) {
      if ('header' in got) out.push(got.header);
      else if (this.name === 'secret' && !got.partial && got.obj.type !== undefined && got.obj.type !== 'helm.sh/release.v1') continue;
      else out.push(this.header(got.obj, got.partial));
    }
    return out;
  }

  /**
   * Every object matching a selector, page by page (limit/continue);
   * `partial` when the server sent metadata only. Metadata pages are read
   * compactly, and each next page is asked for as soon as its continue token
   * arrives (before the items of the page that carries it). With `headers`,
   * metadata items may come as headers made while the page is read (so the
   * items themselves are never all held).
   */
  private async *listAll(
    namespace: string | undefined,
    labelSelector: string,
    metadataOnly: boolean,
    headers = false,
    remember = false,
  ): AsyncGenerator<{ obj: StorageObject; partial: boolean } | { header: RecordHeader }> {
    type Page = { list: Promise<KubeList<StorageObject>>; streamed: RecordHeader[] };
    /** Pages asked for ahead, by continue token, not yet taken. */
    const ahead = new Map<string, Page>();
    const request = (cont: string | undefined): Page => {
      const streamed: RecordHeader[] = [];
      const list = this.client.list<StorageObject>(this.ref(namespace), {
        labelSelector,
        limit: metadataOnly ? this.headerPageSize : this.pageSize,
        ...(cont ? { continue: cont } : {}),
        metadataOnly,
        ...(metadataOnly
          ? {
              compactMetadata: true,
              onContinue: (token: string) => void (ahead.has(token) || ahead.size >= PAGES_AHEAD || ahead.set(token, request(token))),
              ...(headers ? { onItem: (obj: StorageObject | undefined) => void (obj ? (remember && this.remember(obj), streamed.push(this.header(obj, true))) : (streamed.length = 0)) } : {}),
            }
          : {}),
      });
      list.catch(() => undefined); // awaited below, or abandoned with the listing
      return { list, streamed };
    };
    let pending: Page | undefined = request(undefined);
    while (pending) {
      let page: KubeList<StorageObject>;
      try {
        page = await pending.list;
      } catch (err) {
        return this.wrap(err, `listing release records`);
      }
      const streamed = pending.streamed;
      const cont: string | undefined = page.metadata?.continue || undefined;
      pending = cont ? (ahead.get(cont) ?? request(cont)) : undefined;
      if (cont) ahead.delete(cont);
      for (const header of streamed) yield { header };
      const partial = (page as { kind?: string }).kind === 'PartialObjectMetadataList';
      for (const obj of page.items) {
        if (remember) this.remember(obj);
        yield { obj, partial };
      }
    }
  }

  /**
   * Fetches the bodies of many headers (from `query`) ahead of `load()`, in
   * few requests and carrying little that is not wanted: a few at most are
   * fetched one GET each; otherwise one list of their statuses
   * (`owner=helm,status in (...)`) when nearly everything it carries is
   * wanted, else lists that name the releases too
   * (`...,name in (...),version in (...)`), a few hundred names each. `of`
   * is the header set they were chosen from, used to estimate what the
   * status list would carry.
   */
  async prefetch(headers: readonly RecordHeader[], of: readonly RecordHeader[]): Promise<void> {
    const want = headers.filter((h) => this.bodyless.has(h));
    if (want.length === 0) return;
    if (want.length > PREFETCH_GETS) {
      const byKey = new Map(want.map((h) => [`${h.namespace}/${recordKey(h.name, h.version)}`, h] as const));
      const take = async (namespace: string | undefined, sel: string) => {
        for await (const got of this.listAll(namespace, sel, false)) {
          if ('header' in got || got.partial) break;
          const obj = got.obj;
          const h = byKey.get(`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
          if (h && this.bodyless.has(h)) (h as StoredRecord).supply(obj);
        }
      };
      const statuses = new Set(want.map((h) => h.status));
      const namespaces = new Set(want.map((h) => h.namespace));
      const ns = namespaces.size === 1 ? [...namespaces][0] : undefined;
      const base = `owner=helm,status in (${[...statuses].sort().join(',')})`;
      const carried = of.filter((h) => statuses.has(h.status) && (ns === undefined || h.namespace === ns)).length;
      if (carried <= want.length + Math.max(PREFETCH_GETS, want.length >> 3)) await take(ns, base);
      else {
        // Label values cannot hold "," or ")": the names go into the selector as they are.
        const byName = new Map<string, RecordHeader[]>();
        for (const h of want) {
          const hs = byName.get(h.name);
          if (hs) hs.push(h);
          else byName.set(h.name, [h]);
        }
        const batches: string[] = [];
        let names: string[] = [];
        let versions = new Set<number>();
        let length = 0;
        const flush = () => {
          if (!names.length) return;
          const v = versions.size <= MAX_SELECTOR_VERSIONS ? `,version in (${[...versions].sort((a, b) => a - b).join(',')})` : '';
          batches.push(`${base},name in (${names.join(',')})${v}`);
          names = [];
          versions = new Set();
          length = 0;
        };
        for (const [name, hs] of byName) {
          if (length + name.length + 1 > this.nameBatch) flush();
          names.push(name);
          length += name.length + 1;
          for (const h of hs) versions.add(h.version);
        }
        flush();
        for (let i = 0; i < batches.length; i += PREFETCH_LISTS) await Promise.all(batches.slice(i, i + PREFETCH_LISTS).map((sel) => take(ns, sel)));
      }
    }
    const rest = want.filter((h) => this.bodyless.has(h));
    for (let i = 0; i < rest.length; i += PREFETCH_GETS) await Promise.all(rest.slice(i, i + PREFETCH_GETS).map((h) => h.load().catch(() => undefined)));
  }

  /** A header from a stored object; with `partial` the object carries metadata only (see StoredRecord). */
  private header(obj: StorageObject, partial = false): RecordHeader {
    const h = new StoredRecord(this, obj, partial);
    if (partial) this.bodyless.add(h);
    return h;
  }

  /** @internal The stored object of a record, fetched when its header came without it; checked to be a release record. */
  async fetchBody(h: StoredRecord): Promise<StorageObject> {
    let body: StorageObject;
    try {
      body = await this.client.get<StorageObject>(this.ref(h.namespace, h.key));
    } catch (err) {
      if (isNotFound(err)) throw new RecordDecodeError(`${h.where}: cannot decode release record: it was deleted while being read`);
      return this.wrap(err, `reading release record ${h.key}`);
    }
    if (this.name === 'secret' && body.type !== undefined && body.type !== 'helm.sh/release.v1') {
      throw new RecordDecodeError(`${h.where}: cannot decode release record: type is "${body.type}", expected "helm.sh/release.v1"`);
    }
    return body;
  }

  /** @internal Whether a full object handed over by prefetch is a release record's. */
  isRecordObject(obj: StorageObject): boolean {
    return this.name !== 'secret' || obj.type === undefined || obj.type === 'helm.sh/release.v1';
  }

  /** @internal The first part's text of a record object. */
  recordText(obj: StorageObject): string {
    return this.decodeData(obj);
  }

  /** @internal A record's whole text: its first part, then parts 2..N fetched. */
  async joinParts(h: StoredRecord, first: string, parts: number): Promise<string> {
    let text = first;
    for (let i = 2; i <= parts; i++) {
      const part = await this.client.get<StorageObject>(this.ref(h.namespace, `${h.key}.part${i}`)).catch((e) => this.wrap(e, `${h.where}: reading part ${i} of ${parts}`));
      text += this.decodeData(part);
    }
    return text;
  }

  /** @internal The record now has its body: prefetch no longer needs to fetch it. */
  settled(h: StoredRecord): void {
    this.bodyless.delete(h);
  }
}
