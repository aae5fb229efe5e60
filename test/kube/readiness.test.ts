// Helm's readiness rules per kind, judged on live-object shapes as the API
// server returns them; ReplicaSets and Pods come from a small listing stub.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { judgeReadiness, deploymentMaxUnavailable } from '../../src/kube/readiness.js';
import { formatLabelSelector } from '../../src/util/label-selector.js';
import type { KubeClient, ListOptions, ResourceRef } from '../../src/kube/client.js';
import type { KubeList, KubeObject } from '../../src/apimachinery/types.js';

/** Answers list() from fixed objects, filtering by resource and equality label selectors. */
function lister(objects: KubeObject[]): KubeClient & { lists: string[] } {
  const lists: string[] = [];
  const list = async (ref: ResourceRef, opts: ListOptions = {}): Promise<KubeList> => {
    lists.push(`${ref.resource}?${opts.labelSelector ?? ''}`);
    const want = (opts.labelSelector ?? '').split(',').filter(Boolean).map((p) => p.split('='));
    const kind = ref.resource === 'pods' ? 'Pod' : 'ReplicaSet';
    const items = objects.filter((o) => o.kind === kind && want.every(([k, v]) => o.metadata.labels?.[k] === v));
    return { apiVersion: 'v1', kind: 'List', metadata: {}, items };
  };
  const no = (): never => {
    throw new Error('not used');
  };
  return { lists, list, get: no, create: no, update: no, patch: no, delete: no, deleteCollection: no, watch: no } as unknown as KubeClient & { lists: string[] };
}

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

function deployment(over: { replicas?: number; strategy?: unknown; generation?: number; observed?: number; paused?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'dep-uid', generation: over.generation ?? 2 },
    spec: { replicas: over.replicas ?? 3, selector: { matchLabels: { app: 'web' } }, template, strategy: over.strategy, paused: over.paused },
    status: { observedGeneration: over.observed ?? over.generation ?? 2 },
  };
}

function replicaSet(name: string, ready: number, tmpl: unknown = template, hash = 'abc'): KubeObject {
  const t = JSON.parse(JSON.stringify(tmpl)) as { metadata: { labels: Record<string, string> } };
  t.metadata.labels['pod-template-hash'] = hash;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', generation: 1, labels: { app: 'web', 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true }] },
    spec: { template: t },
    status: { observedGeneration: 1, readyReplicas: ready },
  };
}

function pod(name: string, status: Record<string, unknown>, hash = 'abc'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'web', 'pod-template-hash': hash } }, status };
}

const unschedulable = {
  phase: 'Pending',
  conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }],
};

test('Deployment: the new ReplicaSet must have replicas - maxUnavailable ready', async () => {
  const old = replicaSet('web-old', 3, { ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } }, 'old');
  const ready = await judgeReadiness(lister([old, replicaSet('web-abc', 3)]), deployment());
  assert.equal(ready, { ready: true, message: 'Deployment web: 3/3 ready' });

  // 25%/25% of 4 lets one be unavailable, as Helm's deploymentutil.MaxUnavailable does.
  const four = deployment({ replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
  assert.ok((await judgeReadiness(lister([replicaSet('web-abc', 3)]), four)).ready);
  assert.not.ok((await judgeReadiness(lister([replicaSet('web-abc', 2)]), four)).ready);
  // The old ReplicaSet's ready pods do not count.
  assert.not.ok((await judgeReadiness(lister([old]), deployment())).ready);
});

test('Deployment not ready explains itself with counts and the PodScheduled message', async () => {
  const dep = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
  const client = lister([replicaSet('web-abc', 1), pod('web-abc-1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), pod('web-abc-2', unschedulable)]);
  const r = await judgeReadiness(client, dep);
  assert.is(r.ready, false);
  assert.is(r.message, 'Deployment web: 1/3 ready; pod web-abc-2: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
  assert.ok(client.lists.includes('pods?app=web,pod-template-hash=abc'), client.lists.join(' '));
});

test('Deployment: paused is ready; an unobserved generation or missing ReplicaSet is not', async () => {
  assert.ok((await judgeReadiness(lister([]), deployment({ paused: true }))).ready);
  const lag = await judgeReadiness(lister([replicaSet('web-abc', 3)]), deployment({ generation: 3, observed: 2 }));
  assert.is(lag.ready, false);
  assert.match(lag.message, /generation 3 not yet observed/);
  const none = await judgeReadiness(lister([]), deployment());
  assert.is(none.message, 'Deployment web: 0/3 ready (waiting for its new ReplicaSet)');
});

test('maxUnavailable follows deploymentutil (percent rounds down, surge up, never both zero)', () => {
  const d = (ru: unknown, type = 'RollingUpdate') => deployment({ strategy: { type, rollingUpdate: ru } });
  assert.is(deploymentMaxUnavailable(d({ maxSurge: '25%', maxUnavailable: '25%' }), 3), 0);
  assert.is(deploymentMaxUnavailable(d({ maxSurge: 0, maxUnavailable: 0 }), 3), 1);
  assert.is(deploymentMaxUnavailable(d({ maxSurge: 1, maxUnavailable: 5 }), 3), 3);
  assert.is(deploymentMaxUnavailable(d(undefined, 'Recreate'), 3), 0);
  assert.is(deploymentMaxUnavailable(d({ maxSurge: '50%', maxUnavailable: '50%' }), 5), 2);
});

test('Job readiness only with waitForJobs: completions, and failure past backoffLimit', async () => {
  const job = (status: Record<string, unknown>, spec: Record<string, unknown> = { completions: 2, backoffLimit: 1 }): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate' },
    spec,
    status,
  });
  assert.ok((await judgeReadiness(lister([]), job({}))).ready, 'ignored without waitForJobs');
  assert.equal(await judgeReadiness(lister([]), job({ succeeded: 1 }), { waitForJobs: true }), { ready: false, message: 'Job migrate: 1/2 completions' });
  assert.ok((await judgeReadiness(lister([]), job({ succeeded: 2 }), { waitForJobs: true })).ready);
  const failed = await judgeReadiness(lister([]), job({ failed: 2 }), { waitForJobs: true });
  assert.is(failed.failed, true);
  assert.match(failed.message, /^Job migrate: failed/);
  assert.not.ok((await judgeReadiness(lister([]), job({ failed: 1 }), { waitForJobs: true })).failed);
});

test('Pod readiness is the Ready condition; pending and failed pods say why', async () => {
  const p = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status });
  assert.ok((await judgeReadiness(lister([]), p({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }))).ready);
  const pending = await judgeReadiness(lister([]), p(unschedulable));
  assert.is(pending.message, 'Pod p: Pending, not ready: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
  const crash = await judgeReadiness(lister([]), p({ phase: 'Running', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } } }] }));
  assert.match(crash.message, /container app: CrashLoopBackOff \(back-off 10s\)/);
  const failed = await judgeReadiness(lister([]), p({ phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] }));
  assert.is(failed.failed, true);
  assert.match(failed.message, /exit code 2/);
});

test('Service: ExternalName at once, a ClusterIP required, a LoadBalancer needs an ingress or external IPs', async () => {
  const s = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec, status });
  assert.ok((await judgeReadiness(lister([]), s({ type: 'ExternalName', externalName: 'db.example.com' }))).ready);
  assert.not.ok((await judgeReadiness(lister([]), s({ type: 'ClusterIP' }))).ready);
  assert.ok((await judgeReadiness(lister([]), s({ type: 'ClusterIP', clusterIP: '10.96.0.10' }))).ready);
  const lb = await judgeReadiness(lister([]), s({ type: 'LoadBalancer', clusterIP: '10.96.0.11' }, { loadBalancer: {} }));
  assert.equal(lb, { ready: false, message: 'Service web: waiting for a load balancer address' });
  assert.ok((await judgeReadiness(lister([]), s({ type: 'LoadBalancer', clusterIP: '10.96.0.11' }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }))).ready);
  assert.ok((await judgeReadiness(lister([]), s({ type: 'LoadBalancer', clusterIP: '10.96.0.11', externalIPs: ['5.6.7.8'] }))).ready);
});

test('PVC, CRD, StatefulSet, DaemonSet and ReplicaSet rules; other kinds are ready at once', async () => {
  const obj = (apiVersion: string, kind: string, spec: unknown, status: unknown, generation = 1): KubeObject => ({ apiVersion, kind, metadata: { name: 'x', generation }, spec, status });
  assert.not.ok((await judgeReadiness(lister([]), obj('v1', 'PersistentVolumeClaim', {}, { phase: 'Pending' }))).ready);
  assert.ok((await judgeReadiness(lister([]), obj('v1', 'PersistentVolumeClaim', {}, { phase: 'Bound' }))).ready);
  const crd = (conds: unknown[]) => obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', {}, { conditions: conds });
  assert.not.ok((await judgeReadiness(lister([]), crd([]))).ready);
  assert.ok((await judgeReadiness(lister([]), crd([{ type: 'Established', status: 'True' }]))).ready);
  assert.ok((await judgeReadiness(lister([]), crd([{ type: 'NamesAccepted', status: 'False' }]))).ready);
  const sts = (status: Record<string, unknown>, partition = 0) =>
    obj('apps/v1', 'StatefulSet', { replicas: 2, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } }, { observedGeneration: 1, ...status });
  assert.ok((await judgeReadiness(lister([]), sts({ updatedReplicas: 2, readyReplicas: 2, currentRevision: 'r2', updateRevision: 'r2' }))).ready);
  assert.not.ok((await judgeReadiness(lister([]), sts({ updatedReplicas: 2, readyReplicas: 2, currentRevision: 'r1', updateRevision: 'r2' }))).ready);
  assert.ok((await judgeReadiness(lister([]), sts({ updatedReplicas: 1, readyReplicas: 2, currentRevision: 'r1', updateRevision: 'r2' }, 1))).ready);
  assert.ok((await judgeReadiness(lister([]), obj('apps/v1', 'StatefulSet', { updateStrategy: { type: 'OnDelete' } }, { observedGeneration: 1 }))).ready);
  const ds = (status: Record<string, unknown>) =>
    obj('apps/v1', 'DaemonSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }, { observedGeneration: 1, ...status });
  assert.ok((await judgeReadiness(lister([]), ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 2 }))).ready);
  assert.not.ok((await judgeReadiness(lister([]), ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 1 }))).ready);
  assert.not.ok((await judgeReadiness(lister([]), ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberReady: 3 }))).ready);
  const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', generation: 1 }, spec: { selector: { matchLabels: { app: 'web' } } }, status: { observedGeneration: 1 } };
  const readyPod = pod('a', { conditions: [{ type: 'Ready', status: 'True' }] });
  assert.ok((await judgeReadiness(lister([readyPod]), rs)).ready);
  const r = await judgeReadiness(lister([readyPod, pod('b', unschedulable)]), rs);
  assert.is(r.message, 'ReplicaSet rs: 1/2 pods ready; pod b: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
  assert.ok((await judgeReadiness(lister([]), obj('v1', 'ConfigMap', undefined, undefined))).ready);
  assert.ok((await judgeReadiness(lister([]), obj('example.com/v1', 'Widget', {}, {}))).ready);
});

test('label selectors become query strings', () => {
  assert.is(
    formatLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'DoesNotExist' }] }),
    'app=web,tier in (a,b),!x',
  );
});

test.run();
