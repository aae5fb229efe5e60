// Server-side apply and managedFields with the real kubectl: create by apply,
// ownership per manager, conflicts and --force-conflicts, removal of fields
// an applier stops setting, the client-side → server-side migration, and
// apply patches that are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { runtimeFixture } from '../support/runtime.js';
import { http } from './helpers.js';

const cluster = runtimeFixture('skiff-ssa-');
const { kubectl, ok } = cluster;

function deployment(replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web${extra ? `, ${extra}` : ''}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;
}

const managers = (o: any) => (o.metadata.managedFields ?? []).map((e: any) => `${e.manager}/${e.operation}`);

test.before(cluster.start);
test.after(cluster.stop);

test('apply --server-side creates, records an Apply entry in fieldsV1 form, and reapplies without change', async () => {
  assert.match(await ok(['apply', '--server-side', '-f', '-'], deployment(2)), /deployment.apps\/web serverside-applied/);
  const d = JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json', '--show-managed-fields']));
  const e = d.metadata.managedFields.find((x: any) => x.manager === 'kubectl');
  assert.is(e.operation, 'Apply');
  assert.is(e.apiVersion, 'apps/v1');
  assert.is(e.fieldsType, 'FieldsV1');
  assert.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(e.fieldsV1['f:spec']['f:replicas'], {});
  assert.equal(e.fieldsV1['f:metadata']['f:labels'], { '.': {}, 'f:app': {} });
  const c = e.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}'];
  assert.equal(c, { '.': {}, 'f:image': {}, 'f:name': {} });
  assert.match(await ok(['apply', '--server-side', '-f', '-'], deployment(2)), /serverside-applied/);
  const again = JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json', '--show-managed-fields']));
  assert.is(again.metadata.generation, d.metadata.generation);
  assert.equal(again.metadata.managedFields.find((x: any) => x.manager === 'kubectl'), e, 'a no-op apply leaves its entry as it was');
});

test('a second manager conflicts on a field set differently; --force-conflicts takes it over', async () => {
  const r = await kubectl(['apply', '--server-side', '--field-manager=ops', '-f', '-'], deployment(5));
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /Apply failed with 1 conflict: conflict with "kubectl" using apps\/v1: \.spec\.replicas/);
  // The same value is shared ownership, not a conflict.
  await ok(['apply', '--server-side', '--field-manager=ops', '-f', '-'], deployment(2));
  await ok(['apply', '--server-side', '--field-manager=ops', '--force-conflicts', '-f', '-'], deployment(5));
  const d = JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json', '--show-managed-fields']));
  assert.is(d.spec.replicas, 5);
  const kubectlEntry = d.metadata.managedFields.find((x: any) => x.manager === 'kubectl');
  assert.is(kubectlEntry.fieldsV1['f:spec']['f:replicas'], undefined, 'kubectl lost .spec.replicas');
  assert.ok(d.metadata.managedFields.find((x: any) => x.manager === 'ops').fieldsV1['f:spec']['f:replicas']);
});

test('fields an applier stops setting are removed unless another manager owns them', async () => {
  await ok(['apply', '--server-side', '-f', '-'], deployment(5, 'tier: front'));
  assert.is(JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json'])).metadata.labels.tier, 'front');
  await ok(['apply', '--server-side', '-f', '-'], deployment(5));
  const d = JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json']));
  assert.is(d.metadata.labels.tier, undefined);
  assert.is(d.metadata.labels.app, 'web', 'app is still set by both');
});

test('Update operations: kubectl create and scale and label are recorded per manager', async () => {
  await ok(['create', 'configmap', 'cfg', '--from-literal=a=1']);
  await ok(['label', 'configmap', 'cfg', 'team=blue']);
  const cm = JSON.parse(await ok(['get', 'cm', 'cfg', '-o', 'json', '--show-managed-fields']));
  assert.equal(managers(cm), ['kubectl-create/Update', 'kubectl-label/Update']);
  assert.equal(cm.metadata.managedFields[0].fieldsV1, { 'f:data': { '.': {}, 'f:a': {} } });
  assert.equal(cm.metadata.managedFields[1].fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } });
  // An applier setting the label another manager set differently conflicts with that manager.
  const r = await kubectl(['apply', '--server-side', '--field-manager=gitops', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, labels: {team: red}}\n');
  assert.match(r.stderr, /conflict with "kubectl-label": \.metadata\.labels\.team|conflict with "kubectl-label" using v1: \.metadata\.labels\.team/);
});

test('kubectl apply --server-side on an object created by client-side apply: conflict, then migration', async () => {
  await ok(['apply', '-f', '-'], deployment(2).replace(/name: web$/m, 'name: csa'));
  let d = JSON.parse(await ok(['get', 'deploy', 'csa', '-o', 'json', '--show-managed-fields']));
  assert.ok(managers(d).includes('kubectl-client-side-apply/Update'), managers(d).join());
  // A changed field still belongs to the client-side applier: kubectl migrates only after a successful apply.
  const r = await kubectl(['apply', '--server-side', '-f', '-'], deployment(3).replace(/name: web$/m, 'name: csa'));
  assert.match(r.stderr, /Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas/);
  assert.match(await ok(['apply', '--server-side', '-f', '-'], deployment(2).replace(/name: web$/m, 'name: csa')), /serverside-applied/);
  d = JSON.parse(await ok(['get', 'deploy', 'csa', '-o', 'json', '--show-managed-fields']));
  assert.ok(managers(d).includes('kubectl/Apply'), managers(d).join());
  assert.ok(managers(d).includes('kubectl-last-applied/Apply'), managers(d).join());
  assert.not.ok(managers(d).includes('kubectl-client-side-apply/Update'), managers(d).join());
  // Now the server-side applier owns what the client-side one did.
  await ok(['apply', '--server-side', '-f', '-'], deployment(3).replace(/name: web$/m, 'name: csa'));
  assert.is(JSON.parse(await ok(['get', 'deploy', 'csa', '-o', 'json'])).spec.replicas, 3);
});

test('apply patches that are refused', async () => {
  const path = '/apis/apps/v1/namespaces/default/deployments/web';
  const APPLY = { 'Content-Type': 'application/apply-patch+yaml' };
  let r = await http(cluster.conn, 'PATCH', path, '- a\n- b\n', APPLY);
  assert.is(r.status, 422, r.text); // the field manager is checked first, as upstream
  r = await http(cluster.conn, 'PATCH', `${path}?fieldManager=x`, '- a\n- b\n', APPLY);
  assert.is(r.status, 400, r.text);
  assert.is(r.json().reason, 'BadRequest');
  r = await http(cluster.conn, 'PATCH', path, deployment(1), APPLY);
  assert.is(r.status, 422);
  assert.is(r.json().message, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  r = await http(cluster.conn, 'PATCH', `${path}?fieldManager=x`, 'kind: [unclosed', APPLY);
  assert.is(r.status, 400);
  r = await http(cluster.conn, 'PATCH', `${path}?fieldManager=x`, deployment(1).replace('name: web', 'name: other'), APPLY);
  assert.is(r.status, 400);
  assert.match(r.json().message, /does not match the name on the URL/);
});

test('write options are checked as kube-apiserver checks them', async () => {
  const path = '/apis/apps/v1/namespaces/default/deployments/web';
  let r = await http(cluster.conn, 'PATCH', `${path}?force=true`, JSON.stringify({ metadata: { labels: { a: 'b' } } }), { 'Content-Type': 'application/merge-patch+json' });
  assert.is(r.status, 422, r.text);
  assert.is(r.json().message, 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  r = await http(cluster.conn, 'PATCH', `${path}?force=false`, JSON.stringify({ metadata: { labels: { a: 'b' } } }), { 'Content-Type': 'application/strategic-merge-patch+json' });
  assert.is(r.status, 422, 'force=false is specified too');
  r = await http(cluster.conn, 'PATCH', `${path}?fieldManager=x&force=true`, deployment(1), { 'Content-Type': 'application/apply-patch+yaml' });
  assert.is(r.status, 200, r.text);
  r = await http(cluster.conn, 'POST', '/api/v1/namespaces/default/configmaps?fieldManager=' + 'm'.repeat(129), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'long-manager' } }), { 'Content-Type': 'application/json' });
  assert.is(r.status, 422, r.text);
  assert.is(r.json().message, 'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes');
});

test('the in-process client takes fields over with a forced apply, and only then', async () => {
  const CM = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'owned' };
  const body = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned' }, data: { k: v } });
  await cluster.rt.client.patch(CM, 'apply', body('one'), { fieldManager: 'first' });
  const conflict = await cluster.rt.client.patch(CM, 'apply', body('two'), { fieldManager: 'second' }).then(() => undefined, (e: { status?: { code?: number } }) => e);
  assert.is(conflict?.status?.code, 409);
  const taken = await cluster.rt.client.patch<KubeObject & { data: Record<string, string> }>(CM, 'apply', body('two'), { fieldManager: 'second', force: true });
  assert.is(taken.data.k, 'two');
  // force on any other patch type is not sent, so the patch goes through as a plain merge.
  const merged = await cluster.rt.client.patch<KubeObject & { data: Record<string, string> }>(CM, 'merge', { data: { k: 'three' } }, { force: true });
  assert.is(merged.data.k, 'three');
});

test.run();
