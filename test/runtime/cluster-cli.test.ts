// `skiff cluster start|stop|status|kubeconfig|reset` as a user types them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI, skiff, tempDir } from '../support/cli.js';
import { http } from './helpers.js';

const home = tempDir('skiff-home-');
const env = { SKIFF_HOME: home, HOME: tempDir('skiff-user-') };

test.after(async () => {
  await skiff(['cluster', 'stop'], { env });
});

test('start is detached and idempotent; status and kubeconfig report it; stop stops it', async () => {
  const before = await skiff(['cluster', 'status', '-o', 'json'], { env });
  assert.is(JSON.parse(before.stdout).running, false);
  const s1 = await skiff(['cluster', 'start'], { env });
  assert.is(s1.code, 0, s1.stderr);
  assert.match(s1.stdout, /^Cluster started \(pid \d+\)\.\nAPI server: https:\/\/127\.0\.0\.1:\d+\n/);
  assert.match(s1.stdout, /export KUBECONFIG=/);
  const s2 = await skiff(['cluster', 'start'], { env });
  assert.match(s2.stdout, /^The cluster is already running \(pid \d+\)\./);
  const st = JSON.parse((await skiff(['cluster', 'status', '-o', 'json'], { env })).stdout);
  assert.is(st.running, true);
  assert.is(st.store, 'sqlite');
  assert.ok(existsSync(join(home, 'cluster', 'state.db')));
  const table = await skiff(['cluster', 'status'], { env });
  assert.match(table.stdout, /^STATUS\s+PID\s+URL/);
  const kc = (await skiff(['cluster', 'kubeconfig'], { env })).stdout.trim();
  assert.is(kc, join(home, 'cluster', 'kubeconfig'));
  const cfg = parse(readFileSync(kc, 'utf8'));
  const token = cfg.users[0].user.token;
  const ca = Buffer.from(cfg.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
  const r = await http({ url: cfg.clusters[0].cluster.server, caPem: ca, token }, 'GET', '/api/v1/namespaces/default');
  assert.is(r.json().metadata.name, 'default');
  const merged = await skiff(['cluster', 'kubeconfig', '--merge'], { env });
  assert.is(merged.code, 0, merged.stderr);
  const user = parse(readFileSync(join(env.HOME, '.kube', 'config'), 'utf8'));
  assert.ok(user.contexts.some((c: { name: string }) => c.name === 'skiff'));
  assert.is(user['current-context'], 'skiff');
  const stop = await skiff(['cluster', 'stop'], { env });
  assert.match(stop.stdout, /^Cluster stopped \(pid \d+\)\.$/m);
  assert.match((await skiff(['cluster', 'stop'], { env })).stdout, /not running/);
  assert.is(JSON.parse((await skiff(['cluster', 'status', '-o', 'json'], { env })).stdout).running, false);
});

test('a restarted cluster keeps its objects, port and credentials', async () => {
  const s1 = await skiff(['cluster', 'start'], { env });
  const url1 = /API server: (\S+)/.exec(s1.stdout)![1]!;
  const cfg = parse(readFileSync(join(home, 'cluster', 'kubeconfig'), 'utf8'));
  const conn = { url: url1, caPem: Buffer.from(cfg.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), token: cfg.users[0].user.token };
  await http(conn, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' } });
  await skiff(['cluster', 'stop'], { env });
  const s2 = await skiff(['cluster', 'start'], { env });
  assert.is(/API server: (\S+)/.exec(s2.stdout)![1], url1);
  assert.is((await http(conn, 'GET', '/api/v1/namespaces/default/configmaps/kept')).status, 200);
  await skiff(['cluster', 'stop'], { env });
});

test('--foreground runs attached until interrupted; bad flags are usage errors', async () => {
  const child = spawn(process.execPath, [CLI, 'cluster', 'start', '--foreground', '--store', 'memory'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  for (let i = 0; i < 200 && !out.includes('listening'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(out, /skiff cluster listening on https:\/\/127\.0\.0\.1:\d+/);
  assert.is(JSON.parse((await skiff(['cluster', 'status', '-o', 'json'], { env })).stdout).store, 'memory');
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGINT');
  });
  assert.is(code, 0);
  const bad = await skiff(['cluster', 'start', '--store', 'etcd'], { env });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /invalid --store "etcd"/);
});

test('reset asks for confirmation, and with --yes removes all state', async () => {
  const refused = await skiff(['cluster', 'reset'], { env });
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /pass --yes/);
  assert.ok(existsSync(join(home, 'cluster')));
  const r = await skiff(['cluster', 'reset', '--yes'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.ok(!existsSync(join(home, 'cluster')));
  const kc = await skiff(['cluster', 'kubeconfig'], { env });
  assert.is(kc.code, 1);
  assert.match(kc.stderr, /no kubeconfig yet/);
});

test.run();
