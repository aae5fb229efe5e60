// batch/v1: Jobs and CronJobs.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, immutable, invalid, invalidShown, notSupported, required, deepEqual } from './field.js';
import {
  AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, containersAndImages, ensure, formatLabelSelector, int, num, obj, setDefault, defaultString, since,
  statusSub, str, humanDuration, goLabelSelector, type Obj,
} from './common.js';
import { metaErrors, nonNegative, oneOf, validateLabelSelector, selectorMatches } from './validation.js';
import { validatePodTemplate } from './pod.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { immutableSelector } from './workload.js';
import { cronError } from './cron.js';

const G = 'batch';
const V = 'v1';

/** SetDefaults_Job's JobSpec part (also the strategy's selector generation when `uid` is given). */
function defaultJobSpec(s: Obj): void {
  if (s.completions == null && s.parallelism == null) {
    s.completions = 1;
    s.parallelism = 1;
  }
  setDefault(s, 'parallelism', 1);
  setDefault(s, 'backoffLimit', s.backoffLimitPerIndex != null ? 2147483647 : 6);
  setDefault(s, 'completionMode', 'NonIndexed');
  setDefault(s, 'suspend', false);
  setDefault(s, 'podReplacementPolicy', s.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed');
  for (const r of arr(obj(s, 'podFailurePolicy'), 'rules')) for (const c of arr(r, 'onPodConditions')) defaultString(c, 'status', 'True');
  defaultPodTemplate(s.template);
}

function generateSelector(o: KubeObject, s: Obj): void {
  const tpl = ensure(s, 'template');
  const meta = ensure(tpl, 'metadata');
  const labels = ensure(meta, 'labels') as Record<string, string>;
  const name = o.metadata.name ?? '';
  const uid = o.metadata.uid ?? '';
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in labels)) labels[k] = name;
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(k in labels)) labels[k] = uid;
  const sel = ensure(s, 'selector');
  const ml = ensure(sel, 'matchLabels');
  if (!('batch.kubernetes.io/controller-uid' in ml)) ml['batch.kubernetes.io/controller-uid'] = uid;
}

/** SetDefaults_Job's label rule: a Job without labels takes its pod template's. */
function copyTemplateLabels(o: KubeObject, s: Obj): void {
  const tl = obj(obj(obj(s, 'template'), 'metadata'), 'labels');
  if (tl && (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0)) o.metadata.labels = { ...(tl as Record<string, string>) };
}

function jobDefaults(o: KubeObject): void {
  const s = ensure(o as unknown as Obj, 'spec');
  defaultJobSpec(s);
  copyTemplateLabels(o, s);
}

/**
 * The Job strategy's PrepareForCreate: the generated selector and job labels.
 * Upstream's defaulting runs again when the object is read back, so a Job
 * whose template had no labels then takes the generated ones; here that
 * happens at once.
 */
function jobPrepareForCreate(o: KubeObject): void {
  const s = ensure(o as unknown as Obj, 'spec');
  if (s.manualSelector !== true && o.metadata.uid) generateSelector(o, s);
  copyTemplateLabels(o, s);
}

function validateJobSpec(s: Obj, sp: Path, requireSelector: boolean): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished']) errs.push(...nonNegative(s[k], sp.child(k)));
  if (typeof s.activeDeadlineSeconds === 'number' && s.activeDeadlineSeconds <= 0) {
    errs.push(invalid(sp.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, 'must be greater than or equal to 0'));
  }
  const mode = s.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push(notSupported(sp.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
  }
  if (mode === 'Indexed' && s.completions == null) errs.push(required(sp.child('completions'), 'when completion mode is Indexed'));
  const sel = s.selector;
  if (sel == null) {
    if (requireSelector) errs.push(required(sp.child('selector'), ''));
  } else errs.push(...validateLabelSelector(sel, sp.child('selector')));
  const tpl = obj(s, 'template');
  if (!tpl) errs.push(required(sp.child('template'), ''));
  else {
    const labels = (obj(obj(tpl, 'metadata'), 'labels') ?? {}) as Record<string, string>;
    if (sel != null && !selectorMatches(sel, labels)) {
      errs.push(invalid(sp.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
    }
    errs.push(...validatePodTemplate(tpl, sp.child('template'), { restartPolicies: ['OnFailure', 'Never'] }));
  }
  return errs;
}

function jobValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  errs.push(...validateJobSpec(s, sp, true));
  if (!old && s.manualSelector !== true && s.selector != null) {
    // validateGeneratedSelector: a generated selector selects exactly this Job's uid.
    if (!o.metadata.uid) errs.push(required(Path.root('metadata', 'uid'), ''));
    else if (!selectorMatches(s.selector, { 'batch.kubernetes.io/controller-uid': o.metadata.uid })) {
      errs.push(invalidShown(sp.child('selector'), goLabelSelector(s.selector), s.selector, '`selector` not auto-generated'));
    }
  }
  if (old) {
    const os = obj(old, 'spec') ?? {};
    errs.push(...immutableSelector(s.selector, os.selector, sp.child('selector')));
    if (!deepEqual(s.completionMode ?? null, os.completionMode ?? null)) errs.push(immutable(sp.child('completionMode'), s.completionMode ?? null));
    if (!deepEqual(s.completions ?? null, os.completions ?? null) && s.completionMode !== 'Indexed') {
      errs.push(immutable(sp.child('completions'), s.completions ?? null));
    }
    if (!deepEqual(s.template ?? null, os.template ?? null)) errs.push(immutable(sp.child('template'), s.template ?? null));
  }
  return errs;
}

function cronJobValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const name = o.metadata.name ?? '';
  if (name.length > 52) errs.push(invalid(Path.root('metadata', 'name'), name, 'must be no more than 52 characters'));
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const sched = str(s, 'schedule');
  if (sched === '') errs.push(required(sp.child('schedule'), ''));
  else if (/(^|\s)(CRON_)?TZ=/.test(sched)) {
    errs.push(invalid(sp.child('schedule'), sched, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  } else {
    const e = cronError(sched);
    if (e) errs.push(invalid(sp.child('schedule'), sched, e));
  }
  const tz = s.timeZone;
  if (typeof tz === 'string') {
    let ok = tz !== '' && !tz.includes(' ');
    if (ok) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
      } catch {
        ok = false;
      }
    }
    if (!ok) errs.push(invalid(sp.child('timeZone'), tz, `unknown time zone ${tz}`));
  }
  errs.push(...nonNegative(s.startingDeadlineSeconds, sp.child('startingDeadlineSeconds')));
  errs.push(...oneOf(s.concurrencyPolicy, sp.child('concurrencyPolicy'), ['Allow', 'Forbid', 'Replace'], false));
  errs.push(...nonNegative(s.successfulJobsHistoryLimit, sp.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(s.failedJobsHistoryLimit, sp.child('failedJobsHistoryLimit')));
  const jt = obj(s, 'jobTemplate');
  if (!jt) errs.push(required(sp.child('jobTemplate'), ''));
  else errs.push(...validateJobSpec(obj(jt, 'spec') ?? {}, sp.child('jobTemplate', 'spec'), false));
  return errs;
}

function jobStatus(o: KubeObject): string {
  const conds = arr(obj(o, 'status'), 'conditions');
  const has = (t: string): boolean => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobRow(o: KubeObject, now: Date): unknown[] {
  const s = obj(o, 'spec') ?? {};
  const st = obj(o, 'status') ?? {};
  const succeeded = int(st, 'succeeded');
  let completions: string;
  const c = num(s, 'completions');
  if (c !== undefined) completions = `${succeeded}/${c}`;
  else {
    const p = num(s, 'parallelism') ?? 0;
    completions = p > 1 ? `${succeeded}/1 of ${p}` : `${succeeded}/1`;
  }
  let duration = '';
  const start = Date.parse(str(st, 'startTime'));
  if (!Number.isNaN(start)) {
    const end = Date.parse(str(st, 'completionTime'));
    duration = humanDuration((Number.isNaN(end) ? now.getTime() : end) - start);
  }
  const [names, images] = containersAndImages(obj(obj(s, 'template'), 'spec'));
  return [o.metadata.name ?? '', jobStatus(o), completions, duration, age(o, now), names, images, formatLabelSelector(s.selector)];
}

function cronJobRow(o: KubeObject, now: Date): unknown[] {
  const s = obj(o, 'spec') ?? {};
  const st = obj(o, 'status') ?? {};
  const last = str(st, 'lastScheduleTime') ? since(st.lastScheduleTime, now) : '<none>';
  const suspend = s.suspend === undefined || s.suspend === null ? '<unset>' : s.suspend ? 'True' : 'False';
  const jspec = obj(obj(s, 'jobTemplate'), 'spec');
  const [names, images] = containersAndImages(obj(obj(jspec, 'template'), 'spec'));
  return [
    o.metadata.name ?? '', str(s, 'schedule'), str(s, 'timeZone') || '<none>', suspend, arr(st, 'active').length, last, age(o, now),
    names, images, formatLabelSelector(jspec?.selector) || '<none>',
  ];
}

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'CronJob', listKind: 'CronJobList', plural: 'cronjobs', singular: 'cronjob', namespaced: true, verbs: ALL_VERBS,
    shortNames: ['cj'], categories: ['all'], hasStatus: true, tracksGeneration: true, subresources: [statusSub(G, V, 'CronJob')],
    columns: [
      NAME_COL, col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
      col('Timezone', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'),
      col('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.', false, 'boolean'),
      col('Active', 'A list of pointers to currently running jobs.', false, 'integer'),
      col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'), AGE_COL,
      col('Containers', 'Names of each container in the template.', true), col('Images', 'Images referenced by each container in the template.', true),
      col('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', true),
    ],
    row: cronJobRow,
    defaults: (o) => {
      const s = ensure(o as unknown as Obj, 'spec');
      defaultString(s, 'concurrencyPolicy', 'Allow');
      setDefault(s, 'suspend', false);
      setDefault(s, 'successfulJobsHistoryLimit', 3);
      setDefault(s, 'failedJobsHistoryLimit', 1);
      const jt = ensure(s, 'jobTemplate');
      defaultPodTemplate(obj(ensure(jt, 'spec'), 'template'));
    },
    validate: (o, old) => cronJobValidate(o, old),
  },
  {
    group: G, version: V, kind: 'Job', listKind: 'JobList', plural: 'jobs', singular: 'job', namespaced: true, verbs: ALL_VERBS,
    categories: ['all'], hasStatus: true, tracksGeneration: true, subresources: [statusSub(G, V, 'Job')],
    columns: [
      NAME_COL, col('Status', 'Status of the job.'),
      col('Completions', 'The completion status of the job.'),
      col('Duration', 'Time required to complete the job.'), AGE_COL,
      col('Containers', 'Names of each container in the template.', true), col('Images', 'Images referenced by each container in the template.', true),
      col('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', true),
    ],
    row: jobRow,
    defaults: (o) => jobDefaults(o),
    prepareForCreate: (o) => jobPrepareForCreate(o),
    validate: (o, old) => jobValidate(o, old),
    fieldSelectors: { 'status.successful': (o) => String(int(obj(o, 'status'), 'succeeded')) },
  },
];
