// Deployments through the real kubectl against the bundled runtime: create +
// rollout status, a rolling update that never exceeds surge or drops below
// availability, undo, restart, the scheduler's Unschedulable reason, logs
// and events.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../../src/apimachinery/types.js';
import { runtimeFixture } from '../../support/runtime.js';
import { until } from '../helpers.js';

const cluster = runtimeFixture('skiff-ctl-');
/** kubectl with its arguments spread, asserting success. */
const kubectl = (...args: string[]) => cluster.ok(args);

const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };

test.before(cluster.start);

test.after(cluster.stop);

test('kubectl create deployment, then rollout status succeeds with 10 running pods spread over the nodes', async () => {
  await kubectl('create', 'deployment', 'web', '--image=nginx:1.26', '--replicas=10');
  const out = await kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  assert.match(out, /successfully rolled out/);
  const pods = await cluster.rt.client.list(PODS, { labelSelector: 'app=web' });
  assert.is(pods.items.length, 10);
  const nodes = new Set(pods.items.map((p: any) => p.spec.nodeName));
  assert.is(nodes.size, 3, 'least-allocated scoring spreads pods');
  for (const p of pods.items as any[]) {
    assert.is(p.status.phase, 'Running');
    assert.match(p.status.podIP, /^10\.244\.\d+\.\d+$/);
    assert.ok(p.metadata.labels['pod-template-hash']);
  }
  const d: any = await cluster.rt.client.get({ ...DEPLOY, name: 'web' });
  assert.is(d.metadata.annotations['deployment.kubernetes.io/revision'], '1');
  assert.equal(
    d.status.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`).sort(),
    ['Available=True/MinimumReplicasAvailable', 'Progressing=True/NewReplicaSetAvailable'],
  );
  const events = await kubectl('get', 'events', '--field-selector', 'involvedObject.kind=Deployment');
  assert.match(events, /ScalingReplicaSet\s+.*Scaled up replica set web-[a-z0-9]{10} from 0 to 10/);
});

test('kubectl set image rolls within maxSurge and maxUnavailable, and rollout undo restores the template', async () => {
  // replicas 10, defaults 25%/25%: surge 3 (rounded up), unavailable 2 (rounded down).
  const live = new Map<string, KubeObject>();
  let maxTotal = 0;
  let minReady = Infinity;
  let seenNew = false;
  const w = cluster.rt.client.watch(PODS, { labelSelector: 'app=web' }, (ev) => {
    const p = ev.object as any;
    if (ev.type === 'DELETED') live.delete(p.metadata.name);
    else live.set(p.metadata.name, p);
    const active = [...live.values()].filter((x: any) => !x.metadata.deletionTimestamp);
    if (active.some((x: any) => x.spec.containers[0].image === 'nginx:1.27')) seenNew = true;
    maxTotal = Math.max(maxTotal, active.length);
    if (seenNew) minReady = Math.min(minReady, active.filter((x: any) => x.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length);
  });
  await new Promise((r) => setTimeout(r, 200));
  await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.27');
  await kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  w.stop();
  assert.ok(seenNew);
  assert.ok(maxTotal <= 13, `at most replicas+maxSurge pods at once, saw ${maxTotal}`);
  assert.ok(minReady >= 8, `at least replicas-maxUnavailable ready, saw ${minReady}`);
  const pods = await cluster.rt.client.list(PODS, { labelSelector: 'app=web' });
  const active = pods.items.filter((p: any) => !p.metadata.deletionTimestamp) as any[];
  assert.is(active.length, 10);
  assert.ok(active.every((p) => p.spec.containers[0].image === 'nginx:1.27'));

  const history = await kubectl('rollout', 'history', 'deployment/web');
  assert.match(history, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
  await kubectl('rollout', 'undo', 'deployment/web');
  await kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  const d: any = await cluster.rt.client.get({ ...DEPLOY, name: 'web' });
  assert.is(d.spec.template.spec.containers[0].image, 'nginx:1.26');
  assert.is(d.metadata.annotations['deployment.kubernetes.io/revision'], '3', 'the reused ReplicaSet becomes revision 3');
  const rss = await cluster.rt.client.list({ group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' });
  assert.is(rss.items.length, 2, 'undo reuses the old ReplicaSet');
  const reused: any = rss.items.find((r: any) => r.metadata.annotations['deployment.kubernetes.io/revision'] === '3');
  assert.is(reused.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
  assert.is(reused.spec.replicas, 10);
});

test('kubectl rollout restart and scale: a new ReplicaSet, then 4 replicas', async () => {
  await kubectl('rollout', 'restart', 'deployment/web');
  await kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  await kubectl('scale', 'deployment/web', '--replicas=4');
  await kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  await until('4 pods', async () => (await cluster.rt.client.list(PODS, { labelSelector: 'app=web' })).items.filter((p) => !p.metadata.deletionTimestamp).length === 4);
  const d: any = await cluster.rt.client.get({ ...DEPLOY, name: 'web' });
  assert.is(d.status.replicas, 4);
  assert.is(d.metadata.annotations['deployment.kubernetes.io/revision'], '4');
});

test('a pod asking for more cpu than any node has stays Pending with the scheduler reason', async () => {
  await cluster.rt.client.create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'huge' },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '64' } } }] },
  });
  const p: any = await until('Unschedulable', async () => {
    const x: any = await cluster.rt.client.get({ ...PODS, name: 'huge' });
    return x.status?.conditions?.find((c: any) => c.type === 'PodScheduled' && c.status === 'False') ? x : undefined;
  });
  const c = p.status.conditions.find((x: any) => x.type === 'PodScheduled');
  assert.is(c.reason, 'Unschedulable');
  assert.match(c.message, /^0\/3 nodes are available: 3 Insufficient cpu\./);
  assert.is(p.status.phase, 'Pending');
  const described = await kubectl('describe', 'pod', 'huge');
  assert.match(described, /Warning\s+FailedScheduling\s+.*0\/3 nodes are available: 3 Insufficient cpu\./);
});

test('kubectl logs returns the simulated container log', async () => {
  // A pod of an earlier rollout may still be terminating: take one that is staying.
  const name = await until('a running pod that is not terminating', async () => {
    const pods = await cluster.rt.client.list(PODS, { labelSelector: 'app=web' });
    return pods.items.find((p: any) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp)?.metadata.name;
  });
  const out = await kubectl('logs', name);
  assert.match(out, /\[sim\] starting nginx:1.26 in default\/web-/);
});

test.run();
