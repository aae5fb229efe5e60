// The REST resources behind the catalog's kinds: what the OpenAPI paths are
// generated from. Subresources answer with their own kind (scale → Scale).
import type { GroupVersionKind } from './dsl.js';

export interface SubresourceInfo {
  readonly name: string;
  /** Kind the subresource reads and writes; defaults to the parent kind. */
  readonly kind?: GroupVersionKind;
  readonly verbs: readonly ('get' | 'put' | 'patch' | 'post')[];
}

export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  /** Only POST (review-style and binding resources). */
  readonly createOnly?: boolean;
  readonly subresources: readonly SubresourceInfo[];
}

const SCALE: SubresourceInfo = { name: 'scale', kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'put', 'patch'] };
const STATUS: SubresourceInfo = { name: 'status', verbs: ['get', 'put', 'patch'] };

function r(gv: string, kind: string, plural: string, namespaced: boolean, subresources: SubresourceInfo[] = [], createOnly = false): ResourceInfo {
  const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
  return { group, version, kind, plural, namespaced, subresources, createOnly };
}

/** Every built-in resource the bundled API server serves, by group/version. */
export const RESOURCES: readonly ResourceInfo[] = [
  r('v1', 'Namespace', 'namespaces', false, [STATUS, { name: 'finalize', verbs: ['put'] }]),
  r('v1', 'Pod', 'pods', true, [
    STATUS,
    { name: 'binding', kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['post'] },
    { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['post'] },
    { name: 'ephemeralcontainers', verbs: ['get', 'put', 'patch'] },
  ]),
  r('v1', 'Service', 'services', true, [STATUS]),
  r('v1', 'Endpoints', 'endpoints', true),
  r('v1', 'ConfigMap', 'configmaps', true),
  r('v1', 'Secret', 'secrets', true),
  r('v1', 'ServiceAccount', 'serviceaccounts', true, [{ name: 'token', kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['post'] }]),
  r('v1', 'Node', 'nodes', false, [STATUS]),
  r('v1', 'Event', 'events', true),
  r('v1', 'PersistentVolume', 'persistentvolumes', false, [STATUS]),
  r('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, [STATUS]),
  r('v1', 'ResourceQuota', 'resourcequotas', true, [STATUS]),
  r('v1', 'LimitRange', 'limitranges', true),
  r('v1', 'ReplicationController', 'replicationcontrollers', true, [STATUS, SCALE]),
  r('v1', 'PodTemplate', 'podtemplates', true),
  r('v1', 'Binding', 'bindings', true, [], true),
  r('apps/v1', 'Deployment', 'deployments', true, [STATUS, SCALE]),
  r('apps/v1', 'ReplicaSet', 'replicasets', true, [STATUS, SCALE]),
  r('apps/v1', 'StatefulSet', 'statefulsets', true, [STATUS, SCALE]),
  r('apps/v1', 'DaemonSet', 'daemonsets', true, [STATUS]),
  r('apps/v1', 'ControllerRevision', 'controllerrevisions', true),
  r('batch/v1', 'Job', 'jobs', true, [STATUS]),
  r('batch/v1', 'CronJob', 'cronjobs', true, [STATUS]),
  r('networking.k8s.io/v1', 'Ingress', 'ingresses', true, [STATUS]),
  r('networking.k8s.io/v1', 'IngressClass', 'ingressclasses', false),
  r('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', true),
  r('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, [STATUS]),
  r('rbac.authorization.k8s.io/v1', 'Role', 'roles', true),
  r('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', true),
  r('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false),
  r('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  r('autoscaling/v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, [STATUS]),
  r('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, [STATUS]),
  r('coordination.k8s.io/v1', 'Lease', 'leases', true),
  r('discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices', true),
  r('events.k8s.io/v1', 'Event', 'events', true),
  r('storage.k8s.io/v1', 'StorageClass', 'storageclasses', false),
  r('scheduling.k8s.io/v1', 'PriorityClass', 'priorityclasses', false),
  r('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, [STATUS]),
  r('authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, [], true),
  r('authorization.k8s.io/v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, [], true),
  r('authorization.k8s.io/v1', 'SubjectAccessReview', 'subjectaccessreviews', false, [], true),
  r('authentication.k8s.io/v1', 'TokenReview', 'tokenreviews', false, [], true),
];

/** "api/v1" or "apis/<group>/<version>": the OpenAPI v3 document path of a group/version. */
export function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}
