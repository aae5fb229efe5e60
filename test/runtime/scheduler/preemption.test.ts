// Priority and preemption on the bundled runtime's three 4-cpu nodes: pods
// take their priority from their PriorityClass (or are refused without one),
// and a pod that fits nowhere preempts the fewest, least important
// lower-priority pods, which get a DisruptionTarget condition and a
// Preempted event; a pod of equal priority, or with preemptionPolicy Never,
// preempts nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../../src/runtime/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';
import { tempDir } from '../../support/cli.js';
import { until } from '../helpers.js';

let rt: Runtime;
const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const CLASSES = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };
type Pod = KubeObject & { spec: { nodeName?: string; priority?: number; preemptionPolicy?: string }; status?: { nominatedNodeName?: string; conditions?: { type: string; reason?: string; message?: string }[] } };

test.before(async () => {
  rt = await startRuntime({ dataDir: join(tempDir('skiff-preempt-'), 'data'), store: 'memory' });
  for (const [name, value, extra] of [['low', 100, {}], ['high', 1000, {}], ['polite', 1000, { preemptionPolicy: 'Never' }]] as const) {
    await rt.client.create(CLASSES, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });
  }
});

test.after(async () => {
  await rt.stop();
});

const pod = (name: string, cpu: string, priorityClassName?: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { ...(priorityClassName ? { priorityClassName } : {}), containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu } } }] },
});
const get = (name: string) => rt.client.get<Pod>({ ...PODS, name });
const refusal = (e: unknown) => (e as { status?: { code: number; message: string } }).status;

test('priority comes from the PriorityClass; an unknown class or a hand-set priority is refused', async () => {
  const made = await rt.client.create<Pod>(PODS, pod('classy', '10m', 'high'));
  assert.is(made.spec.priority, 1000);
  assert.is(made.spec.preemptionPolicy, 'PreemptLowerPriority');
  assert.is((await rt.client.create<Pod>(PODS, pod('plain', '10m'))).spec.priority, 0);
  const unknown = await rt.client.create(PODS, pod('nope', '10m', 'missing')).then(() => undefined, refusal);
  assert.is(unknown?.code, 403);
  assert.is(unknown?.message, 'pods "nope" is forbidden: no PriorityClass with name missing was found');
  const forged = await rt.client.create(PODS, { ...pod('forged', '10m', 'low'), spec: { ...pod('forged', '10m', 'low').spec, priority: 5 } }).then(() => undefined, refusal);
  assert.is(forged?.message, 'pods "forged" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name');
  const system = await rt.client.get<KubeObject & { value: number }>({ ...CLASSES, name: 'system-node-critical' });
  assert.is(system.value, 2000001000);
  for (const n of ['classy', 'plain']) await rt.client.delete({ ...PODS, name: n }, { gracePeriodSeconds: 0 });
});

test('a high-priority pod that fits nowhere preempts one low-priority pod and is bound in its place', async () => {
  // Each 4-cpu node gets one 3-cpu low-priority pod: no node has 2 cpus free.
  for (let i = 0; i < 3; i++) await rt.client.create(PODS, pod(`low-${i}`, '3', 'low', { tier: 'low' }));
  await until('low pods bound', async () => {
    const all = await Promise.all([0, 1, 2].map((i) => get(`low-${i}`)));
    return all.every((p) => p.spec.nodeName) && new Set(all.map((p) => p.spec.nodeName)).size === 3;
  });
  // Equal priority and preemptionPolicy Never preempt nothing.
  await rt.client.create(PODS, pod('peer', '2', 'low'));
  await rt.client.create(PODS, pod('polite', '2', 'polite'));
  for (const name of ['peer', 'polite']) {
    const c = await until(`${name} unschedulable`, async () => (await get(name)).status?.conditions?.find((x) => x.type === 'PodScheduled' && x.reason === 'Unschedulable'));
    assert.match(c.message ?? '', /^0\/3 nodes are available: 3 Insufficient cpu\. preemption: /);
  }
  await rt.client.create(PODS, pod('vip', '3', 'high'));
  const vip = await until('vip bound', async () => {
    const p = await get('vip');
    return p.spec.nodeName ? p : undefined;
  });
  assert.is(vip.status?.nominatedNodeName, vip.spec.nodeName, 'the node it was nominated for');
  const lows = (await rt.client.list<Pod>(PODS, { labelSelector: 'tier=low' })).items;
  assert.is(lows.filter((p) => !p.metadata.deletionTimestamp).length, 2, 'exactly one victim');
  assert.not.ok(lows.some((p) => p.spec.nodeName === vip.spec.nodeName && !p.metadata.deletionTimestamp), 'the victim was on the vip node');
  const events = await rt.client.list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>({ group: '', version: 'v1', resource: 'events', namespace: 'default' });
  const preempted = events.items.find((e) => e.reason === 'Preempted');
  assert.ok(preempted, 'a Preempted event');
  assert.match(preempted!.message ?? '', new RegExp(`^Preempted by default/vip on node ${vip.spec.nodeName}$`));
  for (const name of ['peer', 'polite']) assert.not.ok((await get(name)).spec.nodeName, `${name} still waits`);
});

test.run();
