// `skiff template --dry-run=server` on the bundled cluster, with Helm 4.1.4 as
// the oracle where it prints the same: the cluster's Capabilities and `lookup`
// answers in the render, objects existing outside the release and kinds the
// cluster does not serve refused, and (beyond Helm) the API server's own
// validation of every object in a server-side dry run. --dry-run's values and
// --validate as Helm 4 reads them for template. Nothing is ever written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, run, tempDir } from '../support/cli.js';
import { helm4Binary, helmHomeEnv } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const home = tempDir('skiff-tpl-server-');
const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

function chart(name: string, templates: Record<string, string>, crds: Record<string, string> = {}): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(dir, 'templates', f), t);
  if (Object.keys(crds).length) mkdirSync(join(dir, 'crds'));
  for (const [f, t] of Object.entries(crds)) writeFileSync(join(dir, 'crds', f), t);
  return dir;
}

const PROBE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-probe
data:
  kube: {{ .Capabilities.KubeVersion.Version | quote }}
  seen: {{ (lookup "v1" "ConfigMap" "default" "existing").data | toJson | quote }}
  widgets: {{ .Capabilities.APIVersions.Has "example.com/v1" | quote }}
`;

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  await rt.client.create(configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'existing' }, data: { owner: 'someone else' } });
});
test.after(async () => {
  await rt?.stop();
});

const helm4 = (args: string[]) => run(helm4Binary(), ['template', ...args, ...K], { env: { ...helmHomeEnv(join(home, 'h4')), HOME: home }, timeoutMs: 60_000 });
const names = async () => ((await rt.client.list<any>(configmaps)).items as { metadata: { name: string } }[]).map((c) => c.metadata.name).sort();

test('server mode renders with the cluster: its version, API versions and lookup, as Helm 4 prints them', async () => {
  const before = await names();
  const dir = chart('probe', { 'cm.yaml': PROBE });
  const ours = await skiff(['template', 'r', dir, '--dry-run=server', ...K]);
  assert.is(ours.code, 0, ours.stderr);
  assert.match(ours.stdout, /seen: "\{\\"owner\\":\\"someone else\\"\}"/, 'lookup read the live ConfigMap');
  assert.match(ours.stdout, /kube: "v[\d.]+\+skiff"/, "the bundled cluster's version");
  const theirs = await helm4(['r', dir, '--dry-run=server']);
  assert.is(theirs.code, 0, theirs.stderr);
  assert.is(ours.stdout, theirs.stdout);

  const client = await skiff(['template', 'r', dir, ...K]);
  assert.match(client.stdout, /seen: "null"/, 'client mode (the default) never reads the cluster');
  assert.is((await skiff(['template', 'r', dir, '--dry-run=client', ...K])).stdout, client.stdout);
  assert.equal(await names(), before, 'nothing written');
});

test('objects existing outside the release, unserved kinds and invalid fields are refused with their template; nothing is written', async () => {
  const before = await names();
  const dir = chart('bad', {
    'taken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: existing\ndata:\n  a: b\n',
    'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    'dep.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dep\nspec:\n  bogusField: 1\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: nginx}]}\n',
  });
  const r = await skiff(['template', 'r', dir, '--dry-run=server', ...K]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /bad\/templates\/taken\.yaml: ConfigMap "existing" in namespace "default" exists and cannot be imported into the current release: invalid ownership metadata/);
  assert.match(r.stderr, /bad\/templates\/widget\.yaml: Widget\/w: .*no matches for kind "Widget" in version "example\.com\/v1"/);
  assert.match(r.stderr, /bad\/templates\/dep\.yaml: Deployment\/dep: .*unknown field "spec\.bogusField"/);
  assert.equal(await names(), before, 'nothing written');
  // Helm 4 refuses this chart too (it stops at the first problem).
  assert.is((await helm4(['r', dir, '--dry-run=server'])).code, 1);
  // --is-upgrade: the objects may exist already (Helm skips the ownership check too).
  const taken = chart('taken', { 'taken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: existing\ndata:\n  a: b\n' });
  assert.is((await skiff(['template', 'r', taken, '--dry-run=server', ...K])).code, 1);
  const up = await skiff(['template', 'r', taken, '--dry-run=server', '--is-upgrade', ...K]);
  assert.is(up.code, 0, up.stderr);
  assert.is((await rt.client.get<any>({ ...configmaps, name: 'existing' })).data.owner, 'someone else', 'the dry run changed nothing');
});

test("kinds defined by the chart's crds/ are left unchecked with a warning; a missing namespace is a warning", async () => {
  const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\nspec:\n  group: example.com\n  names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}\n';
  const dir = chart('crdful', { 'g.yaml': 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n', 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n' }, { 'crd.yaml': crd });
  const r = await skiff(['template', 'r', dir, '--dry-run=server', ...K]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /Warning: not validated, their kinds are defined by the chart's crds\/.*: Gadget\/g/);
  assert.match(r.stdout, /kind: Gadget/);
  const elsewhere = await skiff(['template', 'r', dir, '--dry-run=server', '-n', 'nowhere', ...K]);
  assert.is(elsewhere.code, 0, elsewhere.stderr);
  assert.match(elsewhere.stderr, /Warning: namespace "nowhere" does not exist/);
});

test('install and upgrade --dry-run=server check the same on the cluster; nothing is written, no revision recorded', async () => {
  const taken = chart('takeninst', { 'taken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: existing\ndata:\n  a: b\n', 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-bad\nbogus: 1\n' });
  const before = await names();
  const r = await skiff(['install', 'ti', taken, '--dry-run=server', ...K]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /takeninst\/templates\/taken\.yaml: ConfigMap "existing" in namespace "default" exists and cannot be imported into the current release/);
  assert.match(r.stderr, /takeninst\/templates\/bad\.yaml: ConfigMap\/ti-bad: .*unknown field "bogus"/);
  const h4 = await run(helm4Binary(), ['install', 'ti', taken, '--dry-run=server', ...K], { env: { ...helmHomeEnv(join(home, 'h4')), HOME: home }, timeoutMs: 60_000 });
  assert.is(h4.code, 1, 'Helm 4 refuses the taken object too');
  assert.equal(await names(), before);
  assert.is((await skiff(['status', 'ti', ...K])).code, 1, 'no release recorded');
  // A good chart passes, and an upgrade's objects may already exist.
  const good = chart('good', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n' });
  assert.is((await skiff(['install', 'g', good, ...K])).code, 0);
  const up = await skiff(['upgrade', 'g', good, '--dry-run=server', ...K]);
  assert.is(up.code, 0, up.stderr);
  const badUp = await skiff(['upgrade', 'g', taken, '--dry-run=server', ...K]);
  assert.is(badUp.code, 1);
  assert.match(badUp.stderr, /unknown field "bogus"/);
  assert.not.match(badUp.stderr, /cannot be imported/, 'ownership is not checked for an upgrade');
  assert.is(JSON.parse((await skiff(['history', 'g', '-o', 'json', ...K])).stdout).length, 1);
});

test('--dry-run values and --validate as Helm 4 reads them for template', async () => {
  const dir = chart('probe2', { 'cm.yaml': PROBE });
  for (const bad of ['none', 'false', 'maybe']) {
    const r = await skiff(['template', 'r', dir, `--dry-run=${bad}`, ...K]);
    assert.is(r.code, 2, bad);
    assert.match(r.stderr, new RegExp(`invalid dry-run value \\("${bad}"\\)\\. Must be "server" or "client"`));
    assert.is((await helm4(['r', dir, `--dry-run=${bad}`])).code, 1, `Helm 4 refuses --dry-run=${bad} too`);
  }
  const bare = await skiff(['template', '--dry-run', 'r', dir, ...K]);
  assert.is(bare.code, 0, bare.stderr);
  assert.match(bare.stderr, /--dry-run is deprecated and should be replaced with '--dry-run=client'/);
  assert.match(bare.stdout, /seen: "null"/);
  const validate = await skiff(['template', 'r', dir, '--validate', ...K]);
  assert.is(validate.code, 0, validate.stderr);
  assert.match(validate.stderr, /Flag --validate has been deprecated, use '--dry-run=server' instead/);
  assert.match(validate.stdout, /seen: "\{\\"owner/);
  const both = await skiff(['template', 'r', dir, '--validate', '--dry-run=server', ...K]);
  assert.is(both.code, 2);
  const ignored = await skiff(['template', 'r', dir, '--dry-run=server', '--kube-version', '1.20.0', ...K]);
  assert.match(ignored.stderr, /--kube-version and --api-versions are ignored with --dry-run=server/);
  assert.not.match(ignored.stdout, /v1\.20\.0/);
});

test.run();
