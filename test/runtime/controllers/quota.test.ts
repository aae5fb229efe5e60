// ResourceQuota and LimitRange on the bundled runtime: LimitRanger defaults
// and bounds pods' resources, ResourceQuota admission refuses what would
// exceed a quota (403 with kube-apiserver's wording) or lacks a tracked
// resource, the quota controller keeps status.used current (and lower after
// deletes), and a Deployment under a pod quota stops at it with FailedCreate.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../../support/runtime.js';
import { until } from '../helpers.js';

const cluster = runtimeFixture('skiff-quota-');
const { kubectl } = cluster;

const pods = (ns: string) => ({ group: '', version: 'v1', resource: 'pods', namespace: ns });
const quotas = (ns: string) => ({ group: '', version: 'v1', resource: 'resourcequotas', namespace: ns });
const ns = (name: string) => cluster.rt.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (name: string, resources?: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx', ...(resources ? { resources } : {}) }] } });
const refusal = (err: unknown) => err as { code?: number; status?: { code: number; reason: string; message: string } };

test.before(cluster.start);

test.after(cluster.stop);

test('a LimitRange fills in missing requests and limits, records it, and refuses a limit above max', async () => {
  await ns('lr');
  const apply = await kubectl(['apply', '-n', 'lr', '-f', '-'], `apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
    max: {cpu: "1"}
`);
  assert.is(apply.code, 0, apply.stderr);
  await cluster.rt.client.create(pods('lr'), pod('plain'));
  const got = (await kubectl(['get', 'pod', 'plain', '-n', 'lr', '-o', 'jsonpath={.spec.containers[0].resources}'])).stdout;
  assert.equal(JSON.parse(got), { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  const p = await cluster.rt.client.get({ ...pods('lr'), name: 'plain' });
  assert.is(p.metadata.annotations?.['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
  const big = await kubectl(['run', 'big', '-n', 'lr', '--image=nginx', '--overrides', JSON.stringify({ spec: { containers: [{ name: 'big', image: 'nginx', resources: { limits: { cpu: '2' } } }] } })]);
  assert.is(big.code, 1);
  assert.match(big.stderr, /pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2/);
});

test('ResourceQuota admission: a pods=2 quota admits two and refuses the third; status.used follows deletes', async () => {
  await ns('q');
  await cluster.rt.client.create(quotas('q'), { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods' }, spec: { hard: { pods: '2', 'count/configmaps': '5' } } });
  await cluster.rt.client.create(pods('q'), pod('a'));
  await cluster.rt.client.create(pods('q'), pod('b'));
  const third = await cluster.rt.client.create(pods('q'), pod('c')).then(() => undefined, (e) => refusal(e));
  assert.ok(third, 'the third pod is refused');
  assert.is(third!.status?.code, 403);
  assert.is(third!.status?.reason, 'Forbidden');
  assert.is(third!.status?.message, 'pods "c" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2');
  const used = () => cluster.rt.client.get({ ...quotas('q'), name: 'pods' }).then((q) => (q as { status?: { used?: Record<string, string> } }).status?.used);
  await until('used pods=2', async () => (await used())?.pods === '2');
  const described = (await kubectl(['describe', 'quota', 'pods', '-n', 'q'])).stdout;
  assert.match(described, /pods\s+2\s+2/);
  await cluster.rt.client.delete({ ...pods('q'), name: 'a' }, { gracePeriodSeconds: 0 });
  await until('used pods=1 after the delete', async () => (await used())?.pods === '1');
  await cluster.rt.client.create(pods('q'), pod('c'));
});

test('a cpu quota refuses a pod that does not say what it needs, and one that would exceed it', async () => {
  await ns('cpu');
  await cluster.rt.client.create(quotas('cpu'), { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' }, spec: { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi' } } });
  const bare = await cluster.rt.client.create(pods('cpu'), pod('bare')).then(() => undefined, (e) => refusal(e));
  assert.is(bare?.status?.message, 'pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: app; requests.cpu for: app');
  await cluster.rt.client.create(pods('cpu'), pod('half', { requests: { cpu: '600m' }, limits: { memory: '512Mi' } }));
  const more = await cluster.rt.client.create(pods('cpu'), pod('more', { requests: { cpu: '600m' }, limits: { memory: '256Mi' } })).then(() => undefined, (e) => refusal(e));
  assert.is(more?.status?.message, 'pods "more" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1');
});

test('scoped quotas count only the pods in their scopes', async () => {
  await ns('scoped');
  const create = (name: string, spec: object) => cluster.rt.client.create(quotas('scoped'), { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec });
  await create('best-effort', { hard: { pods: '1' }, scopes: ['BestEffort'] });
  await create('high', { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } });
  const withSpec = (name: string, spec: object) => ({ ...pod(name), spec: { ...pod(name).spec, ...spec } });
  await cluster.rt.client.create(pods('scoped'), pod('be-1'));
  const be2 = await cluster.rt.client.create(pods('scoped'), pod('be-2')).then(() => undefined, (e) => refusal(e));
  assert.is(be2?.status?.message, 'pods "be-2" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1');
  // A pod with requests is not BestEffort: that quota neither counts nor limits it.
  await cluster.rt.client.create(pods('scoped'), pod('burstable-1', { requests: { cpu: '100m' } }));
  await cluster.rt.client.create(pods('scoped'), pod('burstable-2', { requests: { cpu: '100m' } }));
  await cluster.rt.client.create({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' }, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  await cluster.rt.client.create(pods('scoped'), withSpec('urgent-1', { priorityClassName: 'high', containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }] }));
  const urgent2 = await cluster.rt.client.create(pods('scoped'), withSpec('urgent-2', { priorityClassName: 'high', containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }] })).then(() => undefined, (e) => refusal(e));
  assert.match(urgent2?.status?.message ?? '', /exceeded quota: high, requested: pods=1, used: pods=1, limited: pods=1/);
  // Configmaps are outside any pod scope.
  await cluster.rt.client.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'scoped' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'free' } });
  const used = (name: string) => cluster.rt.client.get({ ...quotas('scoped'), name }).then((q) => (q as { status?: { used?: Record<string, string> } }).status?.used?.pods);
  await until('BestEffort quota counts its one pod', async () => (await used('best-effort')) === '1');
  await until('PriorityClass quota counts its one pod', async () => (await used('high')) === '1');
});

test('a Deployment under a pods=3 quota stops at 3 pods and reports FailedCreate', async () => {
  await ns('dq');
  await cluster.rt.client.create(quotas('dq'), { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'three' }, spec: { hard: { pods: '3' } } });
  const created = await kubectl(['create', 'deployment', 'web', '-n', 'dq', '--image=nginx', '--replicas=5']);
  assert.is(created.code, 0, created.stderr);
  await until('3 pods', async () => (await cluster.rt.client.list(pods('dq'))).items.length === 3);
  const events = await until('a FailedCreate event', async () => {
    const list = await cluster.rt.client.list({ group: '', version: 'v1', resource: 'events', namespace: 'dq' });
    return list.items.find((e) => (e as { reason?: string }).reason === 'FailedCreate') as { message?: string } | undefined;
  });
  assert.match(events.message ?? '', /forbidden: exceeded quota: three, requested: pods=1, used: pods=3, limited: pods=3/);
  await new Promise((r) => setTimeout(r, 300));
  assert.is((await cluster.rt.client.list(pods('dq'))).items.length, 3, 'never more than the quota');
});

test.run();
