// Where a pod may run, as Kubernetes' component-helpers define it: taints and
// tolerations, nodeSelector and required node affinity. Shared by the
// scheduler (filtering), the DaemonSet controller (which nodes want a daemon
// pod) and node lifecycle (NoExecute evictions).
import type { Obj } from './objects.js';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function tolerates(tols: readonly Toleration[], t: Taint): boolean {
  return tols.some((tol) => {
    if (tol.effect && tol.effect !== t.effect) return false;
    if ((tol.operator ?? 'Equal') === 'Exists') return !tol.key || tol.key === t.key;
    return tol.key === t.key && (tol.value ?? '') === (t.value ?? '');
  });
}

function exprMatches(e: { key: string; operator: string; values?: string[] }, v: string | undefined): boolean {
  switch (e.operator) {
    case 'In':
      return v !== undefined && (e.values ?? []).includes(v);
    case 'NotIn':
      return v === undefined || !(e.values ?? []).includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
      return v !== undefined && Number(v) > Number(e.values?.[0]);
    case 'Lt':
      return v !== undefined && Number(v) < Number(e.values?.[0]);
    default:
      return false;
  }
}

export function nodeSelectorTermMatches(term: any, n: Obj): boolean {
  const labels = n.metadata.labels ?? {};
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  return exprs.every((e: any) => exprMatches(e, labels[e.key])) && fields.every((e: any) => exprMatches(e, e.key === 'metadata.name' ? n.metadata.name : undefined));
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export function nodeAffinityMatches(p: Obj, n: Obj): boolean {
  const sel = p.spec?.nodeSelector as Record<string, string> | undefined;
  if (sel) {
    const labels = n.metadata.labels ?? {};
    for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  }
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as unknown[] | undefined;
  if (terms && terms.length) return terms.some((t) => nodeSelectorTermMatches(t, n));
  return true;
}

export function taintKey(t: Taint): string {
  return t.value ? `{${t.key}: ${t.value}}` : `{${t.key}: }`;
}
