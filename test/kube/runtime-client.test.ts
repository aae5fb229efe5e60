// The HTTP client and the kube Backend against the REAL bundled runtime,
// reached the way a real cluster is: a kubeconfig with the server URL, a CA
// file and a bearer token.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { kubeBackend } from '../../src/kube/backend-impl.js';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { isAlreadyExists, isConflict, isNotFound, ApiStatusError, type ResourceRef } from '../../src/kube/client.js';
import type { Backend } from '../../src/kube/backend.js';
import type { KubeObject, WatchEvent } from '../../src/apimachinery/types.js';
import { ClusterError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';
import { fileKubeconfig } from '../support/runtime.js';
import { until } from '../runtime/helpers.js';

const dir = tempDir('skiff-kube-rt-');
let rt: Runtime;
let kubeconfig: string;
let client: RestClient;
let backend: Backend;

const CMS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
  kubeconfig = fileKubeconfig(rt, dir);
  client = restClient(loadKubeConfig({ kubeconfig, env: {} }));
  backend = await kubeBackend({ kubeconfig, env: {} });
});

test.after(async () => {
  await client?.close();
  await backend?.close();
  await rt?.stop();
});

const cm = (name: string, labels: Record<string, string>, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

test('CRUD: create, get, replace, patch, list by label selector, delete', async () => {
  const created = await client.create(CMS, cm('one', { app: 'web', tier: 'front' }, { a: '1' }));
  assert.ok(created.metadata.uid);
  await client.create(CMS, cm('two', { app: 'web', tier: 'back' }));
  await client.create(CMS, cm('three', { app: 'db' }));
  const got = await client.get({ ...CMS, name: 'one' });
  assert.equal(got.data, { a: '1' });
  const replaced = await client.update({ ...CMS, name: 'one' }, { ...got, data: { a: '2' } });
  assert.equal(replaced.data, { a: '2' });
  assert.is.not(replaced.metadata.resourceVersion, got.metadata.resourceVersion);
  const patched = await client.patch({ ...CMS, name: 'one' }, 'merge', { data: { b: '3' } });
  assert.equal(patched.data, { a: '2', b: '3' });
  const web = await client.list(CMS, { labelSelector: 'app=web' });
  assert.equal(web.items.map((o) => o.metadata.name).sort(), ['one', 'two']);
  const front = await client.list(CMS, { labelSelector: 'app=web,tier in (front)' });
  assert.equal(front.items.map((o) => o.metadata.name), ['one']);
  const named = await client.list(CMS, { fieldSelector: 'metadata.name=three' });
  assert.equal(named.items.map((o) => o.metadata.name), ['three']);
  await client.delete({ ...CMS, name: 'three' });
  assert.ok(isNotFound(await client.get({ ...CMS, name: 'three' }).then(() => undefined, (e: unknown) => e)));
});

test('server errors arrive as ApiStatusError with the server reason and message', async () => {
  const dup = await client.create(CMS, cm('one', {})).then(() => undefined, (e: unknown) => e);
  assert.ok(isAlreadyExists(dup));
  const live = await client.get({ ...CMS, name: 'one' });
  await client.update({ ...CMS, name: 'one' }, { ...live, data: { v: 'new' } });
  const stale = await client.update({ ...CMS, name: 'one' }, { ...live, data: { v: 'stale' } }).then(() => undefined, (e: unknown) => e);
  assert.ok(isConflict(stale));
  const missing = await client.get({ ...CMS, name: 'nope' }).then(() => undefined, (e: unknown) => e);
  assert.instance(missing, ApiStatusError);
  assert.is((missing as ApiStatusError).message, 'configmaps "nope" not found');
});

test('watch delivers ADDED, MODIFIED and DELETED from a resourceVersion', async () => {
  const start = await client.list(CMS);
  const events: WatchEvent[] = [];
  let deleted!: () => void;
  const gotDelete = new Promise<void>((r) => (deleted = r));
  const h = client.watch(CMS, { resourceVersion: start.metadata.resourceVersion, labelSelector: 'watch=me' }, (ev) => {
    events.push(ev);
    if (ev.type === 'DELETED') deleted();
  });
  await client.create(CMS, cm('w', { watch: 'me' }));
  await client.patch({ ...CMS, name: 'w' }, 'merge', { data: { x: '1' } });
  await client.delete({ ...CMS, name: 'w' });
  await gotDelete;
  h.stop();
  await h.done;
  assert.equal(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED w', 'MODIFIED w', 'DELETED w']);
});

test('a CRD installed later is resolved after discovery misses, and its objects apply with merge patches', async () => {
  await backend.discovery.apiVersions(); // warm the cache before the CRD exists
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
  await backend.apply(crd);
  for (let i = 0; i < 50 && !(await backend.readiness(crd)).ready; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await backend.readiness(crd)).ready, 'CRD established');
  const w = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec });
  const v1 = w({ size: 1, color: 'red' });
  await backend.apply(v1);
  assert.equal((await backend.discovery.resolve('example.com/v1', 'Widget')).resource, 'widgets');
  await client.patch({ group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'default', name: 'w1' }, 'merge', { spec: { owner: 'ops' } });
  const out = await backend.apply(w({ size: 2 }), { original: v1 });
  assert.equal(out.spec, { size: 2, owner: 'ops' });
});

test('three-way apply on a Deployment keeps live-only fields and drops what the chart removed', async () => {
  const dep = (labels: Record<string, string>, env: { name: string; value: string }[]): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', env }] } },
    },
  });
  const v1 = dep({ app: 'web', old: 'yes' }, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  await backend.apply(v1);
  const ref: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' };
  await client.patch(ref, 'strategic', { metadata: { annotations: { 'edited-by': 'kubectl' } }, spec: { template: { spec: { containers: [{ name: 'web', command: ['sleep', '1d'] }] } } } });
  const v2 = dep({ app: 'web' }, [{ name: 'A', value: '1' }]);
  const out = (await backend.apply(v2, { original: v1 })) as KubeObject & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
  assert.equal(out.metadata.labels, { app: 'web' });
  assert.is(out.metadata.annotations?.['edited-by'], 'kubectl');
  const c = out.spec.template.spec.containers[0];
  assert.equal(c.env, [{ name: 'A', value: '1' }]);
  assert.equal(c.command, ['sleep', '1d']);
});

test('Service readiness comes from the allocated ClusterIP; a missing object is reported', async () => {
  const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
  await backend.apply(svc);
  assert.equal(await backend.readiness(svc), { ready: true, message: 'Service web: ready' });
  const lb: KubeObject = { ...svc, metadata: { name: 'public' }, spec: { ...(svc.spec as object), type: 'LoadBalancer' } };
  await backend.apply(lb);
  // Ready once the bundled cluster's service load balancer gives it the nodes' addresses.
  await until('an address', async () => (await backend.readiness(lb)).ready, 20_000);
  assert.equal(await backend.readiness(lb), { ready: true, message: 'Service public: ready' });
  const unowned: KubeObject = { ...lb, metadata: { name: 'elsewhere' }, spec: { ...(lb.spec as object), loadBalancerClass: 'example.com/lb' } };
  await backend.apply(unowned);
  assert.equal(await backend.readiness(unowned), { ready: false, message: 'Service elsewhere: waiting for a load balancer address' });
  await backend.delete(unowned);
  assert.is(await backend.delete(lb), true);
  assert.is(await backend.delete(lb), false);
});

test('a wrong token is unauthorized and a stopped cluster is unreachable', async () => {
  const bad = await kubeBackend({ kubeconfig, token: 'not-the-token', env: {} });
  const e = await bad.get('v1', 'ConfigMap', 'default', 'one').then(() => undefined, (err: Error) => err);
  await bad.close();
  assert.instance(e, ClusterError);
  assert.match(e!.message, /^Kubernetes cluster unauthorized: https:\/\/127\.0\.0\.1:\d+: /);
  const other = await startRuntime({ dataDir: join(dir, 'data2'), port: 0, store: 'memory' });
  const c = restClient({ ...loadKubeConfig({ kubeconfig: other.kubeconfigPath, env: {} }) }, { retry: { maxRetries: 1, baseDelayMs: 1 } });
  assert.ok((await c.list(CMS)).items);
  await other.stop();
  const down = await c.list(CMS).then(() => undefined, (err: Error) => err);
  await c.close();
  assert.instance(down, ClusterError);
  assert.match(down!.message, new RegExp(`^Kubernetes cluster unreachable: ${other.url.replace(/\./g, '\\.')}: `));
});

test.run();
