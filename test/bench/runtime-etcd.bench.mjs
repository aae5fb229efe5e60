// Optional comparison with Debian's etcd-server (skipped when `etcd` is not
// installed): the same durable-create workload, 8 concurrent clients, against
// etcd's v3 JSON gateway (plain HTTP, one put per object) and against the
// runtime (HTTPS, full API pipeline) with synchronous=NORMAL and =FULL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { call, launch, parallel } from './runtime-common.mjs';

const N = 6000;
const which = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
if (!which.stdout.trim()) {
  console.log('etcd not installed (apt-get install etcd-server): comparison skipped');
  process.exit(0);
}

async function runtimeCreates(args) {
  const rt = await launch({ args });
  await parallel(200, 8, (i) => call(rt.conn, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w-${i}` } }));
  const t = await parallel(N, 8, async (i) => {
    const r = await call(rt.conn, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { i: String(i) } });
    if (r.status !== 201) throw new Error(`create ${r.status}`);
  });
  await rt.stop();
  return N / (t / 1000);
}

async function etcdPuts() {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-etcd-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('etcd', ['--data-dir', dir, '--listen-client-urls', url, '--advertise-client-urls', url, '--listen-peer-urls', `http://127.0.0.1:${port + 1}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${port + 1}`, '--initial-cluster', `default=http://127.0.0.1:${port + 1}`], { stdio: 'ignore' });
  const pool = new Pool(url, { connections: 32 });
  for (let i = 0; i < 200; i++) {
    try {
      const r = await pool.request({ path: '/health', method: 'GET' });
      const body = await r.body.text();
      if (body.includes('true')) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  const b64 = (s) => Buffer.from(s).toString('base64');
  const put = async (i) => {
    const value = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } });
    const r = await pool.request({ path: '/v3/kv/put', method: 'POST', body: JSON.stringify({ key: b64(`/registry/configmaps/default/cm-${i}`), value: b64(value) }) });
    await r.body.text();
    if (r.statusCode !== 200) throw new Error(`etcd put ${r.statusCode}`);
  };
  await parallel(200, 8, (i) => put(100000 + i));
  const t = await parallel(N, 8, put);
  await pool.close();
  child.kill('SIGTERM');
  return N / (t / 1000);
}

const etcd = await etcdPuts();
const normal = await runtimeCreates(['--without', 'control-plane']);
const full = await runtimeCreates(['--without', 'control-plane', '--sync', 'full']);
console.log(`etcd 3.4 puts (HTTP JSON gateway, fsync per commit), 8 clients: ${Math.round(etcd)}/s`);
console.log(`runtime creates (HTTPS, synchronous=NORMAL), 8 clients: ${Math.round(normal)}/s = ${(normal / etcd).toFixed(2)}x etcd`);
console.log(`runtime creates (HTTPS, synchronous=FULL), 8 clients: ${Math.round(full)}/s = ${(full / etcd).toFixed(2)}x etcd`);
