// The scheduler's filter and score plugins as pure functions over a node's
// cached state (kube-scheduler's framework plugins, reduced): NodeUnschedulable,
// TaintToleration, NodeAffinity (nodeSelector + required terms), NodePorts,
// NodeResourcesFit and required pod anti-affinity; scores LeastAllocated,
// BalancedAllocation, preferred NodeAffinity and PreferNoSchedule taints.
import { parseQuantity, type Obj } from '../kit/objects.js';
import { nodeAffinityMatches, nodeSelectorTermMatches, taintKey, tolerates, type Taint, type Toleration } from '../kit/placement.js';

export interface Resources {
  cpu: number; // millicores
  memory: number; // bytes
  ephemeral: number; // bytes
}

export interface NodeInfo {
  node: Obj;
  requested: Resources;
  /** Requests with kube-scheduler's non-zero defaults (for scoring only). */
  nonZero: Resources;
  pods: number;
  ports: Set<string>;
  podKeys: Set<string>;
}

const DEFAULT_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

function containerReq(c: any): Resources {
  const r = c?.resources?.requests ?? {};
  return { cpu: Math.round((parseQuantity(r.cpu) || 0) * 1000), memory: parseQuantity(r.memory) || 0, ephemeral: parseQuantity(r['ephemeral-storage']) || 0 };
}

/** A pod's effective request: max(Σ containers, any init container) + overhead. */
export function podRequests(p: Obj, nonZero = false): Resources {
  const sum: Resources = { cpu: 0, memory: 0, ephemeral: 0 };
  for (const c of p.spec?.containers ?? []) {
    const r = containerReq(c);
    sum.cpu += nonZero && !c?.resources?.requests?.cpu ? DEFAULT_CPU : r.cpu;
    sum.memory += nonZero && !c?.resources?.requests?.memory ? DEFAULT_MEMORY : r.memory;
    sum.ephemeral += r.ephemeral;
  }
  for (const c of p.spec?.initContainers ?? []) {
    const r = containerReq(c);
    sum.cpu = Math.max(sum.cpu, r.cpu);
    sum.memory = Math.max(sum.memory, r.memory);
    sum.ephemeral = Math.max(sum.ephemeral, r.ephemeral);
  }
  const o = p.spec?.overhead ?? {};
  sum.cpu += Math.round((parseQuantity(o.cpu) || 0) * 1000);
  sum.memory += parseQuantity(o.memory) || 0;
  return sum;
}

export function podPorts(p: Obj): string[] {
  const out: string[] = [];
  for (const c of p.spec?.containers ?? []) {
    for (const port of c.ports ?? []) if (port.hostPort) out.push(`${port.protocol ?? 'TCP'}/${port.hostIP ?? '0.0.0.0'}/${port.hostPort}`);
  }
  return out;
}

// Node objects are replaced, never changed in place, by the informer: one parse per version of a node.
const allocatableOf = new WeakMap<Obj, Resources & { pods: number }>();

export function allocatable(n: Obj): Resources & { pods: number } {
  let r = allocatableOf.get(n);
  if (!r) {
    r = parseAllocatable(n);
    allocatableOf.set(n, r);
  }
  return r;
}

function parseAllocatable(n: Obj): Resources & { pods: number } {
  const a = n.status?.allocatable ?? {};
  return {
    cpu: Math.round((parseQuantity(a.cpu) || 0) * 1000),
    memory: parseQuantity(a.memory) || 0,
    ephemeral: parseQuantity(a['ephemeral-storage']) || 0,
    pods: parseQuantity(a.pods) || 0,
  };
}

/**
 * The reasons `n` cannot take `p` (empty: it fits). `podRules` checks the rules that depend on the
 * pods already placed (required pod anti-affinity, topology spread) and returns its reason, if any.
 */
export function filterNode(p: Obj, req: Resources, ports: string[], info: NodeInfo, podRules: (info: NodeInfo) => string | undefined): readonly string[] {
  const n = info.node;
  const tols = (p.spec?.tolerations ?? []) as Toleration[];
  if (n.spec?.unschedulable && !tolerates(tols, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return ['node(s) were unschedulable'];
  if (p.spec?.nodeName && p.spec.nodeName !== n.metadata.name) return ["node(s) didn't match the requested node name"];
  for (const t of (n.spec?.taints ?? []) as Taint[]) {
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tols, t)) return [`node(s) had untolerated taint ${taintKey(t)}`];
  }
  if (!nodeAffinityMatches(p, n)) return ["node(s) didn't match Pod's node affinity/selector"];
  for (const port of ports) {
    const [proto, , num] = port.split('/');
    for (const used of info.ports) {
      const [up, uip, un] = used.split('/');
      if (up === proto && un === num && (uip === '0.0.0.0' || port.split('/')[1] === '0.0.0.0' || uip === port.split('/')[1])) return ["node(s) didn't have free ports for the requested pod ports"];
    }
  }
  const a = allocatable(n);
  const out: string[] = [];
  if (info.pods + 1 > a.pods) out.push('Too many pods');
  if (req.cpu > 0 && info.requested.cpu + req.cpu > a.cpu) out.push('Insufficient cpu');
  if (req.memory > 0 && info.requested.memory + req.memory > a.memory) out.push('Insufficient memory');
  if (req.ephemeral > 0 && info.requested.ephemeral + req.ephemeral > a.ephemeral) out.push('Insufficient ephemeral-storage');
  if (out.length) return out;
  const rule = podRules(info);
  if (rule) return [rule];
  return FITS;
}
const FITS: readonly string[] = Object.freeze([]);

/** `a` + `sign` × `b`, as a new value. */
export function plus(a: Resources, b: Resources, sign = 1): Resources {
  return { cpu: a.cpu + sign * b.cpu, memory: a.memory + sign * b.memory, ephemeral: a.ephemeral + sign * b.ephemeral };
}

/** NodeResourcesFit (LeastAllocated) and BalancedAllocation, 0-100 each. */
export function resourceScores(req: Resources, info: NodeInfo): { least: number; balanced: number } {
  const a = allocatable(info.node);
  const fc = a.cpu ? Math.min(1, (info.nonZero.cpu + req.cpu) / a.cpu) : 1;
  const fm = a.memory ? Math.min(1, (info.nonZero.memory + req.memory) / a.memory) : 1;
  const least = ((1 - fc) * 100 + (1 - fm) * 100) / 2;
  const balanced = (1 - Math.abs(fc - fm) / 2) * 100;
  return { least, balanced };
}

export function preferredAffinityScore(p: Obj, n: Obj): number {
  let s = 0;
  for (const t of p.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (nodeSelectorTermMatches(t.preference, n)) s += t.weight ?? 0;
  }
  return s;
}

/** TaintToleration scoring: counts a node's PreferNoSchedule taints the pod does not tolerate (the pod's side prepared once per decision). */
export function intolerablePreferNoSchedule(p: Obj): (n: Obj) => number {
  const tols = ((p.spec?.tolerations ?? []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return (n) => {
    let c = 0;
    for (const t of (n.spec?.taints ?? []) as Taint[]) if (t.effect === 'PreferNoSchedule' && !tolerates(tols, t)) c++;
    return c;
  };
}
