// rbac.authorization.k8s.io/v1: Roles, ClusterRoles and their bindings.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid, invalidShown, notSupported, required, deepEqual } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, ensure, list, obj, str, type Obj } from './common.js';
import { metaErrors, validateLabelSelector } from './validation.js';
import { nameIsPathSegment } from '../../../apimachinery/validation.js';

const G = 'rbac.authorization.k8s.io';
const V = 'v1';

function validateRules(o: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  arr(o, 'rules').forEach((r, i) => {
    const rp = Path.root('rules').index(i);
    if (list(r, 'verbs').length === 0) errs.push(required(rp.child('verbs'), 'verbs must contain at least one value'));
    const nru = list(r, 'nonResourceURLs');
    if (nru.length > 0) {
      if (namespaced) errs.push(invalid(rp.child('nonResourceURLs'), nru, 'namespaced rules cannot apply to non-resource URLs'));
      if (list(r, 'apiGroups').length || list(r, 'resources').length || list(r, 'resourceNames').length) {
        errs.push(invalid(rp.child('nonResourceURLs'), nru, 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (list(r, 'apiGroups').length === 0) errs.push(required(rp.child('apiGroups'), 'resource rules must supply at least one api group'));
    if (list(r, 'resources').length === 0) errs.push(required(rp.child('resources'), 'resource rules must supply at least one resource'));
  });
  return errs;
}

function defaultBinding(o: KubeObject): void {
  const ref = ensure(o as unknown as Obj, 'roleRef');
  if (!ref.apiGroup) ref.apiGroup = G;
  for (const s of arr(o, 'subjects')) {
    if (s.apiGroup === undefined || s.apiGroup === '') {
      if (s.kind === 'ServiceAccount') s.apiGroup = '';
      else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = G;
    }
  }
}

function validateBinding(o: KubeObject, old: KubeObject | undefined, namespaced: boolean): FieldError[] {
  const errs = metaErrors(o, old, { namespaced, nameFn: nameIsPathSegment });
  const ref = obj(o, 'roleRef') ?? {};
  if (str(ref, 'apiGroup') !== G) errs.push(notSupported(Path.root('roleRef', 'apiGroup'), str(ref, 'apiGroup'), [G]));
  const kinds = namespaced ? ['ClusterRole', 'Role'] : ['ClusterRole'];
  if (!kinds.includes(str(ref, 'kind'))) errs.push(notSupported(Path.root('roleRef', 'kind'), str(ref, 'kind'), kinds));
  if (str(ref, 'name') === '') errs.push(required(Path.root('roleRef', 'name'), ''));
  else for (const m of nameIsPathSegment(str(ref, 'name'), false)) errs.push(invalid(Path.root('roleRef', 'name'), str(ref, 'name'), m));
  arr(o, 'subjects').forEach((s, i) => {
    const sp = Path.root('subjects').index(i);
    const name = str(s, 'name');
    if (name === '') errs.push(required(sp.child('name'), ''));
    switch (str(s, 'kind')) {
      case 'ServiceAccount':
        if (str(s, 'apiGroup') !== '') errs.push(notSupported(sp.child('apiGroup'), str(s, 'apiGroup'), ['']));
        if (!namespaced && str(s, 'namespace') === '') errs.push(required(sp.child('namespace'), ''));
        break;
      case 'User':
      case 'Group':
        if (str(s, 'apiGroup') !== G) errs.push(notSupported(sp.child('apiGroup'), str(s, 'apiGroup'), [G]));
        break;
      default:
        errs.push(notSupported(sp.child('kind'), str(s, 'kind'), ['ServiceAccount', 'User', 'Group']));
    }
  });
  if (old && !deepEqual(obj(o, 'roleRef'), obj(old, 'roleRef'))) {
    const shown = `rbac.RoleRef{APIGroup:${JSON.stringify(str(ref, 'apiGroup'))}, Kind:${JSON.stringify(str(ref, 'kind'))}, Name:${JSON.stringify(str(ref, 'name'))}}`;
    errs.push(invalidShown(Path.root('roleRef'), shown, ref, 'cannot change roleRef'));
  }
  return errs;
}

function bindingRow(o: KubeObject, now: Date): unknown[] {
  const ref = obj(o, 'roleRef') ?? {};
  const subs = arr(o, 'subjects');
  const users = subs.filter((s) => s.kind === 'User').map((s) => str(s, 'name'));
  const groups = subs.filter((s) => s.kind === 'Group').map((s) => str(s, 'name'));
  const sas = subs.filter((s) => s.kind === 'ServiceAccount').map((s) => `${str(s, 'namespace')}:${str(s, 'name')}`);
  return [o.metadata.name ?? '', `${str(ref, 'kind')}/${str(ref, 'name')}`, age(o, now), users.join(', '), groups.join(', '), sas.join(', ')];
}

const CREATED_AT = { name: 'Created At', type: 'date' as const, description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 };
const BINDING_COLS = [
  NAME_COL, col('Role', 'RoleRef can only reference the current namespace. It can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.'),
  AGE_COL, col('Users', 'Users in the roleBinding', true), col('Groups', 'Groups in the roleBinding', true), col('ServiceAccounts', 'ServiceAccounts in the roleBinding', true),
];

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'ClusterRoleBinding', listKind: 'ClusterRoleBindingList', plural: 'clusterrolebindings', singular: 'clusterrolebinding',
    namespaced: false, verbs: ALL_VERBS, columns: BINDING_COLS, row: bindingRow,
    defaults: (o) => defaultBinding(o),
    validate: (o, old) => validateBinding(o, old, false),
  },
  {
    group: G, version: V, kind: 'ClusterRole', listKind: 'ClusterRoleList', plural: 'clusterroles', singular: 'clusterrole', namespaced: false,
    verbs: ALL_VERBS, columns: [NAME_COL, CREATED_AT], row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? null],
    validate: (o, old) => {
      const errs = [...metaErrors(o, old, { namespaced: false, nameFn: nameIsPathSegment }), ...validateRules(o, false)];
      arr(obj(o, 'aggregationRule'), 'clusterRoleSelectors').forEach((s, i) => {
        errs.push(...validateLabelSelector(s, Path.root('aggregationRule', 'clusterRoleSelectors').index(i)));
      });
      return errs;
    },
  },
  {
    group: G, version: V, kind: 'RoleBinding', listKind: 'RoleBindingList', plural: 'rolebindings', singular: 'rolebinding', namespaced: true,
    verbs: ALL_VERBS, columns: BINDING_COLS, row: bindingRow,
    defaults: (o) => defaultBinding(o),
    validate: (o, old) => validateBinding(o, old, true),
  },
  {
    group: G, version: V, kind: 'Role', listKind: 'RoleList', plural: 'roles', singular: 'role', namespaced: true, verbs: ALL_VERBS,
    columns: [NAME_COL, CREATED_AT], row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? null],
    validate: (o, old) => [...metaErrors(o, old, { namespaced: true, nameFn: nameIsPathSegment }), ...validateRules(o, true)],
  },
];
