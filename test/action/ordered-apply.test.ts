// Ordered apply (HIP-0025) on the bundled cluster, observed through the API
// writes skiff sends: a group's Deployment is ready before the next group's
// first object is written (on install and on upgrade), uninstall deletes the
// groups in reverse and each is gone before the next, subcharts follow
// Chart.yaml's depends-on, and a cycle or an unknown group refuses with
// nothing written. Without annotations the writes keep Helm's kind order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { kubeBackend } from '../../src/kube/backend-impl.js';
import type { Backend } from '../../src/kube/backend.js';
import type { KubeClient, ResourceRef } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { newConfiguration, type Configuration } from '../../src/action/configuration.js';
import { install } from '../../src/action/install.js';
import { upgrade } from '../../src/action/upgrade.js';
import { rollback } from '../../src/action/rollback.js';
import { uninstall } from '../../src/action/uninstall.js';
import { detectDrift } from '../../src/action/drift.js';
import { diffUpgrade } from '../../src/action/diff.js';
import { validateManifests } from '../../src/action/chart-test-cluster.js';
import { inProcessRenderer } from '../../src/render/index.js';
import { parseChartYaml } from '../../src/chart/metadata.js';
import type { Chart } from '../../src/chart/types.js';
import type { ProgressEvent } from '../../src/release/progress.js';
import { buildChart, configMap } from '../support/chart-builder.js';
import { fakeBackend } from '../support/fake-backend.js';
import { tempDir } from '../support/cli.js';

let rt: Runtime;
let backend: Backend;

/** One write skiff sent, and what the test saw in the cluster just before it reached the API server. */
interface Write {
  readonly verb: string;
  readonly resource: string;
  readonly name: string;
  readonly seen?: unknown;
}

/**
 * A Configuration whose backend records every write of a workload object
 * (release records excluded); `observe` runs before each write is sent and
 * its result is kept with it.
 */
function recording(observe?: (w: Omit<Write, 'seen'>, client: KubeClient) => Promise<unknown>): { cfg: Configuration; writes: Write[] } {
  const writes: Write[] = [];
  const real = backend.client;
  const client = new Proxy(real, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv) as unknown;
      if (typeof v !== 'function' || !['create', 'update', 'patch', 'delete'].includes(prop as string)) return typeof v === 'function' ? v.bind(target) : v;
      return async (ref: ResourceRef, ...rest: unknown[]) => {
        if (ref.resource !== 'secrets' && ref.resource !== 'namespaces') {
          const body = rest[rest.length === 1 || prop === 'delete' ? 0 : prop === 'patch' ? 1 : 0] as KubeObject | undefined;
          const w = { verb: prop as string, resource: ref.resource, name: ref.name ?? body?.metadata?.name ?? '' };
          writes.push({ ...w, seen: observe ? await observe(w, real) : undefined });
        }
        return (v as (...a: unknown[]) => unknown).call(target, ref, ...rest);
      };
    },
  });
  const be = new Proxy(backend, { get: (t, p) => (p === 'client' ? client : (Reflect.get(t, p, t) as unknown)) });
  // Backend methods read this.client: bind them to the proxy so their writes are recorded too.
  const bound = new Proxy(be, {
    get(t, p) {
      const v = Reflect.get(t, p) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(be) : v;
    },
  });
  return { cfg: newConfiguration({ backend: bound, driver: 'secret', renderer: inProcessRenderer }), writes };
}

const ns = 'default';
const deploymentRef = (name: string): ResourceRef => ({ group: 'apps', version: 'v1', resource: 'deployments', namespace: ns, name });
const readyReplicas = async (client: KubeClient, name: string) => {
  try {
    const d = await client.get<KubeObject & { status?: { readyReplicas?: number; updatedReplicas?: number }; metadata: { generation?: number } }>(deploymentRef(name));
    return d.status?.readyReplicas ?? 0;
  } catch {
    return 'absent';
  }
};

const deployment = (name: string, annotations: string, image = 'nginx') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations:
${annotations}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers: [{name: c, image: ${image}}]
`;
const groupAnn = (group: string, after?: string) => `    helm.sh/resource-group: ${group}\n${after ? `    helm.sh/depends-on/resource-groups: '${after}'\n` : ''}`;

/** database (Deployment db) <- app (ConfigMap app-config), then the ungrouped ConfigMap plain: the reverse of the kind order. */
const ordered = (image = 'nginx', extra: Record<string, string> = {}) =>
  buildChart({
    name: 'shop',
    templates: {
      'db.yaml': deployment('db', groupAnn('database'), image),
      'app.yaml': configMap('app-config', 'x', `  annotations:\n${groupAnn('app', '["database"]')}`),
      'plain.yaml': configMap('plain', 'y'),
      ...extra,
    },
  });

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-order-'), port: 0, store: 'memory' });
  backend = await kubeBackend({ kubeconfig: rt.kubeconfigPath, env: {} });
});
test.after(async () => {
  await backend?.close();
  await rt?.stop();
});

test('install applies group by group: the Deployment is ready before the dependent group is written; ungrouped last', async () => {
  const steps: string[] = [];
  const { cfg, writes } = recording((w, c) => (w.resource === 'configmaps' ? readyReplicas(c, 'db') : Promise.resolve(undefined)));
  const r = await install(cfg, { chart: ordered(), values: {}, namespace: ns, releaseName: 'shop', timeoutMs: 60_000, onProgress: (e: ProgressEvent) => e.type === 'step' && steps.push(e.message) });
  assert.is(r.release.info.status, 'deployed');
  assert.equal(
    writes.map((w) => `${w.resource}/${w.name}`),
    ['deployments/db', 'configmaps/app-config', 'configmaps/plain'],
    'writes in group order, although Helm kind order puts ConfigMaps first',
  );
  assert.is(writes[1]!.seen, 1, 'Deployment db had its replica ready when app-config was written');
  assert.ok(steps.some((s) => /^Applying group database \(chart shop\) \(1 resource; step 1 of 3\)$/.test(s)), steps.join('\n'));
  assert.ok(steps.some((s) => /^Waiting up to 1m0s for group database \(chart shop\) \(1 resources\) to become ready$/.test(s)), steps.join('\n'));
  // Without --wait the last batch is not awaited (only what something waits for is).
  assert.not.ok(steps.some((s) => /for ungrouped resources/.test(s)), steps.join('\n'));
  // The depends-on key (two slashes: no valid Kubernetes annotation key) is recorded but not applied; the group stays visible.
  const live = await backend.get('v1', 'ConfigMap', ns, 'app-config');
  assert.is(live?.metadata.annotations?.['helm.sh/resource-group'], 'app');
  assert.is(live?.metadata.annotations?.['helm.sh/depends-on/resource-groups'], undefined);
  const drift = await detectDrift(cfg, { releaseName: 'shop', namespace: ns });
  assert.equal(drift.drifts, [], 'the annotation not applied is not drift');
  const same = await diffUpgrade(cfg, { chart: ordered(), values: {}, namespace: ns, releaseName: 'shop' });
  assert.equal(same.changes.map((d) => `${d.change} ${d.kind} ${d.name}`), [], 'diff shows nothing to change');
  const rec = (await cfg.releases.history(ns, 'shop'))[0]!;
  assert.match((await rec.load()).manifest, /helm\.sh\/depends-on\/resource-groups: '\["database"\]'/);
  assert.is((await rec.load()).subchart_order, undefined, 'no subchart ordering recorded for a chart without one');
});

test('upgrade follows the same order: the changed Deployment has rolled out before the new dependent object is created', async () => {
  const { cfg, writes } = recording(async (w, c) => {
    if (w.resource !== 'configmaps') return undefined;
    const d = await c.get<KubeObject & { status?: { updatedReplicas?: number; readyReplicas?: number; observedGeneration?: number }; metadata: { generation?: number } }>(deploymentRef('db'));
    return { image: (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image, current: d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === 1 && d.status?.readyReplicas === 1 };
  });
  const next = ordered('nginx:1.27', { 'more.yaml': configMap('app-more', 'z', `  annotations:\n${groupAnn('app', 'database')}`) });
  const r = await upgrade(cfg, { chart: next, values: {}, namespace: ns, releaseName: 'shop', timeoutMs: 60_000, waitStrategy: 'watcher' });
  assert.is(r.release.info.status, 'deployed');
  assert.equal(writes.map((w) => `${w.resource}/${w.name}`).slice(0, 1), ['deployments/db']);
  const more = writes.find((w) => w.name === 'app-more');
  assert.equal(more?.seen, { image: 'nginx:1.27', current: true }, 'the new ConfigMap was created after the Deployment rolled out');
  assert.equal(writes.map((w) => w.name), ['db', 'app-config', 'app-more', 'plain']);
});

test('a cycle or an unknown group refuses install and upgrade: non-zero error naming them, nothing written, no history', async () => {
  const { cfg, writes } = recording();
  const cycle = buildChart({
    name: 'loop',
    templates: {
      'a.yaml': configMap('a', '1', `  annotations:\n${groupAnn('first', 'second')}`),
      'b.yaml': configMap('b', '2', `  annotations:\n${groupAnn('second', 'first')}`),
    },
  });
  const err = await install(cfg, { chart: cycle, values: {}, namespace: ns, releaseName: 'loop' }).then(
    () => undefined,
    (e: unknown) => e as { code?: string; message: string; exitCode?: number },
  );
  assert.is(err?.code, 'ORDER_INVALID');
  assert.is(err?.exitCode, 1);
  assert.match(err!.message, /resource groups of chart "loop" depend on each other in a cycle: first -> second -> first \(group first: ConfigMap a \(loop\/templates\/a\.yaml\); group second: ConfigMap b/);
  assert.equal(await cfg.releases.history(ns, 'loop'), [], 'no history written');
  assert.equal(writes, [], 'nothing applied');
  assert.is(await readyReplicas(backend.client, 'a'), 'absent');

  const before = (await cfg.releases.history(ns, 'shop')).map((h) => [h.version, h.status]);
  const unknown = ordered('nginx', { 'x.yaml': configMap('x', '1', `  annotations:\n${groupAnn('late', 'cache')}`) });
  const up = await upgrade(cfg, { chart: unknown, values: {}, namespace: ns, releaseName: 'shop' }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  assert.match(up?.message ?? '', /ConfigMap x \(shop\/templates\/x\.yaml\) depends on resource group "cache", which no resource of chart "shop" declares \(helm\.sh\/resource-group\); its groups are: app, database, late/);
  assert.equal((await cfg.releases.history(ns, 'shop')).map((h) => [h.version, h.status]), before, 'history unchanged');
  assert.equal(writes, [], 'nothing applied');
});

test('rollback keeps the order; uninstall deletes in reverse, each group gone before the one it depended on', async () => {
  const { cfg, writes } = recording(async (w, c) => (w.verb === 'delete' && w.name === 'db' ? c.get({ group: '', version: 'v1', resource: 'configmaps', namespace: ns, name: 'app-config' }).then(() => 'present', () => 'gone') : undefined));
  await rollback(cfg, { releaseName: 'shop', namespace: ns, revision: 1, timeoutMs: 60_000 });
  assert.equal(writes.filter((w) => w.verb !== 'delete').map((w) => w.name), ['db', 'app-config', 'plain']);
  assert.equal(writes.filter((w) => w.verb === 'delete').map((w) => w.name), ['app-more'], 'the object revision 1 lacks is deleted');
  writes.length = 0;
  const [res] = await uninstall(cfg, { names: ['shop'], namespace: ns, timeoutMs: 60_000 });
  assert.equal(res!.deleted.length, 3);
  assert.equal(writes.map((w) => `${w.verb} ${w.name}`), ['delete plain', 'delete app-config', 'delete db']);
  assert.is(writes[2]!.seen, 'gone', 'the dependent group was gone before its dependency was deleted');
});

test('without annotations the writes keep Helm kind order in one step, as before', async () => {
  const steps: string[] = [];
  const { cfg, writes } = recording();
  const plain = buildChart({ name: 'plain', templates: { 'db.yaml': deployment('web', '    note: none'), 'cm.yaml': configMap('web-config', 'x'), 'cm2.yaml': configMap('web-b', 'x') } });
  await install(cfg, { chart: plain, values: {}, namespace: ns, releaseName: 'plain', onProgress: (e) => e.type === 'step' && steps.push(e.message) });
  assert.equal(writes.map((w) => `${w.resource}/${w.name}`).slice(0, 2).map((s) => s.split('/')[0]), ['configmaps', 'configmaps']);
  assert.is(writes[2]!.resource, 'deployments');
  assert.equal(steps.filter((s) => s.startsWith('Applying')), ['Applying 3 resources']);
  await uninstall(cfg, { names: ['plain'], namespace: ns });
});

test('server-side dry runs (template --dry-run=server, test chart) send objects without the depends-on keys, as install does', async () => {
  const sent: KubeObject[] = [];
  const stub = {
    discovery: { resolve: async () => ({ group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true }) },
    client: { patch: async (_ref: ResourceRef, _type: string, body: KubeObject) => (sent.push(body), body) },
  } as unknown as Backend;
  const content = configMap('app-config', 'x', `  annotations:\n${groupAnn('app', '["database"]')}    keep.example/me: "1"\n`);
  const { rejections } = await validateManifests(stub, [{ source: 'shop/templates/app.yaml', content, apiVersion: 'v1', kind: 'ConfigMap', name: 'app-config' }], ns, new Set());
  assert.equal(rejections, []);
  assert.equal(sent[0]?.metadata.annotations, { 'helm.sh/resource-group': 'app', 'keep.example/me': '1' });
});

test('hooks are not ordered, and go to the cluster without the depends-on keys', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'secret', renderer: inProcessRenderer });
  const hook = configMap('hooked', 'h', `  annotations:\n    helm.sh/hook: post-install\n${groupAnn('late', 'nowhere')}`);
  await install(cfg, { chart: buildChart({ name: 'hooks', templates: { 'hook.yaml': hook, 'cm.yaml': configMap('plain', 'p') } }), values: {}, namespace: ns, releaseName: 'hooks' });
  const live = be.client.objects.get('/configmaps/default/hooked');
  assert.is(live?.metadata.annotations?.['helm.sh/hook'], 'post-install');
  assert.is(live?.metadata.annotations?.['helm.sh/depends-on/resource-groups'], undefined);
});

function subchart(yaml: string, templates: Record<string, string>, subs: Chart[] = []): Chart {
  const metadata = parseChartYaml(yaml, 'Chart.yaml');
  return { ...buildChart({ name: metadata.name, templates }), metadata, dependencies: subs };
}

test('subcharts follow Chart.yaml depends-on and helm.sh/depends-on/subcharts; the order is recorded for uninstall', async () => {
  const { cfg, writes } = recording();
  const parent = subchart(
    `apiVersion: v2
name: stack
version: 1.0.0
annotations:
  helm.sh/depends-on/subcharts: '["api"]'
dependencies:
  - {name: store, version: 1.0.0, alias: database}
  - {name: api, version: 1.0.0, depends-on: [database]}
`,
    { 'top.yaml': configMap('top', 't') },
    [
      subchart('apiVersion: v2\nname: store\nversion: 1.0.0\n', { 'db.yaml': deployment('store-db', '    note: db') }),
      subchart('apiVersion: v2\nname: api\nversion: 1.0.0\n', { 'api.yaml': configMap('api', 'a') }),
    ],
  );
  await install(cfg, { chart: parent, values: {}, namespace: ns, releaseName: 'stack', timeoutMs: 60_000 });
  assert.equal(writes.map((w) => w.name), ['store-db', 'api', 'top']);
  const rec = await (await cfg.releases.history(ns, 'stack'))[0]!.load();
  assert.equal(rec.subchart_order, { 'stack/charts/api': ['stack/charts/database'], stack: ['stack/charts/api'] });
  writes.length = 0;
  await uninstall(cfg, { names: ['stack'], namespace: ns, timeoutMs: 60_000 });
  assert.equal(writes.map((w) => w.name), ['top', 'api', 'store-db']);
});

test.run();
