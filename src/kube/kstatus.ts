// kstatus-style status (sigs.k8s.io/cli-utils/pkg/kstatus, what Helm 4's
// `--wait=watcher` computes): one live object -> InProgress, Current, Failed
// or Terminating, from the object alone (no lists), so it can be recomputed
// on every watch event. Generic rules first (deletion, observedGeneration,
// the Reconciling/Stalled conditions), then a rule per built-in kind. For
// other kinds kstatus says Current at once; skiff also honours the standard
// `Ready` condition custom resources carry (Ready=False waits), on purpose.
import type { KubeObject } from '../apimachinery/types.js';
import { parseApiVersion } from '../apimachinery/types.js';

export type KStatus = 'InProgress' | 'Current' | 'Failed' | 'Terminating';

export interface KStatusResult {
  readonly status: KStatus;
  readonly message: string;
}

export interface KStatusOptions {
  /** Jobs must complete (Helm's --wait-for-jobs custom reader); otherwise a started Job is Current. */
  readonly waitForJobs?: boolean;
  /** Milliseconds since the epoch, for the 15 s scheduling grace of pods. */
  readonly now?: number;
}

type Dict = Record<string, unknown>;
interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

const SCHEDULE_WINDOW_MS = 15_000;

/** Computes the status of a live object (it must carry its status). */
export function computeStatus(obj: KubeObject, opts: KStatusOptions = {}): KStatusResult {
  const generic = genericStatus(obj);
  if (generic) return generic;
  const { group } = parseApiVersion(obj.apiVersion);
  const rule = RULES[group ? `${group}/${obj.kind}` : obj.kind];
  if (rule) return rule(obj, opts);
  const ready = conditions(obj).find((c) => c.type === 'Ready');
  if (ready?.status === 'False' || ready?.status === 'Unknown') return inProgress(`Ready: ${ready.status}${why(ready)}`);
  return current(ready ? `Ready${why(ready)}` : 'Resource is current');
}

function genericStatus(obj: KubeObject): KStatusResult | undefined {
  if (obj.metadata.deletionTimestamp) return { status: 'Terminating', message: 'Resource scheduled for deletion' };
  const generation = obj.metadata.generation;
  const observed = field(obj, 'status', 'observedGeneration');
  if (typeof generation === 'number' && typeof observed === 'number' && observed !== generation) {
    return inProgress(`${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`);
  }
  for (const c of conditions(obj)) {
    if (c.type === 'Reconciling' && c.status === 'True') return inProgress(c.message || `Reconciling${why(c)}`);
    if (c.type === 'Stalled' && c.status === 'True') return failed(c.message || `Stalled${why(c)}`);
  }
  return undefined;
}

type Rule = (obj: KubeObject, opts: KStatusOptions) => KStatusResult;

const always: Rule = () => current('Resource is always ready');

const RULES: Readonly<Record<string, Rule>> = {
  Service: (o) => (str(o, 'spec', 'type') === 'LoadBalancer' && !str(o, 'spec', 'clusterIP') ? inProgress('ClusterIP not set. Service type: LoadBalancer') : current('Service is ready')),
  Pod: podStatus,
  Secret: always,
  ConfigMap: always,
  'batch/CronJob': always,
  'policy/PodDisruptionBudget': () => current('AllowedDisruptions has been computed.'),
  PersistentVolumeClaim: (o) => {
    const phase = str(o, 'status', 'phase') ?? 'unknown';
    return phase === 'Bound' ? current('PVC is Bound') : inProgress(`PVC is not Bound. phase: ${phase}`);
  },
  'apps/StatefulSet': statefulSetStatus,
  'apps/DaemonSet': daemonSetStatus,
  'apps/Deployment': deploymentStatus,
  'apps/ReplicaSet': replicaSetStatus,
  'batch/Job': jobStatus,
  'apiextensions.k8s.io/CustomResourceDefinition': crdStatus,
};

function deploymentStatus(o: KubeObject): KStatusResult {
  let progressing = num(o, ['spec', 'progressDeadlineSeconds'], 2_147_483_647) === 2_147_483_647;
  let available = false;
  for (const c of conditions(o)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') return failed(`Progress deadline exceeded${c.message ? `: ${c.message}` : ''}`);
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (c.type === 'Available' && c.status === 'True') available = true;
  }
  const spec = num(o, ['spec', 'replicas'], 1);
  const replicas = num(o, ['status', 'replicas'], 0);
  const updated = num(o, ['status', 'updatedReplicas'], 0);
  const ready = num(o, ['status', 'readyReplicas'], 0);
  const avail = num(o, ['status', 'availableReplicas'], 0);
  if (spec > replicas) return inProgress(`Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress(`Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress(`Pending termination: ${replicas - spec}`);
  if (updated > avail) return inProgress(`Available: ${avail}/${updated}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress('ReplicaSet not Available');
  if (!available) return inProgress('Deployment not Available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}

function replicaSetStatus(o: KubeObject): KStatusResult {
  if (conditions(o).some((c) => c.type === 'ReplicaFailure' && c.status === 'True')) return inProgress('Replica Failure condition. Check Pods');
  const spec = num(o, ['spec', 'replicas'], 1);
  const replicas = num(o, ['status', 'replicas'], 0);
  const labelled = num(o, ['status', 'fullyLabeledReplicas'], 0);
  const avail = num(o, ['status', 'availableReplicas'], 0);
  const ready = num(o, ['status', 'readyReplicas'], 0);
  if (spec > labelled) return inProgress(`Labelled: ${labelled}/${spec}`);
  if (spec > avail) return inProgress(`Available: ${avail}/${spec}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress(`Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}

function statefulSetStatus(o: KubeObject): KStatusResult {
  if (str(o, 'spec', 'updateStrategy', 'type') === 'OnDelete') return current('StatefulSet is using the ondelete update strategy');
  const spec = num(o, ['spec', 'replicas'], 1);
  const ready = num(o, ['status', 'readyReplicas'], 0);
  const currentReplicas = num(o, ['status', 'currentReplicas'], 0);
  const updated = num(o, ['status', 'updatedReplicas'], 0);
  const replicas = num(o, ['status', 'replicas'], 0);
  const partition = num(o, ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], -1);
  if (spec > replicas) return inProgress(`Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress(`Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    return updated < spec - partition ? inProgress(`updated: ${updated}/${spec - partition}`) : current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > currentReplicas) return inProgress(`current: ${currentReplicas}/${spec}`);
  if ((str(o, 'status', 'currentRevision') ?? '') !== (str(o, 'status', 'updateRevision') ?? '')) return inProgress('Waiting for updated revision to match current');
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

function daemonSetStatus(o: KubeObject): KStatusResult {
  if (typeof o.metadata.generation !== 'number') return inProgress('DaemonSet metadata.generation not found');
  if (typeof field(o, 'status', 'observedGeneration') !== 'number') return inProgress('DaemonSet status.observedGeneration not found');
  const desired = num(o, ['status', 'desiredNumberScheduled'], -1);
  if (desired === -1) return inProgress('Missing .status.desiredNumberScheduled');
  const pairs: [string, number][] = [
    ['Current', num(o, ['status', 'currentNumberScheduled'], 0)],
    ['Updated', num(o, ['status', 'updatedNumberScheduled'], 0)],
    ['Available', num(o, ['status', 'numberAvailable'], 0)],
    ['Ready', num(o, ['status', 'numberReady'], 0)],
  ];
  for (const [what, n] of pairs) if (desired > n) return inProgress(`${what}: ${n}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}

function podStatus(o: KubeObject, opts: KStatusOptions): KStatusResult {
  const phase = str(o, 'status', 'phase') ?? '';
  const conds = conditions(o);
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed':
      return current('Pod has completed, but not successfully');
    case 'Running': {
      if (conds.some((c) => c.type === 'Ready' && c.status === 'True')) return current('Pod is Ready');
      const looping = containerStatuses(o).filter((s) => s.reason === 'CrashLoopBackOff').map((s) => s.name);
      if (looping.length) return failed(`Containers in CrashLoop state: ${looping.join(',')}`);
      return inProgress('Pod is running but is not Ready');
    }
    case 'Pending': {
      const unschedulable = conds.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
      if (unschedulable) {
        const created = Date.parse(o.metadata.creationTimestamp ?? '');
        const now = opts.now ?? Date.now();
        if (Number.isFinite(created) && now - SCHEDULE_WINDOW_MS < created) return inProgress('Pod has not been scheduled');
        return failed(`Pod could not be scheduled${unschedulable.message ? `: ${unschedulable.message}` : ''}`);
      }
      return inProgress('Pod is in the Pending phase');
    }
    default:
      return inProgress(phase ? `Pod phase ${phase}` : 'Pod phase not available');
  }
}

function jobStatus(o: KubeObject, opts: KStatusOptions): KStatusResult {
  const parallelism = num(o, ['spec', 'parallelism'], 1);
  const completions = num(o, ['spec', 'completions'], parallelism);
  const succeeded = num(o, ['status', 'succeeded'], 0);
  const active = num(o, ['status', 'active'], 0);
  const failedPods = num(o, ['status', 'failed'], 0);
  for (const c of conditions(o)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed') return failed(`Job Failed. failed: ${failedPods}/${completions}${c.message ? `: ${c.message}` : ''}`);
    if (c.type === 'Suspended') return current('Job is suspended');
  }
  if (!str(o, 'status', 'startTime')) return inProgress('Job not started');
  const progress = `success: ${succeeded}, active: ${active}, failed: ${failedPods}`;
  // Helm's custom Job reader under --wait-for-jobs: a running Job is not done yet.
  return opts.waitForJobs ? inProgress(`Job in progress. ${progress}`) : current(`Job in progress. ${progress}`);
}

function crdStatus(o: KubeObject): KStatusResult {
  for (const c of conditions(o)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(`${c.reason ?? 'NamesNotAccepted'}: ${c.message ?? ''}`);
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(`${c.reason ?? 'NotEstablished'}: ${c.message ?? ''}`);
      if (c.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('Install in progress');
}

const current = (message: string): KStatusResult => ({ status: 'Current', message });
const inProgress = (message: string): KStatusResult => ({ status: 'InProgress', message });
const failed = (message: string): KStatusResult => ({ status: 'Failed', message });
const why = (c: Condition) => (c.reason || c.message ? ` (${[c.reason, c.message].filter(Boolean).join(': ')})` : '');

function field(o: KubeObject, ...path: string[]): unknown {
  let v: unknown = o;
  for (const k of path) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Dict)[k];
  }
  return v;
}

function str(o: KubeObject, ...path: string[]): string | undefined {
  const v = field(o, ...path);
  return typeof v === 'string' ? v : undefined;
}

function num(o: KubeObject, path: string[], fallback: number): number {
  const v = field(o, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function conditions(o: KubeObject): Condition[] {
  const list = field(o, 'status', 'conditions');
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is Condition => !!c && typeof c === 'object' && typeof (c as Dict).type === 'string' && typeof (c as Dict).status === 'string');
}

function containerStatuses(o: KubeObject): { name: string; reason?: string }[] {
  const list = field(o, 'status', 'containerStatuses');
  if (!Array.isArray(list)) return [];
  return list.map((s: Dict) => ({ name: String(s?.name ?? ''), reason: (s?.state as Dict | undefined)?.waiting ? String(((s.state as Dict).waiting as Dict).reason ?? '') : undefined }));
}
