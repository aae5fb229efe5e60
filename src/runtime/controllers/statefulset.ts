// StatefulSets (pkg/controller/statefulset): pods <sts>-<ordinal> with stable
// identity, PVCs from volumeClaimTemplates created first, OrderedReady
// (one at a time, in order, scale down from the top) or Parallel management,
// ControllerRevisions for templates, RollingUpdate from the highest ordinal
// down to the partition (waiting for each replacement to be Running and
// Ready), OnDelete, currentRevision/updateRevision.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { ensureRevision, templateOfRevision } from './revisions.js';
import { clone, controllerRef, deepEqual, isPodReady, isTerminal, ownerRefFor, podPhase, type Obj } from '../kit/objects.js';

const REV_LABEL = 'controller-revision-hash';

function ordinalOf(sts: Obj, p: Obj): number {
  const prefix = `${sts.metadata.name}-`;
  const n = p.metadata.name!;
  if (!n.startsWith(prefix)) return -1;
  const s = n.slice(prefix.length);
  return /^\d+$/.test(s) ? Number(s) : -1;
}

const runningReady = (p: Obj) => podPhase(p) === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

const DEFINITION: ControllerDefinition = { name: 'statefulset-controller', watches: [R.statefulsets, R.pods, R.controllerrevisions, R.persistentvolumeclaims], owns: [R.pods, R.persistentvolumeclaims, R.controllerrevisions, R.statefulsets], workers: 4 };

export class StatefulSetController extends Controller {
  private readonly sets: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly revs: Informer<Obj>;
  private readonly pvcs: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.sets = this.informer(R.statefulsets);
    this.pods = this.informer(R.pods);
    this.revs = this.informer(R.controllerrevisions);
    this.pvcs = this.informer(R.persistentvolumeclaims);
  }

  protected watch(): void {
    this.sets.on((_t, s) => this.queue.add(keyOf(s)));
    this.pods.on((_t, p) => {
      const ref = controllerRef(p);
      if (ref?.kind === 'StatefulSet') this.queue.add(`${p.metadata.namespace}/${ref.name}`);
    });
  }

  private obj(s: Obj): KubeObject {
    return { ...s, apiVersion: 'apps/v1', kind: 'StatefulSet' };
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const sts = this.sets.get(ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const { update, all } = await ensureRevision(this.ctx.client, this.revs, sts, 'apps/v1', 'StatefulSet');
    const updateRev = update.metadata.name!;
    const currentRev = sts.status?.currentRevision && all.some((r) => r.metadata.name === sts.status.currentRevision) ? sts.status.currentRevision : updateRev;
    const currentCR = all.find((r) => r.metadata.name === currentRev) ?? update;
    const replicas = sts.spec?.replicas ?? 1;
    const parallel = sts.spec?.podManagementPolicy === 'Parallel';
    const strategy = sts.spec?.updateStrategy?.type ?? 'RollingUpdate';
    const partition = strategy === 'RollingUpdate' ? (sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
    const pods = this.pods.list(ns).filter((p) => controllerRef(p)?.uid === sts.metadata.uid && ordinalOf(sts, p) >= 0);
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(sts, p), p]));
    const status = () => this.writeStatus(sts, pods, updateRev, currentRev, replicas);

    // Failed pods are replaced.
    for (const p of pods) {
      if (podPhase(p) === 'Failed' && !p.metadata.deletionTimestamp) {
        await this.deletePod(sts, p);
        return status();
      }
    }
    // Create missing ordinals below replicas.
    for (let i = 0; i < replicas; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        const cr = strategy === 'RollingUpdate' && i < partition ? currentCR : strategy === 'OnDelete' && currentRev !== updateRev ? currentCR : update;
        await this.createPod(sts, i, cr);
        if (!parallel) return status();
        continue;
      }
      if (!parallel && !runningReady(p)) return status(); // OrderedReady: wait for this one
    }
    // Scale down from the highest ordinal.
    const excess = pods.filter((p) => ordinalOf(sts, p) >= replicas && !p.metadata.deletionTimestamp).sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
    if (excess.length) {
      if (parallel) for (const p of excess) await this.deletePod(sts, p);
      else if (pods.every((p) => ordinalOf(sts, p) >= replicas || runningReady(p))) await this.deletePod(sts, excess[0]!);
      return status();
    }
    if (pods.some((p) => p.metadata.deletionTimestamp)) return status();
    // RollingUpdate: highest ordinal first, down to the partition, one at a time.
    if (strategy === 'RollingUpdate') {
      for (let i = replicas - 1; i >= partition; i--) {
        const p = byOrdinal.get(i);
        if (!p) break;
        if (p.metadata.labels?.[REV_LABEL] !== updateRev) {
          if (pods.filter((x) => ordinalOf(sts, x) < replicas).every(runningReady)) await this.deletePod(sts, p);
          break;
        }
        if (!runningReady(p)) break;
      }
    }
    return status();
  }

  private async createPod(sts: Obj, i: number, cr: Obj): Promise<void> {
    const ns = sts.metadata.namespace!;
    const name = `${sts.metadata.name}-${i}`;
    const t = clone(templateOfRevision(cr) as any);
    const spec = t.spec ?? {};
    spec.hostname = name;
    if (sts.spec?.serviceName) spec.subdomain = sts.spec.serviceName;
    spec.volumes = [...(spec.volumes ?? [])];
    for (const vct of sts.spec?.volumeClaimTemplates ?? []) {
      const claim = `${vct.metadata.name}-${name}`;
      if (!this.pvcs.get(ns, claim)) {
        try {
          await this.ctx.client.create({ group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: ns }, {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: claim, namespace: ns, labels: { ...(sts.spec?.selector?.matchLabels ?? {}), ...(vct.metadata.labels ?? {}) } },
            spec: vct.spec,
          });
          this.events.event(this.obj(sts), 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${name} in StatefulSet ${sts.metadata.name} success`);
        } catch (err) {
          if ((err as { code?: number }).code !== 409) throw err;
        }
      }
      spec.volumes = spec.volumes.filter((v: any) => v.name !== vct.metadata.name);
      spec.volumes.push({ name: vct.metadata.name, persistentVolumeClaim: { claimName: claim } });
    }
    if (!spec.volumes.length) delete spec.volumes;
    try {
      await this.ctx.client.create({ group: '', version: 'v1', resource: 'pods', namespace: ns }, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: ns,
          labels: { ...(t.metadata?.labels ?? {}), [REV_LABEL]: cr.metadata.name, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) },
          ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
          ownerReferences: [ownerRefFor(sts, 'apps/v1', 'StatefulSet')],
        },
        spec,
      });
      this.events.event(this.obj(sts), 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`);
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
  }

  private async deletePod(sts: Obj, p: Obj): Promise<void> {
    await this.ctx.client
      .delete({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name }, { preconditions: { uid: p.metadata.uid } })
      .catch(() => undefined);
    this.events.event(this.obj(sts), 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
  }

  private async writeStatus(sts: Obj, pods: Obj[], updateRev: string, currentRev: string, replicas: number): Promise<void> {
    const live = pods.filter((p) => !isTerminal(p));
    const ready = live.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
    const updated = live.filter((p) => p.metadata.labels?.[REV_LABEL] === updateRev && !p.metadata.deletionTimestamp).length;
    let current = live.filter((p) => p.metadata.labels?.[REV_LABEL] === currentRev && !p.metadata.deletionTimestamp).length;
    // The rollout is done once every replica runs the update revision.
    if (updated === replicas && ready.length === replicas && live.length === replicas) {
      currentRev = updateRev;
      current = updated;
    }
    const status: Record<string, unknown> = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: ready.length,
      currentReplicas: current,
      updatedReplicas: updated,
      availableReplicas: ready.length,
      currentRevision: currentRev,
      updateRevision: updateRev,
      collisionCount: sts.status?.collisionCount ?? 0,
    };
    const cur: Record<string, unknown> = { replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, availableReplicas: 0, collisionCount: 0, ...(sts.status ?? {}) };
    if (deepEqual(cur, status)) return;
    await this.ctx.client.patch({ group: 'apps', version: 'v1', resource: 'statefulsets', namespace: sts.metadata.namespace, name: sts.metadata.name, subresource: 'status' }, 'merge', { status });
  }
}
