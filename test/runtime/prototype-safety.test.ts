// Untrusted keys never become prototype writes: `__proto__`, `constructor`
// and `prototype` in request bodies are plain data keys (stored and returned
// as sent where the kind allows them) or refused by validation, through every
// entry point — merge, strategic and JSON patches from the real kubectl,
// server-side apply, create with such label/annotation keys, protobuf bodies —
// and the server keeps serving afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../support/runtime.js';
import { configMapBody } from '../support/protobuf-encode.js';
import { http } from './helpers.js';

const cluster = runtimeFixture('skiff-proto-');
const { kubectl, ok } = cluster;

const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Object.prototype has exactly its own built-in properties and nothing inherits attacker fields. */
function assertPristine(where: string): void {
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), protoKeys, `${where}: Object.prototype gained properties`);
  const probe: Record<string, unknown> = {};
  for (const k of ['polluted', 'x', 'impersonate-user', 'kind', 'metadata', 'spec', 'y']) assert.is(probe[k], undefined, `${where}: ({}).${k} is inherited`);
  assert.is(Object.getPrototypeOf(probe), Object.prototype);
}

async function cm(name: string): Promise<any> {
  const r = await http(cluster.conn, 'GET', `/api/v1/namespaces/default/configmaps/${name}`);
  assert.is(r.status, 200, r.text);
  return r.json();
}

async function serverStillServes(): Promise<void> {
  const name = `alive-${Math.random().toString(36).slice(2, 8)}`;
  const r = await http(cluster.conn, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });
  assert.is(r.status, 201, r.text);
  const got = await cm(name);
  assert.equal(Object.keys(got).sort(), ['apiVersion', 'data', 'kind', 'metadata']);
  const list = await http(cluster.conn, 'GET', '/api/v1/namespaces/default/configmaps');
  assert.is(list.status, 200);
}

test.before(async () => {
  await cluster.start();
  await ok(['create', 'configmap', 'target', '--from-literal=a=1']);
});
test.after(cluster.stop);

const HOSTILE_MERGE = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"metadata":{"__proto__":{"polluted":"yes"}}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"metadata":{"annotations":{"__proto__":{"polluted":"yes"}}}}',
  '{"data":{"__proto__":{"polluted":"yes"}}}',
];

test('kubectl patch --type=merge: __proto__/constructor bodies pollute nothing; constructor and prototype are data keys', async () => {
  for (const p of HOSTILE_MERGE) {
    await kubectl(['patch', 'cm', 'target', '--type=merge', '-p', p]);
    assertPristine(`merge ${p}`);
  }
  await ok(['patch', 'cm', 'target', '--type=merge', '-p', '{"data":{"constructor":"c","prototype":"p","__proto__":"u"}}']);
  const got = await cm('target');
  assert.equal(got.data, JSON.parse('{"a":"1","constructor":"c","prototype":"p","__proto__":"u"}'));
  assert.ok(Object.prototype.hasOwnProperty.call(got.data, '__proto__'));
  await ok(['patch', 'cm', 'target', '--type=merge', '-p', '{"data":{"constructor":null,"__proto__":null}}']);
  assert.equal((await cm('target')).data, { a: '1', prototype: 'p' });
  assertPristine('merge');
  await serverStillServes();
});

test('kubectl patch --type=strategic: the same bodies through strategic merge', async () => {
  for (const p of [...HOSTILE_MERGE, '{"metadata":{"labels":{"constructor":"v","__proto__":{"polluted":"yes"}}}}']) {
    await kubectl(['patch', 'cm', 'target', '--type=strategic', '-p', p]);
    assertPristine(`strategic ${p}`);
  }
  await ok(['patch', 'cm', 'target', '--type=strategic', '-p', '{"metadata":{"labels":{"constructor":"v"}},"data":{"constructor":"s"}}']);
  const got = await cm('target');
  assert.is(got.metadata.labels.constructor, 'v');
  assert.is(got.data.constructor, 's');
  await serverStillServes();
});

test('kubectl patch --type=json: add/replace/copy/move at __proto__ paths', async () => {
  const ops = [
    '[{"op":"add","path":"/__proto__/polluted","value":"yes"}]',
    '[{"op":"add","path":"/metadata/__proto__","value":{"polluted":"yes"}}]',
    '[{"op":"add","path":"/constructor/prototype/polluted","value":"yes"}]',
    '[{"op":"copy","from":"/data","path":"/__proto__"}]',
    '[{"op":"move","from":"/data/a","path":"/metadata/__proto__"}]',
  ];
  for (const p of ops) {
    await kubectl(['patch', 'cm', 'target', '--type=json', '-p', p]);
    assertPristine(`json ${p}`);
  }
  await ok(['patch', 'cm', 'target', '--type=json', '-p', '[{"op":"add","path":"/data/__proto__","value":"j"},{"op":"add","path":"/metadata/annotations","value":{"prototype":"q"}}]']);
  const got = await cm('target');
  assert.is(Object.getOwnPropertyDescriptor(got.data, '__proto__')?.value, 'j');
  assert.is(got.metadata.annotations.prototype, 'q');
  await serverStillServes();
});

test('kubectl apply --server-side and create: label/annotation/data keys named constructor, prototype, __proto__', async () => {
  const doc = `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
  labels: {constructor: a, prototype: b}
  annotations: {constructor: c, prototype: d}
data:
  constructor: e
  prototype: f
  __proto__: g
`;
  await ok(['apply', '--server-side', '-f', '-'], doc);
  await ok(['apply', '--server-side', '-f', '-'], doc.replace('constructor: e', 'constructor: e2'));
  assertPristine('apply');
  const got = await cm('applied');
  assert.equal(got.data, JSON.parse('{"constructor":"e2","prototype":"f","__proto__":"g"}'));
  assert.equal(got.metadata.labels, { constructor: 'a', prototype: 'b' });
  assert.equal(got.metadata.annotations, { constructor: 'c', prototype: 'd' });
  // managedFields name the keys as fields, never as prototype writes.
  const owned = (k: string) => got.metadata.managedFields.some((e: any) => Object.prototype.hasOwnProperty.call(e.fieldsV1['f:data'] ?? {}, k));
  assert.ok(owned('f:constructor') && owned('f:__proto__') && owned('f:prototype'), JSON.stringify(got.metadata.managedFields));
  // A label key `__proto__` is not a qualified name: refused with a Status.
  const bad = await kubectl(['apply', '--server-side', '-f', '-'], doc.replace('name: applied', 'name: bad').replace('prototype: b}', 'prototype: b, __proto__: x}'));
  assert.is.not(bad.code, 0);
  assert.match(bad.stderr, /metadata\.labels: Invalid value: "__proto__"/);
  await ok(['create', '-f', '-'], doc.replace('name: applied', 'name: created'));
  assert.equal((await cm('created')).data, JSON.parse('{"constructor":"e","prototype":"f","__proto__":"g"}'));
  assertPristine('create');
  await serverStillServes();
});

test('client-sent managedFields with hostile field names are kept as data', async () => {
  const body = JSON.parse(
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"mf","managedFields":[{"manager":"evil","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"__proto__":{"polluted":{}},"constructor":{"prototype":{"polluted":{}}}}}]},"data":{"a":"1"}}',
  );
  const r = await http(cluster.conn, 'POST', '/api/v1/namespaces/default/configmaps', JSON.stringify(body));
  assert.ok(r.status === 201 || r.status === 422 || r.status === 400, r.text);
  // Later writes fold the entry into new field sets.
  await http(cluster.conn, 'PATCH', '/api/v1/namespaces/default/configmaps/mf', '{"data":{"b":"2"}}', { 'Content-Type': 'application/merge-patch+json' });
  await http(cluster.conn, 'PATCH', '/api/v1/namespaces/default/configmaps/mf?fieldManager=evil', '{"data":{"a":"3"}}', { 'Content-Type': 'application/merge-patch+json' });
  assertPristine('managedFields');
  await serverStillServes();
});

test('protobuf bodies with hostile map keys (kubectl create configmap sends protobuf)', async () => {
  const body = configMapBody({ name: 'pb', labels: { constructor: 'l' }, annotations: { prototype: 'a' }, data: JSON.parse('{"__proto__":"x","constructor":"y"}') });
  const r = await http(cluster.conn, 'POST', '/api/v1/namespaces/default/configmaps', body, { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
  assert.is(r.status, 201, r.text);
  const got = await cm('pb');
  assert.equal(got.data, JSON.parse('{"__proto__":"x","constructor":"y"}'));
  assert.equal(got.metadata.labels, { constructor: 'l' });
  assertPristine('protobuf');
  await serverStillServes();
});

test('YAML bodies with __proto__ keys, and kubectl with such keys end to end after a restart of reads', async () => {
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y1\ndata:\n  __proto__: v\n  constructor: w\n';
  const r = await http(cluster.conn, 'POST', '/api/v1/namespaces/default/configmaps', yaml, { 'Content-Type': 'application/yaml' });
  assert.is(r.status, 201, r.text);
  const merged = await http(cluster.conn, 'PATCH', '/api/v1/namespaces/default/configmaps/y1', 'data:\n  __proto__:\n    polluted: yes\n', { 'Content-Type': 'application/apply-patch+yaml' });
  assert.ok(merged.status < 500, merged.text);
  assertPristine('yaml');
  const got = JSON.parse(await ok(['get', 'cm', '-o', 'json']));
  assert.ok(got.items.length >= 5);
  await serverStillServes();
});

test('custom resources: constructor/__proto__ fields the schema does not declare are pruned, declared ones stored', async () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.proto.example.com' },
    spec: {
      group: 'proto.example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' }, prototype: { type: 'string' } } } } } },
        },
      ],
    },
  };
  const c = await http(cluster.conn, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
  assert.is(c.status, 201, c.text);
  const path = '/apis/proto.example.com/v1/namespaces/default/widgets';
  let r = { status: 0, text: '' } as Awaited<ReturnType<typeof http>>;
  for (let i = 0; i < 50 && r.status !== 201; i++) {
    r = await http(cluster.conn, 'POST', path, '{"apiVersion":"proto.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1,"prototype":"kept","constructor":{"prototype":{"polluted":"yes"}},"__proto__":{"polluted":"yes"}}}');
    if (r.status === 404) await new Promise((res) => setTimeout(res, 100));
  }
  assert.is(r.status, 201, r.text);
  assertPristine('custom resource');
  const got = (await http(cluster.conn, 'GET', `${path}/w`)).json();
  assert.equal(Object.keys(got.spec).sort(), ['prototype', 'size']);
  const p = await http(cluster.conn, 'PATCH', `${path}/w`, '{"spec":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}', { 'Content-Type': 'application/merge-patch+json' });
  assert.ok(p.status < 500, p.text);
  assertPristine('custom resource patch');
  await serverStillServes();
});

test.run();
