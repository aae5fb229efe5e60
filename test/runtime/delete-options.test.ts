// DELETE with a protobuf DeleteOptions body — what Helm 3 and Helm 4 (and
// every client-go typed client) send — is decoded and honoured: real Helm
// installs and uninstalls a chart, and the options in the body (grace period,
// propagation, preconditions, dry run) take effect as in a JSON body.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { helm4Binary, helmBinary } from '../support/helm.js';
import { run, tempDir } from '../support/cli.js';
import { envelope, message, type Field } from '../support/protobuf-encode.js';
import { http, type Conn } from './helpers.js';

let rt: Runtime;
let conn: Conn;
let dir: string;
let env: Record<string, string>;
const NS = '/api/v1/namespaces/default';

test.before(async () => {
  dir = tempDir('skiff-delopts-');
  rt = await startRuntime({ dataDir: join(dir, 'data'), store: 'memory' });
  conn = { url: rt.url, caPem: rt.caPem, token: rt.token };
  env = { KUBECONFIG: rt.kubeconfigPath, HOME: dir, HELM_CACHE_HOME: join(dir, 'cache'), HELM_CONFIG_HOME: join(dir, 'config'), HELM_DATA_HOME: join(dir, 'data-home') };
});
test.after(async () => {
  await rt.stop();
});

function chart(): string {
  const c = join(dir, 'small');
  mkdirSync(join(c, 'templates'), { recursive: true });
  writeFileSync(join(c, 'Chart.yaml'), 'apiVersion: v2\nname: small\nversion: 0.1.0\n');
  writeFileSync(
    join(c, 'templates', 'all.yaml'),
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  greeting: hello
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-svc
spec:
  selector: {app: {{ .Release.Name }}}
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
  );
  return c;
}

for (const [label, binary] of [
  ['Helm 3.17.3', helmBinary],
  ['Helm 4.1.4', helm4Binary],
] as const) {
  test(`${label}: install then uninstall purges the release and its objects`, async () => {
    const helm = binary();
    const name = label.startsWith('Helm 3') ? 'three' : 'four';
    const inst = await run(helm, ['install', name, chart(), '--namespace', 'default'], { env, timeoutMs: 120_000 });
    assert.is(inst.code, 0, inst.stderr);
    assert.is((await http(conn, 'GET', `${NS}/configmaps/${name}-config`)).status, 200);
    const un = await run(helm, ['uninstall', name, '--namespace', 'default'], { env, timeoutMs: 120_000 });
    assert.is(un.code, 0, `${un.stdout}\n${un.stderr}`);
    assert.match(un.stdout, new RegExp(`release "${name}" uninstalled`));
    assert.not.match(un.stderr, /Failed to purge/);
    for (const path of [`${NS}/configmaps/${name}-config`, `${NS}/services/${name}-svc`, `/apis/apps/v1/namespaces/default/deployments/${name}-web`]) {
      assert.is((await http(conn, 'GET', path)).status, 404, `${path} is gone`);
    }
    const secrets = (await http(conn, 'GET', `${NS}/secrets?labelSelector=owner%3Dhelm,name%3D${name}`)).json();
    assert.is(secrets.items.length, 0, 'the release records are purged');
    const list = await run(helm, ['list', '-a', '-q', '--namespace', 'default'], { env });
    assert.not.match(list.stdout, new RegExp(`^${name}$`, 'm'));
  });
}

/** A protobuf DeleteOptions body as client-go encodes it (labelled with the request's group version). */
function deleteOptions(apiVersion: string, fields: Field[]): Buffer {
  return envelope(apiVersion, 'DeleteOptions', message(fields));
}
const PB = { 'Content-Type': 'application/vnd.kubernetes.protobuf' };

test('protobuf DeleteOptions: preconditions, dry run and propagation are honoured', async () => {
  const created = await http(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pb-del' } });
  assert.is(created.status, 201);
  const uid = created.json().metadata.uid;
  // preconditions (field 2: uid = 1) that do not hold: 409.
  let r = await http(conn, 'DELETE', `${NS}/configmaps/pb-del`, deleteOptions('v1', [[2, [[1, 'not-the-uid']]]]), PB);
  assert.is(r.status, 409, r.text);
  assert.match(r.json().message, /Precondition failed: UID in precondition: not-the-uid, UID in object meta: /);
  // dryRun (field 5) = All: answered, nothing deleted.
  r = await http(conn, 'DELETE', `${NS}/configmaps/pb-del`, deleteOptions('v1', [[5, 'All'], [1, 0]]), PB);
  assert.is(r.status, 200, r.text);
  assert.is((await http(conn, 'GET', `${NS}/configmaps/pb-del`)).status, 200);
  // gracePeriodSeconds (1) = 0, propagationPolicy (4), matching preconditions: deleted.
  r = await http(conn, 'DELETE', `${NS}/configmaps/pb-del`, deleteOptions('v1', [[1, 0], [2, [[1, uid]]], [4, 'Background']]), PB);
  assert.is(r.status, 200, r.text);
  assert.is((await http(conn, 'GET', `${NS}/configmaps/pb-del`)).status, 404);
  // Orphan propagation from an apps/v1-labelled body: the ReplicaSet's pods-to-be owner goes, dependents stay.
  const rs = await http(conn, 'POST', '/apis/apps/v1/namespaces/default/replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'orphaner' },
    spec: { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  assert.is(rs.status, 201, rs.text);
  const owned = await http(conn, 'POST', `${NS}/configmaps`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'dependent', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'orphaner', uid: rs.json().metadata.uid }] },
  });
  assert.is(owned.status, 201, owned.text);
  r = await http(conn, 'DELETE', '/apis/apps/v1/namespaces/default/replicasets/orphaner', deleteOptions('apps/v1', [[4, 'Orphan']]), PB);
  assert.is(r.status, 200, r.text);
  await new Promise((res) => setTimeout(res, 1500));
  const dep = await http(conn, 'GET', `${NS}/configmaps/dependent`);
  assert.is(dep.status, 200, 'an orphaned dependent stays');
  assert.equal(dep.json().metadata.ownerReferences ?? [], []);
});

test('a protobuf DELETE body that is not DeleteOptions, or is malformed: 400 with a Status', async () => {
  await http(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' } });
  let r = await http(conn, 'DELETE', `${NS}/configmaps/keep`, envelope('v1', 'ConfigMap', message([])), PB);
  assert.is(r.status, 400, r.text);
  assert.is(r.json().kind, 'Status');
  r = await http(conn, 'DELETE', `${NS}/configmaps/keep`, Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff]), PB);
  assert.is(r.status, 400, r.text);
  assert.is((await http(conn, 'GET', `${NS}/configmaps/keep`)).status, 200);
});

test.run();
