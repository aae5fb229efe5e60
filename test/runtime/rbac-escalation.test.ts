// RBAC escalation prevention, driven with the real kubectl as restricted
// users (certificates from `skiff cluster user add`): a user who may write
// bindings cannot bind a role with more than he holds unless he has `bind` on
// it; a user who may write roles cannot grant more than she holds unless she
// has `escalate`; aggregation (labels and aggregationRule) is no way around
// either. Messages are kube-apiserver's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addClusterUser } from '../../src/cluster/users.js';
import { runtimeFixture } from '../support/runtime.js';
import { until } from './helpers.js';

// The layout `skiff cluster start` uses: $SKIFF_HOME/cluster holds pki/ and kubeconfig, so users can be added.
const cluster = runtimeFixture('skiff-rbac-esc-', {}, { home: true });
/** kubectl as the admin, or as the user whose kubeconfig is given. */
const kubectl = (args: readonly string[], kubeconfig?: string, input?: string) => cluster.as(kubeconfig).kubectl(args, input);
const ok = (args: readonly string[], kubeconfig?: string, input?: string) => cluster.as(kubeconfig).ok(args, input);

let bob: string; // may create RoleBindings in "team" and ClusterRoleBindings
let carol: string; // may create and edit ClusterRoles and Roles in "team"

const BOB = 'user "bob" (groups=["system:authenticated"])';
const CAROL = 'user "carol" (groups=["designers" "system:authenticated"])';
const NOT_HELD = 'is attempting to grant RBAC permissions not currently held:';

async function refused(args: readonly string[], kubeconfig: string, input?: string): Promise<string> {
  const r = await kubectl(args, kubeconfig, input);
  assert.is.not(r.code, 0, `kubectl ${args.join(' ')} should have been refused:\n${r.stdout}`);
  return r.stderr.trim();
}

const clusterRole = (name: string, rules: string, labels = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n${labels ? `  labels: ${labels}\n` : ''}rules:\n${rules}`;

test.before(async () => {
  await cluster.start();
  const home = cluster.dir;
  bob = (await addClusterUser({ home, name: 'bob' })).kubeconfigPath;
  carol = (await addClusterUser({ home, name: 'carol', groups: ['designers'] })).kubeconfigPath;
  await ok(['create', 'namespace', 'team']);
  await ok(['create', 'role', 'binder', '-n', 'team', '--verb=create,get,list,update,patch', '--resource=rolebindings']);
  await ok(['create', 'rolebinding', 'bob-binder', '-n', 'team', '--role=binder', '--user=bob']);
  await ok(['create', 'clusterrole', 'crb-writer', '--verb=create,get', '--resource=clusterrolebindings']);
  await ok(['create', 'clusterrolebinding', 'bob-crb-writer', '--clusterrole=crb-writer', '--user=bob']);
  await ok(['create', 'clusterrole', 'role-editor', '--verb=create,get,list,update,patch', '--resource=clusterroles']);
  await ok(['create', 'clusterrolebinding', 'carol-role-editor', '--clusterrole=role-editor', '--group=designers']);
  await ok(['create', 'role', 'ns-role-editor', '-n', 'team', '--verb=create,get,update,patch', '--resource=roles']);
  await ok(['create', 'rolebinding', 'carol-ns-role-editor', '-n', 'team', '--role=ns-role-editor', '--user=carol']);
  // The aggregated roles are filled in by the aggregation controller.
  await until('view aggregated', async () => JSON.parse(await ok(['get', 'clusterrole', 'view', '-o', 'json'])).rules?.length > 0);
});
test.after(cluster.stop);

test('bind: a RoleBinding or ClusterRoleBinding to cluster-admin is refused with the permissions not held', async () => {
  const missing = `${NOT_HELD}\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}`;
  const rb = await refused(['create', 'rolebinding', 'pwn', '-n', 'team', '--clusterrole=cluster-admin', '--user=bob'], bob);
  assert.is(rb, `error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "pwn" is forbidden: ${BOB} ${missing}`);
  const crb = await refused(['create', 'clusterrolebinding', 'pwn', '--clusterrole=cluster-admin', '--user=bob'], bob);
  assert.is(crb, `error: failed to create clusterrolebinding: clusterrolebindings.rbac.authorization.k8s.io "pwn" is forbidden: ${BOB} ${missing}`);
  // The same through a manifest, and as a server-side apply.
  const manifest = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: pwn, namespace: team}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n- {apiGroup: rbac.authorization.k8s.io, kind: User, name: bob}\n';
  assert.match(await refused(['create', '-f', '-'], bob, manifest), `Error from server (Forbidden): error when creating "STDIN": rolebindings.rbac.authorization.k8s.io "pwn" is forbidden: ${BOB} ${NOT_HELD}`);
  assert.match(await refused(['apply', '--server-side', '-f', '-'], bob, manifest), `rolebindings.rbac.authorization.k8s.io "pwn" is forbidden: ${BOB} ${NOT_HELD}`);
  // Nothing was stored, and bob is still not an admin.
  assert.match(await refused(['get', 'rolebinding', 'pwn', '-n', 'team'], bob), 'rolebindings.rbac.authorization.k8s.io "pwn" not found');
  assert.is((await kubectl(['auth', 'can-i', 'delete', 'namespaces', '--as=bob'])).stdout.trim(), 'no');
  assert.match(await refused(['get', 'secrets', '-n', 'team'], bob), 'User "bob" cannot list resource "secrets"');
  // A binding to a role that does not exist says so, as upstream.
  assert.is(await refused(['create', 'rolebinding', 'ghost', '-n', 'team', '--role=ghost', '--user=bob'], bob), 'error: failed to create rolebinding: roles.rbac.authorization.k8s.io "ghost" not found');
});

test('bind: allowed with the bind verb on the role, only for the roles and namespace it names', async () => {
  await ok(['create', 'role', 'may-bind-admin', '-n', 'team', '--verb=bind', '--resource=clusterroles', '--resource-name=admin']);
  await ok(['create', 'rolebinding', 'bob-may-bind-admin', '-n', 'team', '--role=may-bind-admin', '--user=bob']);
  await ok(['create', 'rolebinding', 'alice-admin', '-n', 'team', '--clusterrole=admin', '--user=alice'], bob);
  const who = await kubectl(['auth', 'can-i', 'create', 'deployments', '-n', 'team', '--as=alice']);
  assert.is(who.stdout.trim(), 'yes');
  // bind on admin is not bind on cluster-admin, and the grant stops at its namespace.
  assert.match(await refused(['create', 'rolebinding', 'pwn2', '-n', 'team', '--clusterrole=cluster-admin', '--user=bob'], bob), NOT_HELD);
  assert.match(await refused(['create', 'clusterrolebinding', 'alice-admin', '--clusterrole=admin', '--user=alice'], bob), `clusterrolebindings.rbac.authorization.k8s.io "alice-admin" is forbidden: ${BOB} ${NOT_HELD}`);
});

test('bind: allowed when the user holds every permission of the role', async () => {
  await ok(['create', 'role', 'cm-reader', '-n', 'team', '--verb=get,list', '--resource=configmaps']);
  const refusal = await refused(['create', 'rolebinding', 'dan-cm', '-n', 'team', '--role=cm-reader', '--user=dan'], bob);
  assert.is(refusal, `error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "dan-cm" is forbidden: ${BOB} ${NOT_HELD}\n{APIGroups:[""], Resources:["configmaps"], Verbs:["get" "list"]}`);
  // Once bob holds them himself (here through a wildcard on the resource), he may pass them on.
  await ok(['create', 'role', 'cm-all', '-n', 'team', '--verb=*', '--resource=configmaps']);
  await ok(['create', 'rolebinding', 'bob-cm-all', '-n', 'team', '--role=cm-all', '--user=bob']);
  await ok(['create', 'rolebinding', 'dan-cm', '-n', 'team', '--role=cm-reader', '--user=dan'], bob);
  assert.is((await kubectl(['auth', 'can-i', 'list', 'configmaps', '-n', 'team', '--as=dan'])).stdout.trim(), 'yes');
  // Holding them in "team" does not make them his in another namespace.
  await ok(['create', 'namespace', 'other']);
  await ok(['create', 'role', 'binder', '-n', 'other', '--verb=create', '--resource=rolebindings']);
  await ok(['create', 'role', 'cm-reader', '-n', 'other', '--verb=get,list', '--resource=configmaps']);
  await ok(['create', 'rolebinding', 'bob-binder', '-n', 'other', '--role=binder', '--user=bob']);
  assert.match(await refused(['create', 'rolebinding', 'dan-cm', '-n', 'other', '--role=cm-reader', '--user=dan'], bob), NOT_HELD);
});

test('escalate: editing a ClusterRole to grant more than held is refused; allowed with the escalate verb', async () => {
  const secrets = await refused(['create', '-f', '-'], carol, clusterRole('secret-reader', '- {apiGroups: [""], resources: [secrets], verbs: [get]}\n'));
  assert.is(secrets, `Error from server (Forbidden): error when creating "STDIN": clusterroles.rbac.authorization.k8s.io "secret-reader" is forbidden: ${CAROL} ${NOT_HELD}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`);
  // A role within what she holds is fine (her own verbs on clusterroles).
  await ok(['create', 'clusterrole', 'mine', '--verb=get,list', '--resource=clusterroles'], carol);
  const star = await refused(['patch', 'clusterrole', 'mine', '--type=json', '-p', '[{"op":"add","path":"/rules/-","value":{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}}]'], carol);
  assert.is(star, `Error from server (Forbidden): clusterroles.rbac.authorization.k8s.io "mine" is forbidden: ${CAROL} ${NOT_HELD}\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}`);
  // Subresources, names and non-resource URLs are each a permission of their own.
  const mixed = await refused(['apply', '-f', '-'], carol, clusterRole('mine', '- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [get]}\n- {apiGroups: [apps], resources: [deployments/scale], resourceNames: [web], verbs: [update, patch]}\n- {nonResourceURLs: ["/metrics"], verbs: [get]}\n'));
  assert.match(mixed, `${NOT_HELD}\n{APIGroups:["apps"], Resources:["deployments/scale"], ResourceNames:["web"], Verbs:["update" "patch"]}\n{NonResourceURLs:["/metrics"], Verbs:["get"]}`);
  // A namespaced Role is measured against what she holds in its namespace.
  assert.match(await refused(['create', 'role', 'pods', '-n', 'team', '--verb=delete', '--resource=pods'], carol), `roles.rbac.authorization.k8s.io "pods" is forbidden: ${CAROL} ${NOT_HELD}\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}`);

  await ok(['create', 'clusterrole', 'escalator', '--verb=escalate', '--resource=clusterroles']);
  await ok(['create', 'clusterrolebinding', 'carol-escalator', '--clusterrole=escalator', '--user=carol']);
  await ok(['patch', 'clusterrole', 'mine', '--type=json', '-p', '[{"op":"add","path":"/rules/-","value":{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}}]'], carol);
  await ok(['create', '-f', '-'], carol, clusterRole('secret-reader', '- {apiGroups: [""], resources: [secrets], verbs: [get]}\n'));
  // escalate on ClusterRoles does not reach namespaced Roles.
  assert.match(await refused(['create', 'role', 'pods', '-n', 'team', '--verb=delete', '--resource=pods'], carol), NOT_HELD);
  await ok(['delete', 'clusterrolebinding', 'carol-escalator']);
});

test('aggregation: a ClusterRole labelled into view with secrets access is refused, and view never gains it', async () => {
  const labels = '{rbac.authorization.k8s.io/aggregate-to-view: "true"}';
  const r = await refused(['apply', '-f', '-'], carol, clusterRole('sneaky', '- {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}\n', labels));
  assert.is(r, `Error from server (Forbidden): error when creating "STDIN": clusterroles.rbac.authorization.k8s.io "sneaky" is forbidden: ${CAROL} ${NOT_HELD}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "watch"]}`);
  // Labelling an existing role that grants secrets is refused the same way.
  assert.match(await refused(['label', 'clusterrole', 'secret-reader', 'rbac.authorization.k8s.io/aggregate-to-view=true'], carol), `clusterroles.rbac.authorization.k8s.io "secret-reader" is forbidden: ${CAROL} ${NOT_HELD}`);
  // An aggregationRule can gather anything: it takes cluster-admin's permissions.
  await ok(['create', 'clusterrole', 'collector', '--verb=get', '--resource=clusterroles'], carol);
  const agg = await refused(['patch', 'clusterrole', 'collector', '-p', '{"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"team":"x"}}]}}'], carol);
  assert.is(agg, 'Error from server (Forbidden): clusterroles.rbac.authorization.k8s.io "collector" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  // escalate on one role lets her edit it, but not carry its rules into view through labels.
  await ok(['create', 'clusterrole', 'widget-escalator', '--verb=escalate', '--resource=clusterroles', '--resource-name=widget']);
  await ok(['create', 'clusterrolebinding', 'carol-widget-escalator', '--clusterrole=widget-escalator', '--user=carol']);
  await ok(['create', 'clusterrole', 'widget', '--verb=get', '--resource=clusterroles'], carol);
  await ok(['apply', '-f', '-'], carol, clusterRole('widget', '- {apiGroups: [""], resources: [secrets], verbs: [get]}\n'));
  assert.match(await refused(['label', 'clusterrole', 'widget', 'rbac.authorization.k8s.io/aggregate-to-view=true'], carol), `clusterroles.rbac.authorization.k8s.io "widget" is forbidden: ${CAROL} ${NOT_HELD}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`);
  // Editing view itself is refused too.
  assert.match(await refused(['label', 'clusterrole', 'view', 'team=x'], carol), `clusterroles.rbac.authorization.k8s.io "view" is forbidden: ${CAROL} ${NOT_HELD}`);
  // The admin's label does aggregate (system:masters is exempt); nothing carol tried reached view.
  const view = JSON.parse(await ok(['get', 'clusterrole', 'view', '-o', 'json']));
  assert.not.ok(view.rules.some((x: { resources?: string[] }) => x.resources?.includes('secrets')), 'view grants secrets');
  await ok(['label', 'clusterrole', 'widget', 'rbac.authorization.k8s.io/aggregate-to-view=true']);
  await until('widget aggregated into view', async () => JSON.parse(await ok(['get', 'clusterrole', 'view', '-o', 'json'])).rules.some((x: { resources?: string[] }) => x.resources?.includes('secrets')));
});

test('updates that only touch what garbage collection manages are not checked', async () => {
  await ok(['patch', 'clusterrole', 'admin', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}'], carol);
  await ok(['patch', 'clusterrole', 'admin', '--type=merge', '-p', '{"metadata":{"finalizers":null}}'], carol);
  assert.match(await refused(['annotate', 'clusterrole', 'admin', 'note=x'], carol), NOT_HELD);
});

test.run();
