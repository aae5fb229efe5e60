// CustomResourceDefinitions turned into served resources: discovery facts,
// openAPIV3Schema validation (ajv) with kube-apiserver's error wording,
// pruning/unknown-field detection, additionalPrinterColumns and scale paths.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { KubeObject } from '../../apimachinery/types.js';
import type { ServedResource, CustomResourceInfo, ResourceCatalog } from './catalog.js';
import type { ObjectStore, StoreWatcher } from '../store/types.js';
import type { SubresourceDef, TableColumn } from './registry/types.js';
import type { FieldError } from './registry/types.js';
import { getOwn, setOwn } from '../../util/own-keys.js';

type AjvLike = { compile(schema: object): ValidateFunction };
const pick = <T>(m: T): T => (m as { default?: T }).default ?? m;
let ajv: AjvLike | undefined;
function getAjv(): AjvLike {
  // Required on first use: servers without CRDs never pay for loading ajv.
  const Ajv = pick(createRequire(import.meta.url)('ajv')) as unknown as new (opts: Record<string, unknown>) => AjvLike;
  // OpenAPI's extra keywords (nullable, x-kubernetes-*) are not errors; formats are advisory in CRDs.
  ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  return ajv;
}

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: Schema };
  subresources?: { status?: object; scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: { name: string; type: string; jsonPath: string; description?: string; priority?: number; format?: string }[];
}

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  [k: string]: unknown;
}

interface CrdSpec {
  group: string;
  names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
}

const COLUMN_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'date']);

const CRD_STORAGE = 'apiextensions.k8s.io/customresourcedefinitions';

/**
 * Serves the custom resources of every Established CRD in the store, now and
 * as CRDs are written and deleted (the catalog follows the store's watch).
 */
export function followCrds(store: ObjectStore, catalog: ResourceCatalog): StoreWatcher {
  for (const s of store.list({ resource: CRD_STORAGE }).items) catalog.setCrd(s.object, s.key.name);
  return store.watch({ resource: CRD_STORAGE }, {
    fromRv: store.rv,
    onEvent: (ev) => catalog.setCrd(ev.type === 'DELETED' ? undefined : ev.object, ev.key.name),
  });
}

/** The resources one CRD serves: one per served version. */
export function crdResources(crd: KubeObject): ServedResource[] {
  const spec = crd.spec as CrdSpec;
  const out: ServedResource[] = [];
  for (const v of spec.versions ?? []) {
    if (v.served === false) continue;
    const schema = v.schema?.openAPIV3Schema;
    const validator = schema ? compileSchema(schema) : undefined;
    const subresources: SubresourceDef[] = [];
    if (v.subresources?.status) subresources.push({ name: 'status', group: spec.group, version: v.name, kind: spec.names.kind, verbs: ['get', 'patch', 'update'] });
    if (v.subresources?.scale) subresources.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    const printerColumns = (v.additionalPrinterColumns ?? []).map((c) => ({
      column: {
        name: c.name,
        type: (COLUMN_TYPES.has(c.type) ? c.type : 'string') as TableColumn['type'],
        format: c.format,
        description: c.description ?? '',
        priority: c.priority ?? 0,
      },
      jsonPath: c.jsonPath,
    }));
    const info: CustomResourceInfo = {
      crdName: crd.metadata.name!,
      validateSchema: validator,
      unknownFields: schema ? (obj) => pruneUnknown(obj, schema, false) : undefined,
      printerColumns,
      scale: v.subresources?.scale,
      schema,
    };
    out.push({
      group: spec.group,
      version: v.name,
      kind: spec.names.kind,
      listKind: spec.names.listKind ?? `${spec.names.kind}List`,
      plural: spec.names.plural,
      singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      shortNames: spec.names.shortNames,
      categories: spec.names.categories,
      subresources,
      hasStatus: Boolean(v.subresources?.status),
      storage: `${spec.group}/${spec.names.plural}`,
      crd: info,
    });
  }
  return out;
}

function compileSchema(schema: Schema): (obj: KubeObject) => FieldError[] {
  // metadata is validated as ObjectMeta by the server, never by the user's schema.
  const props = { ...(schema.properties ?? {}) };
  delete props.metadata;
  delete props.apiVersion;
  delete props.kind;
  let validate: ValidateFunction;
  try {
    validate = getAjv().compile(stripForAjv({ ...schema, properties: props }) as object);
  } catch {
    return () => [];
  }
  return (obj) => {
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => toFieldError(e, obj)).filter((e): e is FieldError => e !== undefined);
  };
}

/** OpenAPI's `nullable` has no JSON Schema equivalent in ajv's default mode: widen the type instead. */
function stripForAjv(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(stripForAjv);
  if (!s || typeof s !== 'object') return s;
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'format' || k === 'example' || k === 'externalDocs') continue;
    setOwn(o, k, k === 'properties' || k === 'patternProperties' || k === 'definitions' ? mapValues(v, stripForAjv) : stripForAjv(v));
  }
  const src = s as Schema;
  if (src['x-kubernetes-int-or-string']) {
    delete o.type;
    o.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (src.nullable === true && typeof o.type === 'string') o.type = [o.type, 'null'];
  return o;
}

function mapValues(v: unknown, f: (x: unknown) => unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, f(x)]));
}

function fieldOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

/** kube-apiserver's wording for OpenAPI schema failures (k8s.io/apiextensions-apiserver validation). */
function toFieldError(e: ErrorObject, obj: unknown): FieldError | undefined {
  const field = fieldOf(e.instancePath);
  let value: unknown = obj;
  for (const p of e.instancePath.split('/').slice(1)) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const f = field ? `${field}.${params.missingProperty}` : String(params.missingProperty);
      return { type: 'FieldValueRequired', field: f, message: 'Required value' };
    }
    case 'type': {
      const t = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value;
      return { type: 'FieldValueTypeInvalid', field, message: `Invalid value: "${t}": ${field} in body must be of type ${params.type}: ${show(value)}`, value };
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map(show).join(', ');
      return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${show(value)}: supported values: ${allowed}`, value };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const cmp = e.keyword === 'minimum' ? 'greater than or equal to' : e.keyword === 'maximum' ? 'less than or equal to' : e.keyword === 'exclusiveMinimum' ? 'greater than' : 'less than';
      return { type: 'FieldValueInvalid', field, message: `Invalid value: ${show(value)}: ${field} in body should be ${cmp} ${params.limit}`, value };
    }
    case 'minLength':
    case 'maxLength': {
      const cmp = e.keyword === 'minLength' ? 'at least' : 'at most';
      return { type: 'FieldValueInvalid', field, message: `Invalid value: ${show(value)}: ${field} in body should be ${cmp} ${params.limit} chars long`, value };
    }
    case 'minItems':
    case 'maxItems': {
      const cmp = e.keyword === 'minItems' ? 'at least' : 'at most';
      return { type: 'FieldValueInvalid', field, message: `Invalid value: ${params.limit}: ${field} in body should have ${cmp} ${params.limit} items`, value };
    }
    case 'pattern':
      return { type: 'FieldValueInvalid', field, message: `Invalid value: ${show(value)}: ${field} in body should match '${params.pattern}'`, value };
    case 'anyOf':
    case 'oneOf':
    case 'if':
      return undefined;
    default:
      return { type: 'FieldValueInvalid', field, message: `Invalid value: ${show(value)}: ${field} in body ${e.message ?? 'is invalid'}`, value };
  }
}

/**
 * Walks `obj` along `schema` and returns the paths of fields the schema does not
 * declare (".spec.foo" style without the leading dot); with `prune` they are
 * also removed, as kube-apiserver prunes structural custom resources.
 */
export function pruneUnknown(obj: KubeObject, schema: Schema, prune: boolean): string[] {
  const unknown: string[] = [];
  const walk = (v: unknown, s: Schema | undefined, path: string, root: boolean): void => {
    if (!s || v === null || typeof v !== 'object') return;
    if (s['x-kubernetes-preserve-unknown-fields'] && !s.properties && !s.items) return;
    if (Array.isArray(v)) {
      v.forEach((el, i) => walk(el, s.items, `${path}[${i}]`, false));
      return;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const p = path ? `${path}.${k}` : k;
      if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      if (s['x-kubernetes-embedded-resource'] && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      const sub = (s.properties ? getOwn(s.properties, k) : undefined) ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (!sub) {
        if (s.additionalProperties === true || s['x-kubernetes-preserve-unknown-fields']) continue;
        unknown.push(p);
        if (prune) delete o[k];
        continue;
      }
      walk(o[k], sub, p, false);
    }
  };
  walk(obj, schema, '', true);
  return unknown;
}
