// kubectl's generator commands send protobuf bodies: every one of them against
// the runtime, plus `run` and `expose` (JSON), and bad protobuf refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeFixture } from '../support/runtime.js';
import { http } from './helpers.js';

const cluster = runtimeFixture('skiff-kubectl-create-');
const { ok } = cluster;

async function getJson(args: readonly string[]): Promise<any> {
  return JSON.parse(await ok(['get', ...args, '-o', 'json']));
}

test.before(cluster.start);
test.after(cluster.stop);

test('create namespace, configmap, secrets, serviceaccount', async () => {
  assert.match(await ok(['create', 'namespace', 'gen']), /namespace\/gen created/);
  assert.match(await ok(['-n', 'gen', 'create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two']), /configmap\/cfg created/);
  assert.equal((await getJson(['-n', 'gen', 'configmap', 'cfg'])).data, { a: '1', b: 'two' });
  await ok(['-n', 'gen', 'create', 'secret', 'generic', 'pw', '--from-literal=password=s3cret']);
  const s = await getJson(['-n', 'gen', 'secret', 'pw']);
  assert.is(s.type, 'Opaque');
  assert.is(Buffer.from(s.data.password, 'base64').toString(), 's3cret');
  // The runtime's own serving pair is a well-formed certificate and key.
  const pki = join(cluster.dir, 'data', 'pki');
  const crt = readFileSync(join(pki, 'apiserver.crt'), 'utf8');
  await ok(['-n', 'gen', 'create', 'secret', 'tls', 'tls', `--cert=${join(pki, 'apiserver.crt')}`, `--key=${join(pki, 'apiserver.key')}`]);
  const tls = await getJson(['-n', 'gen', 'secret', 'tls']);
  assert.is(tls.type, 'kubernetes.io/tls');
  assert.is(Buffer.from(tls.data['tls.crt'], 'base64').toString(), crt);
  await ok(['-n', 'gen', 'create', 'secret', 'docker-registry', 'reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p']);
  const reg = await getJson(['-n', 'gen', 'secret', 'reg']);
  assert.is(reg.type, 'kubernetes.io/dockerconfigjson');
  assert.ok(JSON.parse(Buffer.from(reg.data['.dockerconfigjson'], 'base64').toString()).auths['r.example']);
  assert.match(await ok(['-n', 'gen', 'create', 'serviceaccount', 'robot']), /serviceaccount\/robot created/);
});

test('create deployment, services, job, cronjob', async () => {
  await ok(['-n', 'gen', 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']);
  const d = await getJson(['-n', 'gen', 'deployment', 'web']);
  assert.is(d.spec.replicas, 2);
  assert.is(d.spec.template.spec.containers[0].image, 'nginx:1.27');
  assert.is(d.spec.template.spec.containers[0].ports[0].containerPort, 80);
  assert.equal(d.spec.selector.matchLabels, { app: 'web' });
  await ok(['-n', 'gen', 'create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
  const svc = await getJson(['-n', 'gen', 'service', 'web']);
  assert.is(svc.spec.type, 'ClusterIP');
  assert.is(svc.spec.ports[0].port, 80);
  assert.is(svc.spec.ports[0].targetPort, 8080);
  await ok(['-n', 'gen', 'create', 'service', 'nodeport', 'np', '--tcp=81:http', '--node-port=30081']);
  const np = await getJson(['-n', 'gen', 'service', 'np']);
  assert.is(np.spec.type, 'NodePort');
  assert.is(np.spec.ports[0].targetPort, 'http');
  assert.is(np.spec.ports[0].nodePort, 30081);
  await ok(['-n', 'gen', 'create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']);
  const job = await getJson(['-n', 'gen', 'job', 'once']);
  assert.equal(job.spec.template.spec.containers[0].command, ['echo', 'hi']);
  await ok(['-n', 'gen', 'create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *']);
  assert.is((await getJson(['-n', 'gen', 'cronjob', 'tick'])).spec.schedule, '*/5 * * * *');
});

test('create role, rolebinding, clusterrole, clusterrolebinding', async () => {
  await ok(['-n', 'gen', 'create', 'role', 'reader', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=x']);
  const role = await getJson(['-n', 'gen', 'role', 'reader']);
  assert.equal(role.rules[0].verbs, ['get', 'list']);
  assert.equal(role.rules.map((r: any) => r.apiGroups[0]).sort(), ['', 'apps']);
  await ok(['-n', 'gen', 'create', 'rolebinding', 'rb', '--role=reader', '--user=alice', '--serviceaccount=gen:robot']);
  const rb = await getJson(['-n', 'gen', 'rolebinding', 'rb']);
  assert.equal(rb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
  assert.is(rb.subjects.length, 2);
  await ok(['create', 'clusterrole', 'gen-cr', '--verb=get', '--non-resource-url=/logs/*']);
  assert.equal((await getJson(['clusterrole', 'gen-cr'])).rules[0].nonResourceURLs, ['/logs/*']);
  await ok(['create', 'clusterrolebinding', 'gen-crb', '--clusterrole=gen-cr', '--group=devs']);
  assert.equal((await getJson(['clusterrolebinding', 'gen-crb'])).subjects, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }]);
});

test('create quota, priorityclass, poddisruptionbudget, ingress', async () => {
  await ok(['-n', 'gen', 'create', 'quota', 'q', '--hard=cpu=2,memory=1Gi,pods=10']);
  assert.equal((await getJson(['-n', 'gen', 'resourcequota', 'q'])).spec.hard, { cpu: '2', memory: '1Gi', pods: '10' });
  // A cpu/memory quota makes every later pod in the namespace state its requests (quota admission): the other tests' pods do not.
  await ok(['-n', 'gen', 'delete', 'quota', 'q']);
  await ok(['create', 'priorityclass', 'high', '--value=1000', '--description=important']);
  const pc = await getJson(['priorityclass', 'high']);
  assert.is(pc.value, 1000);
  assert.is(pc.description, 'important');
  await ok(['-n', 'gen', 'create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%']);
  assert.is((await getJson(['-n', 'gen', 'pdb', 'pdb'])).spec.minAvailable, '50%');
  await ok(['-n', 'gen', 'create', 'ingress', 'ing', '--rule=shop.local/api*=web:80']);
  const ing = await getJson(['-n', 'gen', 'ingress', 'ing']);
  assert.is(ing.spec.rules[0].host, 'shop.local');
  assert.equal(ing.spec.rules[0].http.paths[0].backend.service, { name: 'web', port: { number: 80 } });
  assert.is(ing.spec.rules[0].http.paths[0].pathType, 'Prefix');
});

test('run and expose', async () => {
  assert.match(await ok(['-n', 'gen', 'run', 'solo', '--image=nginx', '--port=80', '--labels=app=solo']), /pod\/solo created/);
  const pod = await getJson(['-n', 'gen', 'pod', 'solo']);
  assert.is(pod.spec.containers[0].image, 'nginx');
  assert.match(await ok(['-n', 'gen', 'expose', 'pod', 'solo', '--port=8080', '--target-port=80']), /service\/solo exposed/);
  const svc = await getJson(['-n', 'gen', 'service', 'solo']);
  assert.equal(svc.spec.selector, { app: 'solo' });
  assert.is(svc.spec.ports[0].targetPort, 80);
  await ok(['-n', 'gen', 'expose', 'deployment', 'web', '--name=web-np', '--port=80', '--type=NodePort']);
  assert.is((await getJson(['-n', 'gen', 'service', 'web-np'])).spec.type, 'NodePort');
});

const PB = { 'Content-Type': 'application/vnd.kubernetes.protobuf' };

/** A protobuf envelope around `raw` for apiVersion/kind. */
function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const str = (num: number, s: Buffer | string) => {
    const b = Buffer.isBuffer(s) ? s : Buffer.from(s);
    return Buffer.concat([Buffer.from([(num << 3) | 2, b.length]), b]);
  };
  const typeMeta = Buffer.concat([str(1, apiVersion), str(2, kind)]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), str(1, typeMeta), str(2, raw)]);
}

test('bad protobuf bodies are refused with a 400 Status, and the server keeps serving', async () => {
  const conn = { url: cluster.rt.url, caPem: cluster.rt.caPem, token: cluster.rt.token };
  const meta = Buffer.concat([Buffer.from([0x0a, 3]), Buffer.from('pb1')]); // ObjectMeta{name="pb1"}
  const good = envelope('v1', 'ConfigMap', Buffer.concat([Buffer.from([0x0a, meta.length]), meta]));
  const created = await http(conn, 'POST', '/api/v1/namespaces/gen/configmaps', good, PB);
  assert.is(created.status, 201, created.text);
  assert.is(created.json().metadata.name, 'pb1');
  for (const [what, body] of [
    ['truncated', good.subarray(0, good.length - 3)],
    ['no magic', Buffer.from('{"kind":"ConfigMap"}')],
    ['unknown kind', envelope('v1', 'Gizmo', Buffer.alloc(0))],
    ['garbage', Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])])],
  ] as const) {
    const r = await http(conn, 'POST', '/api/v1/namespaces/gen/configmaps', body, PB);
    assert.is(r.status, 400, `${what}: ${r.text}`);
    const st = r.json();
    assert.is(st.kind, 'Status', what);
    assert.is(st.reason, 'BadRequest', what);
  }
  const unknownKind = await http(conn, 'POST', '/api/v1/namespaces/gen/configmaps', envelope('v1', 'Gizmo', Buffer.alloc(0)), PB);
  assert.match(unknownKind.json().message, /Gizmo/);
  const other = await http(conn, 'POST', '/api/v1/namespaces/gen/configmaps', 'x', { 'Content-Type': 'application/x-thing' });
  assert.is(other.status, 415);
  assert.is((await http(conn, 'GET', '/api/v1/namespaces/gen/configmaps/pb1')).status, 200);
});

test.run();
