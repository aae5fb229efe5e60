import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir, ROOT } from '../support/cli.js';

const SHOP = join(ROOT, 'test/fixtures/template/shop');

function chartWith(files: Record<string, string>): string {
  const chart = join(tempDir(), 'shop');
  cpSync(SHOP, chart, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(chart, name, '..'), { recursive: true });
    writeFileSync(join(chart, name), text);
  }
  return chart;
}

test('a good chart lints clean with an INFO finding and exit 0', async () => {
  const r = await skiff(['lint', SHOP]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /==> Linting .*shop/);
  assert.match(r.stdout, /\[INFO\] Chart\.yaml: icon is recommended/);
  assert.match(r.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
});

test('the example charts lint clean', async () => {
  const r = await skiff(['lint', join(ROOT, 'charts/webapp'), join(ROOT, 'charts/platform'), '--with-subcharts']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /2 chart\(s\) linted, 0 chart\(s\) failed/);
});

test('a template error is reported with file:line and exit 1', async () => {
  const chart = chartWith({ 'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {% if %}\n' });
  const r = await skiff(['lint', chart]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /\[ERROR\] templates\/service\.yaml(:\d+)?: /);
  assert.match(r.stderr, /1 chart\(s\) linted, 1 chart\(s\) failed/);
});

test('--strict turns warnings into failures', async () => {
  const chart = chartWith({ 'templates/old.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n' });
  const lax = await skiff(['lint', chart]);
  assert.is(lax.code, 0, lax.stdout);
  assert.match(lax.stdout, /\[WARNING\] templates\/old\.yaml: extensions\/v1beta1 Ingress is deprecated/);
  const strict = await skiff(['lint', chart, '--strict']);
  assert.is(strict.code, 1);
});

test('values flags are linted against the schema; --quiet hides INFO', async () => {
  const r = await skiff(['lint', SHOP, '--set', 'replicas=-1', '--quiet']);
  assert.is(r.code, 1);
  assert.not.match(r.stdout, /INFO/);
  assert.match(r.stdout, /replicas/);
});

test('an invalid object name is a warning (as in Helm), --strict fails on it; a missing chart is an error', async () => {
  const chart = chartWith({ 'templates/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n' });
  const r = await skiff(['lint', chart, join(tempDir(), 'missing')]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /\[WARNING\] templates\/bad\.yaml: object name does not conform to Kubernetes naming requirements: "Not_Valid": metadata\.name: Invalid value: "Not_Valid": a lowercase RFC 1123 subdomain/);
  assert.match(r.stdout, /unable to load chart/);
  assert.match(r.stderr, /2 chart\(s\) linted, 1 chart\(s\) failed/);
  const strict = await skiff(['lint', chart, '--strict']);
  assert.is(strict.code, 1);
});

test('lint reports what Helm 4 reports, line for line: names by kind, indents, selectors, extensions, versions, values.yaml', async () => {
  const dir = join(tempDir(), 'c');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: v1.2.3\n');
  const doc = (apiVersion: string, kind: string, name: string, extra = '') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${JSON.stringify(name)}\n${extra}`;
  writeFileSync(join(dir, 'templates', 'a.yaml'), [
    doc('rbac.authorization.k8s.io/v1', 'ClusterRole', '{{ .Release.Name }}:reader'),
    doc('rbac.authorization.k8s.io/v1', 'RoleBinding', 'a/b%c'),
    doc('v1', 'Service', '1svc'),
    doc('v1', 'Namespace', 'team.a'),
    doc('v1', 'Namespace', 'Team'),
    doc('v1', 'ServiceAccount', 'sa.ok'),
    doc('certificates.k8s.io/v1', 'CertificateSigningRequest', 'Anything_Goes'),
    doc('v1', 'ConfigMap', 'x'.repeat(254)),
    doc('apps/v1', 'Deployment', 'nosel', 'spec:\n  template: {}\n'),
  ].join('---\n'));
  writeFileSync(join(dir, 'templates', 'b.yaml'), '  indented: true\n');
  writeFileSync(join(dir, 'templates', 'c.yaml'), '# only a comment\n');
  writeFileSync(join(dir, 'templates', 'README.md'), 'not a template\n');
  const s = await skiff(['lint', dir]);
  const { run } = await import('../support/cli.js');
  const { helm4Binary } = await import('../support/helm.js');
  const h = await run(helm4Binary(), ['lint', dir]);
  assert.is(s.code, h.code, s.stdout);
  assert.is(s.code, 1);
  assert.is(s.stdout, h.stdout);
  // A chart Helm passes (cert-manager's RBAC names hold colons) passes.
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.2.3\n');
  writeFileSync(join(dir, 'templates', 'a.yaml'), doc('rbac.authorization.k8s.io/v1', 'ClusterRole', '{{ .Release.Name }}:reader'));
  writeFileSync(join(dir, 'templates', 'README.md'), '');
  const { rmSync } = await import('node:fs');
  rmSync(join(dir, 'templates', 'README.md'));
  const ok = await skiff(['lint', dir]);
  assert.is(ok.code, 0, ok.stdout);
  assert.is(ok.stdout, (await run(helm4Binary(), ['lint', dir])).stdout);
});

test('-o json reports findings for CI', async () => {
  const r = await skiff(['lint', SHOP, '-o', 'json']);
  assert.is(r.code, 0);
  const j = JSON.parse(r.stdout);
  assert.is(j.failed, 0);
  assert.equal(j.charts[0].findings[0], { severity: 'INFO', path: 'Chart.yaml', message: 'icon is recommended' });
});

test.run();
