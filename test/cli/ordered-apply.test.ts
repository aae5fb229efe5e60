// Ordered apply (HIP-0025) through the built CLI on the bundled cluster: the
// steps a user sees, a group that never becomes ready holding back the groups
// that depend on it, and a depends-on cycle refused with exit 1, the groups
// named, and nothing in the cluster or the history.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { isNotFound } from '../../src/kube/client.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const secrets = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };
const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

function chartDir(name: string, templates: Record<string, string>): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(dir, 'templates', f), t);
  return dir;
}

const annotations = (group: string, after?: string) => `  annotations:\n    helm.sh/resource-group: ${group}\n${after ? `    helm.sh/depends-on/resource-groups: '${after}'\n` : ''}`;
const deployment = (name: string, group: string, podSpec = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${annotations(group)}spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${podSpec}      containers: [{name: c, image: nginx}]
`;
const configMap = (name: string, group: string, after?: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${annotations(group, after)}data: {k: v}
`;

const historyOf = async (name: string) =>
  (await rt.client.list<{ metadata: { labels: Record<string, string> } } & import('../../src/apimachinery/types.js').KubeObject>({ ...secrets }, { labelSelector: `name=${name}` })).items
    .map((s) => `${s.metadata.labels!.version}:${s.metadata.labels!.status}`)
    .sort();
const exists = (name: string) =>
  rt.client.get({ ...configmaps, name }).then(
    () => true,
    (e: unknown) => (isNotFound(e) ? false : Promise.reject(e)),
  );

test('install shows each group as a step and waits for it; uninstall removes them in reverse', async () => {
  const dir = chartDir('shop', { 'db.yaml': deployment('db', 'database'), 'app.yaml': configMap('app-config', 'app', '["database"]') });
  const r = await skiff(['install', 'shop', dir, '--wait=ordered', '--timeout', '60s', ...K]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /--wait=ordered \(HIP-0025 draft\) is read as --wait=watcher/);
  const applying = r.stdout.split('\n').filter((l) => /Applying|Waiting up to/.test(l));
  assert.match(applying.join('\n'), /Applying group database \(chart shop\) \(1 resource; step 1 of 2\)[^]*Waiting up to 1m0s for group database \(chart shop\) \(1 resources\) to become ready[^]*Applying group app \(chart shop\) \(1 resource; step 2 of 2\)/);
  assert.equal(await historyOf('shop'), ['1:deployed']);
  // Helm 4 reads the record, and the recorded manifest keeps the ordering annotations.
  const h = await run(helm4Binary(), ['get', 'manifest', 'shop', ...K]);
  assert.is(h.code, 0, h.stderr);
  assert.match(h.stdout, /helm\.sh\/depends-on\/resource-groups: '\["database"\]'/);
  const u = await skiff(['uninstall', 'shop', ...K]);
  assert.is(u.code, 0, u.stderr);
  assert.not.ok(await exists('app-config'));
});

test('a group that never becomes ready holds back the group that depends on it; the release is failed', async () => {
  const stuck = deployment('db', 'database', '      nodeSelector: {skiff.test/no-such-node: "true"}\n');
  const dir = chartDir('held', { 'db.yaml': stuck, 'app.yaml': configMap('held-config', 'app', 'database') });
  const r = await skiff(['install', 'held', dir, '--timeout', '2s', ...K]);
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stderr, /timed out after 2s waiting for 1 of 1 resources to become ready:\n\s+not ready: Deployment db: /);
  assert.not.ok(await exists('held-config'), 'the dependent group was never applied');
  assert.equal(await historyOf('held'), ['1:failed']);
});

test('subcharts in charts/ follow depends-on (by alias) and helm.sh/depends-on/subcharts: a stuck subchart holds back its dependents', async () => {
  const root = chartDir('stack', { 'top.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stack-top\ndata: {k: v}\n' });
  writeFileSync(
    join(root, 'Chart.yaml'),
    `apiVersion: v2
name: stack
version: 1.0.0
annotations:
  helm.sh/depends-on/subcharts: api
dependencies:
  - {name: store, version: 1.0.0, alias: database}
  - {name: api, version: 1.0.0, depends-on: [database]}
  - {name: extra, version: 1.0.0}
`,
  );
  const sub = (name: string, templates: Record<string, string>) => {
    mkdirSync(join(root, 'charts', name, 'templates'), { recursive: true });
    writeFileSync(join(root, 'charts', name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
    for (const [f, t] of Object.entries(templates)) writeFileSync(join(root, 'charts', name, 'templates', f), t);
  };
  sub('store', { 'db.yaml': deployment('stack-db', 'db', '      nodeSelector: {skiff.test/no-such-node: "true"}\n') });
  sub('api', { 'api.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stack-api\ndata: {k: v}\n' });
  sub('extra', { 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stack-extra\ndata: {k: v}\n' });
  const r = await skiff(['install', 'stack', root, '--wait=legacy', '--timeout', '2s', ...K]);
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stdout, /Applying group db \(chart stack\/charts\/database\), chart stack\/charts\/extra \(2 resources; step 1 of 3\)/);
  assert.match(r.stderr, /timed out after 2s waiting for 1 of 2 resources to become ready:\n\s+not ready: Deployment stack-db: /);
  assert.ok(await exists('stack-extra'), 'a subchart nothing orders goes in the first step');
  assert.not.ok(await exists('stack-api'), 'api waits for database');
  assert.not.ok(await exists('stack-top'), 'the parent waits for api');
  assert.equal(await historyOf('stack'), ['1:failed']);
  // An unknown name in depends-on is refused before anything is written.
  writeFileSync(join(root, 'Chart.yaml'), `apiVersion: v2\nname: stack2\nversion: 1.0.0\ndependencies:\n  - {name: api, version: 1.0.0, depends-on: [store]}\n`);
  const bad = await skiff(['install', 'stack2', root, ...K]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /Error: stack2\/Chart\.yaml: dependency "api" depends-on "store", which is not a dependency of chart "stack2"; its dependencies are: api/);
  assert.equal(await historyOf('stack2'), []);
});

test('a depends-on cycle is refused: exit 1, the groups and objects named, nothing applied, no history; lint reports it', async () => {
  const dir = chartDir('loop', { 'a.yaml': configMap('loop-a', 'first', 'second'), 'b.yaml': configMap('loop-b', 'second', 'first') });
  for (const args of [['install', 'loop', dir], ['upgrade', '--install', 'loop', dir], ['install', 'loop', dir, '--dry-run']]) {
    const r = await skiff([...args, ...K]);
    assert.is(r.code, 1, args.join(' '));
    assert.match(r.stderr, /Error: the resource groups of chart "loop" depend on each other in a cycle: first -> second -> first \(group first: ConfigMap loop-a \(loop\/templates\/a\.yaml\); group second: ConfigMap loop-b \(loop\/templates\/b\.yaml\)\)/, args.join(' '));
  }
  // lint reports it too, so CI catches it before anyone installs.
  const lint = await skiff(['lint', dir]);
  assert.is(lint.code, 1, lint.stdout);
  assert.match(lint.stdout, /\[ERROR\].*the resource groups of chart "loop" depend on each other in a cycle: first -> second -> first/);
  assert.not.ok(await exists('loop-a'));
  assert.not.ok(await exists('loop-b'));
  assert.equal(await historyOf('loop'), []);
});

test.run();
