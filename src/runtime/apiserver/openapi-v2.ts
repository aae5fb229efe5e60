// /openapi/v2: the type definitions of every served group-version as one
// Swagger 2.0 document, in JSON and in the gnostic protobuf encoding
// (openapi_v2.Document) that client-go's OpenAPISchema() reads. kubectl falls
// back to it to validate kinds that have no PATCH operation in /openapi/v3
// (SubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview,
// TokenReview, ...): without it `kubectl create -f` of those fails with
// "failed to download openapi". Built from the /openapi/v3 documents, so
// both describe the same schemas; operations are served in v3 only.

/** The protobuf form's media type as kube-openapi answers it (clients ask for it spelled `...spec.v2@v1.0+protobuf`, which is no valid media type). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type Json = Record<string, unknown>;

const V3_REF = '#/components/schemas/';

function refV2(ref: string): string {
  return ref.startsWith(V3_REF) ? `#/definitions/${ref.slice(V3_REF.length)}` : ref;
}

/** One OpenAPI v3 schema as Swagger 2.0 has it: `allOf: [$ref]` wrappers become the `$ref`; v3-only keywords go. */
export function schemaV2(s: unknown): Json {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return {};
  const v3 = s as Json;
  const allOf = v3.allOf;
  const ref = typeof v3.$ref === 'string' ? v3.$ref : Array.isArray(allOf) && allOf.length === 1 && typeof (allOf[0] as Json)?.$ref === 'string' && v3.properties === undefined && v3.type === undefined ? ((allOf[0] as Json).$ref as string) : undefined;
  const out: Json = {};
  if (ref !== undefined) {
    out.$ref = refV2(ref);
    if (typeof v3.description === 'string') out.description = v3.description;
    return out;
  }
  for (const k of ['description', 'format', 'title'] as const) if (typeof v3[k] === 'string') out[k] = v3[k];
  // An array without items is no array kubectl's parser accepts: it stays untyped (any value).
  if (typeof v3.type === 'string' && !(v3.type === 'array' && v3.items === undefined)) out.type = v3.type;
  if (Array.isArray(v3.required)) out.required = v3.required.filter((x) => typeof x === 'string');
  if (v3.items !== undefined) out.items = schemaV2(v3.items);
  if (v3.properties && typeof v3.properties === 'object') {
    const props: Json = {};
    for (const [name, p] of Object.entries(v3.properties as Json)) props[name] = schemaV2(p);
    out.properties = props;
  }
  if (typeof v3.additionalProperties === 'boolean') out.additionalProperties = v3.additionalProperties;
  else if (v3.additionalProperties && typeof v3.additionalProperties === 'object') out.additionalProperties = schemaV2(v3.additionalProperties);
  for (const [k, v] of Object.entries(v3)) if (k.startsWith('x-')) out[k] = v;
  return out;
}

/** The Swagger 2.0 document of these /openapi/v3 group-version documents (definitions sorted by name). */
export function openApiV2Json(v3Documents: readonly object[], version: string): Json {
  const defs = new Map<string, unknown>();
  for (const d of v3Documents) {
    const schemas = ((d as { components?: { schemas?: Json } }).components?.schemas ?? {}) as Json;
    for (const [name, s] of Object.entries(schemas)) if (!defs.has(name)) defs.set(name, s);
  }
  const definitions: Json = Object.create(null);
  for (const name of [...defs.keys()].sort()) definitions[name] = schemaV2(defs.get(name));
  return { swagger: '2.0', info: { title: 'Kubernetes', version }, paths: {}, definitions };
}

// ---------------------------------------------------------------- protobuf (gnostic OpenAPIv2.proto)

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

const bytesField = (field: number, data: Buffer): Buffer => Buffer.concat([varint((field << 3) | 2), varint(data.length), data]);
const stringField = (field: number, s: string): Buffer => bytesField(field, Buffer.from(s, 'utf8'));
const boolField = (field: number, b: boolean): Buffer => Buffer.concat([varint(field << 3), varint(b ? 1 : 0)]);

/** openapi_v2.Schema: _ref 1, format 2, title 3, description 4, required 19, additional_properties 21, type 22, items 23, properties 25, vendor_extension 31. */
function encodeSchema(s: Json): Buffer {
  const parts: Buffer[] = [];
  if (typeof s.$ref === 'string') parts.push(stringField(1, s.$ref));
  if (typeof s.format === 'string') parts.push(stringField(2, s.format));
  if (typeof s.title === 'string') parts.push(stringField(3, s.title));
  if (typeof s.description === 'string') parts.push(stringField(4, s.description));
  for (const r of (s.required as string[] | undefined) ?? []) parts.push(stringField(19, r));
  if (typeof s.additionalProperties === 'boolean') parts.push(bytesField(21, boolField(2, s.additionalProperties)));
  else if (s.additionalProperties) parts.push(bytesField(21, bytesField(1, encodeSchema(s.additionalProperties as Json))));
  if (typeof s.type === 'string') parts.push(bytesField(22, stringField(1, s.type)));
  if (s.items) parts.push(bytesField(23, bytesField(1, encodeSchema(s.items as Json))));
  if (s.properties) parts.push(bytesField(25, Buffer.concat(Object.entries(s.properties as Json).map(([n, p]) => bytesField(1, namedSchema(n, p as Json))))));
  for (const [k, v] of Object.entries(s)) {
    // NamedAny { name 1, value Any { yaml 2 } }: JSON is YAML.
    if (k.startsWith('x-')) parts.push(bytesField(31, Buffer.concat([stringField(1, k), bytesField(2, stringField(2, `${JSON.stringify(v)}\n`))])));
  }
  return Buffer.concat(parts);
}

const namedSchema = (name: string, s: Json): Buffer => Buffer.concat([stringField(1, name), bytesField(2, encodeSchema(s))]);

/** openapi_v2.Document: swagger 1, info 2 (title 1, version 2), definitions 9. */
export function encodeOpenApiV2(doc: Json): Buffer {
  const info = doc.info as { title: string; version: string };
  const defs = Object.entries(doc.definitions as Json).map(([n, s]) => bytesField(1, namedSchema(n, s as Json)));
  return Buffer.concat([stringField(1, String(doc.swagger)), bytesField(2, Buffer.concat([stringField(1, info.title), stringField(2, info.version)])), bytesField(9, Buffer.concat(defs))]);
}

/** What /openapi/v2 is built from: the /openapi/v3 index and its group-version documents. */
export interface OpenApiV3Source {
  index(): object;
  document(path: string): object | undefined;
}

export interface OpenApiV2 {
  readonly json: Json;
  readonly protobuf: Buffer;
}

const built = new WeakMap<OpenApiV3Source, { key: string; doc: OpenApiV2 }>();

/** The /openapi/v2 document of `source`, rebuilt only when its v3 index changes (a CRD came or went). */
export function openApiV2(source: OpenApiV3Source, version: string): OpenApiV2 {
  const index = source.index() as { paths?: Json };
  const key = JSON.stringify(index);
  const cached = built.get(source);
  if (cached?.key === key) return cached.doc;
  const docs = Object.keys(index.paths ?? {}).flatMap((p) => source.document(p) ?? []);
  const json = openApiV2Json(docs, version);
  const doc = { json, protobuf: encodeOpenApiV2(json) };
  built.set(source, { key, doc });
  return doc;
}
