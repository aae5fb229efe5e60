// What an untrusted client may cost the API server: keep-alive connections
// with large bodies are never dropped, oversized bodies and headers and
// over-deep documents are refused with a Status, and watchers that stop
// reading are closed instead of buffered without bound.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from 'node:tls';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { tempDir } from '../support/cli.js';
import { http, type Conn } from './helpers.js';

let rt: Runtime;
let conn: Conn;
const NS = '/api/v1/namespaces/default/configmaps';

test.before(async () => {
  rt = await startRuntime({ dataDir: join(tempDir('skiff-limits-'), 'data'), store: 'memory', components: [] });
  conn = { url: rt.url, caPem: rt.caPem, token: rt.token };
});
test.after(async () => {
  await rt.stop();
});

const auth = () => ({ authorization: `Bearer ${rt.token}`, accept: 'application/json', 'content-type': 'application/json' });

async function serves(): Promise<void> {
  const r = await http(conn, 'GET', `${NS}?limit=1`);
  assert.is(r.status, 200, r.text);
}

test('100 keep-alive clients sending 64 KiB bodies (create, replace, merge patch): every request answered', async () => {
  // 100 TLS handshakes at once take longer than undici's 10 s connect limit
  // on a loaded 2-core machine: this test is about answers, not start-up time.
  const pool = new Pool(rt.url, { connections: 100, pipelining: 1, connect: { ca: rt.caPem, timeout: 120_000 }, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const blob = 'x'.repeat(64 * 1024 - 100);
  const failures: string[] = [];
  try {
    await Promise.all(
      Array.from({ length: 100 }, async (_, c) => {
        const name = `ka-${c}`;
        for (let k = 0; k < 8; k++) {
          const data = { blob, k: String(k) };
          const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
          const req =
            k === 0
              ? { method: 'POST' as const, path: NS, headers: auth(), body: cm }
              : k % 2
                ? { method: 'PUT' as const, path: `${NS}/${name}`, headers: auth(), body: cm }
                : { method: 'PATCH' as const, path: `${NS}/${name}`, headers: { ...auth(), 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ data }) };
          try {
            const r = await pool.request(req);
            const text = await r.body.text();
            if (r.statusCode >= 300) failures.push(`${req.method} ${name}: ${r.statusCode} ${text.slice(0, 200)}`);
          } catch (e) {
            failures.push(`${req.method} ${name}: ${(e as Error & { code?: string }).code ?? (e as Error).message}`);
          }
        }
      }),
    );
  } finally {
    await pool.close();
  }
  assert.equal(failures, []);
  const got = (await http(conn, 'GET', `${NS}/ka-7`)).json();
  assert.is(got.data.k, '7');
});

test('a body over 3 MiB is refused with 413 and a Status, declared or streamed; the server keeps serving', async () => {
  const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } });
  const r = await http(conn, 'POST', NS, big);
  assert.is(r.status, 413);
  assert.equal(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Request entity too large: limit is 3145728', reason: 'RequestEntityTooLarge', code: 413 });
  // Chunked, without a Content-Length: cut off at the limit.
  const pool = new Pool(rt.url, { connections: 1, connect: { ca: rt.caPem } });
  try {
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, 0x20);
      })(),
    );
    const res = await pool.request({ method: 'POST', path: NS, headers: auth(), body }).then(
      (r) => r,
      (e: Error) => e,
    );
    if (!(res instanceof Error)) {
      assert.is(res.statusCode, 413);
      assert.match(await res.body.text(), /Request entity too large/);
    }
  } finally {
    await pool.destroy();
  }
  // Just under the limit the body is decoded: the ConfigMap's own 1 MiB limit answers.
  const under = await http(conn, 'POST', NS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'just-under' }, data: { a: 'x'.repeat(3 * 1024 * 1024 - 200) } });
  assert.is(under.status, 422, under.text.slice(0, 300));
  assert.match(under.json().message, /may not be more than 1048576 bytes/);
  await serves();
});

test('request headers over 64 KiB: 431 with a Status', async () => {
  const r = await http(conn, 'GET', NS, undefined, { 'X-Filler': 'y'.repeat(70 * 1024) });
  assert.is(r.status, 431);
  assert.is(r.json().reason, 'RequestHeaderFieldsTooLarge');
  await serves();
});

test('documents nested deeper than 256 levels: 400 with a Status, for JSON, YAML and patches', async () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const body = (n: number) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${deep(n)}}`;
  for (const [ct, method, path] of [
    ['application/json', 'POST', NS],
    ['application/yaml', 'POST', NS],
    ['application/merge-patch+json', 'PATCH', `${NS}/ka-1`],
    ['application/strategic-merge-patch+json', 'PATCH', `${NS}/ka-1`],
    ['application/apply-patch+yaml', 'PATCH', `${NS}/deep?fieldManager=t`],
  ] as const) {
    const r = await http(conn, method, path, body(300), { 'Content-Type': ct });
    assert.is(r.status, 400, `${ct}: ${r.text.slice(0, 200)}`);
    assert.match(r.json().message, /exceeded max depth/);
    // Just under the limit: decoded, and answered without a server error.
    const under = await http(conn, method, path, body(250), { 'Content-Type': ct });
    assert.ok(under.status < 500, `${ct}: ${under.status} ${under.text.slice(0, 200)}`);
  }
  await serves();
});

/** Opens a watch over raw TLS that reads nothing after the request is sent; resolves with the socket. */
function stalledWatch(): Promise<{ received: () => Promise<{ bytes: number; ended: boolean }> }> {
  const u = new URL(rt.url);
  return new Promise((resolve, reject) => {
    const s = connect({ host: u.hostname, port: Number(u.port), ca: rt.caPem, servername: 'localhost' }, () => {
      s.write(`GET ${NS}?watch=true HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${rt.token}\r\nAccept: application/json\r\n\r\n`);
      s.pause();
      resolve({
        // Reads whatever arrives until the server closes, or 3 s of silence.
        received: () =>
          new Promise((done) => {
            let bytes = 0;
            let timer = setTimeout(() => finish(false), 3000);
            const finish = (ended: boolean) => {
              clearTimeout(timer);
              s.destroy();
              done({ bytes, ended });
            };
            s.on('data', (d: Buffer) => {
              bytes += d.length;
              clearTimeout(timer);
              timer = setTimeout(() => finish(false), 3000);
            });
            s.on('end', () => finish(true));
            s.on('close', () => finish(true));
            s.on('error', () => finish(true));
            s.resume();
          }),
      });
    });
    s.on('error', reject);
  });
}

test('watchers that stop reading are closed once they fall behind; watchers that read get every event', async () => {
  const stalled = await Promise.all(Array.from({ length: 5 }, () => stalledWatch()));
  const { openWatch } = await import('./helpers.js');
  const live = await openWatch(conn, `${NS}?watch=true&resourceVersion=${(await http(conn, 'GET', NS)).json().metadata.resourceVersion}`);
  const blob = 'z'.repeat(60 * 1024);
  const WRITES = 400;
  let seen = 0;
  const reading = (async () => {
    while (seen < WRITES) {
      const ev = await live.next(20_000);
      if (!ev) break;
      if (ev.object?.metadata?.name?.startsWith('flood-')) seen++;
    }
  })();
  for (let i = 0; i < WRITES; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, j) => http(conn, 'POST', NS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `flood-${i + j}` }, data: { blob } })),
    );
  }
  await reading;
  live.close();
  assert.is(seen, WRITES, 'a reading watcher receives every event');
  const total = WRITES * blob.length;
  for (const w of stalled) {
    const { bytes, ended } = await w.received();
    assert.ok(ended, 'the server closed the stalled watch');
    assert.ok(bytes < total, `a stalled watcher was cut off (${bytes} of ${total} bytes)`);
  }
  await serves();
});

test.run();
