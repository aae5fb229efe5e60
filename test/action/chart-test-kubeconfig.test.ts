// `skiff test chart --kubeconfig`: the same lifecycle against a cluster that
// is already running (the bundled runtime started on its own, reached over
// HTTPS through its kubeconfig), each values file in a namespace of its own
// that is removed afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { chartTest } from '../../src/action/chart-test.js';
import { ROOT, tempDir } from '../support/cli.js';

const CITEST = join(ROOT, 'test/fixtures/charts/citest');
let rt: Runtime;

test.before(async () => {
  rt = await startRuntime({ dataDir: join(tempDir('skiff-ct-kc-'), 'data'), store: 'memory' });
});

test.after(async () => {
  await rt.stop();
});

test('every values file runs in its own namespace of the kubeconfig cluster, which is gone afterwards', async () => {
  const r = await chartTest({ charts: [CITEST], kubeconfig: rt.kubeconfigPath, parallel: 2, timeoutMs: 60_000 });
  assert.is(r.failed, 0, JSON.stringify(r.runs, null, 1));
  const namespaces = r.runs.map((x) => x.namespace);
  assert.is(new Set(namespaces).size, 2);
  for (const ns of namespaces) assert.match(ns, /^citest-\d-[a-z0-9]{6}$/);
  const live = await rt.client.list({ group: '', version: 'v1', resource: 'namespaces' });
  for (const ns of namespaces) {
    const n = live.items.find((x) => x.metadata.name === ns);
    assert.ok(!n || n.metadata.deletionTimestamp, `namespace ${ns} is deleted`);
  }
  const secrets = await rt.client.list({ group: '', version: 'v1', resource: 'secrets', namespace: 'default' });
  assert.equal(secrets.items.filter((s) => s.metadata.name?.startsWith('sh.helm.release')), [], 'nothing written outside the run namespaces');
});

test('a failing values file on a shared cluster still gives its release and namespace back', async () => {
  const r = await chartTest({ charts: [CITEST], kubeconfig: rt.kubeconfigPath, valuesDir: join(ROOT, 'test/fixtures/chart-test-values/failing-hook') });
  assert.is(r.runs[0]!.failedPhase, 'test');
  const ns = r.runs[0]!.namespace;
  const deployments = await rt.client.list({ group: 'apps', version: 'v1', resource: 'deployments', namespace: ns });
  const n = (await rt.client.list({ group: '', version: 'v1', resource: 'namespaces' })).items.find((x) => x.metadata.name === ns);
  assert.ok(!n || n.metadata.deletionTimestamp);
  assert.ok(deployments.items.every((d) => d.metadata.deletionTimestamp), 'the release was uninstalled');
});

test.run();
