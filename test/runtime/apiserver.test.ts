// The API server core over HTTPS, against a runtime serving the fixture kinds
// (generic pipeline behaviour: per-kind semantics are tested with the registry).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { fixtureResources } from './fixtures/resources.js';
import { http, openWatch, type Conn } from './helpers.js';
import { tempDir } from '../support/cli.js';

let rt: Runtime;
let c: Conn;
const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { a: '1' } });
const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const deploy = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), store: 'memory', resources: fixtureResources(), historySize: 200, bookmarkIntervalMs: 200 });
  c = { url: rt.url, caPem: rt.caPem, token: rt.token };
});
test.after(async () => {
  await rt.stop();
});

test('authentication: health endpoints are open, everything else needs the token', async () => {
  assert.is((await http({ ...c, token: undefined }, 'GET', '/readyz')).text, 'ok');
  assert.is((await http({ ...c, token: undefined }, 'GET', '/livez')).status, 200);
  const anon = await http({ ...c, token: undefined }, 'GET', '/api/v1/namespaces');
  assert.is(anon.status, 401);
  assert.equal(anon.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  assert.is((await http({ ...c, token: 'wrong' }, 'GET', '/version')).status, 401);
  const v = (await http(c, 'GET', '/version')).json();
  assert.is(v.major, '1');
  assert.is(v.minor, '32');
  assert.match(v.gitVersion, /^v1\.32\./);
});

test('discovery: aggregated v2 / v2beta1 by Accept, legacy otherwise', async () => {
  const both = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
  const v2 = await http(c, 'GET', '/apis', undefined, { Accept: both });
  assert.is(v2.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  const apps = v2.json().items.find((i: any) => i.metadata.name === 'apps');
  const d = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
  assert.equal(d.subresources.find((s: any) => s.subresource === 'scale').responseKind, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  assert.is(d.scope, 'Namespaced');
  const beta = await http(c, 'GET', '/api', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' });
  assert.match(String(beta.headers['content-type']), /v=v2beta1/);
  assert.is(beta.json().items[0].metadata.name, '');
  const legacy = await http(c, 'GET', '/apis');
  assert.is(legacy.json().kind, 'APIGroupList');
  assert.equal(legacy.json().groups.find((g: any) => g.name === 'apps').preferredVersion, { groupVersion: 'apps/v1', version: 'v1' });
  const rl = (await http(c, 'GET', '/api/v1')).json();
  assert.ok(rl.resources.some((r: any) => r.name === 'pods/eviction' && r.group === 'policy' && r.kind === 'Eviction'));
  assert.equal((await http(c, 'GET', '/api')).json().versions, ['v1']);
});

test('create, get, update with resourceVersion checks, delete — with upstream Status errors', async () => {
  const created = await http(c, 'POST', CM, cm('c1'));
  assert.is(created.status, 201);
  const o = created.json();
  assert.match(o.metadata.uid, /^[0-9a-f-]{36}$/);
  assert.match(o.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.is(o.metadata.namespace, 'default');
  assert.is(o.metadata.generation, undefined);
  const dup = await http(c, 'POST', CM, cm('c1'));
  assert.is(dup.status, 409);
  assert.is(dup.json().reason, 'AlreadyExists');
  assert.is(dup.json().message, 'configmaps "c1" already exists');
  const upd = await http(c, 'PUT', `${CM}/c1`, { ...o, data: { a: '2' } });
  assert.is(upd.status, 200);
  assert.ok(Number(upd.json().metadata.resourceVersion) > Number(o.metadata.resourceVersion));
  const stale = await http(c, 'PUT', `${CM}/c1`, { ...o, data: { a: '3' } });
  assert.is(stale.status, 409);
  assert.is(
    stale.json().message,
    'Operation cannot be fulfilled on configmaps "c1": the object has been modified; please apply your changes to the latest version and try again',
  );
  const missing = await http(c, 'GET', `${DEPLOY}/nope`);
  assert.is(missing.status, 404);
  assert.equal(missing.json().details, { name: 'nope', group: 'apps', kind: 'deployments' });
  assert.is(missing.json().message, 'deployments.apps "nope" not found');
  const del = await http(c, 'DELETE', `${CM}/c1`);
  assert.is(del.json().status, 'Success');
  assert.is(del.json().details.uid, o.metadata.uid);
  assert.is((await http(c, 'GET', `${CM}/c1`)).status, 404);
  const noNs = await http(c, 'POST', '/api/v1/namespaces/ghost/configmaps', cm('x'));
  assert.is(noNs.status, 404);
  assert.is(noNs.json().message, 'namespaces "ghost" not found');
});

test('bad input answers with the right Status and leaves the server healthy', async () => {
  const malformed = await http(c, 'POST', CM, '{"apiVersion": "v1", "kind": ');
  assert.is(malformed.status, 400);
  assert.is(malformed.json().reason, 'BadRequest');
  const yaml = await http(c, 'POST', CM, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n', { 'Content-Type': 'application/yaml' });
  assert.is(yaml.status, 201);
  assert.equal(yaml.json().data, { k: 'v' });
  const badYaml = await http(c, 'POST', CM, 'metadata: [unclosed', { 'Content-Type': 'application/yaml' });
  assert.is(badYaml.status, 400);
  assert.match(badYaml.json().message, /^error converting YAML to JSON/);
  const big = await http(c, 'POST', CM, { ...cm('big'), data: { x: 'y'.repeat(3 * 1024 * 1024) } });
  assert.is(big.status, 413);
  assert.is(big.json().reason, 'RequestEntityTooLarge');
  const wrongKind = await http(c, 'POST', CM, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
  assert.is(wrongKind.status, 400);
  assert.match(wrongKind.json().message, /^Secret in version "v1" cannot be handled as a ConfigMap/);
  const longName = await http(c, 'POST', CM, cm('a'.repeat(300)));
  assert.is(longName.status, 422);
  assert.is(longName.json().reason, 'Invalid');
  assert.match(longName.json().message, /^ConfigMap "a+" is invalid: metadata\.name: Invalid value: "a+": must be no more than 253 characters$/);
  assert.is(longName.json().details.causes[0].field, 'metadata.name');
  const sel = await http(c, 'GET', `${CM}?labelSelector=${encodeURIComponent('app in (a')}`);
  assert.is(sel.status, 400);
  assert.is(sel.json().message, "unable to parse requirement: found '', expected: ',' or ')'");
  const sel2 = await http(c, 'GET', `${CM}?labelSelector=${encodeURIComponent('a=b=c')}`);
  assert.is(sel2.status, 400);
  const fsel = await http(c, 'GET', `${CM}?fieldSelector=spec.x%3Dy`);
  assert.is(fsel.json().message, 'field label not supported: spec.x');
  const garbageRv = await http(c, 'GET', `${CM}?watch=true&resourceVersion=abc`);
  assert.is(garbageRv.status, 400);
  const unknownType = await http(c, 'POST', CM, 'x', { 'Content-Type': 'text/plain' });
  assert.is(unknownType.status, 415);
  assert.is(unknownType.json().reason, 'UnsupportedMediaType');
  const unknownPath = await http(c, 'GET', '/apis/nope.example.com/v1/things');
  assert.is(unknownPath.status, 404);
  const strict = await http(c, 'POST', `${DEPLOY}?fieldValidation=Strict`, { ...deploy('strict'), spec: { ...deploy('strict').spec, bogus: 1 } });
  assert.is(strict.status, 400);
  assert.is(strict.json().message, 'strict decoding error: unknown field "spec.bogus"');
  const dupe = await http(c, 'POST', `${CM}?fieldValidation=Strict`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dupe"},"data":{"a":"1","a":"2"},"bogus":1}');
  assert.is(dupe.status, 400);
  assert.is(dupe.json().message, 'strict decoding error: duplicate field "data.a", unknown field "bogus"');
  const warned = await http(c, 'POST', DEPLOY, { ...deploy('warned'), spec: { ...deploy('warned').spec, bogus: 1 } });
  assert.is(warned.status, 201);
  assert.is(warned.headers.warning, '299 - "unknown field \\"spec.bogus\\""');
  // The server is unharmed.
  assert.is((await http(c, 'GET', '/readyz')).text, 'ok');
  assert.is((await http(c, 'GET', `${CM}/from-yaml`)).status, 200);
});

test('list: label and field selectors, limit/continue at a consistent resourceVersion', async () => {
  for (let i = 0; i < 5; i++) await http(c, 'POST', '/api/v1/namespaces/kube-public/configmaps', cm(`p${i}`, { labels: { tier: i % 2 ? 'odd' : 'even', idx: String(i) } }));
  const odd = (await http(c, 'GET', `/api/v1/namespaces/kube-public/configmaps?labelSelector=${encodeURIComponent('tier in (odd),idx!=3')}`)).json();
  assert.equal(odd.items.map((i: any) => i.metadata.name), ['p1']);
  const notin = (await http(c, 'GET', `/api/v1/configmaps?labelSelector=${encodeURIComponent('tier notin (even),idx')}`)).json();
  assert.equal(notin.items.map((i: any) => i.metadata.name), ['p1', 'p3']);
  const byName = (await http(c, 'GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dp2')).json();
  assert.is(byName.items.length, 1);
  const page1 = (await http(c, 'GET', '/api/v1/namespaces/kube-public/configmaps?limit=2&labelSelector=idx')).json();
  assert.is(page1.items.length, 2);
  assert.ok(page1.metadata.continue);
  // As kube-apiserver: no count of what remains when a selector decides which objects are in the list.
  assert.is(page1.metadata.remainingItemCount, undefined);
  const unselected = (await http(c, 'GET', '/api/v1/namespaces/kube-public/configmaps?limit=2')).json();
  assert.is(unselected.metadata.remainingItemCount, (await http(c, 'GET', '/api/v1/namespaces/kube-public/configmaps')).json().items.length - 2);
  await http(c, 'DELETE', '/api/v1/namespaces/kube-public/configmaps/p4');
  const page2 = (await http(c, 'GET', `/api/v1/namespaces/kube-public/configmaps?limit=10&labelSelector=idx&continue=${page1.metadata.continue}`)).json();
  assert.equal(page2.items.map((i: any) => i.metadata.name), ['p2', 'p3', 'p4'], 'the deleted p4 is still part of the consistent list');
  assert.is(page2.metadata.resourceVersion, page1.metadata.resourceVersion);
  assert.is(page2.metadata.continue, undefined);
  const badToken = await http(c, 'GET', '/api/v1/configmaps?continue=garbage');
  assert.is(badToken.status, 400);
});

test('tables: columns, -o wide priority, PartialObjectMetadata rows, default table', async () => {
  await http(c, 'POST', DEPLOY, deploy('tbl', 2));
  const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
  const t = await http(c, 'GET', `${DEPLOY}?limit=500`, undefined, { Accept: accept });
  assert.is(t.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
  const table = t.json();
  assert.is(table.kind, 'Table');
  assert.equal(table.columnDefinitions.map((d: any) => [d.name, d.priority]), [['Name', 0], ['Ready', 0], ['Age', 0], ['Containers', 1]]);
  const row = table.rows.find((r: any) => r.cells[0] === 'tbl');
  assert.is(row.cells[1], '0/2');
  assert.is(row.object.kind, 'PartialObjectMetadata');
  assert.equal(row.object.metadata.labels, { app: 'tbl' });
  const none = (await http(c, 'GET', `${DEPLOY}?includeObject=None`, undefined, { Accept: accept })).json();
  assert.is(none.rows[0].object, undefined);
  const def = (await http(c, 'GET', '/api/v1/namespaces/default/secrets', undefined, { Accept: accept })).json();
  assert.equal(def.columnDefinitions.map((d: any) => d.name), ['Name', 'Created At']);
  const one = (await http(c, 'GET', `${DEPLOY}/tbl`, undefined, { Accept: accept })).json();
  assert.is(one.rows.length, 1);
});

test('metadata: generateName, generation bumps on spec change only, status only through /status', async () => {
  const g = (await http(c, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } })).json();
  assert.match(g.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const owned = await http(c, 'POST', CM, cm('owned', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }] }));
  assert.is(owned.status, 422);
  assert.is(owned.json().message, 'ConfigMap "owned" is invalid: metadata.ownerReferences[0].uid: Invalid value: "": uid must not be empty');
  const d = (await http(c, 'POST', DEPLOY, { ...deploy('gen'), status: { replicas: 9 } })).json();
  assert.is(d.metadata.generation, 1);
  assert.equal(d.status, {}, 'status is not settable on create (and is written empty, as kube-apiserver writes it)');
  const labelled = (await http(c, 'PATCH', `${DEPLOY}/gen`, { metadata: { labels: { x: 'y' } } }, { 'Content-Type': 'application/merge-patch+json' })).json();
  assert.is(labelled.metadata.generation, 1);
  const scaled = (await http(c, 'PATCH', `${DEPLOY}/gen`, { spec: { replicas: 3 }, status: { replicas: 5 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
  assert.is(scaled.metadata.generation, 2);
  assert.equal(scaled.status, {}, 'status in a main-resource patch is ignored');
  const st = (await http(c, 'PATCH', `${DEPLOY}/gen/status`, { spec: { replicas: 7 }, status: { replicas: 3, observedGeneration: 2 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
  assert.equal(st.status, { replicas: 3, observedGeneration: 2 });
  assert.is(st.spec.replicas, 3, 'spec in a status patch is ignored');
  assert.is(st.metadata.generation, 2);
  const jp = (await http(c, 'PATCH', `${DEPLOY}/gen`, [{ op: 'replace', path: '/spec/replicas', value: 4 }], { 'Content-Type': 'application/json-patch+json' })).json();
  assert.is(jp.spec.replicas, 4);
  const smp = (await http(c, 'PATCH', `${DEPLOY}/gen`, { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, { 'Content-Type': 'application/strategic-merge-patch+json' })).json();
  assert.is(smp.spec.template.spec.containers[0].image, 'nginx:2');
  const noop = (await http(c, 'PATCH', `${DEPLOY}/gen`, { spec: { replicas: 4 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
  assert.is(noop.metadata.resourceVersion, smp.metadata.resourceVersion, 'a no-op patch writes nothing');
  const badPatch = await http(c, 'PATCH', `${DEPLOY}/gen`, '{"spec":', { 'Content-Type': 'application/merge-patch+json' });
  assert.is(badPatch.status, 400);
  const invalid = await http(c, 'PATCH', `${DEPLOY}/gen`, { spec: { replicas: -1 } }, { 'Content-Type': 'application/merge-patch+json' });
  assert.is(invalid.status, 422);
  assert.is(invalid.json().message, 'Deployment.apps "gen" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
});

test('scale subresource reads and writes replicas', async () => {
  const s = (await http(c, 'GET', `${DEPLOY}/gen/scale`)).json();
  assert.is(s.kind, 'Scale');
  assert.is(s.apiVersion, 'autoscaling/v1');
  assert.is(s.spec.replicas, 4);
  assert.is(s.status.selector, 'app=gen');
  const p = (await http(c, 'PATCH', `${DEPLOY}/gen/scale`, { spec: { replicas: 6 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
  assert.is(p.spec.replicas, 6);
  assert.is((await http(c, 'GET', `${DEPLOY}/gen`)).json().spec.replicas, 6);
  const neg = await http(c, 'PUT', `${DEPLOY}/gen/scale`, { ...s, spec: { replicas: -2 } });
  assert.is(neg.status, 422);
});

test('deletion: propagation policies become finalizers; removing the last finalizer deletes', async () => {
  await http(c, 'POST', DEPLOY, deploy('fg'));
  const fg = (await http(c, 'DELETE', `${DEPLOY}/fg`, { propagationPolicy: 'Foreground' })).json();
  assert.equal(fg.metadata.finalizers, ['foregroundDeletion']);
  assert.ok(fg.metadata.deletionTimestamp);
  // A finalizer of its own keeps the object while a garbage collector handles "orphan".
  await http(c, 'POST', DEPLOY, { ...deploy('or'), metadata: { ...deploy('or').metadata, finalizers: ['test.skiff.dev/hold'] } });
  const or = (await http(c, 'DELETE', `${DEPLOY}/or?propagationPolicy=Orphan`)).json();
  assert.equal(or.metadata.finalizers, ['test.skiff.dev/hold', 'orphan']);
  const addFin = await http(c, 'PATCH', `${DEPLOY}/or`, { metadata: { finalizers: ['test.skiff.dev/hold', 'new'] } }, { 'Content-Type': 'application/merge-patch+json' });
  assert.is(addFin.status, 422);
  assert.match(addFin.json().message, /no new finalizers can be added if the object is being deleted/);
  const gone = await http(c, 'PATCH', `${DEPLOY}/or`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
  assert.is(gone.status, 200);
  assert.is((await http(c, 'GET', `${DEPLOY}/or`)).status, 404);
  await http(c, 'POST', CM, cm('pre'));
  const pre = await http(c, 'DELETE', `${CM}/pre`, { preconditions: { uid: 'not-it' } });
  assert.is(pre.status, 409);
  assert.match(pre.json().message, /Precondition failed: UID in precondition: not-it/);
});

test('pods: graceful deletion of bound pods, immediate for unbound, binding, eviction and logs', async () => {
  const PODS = '/api/v1/namespaces/default/pods';
  // A scheduler name no scheduler serves: these pods are bound by the test alone.
  const pod = (name: string, labels: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { schedulerName: 'test-only', containers: [{ name: 'c', image: 'busybox' }] },
  });
  await http(c, 'POST', PODS, pod('unbound'));
  const d1 = (await http(c, 'DELETE', `${PODS}/unbound`)).json();
  assert.is(d1.kind, 'Pod', 'pod deletes return the object');
  assert.is((await http(c, 'GET', `${PODS}/unbound`)).status, 404);
  await http(c, 'POST', PODS, pod('bound', { app: 'pdb' }));
  const dryBind = await http(c, 'POST', `${PODS}/bound/binding?dryRun=All`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'n1' } });
  assert.is(dryBind.status, 201);
  assert.is((await http(c, 'GET', `${PODS}/bound`)).json().spec.nodeName, undefined, 'a dry-run binding binds nothing');
  const bind = await http(c, 'POST', `${PODS}/bound/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'n1' } });
  assert.is(bind.status, 201);
  const bound = (await http(c, 'GET', `${PODS}/bound`)).json();
  assert.is(bound.spec.nodeName, 'n1');
  assert.is(bound.status.conditions[0].type, 'PodScheduled');
  assert.is((await http(c, 'POST', `${PODS}/bound/binding`, { target: { name: 'n2' } })).status, 409);
  assert.is((await http(c, 'GET', `/api/v1/pods?fieldSelector=spec.nodeName%3Dn1`)).json().items.length, 1);
  const log = await http(c, 'GET', `${PODS}/bound/log?container=c`);
  assert.is(log.status, 200);
  assert.match(log.text, /container c/);
  const plain = await http(c, 'GET', `${PODS}/bound/log?container=c`, undefined, { Accept: 'text/plain' });
  assert.is(plain.status, 200, 'a client asking for text/plain gets the log');
  assert.is(plain.text, log.text);
  assert.is((await http(c, 'GET', `${PODS}/bound/log?container=zz`)).json().message, 'container zz is not valid for pod bound');
  rt.setPodLogProvider((_p, container) => `line1 ${container}\nline2\nline3\n`);
  assert.is((await http(c, 'GET', `${PODS}/bound/log?tailLines=2`)).text, 'line2\nline3\n');
  rt.setPodLogProvider(undefined);
  // A PDB that allows no disruption blocks eviction of a running pod.
  await http(c, 'PATCH', `${PODS}/bound/status`, { status: { phase: 'Running' } }, { 'Content-Type': 'application/merge-patch+json' });
  await http(c, 'POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'pdb' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'pdb' } } },
  });
  const ev = await http(c, 'POST', `${PODS}/bound/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'bound' } });
  assert.is(ev.status, 429);
  assert.is(ev.json().message, "Cannot evict pod as it would violate the pod's disruption budget.");
  const graceful = (await http(c, 'DELETE', `${PODS}/bound`)).json();
  assert.ok(graceful.metadata.deletionTimestamp);
  assert.is(graceful.metadata.deletionGracePeriodSeconds, 30);
  assert.is((await http(c, 'GET', `${PODS}/bound`)).status, 200, 'a bound pod waits for its kubelet');
  await http(c, 'DELETE', `${PODS}/bound`, { gracePeriodSeconds: 0 });
  assert.is((await http(c, 'GET', `${PODS}/bound`)).status, 404);
});

test('watch: headers at once, ordered events, selectors as transitions, bookmarks, timeout, 410', async () => {
  const list = (await http(c, 'GET', '/api/v1/namespaces/kube-system/configmaps')).json();
  const w = await openWatch(c, `/api/v1/namespaces/kube-system/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}&labelSelector=w%3D1&allowWatchBookmarks=true`);
  assert.is(w.status, 200);
  await http(c, 'POST', '/api/v1/namespaces/kube-system/configmaps', cm('w1', { labels: { w: '1' } }));
  await http(c, 'POST', '/api/v1/namespaces/kube-system/configmaps', cm('other'));
  await http(c, 'PATCH', '/api/v1/namespaces/kube-system/configmaps/w1', { data: { b: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
  await http(c, 'PATCH', '/api/v1/namespaces/kube-system/configmaps/w1', { metadata: { labels: { w: '0' } } }, { 'Content-Type': 'application/merge-patch+json' });
  const events: any[] = [];
  while (events.length < 3) {
    const e = await w.next();
    if (e.type !== 'BOOKMARK') events.push(e);
  }
  assert.equal(events.map((e) => `${e.type}:${e.object.metadata.name}`), ['ADDED:w1', 'MODIFIED:w1', 'DELETED:w1']);
  let bm;
  do bm = await w.next(2000);
  while (bm.type !== 'BOOKMARK');
  assert.is(bm.object.kind, 'ConfigMap');
  assert.ok(Number(bm.object.metadata.resourceVersion) >= Number(events[2].object.metadata.resourceVersion));
  w.close();
  // Without a resourceVersion: synthetic ADDED for what exists; timeoutSeconds ends the stream.
  const w2 = await openWatch(c, '/api/v1/namespaces/kube-public/configmaps?watch=1&timeoutSeconds=1&fieldSelector=metadata.name%3Dp1');
  assert.is((await w2.next()).object.metadata.name, 'p1');
  await w2.ended;
  // Table watches carry one-row tables, column definitions only in the first.
  const w3 = await openWatch(c, '/api/v1/namespaces/kube-public/configmaps?watch=1&labelSelector=idx', { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
  const t1 = await w3.next();
  const t2 = await w3.next();
  assert.is(t1.object.kind, 'Table');
  assert.ok(t1.object.columnDefinitions.length > 0);
  assert.equal(t2.object.columnDefinitions, []);
  assert.is(t2.object.rows.length, 1);
  w3.close();
  const paged = (await http(c, 'GET', '/api/v1/configmaps?limit=1')).json();
  // History is 200 events: revision 1 is long gone.
  for (let i = 0; i < 210; i++) await http(c, 'PATCH', '/api/v1/namespaces/kube-system/configmaps/other', { data: { i: String(i) } }, { 'Content-Type': 'application/merge-patch+json' });
  const old = await openWatch(c, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1');
  const err = await old.next();
  assert.is(err.type, 'ERROR');
  assert.is(err.object.code, 410);
  assert.is(err.object.reason, 'Expired');
  assert.match(err.object.message, /^too old resource version: 1 \(\d+\)$/);
  await old.ended;
  const oldList = await http(c, 'GET', '/api/v1/configmaps?resourceVersion=1&resourceVersionMatch=Exact');
  assert.is(oldList.status, 410);
  const oldPage = await http(c, 'GET', `/api/v1/configmaps?limit=1&continue=${paged.metadata.continue}`);
  assert.is(oldPage.status, 410);
  assert.match(oldPage.json().message, /^The provided continue parameter is too old to display a consistent list result\./);
});

test('a watch or list from an older revision serves each version as it was written; GET and list serve the current one', async () => {
  const NSP = '/api/v1/namespaces/default/configmaps';
  const patch = (v: string) => http(c, 'PATCH', `${NSP}/rp`, { data: { a: v } }, { 'Content-Type': 'application/merge-patch+json' });
  const rv1 = (await http(c, 'POST', NSP, { ...cm('rp'), data: { a: 'v1' } })).json().metadata.resourceVersion;
  // Each version is served (its text made) while current, then superseded.
  assert.is((await http(c, 'GET', `${NSP}/rp`)).json().data.a, 'v1');
  const rv2 = (await patch('v2')).json().metadata.resourceVersion;
  assert.is((await http(c, 'GET', `${NSP}/rp`)).json().data.a, 'v2');
  await patch('v3');
  assert.equal((await http(c, 'GET', `${NSP}?fieldSelector=metadata.name%3Drp`)).json().items.map((i: any) => i.data.a), ['v3']);
  const at2 = (await http(c, 'GET', `${NSP}?resourceVersion=${rv2}&resourceVersionMatch=Exact&fieldSelector=metadata.name%3Drp`)).json();
  assert.equal(at2.items.map((i: any) => [i.data.a, i.metadata.resourceVersion]), [['v2', rv2]]);
  assert.is((await http(c, 'DELETE', `${NSP}/rp`)).status, 200);
  const w = await openWatch(c, `${NSP}?watch=true&resourceVersion=${rv1}&fieldSelector=metadata.name%3Drp`);
  const seen: string[] = [];
  while (seen.length < 3) {
    const e = await w.next();
    if (e.type !== 'BOOKMARK') seen.push(`${e.type}:${e.object.data.a}`);
  }
  w.close();
  assert.equal(seen, ['MODIFIED:v2', 'MODIFIED:v3', 'DELETED:v3']);
});

test('a client that disconnects mid-watch is cleaned up and the server keeps serving', async () => {
  for (let i = 0; i < 20; i++) {
    const w = await openWatch(c, '/api/v1/configmaps?watch=true');
    w.close();
  }
  await http(c, 'POST', CM, cm('after-disconnects'));
  const w = await openWatch(c, '/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dafter-disconnects');
  assert.is((await w.next()).type, 'ADDED');
  w.close();
  assert.is((await http(c, 'GET', '/readyz')).text, 'ok');
});

test('custom resources: served once the CRD exists, validated by its schema, tables, scale, status, 415 for SMP', async () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.test.skiff.dev' },
    spec: {
      group: 'test.skiff.dev',
      scope: 'Namespaced',
      names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: ['gd'] },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {}, scale: { specReplicasPath: '.spec.count', statusReplicasPath: '.status.count' } },
          additionalPrinterColumns: [{ name: 'Count', type: 'integer', jsonPath: '.spec.count', priority: 0 }, { name: 'Mode', type: 'string', jsonPath: '.spec.mode', priority: 1 }],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', required: ['count'], properties: { count: { type: 'integer', minimum: 0 }, mode: { type: 'string', enum: ['a', 'b'] } } },
                status: { type: 'object', properties: { count: { type: 'integer' } } },
              },
            },
          },
        },
      ],
    },
  };
  const made = (await http(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).json();
  assert.ok(made.status.conditions.some((x: any) => x.type === 'Established' && x.status === 'True'));
  const G = '/apis/test.skiff.dev/v1/namespaces/default/gadgets';
  const g = { apiVersion: 'test.skiff.dev/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { count: 2, mode: 'a' } };
  assert.is((await http(c, 'POST', G, g)).status, 201);
  const disc = (await http(c, 'GET', '/apis/test.skiff.dev/v1')).json();
  assert.equal(disc.resources.map((r: any) => r.name), ['gadgets', 'gadgets/status', 'gadgets/scale']);
  const bad = await http(c, 'POST', G, { ...g, metadata: { name: 'g2' }, spec: { count: -1, mode: 'z' } });
  assert.is(bad.status, 422);
  assert.match(bad.json().message, /^Gadget\.test\.skiff\.dev "g2" is invalid: \[/);
  assert.match(bad.json().message, /spec\.mode: Unsupported value: "z": supported values: "a", "b"/);
  const req = await http(c, 'POST', G, { ...g, metadata: { name: 'g3' }, spec: {} });
  assert.is(req.json().message, 'Gadget.test.skiff.dev "g3" is invalid: spec.count: Required value');
  const strict = await http(c, 'POST', `${G}?fieldValidation=Strict`, { ...g, metadata: { name: 'g4' }, spec: { count: 1, extra: true } });
  assert.is(strict.json().message, 'strict decoding error: unknown field "spec.extra"');
  const warn = await http(c, 'POST', G, { ...g, metadata: { name: 'g5' }, spec: { count: 1, extra: true } });
  assert.is(warn.status, 201);
  assert.match(String(warn.headers.warning), /unknown field \\"spec.extra\\"/);
  assert.is(warn.json().spec.extra, undefined, 'unknown fields are pruned');
  const smp = await http(c, 'PATCH', `${G}/g1`, { spec: { count: 3 } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
  assert.is(smp.status, 415);
  assert.is(smp.json().reason, 'UnsupportedMediaType');
  const table = (await http(c, 'GET', G, undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' })).json();
  assert.equal(table.columnDefinitions.map((d: any) => [d.name, d.priority]), [['Name', 0], ['Count', 0], ['Mode', 1]]);
  assert.equal(table.rows.find((r: any) => r.cells[0] === 'g1').cells, ['g1', 2, 'a']);
  const sc = (await http(c, 'PATCH', `${G}/g1/scale`, { spec: { replicas: 5 } }, { 'Content-Type': 'application/merge-patch+json' })).json();
  assert.is(sc.spec.replicas, 5);
  assert.is((await http(c, 'GET', `${G}/g1`)).json().spec.count, 5);
  const st = (await http(c, 'PUT', `${G}/g1/status`, { ...(await http(c, "GET", `${G}/g1`)).json<object>(), status: { count: 5 } })).json();
  assert.equal(st.status, { count: 5 });
  // Deleting the CRD removes its objects and stops serving them.
  await http(c, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.test.skiff.dev');
  assert.is((await http(c, 'GET', G)).status, 404);
});

test('namespaces: defaults appear, terminating namespaces refuse new content, deletion completes', async () => {
  const NS = '/api/v1/namespaces';
  const ns = (await http(c, 'POST', NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })).json();
  assert.equal(ns.spec.finalizers, ['kubernetes']);
  assert.is(ns.status.phase, 'Active');
  const w = await openWatch(c, '/api/v1/namespaces/team/serviceaccounts?watch=true');
  assert.is((await w.next()).object.metadata.name, 'default');
  w.close();
  for (let i = 0; i < 50 && (await http(c, 'GET', `${NS}/team/configmaps/kube-root-ca.crt`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
  const ca = (await http(c, 'GET', `${NS}/team/configmaps/kube-root-ca.crt`)).json();
  assert.is(ca.data['ca.crt'], rt.caPem);
  await http(c, 'POST', `${NS}/team/configmaps`, cm('held', { finalizers: ['test.skiff.dev/hold'] }));
  const del = (await http(c, 'DELETE', `${NS}/team`)).json();
  assert.is(del.status.phase, 'Terminating');
  const refused = await http(c, 'POST', `${NS}/team/configmaps`, cm('new'));
  assert.is(refused.status, 403);
  assert.is(refused.json().message, 'configmaps "new" is forbidden: unable to create new content in namespace team because it is being terminated');
  for (const name of ['default', 'kube-system', 'kube-public']) {
    const r = await http(c, 'DELETE', `${NS}/${name}`);
    assert.is(r.status, 403);
    assert.is(r.json().message, `namespaces "${name}" is forbidden: this namespace may not be deleted`);
  }
  await new Promise((r) => setTimeout(r, 100));
  assert.is((await http(c, 'GET', `${NS}/team`)).status, 200, 'held by the finalizer of its content');
  await http(c, 'PATCH', `${NS}/team/configmaps/held`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
  let status = 200;
  for (let i = 0; i < 100 && status === 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    status = (await http(c, 'GET', `${NS}/team`)).status;
  }
  assert.is(status, 404);
});

test('in-process client: same pipeline, copies in and out, watch delivery', async () => {
  const ref = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };
  const body = cm('inproc');
  const made = await rt.client.create(ref, body);
  body.data.a = 'mutated';
  made.metadata.labels = { hacked: 'yes' };
  const got = await rt.client.get({ ...ref, name: 'inproc' });
  assert.equal(got.data, { a: '1' });
  assert.is(got.metadata.labels, undefined);
  try {
    await rt.client.create(ref, cm('inproc'));
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code: number }).code, 409);
    assert.is((e as Error).message, 'configmaps "inproc" already exists');
  }
  const seen: string[] = [];
  const h = rt.client.watch(ref, { resourceVersion: got.metadata.resourceVersion }, (ev) => seen.push(`${ev.type}:${ev.object.metadata.name}`));
  await rt.client.patch({ ...ref, name: 'inproc' }, 'merge', { data: { a: '2' } });
  await rt.client.delete({ ...ref, name: 'inproc' });
  for (let i = 0; i < 50 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  h.stop();
  await h.done;
  assert.equal(seen, ['MODIFIED:inproc', 'DELETED:inproc']);
  const overHttp = await http(c, 'GET', `${CM}/inproc`);
  assert.is(overHttp.status, 404);
});

test.run();
