// rbac.authorization.k8s.io/v1 API types (protobuf package k8s.io.api.rbac.v1).
import { pkg, f, ref, list, str } from '../dsl.js';

export default pkg(
  { alias: 'rbac', openapi: 'io.k8s.api.rbac.v1', protoPackage: 'k8s.io.api.rbac.v1', group: 'rbac.authorization.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('AggregationRule', '', [
      f('clusterRoleSelectors', list(ref('meta.LabelSelector')), 1, { listType: 'atomic' }),
    ]);
    kind('ClusterRole', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('rules', list(ref('PolicyRule')), 2, { listType: 'atomic' }),
      f('aggregationRule', ref('AggregationRule'), 3),
    ]);
    kind('ClusterRoleBinding', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('subjects', list(ref('Subject')), 2, { listType: 'atomic' }),
      f('roleRef', ref('RoleRef'), 3, { required: true }),
    ]);
    kind('ClusterRoleBindingList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ClusterRoleBinding')), 2, { required: true }),
    ]);
    kind('ClusterRoleList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ClusterRole')), 2, { required: true }),
    ]);
    type('PolicyRule', '', [
      f('verbs', list(str), 1, { listType: 'atomic', required: true }),
      f('apiGroups', list(str), 2, { listType: 'atomic' }),
      f('resources', list(str), 3, { listType: 'atomic' }),
      f('resourceNames', list(str), 4, { listType: 'atomic' }),
      f('nonResourceURLs', list(str), 5, { listType: 'atomic' }),
    ]);
    kind('Role', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('rules', list(ref('PolicyRule')), 2, { listType: 'atomic' }),
    ]);
    kind('RoleBinding', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('subjects', list(ref('Subject')), 2, { listType: 'atomic' }),
      f('roleRef', ref('RoleRef'), 3, { required: true }),
    ]);
    kind('RoleBindingList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('RoleBinding')), 2, { required: true }),
    ]);
    kind('RoleList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Role')), 2, { required: true }),
    ]);
    type('RoleRef', '', [
      f('apiGroup', str, 1, { required: true }),
      f('kind', str, 2, { required: true }),
      f('name', str, 3, { required: true }),
    ]);
    type('Subject', '', [
      f('kind', str, 1, { required: true }),
      f('apiGroup', str, 2),
      f('name', str, 3, { required: true }),
      f('namespace', str, 4),
    ]);
  },
);
