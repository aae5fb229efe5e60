// rbac.authorization.k8s.io/v1 API types (protobuf package k8s.io.api.rbac.v1).
import { pkg, f, ref, list, str } from '../dsl.js';

export default pkg(
  { alias: 'rbac', openapi: 'io.k8s.api.rbac.v1', protoPackage: 'k8s.io.api.rbac.v1', group: 'rbac.authorization.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('AggregationRule', '', [
      f('clusterRoleSelectors', list(ref('meta.LabelSelector')), 1, { listType: 'atomic', desc: 'Selectors of ClusterRoles to aggregate.' }),
    ]);
    kind('ClusterRole', 'A set of permissions cluster-wide.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('rules', list(ref('PolicyRule')), 2, { listType: 'atomic', desc: 'Permissions granted.' }),
      f('aggregationRule', ref('AggregationRule'), 3, { desc: 'Selects ClusterRoles whose rules are aggregated into this one.' }),
    ]);
    kind('ClusterRoleBinding', 'Grants a ClusterRole to subjects cluster-wide.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('subjects', list(ref('Subject')), 2, { listType: 'atomic', desc: 'Users, groups or service accounts granted the role.' }),
      f('roleRef', ref('RoleRef'), 3, { required: true, desc: 'Role or ClusterRole granted.' }),
    ]);
    kind('ClusterRoleBindingList', 'A list of ClusterRoleBinding objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ClusterRoleBinding')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    kind('ClusterRoleList', 'A list of ClusterRole objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ClusterRole')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('PolicyRule', 'One permission: verbs on resources or URLs.', [
      f('verbs', list(str), 1, { listType: 'atomic', required: true, desc: 'Verbs allowed, e.g. get, list, create; "*" for all.' }),
      f('apiGroups', list(str), 2, { listType: 'atomic', desc: 'API groups the rule covers; "" is the core group.' }),
      f('resources', list(str), 3, { listType: 'atomic', desc: 'Compute resource requests and limits.' }),
      f('resourceNames', list(str), 4, { listType: 'atomic', desc: 'Object names the rule is restricted to.' }),
      f('nonResourceURLs', list(str), 5, { listType: 'atomic', desc: 'Non-resource URL paths the rule covers.' }),
    ]);
    kind('Role', 'A set of permissions within a namespace.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('rules', list(ref('PolicyRule')), 2, { listType: 'atomic', desc: 'Permissions granted.' }),
    ]);
    kind('RoleBinding', 'Grants a Role or ClusterRole to subjects within a namespace.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('subjects', list(ref('Subject')), 2, { listType: 'atomic', desc: 'Users, groups or service accounts granted the role.' }),
      f('roleRef', ref('RoleRef'), 3, { required: true, desc: 'Role or ClusterRole granted.' }),
    ]);
    kind('RoleBindingList', 'A list of RoleBinding objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('RoleBinding')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    kind('RoleList', 'A list of Role objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Role')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('RoleRef', '', [
      f('apiGroup', str, 1, { required: true, keepZero: true, desc: 'API group of the referenced object.' }),
      f('kind', str, 2, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 3, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
    ]);
    type('Subject', '', [
      f('kind', str, 1, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('apiGroup', str, 2, { desc: 'API group of the referenced object.' }),
      f('name', str, 3, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('namespace', str, 4, { desc: 'Namespace the object or reference lives in.' }),
    ]);
  },
);
