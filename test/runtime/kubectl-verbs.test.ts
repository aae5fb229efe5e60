// The everyday kubectl verbs beyond get/apply: logs, exec/attach/port-forward
// (refused clearly), diff, replace, set env|resources|serviceaccount, rollout
// restart, and --dry-run=server leaving nothing behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlBinary } from '../support/helm.js';
import { run } from '../support/cli.js';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-kubectl-verbs-');
const { kubectl, ok } = cluster;

const getJson = async (args: readonly string[]) => JSON.parse(await ok(['get', ...args, '-o', 'json']));

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p1, labels: {app: web}}
spec:
  nodeName: node-x
  containers:
  - {name: main, image: nginx}
  - {name: side, image: busybox}
`;

test.before(async () => {
  await cluster.start();
  await ok(['create', 'deployment', 'web', '--image=nginx:1.27']);
  await ok(['apply', '-f', '-'], POD);
  // port-forward checks the phase before it connects.
  await ok(['patch', 'pod', 'p1', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Running"}}']);
});
test.after(cluster.stop);

test('logs: -c, --tail, --since, -f, deploy/NAME, the default container; a missing container is named', async () => {
  const all = await ok(['logs', 'p1', '-c', 'main']);
  assert.ok(all.length > 0);
  const tail = await ok(['logs', 'p1', '-c', 'main', '--tail=1']);
  assert.is(tail.trimEnd().split('\n').length, 1);
  await ok(['logs', 'p1', '-c', 'side', '--since=1h']);
  // -f follows a running container: the log arrives at once and the stream stays open until stopped.
  const followed = await run(kubectlBinary(), ['logs', 'p1', '-c', 'main', '-f'], { env: cluster.env, timeoutMs: 2500 });
  assert.ok(followed.stdout.startsWith(all.split('\n')[0]!), `followed output: ${JSON.stringify(followed.stdout)}`);
  assert.is.not(followed.code, 0, 'still following when stopped');
  await ok(['logs', 'deploy/web']);
  let r = await kubectl(['logs', 'p1']);
  assert.is(r.code, 0);
  assert.match(r.stderr, /Defaulted container "main" out of: main, side/);
  r = await kubectl(['logs', 'p1', '-c', 'nope']);
  assert.match(r.stderr, /container nope is not valid for pod p1/);
});

test('exec, attach and port-forward are refused with a clear error, not a hang', async () => {
  for (const [args, what] of [
    [['exec', 'p1', '-c', 'main', '--', 'ls'], 'exec'],
    [['attach', 'p1', '-c', 'main'], 'attach'],
    [['port-forward', 'pod/p1', '18080:80'], 'port-forward'],
  ] as const) {
    const r = await kubectl(args);
    assert.is.not(r.code, 0, what);
    assert.match(r.stderr, new RegExp(`${what} is not supported by the simulated nodes`), `${what}: ${r.stderr}`);
  }
});

test('diff shows a server dry-run and persists nothing', async () => {
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: diffme}\ndata: {k: "${v}"}\n`;
  await ok(['apply', '-f', '-'], cm('one'));
  const r = await kubectl(['diff', '-f', '-'], cm('two'));
  assert.is(r.code, 1, r.stderr); // 1: differences found
  assert.match(r.stdout, /-\s+k: one/);
  assert.match(r.stdout, /\+\s+k: two/);
  assert.is((await getJson(['cm', 'diffme'])).data.k, 'one');
  assert.is((await kubectl(['diff', '-f', '-'], cm('one'))).code, 0);
  // A new object diffs against nothing, and is not created.
  const fresh = await kubectl(['diff', '-f', '-'], cm('x').replace('diffme', 'newone'));
  assert.is(fresh.code, 1);
  assert.is((await kubectl(['get', 'cm', 'newone'])).code, 1);
});

test('--dry-run=server on create, apply, delete leaves nothing behind', async () => {
  assert.match(await ok(['create', 'configmap', 'dry', '--from-literal=a=1', '--dry-run=server']), /configmap\/dry created \(server dry run\)/);
  assert.match(await ok(['apply', '--dry-run=server', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry2}\n'), /created \(server dry run\)/);
  assert.match(await ok(['apply', '--server-side', '--dry-run=server', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry3}\n'), /serverside-applied \(server dry run\)/);
  for (const n of ['dry', 'dry2', 'dry3']) assert.is((await kubectl(['get', 'cm', n])).code, 1, n);
  assert.match(await ok(['delete', 'configmap', 'diffme', '--dry-run=server']), /deleted \(server dry run\)/);
  await ok(['get', 'cm', 'diffme']);
  await ok(['scale', 'deploy/web', '--replicas=4', '--dry-run=server']);
  assert.is((await getJson(['deploy', 'web'])).spec.replicas, 1);
});

test('replace, set env|resources|serviceaccount, rollout restart', async () => {
  const d = await getJson(['deploy', 'web']);
  d.metadata.labels = { ...d.metadata.labels, replaced: 'yes' };
  const file = join(cluster.dir, 'web.json');
  writeFileSync(file, JSON.stringify(d));
  assert.match(await ok(['replace', '-f', file]), /deployment.apps\/web replaced/);
  assert.is((await getJson(['deploy', 'web'])).metadata.labels.replaced, 'yes');
  // A stale resourceVersion is a conflict.
  const r = await kubectl(['replace', '-f', file]);
  assert.match(r.stderr, /Operation cannot be fulfilled on deployments.apps "web": the object has been modified/);
  await ok(['set', 'env', 'deploy/web', 'MODE=prod', 'LEVEL=3']);
  await ok(['set', 'resources', 'deploy/web', '--limits=cpu=200m,memory=128Mi', '--requests=cpu=100m']);
  await ok(['create', 'serviceaccount', 'runner']);
  await ok(['set', 'serviceaccount', 'deploy/web', 'runner']);
  let c = (await getJson(['deploy', 'web'])).spec.template.spec;
  assert.equal(c.containers[0].env, [{ name: 'MODE', value: 'prod' }, { name: 'LEVEL', value: '3' }]);
  assert.equal(c.containers[0].resources, { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '100m' } });
  assert.is(c.serviceAccountName, 'runner');
  await ok(['set', 'env', 'deploy/web', 'MODE-']);
  c = (await getJson(['deploy', 'web'])).spec.template.spec;
  assert.equal(c.containers[0].env, [{ name: 'LEVEL', value: '3' }]);
  assert.match(await ok(['rollout', 'restart', 'deploy/web']), /deployment.apps\/web restarted/);
  const restarted = (await getJson(['deploy', 'web'])).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
  assert.ok(!Number.isNaN(Date.parse(restarted)), restarted);
});

test.run();
