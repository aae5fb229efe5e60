// The local target end to end: localBackend starts the bundled runtime as a
// detached process on first use and reaches it over its kubeconfig.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clusterBackend as localBackend } from '../../src/cluster/backend.js';
import { stopCluster } from '../../src/cluster/process.js';
import type { Backend } from '../../src/kube/backend.js';
import { tempDir } from '../support/cli.js';

const home = tempDir('skiff-local-home-');
let backend: Backend | undefined;

test.after(async () => {
  await backend?.close();
  await stopCluster(home);
});

test('localBackend starts the bundled cluster once and talks to it like any cluster', async () => {
  backend = await localBackend({ home, namespace: 'default' });
  assert.is(backend.target, 'local');
  assert.is(backend.defaultNamespace, 'default');
  const version = await backend.discovery.serverVersion();
  assert.match(version.gitVersion, /^v1\.\d+/);
  await backend.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hello' }, data: { greeting: 'hi' } });
  // A second backend on the same home reuses the running cluster and sees the same state.
  const again = await localBackend({ home });
  try {
    assert.equal((await again.get('v1', 'ConfigMap', 'default', 'hello'))?.data, { greeting: 'hi' });
  } finally {
    await again.close();
  }
});

test.run();
