// Users and authorization against the runtime with the real kubectl: client
// certificates from `skiff cluster user add`, RBAC (Roles, ClusterRoles,
// aggregation, bindings), `kubectl auth can-i`, ServiceAccount tokens,
// impersonation, and credentials that are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { addClusterUser, issueUserCertificate } from '../../src/cluster/users.js';
import { TokenSigner, TOKEN_ISSUER } from '../../src/runtime/apiserver/auth/tokens.js';
import { runtimeFixture } from '../support/runtime.js';
import { http } from './helpers.js';

// The layout `skiff cluster start` uses: $SKIFF_HOME/cluster holds pki/ and kubeconfig, so users can be added.
const cluster = runtimeFixture('skiff-auth-', {}, { home: true });
/** kubectl as the admin, or as the user whose kubeconfig is given. */
const kubectl = (args: readonly string[], kubeconfig?: string, input?: string) => cluster.as(kubeconfig).kubectl(args, input);
const ok = (args: readonly string[], kubeconfig?: string, input?: string) => cluster.as(kubeconfig).ok(args, input);

let alice: string; // kubeconfig path

test.before(async () => {
  await cluster.start();
  alice = (await addClusterUser({ home: cluster.dir, name: 'alice', groups: ['devs'] })).kubeconfigPath;
});
test.after(cluster.stop);

test('default roles are bootstrapped and admin/edit/view aggregate their rules', async () => {
  const names = (await ok(['get', 'clusterroles', '-o', 'name'])).split('\n');
  for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer']) {
    assert.ok(names.includes(`clusterrole.rbac.authorization.k8s.io/${n}`), n);
  }
  let view: any;
  for (let i = 0; i < 50; i++) {
    view = JSON.parse(await ok(['get', 'clusterrole', 'view', '-o', 'json']));
    if (view.rules?.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(view.rules.some((r: any) => r.resources.includes('pods') && r.verbs.includes('list')), 'view lists pods');
  const edit = JSON.parse(await ok(['get', 'clusterrole', 'edit', '-o', 'json']));
  assert.ok(edit.rules.some((r: any) => r.resources.includes('pods') && r.verbs.includes('list')), 'edit includes view');
  assert.ok(edit.rules.some((r: any) => r.resources.includes('deployments') && r.verbs.includes('create')));
  // A new role labelled for aggregation joins view.
  await ok(['apply', '-f', '-'], undefined, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: widgets-view\n  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}\nrules:\n- {apiGroups: [example.com], resources: [widgets], verbs: [get]}\n');
  for (let i = 0; i < 50; i++) {
    view = JSON.parse(await ok(['get', 'clusterrole', 'view', '-o', 'json']));
    if (view.rules.some((r: any) => r.resources.includes('widgets'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(view.rules.some((r: any) => r.resources.includes('widgets')));
});

test('a certificate user: 403 with kube-apiserver wording until a binding allows, then reads and writes as bound', async () => {
  const cfg = readFileSync(alice, 'utf8');
  assert.match(cfg, /client-certificate-data: /);
  assert.ok(alice.startsWith(join(cluster.dir, 'cluster')), alice);
  const who = JSON.parse(await ok(['auth', 'whoami', '-o', 'json'], alice));
  assert.is(who.status.userInfo.username, 'alice');
  assert.equal(who.status.userInfo.groups, ['devs', 'system:authenticated']);
  let r = await kubectl(['get', 'pods'], alice);
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /Error from server \(Forbidden\): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"/);
  const no = await kubectl(['auth', 'can-i', 'list', 'pods'], alice);
  assert.is(no.stdout.trim(), 'no');
  assert.is(no.code, 1);
  // Bind the aggregated "view" role in default to alice's group, and a Role allowing configmap writes to alice.
  await ok(['create', 'rolebinding', 'devs-view', '--clusterrole=view', '--group=devs']);
  await ok(['create', 'role', 'cm-writer', '--verb=create,get,update,patch', '--resource=configmaps']);
  await ok(['create', 'rolebinding', 'alice-cm', '--role=cm-writer', '--user=alice']);
  assert.is((await ok(['auth', 'can-i', 'list', 'pods'], alice)).trim(), 'yes');
  assert.is((await kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'kube-system'], alice)).stdout.trim(), 'no');
  await ok(['get', 'pods'], alice);
  assert.match(await ok(['create', 'configmap', 'mine', '--from-literal=a=1'], alice), /configmap\/mine created/);
  r = await kubectl(['create', 'secret', 'generic', 'nope', '--from-literal=a=1'], alice);
  assert.match(r.stderr, /secrets is forbidden: User "alice" cannot create resource "secrets" in API group "" in the namespace "default"/);
  r = await kubectl(['delete', 'configmap', 'mine'], alice);
  assert.match(r.stderr, /configmaps "mine" is forbidden: User "alice" cannot delete resource "configmaps" in API group "" in the namespace "default"/);
  r = await kubectl(['get', 'nodes'], alice);
  assert.match(r.stderr, /nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope/);
  const list = await ok(['auth', 'can-i', '--list'], alice);
  assert.match(list, /^configmaps\s+\[\]\s+\[\]\s+\[create get update patch list watch\]/m);
  assert.match(list, /selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/m);
  assert.match(list, /\[\/api\/\*\]\s+\[\]\s+\[get\]/);
});

test('resourceNames and subresources (pods/log) narrow a rule', async () => {
  await ok(['create', 'role', 'one-cm', '--verb=get', '--resource=configmaps', '--resource-name=kube-root-ca.crt', '-n', 'kube-public']);
  await ok(['create', 'rolebinding', 'alice-one', '--role=one-cm', '--user=alice', '-n', 'kube-public']);
  await ok(['-n', 'kube-public', 'get', 'configmap', 'kube-root-ca.crt'], alice);
  assert.is((await kubectl(['-n', 'kube-public', 'auth', 'can-i', 'get', 'configmap/other'], alice)).stdout.trim(), 'no');
  assert.is((await kubectl(['-n', 'kube-public', 'auth', 'can-i', 'list', 'configmaps'], alice)).stdout.trim(), 'no');
  assert.is((await ok(['auth', 'can-i', 'get', 'pods', '--subresource=log'], alice)).trim(), 'yes');
  assert.is((await kubectl(['auth', 'can-i', 'create', 'pods', '--subresource=exec'], alice)).stdout.trim(), 'no');
});

test('admin: can-i everything, impersonation with --as and --as-group', async () => {
  assert.is((await ok(['auth', 'can-i', '*', '*'])).trim(), 'yes');
  assert.is((await ok(['auth', 'can-i', 'get', '/logs'])).trim(), 'yes');
  assert.is((await ok(['auth', 'can-i', 'list', 'pods', '--as=alice', '--as-group=devs'])).trim(), 'yes');
  assert.is((await kubectl(['auth', 'can-i', 'list', 'pods', '--as=bob'])).stdout.trim(), 'no');
  const r = await kubectl(['get', 'secrets', '--as=alice']);
  assert.match(r.stderr, /secrets is forbidden: User "alice" cannot list resource "secrets"/);
  // alice may not impersonate anyone.
  const imp = await kubectl(['get', 'pods', '--as=bob'], alice);
  assert.match(imp.stderr, /users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope/);
});

test('ServiceAccount tokens: kubectl create token, used as credentials, authorised as the ServiceAccount', async () => {
  await ok(['create', 'serviceaccount', 'robot']);
  const token = (await ok(['create', 'token', 'robot', '--duration=1h'])).trim();
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  assert.is(claims.sub, 'system:serviceaccount:default:robot');
  assert.equal(claims.aud, [TOKEN_ISSUER]);
  assert.ok(claims.exp - claims.iat === 3600);
  const who = JSON.parse(await ok(['auth', 'whoami', '-o', 'json', `--token=${token}`]));
  assert.is(who.status.userInfo.username, 'system:serviceaccount:default:robot');
  assert.equal(who.status.userInfo.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
  let r = await kubectl(['get', 'deployments', `--token=${token}`]);
  assert.match(r.stderr, /User "system:serviceaccount:default:robot" cannot list resource "deployments" in API group "apps" in the namespace "default"/);
  await ok(['create', 'rolebinding', 'robot-edit', '--clusterrole=edit', '--serviceaccount=default:robot']);
  assert.match(await ok(['create', 'deployment', 'by-robot', '--image=nginx', `--token=${token}`]), /created/);
  // Too short a duration is refused with upstream's message; a deleted ServiceAccount's token stops working.
  r = await kubectl(['create', 'token', 'robot', '--duration=1m']);
  assert.match(r.stderr, /may not specify a duration less than 10 minutes/);
  await ok(['delete', 'serviceaccount', 'robot']);
  r = await kubectl(['get', 'pods', `--token=${token}`]);
  assert.match(r.stderr, /Unauthorized|must be logged in/);
});

test('no endpoint answers without credentials (health aside); bad credentials are 401', async () => {
  const anon = { url: cluster.rt.url, caPem: cluster.rt.caPem };
  for (const p of ['/healthz', '/livez', '/readyz']) assert.is((await http(anon, 'GET', p)).status, 200, p);
  for (const p of ['/version', '/api', '/apis', '/api/v1', '/apis/apps/v1', '/openapi/v3', '/openapi/v2', '/api/v1/namespaces', '/api/v1/pods?watch=true', '/api/v1/namespaces/default/pods/x/log', '/metrics']) {
    const r = await http(anon, 'GET', p);
    assert.is(r.status, 401, p);
    assert.is(r.json().reason, 'Unauthorized', p);
  }
  assert.is((await http(anon, 'POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'x' } })).status, 401);
  assert.is((await http({ ...anon, token: 'not-a-token' }, 'GET', '/api/v1/namespaces')).status, 401);
  // A token signed with the cluster key but already expired, and one signed by another key.
  const signer = new TokenSigner(readFileSync(join(cluster.dir, 'cluster', 'pki', 'apiserver.key'), 'utf8'));
  const sa = JSON.parse(await ok(['get', 'serviceaccount', 'default', '-o', 'json']));
  const expired = signer.issue({ namespace: 'default', name: 'default', uid: sa.metadata.uid }, [TOKEN_ISSUER], new Date(Date.now() - 2 * 3600_000), 600).token;
  assert.is((await http({ ...anon, token: expired }, 'GET', '/api')).status, 401);
  const fresh = signer.issue({ namespace: 'default', name: 'default', uid: sa.metadata.uid }, [TOKEN_ISSUER], new Date(), 600).token;
  assert.is((await http({ ...anon, token: fresh }, 'GET', '/api')).status, 200);
  const wrongAudience = signer.issue({ namespace: 'default', name: 'default', uid: sa.metadata.uid }, ['vault'], new Date(), 600).token;
  assert.is((await http({ ...anon, token: wrongAudience }, 'GET', '/api')).status, 401);
  const otherKey = (await import('node:crypto')).generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const forgedToken = new TokenSigner(otherKey).issue({ namespace: 'default', name: 'default', uid: sa.metadata.uid }, [TOKEN_ISSUER], new Date(), 600).token;
  assert.is((await http({ ...anon, token: forgedToken }, 'GET', '/api')).status, 401);
});

test('a forged client certificate (not signed by the cluster CA) is refused', async () => {
  // A self-made CA issuing "CN=admin, O=system:masters".
  const x509 = await import('@peculiar/x509');
  const { webcrypto } = await import('node:crypto');
  x509.cryptoProvider.set(webcrypto as never);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as any;
  const fakeCa = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: '01', name: 'CN=skiff-ca', keys, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(true, undefined, true)] });
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const fakeCaKey = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(der).toString('base64')}\n-----END PRIVATE KEY-----\n`;
  const forged = await issueUserCertificate({ caPem: fakeCa.toString('pem'), caKeyPem: fakeCaKey, user: 'admin', groups: ['system:masters'] });
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${cluster.rt.url}/api/v1/namespaces`, { ca: cluster.rt.caPem, cert: forged.certPem, key: forged.keyPem }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.is(status, 401);
  const cfg = readFileSync(alice, 'utf8')
    .replace(/client-certificate-data: .*/, `client-certificate-data: ${Buffer.from(forged.certPem).toString('base64')}`)
    .replace(/client-key-data: .*/, `client-key-data: ${Buffer.from(forged.keyPem).toString('base64')}`);
  const forgedCfg = join(cluster.dir, 'forged.kubeconfig');
  writeFileSync(forgedCfg, cfg);
  const r = await kubectl(['get', 'namespaces'], forgedCfg);
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /Unauthorized|must be logged in/);
});

test.run();
