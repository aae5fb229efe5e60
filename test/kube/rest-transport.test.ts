// The HTTP transport against scripted servers: TLS variants, credentials,
// Status errors, retries, timeouts, unreachable clusters and watch streams.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import type { ClusterConfig } from '../../src/kube/kubeconfig.js';
import { ApiStatusError, isAlreadyExists, isNotFound } from '../../src/kube/client.js';
import type { WatchEvent } from '../../src/apimachinery/types.js';
import { ClusterError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';
import { createPki, type TestPki } from './tls-fixture.js';
import { sendJson, startFakeServer, statusBody, type FakeServer } from './fake-server.js';
import { rejection } from '../support/releases.js';

let pki: TestPki;
let other: TestPki;
let server: FakeServer;
const clients: RestClient[] = [];
const dir = tempDir('skiff-rest-');
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: '1' } });
const CM_REF = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'x' } as const;

function config(over: Partial<ClusterConfig> = {}): ClusterConfig {
  return { server: server.url, tls: { ca: pki.ca.cert, insecureSkipTLSVerify: false }, auth: { token: 'secret-token' }, namespace: 'default', files: [], ...over };
}

function client(over: Partial<ClusterConfig> = {}, retry = { maxRetries: 3, baseDelayMs: 1 }, timeoutMs?: number): RestClient {
  const c = restClient(config(over), { retry, timeoutMs });
  clients.push(c);
  return c;
}

test.before(async () => {
  pki = await createPki();
  other = await createPki();
  server = await startFakeServer({ tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true } }, (_req, res) => sendJson(res, 200, cm('x')));
});

test.after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

test.before.each(() => {
  server.seen.length = 0;
  server.handler = (_req, res) => sendJson(res, 200, cm('x'));
});

test('verifies the server against the kubeconfig CA and sends token, user agent and impersonation', async () => {
  const c = client({ impersonate: { user: 'jane', groups: ['dev', 'ops'] } });
  const obj = await c.get(CM_REF);
  assert.is(obj.metadata.name, 'x');
  const r = server.seen[0];
  assert.is(r.method, 'GET');
  assert.is(r.url, '/api/v1/namespaces/default/configmaps/x');
  assert.is(r.headers.authorization, 'Bearer secret-token');
  assert.match(String(r.headers['user-agent']), /^skiff\//);
  assert.is(r.headers['impersonate-user'], 'jane');
  assert.is(r.headers['impersonate-group'], 'dev, ops');
});

test('keeps connections alive across requests', async () => {
  const c = client();
  const before = server.connections();
  for (let i = 0; i < 10; i++) await c.get(CM_REF);
  // undici's pool may open a second socket while the first is being released; never one per request.
  assert.ok(server.connections() - before <= 2, `${server.connections() - before} connections for 10 requests`);
});

test('a server certificate from another CA is refused with a hint about the CA', async () => {
  const e = await rejection(client({ tls: { ca: other.ca.cert, insecureSkipTLSVerify: false } }).get(CM_REF));
  assert.instance(e, ClusterError);
  assert.match(e.message, new RegExp(`^Kubernetes cluster unreachable: ${server.url}: `));
  assert.match((e as ClusterError).hint ?? '', /certificate-authority|--kube-ca-file/);
  // insecure-skip-tls-verify accepts it.
  const ok = await client({ tls: { insecureSkipTLSVerify: true } }).get(CM_REF);
  assert.is(ok.metadata.name, 'x');
});

test('tls-server-name is the name the certificate is verified against', async () => {
  assert.is((await client({ tls: { ca: pki.ca.cert, insecureSkipTLSVerify: false, serverName: 'kube.test' } }).get(CM_REF)).kind, 'ConfigMap');
  const e = await rejection(client({ tls: { ca: pki.ca.cert, insecureSkipTLSVerify: false, serverName: 'other.name' } }).get(CM_REF));
  assert.match(e.message, /other\.name/);
});

test('presents the client certificate for mutual TLS, and basic auth when configured', async () => {
  await client({ tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, insecureSkipTLSVerify: false }, auth: { username: 'admin', password: 'pw' } }).get(CM_REF);
  assert.is(server.seen[0].clientCN, 'user');
  assert.is(server.seen[0].headers.authorization, `Basic ${Buffer.from('admin:pw').toString('base64')}`);
});

test('a token file is read for the bearer token', async () => {
  const f = join(dir, 'token');
  writeFileSync(f, 'from-file\n');
  await client({ auth: { tokenFile: f } }).get(CM_REF);
  assert.is(server.seen[0].headers.authorization, 'Bearer from-file');
});

test('Status errors surface as ApiStatusError; 401 and 403 as ClusterError with the server message', async () => {
  const c = client();
  server.handler = (_r, res) => sendJson(res, 404, statusBody(404, 'NotFound', 'configmaps "x" not found'));
  const nf = await rejection(c.get(CM_REF));
  assert.ok(isNotFound(nf));
  assert.is(nf.message, 'configmaps "x" not found');
  server.handler = (_r, res) => sendJson(res, 409, statusBody(409, 'AlreadyExists', 'configmaps "x" already exists'));
  assert.ok(isAlreadyExists(await rejection(c.create({ ...CM_REF, name: undefined }, cm('x')))));
  server.handler = (_r, res) => sendJson(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized'));
  const unauth = await rejection(c.get(CM_REF));
  assert.instance(unauth, ClusterError);
  assert.is(unauth.message, `Kubernetes cluster unauthorized: ${server.url}: Unauthorized`);
  assert.is((unauth as ClusterError).status, 401);
  server.handler = (_r, res) =>
    sendJson(res, 403, statusBody(403, 'Forbidden', 'configmaps "x" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "default"'));
  const forbidden = await rejection(c.get(CM_REF));
  assert.instance(forbidden, ClusterError);
  assert.match(forbidden.message, /User "jane" cannot get resource "configmaps"/);
  // A non-Status error body still becomes a Status with the HTTP code.
  server.handler = (_r, res) => {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('bad things');
  };
  const bad = await rejection(c.get(CM_REF));
  assert.instance(bad, ApiStatusError);
  assert.is((bad as ApiStatusError).code, 400);
  assert.is((bad as ApiStatusError).reason, 'BadRequest');
  assert.is(bad.message, 'bad things');
});

test('retries 5xx for idempotent verbs and 429 honouring Retry-After; never retries a failed POST', async () => {
  const c = client();
  let n = 0;
  server.handler = (_r, res) => {
    n++;
    if (n <= 2) sendJson(res, 503, statusBody(503, 'ServiceUnavailable', 'try later'), { 'retry-after': '0' });
    else sendJson(res, 200, cm('x'));
  };
  assert.is((await c.get(CM_REF)).metadata.name, 'x');
  assert.is(server.seen.length, 3);

  server.seen.length = 0;
  server.handler = (_r, res) => sendJson(res, 500, statusBody(500, 'InternalError', 'boom'));
  const e = await rejection(c.create({ ...CM_REF, name: undefined }, cm('x')));
  assert.is((e as ApiStatusError).code, 500);
  assert.is(server.seen.length, 1, 'a POST that reached the server is not repeated');

  server.seen.length = 0;
  n = 0;
  server.handler = (_r, res) => {
    n++;
    if (n === 1) sendJson(res, 429, statusBody(429, 'TooManyRequests', 'slow down'), { 'retry-after': '0' });
    else sendJson(res, 201, cm('x'));
  };
  await c.create({ ...CM_REF, name: undefined }, cm('x'));
  assert.is(server.seen.length, 2, 'a 429 with Retry-After means the server did not process it');

  server.seen.length = 0;
  server.handler = (_r, res) => sendJson(res, 503, statusBody(503, 'ServiceUnavailable', 'still down'));
  const gaveUp = await rejection(c.get(CM_REF));
  assert.is(gaveUp.message, 'still down');
  assert.is(server.seen.length, 4, 'first attempt plus maxRetries');
});

test('retries an idempotent request whose connection was reset', async () => {
  const c = client();
  let n = 0;
  server.handler = (_r, res) => {
    n++;
    if (n === 1) res.socket?.destroy();
    else sendJson(res, 200, cm('x'));
  };
  assert.is((await c.get(CM_REF)).metadata.name, 'x');
  assert.is(n, 2);
});

test('an unreachable cluster and a request that times out are reported like Helm', async () => {
  const dead = await startFakeServer({}, () => undefined);
  const url = dead.url;
  await dead.close();
  const c = restClient({ ...config(), server: url }, { retry: { maxRetries: 1, baseDelayMs: 1 } });
  clients.push(c);
  const e = await rejection(c.get(CM_REF));
  assert.instance(e, ClusterError);
  assert.match(e.message, new RegExp(`^Kubernetes cluster unreachable: ${url}: .*ECONNREFUSED`));

  server.handler = () => undefined; // never answers
  const slow = await rejection(client({}, { maxRetries: 0, baseDelayMs: 1 }, 150).get(CM_REF));
  assert.match(slow.message, /^Kubernetes cluster unreachable: .*timed out/);
});

test('write options become query parameters, patch types content types, deletes carry DeleteOptions', async () => {
  const c = client();
  server.handler = (_r, res) => sendJson(res, 200, cm('x'));
  await c.patch(CM_REF, 'strategic', { data: { a: '2' } }, { fieldManager: 'skiff', dryRun: true });
  await c.patch(CM_REF, 'apply', cm('x'), { fieldManager: 'skiff', force: true });
  await c.patch(CM_REF, 'merge', { data: null });
  await c.update(CM_REF, cm('x'), { fieldValidation: 'Strict' });
  await c.delete(CM_REF, { propagationPolicy: 'Foreground' });
  await c.list({ ...CM_REF, name: undefined }, { labelSelector: 'app=web,tier in (a,b)', limit: 5 });
  const [sp, ap, mp, put, del, list] = server.seen;
  assert.is(sp.url, '/api/v1/namespaces/default/configmaps/x?dryRun=All&fieldManager=skiff');
  assert.is(sp.headers['content-type'], 'application/strategic-merge-patch+json');
  assert.equal(JSON.parse(sp.body), { data: { a: '2' } });
  assert.is(ap.url, '/api/v1/namespaces/default/configmaps/x?fieldManager=skiff&force=true');
  assert.is(ap.headers['content-type'], 'application/apply-patch+yaml');
  assert.is(mp.headers['content-type'], 'application/merge-patch+json');
  assert.is(put.method, 'PUT');
  assert.is(put.url, '/api/v1/namespaces/default/configmaps/x?fieldValidation=Strict');
  assert.is(del.method, 'DELETE');
  assert.equal(JSON.parse(del.body), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' });
  assert.is(list.url, '/api/v1/namespaces/default/configmaps?labelSelector=app%3Dweb%2Ctier+in+%28a%2Cb%29&limit=5');
});

test('watch streams newline-delimited events split across chunks, and stop() ends it', async () => {
  const c = client();
  server.handler = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const a = JSON.stringify({ type: 'ADDED', object: cm('a') });
    const b = JSON.stringify({ type: 'MODIFIED', object: cm('b') });
    res.write(a.slice(0, 10));
    setTimeout(() => res.write(a.slice(10) + '\n' + b.slice(0, 5)), 10);
    setTimeout(() => res.write(b.slice(5) + '\n'), 20);
  };
  const events: WatchEvent[] = [];
  let gotTwo!: () => void;
  const two = new Promise<void>((r) => (gotTwo = r));
  const h = c.watch({ ...CM_REF, name: undefined }, { resourceVersion: '7', timeoutSeconds: 30 }, (ev) => {
    events.push(ev);
    if (events.length === 2) gotTwo();
  });
  await two;
  h.stop();
  await h.done;
  assert.equal(events.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'a'], ['MODIFIED', 'b']]);
  assert.is(server.seen[0].url, '/api/v1/namespaces/default/configmaps?resourceVersion=7&watch=true&timeoutSeconds=30');
});

test('a watch ends when the server closes the stream, and rejects on an error status', async () => {
  const c = client();
  server.handler = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'DELETED', object: cm('z') }));
  };
  const seen: string[] = [];
  await c.watch({ ...CM_REF, name: undefined }, {}, (ev) => seen.push(ev.type)).done;
  assert.equal(seen, ['DELETED'], 'a final line without a newline is delivered');
  server.handler = (_r, res) => sendJson(res, 410, statusBody(410, 'Expired', 'too old resource version: 1 (100)'));
  const e = await rejection(c.watch({ ...CM_REF, name: undefined }, { resourceVersion: '1' }, () => undefined).done);
  assert.is((e as ApiStatusError).code, 410);
  assert.is((e as ApiStatusError).reason, 'Expired');
});

test('a watch whose connection breaks rejects as unreachable; a throwing handler stops it with its own error', async () => {
  const c = client();
  server.handler = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(JSON.stringify({ type: 'ADDED', object: cm('a') }) + '\n');
    setTimeout(() => res.socket?.destroy(), 20);
  };
  const types: string[] = [];
  const broken = await rejection(c.watch({ ...CM_REF, name: undefined }, {}, (ev) => types.push(ev.type)).done);
  assert.equal(types, ['ADDED']);
  assert.instance(broken, ClusterError);
  assert.match(broken.message, /^Kubernetes cluster unreachable: /);
  const mine = new Error('handler failed');
  const own = await rejection(c.watch({ ...CM_REF, name: undefined }, {}, () => {
    throw mine;
  }).done);
  assert.is(own, mine);
});

test('getPath decodes JSON and hands back other bodies (pod logs) as text', async () => {
  const c = client();
  server.handler = (r, res) => {
    if (r.url.endsWith('/log')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('line 1\nline 2\n');
    } else sendJson(res, 200, { gitVersion: 'v1.32.0' });
  };
  const log = await c.getPath('/api/v1/namespaces/default/pods/p/log', { accept: 'text/plain' });
  assert.is(log.body, 'line 1\nline 2\n');
  assert.is(log.text, 'line 1\nline 2\n');
  assert.is(server.seen[0].headers.accept, 'text/plain');
  assert.equal((await c.getPath('/version')).body, { gitVersion: 'v1.32.0' });
});

test('an exec plugin token is used, and refreshed once when the server answers 401', async () => {
  const counter = join(dir, 'exec-count');
  writeFileSync(counter, '');
  const script = join(dir, 'plugin.mjs');
  writeFileSync(script, `
import { appendFileSync, readFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(counter)}, 'x');
const n = readFileSync(${JSON.stringify(counter)}, 'utf8').length;
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'exec-' + n } }));
`);
  const c = client({ auth: { exec: { command: process.execPath, args: [script], env: [], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false } } });
  server.handler = (r, res) => {
    if (r.headers.authorization === 'Bearer exec-2') sendJson(res, 200, cm('x'));
    else sendJson(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized'));
  };
  assert.is((await c.get(CM_REF)).metadata.name, 'x');
  assert.equal(server.seen.map((r) => r.headers.authorization), ['Bearer exec-1', 'Bearer exec-2']);
  await c.get(CM_REF);
  assert.is(readFileSync(counter, 'utf8'), 'xx', 'the refreshed token is cached');
});

test('an exec plugin client certificate is presented over mutual TLS', async () => {
  const alt = await pki.issue('exec-user');
  const script = join(dir, 'cert-plugin.mjs');
  writeFileSync(script, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { clientCertificateData: ${JSON.stringify(alt.cert)}, clientKeyData: ${JSON.stringify(alt.key)} } }));`);
  const c = client({ auth: { exec: { command: process.execPath, args: [script], env: [], apiVersion: 'client.authentication.k8s.io/v1beta1', provideClusterInfo: false } } });
  await c.get(CM_REF);
  assert.is(server.seen[0].clientCN, 'exec-user');
  assert.is(server.seen[0].headers.authorization, undefined);
});

test.run();
