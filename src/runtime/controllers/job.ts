// Jobs (pkg/controller/job): run pods until `completions` succeed (or every
// index of an Indexed Job has), at most `parallelism` at once; count
// finished pods through the job-tracking finalizer and
// status.uncountedTerminatedPods so nothing is counted twice or lost; fail at
// backoffLimit or activeDeadlineSeconds. As in 1.31+, SuccessCriteriaMet /
// FailureTarget come first and Complete / Failed only once no pod is left
// running. Finished Jobs with ttlSecondsAfterFinished are deleted after it.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { Expectations } from '../kit/expectations.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { clone, controllerRef, deepEqual, isPodReady, ownerRefFor, podPhase, ts, type Condition, type Obj } from '../kit/objects.js';

export const TRACKING = 'batch.kubernetes.io/job-tracking';
const INDEX = 'batch.kubernetes.io/job-completion-index';

/** Pod re-creation back-off after failures: 10 s doubling, capped at 6 min. */
export function jobBackoffMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(10_000 * 2 ** (failures - 1), 360_000);
}

/** "0-2,4" from a set of indexes. */
export function formatIndexes(xs: Iterable<number>): string {
  const s = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    out.push(i === j ? String(s[i]) : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    for (let i = a!; i <= (b ?? a!); i++) out.add(i);
  }
  return out;
}

const hasCond = (j: Obj, type: string) => ((j.status?.conditions ?? []) as Condition[]).some((c) => c.type === type && c.status === 'True');

/** How long after a Job is seen finished its TTL may first remove it. */
const TTL_CONTROLLER_LATENCY_MS = 1000;

const DEFINITION: ControllerDefinition = { name: 'job-controller', watches: [R.jobs, R.pods], owns: [R.pods, R.jobs], workers: 8 };

export class JobController extends Controller {
  private readonly jobs: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly exp = new Expectations();
  /** When this controller first saw each finished Job (by uid), for the TTL controller's latency. */
  private readonly finishedSeen = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.jobs = this.informer(R.jobs);
    this.pods = this.informer(R.pods);
  }

  protected watch(): void {
    this.jobs.on((_t, j) => this.queue.add(keyOf(j)));
    this.pods.on((type, p, old) => {
      const ref = controllerRef(p) ?? (old ? controllerRef(old) : undefined);
      if (ref?.kind !== 'Job') return;
      const key = `${p.metadata.namespace}/${ref.name}`;
      if (type === 'ADDED') this.exp.observeAdd(key);
      if ((type === 'DELETED' && !old?.metadata.deletionTimestamp) || (type === 'MODIFIED' && p.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp)) this.exp.observeDel(key);
      this.queue.add(key);
    });
  }

  private jobRef(j: Obj, sub?: string) {
    return { group: 'batch', version: 'v1', resource: 'jobs', namespace: j.metadata.namespace, name: j.metadata.name, subresource: sub };
  }

  private obj(j: Obj): KubeObject {
    return { ...j, apiVersion: 'batch/v1', kind: 'Job' };
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const j = this.jobs.get(ns, name);
    if (!j) return;
    const now = this.ctx.clock.now();
    const uid = j.metadata.uid!;
    const pods = this.pods.list(ns).filter((p) => controllerRef(p)?.uid === uid);
    const status = clone(j.status ?? {}) as Record<string, any>;
    const finished = hasCond(j, 'Complete') || hasCond(j, 'Failed');

    // 1. Terminal pods still holding the tracking finalizer are recorded as uncounted, then released.
    const uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])] as string[], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] as string[] };
    const toRelease: Obj[] = [];
    for (const p of pods) {
      if (!p.metadata.finalizers?.includes(TRACKING)) continue;
      const ph = podPhase(p);
      const gone = ph === 'Succeeded' || ph === 'Failed' || (p.metadata.deletionTimestamp && !finished);
      if (!gone) continue;
      const list = ph === 'Succeeded' ? uncounted.succeeded : uncounted.failed;
      if (!list.includes(p.metadata.uid!) && !(ph !== 'Succeeded' && uncounted.succeeded.includes(p.metadata.uid!))) list.push(p.metadata.uid!);
      toRelease.push(p);
    }
    if (toRelease.length && (uncounted.succeeded.length !== (status.uncountedTerminatedPods?.succeeded ?? []).length || uncounted.failed.length !== (status.uncountedTerminatedPods?.failed ?? []).length)) {
      status.uncountedTerminatedPods = uncounted;
      await this.writeStatus(j, status);
      return; // the status event brings us back for step 2
    }
    for (const p of toRelease) {
      await this.ctx.client
        .patch({ group: '', version: 'v1', resource: 'pods', namespace: ns, name: p.metadata.name }, 'json', [
          { op: 'test', path: '/metadata/uid', value: p.metadata.uid },
          { op: 'replace', path: '/metadata/finalizers', value: (p.metadata.finalizers ?? []).filter((f) => f !== TRACKING) },
        ])
        .catch(() => undefined);
    }
    // 2. Uncounted pods whose finalizer is gone move into the counts.
    const holding = new Set(pods.filter((p) => p.metadata.finalizers?.includes(TRACKING)).map((p) => p.metadata.uid));
    const indexed = j.spec?.completionMode === 'Indexed';
    const completed = parseIndexes(status.completedIndexes);
    for (const u of [...uncounted.succeeded]) {
      if (holding.has(u)) continue;
      uncounted.succeeded.splice(uncounted.succeeded.indexOf(u), 1);
      status.succeeded = (status.succeeded ?? 0) + 1;
      const p = pods.find((x) => x.metadata.uid === u);
      const idx = p?.metadata.annotations?.[INDEX];
      if (indexed && idx !== undefined) completed.add(Number(idx));
    }
    for (const u of [...uncounted.failed]) {
      if (holding.has(u)) continue;
      uncounted.failed.splice(uncounted.failed.indexOf(u), 1);
      status.failed = (status.failed ?? 0) + 1;
    }
    status.uncountedTerminatedPods = uncounted.succeeded.length || uncounted.failed.length ? uncounted : {};
    if (indexed) status.completedIndexes = formatIndexes(completed);
    // Decisions count what is recorded but not yet folded into the totals too.
    const seenDone = new Set(completed);
    for (const u of uncounted.succeeded) {
      const idx = pods.find((x) => x.metadata.uid === u)?.metadata.annotations?.[INDEX];
      if (idx !== undefined) seenDone.add(Number(idx));
    }

    const active = pods.filter((p) => !p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
    const conds = clone((status.conditions ?? []) as Condition[]);
    const t = ts(now);
    const setCond = (type: string, reason: string, message: string) => {
      if (conds.some((c) => c.type === type && c.status === 'True')) return;
      conds.push({ type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message });
    };
    const parallelism = j.spec?.parallelism ?? 1;
    const completions: number | undefined = j.spec?.completions ?? undefined;
    const backoffLimit = j.spec?.backoffLimit ?? 6;
    const suspended = j.spec?.suspend === true;

    if (!finished && !suspended) status.startTime ??= t;
    let restarts = 0;
    if (j.spec?.template?.spec?.restartPolicy === 'OnFailure') for (const p of active) for (const c of p.status?.containerStatuses ?? []) restarts += c.restartCount ?? 0;
    const failures = (status.failed ?? 0) + uncounted.failed.length + restarts;
    const succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length;

    let failTarget = conds.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    let successTarget = conds.find((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True');
    let requeueMs: number | undefined;
    if (!finished && !failTarget && !successTarget) {
      const ads = j.spec?.activeDeadlineSeconds;
      const start = Date.parse(status.startTime ?? '') || now.getTime();
      if (failures > backoffLimit) {
        setCond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      } else if (ads !== undefined && !suspended && start + ads * 1000 <= now.getTime()) {
        setCond('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline');
      } else if (indexed ? seenDone.size >= (completions ?? 1) : completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
        setCond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
      } else if (ads !== undefined && !suspended) requeueMs = start + ads * 1000 - now.getTime() + 1;
      failTarget = conds.find((c) => c.type === 'FailureTarget' && c.status === 'True');
      successTarget = conds.find((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True');
    }

    if (failTarget || successTarget || suspended || finished) {
      // Stop whatever still runs.
      await Promise.all(active.map((p) => this.ctx.client.delete({ group: '', version: 'v1', resource: 'pods', namespace: ns, name: p.metadata.name }).catch(() => undefined)));
      if (!finished && active.length === 0 && terminating.length === 0 && uncounted.succeeded.length === 0 && uncounted.failed.length === 0) {
        if (failTarget) {
          setCond('Failed', failTarget.reason!, failTarget.message!);
          this.events.event(this.obj(j), 'Warning', failTarget.reason!, failTarget.message!);
        } else if (successTarget) {
          setCond('Complete', '', '');
          const c = conds.find((x) => x.type === 'Complete')!;
          delete c.reason;
          delete c.message;
          status.completionTime = t;
          this.events.event(this.obj(j), 'Normal', 'Completed', 'Job completed');
        }
      }
      const sc = conds.find((c) => c.type === 'Suspended');
      if (suspended && !sc) conds.push({ type: 'Suspended', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'JobSuspended', message: 'Job suspended' });
    } else if (this.exp.satisfied(key)) {
      const sc = conds.find((c) => c.type === 'Suspended' && c.status === 'True');
      if (sc) Object.assign(sc, { status: 'False', reason: 'JobResumed', message: 'Job resumed', lastTransitionTime: t, lastProbeTime: t });
      // Back-off after failures, measured from the last failure.
      const lastFail = Math.max(0, ...pods.filter((p) => podPhase(p) === 'Failed').map((p) => Date.parse(p.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? '') || 0));
      const wait = lastFail ? lastFail + jobBackoffMs((status.failed ?? 0) + uncounted.failed.length) - now.getTime() : 0;
      if (wait > 0) requeueMs = Math.min(requeueMs ?? Infinity, wait);
      else await this.createPods(j, key, active, succeeded, seenDone, indexed, parallelism, completions);
    }
    status.conditions = conds;
    status.active = active.length;
    status.ready = active.filter(isPodReady).length;
    status.terminating = terminating.length;
    status.succeeded ??= 0;
    status.failed ??= 0;
    if (!conds.length) delete status.conditions;
    if (requeueMs !== undefined && Number.isFinite(requeueMs)) this.queue.addAfter(key, requeueMs);
    if (!deepEqual(j.status ?? {}, status)) await this.writeStatus(j, status);
    // The TTL clock starts from the finished status as stored (as upstream's
    // separate TTL controller sees it), so every watcher observes the Job
    // finished before it is removed.
    if (hasCond({ status } as Obj, 'Complete') || hasCond({ status } as Obj, 'Failed')) this.scheduleTtl(j, status, now);
  }

  private async createPods(j: Obj, key: string, active: Obj[], succeeded: number, completed: Set<number>, indexed: boolean, parallelism: number, completions: number | undefined): Promise<void> {
    let want: number;
    let indexes: number[] = [];
    if (indexed) {
      const running = new Set(active.map((p) => Number(p.metadata.annotations?.[INDEX])));
      for (let i = 0; i < (completions ?? 1); i++) if (!completed.has(i) && !running.has(i)) indexes.push(i);
      want = Math.min(parallelism - active.length, indexes.length);
      indexes = indexes.slice(0, Math.max(0, want));
    } else if (completions === undefined) {
      want = succeeded > 0 ? 0 : parallelism - active.length;
    } else {
      want = Math.min(parallelism, completions - succeeded) - active.length;
    }
    if (want <= 0) return;
    this.exp.expect(key, want, 0);
    const t = j.spec?.template ?? {};
    await Promise.all(
      Array.from({ length: want }, async (_, n) => {
        const idx = indexed ? indexes[n] : undefined;
        const ann = { ...(t.metadata?.annotations ?? {}), ...(idx !== undefined ? { [INDEX]: String(idx) } : {}) };
        const labels = { ...(t.metadata?.labels ?? {}), ...(idx !== undefined ? { [INDEX]: String(idx) } : {}) };
        const spec = clone(t.spec ?? {});
        if (idx !== undefined) {
          for (const c of spec.containers ?? []) c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX}']` } } }];
          spec.hostname ??= `${j.metadata.name}-${idx}`;
        }
        try {
          const p = await this.ctx.client.create({ group: '', version: 'v1', resource: 'pods', namespace: j.metadata.namespace }, {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              generateName: idx !== undefined ? `${j.metadata.name}-${idx}-` : `${j.metadata.name}-`,
              labels,
              annotations: Object.keys(ann).length ? ann : undefined,
              finalizers: [TRACKING],
              ownerReferences: [ownerRefFor(j, 'batch/v1', 'Job')],
            },
            spec,
          });
          this.events.event(this.obj(j), 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        } catch (err) {
          this.exp.observeAdd(key);
          this.events.event(this.obj(j), 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        }
      }),
    );
  }

  private scheduleTtl(j: Obj, status: Record<string, any>, now: Date): void {
    const ttl = j.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined) return;
    const fin = ((status.conditions ?? []) as Condition[]).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const uid = j.metadata.uid ?? '';
    if (!this.finishedSeen.has(uid)) this.finishedSeen.set(uid, now.getTime());
    // Upstream's TTL-after-finished controller acts through its own informer
    // and a fresh read, so even a TTL of 0 leaves the finished Job visible for
    // a moment; clients that wait on it (Helm 4's hook watcher) rely on that.
    // The floor below stands for that latency.
    const finished = Date.parse(status.completionTime ?? fin?.lastTransitionTime ?? '') || now.getTime();
    const at = Math.max(finished + ttl * 1000, this.finishedSeen.get(uid)! + TTL_CONTROLLER_LATENCY_MS);
    if (at <= now.getTime()) {
      this.finishedSeen.delete(uid);
      void this.ctx.client.delete(this.jobRef(j), { propagationPolicy: 'Foreground', preconditions: { uid: j.metadata.uid } }).catch(() => undefined);
    } else this.queue.addAfter(keyOf(j), at - now.getTime());
  }

  private async writeStatus(j: Obj, status: Record<string, any>): Promise<void> {
    await this.ctx.client.update(this.jobRef(j, 'status'), { ...j, apiVersion: 'batch/v1', kind: 'Job', status });
  }
}
