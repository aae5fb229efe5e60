import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { createStore, memoryDriver, openStore, StoreError, type LogDriver, type LogRecord, type ObjectStore, type StoreEvent, type StoreKey } from '../../src/runtime/store/index.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { tempDir } from '../support/cli.js';

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});
const key = (name: string, namespace = 'default'): StoreKey => ({ resource: '/configmaps', namespace, name });

async function rejects(p: Promise<unknown>, kind: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, StoreError);
    assert.is((e as StoreError).kind, kind);
    return;
  }
  assert.unreachable(`expected a ${kind} error`);
}

const drivers: Array<[string, () => string]> = [
  ['memory', () => 'memory:'],
  ['sqlite', () => `sqlite:${join(tempDir('skiff-store-'), 'state.db')}`],
];

for (const [name, url] of drivers) {
  test(`${name}: revisions are global and monotonic; stale writes conflict`, async () => {
    const s = openStore(url());
    const a = await s.create(key('a'), cm('a'));
    const b = await s.create({ resource: '/secrets', namespace: 'default', name: 'b' }, { ...cm('b'), kind: 'Secret' });
    assert.ok(b.rv > a.rv);
    assert.is(a.object.metadata.resourceVersion, String(a.rv));
    await rejects(s.create(key('a'), cm('a')), 'exists');
    const a2 = await s.update(key('a'), cm('a', { x: '1' }), a.rv);
    assert.ok(a2.rv > b.rv);
    await rejects(s.update(key('a'), cm('a', { x: '2' }), a.rv), 'conflict');
    await rejects(s.delete(key('a'), a.rv), 'conflict');
    await rejects(s.update(key('zz'), cm('zz')), 'notfound');
    assert.equal(s.get(key('a'))!.object.data, { x: '1' });
    assert.is(s.rv, a2.rv);
    await s.close();
  });

  test(`${name}: concurrent writes to one key: exactly one of two same-revision updates wins`, async () => {
    const s = openStore(url());
    const a = await s.create(key('a'), cm('a'));
    const results = await Promise.allSettled([s.update(key('a'), cm('a', { w: '1' }), a.rv), s.update(key('a'), cm('a', { w: '2' }), a.rv)]);
    assert.equal(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    // Reads see only committed state: a write queued in this turn is not visible yet.
    const p = s.update(key('a'), cm('a', { w: '3' }));
    assert.ok(['1', '2'].includes(String((s.get(key('a'))!.object.data as Record<string, string>).w)));
    await p;
    assert.equal(s.get(key('a'))!.object.data, { w: '3' });
    await s.close();
  });

  test(`${name}: list is sorted, paged, filterable and consistent at an older revision`, async () => {
    const s = openStore(url());
    for (const n of ['c', 'a', 'b', 'd']) await s.create(key(n), cm(n));
    await s.create(key('a', 'other'), cm('a'));
    const page1 = s.list({ resource: '/configmaps', namespace: 'default' }, { limit: 2 });
    assert.equal(page1.items.map((i) => i.key.name), ['a', 'b']);
    assert.is(page1.continueAfter, 'default/b');
    assert.is(page1.remaining, 2);
    // Changes after the first page do not leak into the rest of a consistent list.
    await s.delete(key('c'));
    await s.update(key('d'), cm('d', { changed: 'yes' }));
    await s.create(key('e'), cm('e'));
    const page2 = s.list({ resource: '/configmaps', namespace: 'default' }, { atRv: page1.rv, after: page1.continueAfter });
    assert.equal(page2.items.map((i) => i.key.name), ['c', 'd']);
    assert.equal(page2.items[1]!.object.data, {});
    const all = s.list({ resource: '/configmaps' });
    assert.equal(all.items.map((i) => `${i.key.namespace}/${i.key.name}`), ['default/a', 'default/b', 'default/d', 'default/e', 'other/a']);
    const filtered = s.list({ resource: '/configmaps' }, { filter: (o) => o.metadata.name === 'a' });
    assert.is(filtered.items.length, 2);
    assert.is(s.count({ resource: '/configmaps', namespace: 'default' }), 4);
    await s.close();
  });

  test(`${name}: watch from a revision replays later events in order, exactly once, then goes live`, async () => {
    const s = openStore(url());
    const first = await s.create(key('a'), cm('a'));
    await s.update(key('a'), cm('a', { v: '2' }));
    await s.create({ resource: '/secrets', namespace: 'default', name: 's' }, { ...cm('s'), kind: 'Secret' });
    const seen: StoreEvent[] = [];
    const w = s.watch({ resource: '/configmaps' }, { fromRv: first.rv, onEvent: (e) => seen.push(e) });
    await s.create(key('b', 'other'), cm('b'));
    await s.delete(key('a'));
    w.stop();
    await s.create(key('c'), cm('c'));
    assert.equal(seen.map((e) => `${e.type}:${e.key.name}`), ['MODIFIED:a', 'ADDED:b', 'DELETED:a']);
    const rvs = seen.map((e) => e.rv);
    assert.equal([...rvs].sort((x, y) => x - y), rvs);
    assert.equal(seen[2]!.object.data, { v: '2' }, 'DELETED carries the last state');
    assert.is(seen[2]!.object.metadata.resourceVersion, String(seen[2]!.rv));
    assert.equal(seen[0]!.prev!.data, {});
    await s.close();
  });

  test(`${name}: a watch or list older than the history is expired`, async () => {
    const s = openStore(url(), { historySize: 3 });
    for (let i = 0; i < 6; i++) await s.create(key(`o${i}`), cm(`o${i}`));
    assert.ok(s.oldestRv > 1);
    assert.throws(() => s.watch({ resource: '/configmaps' }, { fromRv: 1, onEvent: () => {} }), (e: unknown) => (e as StoreError).kind === 'expired');
    assert.throws(() => s.list({ resource: '/configmaps' }, { atRv: 1 }), (e: unknown) => (e as StoreError).kind === 'expired');
    const seen: number[] = [];
    s.watch({ resource: '/configmaps' }, { fromRv: s.oldestRv, onEvent: (e) => seen.push(e.rv) });
    assert.is(seen.length, 3);
    await s.close();
  });
}

test('sqlite: state, revisions and history survive a reopen; compaction keeps live objects', async () => {
  const dir = tempDir('skiff-store-');
  const url = `sqlite:${join(dir, 'state.db')}`;
  let s: ObjectStore = openStore(url, { historySize: 5, compactEvery: 4 });
  const created = await Promise.all(Array.from({ length: 10 }, (_, i) => s.create(key(`o${i}`), cm(`o${i}`))));
  await s.update(key('o1'), cm('o1', { v: '1' }));
  await s.delete(key('o2'));
  const rvBefore = s.rv;
  await s.close();
  s = openStore(url, { historySize: 5 });
  assert.is(s.rv, rvBefore);
  assert.is(s.count({ resource: '/configmaps' }), 9);
  assert.is(s.get(key('o3'))!.rv, created[3]!.rv);
  assert.equal(s.get(key('o1'))!.object.data, { v: '1' });
  const seen: string[] = [];
  s.watch({ resource: '/configmaps' }, { fromRv: rvBefore - 2, onEvent: (e) => seen.push(`${e.type}:${e.key.name}`) });
  assert.equal(seen, ['MODIFIED:o1', 'DELETED:o2']);
  const next = await s.create(key('new'), cm('new'));
  assert.ok(next.rv > rvBefore);
  await s.close();
});

test('group commit: concurrent writes share transactions, and none is acknowledged before its batch is durable', async () => {
  const batches: number[] = [];
  let durable = 0;
  const inner = memoryDriver();
  const driver: LogDriver = {
    ...inner,
    append(batch: readonly LogRecord[]) {
      batches.push(batch.length);
      durable += batch.length;
    },
  };
  const s = createStore(driver);
  const acked: number[] = [];
  await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      s.create(key(`g${i}`), cm(`g${i}`)).then(() => {
        acked.push(durable);
      }),
    ),
  );
  assert.is(batches.reduce((a, b) => a + b, 0), 100);
  assert.ok(batches.length < 10, `100 concurrent writes took ${batches.length} transactions`);
  // Every acknowledgement happened after a batch containing it was appended.
  assert.ok(acked.every((d, i) => d >= i + 1));
  await s.close();
});

test('a failed commit rejects every write of its batch and leaves no trace', async () => {
  let fail = true;
  const driver: LogDriver = {
    ...memoryDriver(),
    append() {
      if (fail) throw new Error('disk full');
    },
  };
  const s = createStore(driver);
  const seen: StoreEvent[] = [];
  s.watch({ resource: '/configmaps' }, { fromRv: 0, onEvent: (e) => seen.push(e) });
  const results = await Promise.allSettled([s.create(key('a'), cm('a')), s.create(key('b'), cm('b'))]);
  assert.equal(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.is(s.get(key('a')), undefined);
  assert.is(seen.length, 0);
  fail = false;
  const ok = await s.create(key('a'), cm('a'));
  assert.is(s.get(key('a'))!.rv, ok.rv);
  assert.is(seen.length, 1);
  await s.close();
});

test('sqlite: a second store on the same file is refused while the first is open', async () => {
  const url = `sqlite:${join(tempDir('skiff-store-'), 'state.db')}`;
  const first = openStore(url);
  await first.create(key('a'), cm('a'));
  assert.throws(() => openStore(url), /is in use by another skiff runtime/);
  await first.close();
  const again = openStore(url);
  assert.is(again.count({ resource: '/configmaps' }), 1);
  await again.close();
});

test('store URLs select the driver; unknown schemes are refused', () => {
  assert.throws(() => openStore('etcd://x'), /unknown scheme/);
  assert.throws(() => openStore('sqlite:'), /missing file path/);
});

test.run();
