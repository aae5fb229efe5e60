// The REST client's wire (src/kube/http-transport.ts) at its edges: time
// limits while connecting, waiting for headers and reading a body; streams
// that outlive the request limit; and a process that ends without close().
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import type { ClusterConfig } from '../../src/kube/kubeconfig.js';
import type { WatchEvent } from '../../src/apimachinery/types.js';
import { ClusterError } from '../../src/errors.js';
import { createPki, type TestPki } from './tls-fixture.js';
import { sendJson, startFakeServer, type FakeServer } from './fake-server.js';
import { rejection } from '../support/releases.js';

let pki: TestPki;
let server: FakeServer;
const clients: RestClient[] = [];
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
const CM_REF = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'x' } as const;

function client(timeoutMs: number, over: Partial<ClusterConfig> = {}): RestClient {
  const config: ClusterConfig = { server: server.url, tls: { ca: pki.ca.cert, insecureSkipTLSVerify: false }, auth: { token: 't' }, namespace: 'default', files: [], ...over };
  const c = restClient(config, { retry: { maxRetries: 0, baseDelayMs: 1 }, timeoutMs });
  clients.push(c);
  return c;
}

test.before(async () => {
  pki = await createPki();
  server = await startFakeServer({ tls: { cert: pki.server.cert, key: pki.server.key } }, (_r, res) => sendJson(res, 200, cm('x')));
});

test.after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

test('a body that stalls half-way is reported as a timed-out request, not left hanging', async () => {
  server.handler = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"kind":"ConfigMap",');
  };
  const t0 = Date.now();
  const e = await rejection(client(200).get(CM_REF));
  assert.instance(e, ClusterError);
  assert.match(e.message, /^Kubernetes cluster unreachable: https:\/\/127\.0\.0\.1:\d+: GET \/api\/v1\/namespaces\/default\/configmaps\/x timed out after 0\.2s$/);
  assert.ok(Date.now() - t0 < 5000);
});

test('a connection closed mid-body is reported as unreachable', async () => {
  server.handler = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"kind":"ConfigMap",', () => res.socket?.destroy());
  };
  const e = await rejection(client(5000).get(CM_REF));
  assert.instance(e, ClusterError);
  assert.match(e.message, /^Kubernetes cluster unreachable: /);
});

test('a watch stream outlives the request time limit; events keep arriving after quiet gaps', async () => {
  server.handler = (_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(JSON.stringify({ type: 'ADDED', object: cm('a') }) + '\n');
    setTimeout(() => res.end(JSON.stringify({ type: 'MODIFIED', object: cm('a') }) + '\n'), 400);
  };
  const events: WatchEvent[] = [];
  await client(100).watch({ ...CM_REF, name: undefined }, {}, (ev) => events.push(ev)).done;
  assert.equal(events.map((e) => e.type), ['ADDED', 'MODIFIED']);
});

test('a server that accepts the connection but never completes TLS is given up on within the limit', async () => {
  const sockets: Socket[] = [];
  const silent: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  try {
    const url = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const t0 = Date.now();
    const e = await rejection(client(300, { server: url }).get(CM_REF));
    assert.instance(e, ClusterError);
    assert.match(e.message, new RegExp(`^Kubernetes cluster unreachable: ${url}: connecting timed out after 0.3s$`));
    assert.ok(Date.now() - t0 < 5000);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  }
});

test('pooled connections do not keep a process alive once its requests are done', async () => {
  server.handler = (_r, res) => sendJson(res, 200, cm('x'));
  const script = `
    import { restClient } from ${JSON.stringify(new URL('../../src/kube/rest-client.ts', import.meta.url).pathname)};
    const c = restClient({ server: ${JSON.stringify(server.url)}, tls: { ca: ${JSON.stringify(pki.ca.cert)}, insecureSkipTLSVerify: false }, auth: { token: 't' }, namespace: 'default', files: [] });
    const o = await c.get(${JSON.stringify(CM_REF)});
    console.log(o.metadata.name);`;
  const t0 = Date.now();
  // Asynchronously: the server answering it runs in this process.
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 }, (_err, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
  assert.is(r.stderr, '');
  assert.is(r.stdout, 'x\n');
  assert.is(r.code, 0);
  assert.ok(Date.now() - t0 < 15_000, 'the process ended on its own');
});

test.run();
