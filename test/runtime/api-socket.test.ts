// The runtime's unix socket (RuntimeOptions.apiSocket: $SKIFF_HOME/cluster/api.sock,
// which skiff's own CLI uses for its bundled cluster): plain HTTP, yet every
// API request needs the same credentials as on HTTPS, and authorization is
// the same. The socket is 0600 in the private data dir; a socket left by a
// runtime that died is replaced; a path that cannot be a socket leaves the
// runtime on HTTPS alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstatSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { clusterLayout } from '../../src/cluster/layout.js';
import { startRuntime } from '../../src/runtime/index.js';
import { runtimeFixture } from '../support/runtime.js';
import { tempDir } from '../support/cli.js';

const cluster = runtimeFixture('skiff-sock-', { apiSocket: true });
test.before(cluster.start);
test.after(cluster.stop);

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One request over the unix socket `path`, with the given headers. */
function viaSocket(path: string, method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method, path: url, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('the socket is the data dir api.sock, mode 0600, in a 0700 folder', () => {
  const path = cluster.rt.socketPath!;
  assert.is(path, clusterLayout(join(cluster.dir, 'data')).apiSocket);
  const st = lstatSync(path);
  assert.ok(st.isSocket());
  assert.is(st.mode & 0o777, 0o600);
  assert.is(statSync(join(cluster.dir, 'data')).mode & 0o777, 0o700);
});

test('every API path on the socket refuses a request without credentials or with a wrong token (401)', async () => {
  const path = cluster.rt.socketPath!;
  const paths = ['/api/v1/namespaces/default/secrets', '/api/v1/namespaces', '/apis', '/api', '/version', '/openapi/v2', '/apis/apps/v1/deployments?watch=true'];
  for (const url of paths) {
    for (const headers of [{}, bearer('not-the-token'), bearer(`${cluster.rt.token}x`), { authorization: `Basic ${Buffer.from(`admin:${cluster.rt.token}`).toString('base64')}` }]) {
      const r = await viaSocket(path, 'GET', url, headers);
      assert.is(r.status, 401, `GET ${url} with ${JSON.stringify(headers)}: ${r.body}`);
      assert.equal(JSON.parse(r.body).reason, 'Unauthorized');
    }
  }
  const write = await viaSocket(path, 'POST', '/api/v1/namespaces/default/configmaps', {}, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sneaky' } }));
  assert.is(write.status, 401);
  const ok = await viaSocket(path, 'GET', '/api/v1/namespaces/default/configmaps/sneaky', bearer(cluster.rt.token));
  assert.is(ok.status, 404, 'nothing was written');
  // Impersonation headers do not stand in for credentials either.
  const imp = await viaSocket(path, 'GET', '/api/v1/namespaces', { 'impersonate-user': 'skiff-admin', 'impersonate-group': 'system:masters' });
  assert.is(imp.status, 401);
});

test('the admin token works on the socket as on HTTPS; health checks answer without credentials on both, as kube-apiserver', async () => {
  const path = cluster.rt.socketPath!;
  const r = await viaSocket(path, 'POST', '/api/v1/namespaces/default/configmaps', bearer(cluster.rt.token), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'via-socket' }, data: { a: '1' } }));
  assert.is(r.status, 201, r.body);
  const back = await cluster.rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'via-socket' });
  assert.equal(back.data, { a: '1' });
  const ready = await viaSocket(path, 'GET', '/readyz');
  assert.equal([ready.status, ready.body], [200, 'ok']);
});

test('authorization is the same on the socket: a ServiceAccount token is authenticated, then RBAC decides', async () => {
  const path = cluster.rt.socketPath!;
  const client = cluster.rt.client;
  await client.create({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default' }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader' } });
  const tr = await client.create<any>(
    { group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default', name: 'reader', subresource: 'token' },
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
  );
  const token = tr.status.token as string;
  const denied = await viaSocket(path, 'GET', '/api/v1/namespaces/default/secrets', bearer(token));
  assert.is(denied.status, 403, denied.body);
  assert.match(JSON.parse(denied.body).message, /system:serviceaccount:default:reader/);
  await client.create({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', namespace: 'default' }, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'reader-view' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: 'default' }],
  });
  let read: Answer | undefined;
  for (let i = 0; i < 50; i++) {
    read = await viaSocket(path, 'GET', '/api/v1/namespaces/default/configmaps', bearer(token));
    if (read.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.is(read!.status, 200, read!.body);
  const write = await viaSocket(path, 'DELETE', '/api/v1/namespaces/default/configmaps/via-socket', bearer(token));
  assert.is(write.status, 403, 'view does not delete');
});

test('a socket a dead runtime left behind is replaced; anything else there leaves the runtime on HTTPS alone', async () => {
  const dataDir = join(tempDir('skiff-sock2-'), 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sock = clusterLayout(dataDir).apiSocket;
  // A socket file whose server is gone: its process was killed while listening.
  const killed = spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(sock)}, () => process.kill(process.pid, 'SIGKILL'))`]);
  assert.is(killed.signal, 'SIGKILL');
  assert.ok(lstatSync(sock).isSocket(), 'the stale socket file is left');
  const rt = await startRuntime({ dataDir, store: 'memory', apiSocket: true, components: [] });
  try {
    assert.is(rt.socketPath, sock);
    const r = await viaSocket(sock, 'GET', '/api/v1/namespaces', bearer(rt.token));
    assert.is(r.status, 200);
  } finally {
    await rt.stop();
  }
  let gone = false;
  try {
    lstatSync(sock);
  } catch {
    gone = true;
  }
  assert.ok(gone, 'stopping removes the socket');

  writeFileSync(sock, 'not a socket');
  const rt2 = await startRuntime({ dataDir, store: 'memory', apiSocket: true, components: [] });
  try {
    assert.is(rt2.socketPath, undefined);
    assert.ok(lstatSync(sock).isFile(), 'the file is left alone');
  } finally {
    await rt2.stop();
  }
});

test('a data dir whose socket path is too long for a socket address serves HTTPS alone', async () => {
  const dataDir = join(tempDir('skiff-sock3-'), 'd'.repeat(100));
  const rt = await startRuntime({ dataDir, store: 'memory', apiSocket: true, components: [] });
  try {
    assert.is(rt.socketPath, undefined);
    assert.ok(rt.url.startsWith('https://127.0.0.1:'));
  } finally {
    await rt.stop();
  }
});

test.run();
