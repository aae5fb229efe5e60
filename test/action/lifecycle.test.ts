import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newConfiguration, type Configuration } from '../../src/action/configuration.js';
import { install } from '../../src/action/install.js';
import { upgrade } from '../../src/action/upgrade.js';
import { rollback } from '../../src/action/rollback.js';
import { uninstall } from '../../src/action/uninstall.js';
import { history } from '../../src/action/history.js';
import { list } from '../../src/action/list.js';
import { status } from '../../src/action/status.js';
import { releaseValues } from '../../src/action/get.js';
import { fakeBackend, type FakeBackend } from '../support/fake-backend.js';
import { buildChart, configMap } from '../support/chart-builder.js';
import { rejects } from '../support/releases.js';

function setup(): { cfg: Configuration; be: FakeBackend } {
  const be = fakeBackend();
  return { cfg: newConfiguration({ backend: be, driver: 'secret' }), be };
}

const v1 = buildChart({
  values: { greeting: 'hello' },
  templates: {
    'a.yaml': configMap('{{ Release.Name }}-a', '{{ Values.greeting }}'),
    'b.yaml': configMap('{{ Release.Name }}-b', 'b'),
    'kept.yaml': configMap('{{ Release.Name }}-kept', 'k', '  annotations:\n    helm.sh/resource-policy: keep\n'),
    'NOTES.txt': 'Thanks for installing {{ Release.Name }}',
  },
});
const v2 = buildChart({ version: '2.0.0', values: { greeting: 'hello' }, templates: { 'a.yaml': configMap('{{ Release.Name }}-a', '{{ Values.greeting }}') } });
const cm = (be: FakeBackend, name: string) => be.client.objects.get(`/configmaps/default/${name}`) as any;

test('install -> upgrade (changed values, dropped resource) -> rollback -> history -> uninstall --keep-history', async () => {
  const { cfg, be } = setup();
  const r1 = await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'web' });
  assert.is(r1.release.info.status, 'deployed');
  assert.is(r1.release.info.notes, 'Thanks for installing web');
  const a = cm(be, 'web-a');
  assert.is(a.data.value, 'hello');
  assert.is(a.metadata.labels['app.kubernetes.io/managed-by'], 'Helm');
  assert.is(a.metadata.annotations['meta.helm.sh/release-name'], 'web');
  assert.is(a.metadata.annotations['meta.helm.sh/release-namespace'], 'default');

  const r2 = await upgrade(cfg, { chart: v2, values: { greeting: 'hi' }, valuesGiven: true, namespace: 'default', releaseName: 'web' });
  assert.is(r2.release.version, 2);
  assert.is(cm(be, 'web-a').data.value, 'hi');
  assert.is(cm(be, 'web-b'), undefined, 'dropped resource deleted');
  assert.ok(cm(be, 'web-kept'), 'resource-policy keep survives');
  assert.match(r2.warnings.join('\n'), /kept ConfigMap web-kept/);

  const r3 = await rollback(cfg, { releaseName: 'web', namespace: 'default', revision: 1 });
  assert.is(r3.release.version, 3);
  assert.is(r3.release.info.description, 'Rollback to 1');
  assert.is(cm(be, 'web-a').data.value, 'hello');
  assert.ok(cm(be, 'web-b'), 'rollback restores the dropped resource');

  const h = await history(cfg, { releaseName: 'web', namespace: 'default' });
  assert.equal(h.map((x) => [x.revision, x.status, x.chart]), [
    [1, 'superseded', 'demo-1.0.0'],
    [2, 'superseded', 'demo-2.0.0'],
    [3, 'deployed', 'demo-1.0.0'],
  ]);

  const st = await status(cfg, { releaseName: 'web', namespace: 'default', showResources: true });
  assert.equal(st.resources?.map((r) => [r.kind, r.name, r.ready]), [['ConfigMap', 'web-a', true], ['ConfigMap', 'web-b', true], ['ConfigMap', 'web-kept', true]]);

  const u = await uninstall(cfg, { names: ['web'], namespace: 'default', keepHistory: true });
  assert.equal(u[0]!.kept, ['ConfigMap/web-kept']);
  assert.is(cm(be, 'web-a'), undefined);
  assert.equal((await list(cfg, { namespace: 'default' })).map((r) => r.status), ['uninstalled'], "Helm 4's default lists every state");
  assert.equal((await list(cfg, { namespace: 'default', defaultStates: 'helm3' })).length, 0, "Helm 3's default leaves uninstalled releases out");
  const un = await list(cfg, { namespace: 'default', states: ['uninstalled'] });
  assert.equal(un.map((r) => [r.name, r.revision, r.status]), [['web', '3', 'uninstalled']]);
  await rejects(() => uninstall(cfg, { names: ['web'], namespace: 'default', keepHistory: true }), /already uninstalled/);
  await uninstall(cfg, { names: ['web'], namespace: 'default' });
  assert.is((await cfg.releases.history('default', 'web')).length, 0, 'purged');
});

test('upgrade without values reuses the previous ones; --reset-values and --reuse-values follow Helm', async () => {
  const { cfg, be } = setup();
  await install(cfg, { chart: v2, values: { greeting: 'first' }, namespace: 'default', releaseName: 'r' });
  await upgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'r' });
  assert.is(cm(be, 'r-a').data.value, 'first');
  await upgrade(cfg, { chart: v2, values: {}, resetValues: true, namespace: 'default', releaseName: 'r' });
  assert.is(cm(be, 'r-a').data.value, 'hello');
  const rel = await upgrade(cfg, { chart: v2, values: { extra: 1 }, valuesGiven: true, reuseValues: true, namespace: 'default', releaseName: 'r' });
  assert.equal(rel.release.config, { extra: 1 });
  assert.equal(releaseValues(rel.release, true), { greeting: 'hello', extra: 1 });
});

test('name reuse is refused unless --replace over an uninstalled release; upgrade of a missing release needs --install', async () => {
  const { cfg } = setup();
  await install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'x' });
  await rejects(() => install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'x' }), /cannot re-use a name that is still in use/);
  await uninstall(cfg, { names: ['x'], namespace: 'default', keepHistory: true });
  const r = await install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'x', replace: true });
  assert.is(r.release.version, 2);
  await rejects(() => upgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'nope' }), /not found/);
  const i = await upgrade(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'nope', install: true });
  assert.is(i.action, 'install');
  assert.match(i.warnings[0]!, /does not exist\. Installing it now/);
  await rejects(() => install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'Bad_Name' }), /invalid release name/);
  await rejects(() => install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'y', labels: { owner: 'me' } }), /system label "owner"/);
});

test('a resource owned by nobody or another release is refused with Helm\'s message unless --take-ownership', async () => {
  const { cfg, be } = setup();
  await be.client.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'own-a' }, data: { value: 'manual' } });
  const err = await rejects(() => install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'own' }), /rendered manifests contain a resource that already exists/);
  assert.match(err.message, /ConfigMap "own-a" in namespace "default" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io\/managed-by": must be set to "Helm"/);
  assert.is(cm(be, 'own-a').data.value, 'manual', 'nothing was written');
  const r = await install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'own', replace: true, takeOwnership: true });
  assert.is(r.release.info.status, 'deployed');
  assert.is(cm(be, 'own-a').metadata.annotations['meta.helm.sh/release-name'], 'own');
  // now owned by "own": another release may not take it
  await rejects(() => install(cfg, { chart: buildChart({ templates: { 'a.yaml': configMap('own-a', 'x') } }), values: {}, namespace: 'default', releaseName: 'thief' }), /key "meta\.helm\.sh\/release-name" must equal "thief": current value is "own"/);
});

test('history-max prunes old revisions but keeps the deployed one; list filters, selector, sort, paging', async () => {
  const { cfg } = setup();
  await install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'p', labels: { team: 'a' } });
  for (let i = 0; i < 5; i++) await upgrade(cfg, { chart: v2, values: { n: i }, valuesGiven: true, namespace: 'default', releaseName: 'p', historyMax: 3 });
  assert.equal((await history(cfg, { releaseName: 'p', namespace: 'default' })).map((h) => h.revision), [4, 5, 6]);
  await install(cfg, { chart: v2, values: {}, namespace: 'default', releaseName: 'q' });
  await install(cfg, { chart: v2, values: {}, namespace: 'other', releaseName: 'z', createNamespace: true });
  assert.equal((await list(cfg, { namespace: 'default' })).map((r) => r.name), ['p', 'q']);
  assert.equal((await list(cfg, {})).map((r) => r.name), ['p', 'q', 'z']);
  assert.equal((await list(cfg, { reverse: true })).map((r) => r.name), ['z', 'q', 'p']);
  assert.equal((await list(cfg, { filter: '^[pz]' })).map((r) => r.name), ['p', 'z']);
  assert.equal((await list(cfg, { selector: 'team=a' })).map((r) => r.name), ['p']);
  assert.equal((await list(cfg, { selector: 'team!=a' })).map((r) => r.name), ['q', 'z']);
  assert.equal((await list(cfg, { offset: 1, max: 1 })).map((r) => r.name), ['q']);
  assert.equal((await list(cfg, { states: ['superseded'], namespace: 'default' })).map((r) => r.revision), ['4', '5']);
  assert.equal((await list(cfg, { byDate: true })).map((r) => r.name), ['p', 'q', 'z']);
  await rejects(() => list(cfg, { filter: '(' }), /invalid --filter/);
});

test('dry run renders and writes nothing', async () => {
  const { cfg, be } = setup();
  const r = await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'd', dryRun: 'client' });
  assert.match(r.release.manifest, /name: d-a/);
  assert.is(r.release.info.description, 'Dry run complete');
  assert.equal(be.client.ops, [], 'nothing written');
});

test('CRDs from crds/ are created before rendering (and left alone with --skip-crds); --create-namespace creates the namespace', async () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true}]
`;
  const chart = buildChart({ templates: { 'a.yaml': configMap('c-a', 'x') }, files: { 'crds/widgets.yaml': crd } });
  const { cfg, be } = setup();
  await install(cfg, { chart, values: {}, namespace: 'apps', releaseName: 'c', createNamespace: true });
  const crdKey = 'apiextensions.k8s.io/customresourcedefinitions//widgets.example.com';
  assert.ok(be.client.objects.has(crdKey));
  assert.ok(be.client.objects.has('/namespaces//apps'));
  assert.ok(be.client.ops.indexOf('create CustomResourceDefinition/widgets.example.com') < be.client.ops.indexOf('create ConfigMap/c-a'));
  const rel = await cfg.releases.get('apps', 'c', 1);
  assert.not.match(rel.manifest, /CustomResourceDefinition/, 'CRDs are not part of the release manifest');
  const other = setup();
  await install(other.cfg, { chart, values: {}, namespace: 'default', releaseName: 'c', skipCrds: true });
  assert.not.ok(other.be.client.objects.has(crdKey));
});

test.run();
