// Metadata-only lists read as their bytes arrive (src/kube/list-scan.ts for
// JSON, src/kube/list-protobuf.ts for protobuf) keep exactly what JSON.parse
// of the same list gives for name, namespace, uid, resourceVersion, labels
// and annotations, whatever the chunking; anything malformed is refused
// (and the client then reads the list the ordinary way). The bundled API
// server's protobuf answers are checked against the schema catalog's own
// protobuf decoder, field for field with its JSON answers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'node:https';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { MetadataListReader, type ListReader } from '../../src/kube/list-scan.js';
import { ProtobufListReader } from '../../src/kube/list-protobuf.js';
import { decodeProtobufEnvelope, decodeProtobufMessage } from '../../src/apimachinery/schema/index.js';
import type { KubeObject, ListMeta } from '../../src/apimachinery/types.js';
import { tempDir } from '../support/cli.js';
import { fileKubeconfig } from '../support/runtime.js';

const dir = tempDir('skiff-list-readers-');
let rt: Runtime;
let client: RestClient;
const secrets = { group: '', version: 'v1', resource: 'secrets' };
const PROTO_LIST = 'application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const JSON_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

function get(path: string, accept: string): Promise<{ type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(rt.url + path, { ca: rt.caPem, headers: { authorization: `Bearer ${rt.token}`, accept } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode}`));
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
  client = restClient(loadKubeConfig({ kubeconfig: fileKubeconfig(rt, dir), env: {} }));
  await client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  const make = (name: string, ns: string, metadata: Record<string, unknown>) =>
    client.create({ ...secrets, namespace: ns }, { apiVersion: 'v1', kind: 'Secret', metadata: { name, ...metadata }, data: { x: Buffer.from(name).toString('base64') } });
  for (let i = 0; i < 40; i++) {
    await make(`plain-${i}`, i % 2 ? 'default' : 'other', { labels: { owner: 'helm', name: `r${i % 7}`, status: i % 3 ? 'superseded' : 'deployed', version: String(i) } });
  }
  // Values that need escapes or are not ASCII, many labels, owners, finalizers, a grace period.
  await make('odd', 'default', {
    labels: { owner: 'helm', constructor: 'x', 'example.com/a-b_c.d': 'v-1.2_3' },
    annotations: { quote: 'a "quoted" \\ back\nslash\ttab', unicode: 'héllo ✓ 日本 \u{1F600}', empty: '', json: '{"a":[1,2,{"b":"}"}]}', 'skiff.io/record-parts': '3' },
    finalizers: ['example.com/keep'],
    ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '0b7c5a1e-3a9c-4ad5-9c6a-5b1f6f1e2d3c', controller: true }],
  });
  await make('bare', 'default', {});
});

test.after(async () => {
  await client.close();
  await rt.stop();
});

/** What the readers keep of an item, from JSON.parse of the JSON answer. */
function kept(items: KubeObject[]): unknown[] {
  return items.map((it) => {
    const m = it.metadata as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of ['name', 'namespace', 'uid', 'resourceVersion', 'labels', 'annotations']) if (m[k] !== undefined) out[k] = m[k];
    return out;
  });
}

function feed(reader: ListReader, body: Buffer, size: number): void {
  for (let i = 0; i < body.length; i += size) reader.push(body.subarray(i, i + size));
}

for (const [what, accept, make] of [
  ['protobuf', PROTO_LIST, (m?: (x: ListMeta) => void, i?: (x: KubeObject | undefined) => void) => new ProtobufListReader(m, i)],
  ['JSON', JSON_LIST, (m?: (x: ListMeta) => void, i?: (x: KubeObject | undefined) => void) => new MetadataListReader(m, i)],
] as const) {
  test(`${what} reader: the kept fields of every item, whatever the chunking, and the list metadata before the items`, async () => {
    for (const query of ['', '?labelSelector=owner%3Dhelm&limit=7', '?limit=1000']) {
      const path = `/api/v1/secrets${query}`;
      const reference = JSON.parse((await get(path, JSON_LIST)).body.toString('utf8')) as { metadata: ListMeta; items: KubeObject[] };
      const { type, body } = await get(path, accept);
      assert.ok(type.startsWith(accept.split(';')[0]!), type);
      for (const size of [1, 3, 64, 1000, body.length]) {
        const reader = make();
        feed(reader, body, size);
        const list = reader.end();
        assert.ok(list, `${query} in chunks of ${size}`);
        assert.is(list.kind, 'PartialObjectMetadataList');
        assert.equal(kept(list.items), kept(reference.items), `${query} in chunks of ${size}`);
        assert.is(list.metadata.continue, reference.metadata.continue);
        assert.is(list.metadata.resourceVersion, reference.metadata.resourceVersion);
      }
      const events: string[] = [];
      const items: KubeObject[] = [];
      const reader = make(
        (m) => events.push(`meta ${m.continue ?? ''}`),
        (it) => {
          if (it) items.push(it);
          events.push('item');
        },
      );
      feed(reader, body, 512);
      assert.equal(reader.end()?.items, [], 'items handed over are not in the list');
      assert.equal(kept(items), kept(reference.items));
      assert.is(events[0], `meta ${reference.metadata.continue ?? ''}`, 'the continue token comes first');
    }
  });

  test(`${what} reader: a body cut short or damaged is refused, never half read`, async () => {
    const { body } = await get('/api/v1/secrets?limit=1000', accept);
    for (const cut of [0, 1, 4, 10, Math.floor(body.length / 2), body.length - 1]) {
      const reader = make();
      reader.push(body.subarray(0, cut));
      assert.is(reader.end(), undefined, `cut at ${cut}`);
    }
    const bad = Buffer.from(body);
    bad[what === 'JSON' ? 0 : 1] = 0x41;
    const reader = make();
    feed(reader, bad, 100);
    assert.ok(reader.failed);
    assert.is(reader.end(), undefined);
  });
}

test('JSON reader: what it does not read plainly (escaped keys, a label that is not a string) is refused', () => {
  const doc = (meta: string) => Buffer.from(`{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":{},"items":[{"metadata":${meta}}]}`);
  const ok = new MetadataListReader();
  ok.push(doc('{"name":"a\\u0062","labels":{"k":"v\\"w"},"managedFields":[{"f:x":{"k:{\\"a\\":\\"]}\\"}":{}}}]}'));
  assert.equal(ok.end()?.items.map((i) => i.metadata), [{ name: 'ab', labels: { k: 'v"w' } }]);
  for (const meta of ['{"n\\u0061me":"a"}', '{"labels":{"k":1}}', '{"name":5}', '{"labels":[]}']) {
    const r = new MetadataListReader();
    r.push(doc(meta));
    assert.is(r.end(), undefined, meta);
  }
  const proto = new MetadataListReader();
  proto.push(doc('{"labels":{"__proto__":"x"}}'));
  const labels = proto.end()!.items[0]!.metadata.labels!;
  assert.ok(Object.hasOwn(labels, '__proto__'));
  assert.is(Object.getPrototypeOf(labels), Object.prototype);
});

test('the server: protobuf metadata answers decode (schema catalog) to exactly its JSON answers', async () => {
  const names = (await client.list(secrets, { metadataOnly: true })).items.map((i) => [i.metadata.namespace!, i.metadata.name!] as const);
  assert.ok(names.length >= 42);
  for (const [ns, name] of names) {
    const path = `/api/v1/namespaces/${ns}/secrets/${name}`;
    const json = JSON.parse((await get(path, 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1')).body.toString('utf8'));
    const pb = await get(path, 'application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json');
    assert.is(pb.type, 'application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;v=v1;g=meta.k8s.io');
    const env = decodeProtobufEnvelope(pb.body);
    // The catalog keeps meta.k8s.io's kinds under its package's own version (v1).
    const decoded = { apiVersion: env.apiVersion, kind: env.kind, ...decodeProtobufMessage({ group: '', version: 'v1', kind: 'PartialObjectMetadata' }, env.raw) };
    assert.equal(decoded, json, name);
  }
  // Plain protobuf (no as=) and watches keep answering JSON, as before.
  assert.match((await get('/api/v1/secrets', 'application/vnd.kubernetes.protobuf,application/json')).type, /^application\/json/);
});

test('RestClient: a compact metadata list gives the kept fields of the ordinary one, page by page, tokens handed on early', async () => {
  const whole = await client.list(secrets, { metadataOnly: true, labelSelector: 'owner=helm' });
  let cont: string | undefined;
  const got: KubeObject[] = [];
  const early: string[] = [];
  do {
    const page = await client.list(secrets, { metadataOnly: true, compactMetadata: true, labelSelector: 'owner=helm', limit: 6, onContinue: (t) => early.push(t), ...(cont ? { continue: cont } : {}) });
    cont = page.metadata.continue || undefined;
    if (cont) assert.is(early[early.length - 1], cont);
    got.push(...page.items);
  } while (cont);
  assert.equal(kept(got), kept(whole.items));
  const handed: KubeObject[] = [];
  const page = await client.list(secrets, { metadataOnly: true, compactMetadata: true, onItem: (it) => it && handed.push(it) });
  assert.is(page.items.length, 0);
  assert.equal(kept(handed), kept((await client.list(secrets, { metadataOnly: true })).items));
});

test.run();
