import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newConfiguration } from '../../src/action/configuration.js';
import { install } from '../../src/action/install.js';
import { upgrade } from '../../src/action/upgrade.js';
import { history } from '../../src/action/history.js';
import { runTests } from '../../src/action/test.js';
import { lockAnnotations } from '../../src/release/lock.js';
import { FakeClock } from '../../src/util/clock.js';
import type { ProgressEvent } from '../../src/release/progress.js';
import { fakeBackend } from '../support/fake-backend.js';
import { buildChart, configMap, service } from '../support/chart-builder.js';
import { rejects } from '../support/releases.js';

/** A clock that advances only when slept on, so waits time out instantly. */
function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  return new FakeClock(start, { advanceOnSleep: true });
}

const hook = (name: string, kind: 'Job' | 'ConfigMap', events: string, weight: number, policy?: string, extra = '') => `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'v1'}
kind: ${kind}
metadata:
  name: ${name}
  annotations:
    helm.sh/hook: ${events}
    helm.sh/hook-weight: "${weight}"
${policy ? `    helm.sh/hook-delete-policy: ${policy}\n` : ''}${extra}${kind === 'Job' ? 'spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: x, image: busybox}]\n' : 'data: {}\n'}`;

test('hooks run in weight-then-name order, are created (never patched), and honour delete policies', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'memory' });
  const chart = buildChart({
    templates: {
      'cm.yaml': configMap('app', 'x'),
      'h1.yaml': hook('b-second', 'Job', 'pre-install,pre-upgrade', 5, 'hook-succeeded'),
      'h2.yaml': hook('a-first', 'Job', 'pre-install', 5),
      'h3.yaml': hook('z-early', 'ConfigMap', 'pre-install', -1, 'before-hook-creation'),
      'h4.yaml': hook('post', 'Job', 'post-install', 0, 'hook-failed'),
    },
  });
  const r = await install(cfg, { chart, values: {}, namespace: 'default', releaseName: 'h' });
  assert.equal(be.client.ops.filter((o) => !o.includes('Secret')), [
    'create ConfigMap/z-early',
    'create Job/a-first',
    'create Job/b-second',
    'delete Job/b-second', // hook-succeeded: once every pre-install hook has succeeded
    'create ConfigMap/app',
    'create Job/post',
  ]);
  assert.ok(be.applied.every((a) => a === 'ConfigMap/app'), 'hooks never go through apply/patch');
  const stored = await cfg.releases.get('default', 'h', 1);
  const runs = Object.fromEntries(stored.hooks.map((h) => [h.name, h.last_run.phase]));
  assert.equal(runs, { 'z-early': 'Succeeded', 'a-first': 'Succeeded', 'b-second': 'Succeeded', post: 'Succeeded' });
  assert.ok(stored.hooks.every((h) => h.last_run.started_at && h.last_run.completed_at));
  // before-hook-creation (default) deletes the previous copy before creating again on upgrade
  be.client.ops.length = 0;
  await upgrade(cfg, { chart, values: {}, namespace: 'default', releaseName: 'h' });
  assert.equal(be.client.ops.filter((o) => o.includes('Job')), ['create Job/b-second', 'delete Job/b-second']);
  assert.is(r.release.hooks.length, 4);
});

test('a failed hook fails the operation with its name and reason, and is recorded as Failed', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'memory' });
  const chart = buildChart({
    templates: {
      'cm.yaml': configMap('app', 'x'),
      'h.yaml': hook('migrate', 'Job', 'pre-install', 0, 'hook-failed', '    fake.skiff.io/fail: "BackoffLimitExceeded: exit code 3"\n'),
    },
  });
  await rejects(() => install(cfg, { chart, values: {}, namespace: 'default', releaseName: 'f' }), /pre-install hook Job migrate failed: .*exit code 3/);
  const rel = await cfg.releases.get('default', 'f', 1);
  assert.is(rel.info.status, 'failed');
  assert.is(rel.hooks[0]!.last_run.phase, 'Failed');
  assert.ok(!be.client.objects.has('/configmaps/default/app'), 'resources not applied after a failed pre-install hook');
  assert.ok(!be.client.objects.has('batch/jobs/default/migrate'), 'hook-failed policy deleted it');
});

test('a concurrent second operation is refused at once and writes nothing; an expired lock is recovered', async () => {
  const clock = fakeClock();
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'secret', clock });
  const chart = buildChart({ templates: { 'cm.yaml': configMap('app', '{{ Values.v | default("a") }}') } });
  await install(cfg, { chart, values: {}, namespace: 'default', releaseName: 'l' });
  // Simulate an upgrade in flight: a pending revision holding the lock (what a running skiff writes first).
  const r1 = await cfg.releases.get('default', 'l', 1);
  await cfg.releases.create({ ...r1, version: 2, info: { ...r1.info, status: 'pending-upgrade' } }, { annotations: lockAnnotations('upgrade', 60_000, clock.now().getTime()) });
  const before = be.client.objects.size;
  const err = await rejects(() => upgrade(cfg, { chart, values: { v: 'b' }, valuesGiven: true, namespace: 'default', releaseName: 'l' }), /another operation \(upgrade\) is in progress on release "l"/);
  assert.match(err.message, /lock expires at/);
  assert.is(be.client.objects.size, before, 'nothing written');
  // The holder dies; after the lock expires the next upgrade marks revision 2 failed and proceeds.
  clock.advance(120_000);
  const events: ProgressEvent[] = [];
  const r = await upgrade(cfg, { chart, values: { v: 'b' }, valuesGiven: true, namespace: 'default', releaseName: 'l', onProgress: (e) => events.push(e) });
  assert.is(r.release.version, 3);
  assert.match(r.warnings.join('\n'), /revision 2 was left pending-upgrade by an interrupted upgrade .* marked it failed and continuing/);
  assert.ok(events.some((e) => e.type === 'warning' && /interrupted/.test(e.message)));
  assert.equal((await history(cfg, { releaseName: 'l', namespace: 'default' })).map((h) => h.status), ['superseded', 'failed', 'deployed']);
  const last = await cfg.releases.last('default', 'l');
  assert.equal(Object.keys(last!.annotations).filter((k) => k.startsWith('skiff.io/lock')), [], 'lock released');
});

test('two upgrades started together: the loser of the race for the new revision gets the lock message and writes nothing', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'secret' });
  const chart = buildChart({ templates: { 'cm.yaml': configMap('app', '{{ Values.v | default("a") }}') } });
  await install(cfg, { chart, values: {}, namespace: 'default', releaseName: 'race' });
  // The winner waits on a Service that never becomes ready, so its lock is live when the loser fails (4 s: the loser's render may queue behind the winner's on a busy machine).
  const slow = buildChart({ templates: { 'cm.yaml': configMap('app', '{{ Values.v }}'), 'svc.yaml': service('web', '  annotations:\n    fake.skiff.io/ready: "false"\n') } });
  // Both read the history (the release is free) before either writes revision 2.
  const readHistory = cfg.releases.history.bind(cfg.releases);
  const barrier: (() => void)[] = [];
  cfg.releases.history = async (ns, name) => {
    const h = await readHistory(ns, name);
    if (barrier.length < 2) {
      await new Promise<void>((resolve) => {
        barrier.push(resolve);
        if (barrier.length === 2) for (const r of barrier) r();
      });
    }
    return h;
  };
  const results = await Promise.allSettled(['b', 'c'].map((v) => upgrade(cfg, { chart: slow, values: { v }, valuesGiven: true, namespace: 'default', releaseName: 'race', wait: true, timeoutMs: 4000 })));
  const messages = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'succeeded'));
  const lost = messages.filter((m) => m.startsWith('another operation'));
  assert.is(lost.length, 1, messages.join('\n'));
  assert.match(lost[0]!, /^another operation \(upgrade\) is in progress on release "race" \(revision 2, .*pid \d+\); its lock expires at /);
  assert.ok(messages.some((m) => /timed out/.test(m)), 'the winner ran its wait');
  assert.equal((await history(cfg, { releaseName: 'race', namespace: 'default' })).map((h) => h.status), ['deployed', 'failed'], 'the loser wrote no revision');
});

test('--atomic upgrade whose resources never become ready rolls back and says so; history stays intact', async () => {
  const clock = fakeClock();
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'secret', clock });
  const good = buildChart({ templates: { 'cm.yaml': configMap('app', 'good') } });
  const bad = buildChart({ version: '2.0.0', templates: { 'cm.yaml': configMap('app', 'bad'), 'svc.yaml': service('web', '  annotations:\n    fake.skiff.io/ready: "false"\n'), 'new.yaml': configMap('extra', 'n') } });
  await install(cfg, { chart: good, values: {}, namespace: 'default', releaseName: 'a' });
  const events: ProgressEvent[] = [];
  const err = await rejects(
    () => upgrade(cfg, { chart: bad, values: {}, namespace: 'default', releaseName: 'a', atomic: true, timeoutMs: 5_000, onProgress: (e) => events.push(e) }),
    /release a failed, and has been rolled back due to atomic being set \(revision 1 is deployed again\)/,
  );
  assert.match(err.message, /timed out after 5s waiting for 1 of 3 resources to become ready:\n  not ready: Service web: 0\/1 ready\n  ready: ConfigMap app, ConfigMap extra/);
  assert.ok(events.some((e) => e.type === 'wait' && e.resources.some((r) => !r.ready)));
  assert.equal((await history(cfg, { releaseName: 'a', namespace: 'default' })).map((h) => [h.revision, h.status]), [[1, 'superseded'], [2, 'failed'], [3, 'deployed']]);
  assert.is((be.client.objects.get('/configmaps/default/app') as any).data.value, 'good');
  assert.ok(!be.client.objects.has('/configmaps/default/extra'), 'the object the failed upgrade added is gone again');
  assert.ok(!be.client.objects.has('/services/default/web'));
});

test('a failed upgrade without --atomic records only the new revision as failed; the next upgrade diffs against the deployed one', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'memory' });
  await install(cfg, { chart: buildChart({ templates: { 'cm.yaml': configMap('one', '1') } }), values: {}, namespace: 'default', releaseName: 'u' });
  const broken = buildChart({ templates: { 'cm.yaml': configMap('one', '1'), 'x.yaml': service('x', '  annotations:\n    fake.skiff.io/fail: "ImagePullBackOff"\n') } });
  await rejects(() => upgrade(cfg, { chart: broken, values: {}, namespace: 'default', releaseName: 'u', wait: true }), /Service x failed: ImagePullBackOff/);
  await upgrade(cfg, { chart: buildChart({ templates: { 'cm.yaml': configMap('two', '2') } }), values: {}, namespace: 'default', releaseName: 'u' });
  assert.ok(!be.client.objects.has('/configmaps/default/one'), 'baseline was the deployed revision 1, so "one" was removed');
  assert.ok(be.client.objects.has('/services/default/x'), 'the failed revision is not the baseline, so its object is not deleted (Helm does the same)');
  assert.equal((await history(cfg, { releaseName: 'u', namespace: 'default' })).map((h) => h.status), ['superseded', 'failed', 'deployed']);
});

test('--atomic install uninstalls on failure; test hooks run with --filter', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'memory' });
  const bad = buildChart({ templates: { 'cm.yaml': configMap('app', 'x'), 'svc.yaml': service('app', '  annotations:\n    fake.skiff.io/fail: "CrashLoopBackOff"\n') } });
  await rejects(() => install(cfg, { chart: bad, values: {}, namespace: 'default', releaseName: 'ai', atomic: true }), /has been uninstalled due to atomic being set: Service app failed: CrashLoopBackOff/);
  assert.is((await cfg.releases.history('default', 'ai')).length, 0);
  assert.ok(!be.client.objects.has('/configmaps/default/app'));

  const tests = buildChart({
    templates: {
      't1.yaml': hook('test-ok', 'Job', 'test', 0),
      't2.yaml': hook('test-bad', 'Job', 'test', 1, undefined, '    fake.skiff.io/fail: "assertion failed"\n'),
    },
  });
  await install(cfg, { chart: tests, values: {}, namespace: 'default', releaseName: 't' });
  const ok = await runTests(cfg, { releaseName: 't', namespace: 'default', filters: ['name=test-ok'] });
  assert.is(ok.failure, undefined);
  assert.equal(ok.hooks.map((h) => [h.name, h.last_run.phase]), [['test-ok', 'Succeeded']]);
  const all = await runTests(cfg, { releaseName: 't', namespace: 'default', filters: ['!name=nothing'] });
  assert.match(all.failure!, /test hook Job test-bad failed: .*assertion failed/);
  const stored = await cfg.releases.get('default', 't', 1);
  assert.equal(stored.hooks.map((h) => h.last_run.phase), ['Succeeded', 'Failed']);
});

test.run();
