// The manifest a release records is the one Helm records for the same chart:
// documents of comments only (a resource switched off by a condition) are
// kept, in Helm's order, and never applied; `get manifest` prints it as Helm
// does (Fprintln), whichever tool installed the release.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';

let rt: Runtime;
let K: string[];

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

const dir = join(tempDir('skiff-chart-'), 'c');
mkdirSync(join(dir, 'templates'), { recursive: true });
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
writeFileSync(join(dir, 'values.yaml'), 'extra: false\n');
writeFileSync(join(dir, 'templates', 'a.yaml'), '# leading comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-{{ .Release.Name }}\ndata:\n  x: "1"\n---\n# trailing comment\n# two lines\n');
writeFileSync(join(dir, 'templates', 'b.yaml'), '{{- if .Values.extra }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b-{{ .Release.Name }}\n{{- end }}\n# b is switched off\n');

async function ok(cmd: Promise<{ code: number; stdout: string; stderr: string }>): Promise<string> {
  const r = await cmd;
  assert.is(r.code, 0, r.stderr);
  return r.stdout;
}

test('skiff records and prints the same manifest as Helm 4, comment-only documents included', async () => {
  await ok(skiff(['install', 'r', dir, '-n', 'one', '--create-namespace', ...K]));
  await ok(run(helm4Binary(), ['install', 'r', dir, '-n', 'two', '--create-namespace', ...K]));
  const helmOfHelm = await ok(run(helm4Binary(), ['get', 'manifest', 'r', '-n', 'two', ...K]));
  assert.match(helmOfHelm, /# trailing comment\n# two lines\n/);
  assert.match(helmOfHelm, /# b is switched off\n/);
  const helmOfSkiff = await ok(run(helm4Binary(), ['get', 'manifest', 'r', '-n', 'one', ...K]));
  const skiffOfSkiff = await ok(skiff(['get', 'manifest', 'r', '-n', 'one', ...K]));
  const skiffOfHelm = await ok(skiff(['get', 'manifest', 'r', '-n', 'two', ...K]));
  for (const out of [helmOfSkiff, skiffOfSkiff, skiffOfHelm]) assert.is(JSON.stringify(out), JSON.stringify(helmOfHelm));
  // The comment-only documents were never applied, and an upgrade that switches b on applies it.
  const cms = await rt.client.list({ group: '', version: 'v1', resource: 'configmaps', namespace: 'one' });
  assert.equal(cms.items.map((c) => c.metadata.name).filter((n) => n !== 'kube-root-ca.crt').sort(), ['a-r']);
  await ok(skiff(['upgrade', 'r', dir, '-n', 'one', '--set', 'extra=true', ...K]));
  await ok(run(helm4Binary(), ['upgrade', 'r', dir, '-n', 'two', '--set', 'extra=true', ...K]));
  const after = await ok(skiff(['get', 'manifest', 'r', '-n', 'one', ...K]));
  assert.is(JSON.stringify(after), JSON.stringify(await ok(run(helm4Binary(), ['get', 'manifest', 'r', '-n', 'two', ...K]))));
  const names = (await rt.client.list({ group: '', version: 'v1', resource: 'configmaps', namespace: 'one' })).items.map((c) => c.metadata.name);
  assert.ok(names.includes('b-r'), names.join(','));
  // Uninstall of a release whose record holds comment-only documents leaves nothing.
  await ok(skiff(['uninstall', 'r', '-n', 'two', ...K]));
  const left = (await rt.client.list({ group: '', version: 'v1', resource: 'configmaps', namespace: 'two' })).items.map((c) => c.metadata.name);
  assert.equal(left.filter((n) => n !== 'kube-root-ca.crt'), []);
});

test.run();
