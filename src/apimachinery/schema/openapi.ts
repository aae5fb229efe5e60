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

type Schema = Record<string, unknown>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const REF = (id: string) => `#/components/schemas/${id}`;

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

// --- paths -----------------------------------------------------------------------

const QUERY: Record<string, Schema> = {
  dryRun: { name: 'dryRun', in: 'query', description: 'When present ("All"), the change is validated but not persisted.', schema: { type: 'string', uniqueItems: true } },
  fieldManager: { name: 'fieldManager', in: 'query', description: 'Name of the actor making the change, recorded in managedFields.', schema: { type: 'string', uniqueItems: true } },
  fieldValidation: {
    name: 'fieldValidation',
    in: 'query',
    description: 'What to do with unknown or duplicate fields: Ignore, Warn (default) or Strict (reject).',
    schema: { type: 'string', uniqueItems: true },
  },
  force: { name: 'force', in: 'query', description: 'Apply requests only: take over fields owned by other managers.', schema: { type: 'boolean', uniqueItems: true } },
  pretty: { name: 'pretty', in: 'query', description: 'Pretty-print the output.', schema: { type: 'string', uniqueItems: true } },
  gracePeriodSeconds: { name: 'gracePeriodSeconds', in: 'query', description: 'Seconds before the object is deleted.', schema: { type: 'integer', uniqueItems: true } },
  propagationPolicy: { name: 'propagationPolicy', in: 'query', description: 'Orphan, Background or Foreground deletion of dependents.', schema: { type: 'string', uniqueItems: true } },
  orphanDependents: { name: 'orphanDependents', in: 'query', description: 'Deprecated: use propagationPolicy.', schema: { type: 'boolean', uniqueItems: true } },
  labelSelector: { name: 'labelSelector', in: 'query', description: 'Only objects whose labels match.', schema: { type: 'string', uniqueItems: true } },
  fieldSelector: { name: 'fieldSelector', in: 'query', description: 'Only objects whose fields match.', schema: { type: 'string', uniqueItems: true } },
  limit: { name: 'limit', in: 'query', description: 'Maximum number of items in one page.', schema: { type: 'integer', uniqueItems: true } },
  continue: { name: 'continue', in: 'query', description: 'Token of the next page.', schema: { type: 'string', uniqueItems: true } },
  resourceVersion: { name: 'resourceVersion', in: 'query', description: 'Consistency of the read, or where a watch starts.', schema: { type: 'string', uniqueItems: true } },
  resourceVersionMatch: { name: 'resourceVersionMatch', in: 'query', description: 'How resourceVersion is applied to list calls.', schema: { type: 'string', uniqueItems: true } },
  timeoutSeconds: { name: 'timeoutSeconds', in: 'query', description: 'Time limit of the list or watch call.', schema: { type: 'integer', uniqueItems: true } },
  watch: { name: 'watch', in: 'query', description: 'Stream changes instead of returning a list.', schema: { type: 'boolean', uniqueItems: true } },
  allowWatchBookmarks: { name: 'allowWatchBookmarks', in: 'query', description: 'Ask for BOOKMARK watch events.', schema: { type: 'boolean', uniqueItems: true } },
  sendInitialEvents: { name: 'sendInitialEvents', in: 'query', description: 'Start a watch with synthetic events for existing objects.', schema: { type: 'boolean', uniqueItems: true } },
};
const q = (...names: string[]) => names.map((n) => QUERY[n]!);

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];
const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];

function content(id: string, types: readonly string[]): Schema {
  const out: Schema = {};
  for (const t of types) out[t] = { schema: { $ref: REF(id) } };
  return out;
}
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const ok = (id: string, codes: string[] = ['200']) => {
  const r: Schema = {};
  for (const c of codes) r[c] = { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content: content(id, RESPONSE_TYPES) };
  r['401'] = { description: 'Unauthorized' };
  return r;
};

function groupWord(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

interface PathResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly createOnly?: boolean;
  readonly verbs?: readonly string[];
  readonly subresources: ResourceInfo['subresources'];
  /** Component id of the kind and of its List kind. */
  readonly id: string;
  readonly listId?: string;
  /** PATCH content types: built-ins accept strategic merge patch, custom resources do not. */
  readonly patchTypes: readonly string[];
}

const BUILTIN_PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const CR_PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];

function addPaths(paths: Record<string, Schema>, r: PathResource): Set<string> {
  const refs = new Set<string>([r.id, `${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`]);
  if (r.listId) refs.add(r.listId);
  const gvk = { group: r.group, kind: r.kind, version: r.version };
  const tag = `${r.group === '' ? 'core' : r.group.replace(/\.k8s\.io$/, '').replace(/\./g, '_')}_${r.version}`;
  const opBase = `${groupWord(r.group)}${r.version.charAt(0).toUpperCase()}${r.version.slice(1)}`;
  const ns = r.namespaced ? 'Namespaced' : '';
  const prefix = `/${gvPath(r.group, r.version)}`;
  const collection = `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
  const nameParam = { name: 'name', in: 'path', description: `name of the ${r.kind}`, required: true, schema: { type: 'string', uniqueItems: true } };
  const nsParam = { name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string', uniqueItems: true } };
  const scopeParams = r.namespaced ? [nsParam, QUERY.pretty] : [QUERY.pretty];
  const op = (action: string, verb: string, opId: string, extra: Schema): Schema => ({
    tags: [tag],
    description: `${verb} ${r.kind}`,
    operationId: opId,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  const body = (id: string, types: readonly string[]) => ({ content: content(id, types), required: true });
  const serves = (verb: string) => !r.verbs || r.verbs.includes(verb);

  const coll: Schema = { parameters: scopeParams };
  if (serves('create')) coll.post = op('post', 'create a', `create${opBase}${ns}${r.kind}`, {
    parameters: q(...WRITE_PARAMS),
    requestBody: body(r.id, ['*/*']),
    responses: ok(r.id, r.createOnly ? ['200', '201', '202'] : ['200', '201', '202']),
  });
  if (!r.createOnly) {
    if (serves('list')) coll.get = op('list', 'list or watch objects of kind', `list${opBase}${ns}${r.kind}`, { parameters: q(...LIST_PARAMS), responses: ok(r.listId ?? r.id) });
    if (serves('deletecollection')) coll.delete = op('deletecollection', 'delete collection of', `delete${opBase}Collection${ns}${r.kind}`, {
      parameters: q('dryRun', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents', ...LIST_PARAMS.filter((p) => p !== 'watch' && p !== 'allowWatchBookmarks')),
      requestBody: body(`${META}.DeleteOptions`, ['*/*']),
      responses: ok(`${META}.Status`),
    });
  }
  paths[collection] = coll;
  if (r.createOnly) return refs;

  if (r.namespaced && serves('list')) {
    paths[`${prefix}/${r.plural}`] = {
      get: op('list', 'list or watch objects of kind', `list${opBase}${r.kind}ForAllNamespaces`, { responses: ok(r.listId ?? r.id) }),
      parameters: [QUERY.pretty, ...q(...LIST_PARAMS)],
    };
  }

  const item: Schema = { parameters: [nameParam, ...scopeParams] };
  item.get = op('get', 'read the specified', `read${opBase}${ns}${r.kind}`, { responses: ok(r.id) });
  if (serves('update')) item.put = op('put', 'replace the specified', `replace${opBase}${ns}${r.kind}`, {
    parameters: q(...WRITE_PARAMS),
    requestBody: body(r.id, ['*/*']),
    responses: ok(r.id, ['200', '201']),
  });
  if (serves('patch')) item.patch = op('patch', 'partially update the specified', `patch${opBase}${ns}${r.kind}`, {
    parameters: q(...WRITE_PARAMS, 'force'),
    requestBody: body(`${META}.Patch`, r.patchTypes),
    responses: ok(r.id, ['200', '201']),
  });
  if (serves('delete')) item.delete = op('delete', 'delete a', `delete${opBase}${ns}${r.kind}`, {
    parameters: q('dryRun', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents'),
    requestBody: body(`${META}.DeleteOptions`, ['*/*']),
    responses: ok(`${META}.Status`, ['200', '202']),
  });
  paths[`${collection}/{name}`] = item;

  for (const sub of r.subresources) {
    const subT = sub.kind ? typeForGvk(sub.kind) : undefined;
    const subId = subT?.id ?? r.id;
    refs.add(subId);
    const word = sub.name.charAt(0).toUpperCase() + sub.name.slice(1);
    const sgvk = sub.kind ? { group: sub.kind.group, kind: sub.kind.kind, version: sub.kind.version } : gvk;
    const sop = (action: string, verb: string, opId: string, extra: Schema): Schema => ({
      tags: [tag],
      description: `${verb} ${sub.name} of the specified ${r.kind}`,
      operationId: opId,
      ...extra,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': sgvk,
    });
    const s: Schema = { parameters: [{ ...nameParam, description: `name of the ${sub.kind?.kind ?? r.kind}` }, ...scopeParams] };
    for (const v of sub.verbs) {
      if (v === 'get') s.get = sop('get', 'read', `read${opBase}${ns}${r.kind}${word}`, { responses: ok(subId) });
      if (v === 'put') s.put = sop('put', 'replace', `replace${opBase}${ns}${r.kind}${word}`, { parameters: q(...WRITE_PARAMS), requestBody: body(subId, ['*/*']), responses: ok(subId, ['200', '201']) });
      if (v === 'patch') {
        s.patch = sop('patch', 'partially update', `patch${opBase}${ns}${r.kind}${word}`, {
          parameters: q(...WRITE_PARAMS, 'force'),
          requestBody: body(`${META}.Patch`, r.patchTypes),
          responses: ok(subId, ['200', '201']),
        });
      }
      if (v === 'post') s.post = sop('post', 'create', `create${opBase}${ns}${r.kind}${word}`, { parameters: q(...WRITE_PARAMS), requestBody: body(subId, ['*/*']), responses: ok(subId, ['200', '201', '202']) });
    }
    paths[`${collection}/{name}/${sub.name}`] = s;
  }
  return refs;
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
