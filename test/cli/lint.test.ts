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

test('an invalid object name and a missing chart are errors', async () => {
  const chart = chartWith({ 'templates/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n' });
  const r = await skiff(['lint', chart, join(tempDir(), 'missing')]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /\[ERROR\] templates\/bad\.yaml: object name "Not_Valid"/);
  assert.match(r.stdout, /unable to load chart/);
  assert.match(r.stderr, /2 chart\(s\) linted, 2 chart\(s\) failed/);
});

test('-o json reports findings for CI', async () => {
  const r = await skiff(['lint', SHOP, '-o', 'json']);
  assert.is(r.code, 0);
  const j = JSON.parse(r.stdout);
  assert.is(j.failed, 0);
  assert.equal(j.charts[0].findings[0], { severity: 'INFO', path: 'Chart.yaml', message: 'icon is recommended' });
});

test.run();
