// Embedded clusters hosted by one worker thread (skiff test chart's): each is
// its own cluster, reached by the real kubectl over HTTPS with its own token;
// another cluster's token is refused; a closed cluster is gone while the
// others keep serving; closing the host ends them all.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedClusters } from '../../src/cluster/backend.js';
import { kubectlBinary } from '../support/helm.js';
import { run, tempDir } from '../support/cli.js';

const kubectl = (kubeconfig: string, args: string[]) => run(kubectlBinary(), ['--request-timeout=20s', '--kubeconfig', kubeconfig, ...args], { env: { HOME: '/nonexistent' } });
const field = (kubeconfig: string, key: string) => new RegExp(`${key}: (\\S+)`).exec(readFileSync(kubeconfig, 'utf8'))?.[1] ?? '';

test('two clusters of one host are separate: own objects, own token; closing one leaves the other', async () => {
  const host = embeddedClusters();
  try {
    const [a, b] = await Promise.all([host.start(), host.start()]);
    assert.is.not(field(a.kubeconfigPath, 'server'), field(b.kubeconfigPath, 'server'));
    assert.is.not(field(a.kubeconfigPath, 'token'), field(b.kubeconfigPath, 'token'));
    const made = await kubectl(a.kubeconfigPath, ['create', 'configmap', 'only-in-a', '--from-literal=k=v']);
    assert.is(made.code, 0, made.stderr);
    assert.is((await kubectl(a.kubeconfigPath, ['get', 'configmap', 'only-in-a', '-o', 'name'])).stdout.trim(), 'configmap/only-in-a');
    const inB = await kubectl(b.kubeconfigPath, ['get', 'configmap', 'only-in-a']);
    assert.is.not(inB.code, 0);
    assert.match(inB.stderr, /NotFound|not found/);
    // A's server with B's token: refused.
    const crossed = await run(kubectlBinary(), ['--request-timeout=20s', '--kubeconfig', a.kubeconfigPath, '--token', field(b.kubeconfigPath, 'token'), 'get', 'configmaps'], { env: { HOME: '/nonexistent' } });
    assert.is.not(crossed.code, 0);
    assert.match(crossed.stderr, /Unauthorized|must be logged in/);

    await a.close();
    assert.not.ok(existsSync(a.kubeconfigPath), "a closed cluster's data dir is deleted");
    const afterClose = await b.backend.client.get({ group: '', version: 'v1', resource: 'namespaces', name: 'default' });
    assert.is(afterClose.metadata.name, 'default');
    await b.close();
  } finally {
    await host.close();
  }
  try {
    await host.start();
    assert.unreachable('a closed host starts no cluster');
  } catch (err) {
    assert.match((err as Error).message, /closed/);
  }
});

test('closing the host stops the clusters still running and deletes their data', async () => {
  const host = embeddedClusters();
  const c = await host.start();
  const server = field(c.kubeconfigPath, 'server');
  await host.close();
  assert.not.ok(existsSync(c.kubeconfigPath));
  const r = await run(kubectlBinary(), ['--request-timeout=5s', '--server', server, '--insecure-skip-tls-verify', 'get', 'namespaces'], { env: { HOME: '/nonexistent' } });
  assert.is.not(r.code, 0);
  await c.backend.close();
});

test('a process that exits without closing the host (a second Ctrl-C) still deletes the data of the clusters it started', async () => {
  const backend = new URL('../../src/cluster/backend.ts', import.meta.url).pathname;
  const code = `import { embeddedClusters } from ${JSON.stringify(backend)};
const c = await embeddedClusters().start();
process.stdout.write(c.kubeconfigPath + '\\n', () => process.exit(130));`;
  const script = join(tempDir('skiff-exit-'), 'exit.mts');
  writeFileSync(script, code);
  const r = await run(process.execPath, ['--import', 'tsx', script], { timeoutMs: 120_000 });
  assert.is(r.code, 130, r.stderr);
  const kubeconfig = r.stdout.trim();
  assert.match(kubeconfig, /skiff-embedded-/);
  assert.not.ok(existsSync(kubeconfig), 'the data dir is gone');
  assert.not.ok(existsSync(kubeconfig.slice(0, kubeconfig.lastIndexOf('/'))));
});

test.run();
