// Deployments (pkg/controller/deployment): one ReplicaSet per pod template
// (name <deploy>-<pod-template-hash>), rolled with RollingUpdate
// (maxSurge/maxUnavailable fenceposts) or Recreate; revision annotations so
// `kubectl rollout history|undo` work; proportional scaling mid-rollout;
// Progressing/Available conditions with upstream reasons; old ReplicaSets
// pruned beyond revisionHistoryLimit.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { clone, controllerRef, deepEqual, intOrPercent, isActive, ownerRefFor, selectorMatches, templateHash, ts, type Condition, type Obj } from '../kit/objects.js';

/** DeploymentStatus counters Go omits when zero (`json:",omitempty"`). */
const OMITEMPTY_COUNTERS = ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const;

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const HASH = 'pod-template-hash';
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** maxSurge rounds up, maxUnavailable down; both 0 ⇒ maxUnavailable 1 (ResolveFenceposts). */
export function resolveFenceposts(d: Obj): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = intOrPercent(ru.maxSurge, replicas, true, '25%');
  let unavailable = intOrPercent(ru.maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

function templateWithoutHash(t: any): any {
  const c = clone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels[HASH];
  return c;
}

function revisionOf(rs: Obj): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

const specReplicas = (rs: Obj): number => rs.spec?.replicas ?? 0;
const sum = (rss: Obj[], f: (r: Obj) => number) => rss.reduce((s, r) => s + f(r), 0);

const DEFINITION: ControllerDefinition = { name: 'deployment-controller', watches: [R.deployments, R.replicasets, R.pods], owns: [R.replicasets, R.deployments], workers: 8 };

export class DeploymentController extends Controller {
  private readonly deployments: Informer<Obj>;
  private readonly replicasets: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  /** ReplicaSet names this controller just wrote, awaiting their watch event (cache lag guard). */
  private readonly pendingRS = new Map<string, Obj>();

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.deployments = this.informer(R.deployments);
    this.replicasets = this.informer(R.replicasets);
    this.pods = this.informer(R.pods);
  }

  protected watch(): void {
    this.deployments.on((_t, d) => this.queue.add(keyOf(d)));
    this.replicasets.on((_t, rs) => {
      const pending = this.pendingRS.get(keyOf(rs));
      if (pending && Number(pending.metadata.resourceVersion) <= Number(rs.metadata.resourceVersion)) this.pendingRS.delete(keyOf(rs));
      const ref = controllerRef(rs);
      if (ref?.kind === 'Deployment') this.queue.add(`${rs.metadata.namespace}/${ref.name}`);
      else if (!ref) for (const d of this.deployments.list(rs.metadata.namespace)) if (selectorMatches(d.spec?.selector, rs.metadata.labels)) this.queue.add(keyOf(d));
    });
    // Recreate waits for old pods to be gone.
    this.pods.on((type, p) => {
      if (type !== 'DELETED') return;
      const rsRef = controllerRef(p);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = this.replicasets.get(p.metadata.namespace, rsRef.name);
      const dRef = rs ? controllerRef(rs) : undefined;
      if (dRef?.kind === 'Deployment') {
        const d = this.deployments.get(p.metadata.namespace, dRef.name);
        if (d?.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
      }
    });
  }

  private dObj(d: Obj): KubeObject {
    return { ...d, apiVersion: 'apps/v1', kind: 'Deployment' };
  }

  private rsRef(ns: string, name?: string) {
    return { group: 'apps', version: 'v1', resource: 'replicasets', namespace: ns, name };
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const d = this.deployments.get(ns, name);
    if (!d) return;
    const rsList = await this.ownedReplicaSets(d);
    if (d.metadata.deletionTimestamp) {
      await this.syncStatus(d, rsList, undefined);
      return;
    }
    const template = d.spec?.template;
    const matching = rsList.filter((rs) => deepEqual(templateWithoutHash(rs.spec?.template), templateWithoutHash(template)));
    matching.sort((a, b) => (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0));
    let newRS = matching[0];
    const oldRSs = rsList.filter((rs) => rs !== newRS);

    if (d.spec?.paused || this.isScalingEvent(d, rsList)) {
      if (newRS) newRS = await this.syncNewAnnotations(d, newRS, oldRSs);
      await this.scale(d, newRS, oldRSs);
      if (d.spec?.paused && !newRS) {
        // Paused before the new template got a ReplicaSet: nothing rolls.
      }
      await this.syncStatus(d, [...(newRS ? [newRS] : []), ...oldRSs], newRS);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') await this.recreate(d, newRS, oldRSs);
    else await this.rolling(d, newRS, oldRSs);
  }

  private async ownedReplicaSets(d: Obj): Promise<Obj[]> {
    const out: Obj[] = [];
    for (const rs of this.replicasets.list(d.metadata.namespace)) {
      const ref = controllerRef(rs);
      if (ref?.uid === d.metadata.uid) out.push(rs);
      else if (!ref && !d.metadata.deletionTimestamp && selectorMatches(d.spec?.selector, rs.metadata.labels)) {
        try {
          const adopted = await this.ctx.client.patch<Obj>(this.rsRef(d.metadata.namespace!, rs.metadata.name), 'strategic', {
            metadata: { ownerReferences: [ownerRefFor(d, 'apps/v1', 'Deployment')], uid: rs.metadata.uid },
          });
          out.push(adopted);
        } catch {
          // Someone else changed it; the next sync sees the result.
        }
      }
    }
    for (const [k, rs] of this.pendingRS) {
      if (k.startsWith(`${d.metadata.namespace}/`) && controllerRef(rs)?.uid === d.metadata.uid && !out.some((o) => o.metadata.name === rs.metadata.name)) out.push(rs);
    }
    return out.map((rs) => {
      const pending = this.pendingRS.get(keyOf(rs));
      return pending && Number(pending.metadata.resourceVersion) > Number(rs.metadata.resourceVersion) ? pending : rs;
    });
  }

  private isScalingEvent(d: Obj, rsList: Obj[]): boolean {
    const replicas = d.spec?.replicas ?? 1;
    return rsList.some((rs) => specReplicas(rs) > 0 && rs.metadata.annotations?.[DESIRED] !== undefined && Number(rs.metadata.annotations[DESIRED]) !== replicas);
  }

  /** Writes a ReplicaSet's replicas and annotations; records ScalingReplicaSet. */
  private async scaleRS(d: Obj, rs: Obj, replicas: number): Promise<Obj> {
    const { surge } = resolveFenceposts(d);
    const want = d.spec?.replicas ?? 1;
    const ann = { [DESIRED]: String(want), [MAX_REPLICAS]: String(want + surge) };
    const from = specReplicas(rs);
    if (from === replicas && rs.metadata.annotations?.[DESIRED] === ann[DESIRED] && rs.metadata.annotations?.[MAX_REPLICAS] === ann[MAX_REPLICAS]) return rs;
    const updated = await this.ctx.client.patch<Obj>(this.rsRef(rs.metadata.namespace!, rs.metadata.name), 'merge', {
      metadata: { annotations: ann, resourceVersion: rs.metadata.resourceVersion },
      spec: { replicas },
    });
    this.pendingRS.set(keyOf(updated), updated);
    if (from !== replicas) {
      this.events.event(this.dObj(d), 'Normal', 'ScalingReplicaSet', `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${replicas}`);
    }
    return updated;
  }

  private maxRevision(rss: Obj[]): number {
    return Math.max(0, ...rss.map(revisionOf));
  }

  private copiedAnnotations(d: Obj): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) out[k] = v;
    return out;
  }

  /** Keeps the new ReplicaSet's revision (max+1) and copied annotations current. */
  private async syncNewAnnotations(d: Obj, rs: Obj, oldRSs: Obj[]): Promise<Obj> {
    const maxOld = this.maxRevision(oldRSs);
    const cur = revisionOf(rs);
    const ann: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(this.copiedAnnotations(d))) if (rs.metadata.annotations?.[k] !== v) ann[k] = v;
    if (cur <= maxOld) {
      ann[REVISION] = String(maxOld + 1);
      if (cur > 0) {
        const hist = rs.metadata.annotations?.[REVISION_HISTORY];
        ann[REVISION_HISTORY] = hist ? `${hist},${cur}` : String(cur);
      }
    }
    let out = rs;
    if (Object.keys(ann).length) {
      out = await this.ctx.client.patch<Obj>(this.rsRef(rs.metadata.namespace!, rs.metadata.name), 'merge', { metadata: { annotations: ann, resourceVersion: rs.metadata.resourceVersion } });
      this.pendingRS.set(keyOf(out), out);
    }
    if (d.metadata.annotations?.[REVISION] !== out.metadata.annotations?.[REVISION]) {
      await this.ctx.client.patch(
        { group: 'apps', version: 'v1', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name },
        'merge',
        { metadata: { annotations: { [REVISION]: out.metadata.annotations?.[REVISION] } } },
      );
    }
    return out;
  }

  /** Finds or creates the ReplicaSet of the current template. */
  private async ensureNewRS(d: Obj, newRS: Obj | undefined, oldRSs: Obj[], replicas: number): Promise<Obj | undefined> {
    if (newRS) return this.syncNewAnnotations(d, newRS, oldRSs);
    const collision = d.status?.collisionCount ?? 0;
    const hash = templateHash(d.spec?.template, collision);
    const name = `${d.metadata.name}-${hash}`;
    const template = clone(d.spec?.template ?? {});
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH]: hash };
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH]: hash };
    const { surge } = resolveFenceposts(d);
    const want = d.spec?.replicas ?? 1;
    const revision = String(this.maxRevision(oldRSs) + 1);
    const body = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        annotations: { ...this.copiedAnnotations(d), [REVISION]: revision, [DESIRED]: String(want), [MAX_REPLICAS]: String(want + surge) },
        ownerReferences: [ownerRefFor(d, 'apps/v1', 'Deployment')],
      },
      spec: { replicas, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    let created: Obj;
    try {
      created = await this.ctx.client.create<Obj>(this.rsRef(d.metadata.namespace!), body);
    } catch (err) {
      if ((err as { code?: number; reason?: string }).code === 409) {
        const existing = await this.ctx.client.get<Obj>(this.rsRef(d.metadata.namespace!, name)).catch(() => undefined);
        if (existing && controllerRef(existing)?.uid === d.metadata.uid && deepEqual(templateWithoutHash(existing.spec?.template), templateWithoutHash(d.spec?.template))) {
          this.pendingRS.set(keyOf(existing), existing);
          return existing;
        }
        // A hash collision: count it so the next name differs.
        await this.ctx.client.patch(
          { group: 'apps', version: 'v1', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name, subresource: 'status' },
          'merge',
          { status: { collisionCount: collision + 1 } },
        );
        return undefined;
      }
      throw err;
    }
    this.pendingRS.set(keyOf(created), created);
    if (replicas > 0) this.events.event(this.dObj(d), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
    await this.ctx.client.patch(
      { group: 'apps', version: 'v1', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name },
      'merge',
      { metadata: { annotations: { [REVISION]: revision } } },
    );
    await this.setProgressing(d, 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`);
    return created;
  }

  private async setProgressing(d: Obj, status: string, reason: string, message: string): Promise<void> {
    const conds = clone((d.status?.conditions ?? []) as Condition[]);
    const t = ts(this.ctx.clock.now());
    const i = conds.findIndex((c) => c.type === 'Progressing');
    const prev = conds[i];
    const c: Condition = { type: 'Progressing', status, lastUpdateTime: t, lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? t) : t, reason, message };
    if (i >= 0) conds[i] = c;
    else conds.push(c);
    await this.ctx.client
      .patch({ group: 'apps', version: 'v1', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name, subresource: 'status' }, 'merge', { status: { conditions: conds } })
      .catch(() => undefined);
  }

  // ------------------------------------------------------------ strategies

  private async rolling(d: Obj, newRS: Obj | undefined, oldRSs: Obj[]): Promise<void> {
    const replicas = d.spec?.replicas ?? 1;
    const { surge, unavailable } = resolveFenceposts(d);
    const all = () => [...(newRS ? [newRS] : []), ...oldRSs];
    // NewRSNewReplicas for a ReplicaSet about to be created.
    if (!newRS) {
      const current = sum(oldRSs, specReplicas);
      const scaleUp = Math.max(0, Math.min(replicas + surge - current, replicas));
      newRS = await this.ensureNewRS(d, undefined, oldRSs, scaleUp);
      if (!newRS) return;
    } else {
      newRS = (await this.ensureNewRS(d, newRS, oldRSs, 0))!;
      const cur = specReplicas(newRS);
      if (cur > replicas) newRS = await this.scaleRS(d, newRS, replicas);
      else if (cur < replicas) {
        const current = sum(all(), specReplicas);
        const scaleUp = Math.min(replicas + surge - current, replicas - cur);
        if (scaleUp > 0) newRS = await this.scaleRS(d, newRS, cur + scaleUp);
      }
    }
    // reconcileOldReplicaSets
    const active = oldRSs.filter((rs) => specReplicas(rs) > 0);
    if (active.length) {
      const allPods = sum(all(), specReplicas);
      const minAvailable = replicas - unavailable;
      const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
      let maxScaledDown = allPods - minAvailable - newUnavailable;
      if (maxScaledDown > 0) {
        const byAge = [...oldRSs].sort((a, b) => (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0));
        // cleanupUnhealthyReplicas
        for (let i = 0; i < byAge.length && maxScaledDown > 0; i++) {
          const rs = byAge[i]!;
          const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
          if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
          const down = Math.min(unhealthy, maxScaledDown);
          byAge[i] = await this.scaleRS(d, rs, specReplicas(rs) - down);
          maxScaledDown -= down;
        }
        // scaleDownOldReplicaSetsForRollingUpdate
        const everything = [newRS, ...byAge];
        let total = sum(everything, (r) => Math.min(r.status?.availableReplicas ?? 0, specReplicas(r))) - minAvailable;
        for (let i = 0; i < byAge.length && total > 0; i++) {
          const rs = byAge[i]!;
          if (specReplicas(rs) === 0) continue;
          const down = Math.min(specReplicas(rs), total);
          byAge[i] = await this.scaleRS(d, rs, specReplicas(rs) - down);
          total -= down;
        }
        oldRSs = byAge;
      }
    }
    const status = await this.syncStatus(d, [newRS, ...oldRSs], newRS);
    if (status && this.complete(d, status)) await this.cleanup(d, oldRSs);
  }

  private async recreate(d: Obj, newRS: Obj | undefined, oldRSs: Obj[]): Promise<void> {
    let scaled = false;
    for (let i = 0; i < oldRSs.length; i++) {
      if (specReplicas(oldRSs[i]!) > 0) {
        oldRSs[i] = await this.scaleRS(d, oldRSs[i]!, 0);
        scaled = true;
      }
    }
    const oldUids = new Set(oldRSs.map((r) => r.metadata.uid));
    const oldPodsRunning = this.pods.list(d.metadata.namespace).some((p) => oldUids.has(controllerRef(p)?.uid) && isActive(p) || (oldUids.has(controllerRef(p)?.uid) && p.metadata.deletionTimestamp));
    if (scaled || oldPodsRunning) {
      await this.syncStatus(d, [...(newRS ? [newRS] : []), ...oldRSs], newRS);
      return;
    }
    const replicas = d.spec?.replicas ?? 1;
    if (!newRS) newRS = await this.ensureNewRS(d, undefined, oldRSs, replicas);
    else {
      newRS = (await this.ensureNewRS(d, newRS, oldRSs, 0))!;
      if (specReplicas(newRS) !== replicas) newRS = await this.scaleRS(d, newRS, replicas);
    }
    if (!newRS) return;
    const status = await this.syncStatus(d, [newRS, ...oldRSs], newRS);
    if (status && this.complete(d, status)) await this.cleanup(d, oldRSs);
  }

  /** Proportional scaling of a paused or mid-rollout Deployment whose replicas changed. */
  private async scale(d: Obj, newRS: Obj | undefined, oldRSs: Obj[]): Promise<void> {
    const replicas = d.spec?.replicas ?? 1;
    const all = [...(newRS ? [newRS] : []), ...oldRSs];
    const active = all.filter((rs) => specReplicas(rs) > 0);
    if (active.length === 0) {
      if (newRS && !d.spec?.paused) await this.scaleRS(d, newRS, replicas);
      return;
    }
    if (active.length === 1) {
      await this.scaleRS(d, active[0]!, replicas);
      return;
    }
    const { surge } = resolveFenceposts(d);
    const allowed = replicas + (d.spec?.strategy?.type === 'Recreate' ? 0 : surge);
    const toAdd = allowed - sum(active, specReplicas);
    if (toAdd === 0) {
      for (const rs of active) await this.scaleRS(d, rs, specReplicas(rs));
      return;
    }
    const sorted = [...active].sort((a, b) => (toAdd > 0 ? specReplicas(b) - specReplicas(a) : specReplicas(a) - specReplicas(b)));
    const sizes = new Map<Obj, number>();
    let added = 0;
    for (const rs of sorted) {
      const annotated = Number(rs.metadata.annotations?.[MAX_REPLICAS] ?? 0) || d.status?.replicas || 1;
      const fraction = Math.round((specReplicas(rs) * allowed) / annotated) - specReplicas(rs);
      const part = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
      sizes.set(rs, specReplicas(rs) + part);
      added += part;
    }
    const leftover = toAdd - added;
    if (leftover !== 0) sizes.set(sorted[0]!, Math.max(0, (sizes.get(sorted[0]!) ?? 0) + leftover));
    for (const [rs, n] of sizes) await this.scaleRS(d, rs, Math.max(0, n));
  }

  private async cleanup(d: Obj, oldRSs: Obj[]): Promise<void> {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const candidates = oldRSs.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp);
    const extra = candidates.length - limit;
    if (extra <= 0) return;
    candidates.sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of candidates.slice(0, extra)) {
      await this.ctx.client.delete(this.rsRef(rs.metadata.namespace!, rs.metadata.name), { preconditions: { uid: rs.metadata.uid } }).catch(() => undefined);
    }
  }

  // ------------------------------------------------------------ status

  private complete(d: Obj, s: Record<string, any>): boolean {
    const replicas = d.spec?.replicas ?? 1;
    return s.updatedReplicas === replicas && s.replicas === replicas && s.availableReplicas === replicas && s.observedGeneration >= (d.metadata.generation ?? 1);
  }

  private async syncStatus(d: Obj, rsList: Obj[], newRS: Obj | undefined): Promise<Record<string, any> | undefined> {
    const replicas = d.spec?.replicas ?? 1;
    const { unavailable } = resolveFenceposts(d);
    const total = sum(rsList, specReplicas);
    const available = sum(rsList, (r) => r.status?.availableReplicas ?? 0);
    const status: Record<string, any> = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sum(rsList, (r) => r.status?.replicas ?? 0),
      updatedReplicas: newRS?.status?.replicas ?? 0,
      readyReplicas: sum(rsList, (r) => r.status?.readyReplicas ?? 0),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
    };
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    const old = d.status ?? {};
    const now = this.ctx.clock.now();
    const t = ts(now);
    const conds = clone((old.conditions ?? []) as Condition[]);
    const set = (c: Condition, keepUpdate = false) => {
      const i = conds.findIndex((x) => x.type === c.type);
      const prev = conds[i];
      if (prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message && keepUpdate) return;
      const next: Condition = { type: c.type, status: c.status, lastUpdateTime: t, lastTransitionTime: prev?.status === c.status ? (prev.lastTransitionTime ?? t) : t, reason: c.reason, message: c.message };
      if (i >= 0) conds[i] = next;
      else conds.push(next);
    };
    const minAvailable = replicas - unavailable;
    if (available >= minAvailable) set({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }, true);
    else set({ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, true);
    const prog = conds.find((c) => c.type === 'Progressing');
    const deadline = d.spec?.progressDeadlineSeconds;
    const rsName = newRS?.metadata.name;
    let requeueMs: number | undefined;
    if (d.spec?.paused) {
      if (prog?.reason !== 'DeploymentPaused') set({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    } else if (prog?.reason === 'DeploymentPaused') {
      set({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' });
    } else if (newRS && this.complete(d, status)) {
      set({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` }, true);
    } else if (newRS) {
      const progressing =
        status.updatedReplicas > (old.updatedReplicas ?? 0) ||
        status.replicas < (old.replicas ?? 0) ||
        status.readyReplicas > (old.readyReplicas ?? 0) ||
        status.availableReplicas > (old.availableReplicas ?? 0);
      if (progressing || !prog || prog.reason === 'NewReplicaSetAvailable' && prog.message !== `ReplicaSet "${rsName}" has successfully progressed.`) {
        set({ type: 'Progressing', status: 'True', reason: prog ? 'ReplicaSetUpdated' : 'FoundNewReplicaSet', message: prog ? `ReplicaSet "${rsName}" is progressing.` : `Found new replica set "${rsName}"` });
      } else if (deadline !== undefined && prog && prog.reason !== 'ProgressDeadlineExceeded') {
        const since = Date.parse(prog.lastUpdateTime ?? '') || now.getTime();
        const left = since + deadline * 1000 - now.getTime();
        if (left <= 0) {
          set({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
          this.events.event(this.dObj(d), 'Warning', 'ProgressDeadlineExceeded', `Deployment "${d.metadata.name}" has timed out progressing.`);
        } else requeueMs = left + 1;
      }
    }
    status.conditions = conds;
    if (requeueMs !== undefined) this.queue.addAfter(keyOf(d), requeueMs);
    else if (deadline !== undefined && newRS && !this.complete(d, status) && !d.spec?.paused) {
      const p = conds.find((c) => c.type === 'Progressing');
      if (p?.reason !== 'ProgressDeadlineExceeded') this.queue.addAfter(keyOf(d), deadline * 1000 + 1);
    }
    // The counters are omitempty in DeploymentStatus: a zero is not written (and one written before is removed).
    const wire: Record<string, any> = { ...status };
    const patch: Record<string, any> = { ...status };
    for (const k of OMITEMPTY_COUNTERS) {
      if (wire[k] !== 0) continue;
      delete wire[k];
      if (old[k] !== undefined) patch[k] = null;
      else delete patch[k];
    }
    if (deepEqual({ ...old }, wire)) return status;
    await this.ctx.client.patch(
      { group: 'apps', version: 'v1', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name, subresource: 'status' },
      'merge',
      { status: patch },
    );
    return status;
  }
}
