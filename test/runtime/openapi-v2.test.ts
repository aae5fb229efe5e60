// /openapi/v2 in JSON and in gnostic protobuf, with the real kubectl: it
// validates a `kind: List` (what `kubectl get a b -o yaml` prints) against the
// v2 models, so `kubectl create -f` / `apply -f` of such a file depend on it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeFixture } from '../support/runtime.js';
import { http } from './helpers.js';

const cluster = runtimeFixture('skiff-openapi-v2-');
const { kubectl, ok } = cluster;

const PROTO_ACCEPT = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

test.before(cluster.start);
test.after(cluster.stop);

test('the JSON document: Swagger 2.0, one definition per kind with its group-version-kind, refs into #/definitions', async () => {
  const r = await http(cluster.conn, 'GET', '/openapi/v2');
  assert.is(r.status, 200);
  assert.match(String(r.headers['content-type']), /^application\/json/);
  const doc = r.json();
  assert.is(doc.swagger, '2.0');
  const deploy = doc.definitions['io.k8s.api.apps.v1.Deployment'];
  assert.equal(deploy['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  assert.equal(deploy.properties.metadata.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  assert.is(JSON.stringify(doc).includes('#/components/'), false);
  for (const id of [
    'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration',
    'io.k8s.api.certificates.v1.CertificateSigningRequest',
    'io.k8s.api.node.v1.RuntimeClass',
    'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
  ]) {
    assert.ok(doc.definitions[id], id);
  }
  // Extensions next to a $ref stay, as kube-openapi publishes them (strategic merge reads them).
  assert.equal(deploy.properties.spec.$ref, '#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
  const strategy = doc.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy;
  assert.is(strategy['x-kubernetes-patch-strategy'], 'retainKeys');
  assert.equal(doc.definitions['io.k8s.api.core.v1.ServicePort'].properties.protocol.default, 'TCP');
  // Operations are v3's alone (see openapi-v2.ts): kubectl then validates Lists without listing CRDs.
  assert.equal(doc.paths, {});
});

test('protobuf on request, an ETag, and 304 for a matching If-None-Match', async () => {
  const r = await http(cluster.conn, 'GET', '/openapi/v2', undefined, { Accept: PROTO_ACCEPT });
  assert.is(r.status, 200);
  assert.is(r.headers['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  const etag = String(r.headers.etag);
  assert.match(etag, /^"[0-9A-F]+"$/);
  const again = await http(cluster.conn, 'GET', '/openapi/v2', undefined, { Accept: PROTO_ACCEPT, 'If-None-Match': etag });
  assert.is(again.status, 304);
});

test('kubectl create -f and apply -f of a List printed by `kubectl get cm a b -o yaml`', async () => {
  await ok(['create', 'configmap', 'a', '--from-literal=x=1']);
  await ok(['create', 'configmap', 'b', '--from-literal=y=2']);
  const list = await ok(['get', 'cm', 'a', 'b', '-o', 'yaml']);
  assert.match(list, /^kind: List$/m);
  const file = join(cluster.dir, 'list.yaml');
  writeFileSync(file, list);
  await ok(['delete', 'cm', 'a', 'b']);
  assert.match(await ok(['create', '-f', file]), /configmap\/a created\nconfigmap\/b created/);
  await ok(['delete', 'cm', 'a', 'b']);
  assert.match(await ok(['apply', '-f', file]), /configmap\/a created\nconfigmap\/b created/);
  const again = await ok(['get', 'cm', 'a', 'b', '-o', 'yaml']);
  writeFileSync(file, again);
  assert.match(await ok(['apply', '-f', file]), /configmap\/a configured\nconfigmap\/b configured/);
});

test('a List of everything the server prints validates: workloads with status, managedFields and defaults', async () => {
  await ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--port=80']);
  await ok(['expose', 'deployment', 'web']);
  await ok(['create', 'job', 'once', '--image=busybox']);
  await ok(['create', 'priorityclass', 'high', '--value=1000']);
  const all = await ok(['get', 'deploy,rs,svc,job,cm,sa,priorityclass,ns,runtimeclass,validatingwebhookconfiguration', '-o', 'yaml', '--show-managed-fields']);
  const r = await kubectl(['create', '--dry-run=client', '-f', '-'], all);
  assert.is(r.code, 0, r.stderr);
});

test('client-side validation of a List reports an unknown field by kind, as kubectl does against kube-apiserver', async () => {
  const bad = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n  bogus: 1\n';
  const r = await kubectl(['create', '-f', '-'], bad);
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /ValidationError\(ConfigMap\): unknown field "bogus" in io\.k8s\.api\.core\.v1\.ConfigMap/);
});

test('custom resources appear in the v2 document once their CRD is established', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
`);
  await ok(['wait', '--for=condition=Established', 'crd/widgets.example.com']);
  const doc = (await http(cluster.conn, 'GET', '/openapi/v2')).json();
  const w = doc.definitions['com.example.v1.Widget'];
  assert.equal(w['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
  assert.equal(w.properties.spec.properties.size, { type: 'integer' });
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: example.com/v1\n  kind: Widget\n  metadata: {name: w1}\n  spec: {size: 3}\n';
  assert.match(await ok(['create', '-f', '-'], list), /widget.example.com\/w1 created/);
});

test.run();
