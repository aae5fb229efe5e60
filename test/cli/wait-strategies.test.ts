// Helm 4's --wait strategies through the built CLI on the bundled cluster:
// watcher (kstatus, watches) with a Deployment, a Job and a custom resource
// whose Ready condition flips during the wait; legacy; hookOnly (the default
// without --wait); a failed Job ending the wait at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir, CLI } from '../support/cli.js';

let rt: Runtime;
let K: string[];
const secrets = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };
const widgets = { group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'default' };

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

function chartDir(name: string, templates: Record<string, string>, crds: Record<string, string> = {}): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'crds'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(dir, 'templates', f), t);
  for (const [f, t] of Object.entries(crds)) writeFileSync(join(dir, 'crds', f), t);
  return dir;
}

const deployment = (name: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
${extra}    spec:
      containers: [{name: c, image: nginx}]
`;
const job = (name: string, annotations: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations: {${annotations}}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`;
// No status subresource: the chart's status is stored, and the test flips it as a controller would.
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;
const widget = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec: {size: 1}
status:
  conditions:
  - {type: Ready, status: "False", reason: Provisioning, message: waiting for a bucket}
`;
const stuck = deployment('stuck', '').replace('    spec:\n', '    spec:\n      nodeSelector: {skiff.test/no-such-node: "true"}\n');

const historyOf = async (name: string) =>
  (await rt.client.list<any>({ ...secrets }, { labelSelector: `name=${name}` })).items.map((s) => `${s.metadata.labels.version}:${s.metadata.labels.status}`).sort();

test('watcher: waits for a Deployment, a Job (--wait-for-jobs) and a custom resource until its Ready condition turns True', async () => {
  const dir = chartDir('watched', { 'd.yaml': deployment('web'), 'j.yaml': job('once', 'sim.skiff.dev/run-time: 1s'), 'w.yaml': widget }, { 'widget.yaml': crd });
  const child = spawn(process.execPath, [CLI, 'install', 'watched', dir, '--wait', '--wait-for-jobs', '--timeout', '90s', ...K], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number>((r) => child.on('close', (code) => r(code ?? -1)));
  // Once the Deployment and the Job are done, only the Widget holds the wait.
  const deadline = Date.now() + 60_000;
  while (!/✓ Job once: Job Completed/.test(out) || !/✓ Deployment web: Deployment is available/.test(out)) {
    if (Date.now() > deadline) throw new Error(`the wait never saw the Deployment and Job ready:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  assert.is(child.exitCode, null, 'still waiting on the Widget');
  assert.match(out, /… Widget w: Ready: False \(Provisioning: waiting for a bucket\)/);
  await rt.client.patch({ ...widgets, name: 'w' }, 'merge', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Provisioned', message: 'bucket ready' }] } });
  const code = await exited;
  assert.is(code, 0, err);
  assert.match(out, /✓ Widget w: Ready \(Provisioned: bucket ready\)/);
  assert.equal(await historyOf('watched'), ['1:deployed']);
});

test('hookOnly is the default without --wait; legacy and watcher time out naming what is not ready', async () => {
  const dir = chartDir('slow', { 'd.yaml': stuck });
  const quick = await skiff(['install', 'slow', dir, ...K]);
  assert.is(quick.code, 0, quick.stderr);
  assert.not.match(quick.stdout, /Waiting up to/);
  assert.equal(await historyOf('slow'), ['1:deployed']);
  for (const strategy of ['--wait=legacy', '--wait=watcher']) {
    const r = await skiff(['upgrade', 'slow', dir, strategy, '--timeout', '2s', ...K]);
    assert.is(r.code, 1, strategy);
    assert.match(r.stderr, /timed out after 2s waiting for 1 of 1 resources to become ready:\n\s+not ready: Deployment stuck: /, strategy);
  }
  const hookOnly = await skiff(['upgrade', 'slow', dir, '--wait=hookOnly', ...K]);
  assert.is(hookOnly.code, 0, hookOnly.stderr);
  assert.equal(await historyOf('slow'), ['1:superseded', '2:failed', '3:failed', '4:deployed']);
});

test('watcher: a failed Job ends the wait at once with its reason; --rollback-on-failure then uninstalls', async () => {
  const dir = chartDir('failing', { 'j.yaml': job('boom', 'sim.skiff.dev/run-time: 500ms, sim.skiff.dev/exit-code: "3"') });
  const t0 = Date.now();
  const r = await skiff(['install', 'failing', dir, '--wait', '--wait-for-jobs', '--rollback-on-failure', '--timeout', '5m', ...K]);
  assert.is(r.code, 1);
  assert.ok(Date.now() - t0 < 60_000, 'did not wait for the timeout');
  assert.match(r.stderr, /has been uninstalled due to atomic being set: Job boom failed: Job Failed/);
  assert.equal(await historyOf('failing'), []);
});

test.run();
