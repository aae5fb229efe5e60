// Control-plane throughput on the bundled runtime (in-process, SQLite store):
// scheduling 5,000 pods onto 1,000 simulated nodes, a 1,000-replica
// Deployment from create to Available and through a full rolling update, and
// resident memory with 1,000 nodes and 10,000 pods. Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startRuntime } from '../../dist/index.js';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const SCHED_PODS = Number(process.env.BENCH_PODS ?? 5000);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1000);
const TOTAL_PODS = Number(process.env.BENCH_TOTAL_PODS ?? 10000);

const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-wl-'));
const rt = await startRuntime({ dataDir: dir, store: 'sqlite' });
const c = rt.client;
const NODE_R = { group: '', version: 'v1', resource: 'nodes' };
const pods = (ns) => ({ group: '', version: 'v1', resource: 'pods', namespace: ns || undefined });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function until(fn, everyMs = 50) {
  for (;;) {
    if (await fn()) return;
    await sleep(everyMs);
  }
}

async function inBatches(n, size, fn) {
  for (let i = 0; i < n; i += size) await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => fn(i + k)));
}

// 1,000 nodes: the runtime made 3; the rest are created through the API like `skiff cluster node add`.
let t0 = performance.now();
const existing = (await c.list(NODE_R)).items.length;
await inBatches(NODES - existing, 100, (i) =>
  c.create(NODE_R, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `bench-node-${i}`, labels: { 'kubernetes.io/hostname': `bench-node-${i}` }, annotations: { 'sim.skiff.dev/managed': 'true', 'sim.skiff.dev/capacity': 'cpu=16,memory=64Gi,pods=110' } },
    spec: { podCIDR: `10.${100 + Math.floor(i / 250)}.${i % 250}.0/24` },
  }),
);
await until(async () => (await c.list(NODE_R)).items.filter((n) => n.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length >= NODES, 200);
console.log(`nodes: ${NODES} Ready in ${fmt(performance.now() - t0)} ms`);

// Scheduling throughput.
await c.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sched' } });
await sleep(200);
t0 = performance.now();
await inBatches(SCHED_PODS, 200, (i) =>
  c.create(pods('sched'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}` }, spec: { containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } }),
);
const created = performance.now() - t0;
// Polled with the field selector kube-scheduler's own informer uses (unbound pods only), so the
// observer does not copy 5,000 pods ten times a second while it measures.
await until(async () => (await c.list(pods('sched'), { fieldSelector: 'spec.nodeName=' })).items.length === 0, 100);
const scheduled = performance.now() - t0;
console.log(`scheduling: ${SCHED_PODS} pods onto ${NODES} nodes: created in ${fmt(created)} ms, all bound after ${fmt(scheduled)} ms (last bind ${fmt(scheduled - created)} ms after the last create) => ${fmt((SCHED_PODS / scheduled) * 1000)} pods/s end to end`);

// A 1,000-replica Deployment.
const DEP = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };
const complete = (d, image) =>
  d.status?.observedGeneration >= d.metadata.generation &&
  d.status?.updatedReplicas === REPLICAS &&
  d.status?.replicas === REPLICAS &&
  d.status?.availableReplicas === REPLICAS &&
  d.spec.template.spec.containers[0].image === image;
t0 = performance.now();
await c.create(DEP, {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'big' },
  spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'web:1' }] } } },
});
await until(async () => complete(await c.get({ ...DEP, name: 'big' }), 'web:1'), 50);
console.log(`deployment: ${REPLICAS} replicas create -> Available in ${fmt(performance.now() - t0)} ms`);
t0 = performance.now();
await c.patch({ ...DEP, name: 'big' }, 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'web:2' }] } } } });
await until(async () => complete(await c.get({ ...DEP, name: 'big' }), 'web:2'), 50);
console.log(`deployment: rolling update of ${REPLICAS} replicas in ${fmt(performance.now() - t0)} ms`);

// Fill up to 10,000 pods and measure memory.
const have = (await c.list(pods(''))).items.length;
const more = Math.max(0, TOTAL_PODS - have);
await c.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fill' } });
await sleep(200);
await inBatches(more, 200, (i) => c.create(pods('fill'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: `f-${i}` }, spec: { containers: [{ name: 'c', image: 'pause' }] } }));
await until(async () => (await c.list(pods('fill'))).items.every((p) => p.status?.phase === 'Running'), 200);
const total = (await c.list(pods(''))).items.length;
global.gc?.();
const mem = process.memoryUsage();
// The heap used at this moment also holds whatever garbage the last full GC left (the benchmark's
// own lists of 10,000 pods among it), so it moves by ±50 MiB with the machine's load; the heap
// after a full GC is what the runtime keeps for these objects.
setFlagsFromString('--expose-gc');
runInNewContext('gc')();
const live = process.memoryUsage().heapUsed;
console.log(`memory: ${NODES} nodes, ${total} pods: rss ${fmt(mem.rss / 2 ** 20)} MiB, heap used ${fmt(mem.heapUsed / 2 ** 20)} MiB (${fmt(live / 2 ** 20)} MiB live after a full GC)`);

await rt.stop();
rmSync(dir, { recursive: true, force: true });
