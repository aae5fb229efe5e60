// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread):
// `topologySpreadConstraints` with whenUnsatisfiable DoNotSchedule filter out
// nodes where placing the pod would make its domain exceed maxSkew over the
// least-populated eligible domain; ScheduleAnyway ones score nodes by how many
// matching pods their domains already hold.
import { nodeAffinityMatches, tolerates, type Taint, type Toleration } from '../kit/placement.js';
import type { NodeInfo } from './predicates.js';
import { selectorMatches, type Obj } from '../kit/objects.js';

interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  readonly labelSelector?: unknown;
  readonly minDomains?: number;
  readonly matchLabelKeys?: readonly string[];
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

export const SPREAD_REASON = "node(s) didn't match pod topology spread constraints";
const MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

/** What the spread rules of `p` say about each node: a filter reason (or none) and a score penalty. */
export interface SpreadRules {
  filter(info: NodeInfo): string | undefined;
  /** Matching pods already in the node's domains, for ScheduleAnyway constraints (lower is better). */
  penalty(info: NodeInfo): number;
}

const NONE: SpreadRules = { filter: () => undefined, penalty: () => 0 };

/**
 * The spread rules of `p` against the nodes and the pods placed on them
 * (`placed` yields each placed pod with its node).
 */
export function spreadRules(p: Obj, nodes: readonly NodeInfo[], placed: Iterable<{ pod: Obj; node: string }>): SpreadRules {
  const constraints = (p.spec?.topologySpreadConstraints ?? []) as Constraint[];
  if (constraints.length === 0) return NONE;
  const placedList = [...placed];
  const ns = p.metadata.namespace;
  const nodeByName = new Map(nodes.map((n) => [n.node.metadata.name!, n.node]));
  const prepared = constraints.map((c) => {
    // matchLabelKeys add the incoming pod's own values of those labels to the selector.
    const extra = Object.fromEntries((c.matchLabelKeys ?? []).filter((k) => p.metadata.labels?.[k] !== undefined).map((k) => [k, p.metadata.labels![k]!]));
    const matches = (labels: Record<string, string> | undefined) =>
      selectorMatches(c.labelSelector ?? {}, labels) && Object.entries(extra).every(([k, v]) => labels?.[k] === v);
    const eligible = (n: Obj) =>
      n.metadata.labels?.[c.topologyKey] !== undefined &&
      ((c.nodeAffinityPolicy ?? 'Honor') === 'Ignore' || nodeAffinityMatches(p, n)) &&
      ((c.nodeTaintsPolicy ?? 'Ignore') === 'Ignore' || ((n.spec?.taints ?? []) as Taint[]).every((t) => t.effect === 'PreferNoSchedule' || tolerates((p.spec?.tolerations ?? []) as Toleration[], t)));
    const counts = new Map<string, number>();
    for (const n of nodes) if (eligible(n.node)) counts.set(n.node.metadata.labels![c.topologyKey]!, counts.get(n.node.metadata.labels![c.topologyKey]!) ?? 0);
    for (const { pod, node } of placedList) {
      if (pod.metadata.namespace !== ns || pod.metadata.deletionTimestamp || !matches(pod.metadata.labels)) continue;
      const n = nodeByName.get(node);
      if (!n || !eligible(n)) continue;
      const v = n.metadata.labels![c.topologyKey]!;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const min = counts.size < (c.minDomains ?? 1) ? 0 : Math.min(...counts.values());
    const self = matches(p.metadata.labels) ? 1 : 0;
    return { c, counts, min, self };
  });
  return {
    filter(info) {
      for (const { c, counts, min, self } of prepared) {
        if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
        const v = info.node.metadata.labels?.[c.topologyKey];
        if (v === undefined) return MISSING_LABEL;
        if ((counts.get(v) ?? 0) + self - min > c.maxSkew) return SPREAD_REASON;
      }
      return undefined;
    },
    penalty(info) {
      let total = 0;
      for (const { c, counts } of prepared) {
        if (c.whenUnsatisfiable !== 'ScheduleAnyway') continue;
        const v = info.node.metadata.labels?.[c.topologyKey];
        total += v === undefined ? 0 : (counts.get(v) ?? 0);
      }
      return total;
    },
  };
}
