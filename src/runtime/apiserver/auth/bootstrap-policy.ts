// The default ClusterRoles and ClusterRoleBindings every cluster starts with
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), created through the API
// at start and left alone when present, and the clusterrole-aggregation
// controller that fills admin/edit/view from the roles their aggregationRule selects.
import { isAlreadyExists, isNotFound, type KubeClient, type ResourceRef } from '../../../kube/client.js';
import type { KubeObject } from '../../../apimachinery/types.js';
import { labelSelectorObjectMatcher } from '../../../util/label-selector.js';
import { aggregatedRules, type PolicyRule } from './rbac.js';

const G = 'rbac.authorization.k8s.io';
const CLUSTER_ROLES: ResourceRef = { group: G, version: 'v1', resource: 'clusterroles' };
const CLUSTER_ROLE_BINDINGS: ResourceRef = { group: G, version: 'v1', resource: 'clusterrolebindings' };
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups, resources });

// What view/edit/admin grant, condensed from bootstrappolicy/policy.go.
const VIEW_RULES: PolicyRule[] = [
  rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
  rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
];
const EDIT_RULES: PolicyRule[] = [
  rule(['create', 'delete', 'deletecollection', 'patch', 'update'], [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, [''], ['secrets', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'services/proxy']),
  rule(['impersonate'], [''], ['serviceaccounts']),
];
const ADMIN_RULES: PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule([...READ, ...WRITE], [G], ['rolebindings', 'roles']),
];

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: `${G}/v1`, kind: 'ClusterRole', metadata: { name, labels: { ...BOOTSTRAP_LABELS, ...labels }, annotations: { ...AUTOUPDATE } }, rules, ...extra } as KubeObject;
}

function aggregated(name: string, labels: Record<string, string>, selects: string[]): KubeObject {
  return clusterRole(name, [], labels, {
    aggregationRule: { clusterRoleSelectors: selects.map((s) => ({ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${s}`]: 'true' } })) },
  } as Partial<KubeObject>);
}

function binding(name: string, role: string, groups: string[]): KubeObject {
  return {
    apiVersion: `${G}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } },
    roleRef: { apiGroup: G, kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({ apiGroup: G, kind: 'Group', name: g })),
  } as unknown as KubeObject;
}

/**
 * The default ClusterRoles (cluster-admin, admin, edit, view, system:*) of a
 * new cluster. admin, edit and view come with the rules the aggregation
 * controller would give them, so a new cluster starts settled instead of
 * patching them three times over (view feeds edit, edit feeds admin).
 */
export function defaultClusterRoles(): KubeObject[] {
  const roles = declaredClusterRoles();
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of roles) {
      const want = aggregatedRules(r, roles, selectorMatches);
      if (!want || JSON.stringify(want) === JSON.stringify((r as { rules?: unknown }).rules ?? [])) continue;
      (r as { rules?: PolicyRule[] }).rules = want;
      changed = true;
    }
  }
  return roles;
}

function declaredClusterRoles(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }]),
    aggregated('admin', {}, ['admin']),
    aggregated('edit', { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }, ['edit']),
    aggregated('view', { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, ['view']),
    clusterRole('system:aggregate-to-admin', ADMIN_RULES, { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }),
    clusterRole('system:aggregate-to-edit', EDIT_RULES, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
    clusterRole('system:aggregate-to-view', VIEW_RULES, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
    clusterRole('system:basic-user', [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])]),
    clusterRole('system:discovery', [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] }]),
    clusterRole('system:public-info-viewer', [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }]),
  ];
}

/** The default ClusterRoleBindings. */
export function defaultClusterRoleBindings(): KubeObject[] {
  return [
    binding('cluster-admin', 'cluster-admin', ['system:masters']),
    binding('system:basic-user', 'system:basic-user', ['system:authenticated']),
    binding('system:discovery', 'system:discovery', ['system:authenticated']),
    binding('system:public-info-viewer', 'system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
  ];
}

async function createIfMissing(client: KubeClient, ref: ResourceRef, body: KubeObject): Promise<void> {
  try {
    await client.get({ ...ref, name: body.metadata.name });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await client.create(ref, body).catch((e) => {
      if (!isAlreadyExists(e)) throw e;
    });
  }
}

/** Creates the default roles and bindings that are missing (idempotent). */
export async function bootstrapPolicy(client: KubeClient): Promise<void> {
  try {
    await client.list(CLUSTER_ROLES, { limit: 1 });
  } catch (err) {
    // A runtime serving a reduced set of kinds (tests) may have no RBAC at all.
    if (isNotFound(err)) return;
    throw err;
  }
  await Promise.all(defaultClusterRoles().map((r) => createIfMissing(client, CLUSTER_ROLES, r)));
  await Promise.all(defaultClusterRoleBindings().map((b) => createIfMissing(client, CLUSTER_ROLE_BINDINGS, b)));
}

const selectorMatches = (sel: unknown, labels: Record<string, string> | undefined) => labelSelectorObjectMatcher(sel)(labels);

/**
 * The clusterrole-aggregation controller: whenever a ClusterRole changes, every
 * ClusterRole with an aggregationRule gets the union of the rules of the roles it selects.
 */
export function startClusterRoleAggregation(client: KubeClient, signal: AbortSignal): void {
  const roles = new Map<string, KubeObject>();
  let pending = false;
  const sync = async () => {
    pending = false;
    const all = [...roles.values()];
    for (const r of all) {
      const want = aggregatedRules(r, all, selectorMatches);
      if (!want || JSON.stringify(want) === JSON.stringify((r as { rules?: unknown }).rules ?? [])) continue;
      await client
        .patch({ ...CLUSTER_ROLES, name: r.metadata.name }, 'merge', { rules: want })
        .catch(() => {}); // deleted meanwhile: the next event settles it
    }
  };
  const schedule = () => {
    if (pending || signal.aborted) return;
    pending = true;
    setImmediate(() => void sync().catch(() => {}));
  };
  const w = client.watch(CLUSTER_ROLES, {}, (ev) => {
    if (ev.type === 'DELETED') roles.delete(ev.object.metadata.name!);
    else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') roles.set(ev.object.metadata.name!, ev.object);
    schedule();
  });
  w.done.catch(() => {});
  signal.addEventListener('abort', () => w.stop());
}
