// --crds on the bundled cluster, checked with the real kubectl: install
// creates the chart's CRDs, the default policy leaves a changed CRD alone on
// upgrade, --crds=upgrade applies a compatible change and refuses an
// incompatible one with nothing changed (CRD and history), --crds=skip (and
// its alias --skip-crds) creates nothing, uninstall leaves CRDs, and a bad
// value is a usage error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, run, tempDir, type CliResult } from '../support/cli.js';
import { kubectlBinary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const dir = tempDir('skiff-crd-policy-');

const sk = (args: string[]) => skiff([...args, ...K]);
async function ok(args: string[]): Promise<CliResult> {
  const r = await sk(args);
  assert.is(r.code, 0, `skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}
async function kubectl(args: string[], input?: string): Promise<CliResult> {
  return run(kubectlBinary(), ['--kubeconfig', rt.kubeconfigPath, ...args], { env: { HOME: dir, KUBECACHEDIR: join(dir, 'kcache') }, input });
}
async function kok(args: string[], input?: string): Promise<string> {
  const r = await kubectl(args, input);
  assert.is(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface Crd {
  metadata: { resourceVersion: string };
  spec: { versions: { name: string; served: boolean; storage: boolean }[]; scope: string };
  status: { storedVersions: string[] };
}
const liveCrd = async (name: string) => JSON.parse(await kok(['get', 'crd', name, '-o', 'json'])) as Crd;
const revisions = async (release: string, ...more: string[]) => (JSON.parse((await ok(['history', release, '-o', 'json', ...more])).stdout) as { revision: number; status: string }[]).map((h) => h.revision);

const version = (name: string, served: boolean, storage: boolean, prop = 'size') => `  - name: ${name}
    served: ${served}
    storage: ${storage}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              ${prop}: {type: string}
`;
const crd = (versions: string, plural = 'widgets', kind = 'Widget', scope = 'Namespaced') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.example.com
spec:
  group: example.com
  names: {kind: ${kind}, plural: ${plural}}
  scope: ${scope}
  versions:
${versions}`;

/** A chart `name` whose crds/ holds `crdText` and whose template is one ConfigMap. */
function chart(name: string, crdText: string): string {
  const c = join(dir, name);
  mkdirSync(join(c, 'templates'), { recursive: true });
  mkdirSync(join(c, 'crds'), { recursive: true });
  writeFileSync(join(c, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(c, 'templates', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}-cm}\ndata: {a: b}\n`);
  writeFileSync(join(c, 'crds', 'crd.yaml'), crdText);
  return c;
}

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'rt'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

test('install creates the CRDs of crds/, and a custom resource is stored in its storage version', async () => {
  const c = chart('app', crd(version('v1alpha1', true, true)));
  await ok(['install', 'app', c]);
  const live = await liveCrd('widgets.example.com');
  assert.equal(live.spec.versions.map((v) => v.name), ['v1alpha1']);
  await kok(['apply', '-f', '-'], 'apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: big}\n');
  assert.equal((await liveCrd('widgets.example.com')).status.storedVersions, ['v1alpha1']);
});

test('upgrade with the default policy leaves a changed CRD alone', async () => {
  const before = await liveCrd('widgets.example.com');
  const c = chart('app', crd(version('v1alpha1', true, false) + version('v1', true, true)));
  await ok(['upgrade', 'app', c]);
  const after = await liveCrd('widgets.example.com');
  assert.is(after.metadata.resourceVersion, before.metadata.resourceVersion, 'the CRD was not written');
  assert.equal(after.spec.versions.map((v) => v.name), ['v1alpha1']);
  assert.equal(await revisions('app'), [1, 2]);
});

test('--crds=upgrade applies a compatible change (a new storage version, the stored one still served)', async () => {
  const c = chart('app', crd(version('v1alpha1', true, false) + version('v1', true, true, 'replicas')));
  const r = await ok(['upgrade', 'app', c, '--crds=upgrade']);
  assert.match(r.stdout + r.stderr, /STATUS: deployed/);
  const live = await liveCrd('widgets.example.com');
  assert.equal(live.spec.versions.map((v) => [v.name, v.served, v.storage]), [['v1alpha1', true, false], ['v1', true, true]]);
  assert.equal(live.status.storedVersions, ['v1alpha1', 'v1'], 'the new storage version joined storedVersions');
  // The new version is served: discovery and the schema know it, and the stored object reads through it.
  assert.match(await kok(['explain', 'widgets.spec', '--api-version=example.com/v1']), /replicas/);
  assert.match(await kok(['get', 'widgets.v1.example.com', '-n', 'default', '-o', 'name']), /widget\.example\.com\/w1/);
  assert.equal(await revisions('app'), [1, 2, 3]);
});

test('--crds=upgrade refuses to remove a served version with stored objects: message, exit 1, nothing changed', async () => {
  const before = await liveCrd('widgets.example.com');
  const c = chart('app', crd(version('v1', true, true, 'replicas')));
  const r = await sk(['upgrade', 'app', c, '--crds=upgrade']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'CRD widgets.example.com: spec.versions[v1alpha1] is served by the cluster and has stored objects (status.storedVersions) but the chart removes it');
  assert.match(r.stderr, 'app/crds/crd.yaml');
  const after = await liveCrd('widgets.example.com');
  assert.is(after.metadata.resourceVersion, before.metadata.resourceVersion, 'the live CRD is unchanged');
  assert.equal(await revisions('app'), [1, 2, 3], 'no new revision in the history');
  assert.match((await ok(['status', 'app'])).stdout, /STATUS: deployed/);
});

test('--crds=upgrade refuses a scope or kind change and a version that stops being served', async () => {
  const c = chart('app', crd(version('v1alpha1', false, false) + version('v1', true, true), 'widgets', 'Gizmo', 'Cluster'));
  const r = await sk(['upgrade', 'app', c, '--crds=upgrade']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'CRD widgets.example.com: spec.names.kind would change from "Widget" to "Gizmo"');
  assert.match(r.stderr, 'CRD widgets.example.com: spec.scope would change from "Namespaced" to "Cluster"');
  assert.match(r.stderr, 'CRD widgets.example.com: spec.versions[v1alpha1] is served by the cluster and has stored objects (status.storedVersions) but the chart stops serving it (served: false)');
  assert.equal(await revisions('app'), [1, 2, 3]);
});

test('--crds=skip and its alias --skip-crds create nothing', async () => {
  const c = chart('gadgets', crd(version('v1', true, true), 'gadgets', 'Gadget'));
  await ok(['install', 'g1', c, '--crds=skip']);
  await ok(['install', 'g2', c, '--skip-crds', '-n', 'other', '--create-namespace']);
  const r = await kubectl(['get', 'crd', 'gadgets.example.com']);
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /NotFound/);
  // upgrade under the default policy creates a CRD that is absent
  await ok(['upgrade', 'g1', c]);
  assert.equal((await liveCrd('gadgets.example.com')).spec.versions.map((v) => v.name), ['v1']);
});

test('uninstall leaves the CRDs and their objects', async () => {
  await ok(['uninstall', 'app']);
  await ok(['uninstall', 'g1']);
  assert.equal((await liveCrd('widgets.example.com')).spec.versions.map((v) => v.name), ['v1alpha1', 'v1']);
  await liveCrd('gadgets.example.com');
  assert.match(await kok(['get', 'widgets', '-n', 'default', '-o', 'name']), /w1/);
});

test('a bad --crds value, or --skip-crds against another policy, is a usage error (exit 2)', async () => {
  const c = join(dir, 'gadgets');
  const bad = await sk(['install', 'b', c, '--crds=bogus']);
  assert.is(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, 'invalid value "bogus" for --crds: must be one of skip, create, upgrade');
  const both = await sk(['upgrade', 'g2', c, '--skip-crds', '--crds=upgrade', '-n', 'other']);
  assert.is(both.code, 2, both.stderr);
  assert.match(both.stderr, '--skip-crds contradicts --crds=upgrade');
  assert.is((await sk(['status', 'b'])).code, 1, 'nothing was installed');
  assert.equal(await revisions('g2', '-n', 'other'), [1]);
});

test.run();
