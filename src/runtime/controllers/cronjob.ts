// CronJobs (pkg/controller/cronjob/cronjob_controllerv2.go): create a Job
// <cronjob>-<minutes since epoch> at each scheduled time (5-field or macro
// schedule, optional timeZone) on the injected clock; concurrencyPolicy
// Allow/Forbid/Replace, suspend, startingDeadlineSeconds, more than 100
// missed starts reported; finished Jobs pruned to the history limits.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { nextRun, parseCron } from './cron.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { controllerRef, deepEqual, ownerRefFor, ts, type Condition, type Obj } from '../kit/objects.js';

const finishedType = (j: Obj): string | undefined => ((j.status?.conditions ?? []) as Condition[]).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;

const DEFINITION: ControllerDefinition = { name: 'cronjob-controller', watches: [R.cronjobs, R.jobs], owns: [R.jobs, R.cronjobs], workers: 4 };

export class CronJobController extends Controller {
  private readonly cronjobs: Informer<Obj>;
  private readonly jobs: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.cronjobs = this.informer(R.cronjobs);
    this.jobs = this.informer(R.jobs);
  }

  protected watch(): void {
    this.cronjobs.on((_t, c) => this.queue.add(keyOf(c)));
    this.jobs.on((_t, j) => {
      const ref = controllerRef(j);
      if (ref?.kind === 'CronJob') this.queue.add(`${j.metadata.namespace}/${ref.name}`);
    });
  }

  private obj(c: Obj): KubeObject {
    return { ...c, apiVersion: 'batch/v1', kind: 'CronJob' };
  }

  private jobRef(ns: string, name?: string) {
    return { group: 'batch', version: 'v1', resource: 'jobs', namespace: ns, name };
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cj = this.cronjobs.get(ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const now = this.ctx.clock.now();
    const children = this.jobs.list(ns).filter((j) => controllerRef(j)?.uid === cj.metadata.uid);
    const status: Record<string, any> = { ...(cj.status ?? {}) };
    const active = children.filter((j) => !finishedType(j) && !j.metadata.deletionTimestamp);
    for (const j of children) {
      const f = finishedType(j);
      if (f === 'Complete') {
        const done = j.status?.completionTime;
        if (done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) {
          status.lastSuccessfulTime = done;
          this.events.event(this.obj(cj), 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: Complete`);
        }
      }
    }
    // History limits.
    for (const [type, limit] of [['Complete', cj.spec?.successfulJobsHistoryLimit ?? 3], ['Failed', cj.spec?.failedJobsHistoryLimit ?? 1]] as const) {
      const done = children.filter((j) => finishedType(j) === type && !j.metadata.deletionTimestamp).sort((a, b) => (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0));
      for (const j of done.slice(0, Math.max(0, done.length - limit))) {
        await this.ctx.client.delete(this.jobRef(ns!, j.metadata.name), { propagationPolicy: 'Background' }).catch(() => undefined);
        this.events.event(this.obj(cj), 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
      }
    }
    let schedule;
    const tz = cj.spec?.timeZone ?? 'UTC';
    try {
      schedule = parseCron(cj.spec?.schedule ?? '');
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
    } catch (err) {
      this.events.event(this.obj(cj), 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${(err as Error).message}`);
      return this.writeStatus(cj, status, active);
    }
    const since = new Date(Date.parse(status.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '') || now.getTime());
    // The most recent missed time, counting how many were missed.
    let scheduled: Date | undefined;
    let missed = 0;
    for (let t = nextRun(schedule, since, tz); t && t.getTime() <= now.getTime(); t = nextRun(schedule, t, tz)) {
      scheduled = t;
      if (++missed > 100) {
        this.events.event(this.obj(cj), 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
        // Jump to the latest one directly.
        let last = t;
        for (let u = nextRun(schedule, last, tz); u && u.getTime() <= now.getTime(); u = nextRun(schedule, u, tz)) last = u;
        scheduled = last;
        break;
      }
    }
    const next = nextRun(schedule, now, tz);
    if (next) this.queue.addAfter(key, next.getTime() - now.getTime());
    if (!scheduled || cj.spec?.suspend) return this.writeStatus(cj, status, active);
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && scheduled.getTime() + sds * 1000 < now.getTime()) {
      this.events.event(this.obj(cj), 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${ts(scheduled)}`);
      return this.writeStatus(cj, status, active);
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      this.events.event(this.obj(cj), 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return this.writeStatus(cj, status, active);
    }
    if (policy === 'Replace') {
      for (const j of active) {
        await this.ctx.client.delete(this.jobRef(ns!, j.metadata.name), { propagationPolicy: 'Background' }).catch(() => undefined);
        this.events.event(this.obj(cj), 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
      }
      active.length = 0;
    }
    const jobName = `${name}-${Math.floor(scheduled.getTime() / 60_000)}`;
    const t = cj.spec?.jobTemplate ?? {};
    try {
      const created = await this.ctx.client.create<Obj>(this.jobRef(ns!), {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: jobName,
          namespace: ns,
          labels: t.metadata?.labels,
          annotations: { ...(t.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': ts(scheduled) },
          ownerReferences: [ownerRefFor(cj, 'batch/v1', 'CronJob')],
        },
        spec: t.spec,
      });
      active.push(created);
      this.events.event(this.obj(cj), 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
    status.lastScheduleTime = ts(scheduled);
    return this.writeStatus(cj, status, active);
  }

  private async writeStatus(cj: Obj, status: Record<string, any>, active: Obj[]): Promise<void> {
    const next = { ...status };
    if (active.length) next.active = active.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, uid: j.metadata.uid, resourceVersion: j.metadata.resourceVersion }));
    else delete next.active;
    const strip = (a: any[] | undefined) => (a ?? []).map((x) => x.uid);
    if (deepEqual({ ...(cj.status ?? {}), active: strip(cj.status?.active) }, { ...next, active: strip(next.active) })) return;
    await this.ctx.client.update({ group: 'batch', version: 'v1', resource: 'cronjobs', namespace: cj.metadata.namespace, name: cj.metadata.name, subresource: 'status' }, { ...cj, apiVersion: 'batch/v1', kind: 'CronJob', status: next });
  }
}
