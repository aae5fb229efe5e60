// The global kube flags as a user types them, through the built CLI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir } from '../support/cli.js';

const dir = tempDir('skiff-cli-kube-');
let rt: Runtime;

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
});

test.after(async () => {
  await rt.stop();
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

test('--kubeconfig reaches the cluster it names; SKIFF_BACKEND=kube uses $KUBECONFIG', async () => {
  const r = await skiff(['list', '--kubeconfig', rt.kubeconfigPath]);
  assert.is(r.stderr, '');
  assert.is(r.code, 0);
  assert.match(r.stdout, /^NAME\s+NAMESPACE\s+REVISION/);
  const viaEnv = await skiff(['list', '-A'], { env: { SKIFF_BACKEND: 'kube', KUBECONFIG: rt.kubeconfigPath } });
  assert.is(viaEnv.code, 0, viaEnv.stderr);
});

test('bad kubeconfig input is a one-line error naming the file or context', async () => {
  const missing = join(dir, 'missing.yaml');
  const r = await skiff(['list', '--kubeconfig', missing]);
  assert.is(r.code, 1);
  assert.match(r.stderr, new RegExp(`^Error: kubeconfig file not found: ${missing}\n`));
  const ctx = await skiff(['list', '--kubeconfig', rt.kubeconfigPath, '--kube-context', 'nope']);
  assert.is(ctx.code, 1);
  assert.match(ctx.stderr, /^Error: context "nope" does not exist in kubeconfig /);
  const badCa = join(dir, 'bad-ca.pem');
  writeFileSync(badCa, 'not a certificate\n');
  const ca = await skiff(['list', '--kubeconfig', rt.kubeconfigPath, '--kube-ca-file', badCa]);
  assert.is(ca.code, 1);
  assert.ok(ca.stderr.includes(badCa), ca.stderr);
  const env = await skiff(['list'], { env: { SKIFF_BACKEND: 'cloud' } });
  assert.is(env.code, 2);
  assert.match(env.stderr, /SKIFF_BACKEND must be "local" or "kube"/);
});

test('an unreachable API server and a rejected token are reported like Helm', async () => {
  const port = await closedPort();
  const down = await skiff(['list', '--kube-apiserver', `https://127.0.0.1:${port}`, '--kube-token', 'x']);
  assert.is(down.code, 1);
  assert.match(down.stderr, new RegExp(`^Error: Kubernetes cluster unreachable: https://127.0.0.1:${port}: .*ECONNREFUSED`));
  const denied = await skiff(['list', '--kubeconfig', rt.kubeconfigPath, '--kube-token', 'wrong-token']);
  assert.is(denied.code, 1);
  assert.match(denied.stderr, /^Error: Kubernetes cluster unauthorized: /);
});

test.run();
