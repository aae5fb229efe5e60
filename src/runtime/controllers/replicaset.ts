// ReplicaSet and ReplicationController (pkg/controller/replicaset): keep
// spec.replicas active pods matching the selector, adopting orphans and
// releasing pods that stopped matching; create in slow-start batches, delete
// the least valuable pods first; report replicas/ready/available counts.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { Expectations } from '../kit/expectations.js';
import { keyOf, type Informer } from '../kit/informer.js';
import {
  controllerRef,
  deepEqual,
  isActive,
  isPodAvailable,
  isPodReady,
  mapSelectorMatches,
  ownerRefFor,
  podCondition,
  podPhase,
  selectorMatches,
  type Obj,
} from '../kit/objects.js';

export interface ReplicaKind {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly component: string;
  matches(owner: Obj, labels: Record<string, string> | undefined): boolean;
}

export const REPLICASET: ReplicaKind = {
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  matches: (o, l) => selectorMatches(o.spec?.selector, l),
};

export const REPLICATION_CONTROLLER: ReplicaKind = {
  group: '',
  version: 'v1',
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  component: 'replication-controller',
  matches: (o, l) => mapSelectorMatches(o.spec?.selector ?? o.spec?.template?.metadata?.labels, l),
};

const BURST = 500;

/** Orders pods so the first are the best to delete (controller.ActivePods, reversed for deletion). */
export function deletionRank(a: Obj, b: Obj): number {
  const assigned = (p: Obj) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Obj) => ({ Pending: 0, Unknown: 1, Running: 2 })[podPhase(p)] ?? 2;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Obj) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const since = (p: Obj) => Date.parse(podCondition(p, 'Ready')?.lastTransitionTime ?? '') || 0;
  if (ready(a) && since(a) !== since(b)) return since(b) - since(a);
  const restarts = (p: Obj) => ((p.status?.containerStatuses ?? []) as { restartCount?: number }[]).reduce((s, c) => s + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return (Date.parse(b.metadata.creationTimestamp ?? '') || 0) - (Date.parse(a.metadata.creationTimestamp ?? '') || 0);
}

export class ReplicaSetController extends Controller {
  private readonly owners: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly exp = new Expectations();

  constructor(
    ctx: ControllerContext,
    private readonly k: ReplicaKind = REPLICASET,
  ) {
    super(ctx, { name: k.component, watches: [k, R.pods], owns: [R.pods, k], workers: 8 });
    this.owners = this.informer(k);
    this.pods = this.informer(R.pods);
  }

  protected watch(): void {
    this.owners.on((_t, o) => this.queue.add(keyOf(o)));
    this.pods.on((type, p, old) => {
      const ref = controllerRef(p) ?? (old ? controllerRef(old) : undefined);
      if (ref && ref.kind === this.k.kind) {
        const key = `${p.metadata.namespace}/${ref.name}`;
        if (type === 'ADDED') this.exp.observeAdd(key);
        if (type === 'DELETED' && !old?.metadata.deletionTimestamp) this.exp.observeDel(key);
        if (type === 'MODIFIED' && p.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) this.exp.observeDel(key);
        this.queue.add(key);
        return;
      }
      if (!ref && type !== 'DELETED' && isActive(p)) {
        // An orphan: whoever selects it may adopt it.
        for (const o of this.owners.list(p.metadata.namespace)) if (this.k.matches(o, p.metadata.labels)) this.queue.add(keyOf(o));
      }
    });
  }

  private apiVersion(): string {
    return this.k.group ? `${this.k.group}/${this.k.version}` : this.k.version;
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const rs = this.owners.get(ns, name);
    if (!rs) {
      this.exp.forget(key);
      return;
    }
    const uid = rs.metadata.uid!;
    const owned: Obj[] = [];
    for (const p of this.pods.list(ns)) {
      const ref = controllerRef(p);
      if (ref?.uid === uid) {
        if (!this.k.matches(rs, p.metadata.labels) && !rs.metadata.deletionTimestamp) {
          await this.release(p, uid);
          continue;
        }
        owned.push(p);
      } else if (!ref && isActive(p) && !rs.metadata.deletionTimestamp && this.k.matches(rs, p.metadata.labels)) {
        if (await this.adopt(rs, p)) owned.push(p);
      }
    }
    const active = owned.filter(isActive);
    if (this.exp.satisfied(key) && !rs.metadata.deletionTimestamp) {
      const want = rs.spec?.replicas ?? 1;
      const diff = active.length - want;
      if (diff < 0) await this.createPods(rs, key, Math.min(-diff, BURST));
      else if (diff > 0) await this.deletePods(rs, key, [...active].sort(deletionRank).slice(0, Math.min(diff, BURST)));
    }
    await this.updateStatus(rs, owned, active);
  }

  private async adopt(rs: Obj, p: Obj): Promise<boolean> {
    try {
      await this.ctx.client.patch({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name }, 'strategic', {
        metadata: { ownerReferences: [ownerRefFor(rs, this.apiVersion(), this.k.kind)], uid: p.metadata.uid },
      });
      return true;
    } catch {
      return false;
    }
  }

  private async release(p: Obj, uid: string): Promise<void> {
    await this.ctx.client
      .patch({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name }, 'strategic', {
        metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: p.metadata.uid },
      })
      .catch(() => undefined);
  }

  private podFor(rs: Obj): object {
    const t = rs.spec?.template ?? {};
    const labels = t.metadata?.labels ?? {};
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels,
        ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
        ...(t.metadata?.finalizers ? { finalizers: t.metadata.finalizers } : {}),
        ownerReferences: [ownerRefFor(rs, this.apiVersion(), this.k.kind)],
      },
      spec: t.spec,
    };
  }

  private async createPods(rs: Obj, key: string, n: number): Promise<void> {
    this.exp.expect(key, n, 0);
    const body = this.podFor(rs);
    let remaining = n;
    let batch = 1;
    let failure: unknown;
    while (remaining > 0) {
      const size = Math.min(batch, remaining);
      const results = await Promise.allSettled(
        Array.from({ length: size }, () => this.ctx.client.create({ group: '', version: 'v1', resource: 'pods', namespace: rs.metadata.namespace }, body)),
      );
      remaining -= size;
      let failed = 0;
      for (const r of results) {
        if (r.status === 'fulfilled') this.events.event(this.asObj(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name}`);
        else {
          failed++;
          failure = r.reason;
          this.exp.observeAdd(key);
        }
      }
      if (failed) {
        // Slow start: stop at the first error; the skipped creates are not expected any more.
        for (let i = 0; i < remaining; i++) this.exp.observeAdd(key);
        const msg = (failure as Error)?.message ?? String(failure);
        this.events.event(this.asObj(rs), 'Warning', 'FailedCreate', `Error creating: ${msg}`);
        throw failure;
      }
      batch *= 2;
    }
  }

  private async deletePods(rs: Obj, key: string, victims: Obj[]): Promise<void> {
    this.exp.expect(key, 0, victims.length);
    await Promise.all(
      victims.map(async (p) => {
        try {
          await this.ctx.client.delete({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name }, { preconditions: { uid: p.metadata.uid } });
          this.events.event(this.asObj(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        } catch (err) {
          this.exp.observeDel(key);
          if ((err as { code?: number }).code !== 404) throw err;
        }
      }),
    );
  }

  private asObj(rs: Obj): KubeObject {
    return { ...rs, apiVersion: this.apiVersion(), kind: this.k.kind };
  }

  private async updateStatus(rs: Obj, owned: Obj[], active: Obj[]): Promise<void> {
    const now = this.ctx.clock.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const tl = rs.spec?.template?.metadata?.labels ?? {};
    let ready = 0;
    let available = 0;
    let labeled = 0;
    let nextCheck = Infinity;
    for (const p of active) {
      if (Object.entries(tl).every(([k, v]) => p.metadata.labels?.[k] === v)) labeled++;
      if (isPodReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
        else {
          const since = Date.parse(podCondition(p, 'Ready')?.lastTransitionTime ?? '') || now.getTime();
          nextCheck = Math.min(nextCheck, since + minReady * 1000 - now.getTime());
        }
      }
    }
    void owned;
    const status: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: labeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const conds = (rs.status?.conditions ?? []) as unknown[];
    if (conds.length) status.conditions = conds;
    const cur = { ...(rs.status ?? {}) };
    for (const k of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) cur[k] ??= 0;
    if (Number.isFinite(nextCheck)) this.queue.addAfter(keyOf(rs), Math.max(1, nextCheck + 1));
    if (deepEqual(cur, status)) return;
    await this.ctx.client.patch(
      { group: this.k.group, version: this.k.version, resource: this.k.resource, namespace: rs.metadata.namespace, name: rs.metadata.name, subresource: 'status' },
      'merge',
      { status },
    );
  }
}
