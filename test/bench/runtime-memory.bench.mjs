// Resident memory of the runtime process holding 100,000 small objects (SQLite store).
import { call, launch, parallel, rssMb } from './runtime-common.mjs';

const rt = await launch();
const base = rssMb(rt.child.pid);
const N = Number(process.env.SKIFF_BENCH_OBJECTS ?? 100000);
const t = await parallel(N, 16, async (i) => {
  const r = await call(rt.conn, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `m-${i}`, labels: { app: 'mem' } }, data: { key: `value-${i}` } });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${r.body}`);
});
await new Promise((r) => setTimeout(r, 500));
console.log(`created ${N} objects in ${(t / 1000).toFixed(1)} s (${Math.round(N / (t / 1000))}/s, 16 clients)`);
console.log(`resident memory: ${base.toFixed(0)} MB empty, ${rssMb(rt.child.pid).toFixed(0)} MB with ${N} small objects (target <= 600 MB)`);
await rt.stop();
