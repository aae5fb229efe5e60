// Preemption (kube-scheduler's DefaultPreemption post-filter): when no node
// fits a pod, find the node where removing the fewest, least important pods
// of lower priority makes it fit. Pure: the scheduler deletes the victims and
// nominates the node.
import { filterNode, plus, type NodeInfo, type Resources } from './predicates.js';
import { selectorMatches, type Obj } from '../kit/objects.js';

/** A pod running on a node, as the scheduler accounts it. */
export interface Placed {
  readonly key: string;
  readonly pod: Obj;
  readonly req: Resources;
  readonly ports: readonly string[];
}

/** How many disruptions each PodDisruptionBudget still allows (status.disruptionsAllowed), and whom it covers. */
export interface Budget {
  readonly namespace: string;
  readonly selector: unknown;
  readonly allowed: number;
}

export interface Preemption {
  readonly node: NodeInfo;
  readonly victims: readonly Placed[];
}

const priorityOf = (p: Obj): number => (p.spec?.priority as number | undefined) ?? 0;

/** Whether `p` may preempt at all, and is not still waiting for the victims of an earlier preemption. */
export function eligibleToPreempt(p: Obj, placedOn: (node: string) => readonly Placed[]): boolean {
  if (p.spec?.preemptionPolicy === 'Never') return false;
  const nominated = p.status?.nominatedNodeName as string | undefined;
  if (!nominated) return true;
  // Victims on the nominated node are still going away: wait for them instead of preempting more.
  return !placedOn(nominated).some((x) => x.pod.metadata.deletionTimestamp && priorityOf(x.pod) < priorityOf(p));
}

/**
 * The node and victims for `p`, or undefined when removing lower-priority pods
 * would make no node fit. Per node, all lower-priority pods are removed, then
 * as many as possible are kept again, most important first; nodes are compared
 * by the highest victim priority, then the sum of victim priorities, then the
 * number of victims (pkg/scheduler/framework/preemption).
 */
export function selectVictims(
  p: Obj,
  req: Resources,
  ports: readonly string[],
  nodes: readonly NodeInfo[],
  placedOn: (node: string) => readonly Placed[],
  podRules: (info: NodeInfo) => string | undefined,
  budgets: readonly Budget[] = [],
): Preemption | undefined {
  const prio = priorityOf(p);
  let best: { node: NodeInfo; victims: Placed[]; violating: number; top: number; sum: number } | undefined;
  for (const info of nodes) {
    const lower = placedOn(info.node.metadata.name!).filter((x) => priorityOf(x.pod) < prio && !x.pod.metadata.deletionTimestamp);
    if (lower.length === 0) continue;
    const without = reduced(info, lower);
    if (filterNode(p, req, [...ports], without, podRules).length) continue;
    // Keep back as many as still leave room, the most important first; pods whose eviction a
    // disruption budget forbids are kept first of all.
    const byPriority = [...lower].sort((a, b) => priorityOf(b.pod) - priorityOf(a.pod));
    const protectedSet = violatingPods(byPriority, budgets);
    const victims: Placed[] = [];
    let violating = 0;
    for (const x of [...byPriority.filter((v) => protectedSet.has(v)), ...byPriority.filter((v) => !protectedSet.has(v))]) {
      const kept = reduced(without, [x], -1);
      if (filterNode(p, req, [...ports], kept, podRules).length === 0) Object.assign(without, kept);
      else {
        victims.push(x);
        if (protectedSet.has(x)) violating++;
      }
    }
    const top = Math.max(...victims.map((v) => priorityOf(v.pod)));
    const sum = victims.reduce((s, v) => s + priorityOf(v.pod), 0);
    const better =
      !best ||
      violating < best.violating ||
      (violating === best.violating && (top < best.top || (top === best.top && (sum < best.sum || (sum === best.sum && victims.length < best.victims.length)))));
    if (better) best = { node: info, victims, violating, top, sum };
  }
  return best && { node: best.node, victims: best.victims };
}

/** The pods whose eviction, in this order, some PodDisruptionBudget would not allow. */
function violatingPods(pods: readonly Placed[], budgets: readonly Budget[]): Set<Placed> {
  const left = budgets.map((b) => b.allowed);
  const out = new Set<Placed>();
  for (const x of pods) {
    budgets.forEach((b, i) => {
      if (b.namespace !== x.pod.metadata.namespace || !selectorMatches(b.selector, x.pod.metadata.labels)) return;
      left[i]!--;
      if (left[i]! < 0) out.add(x);
    });
  }
  return out;
}

/** A copy of `info` with `pods` taken off (sign 1) or put back (sign -1). */
function reduced(info: NodeInfo, pods: readonly Placed[], sign = 1): NodeInfo {
  let requested = info.requested;
  const portsLeft = new Set(info.ports);
  for (const x of pods) {
    requested = plus(requested, x.req, -sign);
    for (const port of x.ports) sign > 0 ? portsLeft.delete(port) : portsLeft.add(port);
  }
  return { ...info, requested, pods: info.pods - sign * pods.length, ports: portsLeft };
}
