// Readiness judged on real API objects: the bundled runtime stores and
// selects them; this test plays the controllers' part by writing status, so
// the runtime runs without its control plane (no scheduler, controllers or nodes).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, defaultComponents, type Runtime } from '../../src/runtime/index.js';
import { kubeBackend } from '../../src/kube/backend-impl.js';
import type { Backend } from '../../src/kube/backend.js';
import type { KubeClient, ResourceRef } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { tempDir } from '../support/cli.js';

let rt: Runtime;
let backend: Backend;
let client: KubeClient;

test.before(async () => {
  rt = await startRuntime({
    dataDir: join(tempDir('skiff-kube-ready-'), 'data'),
    port: 0,
    store: 'memory',
    components: defaultComponents().filter((c) => c.name.startsWith('namespace')),
  });
  backend = await kubeBackend({ kubeconfig: rt.kubeconfigPath, env: {} });
  client = backend.client;
});

test.after(async () => {
  await backend.close();
  await rt.stop();
});

const ref = (group: string, resource: string, name?: string): ResourceRef => ({ group, version: 'v1', resource, namespace: 'default', name });

async function setStatus(r: ResourceRef, status: Record<string, unknown>): Promise<KubeObject> {
  return client.patch({ ...r, subresource: 'status' }, 'merge', { status });
}

async function podNamed(name: string, hash: string): Promise<void> {
  // The per-namespace default ServiceAccount appears shortly after start-up.
  for (let i = 0; ; i++) {
    try {
      await client.create(ref('', 'pods'), {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'web', 'pod-template-hash': hash } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      });
      return;
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

test('Deployment: waits for its new ReplicaSet, counts ready replicas, and quotes the scheduler', async () => {
  const dep: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
  const live = await backend.apply(dep);
  assert.is((await backend.readiness(dep)).message, 'Deployment web: 0/2 ready (waiting for its new ReplicaSet)');

  const template = JSON.parse(JSON.stringify(live.spec)).template;
  template.metadata.labels['pod-template-hash'] = 'abc';
  const rs = await client.create<KubeObject>(ref('apps', 'replicasets'), {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-abc',
      labels: { app: 'web', 'pod-template-hash': 'abc' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: live.metadata.uid!, controller: true }],
    },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }, template },
  });
  await setStatus(ref('apps', 'replicasets', 'web-abc'), { replicas: 2, readyReplicas: 1, observedGeneration: rs.metadata.generation });
  await setStatus(ref('apps', 'deployments', 'web'), { observedGeneration: live.metadata.generation });
  await podNamed('web-abc-1', 'abc');
  await podNamed('web-abc-2', 'abc');
  await setStatus(ref('', 'pods', 'web-abc-1'), { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
  await setStatus(ref('', 'pods', 'web-abc-2'), {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient memory.' }],
  });
  assert.equal(await backend.readiness(dep), {
    ready: false,
    message: 'Deployment web: 1/2 ready; pod web-abc-2: Unschedulable: 0/1 nodes are available: 1 Insufficient memory.',
  });
  await setStatus(ref('apps', 'replicasets', 'web-abc'), { readyReplicas: 2 });
  assert.equal(await backend.readiness(dep), { ready: true, message: 'Deployment web: 2/2 ready' });
});

test('Pod and Job readiness from their status', async () => {
  await podNamed('solo', 'none');
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' } };
  assert.is((await backend.readiness(pod)).ready, false);
  await setStatus(ref('', 'pods', 'solo'), { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
  assert.equal(await backend.readiness(pod), { ready: true, message: 'Pod solo: Ready' });

  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate' },
    spec: { completions: 1, backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox' }] } } },
  };
  await backend.apply(job);
  assert.is((await backend.readiness(job)).ready, true, 'Jobs are not waited for without waitForJobs');
  assert.equal(await backend.readiness(job, { waitForJobs: true }), { ready: false, message: 'Job migrate: 0/1 completions' });
  await client.patch({ group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default', name: 'migrate', subresource: 'status' }, 'merge', { status: { failed: 1 } });
  const failed = await backend.readiness(job, { waitForJobs: true });
  assert.is(failed.failed, true);
  assert.match(failed.message, /^Job migrate: failed \(1 failed pods, backoffLimit 0\)/);
});

test.run();
