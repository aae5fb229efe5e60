// PartialObjectMetadata and PartialObjectMetadataList answers in Kubernetes'
// protobuf encoding (application/vnd.kubernetes.protobuf;as=...;g=meta.k8s.io),
// which kube-apiserver serves for every built-in resource and client-go's
// metadata client asks for first. Field numbers and order are those of
// k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto, written as its
// generated Go marshaller writes them: ascending field numbers, scalar and
// string fields of non-pointer Go fields always present, maps sorted by key.
// Each stored object's metadata is encoded once and reused (stored objects
// never change once written), as its JSON text is.
import { PROTOBUF_MAGIC } from '../../../apimachinery/schema/index.js';

/** Builds one protobuf message. */
class Writer {
  private readonly parts: Buffer[] = [];
  private bytes: number[] = [];
  length = 0;

  private flush(): void {
    if (this.bytes.length) {
      this.parts.push(Buffer.from(this.bytes));
      this.bytes = [];
    }
  }

  private varint(n: number | bigint): void {
    if (typeof n === 'number' && n >= 0 && n <= 0x7fffffff) {
      while (n > 0x7f) {
        this.bytes.push((n & 0x7f) | 0x80);
        this.length++;
        n >>>= 7;
      }
      this.bytes.push(n);
      this.length++;
      return;
    }
    // Negative or large: an int64 in two's complement, as Go writes it.
    let v = BigInt.asUintN(64, BigInt(n));
    while (v > 0x7fn) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      this.length++;
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    this.length++;
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, n: number | bigint): this {
    this.tag(field, 0);
    this.varint(n);
    return this;
  }

  bool(field: number, b: boolean): this {
    return this.int(field, b ? 1 : 0);
  }

  buffer(field: number, data: Buffer): this {
    this.tag(field, 2);
    this.varint(data.length);
    this.flush();
    this.parts.push(data);
    this.length += data.length;
    return this;
  }

  string(field: number, s: unknown): this {
    return this.buffer(field, Buffer.from(typeof s === 'string' ? s : '', 'utf8'));
  }

  message(field: number, w: Writer): this {
    return this.buffer(field, w.finish());
  }

  finish(): Buffer {
    this.flush();
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
  }
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** metav1.Time / Timestamp: seconds and nanos from the RFC 3339 text; empty for the zero time. */
function time(text: unknown): Writer {
  const w = new Writer();
  if (typeof text !== 'string' || text === '') return w;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return w;
  const frac = /\.(\d{1,9})/.exec(text)?.[1] ?? '';
  const nanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return w.int(1, Math.floor(ms / 1000)).int(2, nanos);
}

/** A map<string,string> field: one entry message per key, in key order (Go sorts them). */
function stringMap(w: Writer, field: number, m: unknown): void {
  const o = obj(m);
  for (const k of Object.keys(o).sort()) w.message(field, new Writer().string(1, k).string(2, o[k]));
}

function ownerReference(o: Json): Writer {
  const w = new Writer().string(1, o.kind).string(3, o.name).string(4, o.uid).string(5, o.apiVersion);
  if (typeof o.controller === 'boolean') w.bool(6, o.controller);
  if (typeof o.blockOwnerDeletion === 'boolean') w.bool(7, o.blockOwnerDeletion);
  return w;
}

function managedFieldsEntry(o: Json): Writer {
  const w = new Writer().string(1, o.manager).string(2, o.operation).string(3, o.apiVersion);
  if (o.time !== undefined && o.time !== null) w.message(4, time(o.time));
  w.string(6, o.fieldsType);
  // FieldsV1's Raw holds the JSON text of the field set.
  if (o.fieldsV1 !== undefined && o.fieldsV1 !== null) w.message(7, new Writer().buffer(1, Buffer.from(JSON.stringify(o.fieldsV1))));
  return w.string(8, o.subresource);
}

function objectMeta(m: Json): Buffer {
  const w = new Writer().string(1, m.name).string(2, m.generateName).string(3, m.namespace).string(4, m.selfLink).string(5, m.uid).string(6, m.resourceVersion);
  w.int(7, typeof m.generation === 'number' ? m.generation : 0);
  w.message(8, time(m.creationTimestamp));
  if (m.deletionTimestamp !== undefined && m.deletionTimestamp !== null) w.message(9, time(m.deletionTimestamp));
  if (typeof m.deletionGracePeriodSeconds === 'number') w.int(10, m.deletionGracePeriodSeconds);
  stringMap(w, 11, m.labels);
  stringMap(w, 12, m.annotations);
  for (const r of arr(m.ownerReferences)) w.message(13, ownerReference(obj(r)));
  for (const f of arr(m.finalizers)) w.string(14, f);
  for (const e of arr(m.managedFields)) w.message(17, managedFieldsEntry(obj(e)));
  return w.finish();
}

const cache = new WeakMap<object, Buffer>();

/** A stored object's metadata as an encoded PartialObjectMetadata message (cached). */
function partialMessage(o: { readonly metadata: object }): Buffer {
  let b = cache.get(o);
  if (b === undefined) {
    b = new Writer().buffer(1, objectMeta(obj(o.metadata))).finish();
    cache.set(o, b);
  }
  return b;
}

/** The `k8s\0` envelope around an encoded message. */
function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const unknown = new Writer().message(1, new Writer().string(1, apiVersion).string(2, kind)).buffer(2, raw).string(3, '').string(4, '').finish();
  return Buffer.concat([PROTOBUF_MAGIC, unknown]);
}

/** The protobuf body of a PartialObjectMetadataList of `items`. */
export function partialListProtobuf(version: string, list: { resourceVersion?: string; continue?: string; remainingItemCount?: number }, items: readonly { readonly metadata: object }[]): Buffer {
  const lm = new Writer().string(1, '').string(2, list.resourceVersion).string(3, list.continue);
  if (typeof list.remainingItemCount === 'number') lm.int(4, list.remainingItemCount);
  const w = new Writer().message(1, lm);
  for (const it of items) w.buffer(2, partialMessage(it));
  return envelope(`meta.k8s.io/${version}`, 'PartialObjectMetadataList', w.finish());
}

/** The protobuf body of one PartialObjectMetadata. */
export function partialProtobuf(version: string, item: { readonly metadata: object }): Buffer {
  return envelope(`meta.k8s.io/${version}`, 'PartialObjectMetadata', partialMessage(item));
}
