// Time-driven controllers under a fake clock: CronJob schedules and history,
// a failing Job's back-off up to backoffLimit, CrashLoopBackOff restarts,
// and a StatefulSet that starts in order and rolls in reverse order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock } from '../../../src/util/clock.js';
import { runtimeFixture } from '../../support/runtime.js';
import { untilAdvancing } from '../helpers.js';

const clock = new FakeClock('2026-03-01T11:58:30Z');
const cluster = runtimeFixture('skiff-timed-', { clock });
const { ok } = cluster;

/** Polls `fn`, advancing the test clock by `stepMs` between tries. */
const until = <T>(what: string, fn: () => Promise<T | undefined | false>, stepMs = 0, tries = 400) => untilAdvancing(clock, what, fn, stepMs, tries);

const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default' };
const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };

test.before(cluster.start);

test.after(cluster.stop);

test('a CronJob fires on schedule under the test clock and keeps 3 successful Jobs', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {annotations: {sim.skiff.dev/run-time: 10s}}
        spec:
          restartPolicy: Never
          containers: [{name: t, image: busybox}]
`);
  await new Promise((r) => setTimeout(r, 200));
  assert.is((await cluster.rt.client.list(JOBS)).items.length, 0, 'nothing before 12:00');
  for (let i = 0; i < 18; i++) {
    clock.advance(5_000); // to 12:00:00, in heartbeat-sized steps
    await new Promise((r) => setTimeout(r, 10));
  }
  const j: any = await until('first job', async () => (await cluster.rt.client.list(JOBS)).items[0]);
  assert.is(j.metadata.name, `tick-${Date.parse('2026-03-01T12:00:00Z') / 60_000}`);
  assert.is(j.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-03-01T12:00:00Z');
  assert.is(j.metadata.ownerReferences[0].kind, 'CronJob');
  // Four more runs, every 5 minutes; each completes after its 10 s run time.
  const seen = new Set<string>([j.metadata.name]);
  for (let i = 0; i < 4; i++) {
    const fresh: any = await until('next job', async () => {
      const jobs = (await cluster.rt.client.list(JOBS)).items;
      return jobs.find((x) => !seen.has(x.metadata.name!));
    }, 5_000, 100);
    seen.add(fresh.metadata.name);
    assert.is(fresh.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], `2026-03-01T12:${String((i + 1) * 5).padStart(2, '0')}:00Z`);
    await until('job done', async () => ((await cluster.rt.client.get({ ...JOBS, name: fresh.metadata.name })) as any).status?.conditions?.some((c: any) => c.type === 'Complete'), 1_000);
  }
  const cj: any = await until('history pruned', async () => {
    const jobs = (await cluster.rt.client.list(JOBS)).items.filter((x) => !x.metadata.deletionTimestamp);
    const c: any = await cluster.rt.client.get({ group: 'batch', version: 'v1', resource: 'cronjobs', namespace: 'default', name: 'tick' });
    return jobs.length === 3 && !c.status.active ? c : undefined;
  }, 1_000);
  assert.is(cj.status.lastScheduleTime, '2026-03-01T12:20:00Z');
  assert.is(cj.status.active, undefined);
  assert.ok(cj.status.lastSuccessfulTime);
  await ok(['delete', 'cronjob', 'tick']);
});

test('a failing Job retries with back-off and fails at backoffLimit', async () => {
  await cluster.rt.client.create(JOBS, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'flaky' },
    spec: { backoffLimit: 2, template: { metadata: { annotations: { 'sim.skiff.dev/run-time': '1s', 'sim.skiff.dev/exit-code': '3' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox' }] } } },
  });
  const j: any = await until('job failed', async () => {
    const x: any = await cluster.rt.client.get({ ...JOBS, name: 'flaky' });
    return x.status?.conditions?.some((c: any) => c.type === 'Failed') ? x : undefined;
  }, 1_000);
  assert.is(j.status.failed, 3);
  assert.equal(j.status.conditions.map((c: any) => `${c.type}/${c.reason}`), ['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
  const pods = (await cluster.rt.client.list(PODS, { labelSelector: 'batch.kubernetes.io/job-name=flaky' })).items as any[];
  assert.is(pods.length, 3);
  assert.ok(pods.every((p) => p.status.phase === 'Failed' && p.status.containerStatuses[0].state.terminated.exitCode === 3));
  const created = pods.map((p) => Date.parse(p.metadata.creationTimestamp)).sort();
  assert.ok(created[1]! - created[0]! >= 10_000 && created[2]! - created[1]! >= 20_000, JSON.stringify(created.map((c) => c - created[0]!)));
  assert.ok(created[1]! - created[0]! >= 10_000 && created[2]! - created[1]! >= 20_000, 'back-off of 10 s then 20 s between attempts');
});

test('a crashing container restarts with CrashLoopBackOff back-off', async () => {
  await cluster.rt.client.create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'crashy', annotations: { 'sim.skiff.dev/crash-after': '2s' } },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });
  const p: any = await until('crash loop', async () => {
    const x: any = await cluster.rt.client.get({ ...PODS, name: 'crashy' });
    return x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff' ? x : undefined;
  }, 500);
  assert.is(p.status.containerStatuses[0].restartCount, 1);
  assert.is(p.status.containerStatuses[0].lastState.terminated.exitCode, 1);
  const again: any = await until('restarted', async () => {
    const x: any = await cluster.rt.client.get({ ...PODS, name: 'crashy' });
    return x.status.containerStatuses[0].state.running ? x : undefined;
  }, 1_000);
  assert.is(again.status.containerStatuses[0].restartCount, 1);
  const out = await ok(['get', 'pod', 'crashy']);
  assert.match(out, /crashy\s+\S+\s+\S+\s+1 \(/);
});

test('a StatefulSet comes up in order and rolls in reverse order', async () => {
  const order: string[] = [];
  const w = cluster.rt.client.watch(PODS, { labelSelector: 'app=db' }, (ev) => {
    if (ev.type === 'ADDED') order.push(`+${ev.object.metadata.name}`);
    if (ev.type === 'DELETED') order.push(`-${ev.object.metadata.name}`);
  });
  await ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16", readinessProbe: {exec: {command: ["true"]}, initialDelaySeconds: 5}}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
  const ticker = setInterval(() => clock.advance(1000), 30);
  try {
    await ok(['rollout', 'status', 'statefulset/db', '--timeout=60s']);
    assert.equal(order, ['+db-0', '+db-1', '+db-2']);
    const pvcs = await cluster.rt.client.list({ group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' });
    assert.equal(pvcs.items.map((p) => p.metadata.name).sort(), ['data-db-0', 'data-db-1', 'data-db-2']);
    const bound: any = await until('claims bound', async () => {
      const x: any = await cluster.rt.client.get({ group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default', name: 'data-db-0' });
      return x.status?.phase === 'Bound' ? x : undefined;
    });
    const pv: any = await cluster.rt.client.get({ group: '', version: 'v1', resource: 'persistentvolumes', name: `pvc-${bound.metadata.uid}` });
    assert.is(pv.spec.storageClassName, 'standard');
    // The claim names its volume and the default class, as the upstream binder leaves it (kubectl's VOLUME and STORAGECLASS columns).
    assert.equal([bound.spec.volumeName, bound.spec.storageClassName], [pv.metadata.name, 'standard']);
    assert.equal([pv.spec.capacity.storage, pv.spec.claimRef.name, pv.status.phase], ['1Gi', 'data-db-0', 'Bound']);
    const p0: any = await cluster.rt.client.get({ ...PODS, name: 'db-0' });
    assert.is(p0.spec.hostname, 'db-0');
    assert.is(p0.spec.subdomain, 'db');
    assert.is(p0.metadata.labels['apps.kubernetes.io/pod-index'], '0');
    order.length = 0;
    await ok(['set', 'image', 'statefulset/db', 'db=postgres:17']);
    await ok(['rollout', 'status', 'statefulset/db', '--timeout=60s']);
  } finally {
    clearInterval(ticker);
    w.stop();
  }
  assert.equal(order, ['-db-2', '+db-2', '-db-1', '+db-1', '-db-0', '+db-0']);
  const sts: any = await cluster.rt.client.get({ group: 'apps', version: 'v1', resource: 'statefulsets', namespace: 'default', name: 'db' });
  assert.is(sts.status.currentRevision, sts.status.updateRevision);
  assert.is(sts.status.updatedReplicas, 3);
  const revs = await cluster.rt.client.list({ group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: 'default' });
  assert.is(revs.items.length, 2);
  const history = await ok(['rollout', 'history', 'statefulset/db']);
  assert.match(history, /1\s+<none>\n2\s+<none>/);
});

test.run();
