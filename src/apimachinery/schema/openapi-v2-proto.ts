// The OpenAPI v2 document in protobuf, as kubectl asks for it
// (application/com.github.proto-openapi.spec.v2@v1.0+protobuf): gnostic's
// openapi_v2.Document (github.com/google/gnostic-models, OpenAPIv2.proto).
// Field numbers below are that file's. Values gnostic keeps as `Any` (vendor
// extensions, defaults, enums) travel as YAML text, for which JSON text is valid.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A protobuf message under construction: fields appended in the order written. */
class Msg {
  private readonly parts: Buffer[] = [];

  private varint(n: number): void {
    const out: number[] = [];
    let v = n;
    while (v > 0x7f) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.parts.push(Buffer.from(out));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** A string field; empty strings are proto3 defaults and are not written. */
  str(field: number, v: unknown): this {
    if (typeof v !== 'string' || v === '') return this;
    const b = Buffer.from(v, 'utf8');
    this.tag(field, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }

  strs(field: number, v: unknown): this {
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') this.str(field, x === '' ? '' : x);
    return this;
  }

  bool(field: number, v: unknown): this {
    if (v !== true) return this;
    this.tag(field, 0);
    this.varint(1);
    return this;
  }

  int(field: number, v: unknown): this {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) return this;
    this.tag(field, 0);
    this.varint(v);
    return this;
  }

  double(field: number, v: unknown): this {
    if (typeof v !== 'number') return this;
    this.tag(field, 1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    this.parts.push(b);
    return this;
  }

  msg(field: number, m: Msg | undefined): this {
    if (!m) return this;
    const b = m.bytes();
    this.tag(field, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** gnostic Any: the value as YAML text (field 2). */
function any(v: unknown): Msg {
  return new Msg().str(2, `${JSON.stringify(v)}\n`);
}

/** Vendor extensions (x-*) of an object as repeated NamedAny. */
function extensions(m: Msg, field: number, o: Json): void {
  for (const [k, v] of Object.entries(o)) if (k.startsWith('x-')) m.msg(field, new Msg().str(1, k).msg(2, any(v)));
}

function schema(s: unknown): Msg {
  const m = new Msg();
  if (!isObj(s)) return m;
  m.str(1, s.$ref).str(2, s.format).str(3, s.title).str(4, s.description);
  if (s.default !== undefined) m.msg(5, any(s.default));
  m.double(6, s.multipleOf).double(7, s.maximum).bool(8, s.exclusiveMaximum).double(9, s.minimum).bool(10, s.exclusiveMinimum);
  m.int(11, s.maxLength).int(12, s.minLength).str(13, s.pattern).int(14, s.maxItems).int(15, s.minItems).bool(16, s.uniqueItems);
  m.int(17, s.maxProperties).int(18, s.minProperties).strs(19, s.required);
  if (Array.isArray(s.enum)) for (const e of s.enum) m.msg(20, any(e));
  if (isObj(s.additionalProperties)) m.msg(21, new Msg().msg(1, schema(s.additionalProperties)));
  else if (typeof s.additionalProperties === 'boolean') m.msg(21, new Msg().bool(2, s.additionalProperties));
  if (typeof s.type === 'string') m.msg(22, new Msg().str(1, s.type));
  if (isObj(s.items)) m.msg(23, new Msg().msg(1, schema(s.items)));
  if (Array.isArray(s.allOf)) for (const a of s.allOf) m.msg(24, schema(a));
  if (isObj(s.properties)) {
    const props = new Msg();
    for (const [k, v] of Object.entries(s.properties)) props.msg(1, new Msg().str(1, k).msg(2, schema(v)));
    m.msg(25, props);
  }
  m.str(26, s.discriminator).bool(27, s.readOnly);
  if (s.example !== undefined) m.msg(30, any(s.example));
  extensions(m, 31, s);
  return m;
}

const encoded = new WeakMap<object, Buffer>();

/** The protobuf encoding (openapi_v2.Document) of a Swagger 2.0 document in JSON form; memoized per document object. */
export function openApiV2Protobuf(doc: object): Buffer {
  let out = encoded.get(doc);
  if (!out) encoded.set(doc, (out = encodeDocument(doc as Json)));
  return out;
}

function encodeDocument(d: Json): Buffer {
  const m = new Msg().str(1, d.swagger);
  if (isObj(d.info)) m.msg(2, new Msg().str(1, d.info.title).str(2, d.info.version).str(3, d.info.description));
  m.str(3, d.host).str(4, d.basePath).strs(5, d.schemes).strs(6, d.consumes).strs(7, d.produces);
  // Paths (field 8) stay empty: /openapi/v2 describes types only (see openapi-v2.ts).
  if (isObj(d.definitions)) {
    const defs = new Msg();
    for (const [k, s] of Object.entries(d.definitions)) defs.msg(1, new Msg().str(1, k).msg(2, schema(s)));
    m.msg(9, defs);
  }
  if (Array.isArray(d.security)) {
    for (const req of d.security) {
      if (!isObj(req)) continue;
      const r = new Msg();
      for (const [k, v] of Object.entries(req)) r.msg(1, new Msg().str(1, k).msg(2, new Msg().strs(1, v)));
      m.msg(12, r);
    }
  }
  if (isObj(d.securityDefinitions)) {
    const sd = new Msg();
    for (const [k, v] of Object.entries(d.securityDefinitions)) {
      if (!isObj(v) || v.type !== 'apiKey') continue;
      sd.msg(1, new Msg().str(1, k).msg(2, new Msg().msg(2, new Msg().str(1, v.type).str(2, v.name).str(3, v.in).str(4, v.description))));
    }
    m.msg(13, sd);
  }
  extensions(m, 16, d);
  return m.bytes();
}
