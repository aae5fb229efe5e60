import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, run, tempDir, ROOT } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';

const SHOP = join(ROOT, 'test/fixtures/template/shop');
const SHOP_GO = join(ROOT, 'test/fixtures/template/shop-go');

test('template output matches helm template on the same chart, byte for byte', async () => {
  const flags = ['--include-crds', '-n', 'shop-ns', '--set', 'replicas=5', '--set-string', 'image.tag=1.28', '--set', 'env.EXTRA=yes'];
  const s = await skiff(['template', 'demo', SHOP, ...flags]);
  const h = await run(helmBinary(), ['template', 'demo', SHOP_GO, ...flags]);
  assert.is(s.code, 0, s.stderr);
  assert.is(h.code, 0, h.stderr);
  assert.is(s.stdout, h.stdout);
  assert.match(s.stdout, /replicas: 5/);
});

test('identical input gives identical bytes', async () => {
  const a = await skiff(['template', 'demo', SHOP]);
  const b = await skiff(['template', 'demo', SHOP]);
  assert.is(a.code, 0);
  assert.is(a.stdout, b.stdout);
});

test('the release name defaults like Helm and subcharts can be disabled by condition', async () => {
  const r = await skiff(['template', SHOP, '--set', 'db.enabled=false']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /name: release-name-shop/);
  assert.not.match(r.stdout, /StatefulSet/);
});

test('--show-only picks templates, --skip-tests drops test hooks, unknown template is an error', async () => {
  const r = await skiff(['template', 'demo', SHOP, '-s', 'templates/service.yaml', '-s', 'charts/db/templates/*.yaml']);
  assert.is(r.code, 0, r.stderr);
  const sources = r.stdout.match(/^# Source: .*$/gm);
  assert.equal(sources, ['# Source: shop/templates/service.yaml', '# Source: shop/charts/db/templates/statefulset.yaml']);
  const t = await skiff(['template', 'demo', SHOP, '--skip-tests']);
  assert.not.match(t.stdout, /test-connection/);
  assert.match(t.stdout, /pre-install-job/);
  const bad = await skiff(['template', 'demo', SHOP, '-s', 'templates/nope.yaml']);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /could not find template templates\/nope\.yaml in chart/);
});

test('-f files and --set-json layer over chart defaults', async () => {
  const dir = tempDir();
  const f = join(dir, 'v.yaml');
  writeFileSync(f, 'replicas: 3\nenv:\n  MODE: dev\n');
  const r = await skiff(['template', 'demo', SHOP, '-f', f, '--set-json', 'env={"MODE":"json"}', '-s', 'templates/deployment.yaml']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /replicas: 3/);
  assert.match(r.stdout, /value: "json"/);
  assert.match(r.stdout, /value: "info"/);
});

test('-o json gives a structured result for CI scripts', async () => {
  const r = await skiff(['template', 'demo', SHOP, '-o', 'json', '--include-crds']);
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.is(j.release.name, 'demo');
  assert.ok(j.manifests.some((m: { kind: string; name: string }) => m.kind === 'Deployment' && m.name === 'demo-shop'));
  assert.ok(j.hooks.some((h: { events: string[] }) => h.events.includes('test')));
  assert.is(j.crds.length, 1);
  assert.match(j.notes, /Thanks for installing shop as demo/);
});

test('--output-dir writes one file per template', async () => {
  const dir = tempDir();
  const r = await skiff(['template', 'demo', SHOP, '--output-dir', dir]);
  assert.is(r.code, 0, r.stderr);
  const cm = readFileSync(join(dir, 'shop/templates/configmap.yaml'), 'utf8');
  // the ConfigMap, the Secret and the document of comments only between them, as Helm writes them
  assert.is((cm.match(/^---$/gm) ?? []).length, 3);
  assert.ok(existsSync(join(dir, 'shop/charts/db/templates/statefulset.yaml')));
});

test('--kube-version and --api-versions reach Capabilities', async () => {
  const dir = tempDir();
  const chart = join(dir, 'caps');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: caps\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caps\ndata:\n  minor: "{{ Capabilities.KubeVersion.Minor }}"\n  mon: "{{ Capabilities.APIVersions.Has(\'monitoring.coreos.com/v1\') }}"\n  apps: "{{ Capabilities.APIVersions.Has(\'apps/v1/Deployment\') }}"\n');
  const r = await skiff(['template', chart, '--kube-version', '1.29.3', '-a', 'monitoring.coreos.com/v1']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /minor: "29"/);
  assert.match(r.stdout, /mon: "true"/);
  assert.match(r.stdout, /apps: "true"/);
});

function brokenChart(files: Record<string, string>): string {
  const dir = tempDir();
  const chart = join(dir, 'broken');
  cpSync(SHOP, chart, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(chart, name, '..'), { recursive: true });
    writeFileSync(join(chart, name), text);
  }
  return chart;
}

test('bad input: template syntax error names file and line, exit 1', async () => {
  const chart = brokenChart({ 'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ Release.Name }\n' });
  const r = await skiff(['template', 'demo', chart]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /templates\/service\.yaml/);
  assert.match(r.stderr, /line 4|:4/);
  assert.not.match(r.stderr, /    at /);
});

test('bad input: a missing required value', async () => {
  const chart = brokenChart({ 'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ Values.serviceName | required("serviceName is required") }}\n' });
  const r = await skiff(['template', 'demo', chart]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /serviceName is required/);
});

test('bad input: schema violation lists the path', async () => {
  const r = await skiff(['template', 'demo', SHOP, '--set', 'replicas=lots']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /replicas/);
  assert.match(r.stderr, /integer/);
  const skipped = await skiff(['template', 'demo', SHOP, '--set', 'replicas=lots', '--skip-schema-validation']);
  assert.is(skipped.code, 0, skipped.stderr);
});

test('bad input: a malformed --set expression', async () => {
  const r = await skiff(['template', 'demo', SHOP, '--set', 'a[x]=1']);
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /^Error: .*a\[x\]/m);
});

test('bad input: malformed values.yaml and Chart.yaml name the file and line', async () => {
  const v = await skiff(['template', 'demo', brokenChart({ 'values.yaml': 'replicas: 2\nimage:\n  repository: [nginx\n' })]);
  assert.is(v.code, 1);
  assert.match(v.stderr, /values\.yaml/);
  assert.match(v.stderr, /line \d+|:\d+/);
  const c = await skiff(['template', 'demo', brokenChart({ 'Chart.yaml': 'apiVersion: v2\nname: shop\n  version: 1.0.0\n' })]);
  assert.is(c.code, 1);
  assert.match(c.stderr, /Chart\.yaml/);
});

test('bad input: a template that renders invalid YAML names the template', async () => {
  const chart = brokenChart({ 'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   bad: indent: here\n' });
  const r = await skiff(['template', 'demo', chart]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /shop\/templates\/service\.yaml|broken\/templates\/service\.yaml|templates\/service\.yaml/);
});

test('a library chart cannot be rendered directly', async () => {
  const chart = brokenChart({ 'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ntype: library\n' });
  const r = await skiff(['template', 'demo', chart]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /library/);
});

test('an invalid release name is refused with Helm\'s rule', async () => {
  const r = await skiff(['template', 'Bad_Name', SHOP]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /invalid release name/);
  const out = readdirSync(ROOT).filter((f) => f === 'Bad_Name');
  assert.is(out.length, 0);
});

test('getHostByName: "" as in Helm unless --enable-dns; with it, the address, and a clear error for an unknown host', async () => {
  const dns = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dns\ndata:\n  local: "{{ getHostByName(\"localhost\") }}"\n  piped: "{{ \"localhost\" | getHostByName }}"\n';
  const chart = brokenChart({ 'templates/dns.yaml': dns });
  const plain = await skiff(['template', 'demo', chart, '--show-only', 'templates/dns.yaml']);
  assert.is(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /local: ""\n  piped: ""/);
  const enabled = await skiff(['template', 'demo', chart, '--show-only', 'templates/dns.yaml', '--enable-dns']);
  assert.is(enabled.code, 0, enabled.stderr);
  assert.match(enabled.stdout, /local: "(127\.0\.0\.1|::1)"\n  piped: "(127\.0\.0\.1|::1)"/);
  const unknown = brokenChart({ 'templates/dns.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dns\ndata:\n  x: "{{ getHostByName(\"no-such-host.invalid\") }}"\n' });
  const r = await skiff(['template', 'demo', unknown, '--enable-dns']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /templates\/dns\.yaml/);
  assert.match(r.stderr, /no address found for host "no-such-host\.invalid"/);
});

test.run();
