// A release operation is never killed half-way by what happens to its output
// or by a signal: `upgrade … | head -1` and SIGTERM/SIGINT mid-upgrade each
// end with the outcome recorded (deployed, failed, or rolled back) and the
// release unlocked, exactly as with a terminal attached.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { CLI, run, skiff, tempDir } from '../support/cli.js';

let rt: Runtime;
let K: string[];

function chartDir(name: string, templates: Record<string, string>): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(dir, 'values.yaml'), 'gen: 1\n');
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(dir, 'templates', f), t);
  return dir;
}

const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-cfg\ndata:\n  gen: "{{ Values.gen }}"\n`;
// A Deployment no node can run: never ready, so a --wait lasts until its timeout.
const stuck = `{% if Values.gen > 1 %}apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ Release.Name }}-stuck
spec:
  replicas: 1
  selector: {matchLabels: {app: stuck}}
  template:
    metadata: {labels: {app: stuck}}
    spec:
      nodeSelector: {skiff.test/no-such-node: "true"}
      containers: [{name: c, image: nginx}]
{% endif %}`;

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

interface Row {
  revision: number;
  status: string;
  description: string;
}

async function history(name: string): Promise<Row[]> {
  const r = await skiff(['history', name, '-o', 'json', ...K]);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Row[];
}

async function lockAnnotations(name: string, revision: number): Promise<string[]> {
  const s = await rt.client.get({ group: '', version: 'v1', resource: 'secrets', namespace: 'default', name: `sh.helm.release.v1.${name}.v${revision}` });
  return Object.keys((s.metadata as { annotations?: Record<string, string> }).annotations ?? {}).filter((k) => k.startsWith('skiff.io/lock'));
}

async function install(name: string, chart: string): Promise<void> {
  const r = await skiff(['install', name, chart, ...K]);
  assert.is(r.code, 0, r.stderr);
}

/** Runs `skiff …` in a shell pipeline into `head -1`; returns skiff's own exit status and its stderr. */
async function intoHead(args: string[]): Promise<{ status: number; stderr: string; first: string }> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const errFile = join(tempDir('skiff-err-'), 'stderr');
  const r = await run('bash', ['-c', `${quoted} 2>'${errFile}' | head -1; echo "status=\${PIPESTATUS[0]}" >&2; cat '${errFile}' >&2`]);
  const status = Number(/status=(\d+)/.exec(r.stderr)?.[1] ?? -1);
  return { status, stderr: r.stderr, first: r.stdout };
}

test('upgrade --atomic | head -1: a failed upgrade is still rolled back, the release unlocked, no stack trace', async () => {
  const chart = chartDir('piped', { 'cm.yaml': cm, 'stuck.yaml': stuck });
  await install('piped', chart);
  const r = await intoHead(['upgrade', 'piped', chart, '--atomic', '--timeout', '3s', '--set', 'gen=2', ...K]);
  assert.ok(r.first.length > 0, 'head saw the first line');
  assert.is(r.status, 1, r.stderr);
  assert.not.match(r.stderr, /EPIPE|Unhandled|    at /);
  assert.match(r.stderr, /rolled back/);
  const h = await history('piped');
  assert.equal(
    h.map((x) => x.status),
    ['superseded', 'failed', 'deployed'],
  );
  assert.equal(await lockAnnotations('piped', 3), []);
  // The next operation is not refused as locked.
  const again = await skiff(['upgrade', 'piped', chart, ...K]);
  assert.is(again.code, 0, again.stderr);
});

test('upgrade | head -1 that succeeds finishes: deployed and unlocked', async () => {
  const chart = chartDir('piped2', { 'cm.yaml': cm });
  await install('piped2', chart);
  const r = await intoHead(['upgrade', 'piped2', chart, '--wait', '--set', 'gen=5', ...K]);
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stderr, /EPIPE|    at /);
  const h = await history('piped2');
  assert.equal(h.map((x) => x.status), ['superseded', 'deployed']);
  const live = await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'piped2-cfg' });
  assert.is((live.data as Record<string, string>).gen, '5');
});

/** Starts `skiff args`, sends `signal` once its output shows `when`, and resolves with the exit code and output. */
function signalWhen(args: string[], when: RegExp, signal: NodeJS.Signals): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      if (!sent && when.test(out)) {
        sent = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test('SIGTERM during the wait: the upgrade stops, is recorded failed and unlocked; exit 143', async () => {
  const chart = chartDir('termed', { 'cm.yaml': cm, 'stuck.yaml': stuck });
  await install('termed', chart);
  const r = await signalWhen(['upgrade', 'termed', chart, '--wait', '--timeout', '2m', '--set', 'gen=2', ...K], /Waiting up to/, 'SIGTERM');
  assert.is(r.code, 143, r.out);
  assert.match(r.out, /interrupted by SIGTERM while waiting for the applied resources to become ready/);
  const h = await history('termed');
  assert.equal(h.map((x) => x.status), ['deployed', 'failed']);
  assert.match(h[1]!.description, /interrupted by SIGTERM/);
  assert.equal(await lockAnnotations('termed', 2), []);
});

test('SIGINT during an --atomic upgrade: rolled back to the last deployed revision; exit 130', async () => {
  const chart = chartDir('inted', { 'cm.yaml': cm, 'stuck.yaml': stuck });
  await install('inted', chart);
  const r = await signalWhen(['upgrade', 'inted', chart, '--atomic', '--timeout', '2m', '--set', 'gen=2', ...K], /Waiting up to/, 'SIGINT');
  assert.is(r.code, 130, r.out);
  assert.match(r.out, /rolled back/);
  const h = await history('inted');
  assert.equal(h.map((x) => x.status), ['superseded', 'failed', 'deployed']);
  const live = await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'inted-cfg' });
  assert.ok(live);
  const dep = await rt.client.get({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'inted-stuck' }).then(() => true, () => false);
  assert.not.ok(dep, 'the rollback removed what the interrupted upgrade added');
});

test.run();
