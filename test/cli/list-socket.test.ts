// skiff's own commands reach the bundled cluster of SKIFF_HOME over the
// runtime's unix socket (cluster/api.sock) instead of HTTPS: `skiff list`
// (fast path and full CLI) must print exactly what it prints over HTTPS
// through the cluster's kubeconfig; a runtime.json without a socket (an older
// runtime) falls back to HTTPS; a socket path outside the private cluster
// folder is never followed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { clusterDir, clusterLayout } from '../../src/cluster/layout.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';

const home = tempDir('skiff-listsock-');
const env = { SKIFF_HOME: home, HOME: tempDir('skiff-user-') };
const layout = clusterLayout(clusterDir(home));
const chart = join(ROOT, 'charts/webapp');

test.after(async () => {
  await skiff(['cluster', 'stop'], { env });
});

async function out(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const r = await skiff(args, { env: { ...env, ...extraEnv } });
  assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** runtime.json with some fields changed, for the duration of `fn`. */
async function withRuntimeState(change: (st: Record<string, unknown>) => void, fn: () => Promise<void>): Promise<void> {
  const saved = readFileSync(layout.runtimeState, 'utf8');
  const st = JSON.parse(saved) as Record<string, unknown>;
  change(st);
  writeFileSync(layout.runtimeState, JSON.stringify(st));
  try {
    await fn();
  } finally {
    writeFileSync(layout.runtimeState, saved);
  }
}

const FORMS = [['list'], ['list', '-A'], ['list', '-A', '-o', 'json'], ['list', '--all', '-A', '-q'], ['list', '-n', 'other', '-o', 'yaml'], ['history', 'alpha'], ['status', 'beta', '-n', 'other']];

/** Each form through the socket (fast path and full CLI) and through the kubeconfig over HTTPS. */
async function allAlike(): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const form of FORMS) {
    const viaSocket = await out(form);
    assert.is(await out(form, { SKIFF_NO_FAST: '1' }), viaSocket, `full CLI: ${form.join(' ')}`);
    assert.is(await out([...form, '--kubeconfig', layout.kubeconfig]), viaSocket, `HTTPS: ${form.join(' ')}`);
    seen[form.join(' ')] = viaSocket;
  }
  return seen;
}

let expected: Record<string, string>;

test('setup: the cluster serves its socket, 0600, named in runtime.json', async () => {
  await out(['install', 'alpha', chart, '--labels', 'team=blue']);
  await out(['upgrade', 'alpha', chart, '--set', 'replicaCount=2']);
  await out(['install', 'beta', chart, '-n', 'other', '--create-namespace']);
  const st = JSON.parse(readFileSync(layout.runtimeState, 'utf8')) as { socket?: string };
  assert.is(st.socket, layout.apiSocket);
  assert.is(lstatSync(layout.apiSocket).mode & 0o777, 0o600);
});

test('list, history and status print the same over the socket as over HTTPS', async () => {
  expected = await allAlike();
  assert.match(expected['list -A'], /^NAME\s+NAMESPACE\s+REVISION/);
  assert.equal((JSON.parse(expected['list -A -o json']) as { name: string; revision: string }[]).map((r) => [r.name, r.revision]), [['alpha', '2'], ['beta', '1']]);
});

test('with the socket named, the commands do not need the HTTPS address at all', async () => {
  // An address nothing listens on: only the socket can answer.
  await withRuntimeState(
    (st) => (st.url = 'https://127.0.0.1:1'),
    async () => {
      for (const form of FORMS) {
        assert.is(await out(form), expected[form.join(' ')], `fast: ${form.join(' ')}`);
        assert.is(await out(form, { SKIFF_NO_FAST: '1' }), expected[form.join(' ')], `full: ${form.join(' ')}`);
      }
    },
  );
});

test('a runtime.json without a socket (an older runtime) is reached over HTTPS with the same output', async () => {
  await withRuntimeState(
    (st) => delete st.socket,
    async () => {
      for (const form of FORMS) assert.is(await out(form), expected[form.join(' ')], form.join(' '));
    },
  );
});

test('a socket path other than the cluster folder\'s own is never connected to (the token stays home)', async () => {
  const decoyDir = tempDir('skiff-decoy-');
  const decoy = join(decoyDir, 'api.sock');
  let connections = 0;
  const server = createServer((c) => {
    connections++;
    c.destroy();
  });
  await new Promise<void>((r) => server.listen(decoy, r));
  try {
    await withRuntimeState(
      (st) => (st.socket = decoy),
      async () => {
        assert.is(await out(['list', '-A']), expected['list -A']);
        assert.is(await out(['list', '-A'], { SKIFF_NO_FAST: '1' }), expected['list -A']);
      },
    );
  } finally {
    await new Promise((r) => server.close(r));
    rmSync(decoyDir, { recursive: true, force: true });
  }
  assert.is(connections, 0);
});

test.run();
