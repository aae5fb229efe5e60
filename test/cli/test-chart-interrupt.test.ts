// `skiff test chart` leaves no embedded cluster data behind: its data dirs
// (/tmp/skiff-embedded-*, holding the CA and serving keys and admin tokens)
// are removed when it passes, when it fails, and when Ctrl-C or SIGTERM
// interrupts it (exit 130 / 143 as a shell reports a signal).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, skiff, tempDir } from '../support/cli.js';

/** A chart whose Deployment never becomes ready (docs/simulated-nodes.md), so install --wait waits until --timeout. */
function waitingChart(): string {
  const dir = join(tempDir(), 'waiter');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: waiter\nversion: 0.1.0\n');
  writeFileSync(
    join(dir, 'templates', 'deployment.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: 1
  selector:
    matchLabels: { app: waiter }
  template:
    metadata:
      labels: { app: waiter }
      annotations:
        sim.skiff.dev/never-ready: "true"
    spec:
      containers:
        - name: main
          image: example/waiter:1
`,
  );
  return dir;
}

const embeddedDirs = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith('skiff-embedded-'));

async function until(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `skiff test chart` on the waiting chart with a private TMPDIR, sends `signal` once `ready(tmp)` holds, and returns how it ended. */
async function interrupted(signal: 'SIGINT' | 'SIGTERM', ready: (tmp: string) => boolean) {
  const tmp = tempDir('skiff-tmp-');
  const child = spawn(process.execPath, [CLI, 'test', 'chart', waitingChart(), '--timeout', '10m'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  try {
    await until(() => ready(tmp) || child.exitCode !== null, 'the embedded cluster to start');
    assert.is(child.exitCode, null, `skiff exited before the signal: ${stdout}${stderr}`);
    const sentAt = Date.now();
    child.kill(signal);
    const end = await closed;
    return { ...end, stdout, stderr, tmp, ms: Date.now() - sentAt };
  } finally {
    clearTimeout(killer);
  }
}

test('Ctrl-C while install waits stops the cluster, removes its data dir and exits 130', async () => {
  // Sent as soon as the cluster's data dir exists: the cluster may still be starting.
  const r = await interrupted('SIGINT', (tmp) => embeddedDirs(tmp).length > 0);
  assert.is(r.code, 130, r.stdout + r.stderr);
  assert.match(r.stderr, /SIGINT received: interrupted; stopping the test clusters and removing their data/);
  assert.match(r.stderr, /interrupted by SIGINT/);
  assert.equal(embeddedDirs(r.tmp), [], 'no embedded cluster data dir is left');
  assert.ok(r.ms < 60_000, `exited ${r.ms} ms after the signal, not at --timeout`);
});

test('SIGTERM once the cluster serves and install is waiting: same cleanup, exit 143', async () => {
  const serving = (tmp: string) => embeddedDirs(tmp).some((d) => existsSync(join(tmp, d, 'kubeconfig')));
  let since = 0;
  const r = await interrupted('SIGTERM', (tmp) => {
    if (!serving(tmp)) return false;
    since ||= Date.now();
    return Date.now() - since > 1500; // well into install --wait
  });
  assert.is(r.code, 143, r.stdout + r.stderr);
  assert.match(r.stderr, /SIGTERM received: interrupted/);
  assert.equal(embeddedDirs(r.tmp), [], 'no embedded cluster data dir is left');
});

test('a passing and a failing run leave no embedded cluster data dir either', async () => {
  const tmp = tempDir('skiff-tmp-');
  const ok = await skiff(['test', 'chart', 'test/fixtures/charts/citest', '--values-dir', 'test/fixtures/charts/citest/ci'], { cwd: ROOT, env: { TMPDIR: tmp }, timeoutMs: 120_000 });
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  const bad = await skiff(['test', 'chart', 'test/fixtures/charts/citest', '--values-dir', 'test/fixtures/chart-test-values/template-error'], { cwd: ROOT, env: { TMPDIR: tmp }, timeoutMs: 120_000 });
  assert.is(bad.code, 1, bad.stdout + bad.stderr);
  assert.equal(embeddedDirs(tmp), []);
});

test.run();
