// Reading a metadata-only list in Kubernetes' protobuf encoding
// (application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList, which
// kube-apiserver serves for built-in resources and client-go's metadata
// client asks for first) as its bytes arrive. Each item is length-prefixed,
// so an item is decoded once all of it is in, and what is not kept
// (managedFields, timestamps, owners: most of the bytes) is stepped over by
// its length, never read. Kept of each item: name, namespace, uid,
// resourceVersion, labels and annotations (as MetadataListReader keeps from
// JSON). Field numbers: k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto
// and runtime.Unknown (the envelope).
import type { KubeObject, ListMeta } from '../apimachinery/types.js';
import { setOwn } from '../util/own-keys.js';
import { keyAt, textAt, valueAt, type ListReader } from './list-scan.js';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const SHORT = -1;

class Malformed extends Error {}

/** Where the varint `varint` read last ends. */
let AFTER = 0;

/** The varint at `i` below `end` (AFTER: where it ends), or SHORT when the bytes end first. Values beyond 2^53 are refused. */
function varint(b: Buffer, i: number, end: number): number {
  let v = 0;
  let mul = 1;
  for (let n = 0; n < 8; n++) {
    if (i >= end) return SHORT;
    const c = b[i++]!;
    v += (c & 0x7f) * mul;
    if (c < 0x80) {
      AFTER = i;
      return v;
    }
    mul *= 128;
  }
  throw new Malformed('varint too long');
}

/** Where the field whose tag has wire type `wire` and whose value starts at `i` ends, or SHORT. */
function skip(b: Buffer, wire: number, i: number, end: number): number {
  switch (wire) {
    case 0: {
      for (let n = 0; n < 10; n++, i++) {
        if (i >= end) return SHORT;
        if (b[i]! < 0x80) return i + 1;
      }
      throw new Malformed('varint too long');
    }
    case 1:
      return i + 8 <= end ? i + 8 : SHORT;
    case 2: {
      const l = varint(b, i, end);
      if (l === SHORT) return SHORT;
      return AFTER + l <= end ? AFTER + l : SHORT;
    }
    case 5:
      return i + 4 <= end ? i + 4 : SHORT;
    default:
      throw new Malformed(`wire type ${wire}`);
  }
}

/** The field `nextField` read last: its number, and for a length-delimited one where its bytes are (else FROM = TO = -1). */
let NUM = 0;
let FROM = 0;
let TO = 0;

/** Reads the field at `i` of a complete message ending at `end` into NUM/FROM/TO; returns where the next starts. No allocation: this runs for every field of every item. */
function nextField(b: Buffer, i: number, end: number): number {
  const tag = varint(b, i, end);
  if (tag === SHORT) throw new Malformed('truncated');
  NUM = Math.floor(tag / 8);
  const wire = tag & 7;
  if (wire === 2) {
    const l = varint(b, AFTER, end);
    if (l === SHORT || AFTER + l > end) throw new Malformed('truncated');
    FROM = AFTER;
    TO = AFTER + l;
    return TO;
  }
  FROM = TO = -1;
  const e = skip(b, wire, AFTER, end);
  if (e === SHORT) throw new Malformed('truncated');
  return e;
}

const text = textAt;

/** One map<string,string> entry message into `out`. */
function mapEntry(b: Buffer, from: number, to: number, out: Record<string, string>): void {
  let key = '';
  let value = '';
  for (let i = from; i < to; ) {
    i = nextField(b, i, to);
    if (NUM === 1 && FROM >= 0) key = keyAt(b, FROM, TO);
    else if (NUM === 2 && FROM >= 0) value = valueAt(key, b, FROM, TO);
  }
  setOwn(out, key, value);
}

type Meta = { name?: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

function objectMeta(b: Buffer, from: number, to: number): Meta {
  const meta: Meta = {};
  for (let i = from; i < to; ) {
    i = nextField(b, i, to);
    const a = FROM;
    const z = TO;
    if (a < 0) continue;
    switch (NUM) {
      case 1:
        if (z > a) meta.name = text(b, a, z);
        break;
      case 3:
        if (z > a) meta.namespace = valueAt('\0namespace', b, a, z);
        break;
      case 5:
        if (z > a) meta.uid = text(b, a, z);
        break;
      case 6:
        if (z > a) meta.resourceVersion = text(b, a, z);
        break;
      case 11:
        mapEntry(b, a, z, (meta.labels ??= {}));
        break;
      case 12:
        mapEntry(b, a, z, (meta.annotations ??= {}));
        break;
    }
  }
  return meta;
}

function listMeta(b: Buffer, from: number, to: number): ListMeta {
  const meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number } = {};
  for (let i = from; i < to; ) {
    const at = i;
    i = nextField(b, i, to);
    if (NUM === 2 && FROM >= 0 && TO > FROM) meta.resourceVersion = text(b, FROM, TO);
    else if (NUM === 3 && FROM >= 0 && TO > FROM) meta.continue = text(b, FROM, TO);
    else if (NUM === 4 && FROM < 0 && varint(b, at, to) !== SHORT) {
      const v = varint(b, AFTER, to);
      if (v !== SHORT) meta.remainingItemCount = v;
    }
  }
  return meta as ListMeta;
}

/**
 * Reads a protobuf PartialObjectMetadataList pushed chunk by chunk; only the
 * bytes of the item still arriving are held. `onMeta` gets the list's
 * metadata as soon as it is read (it comes before the items); `onItem` each
 * item as it is read (then left out of the list `end()` gives).
 */
export class ProtobufListReader implements ListReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Offset in the whole body of buf[0]. */
  private base = 0;
  private state: 'magic' | 'envelope' | 'list' | 'failed' = 'magic';
  /** Where the list message (the envelope's raw field) ends, in the whole body. */
  private rawEnd = 0;
  private apiVersion = '';
  private kind = '';
  private sawRaw = false;
  private meta: ListMeta = {};
  private readonly items: KubeObject[] = [];

  constructor(
    private readonly onMeta?: (meta: ListMeta) => void,
    private readonly onItem?: (item: KubeObject) => void,
  ) {}

  get failed(): boolean {
    return this.state === 'failed';
  }

  push(chunk: Buffer): void {
    if (this.state === 'failed') return;
    this.base += this.pos;
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    try {
      this.run();
    } catch (err) {
      if (!(err instanceof Malformed)) throw err;
      this.state = 'failed';
      this.buf = Buffer.alloc(0);
      this.items.length = 0;
    }
  }

  end(): { kind: string; apiVersion: string; metadata: ListMeta; items: KubeObject[] } | undefined {
    if (this.state !== 'envelope' || this.pos < this.buf.length || !this.sawRaw || this.kind !== 'PartialObjectMetadataList') return undefined;
    return { kind: this.kind, apiVersion: this.apiVersion, metadata: this.meta, items: this.items };
  }

  private run(): void {
    const b = this.buf;
    for (;;) {
      if (this.state === 'magic') {
        if (b.length < 4) return;
        for (let k = 0; k < 4; k++) if (b[k] !== MAGIC[k]) throw new Malformed('not a Kubernetes protobuf body');
        this.pos = 4;
        this.state = 'envelope';
        continue;
      }
      const inList = this.state === 'list';
      const listEnd = this.rawEnd - this.base;
      if (inList && this.pos === listEnd) {
        this.state = 'envelope';
        continue;
      }
      if (inList && this.pos > listEnd) throw new Malformed('a field crosses the end of the list');
      if (this.pos >= b.length) return;
      // Read no further than the bytes in (or the list's end): SHORT then means wait, unless the list is all in.
      const end = inList ? Math.min(listEnd, b.length) : b.length;
      const complete = inList && listEnd <= b.length;
      const tag = varint(b, this.pos, end);
      if (tag === SHORT) {
        if (complete) throw new Malformed('truncated');
        return;
      }
      const vi = AFTER;
      const num = Math.floor(tag / 8);
      const wire = tag & 7;
      if (!inList && num === 2 && wire === 2) {
        // runtime.Unknown.raw: the list message itself, read field by field as it arrives.
        const l = varint(b, vi, end);
        if (l === SHORT) return;
        const from = AFTER;
        if (this.kind !== 'PartialObjectMetadataList' || this.sawRaw) throw new Malformed('not a PartialObjectMetadataList');
        this.sawRaw = true;
        this.pos = from;
        this.rawEnd = this.base + from + l;
        this.state = 'list';
        continue;
      }
      const e = skip(b, wire, vi, end);
      if (e === SHORT) {
        if (complete) throw new Malformed('truncated');
        return;
      }
      if (wire === 2) {
        varint(b, vi, end);
        const from = AFTER;
        if (inList && num === 1) {
          this.meta = listMeta(b, from, e);
          this.onMeta?.(this.meta);
        } else if (inList && num === 2) {
          const item = { apiVersion: this.apiVersion, kind: 'PartialObjectMetadata', metadata: {} as KubeObject['metadata'] };
          for (let i = from; i < e; ) {
            i = nextField(b, i, e);
            if (NUM === 1 && FROM >= 0) item.metadata = objectMeta(b, FROM, TO) as KubeObject['metadata'];
          }
          if (this.onItem) this.onItem(item);
          else this.items.push(item);
        } else if (!inList && num === 1) {
          for (let i = from; i < e; ) {
            i = nextField(b, i, e);
            if (NUM === 1 && FROM >= 0) this.apiVersion = text(b, FROM, TO);
            else if (NUM === 2 && FROM >= 0) this.kind = text(b, FROM, TO);
          }
        } else if (!inList && num === 3 && e > from) throw new Malformed('a content encoding');
      }
      this.pos = e;
    }
  }
}
