// Throughput and latency of the runtime API over HTTPS (dist/runtime-main.js,
// SQLite store, synchronous=FULL): durable creates with 8 concurrent clients,
// GETs, a list of 10,000 pods, and watch event delivery to 100 watchers.
import { Worker } from 'node:worker_threads';
import { call, cpuMs, launch, parallel, pct } from './runtime-common.mjs';

// The API server and store alone by default (SKIFF_BENCH_CONTROL_PLANE=1 keeps the scheduler, controllers and
// simulated nodes running, which then act on the benchmark's pods).
const rt = await launch({ store: process.env.SKIFF_BENCH_STORE ?? 'sqlite', args: process.env.SKIFF_BENCH_CONTROL_PLANE === '1' ? [] : ['--without', 'control-plane'] });
const { conn } = rt;
const NS = '/api/v1/namespaces/default';
const pod = (name, extra = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' }, ...extra },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
});

// Warm up connections and the JIT: the figures are of a server in its steady state.
await parallel(2000, 8, (i) => call(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `warm-${i}` }, data: { i: String(i) } }));

const ONLY_WATCH = process.env.SKIFF_BENCH_ONLY === 'watch';
const CREATES = ONLY_WATCH ? 0 : 10000;
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

// 100 watchers on configmaps (in a worker thread: see watch-client.mjs); writes at 1,000/s carry their send
// time; delivery latency per event per watcher.
const WATCHERS = Number(process.env.SKIFF_BENCH_WATCHERS ?? 100);
const progress = new Int32Array(new SharedArrayBuffer(4));
const watchClient = new Worker(new URL('./watch-client.mjs', import.meta.url), {
  workerData: { url: conn.url, ca: conn.ca, token: conn.token, path: `${NS}/configmaps?watch=true&resourceVersion=0&labelSelector=lat`, watchers: WATCHERS, progress },
});
await new Promise((resolve, reject) => {
  watchClient.once('message', resolve);
  watchClient.once('error', reject);
});
if (ONLY_WATCH) await parallel(3000, 8, (i) => call(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `jit-${i}` } }));

/** Creates `n` watched ConfigMaps at 1,000/s; `onDone(sentAt)` after each is acknowledged. */
async function pacedWrites(n, prefix, timed, onDone = () => {}) {
  const start = performance.now();
  let inflight = [];
  for (let i = 0; i < n; i++) {
    const due = start + i; // 1,000 writes per second
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    // Only timed writes carry their send time, so only they count as delivered events.
    const annotations = timed ? { sent: String(performance.timeOrigin + sent) } : {};
    inflight.push(call(conn, 'POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${prefix}-${i}`, labels: { lat: '1' }, annotations } }).then(() => onDone(sent)));
    if (inflight.length > 200) { await Promise.all(inflight); inflight = []; }
  }
  await Promise.all(inflight);
}

// One second at the same rate first, so the figures are of the steady state, not of the first
// events through a fresh process's watch path.
await pacedWrites(1000, 'lat-warm', false);
const WRITES = 3000;
const writeLatencies = [];
const cpu0 = cpuMs(rt.child.pid);
const t0 = performance.now();
await pacedWrites(WRITES, 'lat', true, (sent) => writeLatencies.push(performance.now() - sent));
const serverCpu = (cpuMs(rt.child.pid) - cpu0) / (performance.now() - t0);
writeLatencies.sort((a, b) => a - b);
const deadline = performance.now() + 10000;
while (Atomics.load(progress, 0) < WRITES * WATCHERS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
watchClient.postMessage('stop');
const { latencies, received } = await new Promise((resolve) => watchClient.once('message', resolve));
latencies.sort();
console.log(`watch delivery, ${WATCHERS} watchers, ${WRITES} writes at 1,000/s: ${received}/${WRITES * WATCHERS} events, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms (target p99 <= 50 ms, includes the write's own commit)`);
console.log(`  (the writes themselves: p50 ${pct(writeLatencies, 50).toFixed(1)} ms, p99 ${pct(writeLatencies, 99).toFixed(1)} ms; server CPU ${(serverCpu * 100).toFixed(0)}% of one core)`);
await watchClient.terminate();
await rt.stop();
