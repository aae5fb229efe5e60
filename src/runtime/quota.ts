// ResourceQuota and LimitRange, as kube-apiserver's LimitRanger and
// ResourceQuota admission plugins and the quota controller apply them
// (plugin/pkg/admission/limitranger, plugin/pkg/admission/resourcequota,
// pkg/quota/v1/evaluator/core): what an object uses, the defaults a
// LimitRange gives a pod's containers, and the refusals with upstream's
// wording. Pure functions over objects, shared by the API server's admission
// and the quota controller.
import type { KubeObject } from '../apimachinery/types.js';
import { formatQuantity, parseQuantity } from '../apimachinery/quantity.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = KubeObject & { spec?: any; status?: any };
export type Usage = Record<string, number>;

/** A quantity as a number; NaN when malformed. */
const quantity = (q: unknown): number => parseQuantity(q) ?? NaN;

/** The quota resource names an object of `storage` ("/pods", "apps/deployments") counts against. */
export function usageOf(storage: string, o: Obj): Usage {
  const [group, plural] = storage.startsWith('/') ? ['', storage.slice(1)] : storage.split('/') as [string, string];
  const u: Usage = { [`count/${group ? `${plural}.${group}` : plural}`]: 1 };
  if (storage === '/pods') {
    if (o.metadata.deletionTimestamp || o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed') return {};
    u.pods = 1;
    const req = podResources(o, 'requests');
    const lim = podResources(o, 'limits');
    for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
      if (req[r] !== undefined) {
        u[`requests.${r}`] = req[r]!;
        if (r !== 'ephemeral-storage') u[r] = req[r]!;
      }
      if (lim[r] !== undefined) u[`limits.${r}`] = lim[r]!;
    }
  } else if (storage === '/services') {
    u.services = 1;
    if (o.spec?.type === 'LoadBalancer') u['services.loadbalancers'] = 1;
    if (o.spec?.type === 'NodePort' || o.spec?.type === 'LoadBalancer') u['services.nodeports'] = (o.spec?.ports ?? []).length;
  } else if (storage === '/persistentvolumeclaims') {
    u.persistentvolumeclaims = 1;
    const size = quantity(o.spec?.resources?.requests?.storage);
    if (Number.isFinite(size)) {
      u['requests.storage'] = size;
      const cls = o.spec?.storageClassName;
      if (cls) {
        u[`${cls}.storageclass.storage.k8s.io/requests.storage`] = size;
        u[`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`] = 1;
      }
    }
  } else if (['/configmaps', '/secrets', '/replicationcontrollers', '/resourcequotas'].includes(storage)) {
    u[plural!] = 1;
  }
  return u;
}

/** A pod's requests or limits: the sum over containers, at least the largest init container, plus overhead. */
function podResources(o: Obj, kind: 'requests' | 'limits'): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const c of o.spec?.containers ?? []) {
    for (const [r, q] of Object.entries((c.resources?.[kind] ?? {}) as Record<string, unknown>)) out[r] = (out[r] ?? 0) + quantity(q);
  }
  for (const c of o.spec?.initContainers ?? []) {
    for (const [r, q] of Object.entries((c.resources?.[kind] ?? {}) as Record<string, unknown>)) out[r] = Math.max(out[r] ?? 0, quantity(q));
  }
  for (const [r, q] of Object.entries((o.spec?.overhead ?? {}) as Record<string, unknown>)) if (out[r] !== undefined) out[r] = out[r]! + quantity(q);
  return out;
}

/** The store of `count/<plural>[.<group>]`. */
export function countStorage(resource: string): string {
  const name = resource.slice('count/'.length);
  const dot = name.indexOf('.');
  return dot < 0 ? `/${name}` : `${name.slice(dot + 1)}/${name.slice(0, dot)}`;
}

/** The stores whose objects quota counts (beyond `count/...` of anything). */
export const QUOTA_STORAGES = ['/pods', '/services', '/persistentvolumeclaims', '/configmaps', '/secrets', '/replicationcontrollers', '/resourcequotas'];

/** What the listed objects in the quota's scopes use, for the resources its `hard` names. */
export function totalUsage(quota: Obj, objects: readonly { storage: string; object: Obj }[]): Usage {
  const used: Usage = {};
  for (const r of Object.keys(quota.spec?.hard ?? {})) used[r] = 0;
  for (const { storage, object } of objects) {
    if (!inScopes(quota, storage, object)) continue;
    for (const [r, v] of Object.entries(usageOf(storage, object))) if (r in used) used[r]! += v;
  }
  return used;
}

interface ScopeRequirement {
  readonly scopeName: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/**
 * Whether a quota counts `o` (pkg/quota/v1/evaluator/core/pods.go): a quota
 * with scopes (spec.scopes and spec.scopeSelector, all of which must match)
 * counts only pods that match them; one without scopes counts everything.
 */
export function inScopes(quota: Obj, storage: string, o: Obj): boolean {
  const reqs: ScopeRequirement[] = [
    ...((quota.spec?.scopes ?? []) as string[]).map((scopeName) => ({ scopeName, operator: 'Exists' as const })),
    ...((quota.spec?.scopeSelector?.matchExpressions ?? []) as ScopeRequirement[]),
  ];
  if (reqs.length === 0) return true;
  if (storage !== '/pods') return false;
  return reqs.every((r) => scopeMatches(r, o));
}

function scopeMatches(r: ScopeRequirement, p: Obj): boolean {
  switch (r.scopeName) {
    case 'Terminating':
      return p.spec?.activeDeadlineSeconds != null && p.spec.activeDeadlineSeconds >= 0;
    case 'NotTerminating':
      return p.spec?.activeDeadlineSeconds == null;
    case 'BestEffort':
      return qosClass(p.spec ?? {}) === 'BestEffort';
    case 'NotBestEffort':
      return qosClass(p.spec ?? {}) !== 'BestEffort';
    case 'PriorityClass': {
      const name = p.spec?.priorityClassName as string | undefined;
      if (r.operator === 'Exists') return Boolean(name);
      if (r.operator === 'DoesNotExist') return !name;
      const listed = (r.values ?? []).includes(name ?? '');
      return r.operator === 'In' ? listed : !listed;
    }
    case 'CrossNamespacePodAffinity': {
      const a = p.spec?.affinity ?? {};
      const terms = [a.podAffinity, a.podAntiAffinity].flatMap((x: any) => [
        ...(x?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(x?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: any) => w.podAffinityTerm ?? {}),
      ]);
      return terms.some((t: any) => (t.namespaces ?? []).length > 0 || t.namespaceSelector != null);
    }
    default:
      return false;
  }
}

const COMPUTE = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/**
 * ResourceQuota admission of a new object: throws the refusal text (without
 * the `pods "x" is forbidden: ` prefix the API adds) when a quota of the
 * namespace would be exceeded or a tracked compute resource is missing.
 */
export function quotaRefusal(storage: string, obj: Obj, quotas: readonly Obj[], used: (q: Obj) => Usage): string | undefined {
  const requested = usageOf(storage, obj);
  if (Object.keys(requested).length === 0) return undefined;
  for (const q of [...quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
    if (!inScopes(q, storage, obj)) continue;
    const hard = (q.spec?.hard ?? {}) as Record<string, unknown>;
    if (storage === '/pods') {
      const missing: string[] = [];
      for (const r of COMPUTE.filter((x) => x in hard).sort()) {
        const [kind, res] = r.includes('.') ? (r.split('.') as ['requests' | 'limits', string]) : (['requests', r] as const);
        const lacking = (obj.spec?.containers ?? []).filter((c: any) => c.resources?.[kind]?.[res] === undefined).map((c: any) => c.name);
        if (lacking.length) missing.push(`${r} for: ${lacking.join(',')}`);
      }
      if (missing.length) return `failed quota: ${q.metadata.name}: must specify ${missing.join('; ')}`;
    }
    const u = used(q);
    const over = Object.keys(requested)
      .filter((r) => r in hard && requested[r]! > 0 && (u[r] ?? 0) + requested[r]! > quantity(hard[r]))
      .sort();
    if (over.length) {
      const list = (vals: (r: string) => number) => over.map((r) => `${r}=${formatQuantity(vals(r), r)}`).join(',');
      return `exceeded quota: ${q.metadata.name}, requested: ${list((r) => requested[r]!)}, used: ${list((r) => u[r] ?? 0)}, limited: ${list((r) => quantity(hard[r]))}`;
    }
  }
  return undefined;
}

/**
 * LimitRanger on a new pod: fills each container's missing requests and
 * limits from the `default`/`defaultRequest` of Container limits (recording
 * what it set in the kubernetes.io/limit-ranger annotation), then checks
 * min, max and maxLimitRequestRatio. Returns the refusal text, if any.
 */
export function applyLimitRanges(storage: string, obj: Obj, ranges: readonly Obj[]): string | undefined {
  const limits = ranges.flatMap((lr) => ((lr.spec?.limits ?? []) as any[]));
  if (storage === '/persistentvolumeclaims') {
    const size = quantity(obj.spec?.resources?.requests?.storage);
    for (const l of limits.filter((x) => x.type === 'PersistentVolumeClaim')) {
      if (l.min?.storage !== undefined && size < quantity(l.min.storage)) return `minimum storage usage per PersistentVolumeClaim is ${l.min.storage}, but request is ${obj.spec?.resources?.requests?.storage}`;
      if (l.max?.storage !== undefined && size > quantity(l.max.storage)) return `maximum storage usage per PersistentVolumeClaim is ${l.max.storage}, but request is ${obj.spec?.resources?.requests?.storage}`;
    }
    return undefined;
  }
  if (storage !== '/pods') return undefined;
  const container = limits.filter((x) => x.type === 'Container');
  const notes: string[] = [];
  for (const c of [...(obj.spec?.initContainers ?? []), ...(obj.spec?.containers ?? [])] as any[]) {
    const setReq: string[] = [];
    const setLim: string[] = [];
    for (const l of container) {
      c.resources ??= {};
      for (const [r, q] of Object.entries((l.default ?? {}) as Record<string, unknown>)) {
        c.resources.limits ??= {};
        if (c.resources.limits[r] === undefined) {
          c.resources.limits[r] = q;
          setLim.push(r);
        }
      }
      for (const [r, q] of Object.entries((l.defaultRequest ?? l.default ?? {}) as Record<string, unknown>)) {
        c.resources.requests ??= {};
        if (c.resources.requests[r] === undefined) {
          c.resources.requests[r] = c.resources.limits?.[r] !== undefined && !l.defaultRequest?.[r] ? c.resources.limits[r] : q;
          setReq.push(r);
        }
      }
    }
    if (setReq.length) notes.push(`${setReq.join(', ')} request for container ${c.name}`);
    if (setLim.length) notes.push(`${setLim.join(', ')} limit for container ${c.name}`);
    for (const l of container) {
      for (const [r, q] of Object.entries((l.min ?? {}) as Record<string, unknown>)) {
        const req = c.resources?.requests?.[r];
        if (req === undefined) return `minimum ${r} usage per Container is ${q}.  No request is specified`;
        if (quantity(req) < quantity(q)) return `minimum ${r} usage per Container is ${q}, but request is ${req}`;
      }
      for (const [r, q] of Object.entries((l.max ?? {}) as Record<string, unknown>)) {
        const lim = c.resources?.limits?.[r];
        if (lim === undefined) return `maximum ${r} usage per Container is ${q}.  No limit is specified`;
        if (quantity(lim) > quantity(q)) return `maximum ${r} usage per Container is ${q}, but limit is ${lim}`;
      }
      for (const [r, q] of Object.entries((l.maxLimitRequestRatio ?? {}) as Record<string, unknown>)) {
        const lim = quantity(c.resources?.limits?.[r]);
        const req = quantity(c.resources?.requests?.[r]);
        if (Number.isFinite(lim) && Number.isFinite(req) && req > 0 && lim / req > quantity(q)) {
          return `${r} max limit to request ratio per Container is ${q}, but provided ratio is ${(lim / req).toFixed(6)}`;
        }
      }
    }
  }
  if (notes.length) {
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  }
  return undefined;
}

/** The pod's QoS class (pkg/apis/core/helper/qos): BestEffort, Burstable or Guaranteed. */
export function qosClass(spec: Record<string, unknown>): string {
  const list = (k: string): Record<string, any>[] => (Array.isArray(spec[k]) ? (spec[k] as Record<string, any>[]) : []);
  const cs = [...list('initContainers'), ...list('containers')];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const rq = parseQuantity(req[r]);
      const lm = parseQuantity(lim[r]);
      if ((rq ?? 0) > 0 || (lm ?? 0) > 0) any = true;
      if (lm === undefined || lm === 0 || (rq !== undefined && rq !== lm)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
