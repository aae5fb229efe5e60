// OpenAPI v3 documents derived from the catalog, in the shape kube-apiserver
// serves at /openapi/v3 and /openapi/v3/<api/v1|apis/g/v>: what kubectl reads
// to decide on server-side field validation (the fieldValidation parameter
// of PATCH operations), to compute strategic merge patches (patch
// extensions, `x-kubernetes-group-version-kind`) and for `kubectl explain`.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { FieldDef, GroupVersionKind, TypeRef } from './dsl.js';
import { typeById, typeForGvk, type ResolvedType } from './catalog.js';
import { gvPath, type ResourceInfo } from './resources.js';
import { cloneJson } from '../../util/json.js';
import { addPaths, BUILTIN_PATCH_TYPES, CR_PATCH_TYPES, groupWord, META, ok, REF, type Schema } from './openapi-paths.js';


/** Schemas of the intrinsic types, under the component names kube-apiserver uses. */
const INTRINSICS: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description: 'A fixed-point number with an optional SI or binary suffix, e.g. "500m", "1Gi" or 2.',
    type: 'string',
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'Either an integer or a string (such as a port name or a percentage).',
    type: 'string',
    format: 'int-or-string',
  },
  [`${META}.Time`]: { description: 'A timestamp in RFC 3339 form, second precision.', type: 'string', format: 'date-time' },
  [`${META}.MicroTime`]: { description: 'A timestamp in RFC 3339 form, microsecond precision.', type: 'string', format: 'date-time' },
  [`${META}.FieldsV1`]: { description: 'A set of field paths, encoded as a JSON trie.', type: 'object' },
  [`${META}.Patch`]: { description: 'The body of a PATCH request; its format is given by the Content-Type.', type: 'object' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { description: 'An embedded object of any kind.', type: 'object' },
};
const INTRINSIC_ID: Record<string, string> = {
  Quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  Time: `${META}.Time`,
  MicroTime: `${META}.MicroTime`,
  FieldsV1: `${META}.FieldsV1`,
};

function scalarSchema(s: string): Schema {
  switch (s) {
    case 'int32':
      return { type: 'integer', format: 'int32' };
    case 'int64':
      return { type: 'integer', format: 'int64' };
    case 'boolean':
      return { type: 'boolean' };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    default:
      return { type: 'string' };
  }
}

/** The schema of a value of type `t`; refs recorded in `refs`. `asItem`: inside items/additionalProperties. */
function typeSchema(t: TypeRef, refs: Set<string>, asItem: boolean): Schema {
  switch (t.k) {
    case 'scalar':
      return { ...scalarSchema(t.s), ...(asItem ? { default: t.s === 'string' ? '' : t.s === 'boolean' ? false : 0 } : {}) };
    case 'intrinsic': {
      if (t.s === 'Duration') return { type: 'string' };
      const id = INTRINSIC_ID[t.s];
      if (id) {
        refs.add(id);
        return asItem ? { $ref: REF(id) } : { allOf: [{ $ref: REF(id) }] };
      }
      return { 'x-kubernetes-preserve-unknown-fields': true };
    }
    case 'ref':
      refs.add(t.name);
      return asItem ? { allOf: [{ $ref: REF(t.name) }], default: {} } : { allOf: [{ $ref: REF(t.name) }] };
    case 'list':
      return { type: 'array', items: typeSchema(t.of, refs, true) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.of, refs, true) };
  }
}

function fieldSchema(fd: FieldDef, refs: Set<string>): Schema {
  const base = typeSchema(fd.type, refs, false);
  const s: Schema = {};
  if (fd.desc) s.description = fd.desc;
  Object.assign(s, base);
  if (fd.default !== undefined) s.default = fd.default;
  if (fd.enum) s.enum = [...fd.enum];
  if (fd.listType) s['x-kubernetes-list-type'] = fd.listType;
  if (fd.keys) s['x-kubernetes-list-map-keys'] = [...fd.keys];
  if (fd.mapType) s['x-kubernetes-map-type'] = fd.mapType;
  if (fd.structType) s['x-kubernetes-map-type'] = fd.structType;
  if (fd.mergeKey) s['x-kubernetes-patch-merge-key'] = fd.mergeKey;
  if (fd.strategy) s['x-kubernetes-patch-strategy'] = fd.strategy;
  return s;
}

/** The `x-kubernetes-group-version-kind` list of a top-level kind. */
function gvkExtension(t: ResolvedType): { group: string; kind: string; version: string }[] | undefined {
  if (!t.def.gvk) return undefined;
  const { group, version, kind } = t.def.gvk;
  return [{ group, kind, version }];
}

function componentSchema(t: ResolvedType, refs: Set<string>): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const fd of t.fields) {
    properties[fd.name] = fieldSchema(fd, refs);
    if (fd.required) required.push(fd.name);
  }
  const s: Schema = {};
  if (t.def.desc) s.description = t.def.desc;
  s.type = 'object';
  if (Object.keys(properties).length > 0) s.properties = properties;
  if (required.length > 0) s.required = required;
  const gvks = gvkExtension(t);
  if (gvks) s['x-kubernetes-group-version-kind'] = gvks;
  return s;
}

/** Adds `ids` and everything they reference to `out`. */
function addComponents(ids: Iterable<string>, out: Record<string, Schema>): void {
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (out[id]) continue;
    if (INTRINSICS[id]) {
      out[id] = INTRINSICS[id]!;
      continue;
    }
    const t = typeById(id);
    if (!t) continue;
    const refs = new Set<string>();
    out[id] = componentSchema(t, refs);
    queue.push(...refs);
  }
}

// --- custom resources -------------------------------------------------------------

/** The OpenAPI component name kube-apiserver gives a custom kind: reversed group + version + kind. */
export function customResourceSchemaId(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

interface CrdVersion {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly schema: Schema | undefined;
  readonly status: boolean;
  readonly scale: boolean;
}

function crdVersions(crds: readonly KubeObject[] | undefined): CrdVersion[] {
  const out: CrdVersion[] = [];
  for (const crd of crds ?? []) {
    const spec = crd.spec as Record<string, any> | undefined;
    if (!spec || typeof spec.group !== 'string' || !spec.names || !Array.isArray(spec.versions)) continue;
    for (const v of spec.versions as Record<string, any>[]) {
      if (!v || v.served === false || typeof v.name !== 'string') continue;
      out.push({
        group: spec.group,
        version: v.name,
        kind: String(spec.names.kind),
        listKind: String(spec.names.listKind ?? `${spec.names.kind}List`),
        plural: String(spec.names.plural),
        namespaced: spec.scope !== 'Cluster',
        schema: v.schema?.openAPIV3Schema as Schema | undefined,
        status: Boolean(v.subresources?.status),
        scale: Boolean(v.subresources?.scale),
      });
    }
  }
  return out;
}

function crSchemas(c: CrdVersion): Record<string, Schema> {
  const id = customResourceSchemaId(c.group, c.version, c.kind);
  const given = c.schema ? cloneJson(c.schema) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties = { ...((given.properties as Record<string, Schema> | undefined) ?? {}) };
  properties.apiVersion = { description: 'Versioned schema of this object.', type: 'string' };
  properties.kind = { description: 'The REST kind of this object.', type: 'string' };
  properties.metadata = { description: 'Standard object metadata.', allOf: [{ $ref: REF(`${META}.ObjectMeta`) }] };
  const obj: Schema = { ...given, type: 'object', properties, 'x-kubernetes-group-version-kind': [{ group: c.group, kind: c.kind, version: c.version }] };
  const list: Schema = {
    description: `A list of ${c.kind}.`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { type: 'string' },
      items: { type: 'array', items: { $ref: REF(id) } },
      kind: { type: 'string' },
      metadata: { allOf: [{ $ref: REF(`${META}.ListMeta`) }] },
    },
    'x-kubernetes-group-version-kind': [{ group: c.group, kind: c.listKind, version: c.version }],
  };
  return { [id]: obj, [customResourceSchemaId(c.group, c.version, c.listKind)]: list };
}

// --- documents ---------------------------------------------------------------------

/** Documents by resource list (one per server), then by path and CRD content. */
const caches = new WeakMap<readonly ResourceInfo[], Map<string, { doc: Schema; hash: string }>>();

function builtinPaths(resources: readonly ResourceInfo[]): Set<string> {
  const s = new Set<string>();
  for (const r of resources) s.add(gvPath(r.group, r.version));
  return s;
}

function buildDocument(path: string, resources: readonly ResourceInfo[], crds: readonly CrdVersion[]): Schema | undefined {
  const paths: Record<string, Schema> = {};
  const components: Record<string, Schema> = {};
  const refs = new Set<string>();
  let found = false;
  for (const r of resources) {
    if (gvPath(r.group, r.version) !== path) continue;
    const t = typeForGvk(r);
    if (!t) continue;
    found = true;
    const list = typeForGvk({ group: r.group, version: r.version, kind: `${r.kind}List` });
    for (const id of addPaths(paths, { ...r, id: t.id, listId: list?.id, patchTypes: BUILTIN_PATCH_TYPES })) refs.add(id);
  }
  for (const c of crds) {
    if (gvPath(c.group, c.version) !== path) continue;
    found = true;
    const schemas = crSchemas(c);
    Object.assign(components, schemas);
    const id = customResourceSchemaId(c.group, c.version, c.kind);
    const subresources = [
      ...(c.status ? [{ name: 'status', verbs: ['get', 'put', 'patch'] as const }] : []),
      ...(c.scale ? [{ name: 'scale', kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'put', 'patch'] as const }] : []),
    ];
    const rs = addPaths(paths, {
      group: c.group,
      version: c.version,
      kind: c.kind,
      plural: c.plural,
      namespaced: c.namespaced,
      subresources,
      id,
      listId: customResourceSchemaId(c.group, c.version, c.listKind),
      patchTypes: CR_PATCH_TYPES,
    });
    for (const x of rs) if (!components[x]) refs.add(x);
    refs.add(`${META}.ObjectMeta`);
    refs.add(`${META}.ListMeta`);
  }
  if (!found) return undefined;
  refs.add(`${META}.APIResourceList`);
  const [group, version] = path.startsWith('api/') ? ['', path.slice(4)] : path.slice(5).split('/');
  paths[`/${path}/`] = {
    get: {
      tags: [`${group === '' ? 'core' : group!.replace(/\.k8s\.io$/, '').replace(/\./g, '_')}_${version}`],
      description: 'get available resources',
      operationId: `get${groupWord(group!)}${version!.charAt(0).toUpperCase()}${version!.slice(1)}APIResources`,
      responses: ok(`${META}.APIResourceList`),
    },
  };
  addComponents(refs, components);
  const sorted: Record<string, Schema> = {};
  for (const k of Object.keys(components).sort()) sorted[k] = components[k]!;
  const sortedPaths: Record<string, Schema> = {};
  for (const k of Object.keys(paths).sort()) sortedPaths[k] = paths[k]!;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: sortedPaths,
    components: { schemas: sorted },
  };
}

function crdKey(crds: readonly CrdVersion[]): string {
  return JSON.stringify(crds);
}

function documentAndHash(path: string, resources: readonly ResourceInfo[], crds: readonly CrdVersion[]): { doc: Schema; hash: string } | undefined {
  const relevant = crds.filter((c) => gvPath(c.group, c.version) === path);
  const key = `${path}\n${crdKey(relevant)}`;
  let cache = caches.get(resources);
  if (!cache) caches.set(resources, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const doc = buildDocument(path, resources, relevant);
  if (!doc) return undefined;
  const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
  const entry = { doc, hash };
  if (cache.size > 256) cache.clear();
  cache.set(key, entry);
  return entry;
}

/**
 * The OpenAPI v3 document of one group/version ("api/v1", "apis/apps/v1") of
 * the built-in `resources`, including custom kinds of the given CRDs; undefined
 * when nothing is served there. The result is shared between calls: treat it as read-only.
 */
export function openApiV3Document(path: string, resources: readonly ResourceInfo[], crds?: readonly KubeObject[]): object | undefined {
  return documentAndHash(path.replace(/^\/+|\/+$/g, '').replace(/^openapi\/v3\//, ''), resources, crdVersions(crds))?.doc;
}

/** The stable hash of a document (the `?hash=` of its serverRelativeURL), or undefined. */
export function openApiV3Hash(path: string, resources: readonly ResourceInfo[], crds?: readonly KubeObject[]): string | undefined {
  return documentAndHash(path.replace(/^\/+|\/+$/g, ''), resources, crdVersions(crds))?.hash;
}

/** Every group/version path ("api/v1", "apis/apps/v1") served by `resources` and the CRDs, sorted. */
export function openApiPaths(resources: readonly ResourceInfo[], crds?: readonly KubeObject[]): string[] {
  const all = builtinPaths(resources);
  for (const c of crdVersions(crds)) all.add(gvPath(c.group, c.version));
  return [...all].sort();
}

/** The /openapi/v3 index: every served group/version with its document's URL and hash. */
export function openApiV3Index(resources: readonly ResourceInfo[], crds?: readonly KubeObject[]): object {
  const versions = crdVersions(crds);
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const p of openApiPaths(resources, crds)) {
    const d = documentAndHash(p, resources, versions);
    if (d) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${d.hash}` };
  }
  return { paths };
}
