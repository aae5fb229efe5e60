// Shared by the release benchmarks: a bundled cluster in a fresh SKIFF_HOME
// (started with `skiff cluster start`, reached through the local backend),
// the CLI timed as a whole process, and release Secrets written directly in
// Helm's format to build large histories quickly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const CLI = join(ROOT, 'dist', 'cli.js');

export function startCluster() {
  const home = mkdtempSync(join(tmpdir(), 'skiff-bench-home-'));
  const env = { ...process.env, SKIFF_HOME: home, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [CLI, 'cluster', 'start'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cluster start failed: ${r.stderr}`);
  const kc = parse(readFileSync(join(home, 'cluster', 'kubeconfig'), 'utf8'));
  const cluster = kc.clusters[0].cluster;
  const conn = {
    url: cluster.server,
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64').toString(),
    token: kc.users[0].user.token,
    agent: new Agent({ keepAlive: true, maxSockets: 32 }),
  };
  return { home, env, conn, stop: () => spawnSync(process.execPath, [CLI, 'cluster', 'stop'], { env }) };
}

/** Runs the CLI once and returns its wall time in ms; throws on a non-zero exit. */
export function timeCli(env, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/**
 * Creates an object. A kept-alive connection the server closed while idle (the
 * benchmarks pause between seeding rounds) fails with ECONNRESET: the create
 * is sent again, and AlreadyExists after such a retry means the first one landed.
 */
export async function post(conn, path, body, tries = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await postOnce(conn, path, body);
    } catch (err) {
      if (attempt > 1 && err.status === 409) return '';
      if (err.code !== 'ECONNRESET' || attempt >= tries) throw err;
    }
  }
}

function postOnce(conn, path, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(conn.url + path, { method: 'POST', ca: conn.ca, agent: conn.agent, headers: { Authorization: `Bearer ${conn.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } }, (res) => {
      let out = '';
      res.on('data', (d) => (out += d));
      res.on('end', () => (res.statusCode < 300 ? resolve(out) : reject(Object.assign(new Error(`${res.statusCode} ${out}`), { status: res.statusCode }))));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** One revision in Helm's Secret format (a one-ConfigMap chart). */
/** A chart's templates as a release records them: `n` templates of about 1.5 KB each, like a real chart's. */
export function chartTemplates(n) {
  return Array.from({ length: n }, (_, i) => ({
    name: `templates/t${i}.yaml`,
    data: Buffer.from(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "bench.fullname" . }}-${i}\n  labels:\n    {{- include "bench.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  selector:\n    matchLabels:\n      {{- include "bench.selectorLabels" . | nindent 6 }}\n  template:\n    metadata:\n      labels:\n        {{- include "bench.selectorLabels" . | nindent 8 }}\n    spec:\n      containers:\n        - name: c${i}\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n          ports:\n            - containerPort: ${8000 + i}\n          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n`.repeat(2)).toString('base64'),
  }));
}

export function releaseSecret(name, version, status, ns = 'default', templates) {
  const t = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
  const manifest = `---\n# Source: bench/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-cm\ndata:\n  rev: "${version}"\n`;
  const rel = {
    name, namespace: ns, version,
    info: { first_deployed: t, last_deployed: t, deleted: '', description: 'bench', status },
    chart: { metadata: { apiVersion: 'v2', name: 'bench', version: '1.0.0', appVersion: '1.0' }, lock: null, templates: templates ?? [{ name: 'templates/cm.yaml', data: Buffer.from(manifest).toString('base64') }], values: { a: 1 }, schema: null, files: [] },
    config: {}, manifest, hooks: [],
  };
  const enc = gzipSync(Buffer.from(JSON.stringify(rel)), { level: 9 }).toString('base64');
  return {
    apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.${name}.v${version}`, namespace: ns, labels: { name, owner: 'helm', status, version: String(version), createdAt: '1767225600' } },
    data: { release: Buffer.from(enc).toString('base64') },
  };
}

/** Writes many objects with bounded concurrency. */
export async function postAll(conn, items, concurrency = 32) {
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < items.length) {
      const s = items[i++];
      await post(conn, `/api/v1/namespaces/${s.metadata.namespace}/secrets`, s);
    }
  }));
}

export function writeChart(dir, name, templates) {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(dir, 'templates', f), t);
  return dir;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
