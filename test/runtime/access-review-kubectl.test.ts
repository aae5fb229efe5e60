// `kubectl create -f` of the access-review kinds with client-side validation
// on (kubectl's default): kubectl validates kinds without a PATCH operation
// against /openapi/v2, so the server must serve it (as protobuf) and the
// answers must come back as kube-apiserver writes them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addClusterUser } from '../../src/cluster/users.js';
import { runtimeFixture } from '../support/runtime.js';
import { http } from './helpers.js';

// The layout `skiff cluster start` uses, so users can be added.
const cluster = runtimeFixture('skiff-review-', {}, { home: true });
/** kubectl as the admin, or as the user whose kubeconfig is given. */
const kubectl = (args: readonly string[], input?: string, kubeconfig?: string) => cluster.as(kubeconfig).kubectl(args, input);

let erin: string;

async function created(yaml: string, kubeconfig?: string): Promise<any> {
  const r = await kubectl(['create', '-f', '-', '-o', 'json'], yaml, kubeconfig);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const sar = (user: string, verb: string, extra = '') =>
  `apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\nspec:\n  user: ${user}\n  resourceAttributes:\n    namespace: default\n    verb: ${verb}\n    resource: configmaps\n${extra}`;

test.before(async () => {
  await cluster.start();
  erin = (await addClusterUser({ home: cluster.dir, name: 'erin' })).kubeconfigPath;
});
test.after(cluster.stop);

test('SubjectAccessReview: kubectl create -f validates and the server answers for the named user', async () => {
  const before = await created(sar('erin', 'list'));
  assert.is(before.kind, 'SubjectAccessReview');
  assert.equal(before.status, { allowed: false });
  const r = await kubectl(['create', 'rolebinding', 'erin-view', '--clusterrole=view', '--user=erin', '-n', 'default']);
  assert.is(r.code, 0, r.stderr);
  const after = await created(sar('erin', 'list'));
  assert.equal(after.status, { allowed: true, reason: 'allowed by RBAC' });
  assert.equal((await created(sar('erin', 'delete'))).status, { allowed: false });
});

test('a field the kind does not have is refused by kubectl as against kube-apiserver', async () => {
  const r = await kubectl(['create', '-f', '-'], sar('erin', 'get', '  bogus: 1\n'));
  assert.is.not(r.code, 0);
  assert.match(r.stderr, 'error validating data: ValidationError(SubjectAccessReview.spec): unknown field "bogus" in io.k8s.api.authorization.v1.SubjectAccessReviewSpec');
});

test('SelfSubjectAccessReview and SelfSubjectRulesReview as a restricted user', async () => {
  const self = await created('apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectAccessReview\nspec:\n  resourceAttributes: {namespace: default, verb: get, resource: configmaps}\n', erin);
  assert.equal(self.status, { allowed: true, reason: 'allowed by RBAC' });
  const secrets = await created('apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectAccessReview\nspec:\n  resourceAttributes: {namespace: default, verb: get, resource: secrets}\n', erin);
  assert.equal(secrets.status, { allowed: false });
  const rules = await created('apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectRulesReview\nspec:\n  namespace: default\n', erin);
  assert.is(rules.kind, 'SelfSubjectRulesReview');
  assert.ok(rules.status.resourceRules.some((x: any) => x.resources.includes('configmaps') && x.verbs.includes('list')));
  const local = await created('apiVersion: authorization.k8s.io/v1\nkind: LocalSubjectAccessReview\nmetadata: {namespace: default}\nspec:\n  user: erin\n  resourceAttributes: {namespace: default, verb: watch, resource: configmaps}\n');
  assert.equal(local.status, { allowed: true, reason: 'allowed by RBAC' });
});

test('TokenReview: kubectl create -f says whom a token authenticates, for which audiences', async () => {
  assert.is((await kubectl(['create', 'serviceaccount', 'robot'])).code, 0);
  const t = await kubectl(['create', 'token', 'robot']);
  assert.is(t.code, 0, t.stderr);
  const review = (token: string, audiences = '') => `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n${audiences}`;
  const ok = await created(review(t.stdout.trim()));
  assert.is(ok.status.authenticated, true);
  assert.is(ok.status.user.username, 'system:serviceaccount:default:robot');
  assert.equal(ok.status.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
  assert.equal(ok.status.audiences, ['https://kubernetes.default.svc.cluster.local']);
  const other = await created(review(t.stdout.trim(), '  audiences: [vault]\n'));
  assert.equal(other.status, { user: {}, error: 'invalid bearer token' });
  assert.equal((await created(review('not-a-token'))).status, { user: {} });
  const empty = await kubectl(['create', '-f', '-'], 'apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec: {}\n');
  assert.is(empty.stderr.trim(), 'Error from server (BadRequest): error when creating "STDIN": token is required for TokenReview in authentication');
});

test('/openapi/v2 serves the definitions as JSON and as protobuf', async () => {
  const c = { url: cluster.rt.url, caPem: cluster.rt.caPem, token: cluster.rt.token };
  const json = await http(c, 'GET', '/openapi/v2');
  assert.is(json.status, 200);
  const doc = json.json();
  assert.is(doc.swagger, '2.0');
  const def = doc.definitions['io.k8s.api.authorization.v1.SubjectAccessReview'];
  assert.equal(def['x-kubernetes-group-version-kind'], [{ group: 'authorization.k8s.io', kind: 'SubjectAccessReview', version: 'v1' }]);
  assert.is(def.properties.spec.$ref, '#/definitions/io.k8s.api.authorization.v1.SubjectAccessReviewSpec');
  const pb = await http(c, 'GET', '/openapi/v2', undefined, { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
  assert.is(pb.status, 200);
  assert.is(pb.headers['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
});

test.run();
