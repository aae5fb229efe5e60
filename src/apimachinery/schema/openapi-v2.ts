// The OpenAPI v2 (Swagger 2.0) document at /openapi/v2: the type definitions
// of the same per-group OpenAPI v3 documents (one catalog, one list of served
// resources). kubectl still reads it to validate what has no PATCH operation in
// /openapi/v3: a `kind: List` of several objects (`kubectl get a b -o yaml`),
// SubjectAccessReview and the other review kinds.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.js';
import { openApiPaths, openApiV3Document } from './openapi.js';
import type { ResourceInfo } from './resources.js';

type Schema = Record<string, unknown>;

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of JSON Schema / OpenAPI v3 that Swagger 2.0 (and kubectl's v2 models) do not have. */
const V3_ONLY = new Set(['nullable', 'anyOf', 'oneOf', 'not', 'x-kubernetes-validations', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource']);

/**
 * One schema in v2 form: `allOf: [{$ref}]` wrappers become plain `$ref`s (what
 * kube-openapi publishes in v2), refs point at #/definitions, object-valued
 * defaults go. For custom resources, what v2 cannot express is left open
 * rather than guessed: an int-or-string or preserve-unknown-fields node loses
 * its type and properties, so clients accept any value there.
 */
function toV2(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toV2);
  if (!isObj(s)) return s;
  const out: Schema = {};
  const allOf = s.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isObj(allOf[0]) && typeof allOf[0].$ref === 'string') out.$ref = toRef(allOf[0].$ref);
  const open = s['x-kubernetes-int-or-string'] === true || s['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [k, v] of Object.entries(s)) {
    if (k === 'allOf' || V3_ONLY.has(k)) continue;
    if (k === 'default' && isObj(v)) continue;
    if (open && (k === 'type' || k === 'properties' || k === 'additionalProperties' || k === 'items' || k === 'required')) continue;
    // An array without items is no array kubectl's v2 parser accepts: it stays untyped (any value).
    if (k === 'type' && v === 'array' && s.items === undefined) continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = toRef(v);
    else if (k === 'properties' && isObj(v)) {
      const props: Schema = {};
      for (const [name, p] of Object.entries(v)) props[name] = toV2(p);
      out.properties = props;
    } else if (k === 'items' || k === 'additionalProperties') out[k] = toV2(v);
    else out[k] = v;
  }
  return out;
}

function toRef(ref: string): string {
  return ref.startsWith(V3_REF) ? V2_REF + ref.slice(V3_REF.length) : ref;
}

function build(resources: readonly ResourceInfo[], crds: readonly KubeObject[] | undefined): Schema {
  const definitions: Schema = Object.create(null);
  for (const p of openApiPaths(resources, crds)) {
    const doc = openApiV3Document(p, resources, crds) as { components?: { schemas?: Schema } } | undefined;
    for (const [k, v] of Object.entries(doc?.components?.schemas ?? {})) definitions[k] ??= toV2(v);
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    // Operations are served in v3 only, on purpose: kubectl's v2 query-parameter check, finding a
    // PATCH path for Namespace but none for a review kind or a List, would list CRDs, which users
    // without that permission may not (kubernetes/kubernetes#116245). Without v2 paths kubectl
    // validates such documents against these definitions instead.
    paths: {},
    definitions: Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]])),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

const caches = new WeakMap<readonly ResourceInfo[], { key: string; doc: Schema; etag: string }>();

/**
 * The /openapi/v2 document for the built-in `resources` plus the custom kinds
 * of `crds`, with a strong ETag of its content. Rebuilt only when the CRDs
 * change; the result is shared: treat it as read-only.
 */
export function openApiV2Document(resources: readonly ResourceInfo[], crds?: readonly KubeObject[]): { doc: object; etag: string } {
  const key = JSON.stringify((crds ?? []).map((c) => [c.metadata?.uid, c.metadata?.resourceVersion]));
  const hit = caches.get(resources);
  if (hit && hit.key === key) return hit;
  const doc = build(resources, crds);
  const etag = `"${createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase()}"`;
  const entry = { key, doc, etag };
  caches.set(resources, entry);
  return entry;
}
