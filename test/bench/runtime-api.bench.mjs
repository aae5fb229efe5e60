// Throughput and latency of the runtime API over HTTPS (dist/runtime-main.js,
// SQLite store, synchronous=FULL): durable creates with 8 concurrent clients,
// GETs, a list of 10,000 pods, and watch event delivery to 100 watchers.
import { request } from 'node:https';
import { call, launch, parallel, pct } from './runtime-common.mjs';

// The API server and store alone by default (SKIFF_BENCH_CONTROL_PLANE=1 keeps the scheduler, controllers and
// simulated nodes running, which then act on the benchmark's pods).
const rt = await launch({ store: process.env.SKIFF_BENCH_STORE ?? 'sqlite', args: process.env.SKIFF_BENCH_CONTROL_PLANE === '1' ? [] : ['--without', 'control-plane'] });
const { conn } = rt;
const NS = '/api/v1/namespaces/default';
const pod = (name, extra = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' }, ...extra },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
});

// Warm up connections and the JIT.
await parallel(200, 8, (i) => call(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `warm-${i}` }, data: { i: String(i) } }));

const ONLY_WATCH = process.env.SKIFF_BENCH_ONLY === 'watch';
const CREATES = ONLY_WATCH ? 0 : 6000;
const tCreate = await parallel(CREATES, 8, async (i) => {
  const r = await call(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { i: String(i) } });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${r.body}`);
});
console.log(`durable creates over HTTPS, 8 concurrent clients: ${Math.round(CREATES / (tCreate / 1000))}/s (target >= 3,000/s)`);

const GETS = ONLY_WATCH ? 0 : 20000;
const tGet = await parallel(GETS, 16, async (i) => {
  const r = await call(conn, 'GET', `${NS}/configmaps/cm-${i % CREATES}`);
  if (r.status !== 200) throw new Error(`get: ${r.status}`);
});
console.log(`GETs over HTTPS, 16 concurrent clients: ${Math.round(GETS / (tGet / 1000))}/s (target >= 10,000/s)`);

await parallel(ONLY_WATCH ? 0 : 10000, 8, async (i) => {
  const r = await call(conn, 'POST', `${NS}/pods`, pod(`p-${i}`));
  if (r.status !== 201) throw new Error(`pod: ${r.status} ${r.body}`);
});
const listTimes = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const r = await call(conn, 'GET', `${NS}/pods`);
  listTimes.push(performance.now() - t0);
  if (i === 0) console.log(`  (list body ${(r.body.length / 1e6).toFixed(1)} MB, ${JSON.parse(r.body).items.length} items)`);
}
listTimes.sort((a, b) => a - b);
console.log(`list of 10,000 pods over HTTPS: median ${listTimes[2].toFixed(0)} ms (target <= 150 ms)`);

// 100 watchers on configmaps; writes at 1,000/s carry their send time; delivery latency per event per watcher.
const WATCHERS = Number(process.env.SKIFF_BENCH_WATCHERS ?? 100);
const latencies = [];
let received = 0;
const watchers = [];
for (let i = 0; i < WATCHERS; i++) {
  await new Promise((resolve, reject) => {
    const req = request(`${conn.url}${NS}/configmaps?watch=true&resourceVersion=0&labelSelector=lat`, { ca: conn.ca, headers: { Authorization: `Bearer ${conn.token}` } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buf += d;
        let j;
        while ((j = buf.indexOf('\n')) >= 0) {
          // Only the send time is read (no full parse), so the load generator stays light.
          const line = buf.slice(0, j);
          buf = buf.slice(j + 1);
          const k = line.indexOf('"sent":"');
          const sent = k < 0 ? 0 : Number(line.slice(k + 8, line.indexOf('"', k + 8)));
          if (sent) { latencies.push(performance.timeOrigin + performance.now() - sent); received++; }
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    watchers.push(req);
  });
}
const WRITES = 3000;
const t0 = performance.now();
let inflight = [];
for (let i = 0; i < WRITES; i++) {
  const due = t0 + i; // 1,000 writes per second
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  inflight.push(call(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `lat-${i}`, labels: { lat: '1' }, annotations: { sent: String(performance.timeOrigin + performance.now()) } } }));
  if (inflight.length > 200) { await Promise.all(inflight); inflight = []; }
}
await Promise.all(inflight);
const deadline = performance.now() + 10000;
while (received < WRITES * WATCHERS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
latencies.sort((a, b) => a - b);
console.log(`watch delivery, ${WATCHERS} watchers, ${WRITES} writes at 1,000/s: ${received}/${WRITES * WATCHERS} events, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms (target p99 <= 50 ms, includes the write's own commit)`);
for (const w of watchers) w.destroy();
await rt.stop();
