import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { KubeDriver, PARTS_ANNOTATION } from '../../src/release/kube-driver.js';
import { MemoryDriver } from '../../src/release/memory-driver.js';
import { ReleaseStore } from '../../src/release/store.js';
import { encodeRelease, decodeRelease } from '../../src/release/codec.js';
import { lockAnnotations, lockState } from '../../src/release/lock.js';
import { RELEASE_STATUSES } from '../../src/release/types.js';
import type { ReleaseDriver } from '../../src/release/driver.js';
import { FakeClient } from '../support/fake-backend.js';
import { makeRelease, rejects } from '../support/releases.js';

const secretsRef = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };

test('a Secret record is Helm v3 byte for byte: name, type, labels, base64(gzip(JSON)) with Helm field names', async () => {
  const client = new FakeClient();
  const driver = new KubeDriver({ client, now: () => 1_700_000_000_000 });
  await driver.create({ ...makeRelease('web', 1, 'deployed'), labels: { team: 'a' } });
  const s = await client.get<any>({ ...secretsRef, name: 'sh.helm.release.v1.web.v1' });
  assert.is(s.type, 'helm.sh/release.v1');
  assert.equal(s.metadata.labels, { team: 'a', name: 'web', owner: 'helm', status: 'deployed', version: '1', createdAt: '1700000000' });
  // What `kubectl get secret -o json` shows is base64 of the stored string, which is base64 of gzip.
  const stored = Buffer.from(s.data.release, 'base64').toString();
  const gz = Buffer.from(stored, 'base64');
  assert.equal([...gz.subarray(0, 3)], [0x1f, 0x8b, 0x08]);
  const json = JSON.parse(gunzipSync(gz).toString());
  assert.equal(Object.keys(json).sort(), ['chart', 'config', 'hooks', 'info', 'manifest', 'name', 'namespace', 'version']);
  assert.equal(Object.keys(json.info).sort(), ['deleted', 'description', 'first_deployed', 'last_deployed', 'status']);
  assert.equal(Object.keys(json.chart).sort(), ['files', 'lock', 'metadata', 'schema', 'templates', 'values']);
  assert.is(json.version, 1);
  assert.is(json.labels, undefined, 'labels live on the Secret, not in the JSON');
});

test('decoding accepts plain JSON records and names the object on garbage', () => {
  const rel = makeRelease('a', 2, 'failed');
  const plain = Buffer.from(JSON.stringify(rel)).toString('base64');
  assert.is(decodeRelease(plain, 'x').info.status, 'failed');
  assert.is(decodeRelease(encodeRelease(rel), 'x').config.replicas, 2);
  assert.throws(() => decodeRelease(Buffer.from('nope').toString('base64'), 'Secret default/sh.helm.release.v1.a.v2'), /Secret default\/sh\.helm\.release\.v1\.a\.v2: cannot decode/);
});

for (const [label, make] of [
  ['secret', (c: FakeClient) => new KubeDriver({ client: c })],
  ['configmap', (c: FakeClient) => new KubeDriver({ client: c, kind: 'configmap' })],
  ['memory', () => new MemoryDriver()],
] as [string, (c: FakeClient) => ReleaseDriver][]) {
  test(`${label} driver: create, conflict, get, update keeps createdAt, query by name/status/namespace, delete`, async () => {
    const d = make(new FakeClient());
    await d.create(makeRelease('web', 1, 'superseded'));
    await d.create(makeRelease('web', 2, 'deployed'));
    await d.create({ ...makeRelease('db', 1, 'deployed'), namespace: 'other' });
    await rejects(() => d.create(makeRelease('web', 2, 'deployed')), /already exists/);
    const h = await d.get('default', 'web', 2);
    assert.is(h?.status, 'deployed');
    assert.is((await h!.load()).config.replicas, 2);
    const before = h!.createdAt;
    await d.update({ ...makeRelease('web', 2, 'failed') }, { annotations: { 'skiff.io/x': 'y' } });
    const after = await d.get('default', 'web', 2);
    assert.is(after?.status, 'failed');
    assert.is(after?.createdAt, before);
    assert.ok(after!.modifiedAt > 0);
    assert.is(after?.annotations['skiff.io/x'], 'y');
    assert.is((await d.query({ namespace: 'default', name: 'web' })).length, 2);
    assert.is((await d.query({ namespace: 'default', status: 'failed' })).length, 1);
    assert.is((await d.query({})).length, 3);
    assert.is((await d.query({ namespace: 'other' }))[0]?.name, 'db');
    assert.is(await d.delete('default', 'web', 1), true);
    assert.is(await d.delete('default', 'web', 1), false);
    await rejects(() => d.update(makeRelease('web', 9, 'deployed')), /not found/);
  });
}

test('records larger than one object are split across parts and read back whole', async () => {
  const client = new FakeClient();
  const d = new KubeDriver({ client, partSize: 1000 });
  const big = randomBytes(6000).toString('base64');
  const rel = makeRelease('big', 1, 'deployed', { manifest: big });
  await d.create(rel);
  const main = await client.get<any>({ ...secretsRef, name: 'sh.helm.release.v1.big.v1' });
  const parts = Number(main.metadata.annotations[PARTS_ANNOTATION]);
  assert.ok(parts > 1);
  const part2 = await client.get<any>({ ...secretsRef, name: 'sh.helm.release.v1.big.v1.part2' });
  assert.is(part2.metadata.labels.owner, 'skiff-part');
  assert.is((await d.query({ namespace: 'default' })).length, 1, 'parts are not listed as releases');
  assert.is((await (await d.get('default', 'big', 1))!.load()).manifest, big);
  // shrinking on update removes the parts no longer needed
  await d.update({ ...rel, manifest: 'small' });
  assert.is((await (await d.get('default', 'big', 1))!.load()).manifest, 'small');
  assert.is(client.objects.size, 1);
  await d.update(rel);
  await d.delete('default', 'big', 1);
  assert.is(client.objects.size, 0);
});

test('store: history in order, last, deployed (highest wins), statuses round-trip', async () => {
  const s = new ReleaseStore(new MemoryDriver());
  let v = 0;
  for (const st of RELEASE_STATUSES) await s.create(makeRelease('r', ++v, st));
  assert.equal((await s.history('default', 'r')).map((h) => h.status), [...RELEASE_STATUSES]);
  assert.is((await s.last('default', 'r'))?.version, 9);
  await s.create(makeRelease('r', 10, 'deployed'));
  assert.is((await s.deployed('default', 'r'))?.version, 10);
  await rejects(() => s.get('default', 'nope', 1), /release: not found/);
});

test('store: pruning keeps max revisions and never the last deployed one', async () => {
  const s = new ReleaseStore(new MemoryDriver());
  await s.create(makeRelease('r', 1, 'deployed'));
  for (let v = 2; v <= 6; v++) await s.create(makeRelease('r', v, 'failed'), { maxHistory: 3 });
  assert.equal((await s.history('default', 'r')).map((h) => h.version), [1, 5, 6]);
  // install (no maxHistory) never prunes
  await s.create(makeRelease('r', 7, 'failed'));
  assert.is((await s.history('default', 'r')).length, 4);
});

test('lock: a pending record holds the lock until it expires; Helm pending records expire after 5m', async () => {
  const s = new ReleaseStore(new MemoryDriver({ now: () => 1_000_000 }));
  await s.create(makeRelease('r', 1, 'deployed'));
  assert.is(lockState(await s.last('default', 'r'), 1_000_000).state, 'free');
  await s.create(makeRelease('r', 2, 'pending-upgrade'), { annotations: lockAnnotations('upgrade', 10_000, 1_000_000) });
  const last = await s.last('default', 'r');
  const held = lockState(last, 1_000_000 + 11_000);
  assert.is(held.state, 'held');
  if (held.state !== 'free') assert.match(held.holder, /pid \d+/);
  assert.is(lockState(last, 1_000_000 + 10_000 + 1_900).state, 'held', 'grace of at least 2s');
  assert.is(lockState(last, 1_000_000 + 10_000 + 2_001).state, 'expired');
  await s.create(makeRelease('r', 3, 'pending-rollback'));
  const foreign = await s.last('default', 'r');
  assert.is(lockState(foreign, 1_000_000 + 60_000).state, 'held');
  assert.is(lockState(foreign, 1_000_000 + 301_000).state, 'expired');
});

test.run();
