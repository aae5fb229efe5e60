// Node failure and maintenance: a stopped node goes Unknown after the grace
// period and its pods move after their toleration (fake clock); kubectl drain
// evicts through a PodDisruptionBudget.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setNodeRunningVia } from '../../../src/cluster/nodes.js';
import { FakeClock } from '../../../src/util/clock.js';
import { kubectlBinary } from '../../support/helm.js';
import { run } from '../../support/cli.js';
import { runtimeFixture } from '../../support/runtime.js';
import { untilAdvancing } from '../helpers.js';

const clock = new FakeClock(new Date());
const cluster = runtimeFixture('skiff-lc-', { clock });
const { ok } = cluster;

/** Polls `fn`, advancing the test clock by `stepMs` between tries. */
const until = <T>(what: string, fn: () => Promise<T | undefined | false>, stepMs = 0, tries = 400) => untilAdvancing(clock, what, fn, stepMs, tries);

const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const NODE = (name: string) => ({ group: '', version: 'v1', resource: 'nodes', name });

test.before(cluster.start);

test.after(cluster.stop);

const running = async (sel: string) =>
  (await cluster.rt.client.list(PODS, { labelSelector: sel })).items.filter((p: any) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')) as any[];

test('a stopped node becomes Unknown after 40 s and its pods are recreated elsewhere after 300 s', async () => {
  await ok(['create', 'deployment', 'svc', '--image=nginx', '--replicas=6']);
  await until('6 ready pods', async () => (await running('app=svc')).length === 6);
  const victims = (await running('app=svc')).filter((p) => p.spec.nodeName === 'skiff-node-1');
  assert.ok(victims.length > 0, 'some pods run on skiff-node-1');
  await setNodeRunningVia(cluster.rt.client, 'skiff-node-1', false);

  clock.advance(30_000);
  await new Promise((r) => setTimeout(r, 100));
  let n: any = await cluster.rt.client.get(NODE('skiff-node-1'));
  assert.is(n.status.conditions.find((c: any) => c.type === 'Ready').status, 'True', 'still within the grace period');

  n = await until('node Unknown', async () => {
    const x: any = await cluster.rt.client.get(NODE('skiff-node-1'));
    return x.status.conditions.find((c: any) => c.type === 'Ready').status === 'Unknown' && x.spec.taints?.length === 2 ? x : undefined;
  }, 5_000);
  const ready = n.status.conditions.find((c: any) => c.type === 'Ready');
  assert.is(ready.reason, 'NodeStatusUnknown');
  assert.is(ready.message, 'Kubelet stopped posting node status.');
  assert.equal(n.spec.taints.map((t: any) => `${t.key}:${t.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  // The pods are not ready any more but are not evicted before their 300 s toleration.
  const stale: any = await cluster.rt.client.get({ ...PODS, name: victims[0].metadata.name });
  assert.is(stale.status.conditions.find((c: any) => c.type === 'Ready').status, 'False');
  assert.is(stale.metadata.deletionTimestamp, undefined);

  await until('pods moved', async () => {
    const r = await running('app=svc');
    return r.length === 6 && r.every((p) => p.spec.nodeName !== 'skiff-node-1');
  }, 10_000);
  const old: any = await cluster.rt.client.get({ ...PODS, name: victims[0].metadata.name });
  assert.ok(old.metadata.deletionTimestamp, 'the old pod is marked for deletion and stays Terminating on the dead node');

  await setNodeRunningVia(cluster.rt.client, 'skiff-node-1', true);
  await until('node back', async () => {
    const x: any = await cluster.rt.client.get(NODE('skiff-node-1'));
    return x.status.conditions.find((c: any) => c.type === 'Ready').status === 'True' && !x.spec.taints?.length;
  }, 1000);
  await until('terminating pods finalised', async () => (await cluster.rt.client.list(PODS, { labelSelector: 'app=svc' })).items.length === 6, 1000);
});

test('kubectl drain is refused by a PodDisruptionBudget with no disruptions allowed; budget status follows maxUnavailable; drain evicts', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: svc}
spec:
  minAvailable: 6
  selector: {matchLabels: {app: svc}}
`);
  const pdbRef = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: 'default', name: 'svc' };
  const st: any = await until('pdb status', async () => {
    const x: any = await cluster.rt.client.get(pdbRef);
    return x.status?.currentHealthy === 6 ? x.status : undefined;
  });
  assert.equal({ desired: st.desiredHealthy, expected: st.expectedPods, allowed: st.disruptionsAllowed }, { desired: 6, expected: 6, allowed: 0 });
  assert.is(st.conditions[0].reason, 'InsufficientPods');
  assert.ok((await running('app=svc')).some((p) => p.spec.nodeName === 'skiff-node-2'));
  const refused = await run(kubectlBinary(), ['drain', 'skiff-node-2', '--ignore-daemonsets', '--timeout=3s'], { env: cluster.env, timeoutMs: 60_000 });
  assert.is.not(refused.code, 0);
  assert.match(refused.stderr, /Cannot evict pod as it would violate the pod's disruption budget/);

  await ok(['patch', 'pdb', 'svc', '--type=merge', '-p', '{"spec":{"minAvailable":null,"maxUnavailable":"50%"}}']);
  const relaxed: any = await until('pdb allows', async () => {
    const x: any = await cluster.rt.client.get(pdbRef);
    return x.status?.disruptionsAllowed === 3 ? x.status : undefined;
  });
  assert.is(relaxed.desiredHealthy, 3, 'maxUnavailable 50% of the 6 replicas the Deployment asks for');
  const onNode2 = (await running('app=svc')).filter((p) => p.spec.nodeName === 'skiff-node-2').map((p) => p.metadata.name).sort();
  // A server-side dry run evicts nothing and charges no budget (the refused drain above already cordoned the node).
  const budgetRv = ((await cluster.rt.client.get(pdbRef)) as any).metadata.resourceVersion;
  const dry = await ok(['drain', 'skiff-node-2', '--ignore-daemonsets', '--dry-run=server']);
  assert.match(dry, /evicting pod default\/svc-\S+ \(server dry run\)/);
  assert.match(dry, /node\/skiff-node-2 drained \(server dry run\)/);
  assert.equal((await running('app=svc')).filter((p) => p.spec.nodeName === 'skiff-node-2').map((p) => p.metadata.name).sort(), onNode2);
  const budget: any = await cluster.rt.client.get(pdbRef);
  assert.is(budget.status.disruptionsAllowed, 3);
  assert.is(budget.metadata.resourceVersion, budgetRv, 'the budget was not written');
  // The drain itself runs under the budget: concurrent evictions share its disruptions.
  const ticker = setInterval(() => clock.advance(1000), 50);
  try {
    const out = await ok(['drain', 'skiff-node-2', '--ignore-daemonsets', '--timeout=60s']);
    assert.match(out, /node\/skiff-node-2 drained/);
  } finally {
    clearInterval(ticker);
  }
  const after = await until('replacements ready', async () => {
    const r = await running('app=svc');
    return r.length === 6 ? r : undefined;
  });
  assert.ok(after.every((p) => p.spec.nodeName !== 'skiff-node-2'));
  const n: any = await cluster.rt.client.get(NODE('skiff-node-2'));
  assert.is(n.spec.unschedulable, true);
  assert.ok(n.spec.taints.some((t: any) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule'));
});

test.run();
