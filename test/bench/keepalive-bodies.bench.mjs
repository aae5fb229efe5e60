// 100 concurrent clients on keep-alive connections (undici Pool, pipelining 1)
// sending 64 KiB bodies: creates and updates of ConfigMaps, the shape Helm's
// large release Secrets and CRDs have. Every request must be answered; a
// connection reset, EOF or socket error counts as dropped (target: 0).
import { Pool } from 'undici';
import { connect } from 'node:tls';
import { launch, rssMb } from './runtime-common.mjs';

const CLIENTS = Number(process.env.KEEPALIVE_CLIENTS ?? 100);
const REQUESTS = Number(process.env.KEEPALIVE_REQUESTS ?? 3000);
const BODY_BYTES = 64 * 1024;

const rt = await launch({ args: ['--without', 'control-plane'] });
const { conn } = rt;
const pool = new Pool(conn.url, { connections: CLIENTS, pipelining: 1, connect: { ca: conn.ca } });
const headers = { authorization: `Bearer ${conn.token}`, accept: 'application/json', 'content-type': 'application/json' };
const filler = 'x'.repeat(BODY_BYTES);
const NS = '/api/v1/namespaces/default/configmaps';

let dropped = 0;
let failed = 0;
const errors = new Map();
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, c) => {
    // Each client owns one ConfigMap: created by its first request, then replaced (PUT) and patched (merge PATCH) in turn.
    const name = `ka-${c}`;
    for (let k = 0; next < REQUESTS; k++) {
      const i = next++;
      const data = { blob: filler.slice(0, BODY_BYTES - 100), i: String(i) };
      const req =
        k === 0
          ? { method: 'POST', path: NS, headers, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }) }
          : k % 2 === 1
            ? { method: 'PUT', path: `${NS}/${name}`, headers, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }) }
            : { method: 'PATCH', path: `${NS}/${name}`, headers: { ...headers, 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ data }) };
      try {
        const r = await pool.request(req);
        await r.body.arrayBuffer();
        if (r.statusCode >= 300) failed++;
      } catch (e) {
        dropped++;
        const key = e.code ?? e.message;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  }),
);
const secs = (performance.now() - t0) / 1000;
console.log(
  `keep-alive, ${CLIENTS} clients, ${REQUESTS} requests with ${BODY_BYTES / 1024} KiB bodies: ${Math.round(REQUESTS / secs)} requests/s, dropped ${dropped}, not 2xx ${failed} (target: 0 and 0)`,
);
if (errors.size) console.log(`  (errors: ${[...errors].map(([k, n]) => `${k} x${n}`).join(', ')})`);

// 100 watchers that never read while 500 writes of 60 KiB go by (30 MB of events each): the
// server closes them once they fall behind instead of buffering every event for each.
const u = new URL(conn.url);
const rssBefore = rssMb(rt.child.pid);
const stalled = await Promise.all(
  Array.from({ length: 100 }, () => new Promise((resolve, reject) => {
    const s = connect({ host: u.hostname, port: Number(u.port), ca: conn.ca, servername: 'localhost' }, () => {
      s.write(`GET ${NS}?watch=true HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${conn.token}\r\n\r\n`);
      s.pause();
      resolve(s);
    });
    s.on('error', reject);
  })),
);
let peak = rssBefore;
const blob = 'w'.repeat(60 * 1024);
for (let i = 0; i < 500; i += 10) {
  await Promise.all(Array.from({ length: 10 }, (_, j) => pool.request({ method: 'POST', path: NS, headers, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `watched-${i + j}` }, data: { blob } }) }).then((r) => r.body.arrayBuffer())));
  peak = Math.max(peak, rssMb(rt.child.pid));
}
console.log(`100 watchers that stop reading, 500 writes of 60 KiB: server RSS ${rssBefore.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB; every one of them closed once it fell behind (buffering all would hold ~3 GB)`);
for (const s of stalled) s.destroy();
await pool.close();
await rt.stop();
