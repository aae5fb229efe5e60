// The fast read paths (metadata-only paged lists, bodies fetched only for
// what is shown, in bulk or one by one) give exactly the answers of reading
// every record whole, against the real bundled API server over HTTP: every
// list filter flag, paging boundaries, records split over several Secrets and
// records with bad bodies (skipped with a warning either way).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import type { KubeClient, ListOptions } from '../../src/kube/client.js';
import { KubeDriver } from '../../src/release/kube-driver.js';
import { ReleaseStore } from '../../src/release/store.js';
import { list, type ListOptions as ListActionOptions } from '../../src/action/list.js';
import { history } from '../../src/action/history.js';
import { getRelease } from '../../src/action/status.js';
import { baselineFor, readHistory } from '../../src/action/plan.js';
import { realClock } from '../../src/util/clock.js';
import type { Configuration } from '../../src/action/configuration.js';
import type { ReleaseStatus } from '../../src/release/types.js';
import { tempDir } from '../support/cli.js';
import { fileKubeconfig } from '../support/runtime.js';
import { makeRelease } from '../support/releases.js';

const dir = tempDir('skiff-list-paths-');
let rt: Runtime;
let client: RestClient;
/** What every request asked for, to check the fast path really is the one taken. */
const seen: { metadataOnly: boolean; limit?: number; labelSelector?: string }[] = [];
let gets = 0;

/** The same client, counting requests. */
function counting(c: KubeClient): KubeClient {
  return new Proxy(c, {
    get(target, prop, recv) {
      if (prop === 'list') return (ref: never, o: ListOptions = {}) => (seen.push({ metadataOnly: !!o.metadataOnly, limit: o.limit, labelSelector: o.labelSelector }), target.list(ref, o));
      if (prop === 'get') return (ref: never) => (gets++, target.get(ref));
      return Reflect.get(target, prop, recv);
    },
  });
}

/** Reading every record whole in one unpaged list: what skiff did before (and what Helm does). */
function wholeRecords(c: KubeClient): KubeClient {
  return new Proxy(c, {
    get(target, prop, recv) {
      if (prop === 'list') return (ref: never, o: ListOptions = {}) => target.list(ref, { ...o, metadataOnly: false, limit: undefined, continue: undefined });
      return Reflect.get(target, prop, recv);
    },
  });
}

const cfgOf = (driver: KubeDriver): Configuration => ({ releases: new ReleaseStore(driver) }) as unknown as Configuration;
let reference: Configuration;

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
  const kubeconfig = fileKubeconfig(rt, dir);
  client = restClient(loadKubeConfig({ kubeconfig, env: {} }));
  await client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  // Small parts so that some records are split over several Secrets.
  const writer = new KubeDriver({ client, partSize: 300 });
  const small = new KubeDriver({ client });
  const put = (name: string, ns: string, statuses: ReleaseStatus[], labels?: Record<string, string>, split = false) =>
    Promise.all(statuses.map((st, i) => (split ? writer : small).create({ ...makeRelease(name, i + 1, st), namespace: ns, ...(labels ? { labels } : {}) })));
  const histories: ReleaseStatus[][] = [
    ['deployed'],
    ['superseded', 'deployed'],
    ['superseded', 'superseded', 'failed'],
    ['superseded', 'deployed', 'pending-upgrade'],
    ['deployed', 'uninstalled'],
    ['superseded', 'uninstalling'],
    ['pending-install'],
    ['failed', 'pending-rollback'],
    ['superseded', 'superseded'],
    ['deployed', 'superseded', 'deployed', 'failed'],
  ];
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < 60; i++) {
    const ns = i % 3 === 0 ? 'other' : 'default';
    jobs.push(put(`rel-${String(i).padStart(2, '0')}`, ns, histories[i % histories.length]!, i % 4 === 0 ? { team: i % 8 === 0 ? 'a' : 'b' } : undefined, i % 7 === 0));
  }
  // The same release name in two namespaces.
  jobs.push(put('twin', 'default', ['deployed']), put('twin', 'other', ['superseded', 'failed']));
  // A long history.
  jobs.push(put('long', 'default', Array.from({ length: 40 }, (_, i): ReleaseStatus => (i === 39 ? 'deployed' : 'superseded')), undefined, false));
  await Promise.all(jobs);
  // Bad bodies: the newest revision of "broken" and an older one of "long".
  const bad = (name: string, version: number, status: string) =>
    client.create({ group: '', version: 'v1', resource: 'secrets', namespace: 'default' }, {
      apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1',
      metadata: { name: `sh.helm.release.v1.${name}.v${version}`, labels: { name, owner: 'helm', status, version: String(version) } },
      data: { release: Buffer.from('not a record').toString('base64') },
    });
  await small.create(makeRelease('broken', 1, 'superseded'));
  await bad('broken', 2, 'deployed');
  await bad('long', 41, 'superseded');
  reference = cfgOf(new KubeDriver({ client: wholeRecords(client) }));
});

test.after(async () => {
  await client.close();
  await rt.stop();
});

async function both<T>(fn: (cfg: Configuration, warn: (m: string) => void) => Promise<T>, pageSize: number, nameBatch?: number): Promise<{ fast: T; ref: T; fastWarnings: string[]; refWarnings: string[] }> {
  const fastWarnings: string[] = [];
  const refWarnings: string[] = [];
  const fast = await fn(cfgOf(new KubeDriver({ client: counting(client), pageSize, ...(nameBatch ? { nameBatch } : {}) })), (m) => fastWarnings.push(m));
  const ref = await fn(reference, (m) => refWarnings.push(m));
  return { fast, ref, fastWarnings, refWarnings };
}

const cases: ListActionOptions[] = [
  {},
  { defaultStates: 'helm3' },
  { all: true },
  { states: ['superseded'] },
  { states: ['pending'] },
  { states: ['failed'] },
  { states: ['uninstalled'] },
  { states: ['uninstalling'] },
  { states: ['deployed'] },
  { states: ['deployed', 'superseded'] },
  { states: ['pending', 'uninstalled', 'failed'] },
  { all: true, filter: '^rel-1' },
  { filter: 'twin' },
  { selector: 'team=a' },
  { selector: 'team!=a', all: true },
  { all: true, byDate: true },
  { all: true, byDate: true, reverse: true, max: 5, offset: 3 },
  { all: true, reverse: true },
  { all: true, max: 1 },
  { all: true, max: 16 },
  { all: true, max: 17, offset: 16 },
  { all: true, max: 10, offset: 55 },
  { all: true, offset: 1000 },
  { states: ['superseded'], max: 20, offset: 7 },
];

// Pages of 7 go with prefetch lists of a few names each (several lists per page of rows).
for (const [pageSize, nameBatch] of [[1], [7, 20], [500]] as [number, number?][]) {
  test(`list: every filter flag gives the answers of whole records (metadata pages of ${pageSize}${nameBatch ? `, ${nameBatch} characters of names per prefetch list` : ''})`, async () => {
    for (const c of cases) {
      for (const namespace of [undefined, 'default', 'other']) {
        const o = { ...c, ...(namespace ? { namespace } : {}) };
        const r = await both((cfg, onWarning) => list(cfg, { ...o, onWarning }), pageSize, nameBatch);
        assert.equal(r.fast, r.ref, JSON.stringify(o));
        assert.equal(r.fastWarnings, r.refWarnings, JSON.stringify(o));
      }
    }
  });
}

test('list reads labels only, then fetches just the shown records', async () => {
  seen.length = 0;
  gets = 0;
  const rows = await list(cfgOf(new KubeDriver({ client: counting(client), pageSize: 50 })), { namespace: 'default', max: 3, defaultStates: 'helm3' });
  assert.is(rows.length, 3);
  assert.ok(seen.length >= 2 && seen.every((s) => s.metadataOnly && s.limit === 50), JSON.stringify(seen));
  // "broken" sorts first: its record is fetched, fails to decode and gives its place to the next.
  assert.equal(rows.map((r) => r.name), ['rel-01', 'rel-02', 'rel-10']);
  assert.is(gets, 4, 'one GET per record needed for the page');
  seen.length = 0;
  gets = 0;
  const all = await list(cfgOf(new KubeDriver({ client: counting(client) })), { defaultStates: 'helm3' });
  assert.ok(all.length > 16);
  const bodies = seen.filter((s) => !s.metadataOnly);
  assert.is(bodies.length, 1, 'the bodies of many shown records come in one list');
  // Older deployed and failed revisions are not shown: the list names the shown releases and revisions
  // (and "broken", whose newest revision is deployed but cannot be decoded).
  const names = ['broken', ...new Set(all.map((r) => r.name))].join(',');
  const versions = [...new Set(all.map((r) => Number(r.revision)))].sort((a, b) => a - b).join(',');
  assert.is(bodies[0]!.labelSelector, `owner=helm,status in (deployed,failed),name in (${names}),version in (${versions})`);
  assert.is(gets, 0);
  // When everything of those statuses is shown, the list selects by status alone.
  seen.length = 0;
  const superseded = await list(cfgOf(new KubeDriver({ client: counting(client) })), { states: ['superseded'] });
  assert.ok(superseded.length > 16);
  assert.equal(seen.filter((s) => !s.metadataOnly).map((s) => s.labelSelector), ['owner=helm,status in (superseded)']);
  assert.is(gets, 0);
});

test('the broken record is reported and skipped the same way on both paths', async () => {
  const r = await both((cfg, onWarning) => list(cfg, { all: true, filter: '^broken$', onWarning }), 500);
  assert.equal(r.fast, []);
  assert.is(r.fastWarnings.length, 1);
  assert.match(r.fastWarnings[0]!, /skipping release "broken" revision 2/);
});

test('history and status give the answers of whole records; upgrade-style reads fetch one record', async () => {
  for (const max of [undefined, 1, 5, 40, 41, 100]) {
    for (const name of ['long', 'rel-07', 'rel-14', 'twin']) {
      const r = await both((cfg, onWarning) => history(cfg, { releaseName: name, namespace: 'default', ...(max ? { max } : {}), onWarning }), 3);
      assert.equal(r.fast, r.ref, `${name} max ${max}`);
      assert.equal(r.fastWarnings, r.refWarnings);
    }
  }
  for (const name of ['rel-01', 'rel-07', 'twin']) {
    const r = await both((cfg) => getRelease(cfg, { releaseName: name, namespace: 'default' }), 2);
    assert.equal(r.fast, r.ref);
  }
  gets = 0;
  const store = new ReleaseStore(new KubeDriver({ client: counting(client) }));
  const hist = await store.history('default', 'long');
  assert.is(hist.length, 41);
  assert.is(gets, 0, 'history headers carry no record');
  assert.is((await hist.findLast((h) => h.status === 'deployed')!.load()).version, 40);
  assert.is(gets, 1);
});

test('history, status and the upgrade planner read headers and records in one list, as Helm does', async () => {
  const reads: [string, (cfg: Configuration) => Promise<unknown>][] = [
    ['history', (cfg) => history(cfg, { releaseName: 'long', namespace: 'default', onWarning: () => {} })],
    ['status', (cfg) => getRelease(cfg, { releaseName: 'rel-08', namespace: 'default' })],
    ['upgrade', async (cfg) => {
      const h = await readHistory(cfg, 'default', 'rel-04', 'upgrade', false);
      return Promise.all([baselineFor('upgrade', h.history)!.load(), h.last!.load()]);
    }],
  ];
  for (const [what, read] of reads) {
    seen.length = 0;
    gets = 0;
    await read({ releases: new ReleaseStore(new KubeDriver({ client: counting(client) })), clock: realClock } as unknown as Configuration);
    assert.equal(seen.map((s) => s.metadataOnly), [false], `${what}: one list, records included`);
    assert.is(gets, 0, `${what}: no request per record`);
  }
  // status --revision reads the one record it names.
  seen.length = 0;
  gets = 0;
  assert.is((await getRelease(cfgOf(new KubeDriver({ client: counting(client) })), { releaseName: 'long', namespace: 'default', revision: 7 })).version, 7);
  assert.equal([seen.length, gets], [0, 1]);
});

test('update writes a record this driver wrote or read by release without reading it again; one changed since is read first', async () => {
  const ref = { group: '', version: 'v1', resource: 'secrets', namespace: 'default', name: 'sh.helm.release.v1.upd.v1' };
  const store = new ReleaseStore(new KubeDriver({ client: counting(client) }));
  await store.create({ ...makeRelease('upd', 1, 'deployed'), namespace: 'default' });
  const createdAt = (await client.get(ref)).metadata.labels!.createdAt;
  const rel = await store.get('default', 'upd', 1);
  gets = 0;
  await store.update({ ...rel, info: { ...rel.info, status: 'superseded' } });
  assert.is(gets, 0, 'written at the resourceVersion its create answered');
  // Another writer changes it: the stale resourceVersion conflicts, so it is read, then written.
  await new KubeDriver({ client }).update({ ...rel, info: { ...rel.info, description: 'by another' } });
  await store.update({ ...rel, info: { ...rel.info, status: 'failed' } });
  assert.is(gets, 1);
  const after = await client.get(ref);
  assert.is(after.metadata.labels!.status, 'failed');
  assert.is(after.metadata.labels!.createdAt, createdAt);
  // A history read remembers its records too: the next update reads nothing.
  const fresh = new ReleaseStore(new KubeDriver({ client: counting(client) }));
  const [h] = await fresh.history('default', 'upd', { records: true });
  gets = 0;
  await fresh.update({ ...(await h!.load()), info: { ...rel.info, status: 'superseded' } });
  assert.is(gets, 0);
  assert.is((await client.get(ref)).metadata.labels!.status, 'superseded');
  // Gone since: ReleaseNotFoundError, as before.
  await client.delete(ref);
  try {
    await fresh.update({ ...rel, info: { ...rel.info, status: 'failed' } });
    assert.unreachable('updated a deleted record');
  } catch (err) {
    assert.is((err as Error).name, 'ReleaseNotFoundError', String(err));
  }
});

test.run();
