// The kube Backend through a kubeconfig (TLS + token) against a minimal API
// server: create-or-patch with three-way semantics, force, server-side apply,
// delete, and target selection from the global flags.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubeBackend, localBackend } from '../../src/kube/backend-impl.js';
import { backendFromArgs, backendTarget } from '../../src/cli/backend-args.js';
import type { Backend } from '../../src/kube/backend.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { ClusterError, UsageError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';
import { createPki, type TestPki } from './tls-fixture.js';
import { startMiniApiServer, type MiniApiServer } from './mini-apiserver.js';

let pki: TestPki;
let api: MiniApiServer;
let backend: Backend;
let kubeconfig: string;
const dir = tempDir('skiff-backend-');

test.before(async () => {
  pki = await createPki();
  api = await startMiniApiServer(pki, 'test-token');
  writeFileSync(join(dir, 'ca.crt'), pki.ca.cert);
  kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'mini', cluster: { server: api.server.url, 'certificate-authority': 'ca.crt' } }],
      users: [{ name: 'tester', user: { token: 'test-token' } }],
      contexts: [{ name: 'mini', context: { cluster: 'mini', user: 'tester', namespace: 'apps' } }],
      'current-context': 'mini',
    }),
  );
  backend = await kubeBackend({ kubeconfig, env: {} });
});

test.after(async () => {
  await backend.close();
  await api.close();
});

test.before.each(() => {
  api.server.seen.length = 0;
});

const configMap = (data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', ...(labels ? { labels } : {}) },
  data,
});

test('apply creates an absent object in the context namespace, and an unchanged re-apply writes nothing', async () => {
  assert.is(backend.target, 'kube');
  assert.is(backend.defaultNamespace, 'apps');
  const created = await backend.apply(configMap({ a: '1' }));
  assert.is(created.metadata.namespace, 'apps');
  assert.equal(api.writes(), ['GET /api/v1/namespaces/apps/configmaps/settings', 'POST /api/v1/namespaces/apps/configmaps?fieldManager=helm [application/json]']);
  api.server.seen.length = 0;
  await backend.apply(configMap({ a: '1' }), { original: configMap({ a: '1' }) });
  assert.equal(api.writes(), ['GET /api/v1/namespaces/apps/configmaps/settings'], 'an empty patch is skipped');
  assert.equal((await backend.get('v1', 'ConfigMap', 'apps', 'settings'))?.data, { a: '1' });
});

test('three-way apply keeps what only the live object has and removes what the chart dropped', async () => {
  const v1 = configMap({ a: '1', b: '2' }, { app: 'web' });
  await backend.apply(v1);
  // Someone edits the live object: a field the chart never set.
  const key = 'configmaps/apps/settings';
  const live = api.objects.get(key)!;
  api.objects.set(key, { ...live, data: { ...(live.data as object), c: 'live-only' }, metadata: { ...live.metadata, annotations: { note: 'kept' } } });
  api.server.seen.length = 0;
  const v2 = configMap({ a: '1', d: '4' }, { app: 'web' });
  const out = await backend.apply(v2, { original: v1 });
  assert.equal(out.data, { a: '1', c: 'live-only', d: '4' });
  assert.equal(out.metadata.annotations, { note: 'kept' });
  const patch = api.writes().find((w) => w.startsWith('PATCH'));
  assert.is(patch, 'PATCH /api/v1/namespaces/apps/configmaps/settings?fieldManager=helm [application/strategic-merge-patch+json]');
  // Live drift in a field the chart renders is reverted.
  api.objects.set(key, { ...api.objects.get(key)!, data: { a: 'drifted', c: 'live-only', d: '4' } });
  assert.equal((await backend.apply(v2, { original: v2 })).data, { a: '1', c: 'live-only', d: '4' });
  await backend.delete(v2);
});

test('strategic apply merges container lists by name for built-in kinds', async () => {
  const dep = (image: string, replicas: number): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
  });
  const v1 = dep('nginx:1.26', 1);
  await backend.apply(v1);
  const key = 'deployments/apps/web';
  const live = api.objects.get(key)! as KubeObject & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
  live.spec.template.spec.containers[0].env = [{ name: 'INJECTED', value: '1' }];
  live.spec.template.spec.containers.push({ name: 'sidecar', image: 'proxy:1' });
  const out = (await backend.apply(dep('nginx:1.27', 3), { original: v1 })) as typeof live;
  assert.is((out.spec as unknown as { replicas: number }).replicas, 3);
  assert.equal(out.spec.template.spec.containers, [
    { name: 'web', image: 'nginx:1.27', env: [{ name: 'INJECTED', value: '1' }] },
    { name: 'sidecar', image: 'proxy:1' },
  ]);
});

test('custom resources get a JSON merge patch', async () => {
  const widget = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec });
  const v1 = widget({ size: 1, color: 'red' });
  await backend.apply(v1);
  const key = 'widgets/apps/w1';
  api.objects.set(key, { ...api.objects.get(key)!, spec: { size: 1, color: 'red', owner: 'ops' } });
  api.server.seen.length = 0;
  const out = await backend.apply(widget({ size: 2 }), { original: v1 });
  assert.equal(out.spec, { size: 2, owner: 'ops' });
  assert.ok(api.writes().some((w) => w.includes('[application/merge-patch+json]')), api.writes().join('\n'));
});

test('force replaces with the live resourceVersion; serverSide sends an apply patch with force', async () => {
  await backend.apply(configMap({ a: '1' }));
  const key = 'configmaps/apps/settings';
  api.objects.set(key, { ...api.objects.get(key)!, data: { a: '1', extra: 'x' } });
  const replaced = await backend.apply(configMap({ a: '2' }), { force: true, original: configMap({ a: '1' }) });
  assert.equal(replaced.data, { a: '2' }, 'a replace drops fields the manifest lacks');
  assert.ok(api.writes().includes('PUT /api/v1/namespaces/apps/configmaps/settings?fieldManager=helm [application/json]'));
  // A write that lands between our read and our replace makes the PUT conflict: re-read and replace again.
  const handler = api.server.handler;
  let raced = false;
  api.server.handler = (req, res) => {
    if (req.method === 'PUT' && !raced) {
      raced = true;
      const cur = api.objects.get(key)!;
      api.objects.set(key, { ...cur, metadata: { ...cur.metadata, resourceVersion: '99999' } });
    }
    return handler(req, res);
  };
  api.server.seen.length = 0;
  try {
    assert.equal((await backend.apply(configMap({ a: '4' }), { force: true })).data, { a: '4' });
  } finally {
    api.server.handler = handler;
  }
  assert.is(api.writes().filter((w) => w.startsWith('PUT')).length, 2);
  api.server.seen.length = 0;
  await backend.apply(configMap({ a: '3' }), { serverSide: true, forceConflicts: true });
  assert.equal(api.writes(), ['PATCH /api/v1/namespaces/apps/configmaps/settings?fieldManager=helm&force=true [application/apply-patch+yaml]']);
  await backend.delete(configMap({}));
});

test('delete uses background propagation and answers false when the object is gone', async () => {
  await backend.apply(configMap({ a: '1' }));
  api.server.seen.length = 0;
  assert.is(await backend.delete(configMap({})), true);
  assert.equal(JSON.parse(api.server.seen.find((r) => r.method === 'DELETE')!.body), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
  assert.is(await backend.delete(configMap({})), false);
  assert.is(await backend.get('v1', 'ConfigMap', 'apps', 'settings'), undefined);
  const r = await backend.readiness(configMap({}));
  assert.equal(r, { ready: false, message: 'ConfigMap settings: not found' });
});

test('cluster-scoped kinds lose a stray namespace; unknown kinds name the missing CRD', async () => {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', namespace: 'apps' } };
  await backend.apply(ns);
  assert.ok(api.writes().includes('POST /api/v1/namespaces?fieldManager=helm [application/json]'), api.writes().join('\n'));
  assert.is(api.objects.get('namespaces//team')?.metadata.namespace, undefined);
  const e = await backend.apply({ apiVersion: 'nope.io/v1', kind: 'Gadget', metadata: { name: 'g' } }).then(() => undefined, (err: Error) => err);
  assert.instance(e, ClusterError);
  assert.match(e!.message, /no matches for kind "Gadget" in version "nope.io\/v1"/);
  assert.is(await backend.delete({ apiVersion: 'nope.io/v1', kind: 'Gadget', metadata: { name: 'g' } }), false);
});

test('a rejected token is an unauthorized ClusterError', async () => {
  const bad = await kubeBackend({ kubeconfig, token: 'wrong', env: {} });
  const e = await bad.get('v1', 'ConfigMap', 'apps', 'x').then(() => undefined, (err: Error) => err);
  await bad.close();
  assert.instance(e, ClusterError);
  assert.match(e!.message, /^Kubernetes cluster unauthorized: /);
});

test('target selection: kube only for --kubeconfig, --kube-context, --kube-apiserver or SKIFF_BACKEND=kube', async () => {
  assert.is(backendTarget({}, { KUBECONFIG: kubeconfig }), 'local', 'KUBECONFIG alone keeps the embedded default');
  assert.is(backendTarget({ kubeconfig }, {}), 'kube');
  assert.is(backendTarget({ 'kube-context': 'x' }, {}), 'kube');
  assert.is(backendTarget({ 'kube-apiserver': 'https://x' }, {}), 'kube');
  assert.is(backendTarget({ 'kube-token': 't' }, {}), 'local');
  assert.is(backendTarget({}, { SKIFF_BACKEND: 'kube' }), 'kube');
  assert.throws(() => backendTarget({}, { SKIFF_BACKEND: 'cloud' }), (e: Error) => e instanceof UsageError && /SKIFF_BACKEND/.test(e.message));
  // SKIFF_BACKEND=kube with KUBECONFIG reaches the cluster the variable names, with -n applied.
  const b = await backendFromArgs({ namespace: 'other' }, { SKIFF_BACKEND: 'kube', KUBECONFIG: kubeconfig });
  try {
    assert.is(b.target, 'kube');
    assert.is(b.defaultNamespace, 'other');
    assert.equal(await b.discovery.serverVersion(), { major: '1', minor: '32', gitVersion: 'v1.32.0' });
  } finally {
    await b.close();
  }
});

test('the local target is the same client path over the kubeconfig the runtime hands back', async () => {
  const homes: string[] = [];
  const local = await localBackend({
    home: join(dir, 'home'),
    namespace: 'apps',
    ensureCluster: async (home) => {
      homes.push(home);
      return { kubeconfigPath: kubeconfig };
    },
  });
  try {
    assert.is(local.target, 'local');
    assert.equal(homes, [join(dir, 'home')]);
    await local.apply(configMap({ via: 'local' }));
    assert.equal((await backend.get('v1', 'ConfigMap', 'apps', 'settings'))?.data, { via: 'local' });
    assert.is(await local.delete(configMap({})), true);
  } finally {
    await local.close();
  }
});

test.run();
