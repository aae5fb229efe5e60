import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newConfiguration, type Configuration } from '../../src/action/configuration.js';
import { install } from '../../src/action/install.js';
import { upgrade } from '../../src/action/upgrade.js';
import { rollback } from '../../src/action/rollback.js';
import { planInstall } from '../../src/action/plan-install.js';
import { planUpgrade } from '../../src/action/plan-upgrade.js';
import { planRollback } from '../../src/action/plan-rollback.js';
import { execute } from '../../src/action/execute.js';
import { diffUpgrade } from '../../src/action/diff.js';
import { lockAnnotations } from '../../src/release/lock.js';
import { FakeClock } from '../../src/util/clock.js';
import { inProcessRenderer, sandboxRenderer } from '../../src/render/index.js';
import { fakeBackend, type FakeBackend } from '../support/fake-backend.js';
import { buildChart, configMap, service } from '../support/chart-builder.js';
import { makeRelease, rejects } from '../support/releases.js';

/** A clock that advances only when slept on, so waits time out instantly. */
function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  return new FakeClock(start, { advanceOnSleep: true });
}

function setup(): { cfg: Configuration; be: FakeBackend; clock: FakeClock } {
  const be = fakeBackend();
  const clock = fakeClock();
  return { cfg: newConfiguration({ backend: be, driver: 'secret', clock, renderer: inProcessRenderer }), be, clock };
}

const v1 = buildChart({ values: { greeting: 'hello' }, templates: { 'a.yaml': configMap('{{ Release.Name }}-a', '{{ Values.greeting }}') } });
const v2 = buildChart({ version: '2.0.0', templates: { 'a.yaml': configMap('{{ Release.Name }}-a', 'two'), 'b.yaml': configMap('{{ Release.Name }}-b', 'b'), 's.yaml': service('{{ Release.Name }}') } });
const broken = buildChart({
  version: '3.0.0',
  templates: { 's.yaml': service('{{ Release.Name }}', '  annotations:\n    fake.skiff.io/fail: no endpoints will come\n'), 'x.yaml': configMap('{{ Release.Name }}-extra', 'x') },
});

/** Every object in the fake cluster (release records included) with its resourceVersion. */
const snapshot = (be: FakeBackend) => JSON.stringify([...be.client.objects.entries()].map(([k, o]) => [k, o.metadata.resourceVersion]));

test('planners read and render but write nothing; execute() carries the plan out', async () => {
  const { cfg, be } = setup();
  await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' });
  const before = snapshot(be);
  const ops = be.client.ops.length;
  const up = await planUpgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web' });
  const back = await planRollback(cfg, { releaseName: 'web', namespace: 'default', revision: 1 });
  await rejects(() => planInstall(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' }), /cannot re-use a name that is still in use/);
  assert.is(snapshot(be), before, 'planning changed nothing in the cluster or the history');
  assert.is(be.client.ops.length, ops, 'planning sent no write');
  assert.is(up.verb, 'upgrade');
  assert.is(up.release.version, 2);
  assert.is(up.release.info.status, 'pending-upgrade');
  assert.is(up.baseline?.version, 1);
  assert.is(back.release.info.description, 'Rollback to 1');

  const r = await execute(cfg, up);
  assert.is(r.release.info.status, 'deployed');
  assert.is(r.action, 'upgrade');
  assert.is((be.client.objects.get('/configmaps/default/web-b') as unknown as { data: { value: string } }).data.value, 'b');
  assert.equal((await cfg.releases.history('default', 'web')).map((h) => [h.version, h.status]), [[1, 'superseded'], [2, 'deployed']]);
});

test('one clock: every timestamp of an operation comes from the configuration clock', async () => {
  const { cfg, clock } = setup();
  const r1 = await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' });
  assert.is(r1.release.info.first_deployed, '2026-01-01T00:00:00.000Z');
  clock.advance(60_000);
  const r2 = await upgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web' });
  assert.is(r2.release.info.first_deployed, '2026-01-01T00:00:00.000Z');
  assert.is(r2.release.info.last_deployed, '2026-01-01T00:01:00.000Z');
  const h = await cfg.releases.history('default', 'web');
  assert.is(h[1]!.modifiedAt, Date.UTC(2026, 0, 1, 0, 1) / 1000, 'the driver stamps modifiedAt from the same clock');
});

test('a failed operation keeps last_deployed from when it was prepared (Helm), for every verb', async () => {
  const { cfg, be, clock } = setup();
  await install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web' });
  be.readinessOverride = (o) => (o.kind === 'Service' ? { ready: false, message: 'never' } : undefined);
  clock.advanceTo(Date.UTC(2026, 0, 2));
  await rejects(() => upgrade(cfg, { chart: v2, values: { x: 1 }, namespace: 'default', releaseName: 'web', wait: true, timeoutMs: 5_000 }), /timed out/);
  clock.advanceTo(Date.UTC(2026, 0, 3));
  await rejects(() => rollback(cfg, { releaseName: 'web', namespace: 'default', revision: 1, wait: true, timeoutMs: 5_000 }), /timed out/);
  be.readinessOverride = undefined;
  clock.advanceTo(Date.UTC(2026, 0, 4));
  await rejects(() => install(cfg, { chart: broken, values: {}, namespace: 'default', releaseName: 'other', wait: true }), /no endpoints will come/);
  const rev = async (name: string, v: number) => (await cfg.releases.get('default', name, v)).info;
  const up = await rev('web', 2);
  assert.is(up.status, 'failed');
  assert.match(up.description, /^Upgrade "web" failed: timed out/);
  assert.is(up.last_deployed, '2026-01-02T00:00:00.000Z');
  const rb = await rev('web', 3);
  assert.match(rb.description, /^Rollback "web" failed: timed out/);
  assert.is(rb.last_deployed, '2026-01-03T00:00:00.000Z');
  const inst = await rev('other', 1);
  assert.match(inst.description, /^Release "other" failed: Service other failed: no endpoints will come/);
  assert.is(inst.last_deployed, '2026-01-04T00:00:00.000Z');
});

/** Records the label selector of every list of release records the fake cluster answers. */
function countRecordLists(be: FakeBackend): string[] {
  const seen: string[] = [];
  const list = be.client.list.bind(be.client);
  be.client.list = ((ref: Parameters<typeof list>[0], o?: Parameters<typeof list>[1]) => {
    if (ref.resource === 'secrets') seen.push(o?.labelSelector ?? '');
    return list(ref, o);
  }) as typeof be.client.list;
  return seen;
}

test('upgrade and rollback list the history once: the deployed revisions and --history-max are judged from it', async () => {
  const { cfg, be } = setup();
  await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' });
  const lists = countRecordLists(be);
  await upgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web', historyMax: 10 });
  assert.equal(lists, ['owner=helm,name=web'], 'one list: the history the plan reads');
  lists.length = 0;
  await rollback(cfg, { releaseName: 'web', namespace: 'default', revision: 1, historyMax: 10 });
  assert.equal(lists, ['owner=helm,name=web']);
  assert.equal((await cfg.releases.history('default', 'web')).map((h) => [h.version, h.status]), [[1, 'superseded'], [2, 'superseded'], [3, 'deployed']]);
  // Past --history-max, the history is listed again to prune it, as before.
  lists.length = 0;
  await upgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web', historyMax: 3 });
  assert.is(lists.length, 2);
  assert.equal((await cfg.releases.history('default', 'web')).map((h) => [h.version, h.status]), [[2, 'superseded'], [3, 'superseded'], [4, 'deployed']]);
});

test('a deployed revision pruned by the upgrade is not written back when the others are superseded', async () => {
  const { cfg, be } = setup();
  // Two deployed revisions (a history another tool left so): pruning to 2 removes revision 1 after the plan saw it deployed.
  await cfg.releases.create(makeRelease('web', 1, 'deployed'));
  await cfg.releases.create(makeRelease('web', 2, 'deployed'));
  await upgrade(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web', historyMax: 2 });
  assert.equal((await cfg.releases.history('default', 'web')).map((h) => [h.version, h.status]), [[2, 'superseded'], [3, 'deployed']]);
  assert.not.ok(be.client.objects.get('/secrets/default/sh.helm.release.v1.web.v1'), 'revision 1 stays pruned');
});

test('install into a missing namespace refuses before writing anything, unless asked to create it', async () => {
  const { cfg, be } = setup();
  const ops = be.client.ops.length;
  await rejects(() => install(cfg, { chart: v1, values: {}, namespace: 'missing', releaseName: 'web' }), /namespace "missing" not found/);
  assert.is(be.client.ops.length, ops, 'nothing written');
  assert.equal(await cfg.releases.history('missing', 'web'), []);
  const r = await install(cfg, { chart: v1, values: {}, namespace: 'missing', releaseName: 'web', createNamespace: true });
  assert.is(r.release.info.status, 'deployed');
  assert.ok(await be.get('v1', 'Namespace', undefined, 'missing'));
});

test('one baseline rule: upgrade and its diff start from the deployed revision, rollback from the newest', async () => {
  const { cfg, be } = setup();
  await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' });
  await rejects(() => upgrade(cfg, { chart: broken, values: {}, namespace: 'default', releaseName: 'web', wait: true }), /no endpoints will come/);
  const up = await planUpgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web' });
  assert.is(up.baseline?.version, 1, 'upgrade: the deployed revision, not the failed one');
  assert.is((await planRollback(cfg, { releaseName: 'web', namespace: 'default', revision: 1 })).baseline?.version, 2, 'rollback: the newest revision');
  // The failed revision created web-extra; from the deployed baseline the upgrade neither knows nor deletes it, and the diff says the same.
  const d = await diffUpgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web' });
  assert.equal(d.changes.map((c) => [c.name, c.change]), [['web-a', 'added'], ['web-b', 'added'], ['web', 'changed']]);
  assert.is(d.release.version, 3);
  await execute(cfg, up);
  assert.ok(be.client.objects.get('/configmaps/default/web-extra'), 'upgrade left web-extra, as its diff showed');
});

test('a revision left pending by a crash is seen as failed while planning and recorded failed only by execute()', async () => {
  const { cfg, clock } = setup();
  await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' });
  const stuck = makeRelease('web', 2, 'pending-upgrade');
  await cfg.releases.driver.create(stuck, { annotations: lockAnnotations('upgrade', 1_000, clock.now().getTime() - 3_600_000) });
  const plan = await planUpgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'web' });
  assert.is(plan.stale?.header.version, 2);
  assert.is((await cfg.releases.get('default', 'web', 2)).info.status, 'pending-upgrade', 'planning left it alone');
  const r = await execute(cfg, plan);
  assert.match(r.warnings.join('\n'), /revision 2 was left pending-upgrade by an interrupted upgrade/);
  assert.equal((await cfg.releases.history('default', 'web')).map((h) => [h.version, h.status]), [[1, 'superseded'], [2, 'failed'], [3, 'deployed']]);
  // a live lock refuses at planning time
  await cfg.releases.driver.create(makeRelease('web', 4, 'pending-upgrade'), { annotations: lockAnnotations('upgrade', 300_000, clock.now().getTime()) });
  await rejects(() => planRollback(cfg, { releaseName: 'web', namespace: 'default' }), /another operation \(upgrade\) is in progress/);
});

test('renderer seam: in-process and sandboxed renderers record the same release; in-process refuses lookup', async () => {
  const chart = buildChart({ templates: { 'a.yaml': configMap('{{ Release.Name }}-a', '{{ Values.x }}'), 'NOTES.txt': 'hi {{ Release.Name }}' } });
  const inProc = setup();
  const sandboxed = newConfiguration({ backend: fakeBackend(), driver: 'memory', clock: fakeClock(), renderer: sandboxRenderer });
  const a = await install(inProc.cfg, { chart, values: { x: 'y' }, namespace: 'default', releaseName: 'web' });
  const b = await install(sandboxed, { chart, values: { x: 'y' }, namespace: 'default', releaseName: 'web' });
  assert.is(a.release.manifest, b.release.manifest);
  assert.is(a.release.info.notes, 'hi web');
  const lookup = buildChart({ name: 'lk', templates: { 'a.yaml': "{{ lookup('v1', 'Namespace', '', 'default') | dump }}" } });
  await rejects(() => install(inProc.cfg, { chart: lookup, values: {}, namespace: 'default', releaseName: 'lk' }), /lookup needs the sandboxed renderer/);
  assert.is((await inProc.cfg.releases.history('default', 'lk')).length, 0, 'nothing recorded');
});

test.run();
