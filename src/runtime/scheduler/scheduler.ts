// The default scheduler: a cache of nodes and assigned pods built from
// watches (as kube-scheduler keeps one), a priority queue of unscheduled
// pods, filter → score → assume → bind through pods/binding. Pods nothing
// fits get PodScheduled=False/Unschedulable and a FailedScheduling event, and
// are retried when nodes or pods change.
import type { KubeClient } from '../../kube/client.js';
import type { Clock, ClockTimer } from '../../util/clock.js';
import { eventRecorder, type EventRecorder } from '../kit/events.js';
import { R, type ControllerDefinition } from '../kit/controller.js';
import { InformerFactory, keyOf, type Informer } from '../kit/informer.js';
import { isTerminal, podCondition, selectorMatches, ts, type Obj } from '../kit/objects.js';
import {
  filterNode,
  intolerablePreferNoSchedule,
  podPorts,
  podRequests,
  preferredAffinityScore,
  resourceScores,
  plus,
  type NodeInfo,
  type Resources,
} from './predicates.js';
import { spreadRules } from './topology-spread.js';
import { eligibleToPreempt, selectVictims, type Budget, type Placed, type Preemption } from './preemption.js';

export interface SchedulerOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly events?: boolean;
  /** How often pods that did not fit are retried even without a cluster change (kube-scheduler: 5 min). */
  readonly unschedulableRetryMs?: number;
}

interface Assigned {
  node: string;
  req: Resources;
  nonZero: Resources;
  ports: string[];
}

export const SCHEDULER_NAME = 'default-scheduler';

/**
 * The scheduler in the controllers' shape: what it watches and writes. Its
 * queue is its own (by priority, with back-off for pods nothing fits), and
 * one decision is made at a time, as kube-scheduler's scheduleOne.
 */
export const SCHEDULER: ControllerDefinition = { name: SCHEDULER_NAME, watches: [R.nodes, R.pods, R.poddisruptionbudgets], owns: [R.pods, R.events], workers: 1 };
const ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";

export class Scheduler {
  readonly definition = SCHEDULER;
  private readonly factory: InformerFactory;
  private readonly nodes: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly budgets: Informer<Obj>;
  private readonly infos = new Map<string, NodeInfo>();
  /** The nodes that can be considered (those with a status), rebuilt after any node change. */
  private candidates: NodeInfo[] | undefined;
  private readonly assigned = new Map<string, Assigned>();
  private readonly active = new Map<number, string[]>();
  private readonly inActive = new Set<string>();
  private readonly unschedulable = new Map<string, string>();
  private readonly binding = new Set<string>();
  /** Pods that preempted others, with the node they were nominated for and their victims. */
  private readonly nominations = new Map<string, { node: string; victims: Set<string>; priority: number; req: Resources }>();
  private readonly events: EventRecorder;
  private running = false;
  private stopped = false;
  private startIndex = 0;
  private flushPending = false;
  private retryTimer?: ClockTimer;
  /** Pods bound so far (for benchmarks and tests). */
  bound = 0;

  constructor(private readonly o: SchedulerOptions) {
    this.factory = new InformerFactory(o.client, o.clock);
    [this.nodes, this.pods, this.budgets] = SCHEDULER.watches.map((r) => this.factory.for<Obj>(r.group, r.version, r.resource)) as [Informer<Obj>, Informer<Obj>, Informer<Obj>];
    this.events = eventRecorder(o.client, o.clock, SCHEDULER_NAME, undefined, o.events !== false);
  }

  async start(signal: AbortSignal): Promise<void> {
    this.nodes.on((type, n) => {
      const name = n.metadata.name!;
      if (type === 'DELETED') this.infos.delete(name);
      else {
        const info = this.infoFor(name);
        info.node = n;
      }
      this.candidates = undefined;
      this.flushUnschedulable();
    });
    this.pods.on((type, p, old) => this.onPod(type, p, old));
    await this.factory.start();
    signal.addEventListener('abort', () => this.stop());
    this.scheduleRetry();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.factory.stop();
    this.retryTimer?.cancel();
  }

  private scheduleRetry(): void {
    this.retryTimer = this.o.clock.setTimeout(() => {
      this.flushUnschedulable();
      if (!this.stopped) this.scheduleRetry();
    }, this.o.unschedulableRetryMs ?? 60_000);
  }

  private infoFor(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) {
      info = { node: { metadata: { name } } as Obj, requested: zero(), nonZero: zero(), pods: 0, ports: new Set(), podKeys: new Set() };
      this.infos.set(name, info);
      this.candidates = undefined;
    }
    return info;
  }

  private account(key: string, p: Obj, node: string): void {
    const cur = this.assigned.get(key);
    if (cur?.node === node) return;
    if (cur) this.unaccount(key);
    const a: Assigned = { node, req: podRequests(p), nonZero: podRequests(p, true), ports: podPorts(p) };
    this.assigned.set(key, a);
    const info = this.infoFor(node);
    add(info.requested, a.req, 1);
    add(info.nonZero, a.nonZero, 1);
    info.pods++;
    for (const port of a.ports) info.ports.add(port);
    info.podKeys.add(key);
  }

  private unaccount(key: string): void {
    const a = this.assigned.get(key);
    if (!a) return;
    this.assigned.delete(key);
    const info = this.infos.get(a.node);
    if (!info) return;
    add(info.requested, a.req, -1);
    add(info.nonZero, a.nonZero, -1);
    info.pods--;
    for (const port of a.ports) info.ports.delete(port);
    info.podKeys.delete(key);
  }

  private isPending(p: Obj): boolean {
    return !p.spec?.nodeName && (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !p.metadata.deletionTimestamp && !isTerminal(p);
  }

  private onPod(type: 'ADDED' | 'MODIFIED' | 'DELETED', p: Obj, old: Obj | undefined): void {
    const key = keyOf(p);
    if (type === 'DELETED' || isTerminal(p)) {
      this.nominations.delete(key);
      const freed = this.assigned.has(key);
      this.unaccount(key);
      this.unschedulable.delete(key);
      if (freed) this.flushUnschedulable();
      return;
    }
    if (p.spec?.nodeName) {
      this.unschedulable.delete(key);
      this.nominations.delete(key);
      this.account(key, p, p.spec.nodeName);
      return;
    }
    if (!this.isPending(p)) {
      this.unschedulable.delete(key);
      return;
    }
    if (this.unschedulable.has(key)) {
      // Our own status write does not make it schedulable; a spec change might.
      if (old && JSON.stringify(old.spec) === JSON.stringify(p.spec) && JSON.stringify(old.metadata.labels) === JSON.stringify(p.metadata.labels)) return;
      this.unschedulable.delete(key);
    }
    this.enqueue(key, p.spec?.priority ?? 0);
  }

  private enqueue(key: string, priority: number): void {
    if (this.inActive.has(key) || this.binding.has(key)) return;
    this.inActive.add(key);
    let q = this.active.get(priority);
    if (!q) this.active.set(priority, (q = []));
    q.push(key);
    this.kick();
  }

  private flushUnschedulable(): void {
    if (this.flushPending || this.unschedulable.size === 0) return;
    this.flushPending = true;
    setImmediate(() => {
      this.flushPending = false;
      for (const key of [...this.unschedulable.keys()]) {
        this.unschedulable.delete(key);
        const p = this.podAt(key);
        if (p && this.isPending(p)) this.enqueue(key, p.spec?.priority ?? 0);
      }
    });
  }

  private pop(): string | undefined {
    let best: number | undefined;
    for (const [prio, q] of this.active) if (q.length && (best === undefined || prio > best)) best = prio;
    if (best === undefined) return undefined;
    const key = this.active.get(best)!.shift()!;
    this.inActive.delete(key);
    return key;
  }

  private kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    setImmediate(() => {
      try {
        let n = 0;
        for (let key = this.pop(); key !== undefined; key = this.pop()) {
          this.scheduleOne(key);
          // Yield now and then so watches and binds keep flowing.
          if (++n % 200 === 0) {
            this.running = false;
            this.kick();
            return;
          }
        }
      } finally {
        if (this.running) this.running = false;
      }
    });
  }

  private numFeasibleToFind(total: number): number {
    if (total < 100) return total;
    const pct = Math.max(5, 50 - total / 125);
    return Math.max(100, Math.floor((total * pct) / 100));
  }

  private scheduleOne(key: string): void {
    const p = this.podAt(key);
    if (!p || !this.isPending(p) || this.binding.has(key)) return;
    const req = podRequests(p);
    const nonZero = podRequests(p, true);
    const ports = podPorts(p);
    const nodes = (this.candidates ??= [...this.infos.values()].filter((n) => n.node.status));
    const antiOk = this.antiAffinityCheck(p);
    const spread = spreadRules(p, nodes, this.placedPods());
    const podRules = (info: NodeInfo) => (antiOk(info) ? spread.filter(info) : ANTI_AFFINITY_REASON);
    const want = this.numFeasibleToFind(nodes.length);
    const feasible: NodeInfo[] = [];
    const reasons = new Map<string, number>();
    let examined = 0;
    const reserved = this.reservedFor(key, p.spec?.priority ?? 0);
    for (let k = 0; k < nodes.length && feasible.length < want; k++) {
      const candidate = nodes[(this.startIndex + k) % nodes.length]!;
      const held = reserved?.get(candidate.node.metadata.name!);
      const info = held ? { ...candidate, requested: plus(candidate.requested, held.req), pods: candidate.pods + held.pods } : candidate;
      examined++;
      const why = filterNode(p, req, ports, info, podRules);
      if (why.length === 0) feasible.push(info);
      else for (const r of why) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    this.startIndex = nodes.length ? (this.startIndex + examined) % nodes.length : 0;
    if (feasible.length === 0) {
      this.unschedulable.set(key, p.metadata.uid!);
      const placedOn = (node: string) => this.placedOn(node);
      // An earlier preemption's victims still on their way out: wait for them rather than preempt more.
      const waiting = [...(this.nominations.get(key)?.victims ?? [])].some((v) => this.assigned.has(v));
      const preemption = !waiting && eligibleToPreempt(p, placedOn) ? selectVictims(p, req, ports, nodes, placedOn, podRules, this.budgetList()) : undefined;
      if (preemption) {
        this.nominations.set(key, { node: preemption.node.node.metadata.name!, victims: new Set(preemption.victims.map((v) => v.key)), priority: p.spec?.priority ?? 0, req });
        void this.preempt(p, preemption);
      }
      void this.markUnschedulable(p, nodes.length, reasons, Boolean(preemption));
      return;
    }
    let best: NodeInfo | undefined;
    let bestScore = -Infinity;
    // Preferred node affinity and PreferNoSchedule taints are normalised over the feasible nodes;
    // without either (the common case) their scores are constant and skipped.
    const preferred = Boolean(p.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length);
    const pref = preferred ? feasible.map((n) => preferredAffinityScore(p, n.node)) : undefined;
    const maxPref = pref ? Math.max(0, ...pref) : 0;
    const intolerable = intolerablePreferNoSchedule(p);
    const taints = feasible.some((n) => n.node.spec?.taints?.length) ? feasible.map((n) => intolerable(n.node)) : undefined;
    const maxTaint = taints ? Math.max(0, ...taints) : 0;
    // ScheduleAnyway spread: the node whose domains hold the fewest matching pods scores 100, the most 0.
    const penalties = feasible.map((n) => spread.penalty(n));
    const maxPenalty = Math.max(0, ...penalties);
    const spreadPenalty = (idx: number) => (maxPenalty ? (penalties[idx]! * 100) / maxPenalty : 0);
    for (let idx = 0; idx < feasible.length; idx++) {
      const info = feasible[idx]!;
      const r = resourceScores(nonZero, info);
      const affinity = maxPref ? (pref![idx]! * 100) / maxPref : 0;
      const taint = maxTaint ? 100 - (taints![idx]! * 100) / maxTaint : 100;
      const score = r.least + r.balanced + 2 * affinity + 3 * taint - 2 * spreadPenalty(idx);
      if (score > bestScore) {
        bestScore = score;
        best = info;
      }
    }
    const node = best!.node.metadata.name!;
    // Assume: account the pod now so the next decision sees it, then bind asynchronously.
    this.account(key, p, node);
    this.binding.add(key);
    void this.bind(p, key, node);
  }

  private async bind(p: Obj, key: string, node: string): Promise<void> {
    const ns = p.metadata.namespace!;
    const name = p.metadata.name!;
    try {
      await this.o.client.create({ group: '', version: 'v1', resource: 'pods', namespace: ns, name, subresource: 'binding' }, {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace: ns, uid: p.metadata.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: node },
      });
      this.bound++;
      this.events.event({ ...p, apiVersion: 'v1', kind: 'Pod' }, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`);
    } catch {
      // Forget the assumption; the pod is retried if it still waits.
      const cur = this.pods.get(ns, name);
      if (!cur?.spec?.nodeName) this.unaccount(key);
      this.o.clock.setTimeout(() => {
        const again = this.pods.get(ns, name);
        if (again && this.isPending(again)) this.enqueue(key, again.spec?.priority ?? 0);
      }, 0);
    } finally {
      this.binding.delete(key);
    }
  }

  /** The cached pod of a "namespace/name" key. */
  private podAt(key: string): Obj | undefined {
    const i = key.indexOf('/');
    return this.pods.get(key.slice(0, i), key.slice(i + 1));
  }

  /** Every placed pod with its node, read lazily. */
  private *placedPods(): Iterable<{ pod: Obj; node: string }> {
    for (const [key, a] of this.assigned) {
      const pod = this.podAt(key);
      if (pod) yield { pod, node: a.node };
    }
  }

  /** Required pod anti-affinity of the incoming pod against pods already placed. */
  private antiAffinityCheck(p: Obj): (info: NodeInfo) => boolean {
    const terms = (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as {
      labelSelector?: unknown;
      topologyKey: string;
      namespaces?: string[];
    }[];
    if (!terms.length) return () => true;
    const taken = terms.map((t) => {
      const namespaces = t.namespaces?.length ? t.namespaces : [p.metadata.namespace!];
      const values = new Set<string>();
      for (const [key, a] of this.assigned) {
        const ns = key.slice(0, key.indexOf('/'));
        if (!namespaces.includes(ns)) continue;
        const other = this.podAt(key);
        if (!other || !selectorMatches(t.labelSelector, other.metadata.labels)) continue;
        const v = this.infos.get(a.node)?.node.metadata.labels?.[t.topologyKey];
        if (v !== undefined) values.add(v);
      }
      return { key: t.topologyKey, values };
    });
    return (info) => taken.every((t) => {
      const v = info.node.metadata.labels?.[t.key];
      return v === undefined || !t.values.has(v);
    });
  }

  /**
   * Room held on nominated nodes for pods that preempted, as kube-scheduler's nominator holds it:
   * a pod of lower or equal priority does not take the space freed for a more important one.
   */
  private reservedFor(key: string, priority: number): Map<string, { req: Resources; pods: number }> | undefined {
    if (this.nominations.size === 0) return undefined;
    const out = new Map<string, { req: Resources; pods: number }>();
    for (const [k, n] of this.nominations) {
      if (k === key || n.priority < priority) continue;
      const cur = out.get(n.node) ?? { req: zero(), pods: 0 };
      out.set(n.node, { req: plus(cur.req, n.req), pods: cur.pods + 1 });
    }
    return out.size ? out : undefined;
  }

  private budgetList(): Budget[] {
    return this.budgets.list().map((b) => ({ namespace: b.metadata.namespace!, selector: b.spec?.selector ?? {}, allowed: (b.status?.disruptionsAllowed as number | undefined) ?? 0 }));
  }

  /** The pods the scheduler has placed on `node`. */
  private placedOn(node: string): Placed[] {
    const out: Placed[] = [];
    for (const key of this.infos.get(node)?.podKeys ?? []) {
      const a = this.assigned.get(key);
      const pod = this.podAt(key);
      if (a && pod) out.push({ key, pod, req: a.req, ports: a.ports });
    }
    return out;
  }

  /** Makes room for `p`: nominates the node, marks and deletes the victims (gracefully), records why. */
  private async preempt(p: Obj, { node, victims }: Preemption): Promise<void> {
    const nodeName = node.node.metadata.name!;
    const ns = p.metadata.namespace!;
    const podRef = (x: Obj) => ({ group: '', version: 'v1', resource: 'pods', namespace: x.metadata.namespace, name: x.metadata.name });
    await this.o.client.patch({ ...podRef(p), subresource: 'status' }, 'merge', { status: { nominatedNodeName: nodeName } }).catch(() => undefined);
    const t = ts(this.o.clock.now());
    await Promise.all(
      victims.map(async ({ pod: v }) => {
        await this.o.client
          .patch({ ...podRef(v), subresource: 'status' }, 'strategic', {
            status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`, lastTransitionTime: t }] },
          })
          .catch(() => undefined);
        try {
          await this.o.client.delete(podRef(v), { preconditions: { uid: v.metadata.uid } });
          this.events.event({ ...v, apiVersion: 'v1', kind: 'Pod' }, 'Normal', 'Preempted', `Preempted by ${ns}/${p.metadata.name} on node ${nodeName}`);
        } catch {
          // Gone already, or replaced: nothing to preempt.
        }
      }),
    );
  }

  private async markUnschedulable(p: Obj, total: number, reasons: Map<string, number>, preempting = false): Promise<void> {
    const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
    const resource = [...reasons.keys()].some((r) => r.startsWith('Insufficient') || r === 'Too many pods');
    const preemption = resource ? `${total} No preemption victims found for incoming pod.` : `${total} Preemption is not helpful for scheduling.`;
    const diagnosis = `0/${total} nodes are available: ${parts.join(', ')}.`;
    // With victims on their way out the pod waits for them: the message is the filters' alone, as upstream's.
    const message = total === 0 ? 'no nodes available to schedule pods' : preempting ? diagnosis : `${diagnosis} preemption: 0/${total} nodes are available: ${preemption}`;
    const cur = podCondition(p, 'PodScheduled');
    if (cur?.status === 'False' && cur.message === message) return;
    const t = ts(this.o.clock.now());
    try {
      await this.o.client.patch({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name, subresource: 'status' }, 'strategic', {
        status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: t }] },
      });
    } catch {
      return;
    }
    this.events.event({ ...p, apiVersion: 'v1', kind: 'Pod' }, 'Warning', 'FailedScheduling', message);
  }
}

function zero(): Resources {
  return { cpu: 0, memory: 0, ephemeral: 0 };
}

function add(a: Resources, b: Resources, sign: number): void {
  a.cpu += sign * b.cpu;
  a.memory += sign * b.memory;
  a.ephemeral += sign * b.ephemeral;
}
