// The scheduler's filter and score functions, and the pure helpers of the controllers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filterNode, podRequests, resourceScores, type NodeInfo } from '../../../src/runtime/scheduler/predicates.js';
import { tolerates } from '../../../src/runtime/kit/placement.js';
import { selectVictims, type Placed } from '../../../src/runtime/scheduler/preemption.js';
import { resolveFenceposts } from '../../../src/runtime/controllers/deployment.js';
import { nextRun, parseCron } from '../../../src/runtime/controllers/cron.js';
import { formatIndexes, jobBackoffMs } from '../../../src/runtime/controllers/job.js';
import { FakeClock } from '../../../src/util/clock.js';
import { restartBackoffMs } from '../../../src/runtime/nodes/behaviour.js';

const node = (name: string, extra: any = {}): NodeInfo => ({
  node: { metadata: { name, labels: { zone: 'a', ...(extra.labels ?? {}) } }, spec: extra.spec ?? {}, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '3', 'ephemeral-storage': '10Gi' } } } as any,
  requested: { cpu: extra.cpu ?? 0, memory: 0, ephemeral: 0 },
  nonZero: { cpu: extra.cpu ?? 0, memory: 0, ephemeral: 0 },
  pods: extra.pods ?? 0,
  ports: new Set(extra.ports ?? []),
  podKeys: new Set(),
});
const pod = (spec: any): any => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x', ...(spec.container ?? {}) }], ...spec } });
const ok = () => undefined;
const reasons = (p: any, n: NodeInfo) => filterNode(p, podRequests(p), [], n, ok);

test('resources: requests against allocatable, with upstream reason words', () => {
  assert.equal(reasons(pod({ container: { resources: { requests: { cpu: '3' } } } }), node('n')), ['Insufficient cpu']);
  assert.equal(reasons(pod({ container: { resources: { requests: { cpu: '500m', memory: '5Gi' } } } }), node('n', { cpu: 1800 })), ['Insufficient cpu', 'Insufficient memory']);
  assert.equal(reasons(pod({}), node('n', { pods: 3 })), ['Too many pods']);
  assert.equal(reasons(pod({ container: { resources: { requests: { cpu: '1' } } } }), node('n', { cpu: 1000 })), []);
  // init containers count by their maximum, not their sum
  assert.equal(podRequests(pod({ initContainers: [{ name: 'i', resources: { requests: { cpu: '1500m' } } }], container: { resources: { requests: { cpu: '200m' } } } })).cpu, 1500);
});

test('taints, tolerations, cordon, node selector and affinity', () => {
  const tainted = node('n', { spec: { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] } });
  assert.equal(reasons(pod({}), tainted), ['node(s) had untolerated taint {gpu: true}']);
  assert.equal(reasons(pod({ tolerations: [{ key: 'gpu', operator: 'Exists' }] }), tainted), []);
  assert.ok(tolerates([{ operator: 'Exists' }], { key: 'anything', effect: 'NoExecute' }));
  assert.not.ok(tolerates([{ key: 'gpu', value: 'false' }], { key: 'gpu', value: 'true', effect: 'NoSchedule' }));
  assert.equal(reasons(pod({}), node('n', { spec: { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] } })), []);
  assert.equal(reasons(pod({}), node('n', { spec: { unschedulable: true } })), ['node(s) were unschedulable']);
  assert.equal(reasons(pod({ nodeSelector: { zone: 'b' } }), node('n')), ["node(s) didn't match Pod's node affinity/selector"]);
  const aff = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'c'] }] }] } } };
  assert.equal(reasons(pod({ affinity: aff }), node('n')), []);
  assert.equal(reasons(pod({ affinity: aff }), node('m', { labels: { zone: 'z' } })), ["node(s) didn't match Pod's node affinity/selector"]);
  assert.equal(filterNode(pod({}), podRequests(pod({})), ['TCP/0.0.0.0/80'], node('n', { ports: ['TCP/0.0.0.0/80'] }), ok), ["node(s) didn't have free ports for the requested pod ports"]);
});

test('least-allocated prefers emptier nodes; balanced prefers even use', () => {
  const req = { cpu: 100, memory: 200 * 2 ** 20, ephemeral: 0 };
  assert.ok(resourceScores(req, node('empty')).least > resourceScores(req, node('busy', { cpu: 1500 })).least);
  assert.ok(resourceScores(req, node('empty')).balanced > resourceScores(req, node('busy', { cpu: 1500 })).balanced);
});

test('rolling update fenceposts round surge up and unavailable down', () => {
  const d = (replicas: number, maxSurge?: unknown, maxUnavailable?: unknown): any => ({ spec: { replicas, strategy: { rollingUpdate: { maxSurge, maxUnavailable } } } });
  assert.equal(resolveFenceposts(d(10)), { surge: 3, unavailable: 2 });
  assert.equal(resolveFenceposts(d(3, '0%', '0%')), { surge: 0, unavailable: 1 });
  assert.equal(resolveFenceposts(d(5, 2, '50%')), { surge: 2, unavailable: 2 });
});

test('cron schedules, macros and time zones', () => {
  const from = new Date('2026-03-01T11:58:30Z');
  assert.is(nextRun(parseCron('*/5 * * * *'), from)!.toISOString(), '2026-03-01T12:00:00.000Z');
  assert.is(nextRun(parseCron('@hourly'), from)!.toISOString(), '2026-03-01T12:00:00.000Z');
  assert.is(nextRun(parseCron('30 9 * * mon-fri'), from)!.toISOString(), '2026-03-02T09:30:00.000Z');
  assert.is(nextRun(parseCron('0 9 * * *'), from, 'Europe/Berlin')!.toISOString(), '2026-03-02T08:00:00.000Z');
  assert.is(nextRun(parseCron('@yearly'), from)!.toISOString(), '2027-01-01T00:00:00.000Z');
  assert.throws(() => parseCron('* * *'), /exactly 5 fields/);
  assert.throws(() => parseCron('61 * * * *'), /out of range/);
});

test('back-off and index helpers', () => {
  assert.equal([1, 2, 3, 10].map(jobBackoffMs), [10_000, 20_000, 40_000, 360_000]);
  assert.equal([0, 1, 5, 9].map(restartBackoffMs), [10_000, 20_000, 300_000, 300_000]);
  assert.is(formatIndexes([4, 0, 1, 2, 7, 8]), '0-2,4,7-8');
});

test('the fake clock fires due timers in order and only when advanced', () => {
  const c = new FakeClock('2026-01-01T00:00:00Z');
  const fired: string[] = [];
  c.setTimeout(() => fired.push('b'), 2000);
  c.setTimeout(() => fired.push('a'), 1000);
  const t = c.setTimeout(() => fired.push('x'), 1500);
  t.cancel();
  c.advance(999);
  assert.equal(fired, []);
  c.advance(1001);
  assert.equal(fired, ['a', 'b']);
  assert.is(c.now().toISOString(), '2026-01-01T00:00:02.000Z');
});

test('preemption picks the node whose victims no disruption budget protects, then the least important', () => {
  // Two full nodes (2 cpu each), each with one 2-cpu pod of priority 10; the incoming pod needs 1 cpu.
  const placed = (name: string, nodeName: string, priority: number, labels: Record<string, string>): Placed => ({
    key: `default/${name}`,
    pod: { metadata: { name, namespace: 'default', labels }, spec: { priority, nodeName } } as any,
    req: { cpu: 2000, memory: 0, ephemeral: 0 },
    ports: [],
  });
  const a = node('a', { cpu: 2000, pods: 1 });
  const b = node('b', { cpu: 2000, pods: 1 });
  const on: Record<string, Placed[]> = { a: [placed('a1', 'a', 10, { app: 'db' })], b: [placed('b1', 'b', 10, { app: 'web' })] };
  const incoming = pod({ priority: 100, container: { resources: { requests: { cpu: '1' } } } });
  const pick = (budgets: any[] = [], nodes = [a, b]) => selectVictims(incoming, podRequests(incoming), [], nodes, (n) => on[n] ?? [], ok, budgets);
  assert.is(pick()!.node.node.metadata.name, 'a', 'a tie goes to the first node');
  assert.equal(pick()!.victims.map((v) => v.key), ['default/a1']);
  const dbBudget = { namespace: 'default', selector: { matchLabels: { app: 'db' } }, allowed: 0 };
  assert.is(pick([dbBudget])!.node.node.metadata.name, 'b', 'the budget protects a1');
  assert.is(pick([{ ...dbBudget, allowed: 1 }])!.node.node.metadata.name, 'a', 'a budget that allows one disruption protects nothing');
  // Without a choice, the protected pod is still a victim: budgets are preferences here, as upstream.
  assert.equal(pick([dbBudget], [a])!.victims.map((v) => v.key), ['default/a1']);
  // Lower-priority victims win over higher ones.
  on.b = [placed('b1', 'b', 5, { app: 'web' })];
  assert.is(pick()!.node.node.metadata.name, 'b');
  // Nothing of lower priority: no preemption.
  const equal = pod({ priority: 5, container: { resources: { requests: { cpu: '1' } } } });
  on.a = [placed('a1', 'a', 10, {})];
  assert.is(selectVictims(equal, podRequests(equal), [], [a, b], (n) => on[n] ?? [], ok), undefined);
});

test.run();
