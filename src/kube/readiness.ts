// Readiness per kind, as Helm's pkg/kube/ready.go judges it (`--wait`, with
// paused Deployments counted as ready), plus a message a human can act on:
// counts, and for pods that cannot start, the scheduler's or kubelet's reason.
import type { KubeClient } from './client.js';
import type { Readiness } from './backend.js';
import type { KubeObject } from '../apimachinery/types.js';
import { parseApiVersion } from '../apimachinery/types.js';
import { deepEqual } from '../apimachinery/patch/json.js';
import { cloneJson } from '../util/json.js';
import { formatLabelSelector } from '../util/label-selector.js';
import { getOwn } from '../util/own-keys.js';

type Dict = Record<string, unknown>;

export interface ReadinessOptions {
  /** Judge Jobs (Helm's --wait-for-jobs); otherwise they are ready at once. */
  readonly waitForJobs?: boolean;
}

type Judge = (client: KubeClient, live: KubeObject, label: string, opts: ReadinessOptions) => Readiness | Promise<Readiness>;

/** Helm's readiness rules (pkg/kube/ready.go) by "group/Kind"; every other kind is ready once it exists. */
const JUDGES: Readonly<Record<string, Judge>> = {
  '/Pod': (_c, live, label) => podReadiness(live, label),
  'batch/Job': (_c, live, label, opts) => (opts.waitForJobs ? jobReadiness(live, label) : ok(label, 'ready')),
  'apps/Deployment': (client, live, label) => deploymentReadiness(client, live, label),
  '/PersistentVolumeClaim': (_c, live, label) => {
    const phase = str(dig(live, 'status', 'phase'));
    return phase === 'Bound' ? ok(label, 'Bound') : waiting(label, `not bound yet (phase ${phase ?? 'unknown'})`);
  },
  '/Service': (_c, live, label) => serviceReadiness(live, label),
  'apps/DaemonSet': (_c, live, label) => daemonSetReadiness(live, label),
  'apps/StatefulSet': (_c, live, label) => statefulSetReadiness(live, label),
  'apps/ReplicaSet': (client, live, label) => replicaSetReadiness(client, live, label),
  '/ReplicationController': (client, live, label) => replicaSetReadiness(client, live, label),
  'apiextensions.k8s.io/CustomResourceDefinition': (_c, live, label) => crdReadiness(live, label),
  'apiregistration.k8s.io/APIService': (_c, live, label) =>
    conditionTrue(live, 'Available') ? ok(label, 'Available') : waiting(label, `not available${conditionMessage(live, 'Available')}`),
};

/** True when readiness of this apiVersion and kind is judged by a rule; objects of other kinds are ready once they exist. */
export function judgesReadiness(apiVersion: string, kind: string): boolean {
  return getOwn(JUDGES, `${parseApiVersion(apiVersion).group}/${kind}`) !== undefined;
}

/** Judges a live object (freshly read) by its kind's rules; lists ReplicaSets/Pods through `client` when the rule needs them. */
export async function judgeReadiness(client: KubeClient, live: KubeObject, opts: ReadinessOptions = {}): Promise<Readiness> {
  const label = `${live.kind} ${live.metadata.name ?? ''}`;
  const judge = getOwn(JUDGES, `${parseApiVersion(live.apiVersion).group}/${live.kind}`);
  return judge ? judge(client, live, label, opts) : ok(label, 'ready');
}

function podReadiness(pod: KubeObject, label: string): Readiness {
  if (conditionTrue(pod, 'Ready')) return ok(label, 'Ready');
  const phase = str(dig(pod, 'status', 'phase')) ?? 'Pending';
  const why = podProblem(pod);
  if (phase === 'Failed') return { ready: false, failed: true, message: `${label}: Failed${why ? `: ${why}` : ''}` };
  return waiting(label, `${phase}, not ready${why ? `: ${why}` : ''}`);
}

function jobReadiness(job: KubeObject, label: string): Readiness {
  const failed = num(dig(job, 'status', 'failed'));
  const backoffLimit = numOr(dig(job, 'spec', 'backoffLimit'), 6);
  if (failed > backoffLimit || conditionTrue(job, 'Failed')) {
    return { ready: false, failed: true, message: `${label}: failed (${failed} failed pods, backoffLimit ${backoffLimit})${conditionMessage(job, 'Failed')}` };
  }
  const completions = dig(job, 'spec', 'completions');
  const succeeded = num(dig(job, 'status', 'succeeded'));
  if (typeof completions === 'number' && succeeded < completions) return waiting(label, `${succeeded}/${completions} completions`);
  return ok(label, typeof completions === 'number' ? `${succeeded}/${completions} completions` : 'complete');
}

function serviceReadiness(svc: KubeObject, label: string): Readiness {
  const type = str(dig(svc, 'spec', 'type')) ?? 'ClusterIP';
  if (type === 'ExternalName') return ok(label, 'ExternalName');
  if (!str(dig(svc, 'spec', 'clusterIP'))) return waiting(label, 'no cluster IP assigned yet');
  if (type === 'LoadBalancer') {
    const externalIPs = dig(svc, 'spec', 'externalIPs');
    if (Array.isArray(externalIPs) && externalIPs.length > 0) return ok(label, 'external IPs set');
    const ingress = dig(svc, 'status', 'loadBalancer', 'ingress');
    if (ingress === undefined || ingress === null) return waiting(label, 'waiting for a load balancer address');
  }
  return ok(label, 'ready');
}

async function deploymentReadiness(client: KubeClient, dep: KubeObject, label: string): Promise<Readiness> {
  if (dig(dep, 'spec', 'paused') === true) return ok(label, 'paused');
  const ns = dep.metadata.namespace;
  const replicas = numOr(dig(dep, 'spec', 'replicas'), 1);
  const selector = formatLabelSelector(dig(dep, 'spec', 'selector'));
  const rsList = await client.list({ group: 'apps', version: 'v1', resource: 'replicasets', namespace: ns }, { labelSelector: selector });
  const rs = newReplicaSet(dep, rsList.items);
  if (!rs) return waiting(label, `0/${replicas} ready (waiting for its new ReplicaSet)`);
  if (num(dig(rs, 'status', 'observedGeneration')) !== num(rs.metadata.generation)) {
    return waiting(label, `0/${replicas} ready (ReplicaSet ${rs.metadata.name} not yet observed)`);
  }
  const readyReplicas = num(dig(rs, 'status', 'readyReplicas'));
  if (num(dig(dep, 'status', 'observedGeneration')) !== num(dep.metadata.generation)) {
    return waiting(label, `${readyReplicas}/${replicas} ready (generation ${num(dep.metadata.generation)} not yet observed)`);
  }
  const expected = replicas - deploymentMaxUnavailable(dep, replicas);
  const counts = `${readyReplicas}/${replicas} ready`;
  if (readyReplicas >= expected) return ok(label, counts);
  const hash = rs.metadata.labels?.['pod-template-hash'];
  const why = await podsProblem(client, ns, hash ? joinSelector(selector, `pod-template-hash=${hash}`) : selector);
  return waiting(label, `${counts}${expected < replicas ? ` (${expected} needed)` : ''}${why ? `; ${why}` : ''}`);
}

async function replicaSetReadiness(client: KubeClient, rs: KubeObject, label: string): Promise<Readiness> {
  if (num(dig(rs, 'status', 'observedGeneration')) !== num(rs.metadata.generation)) return waiting(label, 'generation not yet observed');
  const rawSelector = dig(rs, 'spec', 'selector');
  // A ReplicationController's selector is a plain map; a ReplicaSet's a LabelSelector.
  const selector = rs.kind === 'ReplicationController' ? formatLabelSelector({ matchLabels: rawSelector }) : formatLabelSelector(rawSelector);
  const pods = await client.list({ group: '', version: 'v1', resource: 'pods', namespace: rs.metadata.namespace }, { labelSelector: selector });
  const ready = pods.items.filter((p) => conditionTrue(p, 'Ready')).length;
  const counts = `${ready}/${pods.items.length} pods ready`;
  if (ready === pods.items.length) return ok(label, counts);
  const stuck = pods.items.find((p) => !conditionTrue(p, 'Ready') && podProblem(p));
  return waiting(label, `${counts}${stuck ? `; pod ${stuck.metadata.name}: ${podProblem(stuck)}` : ''}`);
}

function daemonSetReadiness(ds: KubeObject, label: string): Readiness {
  if (num(dig(ds, 'status', 'observedGeneration')) !== num(ds.metadata.generation)) return waiting(label, 'generation not yet observed');
  if (str(dig(ds, 'spec', 'updateStrategy', 'type')) !== 'RollingUpdate') return ok(label, 'ready');
  const desired = num(dig(ds, 'status', 'desiredNumberScheduled'));
  const updated = num(dig(ds, 'status', 'updatedNumberScheduled'));
  const numberReady = num(dig(ds, 'status', 'numberReady'));
  if (updated !== desired) return waiting(label, `${updated}/${desired} updated pods scheduled`);
  const maxUnavailable = scaled(dig(ds, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable') ?? 1, desired, true) ?? desired;
  const expected = desired - maxUnavailable;
  const counts = `${numberReady}/${desired} ready`;
  return numberReady >= expected ? ok(label, counts) : waiting(label, counts);
}

function statefulSetReadiness(sts: KubeObject, label: string): Readiness {
  if (num(dig(sts, 'status', 'observedGeneration')) !== num(sts.metadata.generation)) return waiting(label, 'generation not yet observed');
  if (str(dig(sts, 'spec', 'updateStrategy', 'type')) !== 'RollingUpdate') return ok(label, 'ready');
  const partition = num(dig(sts, 'spec', 'updateStrategy', 'rollingUpdate', 'partition'));
  const replicas = numOr(dig(sts, 'spec', 'replicas'), 1);
  const updated = num(dig(sts, 'status', 'updatedReplicas'));
  const readyReplicas = num(dig(sts, 'status', 'readyReplicas'));
  if (updated < replicas - partition) return waiting(label, `${updated}/${replicas - partition} updated`);
  if (readyReplicas !== replicas) return waiting(label, `${readyReplicas}/${replicas} ready`);
  if (partition === 0 && dig(sts, 'status', 'currentRevision') !== dig(sts, 'status', 'updateRevision')) {
    return waiting(label, `${readyReplicas}/${replicas} ready, rolling update in progress`);
  }
  return ok(label, `${readyReplicas}/${replicas} ready`);
}

function crdReadiness(crd: KubeObject, label: string): Readiness {
  for (const c of conditions(crd)) {
    if (c.type === 'Established' && c.status === 'True') return ok(label, 'Established');
    // A name conflict will not resolve by waiting; Helm lets the install continue.
    if (c.type === 'NamesAccepted' && c.status === 'False') return ok(label, `names not accepted${c.message ? `: ${c.message}` : ''}`);
  }
  return waiting(label, 'not yet established');
}

/** The ReplicaSet a Deployment controller rolls out to: owned by it, with its pod template (hash label aside). */
export function newReplicaSet(dep: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const uid = dep.metadata.uid;
  const owned = replicaSets.filter((rs) => !uid || (rs.metadata.ownerReferences ?? []).some((o) => o.uid === uid && o.controller !== false));
  const want = templateWithoutHash(dig(dep, 'spec', 'template'));
  const byTemplate = owned
    .filter((rs) => deepEqual(templateWithoutHash(dig(rs, 'spec', 'template')), want))
    .sort((a, b) => String(a.metadata.creationTimestamp ?? '').localeCompare(String(b.metadata.creationTimestamp ?? '')));
  if (byTemplate.length) return byTemplate[0];
  const rev = dep.metadata.annotations?.['deployment.kubernetes.io/revision'];
  return rev ? owned.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev) : undefined;
}

/** deploymentutil.MaxUnavailable: 0 unless RollingUpdate; surge rounds up, unavailable down; both 0 → 1. */
export function deploymentMaxUnavailable(dep: KubeObject, replicas: number): number {
  const type = str(dig(dep, 'spec', 'strategy', 'type')) ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' || replicas === 0) return 0;
  const ru = (dig(dep, 'spec', 'strategy', 'rollingUpdate') ?? {}) as Dict;
  const surge = scaled(ru.maxSurge ?? '25%', replicas, true) ?? 0;
  let unavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return Math.min(unavailable, replicas);
}

/** intstr.GetScaledValueFromIntOrPercent; undefined for a malformed value. */
function scaled(v: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v.trim());
    if (!m) return undefined;
    const x = (Number(m[1]) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return undefined;
}

/** Why pods matching the selector are not ready: the first scheduler or container reason found. */
async function podsProblem(client: KubeClient, namespace: string | undefined, selector: string): Promise<string | undefined> {
  try {
    const pods = await client.list({ group: '', version: 'v1', resource: 'pods', namespace }, { labelSelector: selector });
    for (const p of pods.items) {
      const why = podProblem(p);
      if (why) return `pod ${p.metadata.name}: ${why}`;
    }
  } catch {
    // The counts are the answer; a failed listing only loses the detail.
  }
  return undefined;
}

/** A not-ready pod's reason: unschedulable (PodScheduled message), or a waiting/terminated container. */
export function podProblem(pod: KubeObject): string | undefined {
  const sched = conditions(pod).find((c) => c.type === 'PodScheduled');
  if (sched && sched.status === 'False') return `${sched.reason ?? 'Unschedulable'}: ${sched.message ?? 'not scheduled'}`;
  const statuses = [
    ...((dig(pod, 'status', 'initContainerStatuses') as Dict[] | undefined) ?? []),
    ...((dig(pod, 'status', 'containerStatuses') as Dict[] | undefined) ?? []),
  ];
  for (const cs of statuses) {
    const waitingState = dig(cs, 'state', 'waiting') as Dict | undefined;
    const reason = str(waitingState?.reason);
    if (reason && reason !== 'ContainerCreating' && reason !== 'PodInitializing') {
      return `container ${String(cs.name)}: ${reason}${str(waitingState?.message) ? ` (${str(waitingState?.message)})` : ''}`;
    }
    const term = dig(cs, 'state', 'terminated') as Dict | undefined;
    if (term && num(term.exitCode) !== 0) return `container ${String(cs.name)}: terminated with exit code ${num(term.exitCode)}${str(term.reason) ? ` (${str(term.reason)})` : ''}`;
  }
  const ready = conditions(pod).find((c) => c.type === 'Ready');
  return ready?.message;
}

function joinSelector(a: string, b: string): string {
  return a ? `${a},${b}` : b;
}

/** A pod template without the controller's pod-template-hash label, for comparison. */
function templateWithoutHash(t: unknown): unknown {
  const copy = cloneJson(t ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function conditions(obj: unknown): Condition[] {
  const c = dig(obj, 'status', 'conditions');
  return Array.isArray(c) ? (c as Condition[]) : [];
}

function conditionTrue(obj: unknown, type: string): boolean {
  return conditions(obj).some((c) => c.type === type && c.status === 'True');
}

function conditionMessage(obj: unknown, type: string): string {
  const c = conditions(obj).find((x) => x.type === type);
  return c?.message ? `: ${c.message}` : '';
}

function dig(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Dict)[k];
  }
  return cur;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function numOr(v: unknown, d: number): number {
  return typeof v === 'number' ? v : d;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function ok(label: string, what: string): Readiness {
  return { ready: true, message: `${label}: ${what}` };
}

function waiting(label: string, what: string): Readiness {
  return { ready: false, message: `${label}: ${what}` };
}
