// Decoding Kubernetes protobuf bodies (application/vnd.kubernetes.protobuf) into
// the JSON form of the object, guided by the catalog's field numbers. kubectl's
// typed clients (`kubectl create deployment|configmap|secret|...`) send these.
// The result matches what the same Go object marshals to as JSON: zero scalars
// are dropped unless the field keeps them (pointers, fields without omitempty),
// embedded structs are flattened, intrinsic types take their JSON form.
import type { FieldDef, TypeRef } from './dsl.js';
import { typeById, typeForGvk } from './catalog.js';
import { parseApiVersion } from '../types.js';
import { assignOwn, setOwn } from '../../util/own-keys.js';
import { formatGoDurationNanos } from '../../util/duration.js';

/** The 4-byte prefix of every Kubernetes protobuf body: "k8s\0". */
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** A protobuf body that cannot be decoded; the message says why (kube-apiserver answers 400). */
export class ProtobufDecodeError extends Error {}

interface Wire {
  readonly num: number;
  readonly wire: number;
  /** varint or fixed64 value */
  readonly int?: bigint;
  /** length-delimited payload or fixed32/fixed64 bytes */
  readonly bytes?: Uint8Array;
}

function readVarint(buf: Uint8Array, pos: { i: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos.i >= buf.length) throw new ProtobufDecodeError('unexpected end of protobuf data');
    const b = buf[pos.i++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result;
    shift += 7n;
    if (shift > 70n) throw new ProtobufDecodeError('protobuf varint too long');
  }
}

function* fields(buf: Uint8Array): Generator<Wire> {
  const pos = { i: 0 };
  while (pos.i < buf.length) {
    const tag = Number(readVarint(buf, pos));
    const num = tag >>> 3;
    const wire = tag & 7;
    if (num === 0) throw new ProtobufDecodeError('protobuf field number 0');
    switch (wire) {
      case 0:
        yield { num, wire, int: readVarint(buf, pos) };
        break;
      case 1: {
        if (pos.i + 8 > buf.length) throw new ProtobufDecodeError('unexpected end of protobuf data');
        yield { num, wire, bytes: buf.subarray(pos.i, pos.i + 8) };
        pos.i += 8;
        break;
      }
      case 2: {
        const len = Number(readVarint(buf, pos));
        if (pos.i + len > buf.length) throw new ProtobufDecodeError('unexpected end of protobuf data');
        yield { num, wire, bytes: buf.subarray(pos.i, pos.i + len) };
        pos.i += len;
        break;
      }
      case 5: {
        if (pos.i + 4 > buf.length) throw new ProtobufDecodeError('unexpected end of protobuf data');
        yield { num, wire, bytes: buf.subarray(pos.i, pos.i + 4) };
        pos.i += 4;
        break;
      }
      default:
        throw new ProtobufDecodeError(`unsupported protobuf wire type ${wire}`);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function asInt(w: Wire, bits: 32 | 64): number {
  if (w.int !== undefined) return Number(BigInt.asIntN(bits, w.int));
  throw new ProtobufDecodeError(`field ${w.num}: expected a varint`);
}

function asBytes(w: Wire): Uint8Array {
  if (w.wire !== 2 || !w.bytes) throw new ProtobufDecodeError(`field ${w.num}: expected length-delimited data`);
  return w.bytes;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function formatTime(seconds: number, nanos: number, micro: boolean): string | null {
  if (seconds === 0 && nanos === 0) return null;
  const d = new Date(seconds * 1000);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return micro ? `${base}.${pad(Math.floor(nanos / 1000), 6)}Z` : `${base}Z`;
}

function parseRawJson(b: Uint8Array): unknown {
  if (b.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(b));
  } catch {
    throw new ProtobufDecodeError('embedded raw JSON does not parse');
  }
}

function decodeIntrinsic(kind: string, w: Wire): unknown {
  const b = asBytes(w);
  const sub = new Map<number, Wire[]>();
  for (const x of fields(b)) {
    const l = sub.get(x.num) ?? [];
    l.push(x);
    sub.set(x.num, l);
  }
  const last = (n: number) => sub.get(n)?.at(-1);
  switch (kind) {
    case 'Quantity': {
      const s = last(1);
      return s ? utf8.decode(asBytes(s)) : '0';
    }
    case 'IntOrString': {
      const type = last(1) ? asInt(last(1)!, 64) : 0;
      if (type === 1) return last(3) ? utf8.decode(asBytes(last(3)!)) : '';
      return last(2) ? asInt(last(2)!, 32) : 0;
    }
    case 'Time':
    case 'MicroTime':
      return formatTime(last(1) ? asInt(last(1)!, 64) : 0, last(2) ? asInt(last(2)!, 32) : 0, kind === 'MicroTime');
    case 'Duration':
      return formatGoDurationNanos(last(1)?.int !== undefined ? BigInt.asIntN(64, last(1)!.int!) : 0n);
    case 'FieldsV1':
    case 'raw':
      return last(1) ? parseRawJson(asBytes(last(1)!)) : null;
    case 'JSONSchemaPropsOrArray': {
      const many = sub.get(2);
      if (many) return many.map((x) => decodeMessage(SCHEMA_PROPS, asBytes(x)));
      return last(1) ? decodeMessage(SCHEMA_PROPS, asBytes(last(1)!)) : null;
    }
    case 'JSONSchemaPropsOrBool':
      if (last(2)) return decodeMessage(SCHEMA_PROPS, asBytes(last(2)!));
      return last(1) ? asInt(last(1)!, 64) !== 0 : false;
    case 'JSONSchemaPropsOrStringArray': {
      const props = sub.get(2);
      if (props) return props.map((x) => utf8.decode(asBytes(x)));
      return last(1) ? decodeMessage(SCHEMA_PROPS, asBytes(last(1)!)) : null;
    }
    default:
      throw new ProtobufDecodeError(`no protobuf form for ${kind}`);
  }
}

const SCHEMA_PROPS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';

/** Decodes one value of type `t` from a single wire occurrence (lists are handled by the caller). */
function decodeValue(t: TypeRef, w: Wire): unknown {
  switch (t.k) {
    case 'scalar':
      switch (t.s) {
        case 'string':
          return utf8.decode(asBytes(w));
        case 'bytes':
          return Buffer.from(asBytes(w)).toString('base64');
        case 'int32':
          return asInt(w, 32);
        case 'int64':
          return asInt(w, 64);
        case 'boolean':
          return asInt(w, 64) !== 0;
        case 'double': {
          if (w.wire !== 1 || !w.bytes) throw new ProtobufDecodeError(`field ${w.num}: expected a double`);
          return Buffer.from(w.bytes).readDoubleLE(0);
        }
      }
      break;
    case 'intrinsic':
      return decodeIntrinsic(t.s, w);
    case 'ref':
      return decodeMessage(t.name, asBytes(w));
    case 'list': {
      // A wrapped list (ExtraValue, Verbs) is a message { repeated T items = 1 }.
      const out: unknown[] = [];
      for (const x of fields(asBytes(w))) if (x.num === 1) out.push(...decodeRepeated(t.of, x));
      return out;
    }
    case 'map':
      break;
  }
  throw new ProtobufDecodeError(`field ${w.num}: cannot decode a nested ${t.k}`);
}

/** Values of one occurrence of a repeated field: packed scalars yield several. */
function decodeRepeated(t: TypeRef, w: Wire): unknown[] {
  if (t.k === 'scalar' && w.wire === 2 && (t.s === 'int32' || t.s === 'int64' || t.s === 'boolean')) {
    const out: unknown[] = [];
    const b = w.bytes!;
    const pos = { i: 0 };
    while (pos.i < b.length) {
      const v = readVarint(b, pos);
      out.push(t.s === 'boolean' ? v !== 0n : Number(BigInt.asIntN(t.s === 'int32' ? 32 : 64, v)));
    }
    return out;
  }
  if (t.k === 'scalar' && w.wire === 2 && t.s === 'double') {
    const out: unknown[] = [];
    for (let i = 0; i + 8 <= w.bytes!.length; i += 8) out.push(Buffer.from(w.bytes!.subarray(i, i + 8)).readDoubleLE(0));
    return out;
  }
  return [decodeValue(t, w)];
}

function zeroOf(t: TypeRef): unknown {
  if (t.k === 'scalar') return t.s === 'string' || t.s === 'bytes' ? '' : t.s === 'boolean' ? false : 0;
  if (t.k === 'list') return [];
  return t.k === 'ref' ? {} : null;
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function decodeMessage(typeId: string, buf: Uint8Array): Record<string, unknown> {
  const type = typeById(typeId);
  if (!type) throw new ProtobufDecodeError(`no protobuf description of ${typeId}`);
  const byNum = new Map<number, FieldDef>();
  for (const fd of type.protoFields) if (fd.proto !== undefined) byNum.set(fd.proto, fd);
  const values = new Map<string, unknown>();
  for (const w of fields(buf)) {
    const fd = byNum.get(w.num);
    if (!fd) continue; // a field newer than the catalog: ignored, as an older server would
    const t = fd.type;
    if (t.k === 'list' && !t.wrapped) {
      const cur = (values.get(fd.name) as unknown[] | undefined) ?? [];
      cur.push(...decodeRepeated(t.of, w));
      values.set(fd.name, cur);
    } else if (t.k === 'map') {
      const cur = (values.get(fd.name) as Record<string, unknown> | undefined) ?? {};
      let key = '';
      let val: unknown = zeroOf(t.of);
      for (const x of fields(asBytes(w))) {
        if (x.num === 1) key = utf8.decode(asBytes(x));
        else if (x.num === 2) val = decodeValue(t.of, x);
      }
      setOwn(cur, key, val);
      values.set(fd.name, cur);
    } else {
      values.set(fd.name, decodeValue(t, w));
    }
  }
  const out: Record<string, unknown> = {};
  for (const fd of type.protoFields) {
    if (!values.has(fd.name)) continue;
    const v = values.get(fd.name);
    if (fd.inline && v && typeof v === 'object') {
      assignOwn(out, v);
      continue;
    }
    if (fd.type.k === 'scalar' && isZeroScalar(v) && !fd.keepZero) continue;
    out[fd.name] = v;
  }
  return out;
}

/** The `k8s\0` + runtime.Unknown envelope of a protobuf body: the type it names and the encoded object. */
export interface ProtobufEnvelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
}

/**
 * Reads the envelope of a Kubernetes protobuf body. Throws
 * ProtobufDecodeError without the `k8s\0` prefix, for malformed data, a
 * content encoding other than none, or a missing kind.
 */
export function decodeProtobufEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (body.length < 4 || !PROTOBUF_MAGIC.equals(Buffer.from(body.subarray(0, 4)))) {
    throw new ProtobufDecodeError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  let encoding = '';
  for (const w of fields(body.subarray(4))) {
    if (w.num === 1) {
      for (const x of fields(asBytes(w))) {
        if (x.num === 1) apiVersion = utf8.decode(asBytes(x));
        else if (x.num === 2) kind = utf8.decode(asBytes(x));
      }
    } else if (w.num === 2) raw = asBytes(w);
    else if (w.num === 3) encoding = utf8.decode(asBytes(w));
  }
  if (encoding !== '') throw new ProtobufDecodeError(`unsupported protobuf content encoding "${encoding}"`);
  if (!kind) throw new ProtobufDecodeError('Object \'Kind\' is missing in protobuf data');
  return { apiVersion, kind, raw };
}

/** Decodes an encoded object of kind `gvk` (without envelope) into its JSON form, without apiVersion/kind. */
export function decodeProtobufMessage(gvk: { group: string; version: string; kind: string }, raw: Uint8Array): Record<string, unknown> {
  const type = typeForGvk(gvk);
  if (!type) throw new ProtobufDecodeError(`no kind "${gvk.kind}" is registered for version "${gvk.group ? `${gvk.group}/` : ''}${gvk.version}"`);
  return decodeMessage(type.id, raw);
}

/**
 * Decodes a Kubernetes protobuf body ("k8s\0" + runtime.Unknown envelope) into
 * the object's JSON form, with apiVersion and kind from the envelope.
 * Throws ProtobufDecodeError for malformed data, a kind the catalog does not
 * describe, or a content encoding other than none.
 */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  const { apiVersion, kind, raw } = decodeProtobufEnvelope(body);
  return { apiVersion, kind, ...decodeProtobufMessage({ ...parseApiVersion(apiVersion), kind }, raw) };
}
