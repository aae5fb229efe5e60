// DaemonSets (pkg/controller/daemon): one pod per node that passes the pod's
// node selector/affinity and taints (with the automatic DaemonSet
// tolerations), pinned by required node affinity on metadata.name and placed
// by the scheduler; RollingUpdate replaces at most maxUnavailable old pods at
// a time; ControllerRevisions as for StatefulSets.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { ensureRevision } from './revisions.js';
import { clone, controllerRef, deepEqual, intOrPercent, isActive, isPodReady, ownerRefFor, type Obj } from '../kit/objects.js';
import { nodeAffinityMatches, tolerates, type Taint, type Toleration } from '../kit/placement.js';

const AUTO_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

const DEFINITION: ControllerDefinition = { name: 'daemonset-controller', watches: [R.daemonsets, R.nodes, R.pods, R.controllerrevisions], owns: [R.pods, R.controllerrevisions, R.daemonsets], workers: 4 };

export class DaemonSetController extends Controller {
  private readonly sets: Informer<Obj>;
  private readonly nodes: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly revs: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.sets = this.informer(R.daemonsets);
    this.nodes = this.informer(R.nodes);
    this.pods = this.informer(R.pods);
    this.revs = this.informer(R.controllerrevisions);
  }

  protected watch(): void {
    this.sets.on((_t, s) => this.queue.add(keyOf(s)));
    this.nodes.on(() => {
      for (const s of this.sets.list()) this.queue.add(keyOf(s));
    });
    this.pods.on((_t, p) => {
      const ref = controllerRef(p);
      if (ref?.kind === 'DaemonSet') this.queue.add(`${p.metadata.namespace}/${ref.name}`);
    });
  }

  private obj(s: Obj): KubeObject {
    return { ...s, apiVersion: 'apps/v1', kind: 'DaemonSet' };
  }

  private tolerations(ds: Obj): Toleration[] {
    const own = (ds.spec?.template?.spec?.tolerations ?? []) as Toleration[];
    const extra = AUTO_TOLERATIONS.filter((a) => !own.some((t) => t.key === a.key && t.effect === a.effect));
    return [...own, ...extra];
  }

  private eligible(ds: Obj, n: Obj): boolean {
    const pod = { metadata: {}, spec: ds.spec?.template?.spec ?? {} } as Obj;
    if (!nodeAffinityMatches(pod, n)) return false;
    const tols = this.tolerations(ds);
    return ((n.spec?.taints ?? []) as Taint[]).every((t) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerates(tols, t));
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const ds = this.sets.get(ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const { update } = await ensureRevision(this.ctx.client, this.revs, ds, 'apps/v1', 'DaemonSet');
    const hash = update.metadata.name!.slice(ds.metadata.name!.length + 1);
    const pods = this.pods.list(ns).filter((p) => controllerRef(p)?.uid === ds.metadata.uid && isActive(p));
    const byNode = new Map<string, Obj[]>();
    for (const p of pods) {
      const node = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] ?? p.spec?.nodeName;
      if (!node) continue;
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    const nodes = this.nodes.list().filter((n) => n.status);
    const eligible = nodes.filter((n) => this.eligible(ds, n));
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name!));
    const toDelete: Obj[] = [];
    for (const [node, ps] of byNode) {
      if (!eligibleNames.has(node)) toDelete.push(...ps);
      else if (ps.length > 1) toDelete.push(...ps.slice(1));
    }
    const missing = eligible.filter((n) => !byNode.has(n.metadata.name!));
    // Rolling update: replace old pods while at most maxUnavailable are unavailable.
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const maxUnavailable = intOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, eligible.length, true, 1) || 1;
      let unavailable = missing.length + eligible.filter((n) => (byNode.get(n.metadata.name!) ?? []).some((p) => !isPodReady(p))).length;
      for (const n of eligible) {
        const p = byNode.get(n.metadata.name!)?.[0];
        if (!p || p.metadata.labels?.['controller-revision-hash'] === hash) continue;
        if (!isPodReady(p)) toDelete.push(p);
        else if (unavailable < maxUnavailable) {
          toDelete.push(p);
          unavailable++;
        }
      }
    }
    for (const p of toDelete) {
      await this.ctx.client.delete({ group: '', version: 'v1', resource: 'pods', namespace: ns, name: p.metadata.name }, { preconditions: { uid: p.metadata.uid } }).catch(() => undefined);
      this.events.event(this.obj(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
    }
    for (const n of missing) await this.createPod(ds, n.metadata.name!, hash);
    await this.writeStatus(ds, eligible, byNode, hash, nodes.length);
  }

  private async createPod(ds: Obj, node: string, hash: string): Promise<void> {
    const t = clone(ds.spec?.template ?? {});
    const spec = t.spec ?? {};
    spec.tolerations = this.tolerations(ds);
    spec.affinity = { ...(spec.affinity ?? {}), nodeAffinity: { ...(spec.affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } };
    try {
      const p = await this.ctx.client.create({ group: '', version: 'v1', resource: 'pods', namespace: ds.metadata.namespace }, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${ds.metadata.name}-`,
          labels: { ...(t.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
          ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
          ownerReferences: [ownerRefFor(ds, 'apps/v1', 'DaemonSet')],
        },
        spec,
      });
      this.events.event(this.obj(ds), 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
    } catch (err) {
      this.events.event(this.obj(ds), 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
    }
  }

  private async writeStatus(ds: Obj, eligible: Obj[], byNode: Map<string, Obj[]>, hash: string, _total: number): Promise<void> {
    const names = new Set(eligible.map((n) => n.metadata.name!));
    let current = 0;
    let mis = 0;
    let ready = 0;
    let updated = 0;
    for (const [node, ps] of byNode) {
      if (!names.has(node)) {
        mis++;
        continue;
      }
      current++;
      const p = ps[0]!;
      if (isPodReady(p)) ready++;
      if (p.metadata.labels?.['controller-revision-hash'] === hash) updated++;
    }
    const status = {
      observedGeneration: ds.metadata.generation ?? 1,
      desiredNumberScheduled: eligible.length,
      currentNumberScheduled: current,
      numberMisscheduled: mis,
      numberReady: ready,
      updatedNumberScheduled: updated,
      numberAvailable: ready,
      numberUnavailable: Math.max(0, eligible.length - ready),
    };
    const cur = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0, ...(ds.status ?? {}) };
    if (deepEqual(cur, status)) return;
    await this.ctx.client.patch({ group: 'apps', version: 'v1', resource: 'daemonsets', namespace: ds.metadata.namespace, name: ds.metadata.name, subresource: 'status' }, 'merge', { status });
  }
}
