// RBAC evaluation (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac): a
// request is allowed when some rule of a Role/ClusterRole bound to the user
// (RoleBindings in the request's namespace, ClusterRoleBindings anywhere)
// covers its verb, API group, resource[/subresource] and name, or its
// non-resource path. There is no deny; members of system:masters may do anything.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { UserInfo } from '../pipeline.js';

export interface PolicyRule {
  readonly verbs?: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly apiGroup?: string;
}

/** What a request asks to do, as the authorizer sees it. */
export type Attributes =
  | {
      readonly resourceRequest: true;
      readonly verb: string;
      readonly apiGroup: string;
      readonly resource: string;
      readonly subresource?: string;
      readonly namespace?: string;
      readonly name?: string;
    }
  | { readonly resourceRequest: false; readonly verb: string; readonly path: string };

/** The RBAC objects an evaluation reads. */
export interface RbacState {
  /** Roles of one namespace. */
  roles(namespace: string): readonly KubeObject[];
  roleBindings(namespace: string): readonly KubeObject[];
  clusterRoles(): readonly KubeObject[];
  clusterRoleBindings(): readonly KubeObject[];
}

export const MASTERS = 'system:masters';

function rulesOf(o: KubeObject | undefined): readonly PolicyRule[] {
  return ((o as { rules?: PolicyRule[] } | undefined)?.rules ?? []).filter((r) => r && typeof r === 'object');
}

/** True when `subject` (of a binding in `bindingNs`, '' for cluster bindings) names the user. */
export function subjectMatches(s: Subject, user: UserInfo, bindingNs: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount':
      return user.name === `system:serviceaccount:${s.namespace || bindingNs}:${s.name}`;
    default:
      return false;
  }
}

function bindingApplies(b: KubeObject, user: UserInfo, ns: string): boolean {
  const subjects = (b as { subjects?: Subject[] }).subjects ?? [];
  return subjects.some((s) => s && subjectMatches(s, user, ns));
}

/** Every rule that applies to `user` in `namespace` (undefined: cluster-wide rules only). */
export function rulesFor(state: RbacState, user: UserInfo, namespace: string | undefined): PolicyRule[] {
  const out: PolicyRule[] = [];
  const clusterRoles = new Map(state.clusterRoles().map((r) => [r.metadata.name!, r]));
  for (const b of state.clusterRoleBindings()) {
    if (!bindingApplies(b, user, '')) continue;
    const ref = (b as { roleRef?: { kind?: string; name?: string } }).roleRef;
    if (ref?.kind === 'ClusterRole') out.push(...rulesOf(clusterRoles.get(ref.name ?? '')));
  }
  if (namespace) {
    const roles = new Map(state.roles(namespace).map((r) => [r.metadata.name!, r]));
    for (const b of state.roleBindings(namespace)) {
      if (!bindingApplies(b, user, namespace)) continue;
      const ref = (b as { roleRef?: { kind?: string; name?: string } }).roleRef;
      if (ref?.kind === 'ClusterRole') out.push(...rulesOf(clusterRoles.get(ref.name ?? '')));
      else if (ref?.kind === 'Role') out.push(...rulesOf(roles.get(ref.name ?? '')));
    }
  }
  return out;
}

const has = (list: readonly string[] | undefined, v: string) => (list ?? []).some((x) => x === '*' || x === v);

/** Whether one rule covers the request (rbac/v1 helpers RuleAllows / NonResourceURLMatches). */
export function ruleAllows(r: PolicyRule, a: Attributes): boolean {
  if (!has(r.verbs, a.verb)) return false;
  if (!a.resourceRequest) {
    return (r.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.slice(0, -1))));
  }
  if (!has(r.apiGroups, a.apiGroup)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resOk = (r.resources ?? []).some((x) => x === '*' || x === combined || (a.subresource !== undefined && x === `*/${a.subresource}`));
  if (!resOk) return false;
  if (!r.resourceNames || r.resourceNames.length === 0) return true;
  return a.name !== undefined && a.name !== '' && r.resourceNames.includes(a.name);
}

/** RBAC's decision for one request. */
export function rbacAllows(state: RbacState, user: UserInfo, a: Attributes): boolean {
  if (user.groups.includes(MASTERS)) return true;
  const ns = a.resourceRequest ? a.namespace : undefined;
  return rulesFor(state, user, ns).some((r) => ruleAllows(r, a));
}

/** kube-apiserver's 403 wording for a denied request (responsewriters.forbiddenMessage). */
export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  if (!a.resourceRequest) return `User "${user.name}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (a.namespace) return `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" in the namespace "${a.namespace}"`;
  return `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" at the cluster scope`;
}

/** Union of the ClusterRoles an aggregationRule selects (the clusterrole-aggregation controller's result). */
export function aggregatedRules(role: KubeObject, all: readonly KubeObject[], matches: (selector: unknown, labels: Record<string, string> | undefined) => boolean): PolicyRule[] | undefined {
  const sels = (role as { aggregationRule?: { clusterRoleSelectors?: unknown[] } }).aggregationRule?.clusterRoleSelectors;
  if (!Array.isArray(sels)) return undefined;
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const other of [...all].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
    if (other.metadata.name === role.metadata.name) continue;
    if (!sels.some((s) => matches(s, other.metadata.labels))) continue;
    for (const r of rulesOf(other)) {
      const k = JSON.stringify(r);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}
