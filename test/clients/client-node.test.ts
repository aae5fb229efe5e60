// The official JavaScript client (@kubernetes/client-node 1.x) against the
// bundled cluster: typed CRUD, merge/strategic/JSON patches, server-side apply
// through KubernetesObjectApi, a watch and an informer, and delete options.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { tempDir } from '../support/cli.js';
import { until } from '../runtime/helpers.js';

let rt: Runtime;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;

test.before(async () => {
  const dir = tempDir('skiff-jsclient-');
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(rt.kubeconfigPath);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});
test.after(async () => {
  await rt?.stop();
});

const ns = 'js';

test('typed create, read, list with a selector, and the three patch types', async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'a', labels: { app: 'js' } }, data: { x: '1' } } });
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'b' }, data: { x: '2' } } });
  const read = await core.readNamespacedConfigMap({ name: 'a', namespace: ns });
  assert.equal(read.data, { x: '1' });
  const listed = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'app=js' });
  assert.equal(listed.items.map((c) => c.metadata?.name), ['a']);
  await core.patchNamespacedConfigMap({ name: 'a', namespace: ns, body: { data: { y: '2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  await core.patchNamespacedConfigMap({ name: 'a', namespace: ns, body: { metadata: { labels: { tier: 'one' } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch));
  await core.patchNamespacedConfigMap({ name: 'a', namespace: ns, body: [{ op: 'replace', path: '/data/x', value: '3' }] }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch));
  const after = await core.readNamespacedConfigMap({ name: 'a', namespace: ns });
  assert.equal(after.data, { x: '3', y: '2' });
  assert.equal(after.metadata?.labels, { app: 'js', tier: 'one' });
});

test('server-side apply through KubernetesObjectApi, twice, with a Service port without protocol', async () => {
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } };
  for (let i = 0; i < 2; i++) {
    await objects.patch(svc, undefined, undefined, 'js-client', true, k8s.PatchStrategy.ServerSideApply);
  }
  const got = await core.readNamespacedService({ name: 'web', namespace: ns });
  assert.equal(got.spec?.ports?.map((p) => [p.port, p.protocol]), [[80, 'TCP']]);
  assert.ok(got.metadata?.managedFields?.some((m) => m.manager === 'js-client' && m.operation === 'Apply'));
});

test('a watch sees ADDED, MODIFIED and DELETED; delete options with propagation are accepted', async () => {
  const seen: string[] = [];
  const w = new k8s.Watch(kc);
  const ctl = await w.watch(`/api/v1/namespaces/${ns}/configmaps`, { fieldSelector: 'metadata.name=watched' }, (phase, obj) => seen.push(`${phase} ${obj.data?.n ?? ''}`), () => {});
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'watched' }, data: { n: '1' } } });
  await core.replaceNamespacedConfigMap({ name: 'watched', namespace: ns, body: { metadata: { name: 'watched' }, data: { n: '2' } } });
  await core.deleteNamespacedConfigMap({ name: 'watched', namespace: ns, body: { gracePeriodSeconds: 0, propagationPolicy: 'Background' } });
  await until('three events', async () => seen.length >= 3, 10_000);
  ctl.abort();
  assert.equal(seen, ['ADDED 1', 'MODIFIED 2', 'DELETED 2']);
});

test('an informer lists then follows a Deployment rolled out by the controllers', async () => {
  const informer = k8s.makeInformer(kc, `/apis/apps/v1/namespaces/${ns}/deployments`, () => apps.listNamespacedDeployment({ namespace: ns }));
  let ready = 0;
  informer.on('update', (d: k8s.V1Deployment) => (ready = d.status?.readyReplicas ?? 0));
  await informer.start();
  await apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    },
  });
  await until('the informer saw 2 ready replicas', async () => ready === 2, 20_000);
  await informer.stop();
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
  assert.is(pods.items.length, 2);
});

test.run();
