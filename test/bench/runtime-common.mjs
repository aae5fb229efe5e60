// Shared by the runtime benchmarks: spawn dist/runtime-main.js on a fresh data
// dir and talk to it over HTTPS with keep-alive connections.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { runtimeProcessTls } from '../../dist/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const MAIN = join(ROOT, 'dist', 'runtime-main.js');

export async function launch({ store = 'sqlite', dir = mkdtempSync(join(tmpdir(), 'skiff-bench-')), args = [] } = {}) {
  const t0 = performance.now();
  // Started as `skiff cluster start` starts it (runtimeProcessTls: no public roots, no extra-CA file).
  const tls = runtimeProcessTls();
  const child = spawn(process.execPath, [...tls.nodeArgs, ...(process.env.SKIFF_BENCH_NODE_ARGS ? process.env.SKIFF_BENCH_NODE_ARGS.split(' ') : []), MAIN, '--data-dir', dir, '--port', '0', '--store', store, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: tls.env });
  let state;
  for (;;) {
    const p = join(dir, 'runtime.json');
    if (existsSync(p)) {
      try {
        state = JSON.parse(readFileSync(p, 'utf8'));
        if (state.pid === child.pid) break;
      } catch {}
    }
    if (child.exitCode !== null) throw new Error('runtime exited');
    await new Promise((r) => setTimeout(r, 2));
  }
  const conn = {
    url: state.url,
    ca: readFileSync(join(dir, 'pki', 'ca.crt'), 'utf8'),
    token: readFileSync(join(dir, 'pki', 'admin.token'), 'utf8').trim(),
  };
  conn.pool = new Pool(conn.url, { connections: 32, pipelining: 1, connect: { ca: conn.ca } });
  return { child, conn, dir, startedMs: performance.now() - t0, stop: async () => { await conn.pool.close(); await new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }); } };
}

export async function call(conn, method, path, body) {
  const headers = { authorization: `Bearer ${conn.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await conn.pool.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const buf = Buffer.from(await r.body.arrayBuffer());
  return { status: r.statusCode, body: buf };
}

export function rssMb(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(s)[1]) / 1024;
}

/** CPU time (user + system) a process has used so far, in ms (Linux). */
export function cpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in clock ticks of 10 ms
}

export function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `fn(i)` for i in [0, n) with `concurrency` workers; returns elapsed ms. */
export async function parallel(n, concurrency, fn) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
  return performance.now() - t0;
}
