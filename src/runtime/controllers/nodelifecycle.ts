// Node lifecycle and taint eviction (pkg/controller/nodelifecycle,
// pkg/controller/tainteviction): a node whose Lease and status stop being
// renewed for the grace period gets Ready=Unknown ("Kubelet stopped posting
// node status.") and the unreachable NoSchedule/NoExecute taints, its pods
// are marked not ready, and pods not tolerating a NoExecute taint are deleted
// — at once, or after their tolerationSeconds. A cordoned node carries the
// unschedulable taint.
import { Controller, R, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { WorkQueue } from '../kit/queue.js';
import { clone, isTerminal, ts, type Condition, type Obj } from '../kit/objects.js';
import { tolerates, type Taint, type Toleration } from '../kit/placement.js';

export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export interface NodeLifecycleOptions {
  /** Without a heartbeat for this long a node is Unknown (default 40 s). */
  readonly gracePeriodMs?: number;
  /** How often nodes are checked (default 5 s). */
  readonly monitorPeriodMs?: number;
}

const DEFINITION: ControllerDefinition = { name: 'node-controller', watches: [R.nodes, R.leases, R.pods], owns: [R.nodes, R.pods], workers: 4 };

export class NodeLifecycleController extends Controller {
  private readonly nodes: Informer<Obj>;
  private readonly leases: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly evictions: WorkQueue;
  private readonly grace: number;
  private readonly period: number;
  private stopped = false;

  constructor(
    ctx: ControllerContext,
    o: NodeLifecycleOptions = {},
  ) {
    super(ctx, DEFINITION);
    this.nodes = this.informer(R.nodes);
    this.leases = this.informer(R.leases);
    this.pods = this.informer(R.pods);
    this.grace = o.gracePeriodMs ?? 40_000;
    this.period = o.monitorPeriodMs ?? 5_000;
    this.evictions = new WorkQueue(ctx.clock, (k) => this.syncPod(k), 8);
  }

  protected watch(signal: AbortSignal): void {
    this.nodes.on((_t, n) => {
      this.queue.add(n.metadata.name!);
      for (const p of this.pods.list()) if (p.spec?.nodeName === n.metadata.name) this.evictions.add(keyOf(p));
    });
    this.pods.on((type, p) => {
      if (type !== 'DELETED' && p.spec?.nodeName) this.evictions.add(keyOf(p));
    });
    const tick = () => {
      if (this.stopped) return;
      for (const n of this.nodes.list()) this.queue.add(n.metadata.name!);
      this.ctx.clock.setTimeout(tick, this.period);
    };
    this.ctx.clock.setTimeout(tick, this.period);
    signal.addEventListener('abort', () => {
      this.stopped = true;
      this.queue.stop();
      this.evictions.stop();
    });
  }

  private lastHeartbeat(n: Obj): number {
    const lease = this.leases.get('kube-node-lease', n.metadata.name!);
    const renew = Date.parse(lease?.spec?.renewTime ?? '') || 0;
    const ready = (n.status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready') as (Condition & { lastHeartbeatTime?: string }) | undefined;
    const hb = Date.parse(ready?.lastHeartbeatTime ?? '') || 0;
    return Math.max(renew, hb, Date.parse(n.metadata.creationTimestamp ?? '') || 0);
  }

  protected async sync(name: string): Promise<void> {
    const n = this.nodes.get(undefined, name);
    if (!n || !n.status) return;
    const now = this.ctx.clock.now();
    const conds = clone((n.status.conditions ?? []) as (Condition & { lastHeartbeatTime?: string })[]);
    let ready = conds.find((c) => c.type === 'Ready');
    if (!ready) return; // never posted status yet
    if (now.getTime() - this.lastHeartbeat(n) > this.grace && ready.status !== 'Unknown') {
      const t = ts(now);
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        const c = conds.find((x) => x.type === type);
        if (!c) continue;
        Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t });
      }
      await this.ctx.client.patch({ group: '', version: 'v1', resource: 'nodes', name, subresource: 'status' }, 'merge', { status: { conditions: conds } });
      this.events.event({ ...n, apiVersion: 'v1', kind: 'Node', metadata: { ...n.metadata, namespace: 'default' } }, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      await this.markPodsNotReady(name);
      ready = conds.find((c) => c.type === 'Ready')!;
    }
    // Taints follow the Ready condition and spec.unschedulable.
    const want: Taint[] = [];
    if (ready.status === 'Unknown') want.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
    else if (ready.status === 'False') want.push({ key: NOT_READY, effect: 'NoSchedule' }, { key: NOT_READY, effect: 'NoExecute' });
    if (n.spec?.unschedulable) want.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
    const managed = new Set([UNREACHABLE, NOT_READY, UNSCHEDULABLE]);
    const cur = (n.spec?.taints ?? []) as (Taint & { timeAdded?: string })[];
    const next = cur.filter((t) => !managed.has(t.key) || want.some((w) => w.key === t.key && w.effect === t.effect));
    for (const w of want) {
      if (!next.some((t) => t.key === w.key && t.effect === w.effect)) next.push(w.effect === 'NoExecute' ? { ...w, timeAdded: ts(now) } : w);
    }
    if (JSON.stringify(next) !== JSON.stringify(cur)) {
      await this.ctx.client.patch({ group: '', version: 'v1', resource: 'nodes', name }, 'json', [
        { op: 'test', path: '/metadata/resourceVersion', value: n.metadata.resourceVersion },
        next.length ? { op: 'add', path: '/spec/taints', value: next } : { op: 'remove', path: '/spec/taints' },
      ]);
    }
  }

  private async markPodsNotReady(node: string): Promise<void> {
    const t = ts(this.ctx.clock.now());
    for (const p of this.pods.list()) {
      if (p.spec?.nodeName !== node || isTerminal(p)) continue;
      const conds = clone((p.status?.conditions ?? []) as Condition[]);
      const r = conds.find((c) => c.type === 'Ready');
      if (!r || r.status === 'False') continue;
      Object.assign(r, { status: 'False', lastTransitionTime: t });
      await this.ctx.client
        .patch({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name, subresource: 'status' }, 'merge', { status: { conditions: conds } })
        .catch(() => undefined);
    }
  }

  /** Taint eviction of one pod. */
  private async syncPod(key: string): Promise<void> {
    const i = key.indexOf('/');
    const p = this.pods.get(key.slice(0, i), key.slice(i + 1));
    if (!p || p.metadata.deletionTimestamp || isTerminal(p) || !p.spec?.nodeName) return;
    const n = this.nodes.get(undefined, p.spec.nodeName);
    const taints = ((n?.spec?.taints ?? []) as (Taint & { timeAdded?: string })[]).filter((t) => t.effect === 'NoExecute');
    if (!taints.length) return;
    const tols = (p.spec?.tolerations ?? []) as Toleration[];
    const now = this.ctx.clock.now().getTime();
    let deadline = Infinity;
    for (const t of taints) {
      const matching = tols.filter((tol) => tolerates([tol], t));
      if (!matching.length) {
        deadline = now;
        break;
      }
      const secs = Math.min(...matching.map((m) => (m.tolerationSeconds === undefined ? Infinity : Math.max(0, m.tolerationSeconds))));
      if (Number.isFinite(secs)) deadline = Math.min(deadline, (Date.parse(t.timeAdded ?? '') || now) + secs * 1000);
    }
    if (!Number.isFinite(deadline)) return;
    if (deadline > now) {
      this.evictions.addAfter(key, deadline - now);
      return;
    }
    this.events.event({ ...p, apiVersion: 'v1', kind: 'Pod' }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    await this.ctx.client
      .delete({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name }, { preconditions: { uid: p.metadata.uid } })
      .catch(() => undefined);
  }
}
