// RBAC escalation prevention (k8s.io/kubernetes pkg/registry/rbac: the
// policybased storages, escalation_check.go and validation's
// ConfirmNoEscalation / Covers / CompactRules): nobody gains a permission by
// writing RBAC objects.
//
// - Creating or updating a Role/ClusterRole needs every permission its rules
//   grant (held through the requester's own bindings, in the role's namespace
//   or cluster-wide), or the `escalate` verb on it.
// - Setting or changing a ClusterRole's aggregationRule, which can gather any
//   rule, needs full authority (`*` on `*.*` and on every non-resource URL).
// - Creating or updating a RoleBinding/ClusterRoleBinding needs every
//   permission of the role it references (in the binding's namespace, or
//   cluster-wide), or the `bind` verb on that role.
// - Members of system:masters (the admin, the cluster's own components) are
//   exempt; writes that only touch what garbage collection manages
//   (ownerReferences, finalizers, managedFields) are not checked.
//
// One deliberate addition to upstream: `escalate` on a ClusterRole does not
// cover labels that aggregate it into another ClusterRole (admin, edit, view,
// ...), since its rules would then reach every holder of that role; the
// requester then also needs `escalate` on each such role, or to hold the rules.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ApiRequest, UserInfo } from '../pipeline.js';
import type { ServedResource } from '../catalog.js';
import { labelSelectorObjectMatcher } from '../../../util/label-selector.js';
import { jsonEqual } from '../../../util/json.js';
import * as E from '../status.js';
import { MASTERS, rulesFor, type Attributes, type PolicyRule, type RbacState } from './rbac.js';

const G = 'rbac.authorization.k8s.io';

/** Every permission there is: what a ClusterRole with an aggregationRule may end up granting. */
const FULL_AUTHORITY: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** What the escalation checks need from the authorizer. */
export interface EscalationContext {
  readonly state: RbacState;
  readonly allowed: (user: UserInfo, a: Attributes) => boolean;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A rule as stored, reduced to its string lists (bodies are checked here before validation). */
function normalize(r: unknown): PolicyRule {
  const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
  return { verbs: strings(o.verbs), apiGroups: strings(o.apiGroups), resources: strings(o.resources), resourceNames: strings(o.resourceNames), nonResourceURLs: strings(o.nonResourceURLs) };
}

function rulesOf(o: KubeObject | undefined): PolicyRule[] {
  const rules = (o as { rules?: unknown } | undefined)?.rules;
  return Array.isArray(rules) ? rules.map(normalize) : [];
}

/** One rule split into rules of one verb, one group, one resource and at most one name (validation.BreakdownRule). */
function breakdown(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of r.apiGroups ?? []) {
    for (const res of r.resources ?? []) {
      for (const v of r.verbs ?? []) {
        if (r.resourceNames?.length) for (const n of r.resourceNames) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
    }
  }
  for (const u of r.nonResourceURLs ?? []) for (const v of r.verbs ?? []) out.push({ nonResourceURLs: [u], verbs: [v] });
  return out;
}

const has = (set: readonly string[] | undefined, v: string) => (set ?? []).includes(v);
const hasAll = (set: readonly string[] | undefined, want: readonly string[] | undefined) => (want ?? []).every((v) => has(set, v));

function resourcesCover(owner: readonly string[] | undefined, want: readonly string[] | undefined): boolean {
  if (has(owner, '*') || hasAll(owner, want)) return true;
  return (want ?? []).every((path) => {
    if (has(owner, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && has(owner, `*/${path.slice(slash + 1)}`);
  });
}

const urlCovers = (owner: string, path: string) => owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')));

/** Whether `owner` allows everything the broken-down `sub` allows (validation.ruleCovers). */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourcesCover(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => urlCovers(o, p)));
  const names = !owner.resourceNames?.length || (sub.resourceNames?.length ? hasAll(owner.resourceNames, sub.resourceNames) : false);
  return verbs && groups && resources && names && urls;
}

/** The parts of `servant` no rule of `owner` covers (validation.Covers). */
export function uncovered(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdown).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

/** Merges rules of one group, one resource and at most one name that differ only by verb (validation.CompactRules). */
function compact(rules: readonly PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }>();
  for (const r of rules) {
    const names = r.resourceNames ?? [];
    if (names.length > 1 || r.nonResourceURLs?.length || r.apiGroups?.length !== 1 || r.resources?.length !== 1) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], names.length > 0, names[0] ?? '']);
    const seen = simple.get(key);
    if (!seen) simple.set(key, { apiGroups: [...r.apiGroups], resources: [...r.resources], ...(names.length ? { resourceNames: [...names] } : {}), verbs: [...(r.verbs ?? [])] });
    else for (const v of r.verbs ?? []) if (!seen.verbs.includes(v)) seen.verbs.push(v);
  }
  return [...out, ...simple.values()];
}

/** Go's strconv.Quote (what `%q` prints). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x20 || c === 0x7f) {
      const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
      out += named[c] ?? `\\x${c.toString(16).padStart(2, '0')}`;
    } else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) || ch === ' ') out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** `%q` of a []string: ["a" "b"]. */
const quoteList = (l: readonly string[]) => `[${l.map(goQuote).join(' ')}]`;

/** rbacv1helpers.CompactString: {APIGroups:[""], Resources:["secrets"], Verbs:["get"]}. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${quoteList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${quoteList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${quoteList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${quoteList(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${quoteList(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

const byteOrder = (a: string, b: string) => (Buffer.compare(Buffer.from(a), Buffer.from(b)));

/**
 * ConfirmNoEscalation: undefined when `user`'s own rules in `namespace` ('' for
 * cluster-wide only) cover `rules`, else upstream's message listing what is missing.
 */
export function escalationRefusal(state: RbacState, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const missing = uncovered(rulesFor(state, user, namespace || undefined).map(normalize), rules);
  if (missing.length === 0) return undefined;
  const lines = [...new Set(compact(missing).map(compactString))].sort(byteOrder);
  return `user ${goQuote(user.name)} (groups=${quoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
}

/** IsOnlyMutatingGCFields: the update changes nothing but ownerReferences, finalizers and managedFields. */
function onlyGcFields(next: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { ownerReferences: _o, finalizers: _f, managedFields: _m, selfLink: _s, resourceVersion: _r, generation: _g, ...meta } = o.metadata as Record<string, unknown>;
    return { ...o, metadata: meta };
  };
  return jsonEqual(strip(next), strip(old));
}

const hasAggregationRule = (o: KubeObject | undefined) => {
  const sels = (o as { aggregationRule?: { clusterRoleSelectors?: unknown } } | undefined)?.aggregationRule?.clusterRoleSelectors;
  return Array.isArray(sels) && sels.length > 0;
};

/** The other ClusterRoles whose aggregationRule selects a ClusterRole with these labels. */
function aggregatorsOf(state: RbacState, name: string, labels: Record<string, string> | undefined): string[] {
  if (!labels || Object.keys(labels).length === 0) return [];
  const out: string[] = [];
  for (const r of state.clusterRoles()) {
    if (r.metadata.name === name) continue;
    const sels = (r as { aggregationRule?: { clusterRoleSelectors?: unknown } }).aggregationRule?.clusterRoleSelectors;
    if (Array.isArray(sels) && sels.some((s) => labelSelectorObjectMatcher(s)(labels))) out.push(r.metadata.name!);
  }
  return out;
}

/**
 * Refuses (403, or 404 for a binding to a missing role) a create (old
 * undefined) or update of an RBAC object that would give `req.user` or anyone
 * else a permission the user does not hold. Objects of other kinds pass.
 */
export function checkRbacWrite(ctx: EscalationContext, req: ApiRequest, def: ServedResource, obj: KubeObject, old: KubeObject | undefined): void {
  if (def.group !== G || req.user.groups.includes(MASTERS)) return;
  if (old && onlyGcFields(obj, old)) return;
  switch (def.plural) {
    case 'roles':
    case 'clusterroles':
      return checkRole(ctx, req, def, obj, old);
    case 'rolebindings':
    case 'clusterrolebindings':
      return checkBinding(ctx, req, def, obj);
  }
}

function checkRole(ctx: EscalationContext, req: ApiRequest, def: ServedResource, obj: KubeObject, old: KubeObject | undefined): void {
  const gr = { group: G, resource: def.plural };
  const name = obj.metadata.name ?? '';
  const ns = def.namespaced ? req.ref.namespace ?? '' : '';
  const user = req.user;
  const rules = rulesOf(obj);
  // As upstream, `escalate` is checked against the request's own name: empty for a create,
  // the object's for an update or a server-side apply that creates.
  const requestName = req.ref.name ?? (req.patchType === 'apply' ? name : undefined);
  const mayEscalate = (roleName: string | undefined) =>
    ctx.allowed(user, { resourceRequest: true, verb: 'escalate', apiGroup: G, resource: def.plural, namespace: ns || undefined, name: roleName || undefined });
  if (mayEscalate(requestName)) {
    if (def.namespaced) return;
    // Labels that aggregate this role into others grant its rules through them too.
    const targets = aggregatorsOf(ctx.state, name, obj.metadata.labels).filter((t) => !mayEscalate(t));
    if (targets.length === 0) return;
  }
  const refusal = escalationRefusal(ctx.state, user, ns, rules);
  if (refusal) throw E.forbidden(gr, name, refusal);
  if (!def.namespaced && (hasAggregationRule(obj) || hasAggregationRule(old)) && escalationRefusal(ctx.state, user, '', FULL_AUTHORITY)) {
    throw E.forbidden(gr, name, 'must have cluster-admin privileges to use the aggregationRule');
  }
}

function checkBinding(ctx: EscalationContext, req: ApiRequest, def: ServedResource, obj: KubeObject): void {
  const ns = def.namespaced ? req.ref.namespace ?? '' : '';
  const ref = ((obj as { roleRef?: unknown }).roleRef ?? {}) as { apiGroup?: unknown; kind?: unknown; name?: unknown };
  const kind = ref.kind;
  const roleName = typeof ref.name === 'string' ? ref.name : '';
  // Other kinds are refused by validation, which runs next.
  if (kind !== 'ClusterRole' && kind !== 'Role') return;
  const resource = kind === 'ClusterRole' ? 'clusterroles' : 'roles';
  const bind: Attributes = { resourceRequest: true, verb: 'bind', apiGroup: typeof ref.apiGroup === 'string' ? ref.apiGroup : '', resource, namespace: ns || undefined, name: roleName || undefined };
  if (ctx.allowed(req.user, bind)) return;
  const role = kind === 'ClusterRole' ? ctx.state.clusterRoles().find((r) => r.metadata.name === roleName) : ns ? ctx.state.roles(ns).find((r) => r.metadata.name === roleName) : undefined;
  if (!role) throw E.notFound({ group: G, resource }, roleName);
  const refusal = escalationRefusal(ctx.state, req.user, ns, rulesOf(role));
  if (refusal) throw E.forbidden({ group: G, resource: def.plural }, obj.metadata.name ?? '', refusal);
}
