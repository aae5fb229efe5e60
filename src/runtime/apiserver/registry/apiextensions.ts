// apiextensions.k8s.io/v1: CustomResourceDefinitions (defaults and the
// validation of names, group, scope and versions; schema structure is the
// OpenAPI layer's).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ObjectStore } from '../../store/types.js';
import { timestamp } from '../meta.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, immutable, invalid, invalidShown, notSupported, required } from './field.js';
import { ALL_VERBS, NAME_COL, arr, ensure, list, obj, setDefault, statusSub, str, type Obj } from './common.js';
import { metaErrors } from './validation.js';
import { isDNS1035Label, isDNS1123Subdomain } from '../../../apimachinery/validation.js';

const G = 'apiextensions.k8s.io';
const V = 'v1';

function defaults(o: KubeObject): void {
  const s = ensure(o as unknown as Obj, 'spec');
  const names = ensure(s, 'names');
  const kind = str(names, 'kind');
  if (str(names, 'singular') === '' && kind !== '') names.singular = kind.toLowerCase();
  if (str(names, 'listKind') === '' && kind !== '') names.listKind = `${kind}List`;
  setDefault(s, 'conversion', { strategy: 'None' });
  const conv = obj(s, 'conversion')!;
  const svc = obj(obj(obj(conv, 'webhook'), 'clientConfig'), 'service');
  if (svc) setDefault(svc, 'port', 443);
  // The storage version joins status.storedVersions (the strategy's PrepareForCreate/Update):
  // objects may now be stored in it, so it can only leave once they are migrated.
  const st = ensure(o as unknown as Obj, 'status');
  const storage = arr(s, 'versions').find((v) => v.storage === true);
  const stored = list(st, 'storedVersions');
  if (storage && !stored.includes(str(storage, 'name'))) st.storedVersions = [...stored, str(storage, 'name')];
}

/** ValidateCustomResourceDefinitionStoredVersions: every stored version is still declared, the storage one is stored. */
function validateStoredVersions(o: KubeObject): FieldError[] {
  const p = Path.root('status', 'storedVersions');
  const stored = list(obj(o, 'status'), 'storedVersions').map(String);
  if (stored.length === 0) return [invalid(p, stored, 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const left = new Map(stored.map((v, i) => [v, i]));
  for (const v of arr(obj(o, 'spec'), 'versions')) {
    const name = str(v, 'name');
    if (v.storage === true && !left.has(name)) errs.push(invalid(p, v, `must have the storage version ${name}`));
    left.delete(name);
  }
  for (const [v, i] of left) errs.push(invalid(p.index(i), v, 'must appear in spec.versions'));
  return errs;
}

function versionsShown(versions: Obj[]): string {
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions
    .map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(str(v, 'name'))}, Served:${v.served === true}, Storage:${v.storage === true}, ...}`)
    .join(', ')}}`;
}

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const names = obj(s, 'names') ?? {};
  const group = str(s, 'group');
  const plural = str(names, 'plural');
  if ((o.metadata.name ?? '') !== `${plural}.${group}`) {
    errs.push(invalid(Path.root('metadata', 'name'), o.metadata.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  }
  if (group === '') errs.push(required(sp.child('group'), ''));
  else {
    const g = isDNS1123Subdomain(group);
    if (g.length) errs.push(invalid(sp.child('group'), group, g.join(',')));
    else if (group.split('.').length < 2) errs.push(invalid(sp.child('group'), group, 'should be a domain with at least one dot'));
  }
  const scope = str(s, 'scope');
  if (scope === '') errs.push(required(sp.child('scope'), ''));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(notSupported(sp.child('scope'), scope, ['Cluster', 'Namespaced']));
  const np = sp.child('names');
  for (const k of ['plural', 'singular']) {
    const v = str(names, k);
    if (v === '') errs.push(required(np.child(k), ''));
    else {
      const e = isDNS1035Label(v);
      if (e.length) errs.push(invalid(np.child(k), v, e.join(',')));
    }
  }
  for (const k of ['kind', 'listKind']) {
    const v = str(names, k);
    if (v === '') errs.push(required(np.child(k), ''));
    else {
      const e = isDNS1035Label(v.toLowerCase());
      if (e.length) errs.push(invalid(np.child(k), v, `may have mixed case, but should otherwise match: ${e.join(',')}`));
    }
  }
  if (str(names, 'kind') !== '' && str(names, 'kind') === str(names, 'listKind')) {
    errs.push(invalid(np.child('listKind'), str(names, 'listKind'), 'kind and listKind cannot be the same'));
  }
  list(names, 'shortNames').forEach((sn, i) => {
    const e = isDNS1035Label(String(sn));
    if (e.length) errs.push(invalid(np.child('shortNames').index(i), sn, e.join(',')));
  });
  const versions = arr(s, 'versions');
  const seen = new Set<string>();
  let unique = true;
  let storage = 0;
  versions.forEach((v, i) => {
    const vp = sp.child('versions').index(i);
    const name = str(v, 'name');
    if (v.storage === true) storage++;
    if (seen.has(name)) unique = false;
    seen.add(name);
    const e = isDNS1035Label(name);
    if (e.length) errs.push(invalid(vp.child('name'), name, e.join(',')));
    const schema = obj(obj(v, 'schema'), 'openAPIV3Schema');
    const schemaPath = vp.child('schema', 'openAPIV3Schema');
    if (!schema) errs.push(required(schemaPath, 'schemas are required'));
    else if (str(schema, 'type') === '') errs.push(required(schemaPath.child('type'), 'must not be empty at the root'));
    else if (str(schema, 'type') !== 'object') errs.push(invalid(schemaPath.child('type'), str(schema, 'type'), 'must be object at the root'));
  });
  if (!unique) errs.push(invalidShown(sp.child('versions'), versionsShown(versions), versions, 'must contain unique version names'));
  if (storage !== 1) errs.push(invalidShown(sp.child('versions'), versionsShown(versions), versions, 'must have exactly one version marked as storage version'));
  if (versions.length > 0 && !versions.some((v) => v.served === true)) {
    errs.push(invalidShown(sp.child('versions'), versionsShown(versions), versions, 'must have at least one version marked as served'));
  }
  const strategy = str(obj(s, 'conversion'), 'strategy');
  if (strategy !== '' && strategy !== 'None' && strategy !== 'Webhook') {
    errs.push(notSupported(sp.child('conversion', 'strategy'), strategy, ['None', 'Webhook']));
  }
  if (old) {
    const os = obj(old, 'spec') ?? {};
    if (str(os, 'group') !== group) errs.push(immutable(sp.child('group'), group));
  }
  errs.push(...validateStoredVersions(o));
  return errs;
}

/**
 * PrepareForCreate: the CRD's names are accepted at once (listKind and singular
 * filled in) and it is Established, so its resources are served right away.
 */
export function crdPrepareForCreate(crd: KubeObject, now: Date): void {
  const spec = crd.spec as { names?: Record<string, unknown>; versions?: { name: string; storage?: boolean }[] } | undefined;
  const names = { ...(spec?.names ?? {}) } as Record<string, unknown>;
  if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
  if (names.plural && !names.singular && typeof names.kind === 'string') names.singular = names.kind.toLowerCase();
  const t = timestamp(now);
  crd.status = {
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: t, reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: t, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    acceptedNames: names,
    storedVersions: (spec?.versions ?? []).filter((v) => v.storage).map((v) => v.name),
  };
}

/** A CRD's custom resources go with it (upstream's customresourcecleanup finalizer, done at once). */
export async function deleteCustomResources(crd: KubeObject, store: ObjectStore): Promise<void> {
  const spec = crd.spec as { group: string; names: { plural: string } };
  const all = store.list({ resource: `${spec.group}/${spec.names.plural}` }).items;
  await Promise.all(all.map((s) => store.delete(s.key).catch(() => undefined)));
}

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'CustomResourceDefinition', listKind: 'CustomResourceDefinitionList', plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition', namespaced: false, verbs: ALL_VERBS, shortNames: ['crd', 'crds'], categories: ['api-extensions'],
    hasStatus: true, tracksGeneration: true, subresources: [statusSub(G, V, 'CustomResourceDefinition')],
    columns: [NAME_COL, { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 }],
    row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? null],
    defaults,
    validate,
    prepareForCreate: (o, ctx) => crdPrepareForCreate(o, ctx.now()),
    beforeDelete: (o, ctx) => deleteCustomResources(o, ctx.store),
  },
];
