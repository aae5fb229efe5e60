import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadChart, loadChartArchive, archiveChart, assertInstallable, checkKubeVersion, checkDependencies } from '../../src/chart/index.js';
import { ChartInvalidError } from '../../src/errors.js';
import type { Chart } from '../../src/chart/types.js';
import { writeChart, CHART_YAML, chartTgz } from './builders.js';

async function rejects(p: Promise<unknown>, re: RegExp, type: Function = ChartInvalidError): Promise<Error> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, type, `expected ${type.name}, got ${(err as Error).name}: ${(err as Error).message}`);
    assert.match((err as Error).message, re);
    return err as Error;
  }
  assert.unreachable(`expected rejection matching ${re}`);
  throw new Error('unreachable');
}

function subTgz(name: string): Buffer {
  return chartTgz([{ name: `${name}/values.yaml`, data: 'fromArchive: true\n' }], name);
}

function fullChart(): string {
  return writeChart({
    'Chart.yaml': CHART_YAML('demo', '1.2.3', 'appVersion: 1.10\ndescription: A demo\ntype: application\nkubeVersion: ">=1.19.0-0"\nkeywords: [a, b]\nmaintainers:\n  - name: Ann\n    email: ann@example.com\ndependencies:\n  - name: sub\n    version: 0.1.0\n    repository: file://charts/sub\n  - name: arch\n    version: 0.1.0\n'),
    'Chart.lock': 'generated: "2024-01-01T00:00:00Z"\ndigest: sha256:abc\ndependencies:\n  - name: sub\n    version: 0.1.0\n    repository: file://charts/sub\n',
    'values.yaml': '# comment kept\nreplicas: 2\nimage:\n  tag: "1.0"\n',
    'values.schema.json': '{"type":"object","properties":{"replicas":{"type":"integer"}}}',
    'templates/deployment.yaml': 'kind: Deployment\n',
    'templates/_helpers.tpl': '{% define "x" %}{% enddefine %}',
    'templates/NOTES.txt': 'Thanks\n',
    'templates/.hidden': 'ignored by default',
    'crds/crd.yaml': 'kind: CustomResourceDefinition\n',
    'README.md': '# Demo\n',
    'files/config.ini': 'a=1\n',
    'charts/sub/Chart.yaml': CHART_YAML('sub', '0.1.0'),
    'charts/sub/values.yaml': 'x: 1\n',
    'charts/sub/templates/cm.yaml': 'kind: ConfigMap\n',
    'charts/sub/charts/deep/Chart.yaml': CHART_YAML('deep', '0.0.1'),
    'charts/arch-0.1.0.tgz': subTgz('arch'),
    'charts/_skipped/Chart.yaml': 'not: [valid',
    'charts/.hidden/Chart.yaml': 'not: [valid',
    'charts/arch-0.1.0.tgz.prov': 'signature',
  });
}

function checkFull(c: Chart): void {
  assert.is(c.metadata.name, 'demo');
  assert.is(c.metadata.version, '1.2.3');
  assert.is(c.metadata.appVersion, '1.10', 'appVersion keeps its written form');
  assert.is(c.metadata.kubeVersion, '>=1.19.0-0');
  assert.equal(c.metadata.keywords, ['a', 'b']);
  assert.equal(c.metadata.maintainers, [{ name: 'Ann', email: 'ann@example.com' }]);
  assert.equal(c.metadata.dependencies?.map((d) => d.name), ['sub', 'arch']);
  assert.is(c.lock?.digest, 'sha256:abc');
  assert.equal(c.values, { replicas: 2, image: { tag: '1.0' } });
  assert.match(c.rawValues ?? '', /^# comment kept\n/);
  assert.equal(c.schema, { type: 'object', properties: { replicas: { type: 'integer' } } });
  assert.equal(c.templates.map((t) => t.name), ['templates/NOTES.txt', 'templates/_helpers.tpl', 'templates/deployment.yaml']);
  const files = c.files.map((f) => f.name);
  for (const f of ['README.md', 'crds/crd.yaml', 'files/config.ini', 'charts/arch-0.1.0.tgz.prov']) assert.ok(files.includes(f), `${f} in files: ${files}`);
  assert.not.ok(files.includes('Chart.yaml'));
  assert.not.ok(files.includes('values.yaml'));
  assert.equal(c.dependencies.map((d) => d.metadata.name).sort(), ['arch', 'sub']);
  const sub = c.dependencies.find((d) => d.metadata.name === 'sub')!;
  assert.equal(sub.values, { x: 1 });
  assert.equal(sub.templates.map((t) => t.name), ['templates/cm.yaml']);
  assert.equal(sub.dependencies.map((d) => d.metadata.name), ['deep']);
  const arch = c.dependencies.find((d) => d.metadata.name === 'arch')!;
  assert.equal(arch.values, { fromArchive: true });
}

test('loads a chart directory with every part, subcharts as directories and archives', async () => {
  checkFull(await loadChart(fullChart()));
});

test('loads the same chart from its archive', async () => {
  const c = await loadChart(fullChart());
  const tgz = await archiveChart(c);
  const path = join(fullChart(), '..', 'demo-1.2.3.tgz');
  writeFileSync(path, tgz);
  const fromFile = await loadChart(path);
  checkFull(fromFile);
  checkFull(await loadChartArchive(tgz, 'mem.tgz'));
  assert.match(fromFile.source ?? '', /demo-1\.2\.3\.tgz\/demo$/);
});

test('.helmignore rules apply to directory loading', async () => {
  const dir = writeChart({
    'Chart.yaml': CHART_YAML(),
    '.helmignore': '# comment\n*.bak\n/secret.txt\ndocs/\n',
    'notes.bak': 'x',
    'secret.txt': 'x',
    'sub/secret.txt': 'kept: the rule is anchored',
    'docs/a.md': 'x',
    'templates/a.yaml': 'a: 1',
  });
  const c = await loadChart(dir);
  const names = c.files.map((f) => f.name);
  assert.not.ok(names.includes('notes.bak'));
  assert.not.ok(names.includes('secret.txt'));
  assert.not.ok(names.includes('docs/a.md'));
  assert.ok(names.includes('sub/secret.txt'));
});

test('symlinked files inside a chart directory are followed', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'data/real.txt': 'hello' });
  symlinkSync(join(dir, 'data/real.txt'), join(dir, 'link.txt'));
  const c = await loadChart(dir);
  assert.is(c.files.find((f) => f.name === 'link.txt')?.data.toString(), 'hello');
});

test('a symlinked directory inside the chart is followed, a link cycle is refused', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'shared/common.yaml': 'shared: true' });
  symlinkSync(join(dir, 'shared'), join(dir, 'files'));
  const c = await loadChart(dir);
  assert.is(c.files.find((f) => f.name === 'files/common.yaml')?.data.toString(), 'shared: true');
  mkdirSync(join(dir, 'loop'));
  symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
  await rejects(loadChart(dir), /loop\/again: symbolic link cycle/);
});

test('links that resolve outside the chart are refused with their path, directly, through a chain, or as .helmignore', async () => {
  const outside = writeChart({ 'config': 'apiVersion: v1\nkind: Config\nusers: [{name: me, user: {token: SECRET}}]\n', 'dir/x.yaml': 'x: 1' }, 'outside');
  const file = writeChart({ 'Chart.yaml': CHART_YAML() });
  mkdirSync(join(file, 'files'));
  symlinkSync(join(outside, 'config'), join(file, 'files', 'kube'));
  const err = await rejects(loadChart(file), /files\/kube: symbolic link "files\/kube" points outside the chart directory/);
  assert.not.match(err.message, /SECRET/);
  const dir = writeChart({ 'Chart.yaml': CHART_YAML() });
  symlinkSync(join(outside, 'dir'), join(dir, 'templates'));
  await rejects(loadChart(dir), /symbolic link "templates" points outside the chart directory/);
  const chain = writeChart({ 'Chart.yaml': CHART_YAML() });
  symlinkSync(join(outside, 'config'), join(chain, 'hop'));
  symlinkSync('hop', join(chain, 'innocent.txt'));
  await rejects(loadChart(chain), /symbolic link "hop" points outside/);
  const ignore = writeChart({ 'Chart.yaml': CHART_YAML() });
  symlinkSync(join(outside, 'config'), join(ignore, '.helmignore'));
  await rejects(loadChart(ignore), /symbolic link "\.helmignore" points outside/);
  const ignored = writeChart({ 'Chart.yaml': CHART_YAML(), '.helmignore': 'kube\n' });
  symlinkSync(join(outside, 'config'), join(ignored, 'kube'));
  assert.equal((await loadChart(ignored)).files.map((f) => f.name), ['.helmignore'], 'an ignored link is never read');
});

test('a UTF-8 byte order mark is stripped', async () => {
  const dir = writeChart({ 'Chart.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHART_YAML())]) });
  assert.is((await loadChart(dir)).metadata.name, 'demo');
});

test('a chart without apiVersion is read as v1, with requirements.yaml dependencies', async () => {
  const dir = writeChart({ 'Chart.yaml': 'name: old\nversion: 1.0.0\n', 'requirements.yaml': 'dependencies:\n  - name: redis\n    version: ~1\n' });
  const c = await loadChart(dir);
  assert.is(c.metadata.apiVersion, 'v1');
  assert.equal(c.metadata.dependencies, [{ name: 'redis', version: '~1' }]);
});

test('missing Chart.yaml is an error naming the directory', async () => {
  const dir = writeChart({ 'values.yaml': 'a: 1\n' });
  await rejects(loadChart(dir), new RegExp(`${dir}: Chart.yaml file is missing`));
});

test('invalid YAML in Chart.yaml names the file and line', async () => {
  const dir = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: demo: x\nversion: 1.0.0\n' });
  await rejects(loadChart(dir), /Chart\.yaml:2:\d+: invalid YAML: Nested mappings/);
});

test('invalid YAML in values.yaml names the file and line', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'values.yaml': 'a: 1\nb:\n  c: 1\n d: 2\n' });
  await rejects(loadChart(dir), /values\.yaml:4:\d+: invalid YAML/);
});

test('missing name and version are reported', async () => {
  await rejects(loadChart(writeChart({ 'Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n' })), /Chart\.yaml: validation: chart\.metadata\.name is required/);
  await rejects(loadChart(writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: demo\n' })), /Chart\.yaml: validation: chart\.metadata\.version is required/);
});

test('a version that is not a semantic version is refused with its line', async () => {
  for (const v of ['1.2.3.4', 'one', '"1.2.x"', '[1]']) {
    await rejects(loadChart(writeChart({ 'Chart.yaml': `apiVersion: v2\nname: demo\nversion: ${v}\n` })), /Chart\.yaml:3: validation: chart\.metadata\.version ".*" is invalid/);
  }
  const ok = await loadChart(writeChart({ 'Chart.yaml': CHART_YAML('demo', '1.2.3-rc.1+build.5') }));
  assert.is(ok.metadata.version, '1.2.3-rc.1+build.5');
});

test('versions Helm accepts load as written: a leading v, missing minor or patch, a YAML number', async () => {
  for (const [v, want] of [['v1.16.2', 'v1.16.2'], ['v0.0.0', 'v0.0.0'], ['"1.0"', '1.0'], ['1.0', '1.0'], ['1.10', '1.10'], ['2', '2']]) {
    const c = await loadChart(writeChart({ 'Chart.yaml': `apiVersion: v2\nname: demo\nversion: ${v}\n` }));
    assert.is(c.metadata.version, want, v);
  }
});

test('unknown apiVersion, invalid type and a bad name are refused', async () => {
  await rejects(loadChart(writeChart({ 'Chart.yaml': 'apiVersion: v3\nname: demo\nversion: 1.0.0\n' })), /Chart\.yaml:1: apiVersion "v3" is not supported/);
  await rejects(loadChart(writeChart({ 'Chart.yaml': CHART_YAML('demo', '1.0.0', 'type: plugin\n') })), /Chart\.yaml:4: validation: chart\.metadata\.type must be application or library, not "plugin"/);
  await rejects(loadChart(writeChart({ 'Chart.yaml': CHART_YAML('../evil') })), /chart\.metadata\.name "\.\.\/evil" is invalid/);
});

test('dependency aliases must be valid and unique', async () => {
  await rejects(
    loadChart(writeChart({ 'Chart.yaml': CHART_YAML('demo', '1.0.0', 'dependencies:\n  - name: a\n    alias: "b c"\n') })),
    /Chart\.yaml:6: dependency "a" has disallowed characters in the alias "b c"/,
  );
  await rejects(
    loadChart(writeChart({ 'Chart.yaml': CHART_YAML('demo', '1.0.0', 'dependencies:\n  - name: a\n  - name: b\n    alias: a\n') })),
    /more than one dependency with name or alias "a"/,
  );
});

test('values.yaml must be a map', async () => {
  await rejects(loadChart(writeChart({ 'Chart.yaml': CHART_YAML(), 'values.yaml': '- a\n- b\n' })), /values\.yaml:1: values\.yaml must be a map of keys to values, not a list/);
  const empty = await loadChart(writeChart({ 'Chart.yaml': CHART_YAML(), 'values.yaml': '# only a comment\n' }));
  assert.equal(empty.values, {});
  assert.is(empty.rawValues, '# only a comment\n');
});

test('invalid values.schema.json names the file and line', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'values.schema.json': '{\n  "type": "object",\n  "properties": {,}\n}\n' });
  await rejects(loadChart(dir), /values\.schema\.json:3:\d+: invalid JSON/);
});

test('errors inside a subchart name the subchart path', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: one\n' });
  await rejects(loadChart(dir), /charts\/sub\/Chart\.yaml:3: validation: chart\.metadata\.version "one" is invalid/);
});

test('a path that is not a chart gives a clear error', async () => {
  const dir = writeChart({ 'values.yaml': 'a: 1\n' });
  await rejects(loadChart(join(dir, 'values.yaml')), /seems to be a YAML file, but expected a gzipped archive/);
  await rejects(loadChart(join(dir, 'nope')), /path ".*nope" not found/);
});

test('irregular files in a chart directory are refused', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML() });
  mkdirSync(join(dir, 'templates'));
  symlinkSync(join(dir, 'missing-target'), join(dir, 'templates/dangling.yaml'));
  await rejects(loadChart(dir), /broken symbolic link/);
});

test('a chart directory\'s files are read whole, within the file and total size limits', async () => {
  const big = 'x'.repeat(200_000); // larger than one read
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'templates/big.txt': big, 'files/exact.txt': 'y'.repeat(1000), 'files/bom.txt': '\ufeffbom' });
  symlinkSync('big.txt', join(dir, 'templates/link.txt'));
  const c = await loadChart(dir, { limits: { maxFileBytes: 200_000 } });
  assert.is(c.templates.find((t) => t.name === 'templates/big.txt')!.data.toString(), big);
  assert.is(c.templates.find((t) => t.name === 'templates/link.txt')!.data.toString(), big);
  assert.is(c.files.find((f) => f.name === 'files/bom.txt')!.data.toString(), 'bom');
  await loadChart(dir, { limits: { maxFileBytes: 200_000, maxTotalBytes: 500_000 } });
  await rejects(loadChart(dir, { limits: { maxFileBytes: 199_999 } }), /chart file ".*templates\/big\.txt" is larger than the maximum file size 199999 bytes/);
  await rejects(loadChart(dir, { limits: { maxFileBytes: 200_000, maxTotalBytes: 300_000 } }), /chart is larger than the maximum size 300000 bytes/);
});

test('a FIFO in a chart directory is refused without waiting on it', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'templates/a.yaml': 'a: 1\n' });
  execFileSync('mkfifo', [join(dir, 'templates/pipe.yaml')]);
  await rejects(loadChart(dir), /cannot load irregular file .*pipe\.yaml: only regular files may be part of a chart/);
});

test('assertInstallable refuses library charts', async () => {
  const lib = await loadChart(writeChart({ 'Chart.yaml': CHART_YAML('lib', '1.0.0', 'type: library\n') }));
  assert.throws(() => assertInstallable(lib), /library charts are not installable/);
  const app = await loadChart(writeChart({ 'Chart.yaml': CHART_YAML() }));
  assertInstallable(app);
});

test('checkKubeVersion follows Helm constraint semantics', async () => {
  const chart = async (c: string) => loadChart(writeChart({ 'Chart.yaml': CHART_YAML('demo', '1.0.0', `kubeVersion: "${c}"\n`) }));
  const pre = await chart('>=1.19.0-0');
  checkKubeVersion(pre, 'v1.31.0');
  checkKubeVersion(pre, 'v1.20.4-gke.1500'); // prerelease allowed by the -0 constraint
  assert.throws(() => checkKubeVersion(pre, 'v1.18.2'), /chart requires kubeVersion: >=1\.19\.0-0 which is incompatible with Kubernetes v1\.18\.2/);
  const plain = await chart('>=1.19.0');
  checkKubeVersion(plain, '1.25.0');
  assert.throws(() => checkKubeVersion(plain, 'v1.25.0-eks.1'), /incompatible with Kubernetes v1\.25\.0-eks\.1/);
  const commas = await chart('>= 1.20, < 1.30');
  checkKubeVersion(commas, 'v1.29.9');
  assert.throws(() => checkKubeVersion(commas, 'v1.30.0'), /incompatible/);
  const partial = await chart('>=1.19-0');
  checkKubeVersion(partial, 'v1.19.0');
  const bad = await chart('>=> nonsense');
  assert.throws(() => checkKubeVersion(bad, 'v1.30.0'), /kubeVersion ">=> nonsense" is not a valid version constraint/);
  checkKubeVersion(await loadChart(writeChart({ 'Chart.yaml': CHART_YAML() })), 'v1.0.0');
});

test('checkDependencies names dependencies missing from charts/', async () => {
  const c = await loadChart(writeChart({ 'Chart.yaml': CHART_YAML('demo', '1.0.0', 'dependencies:\n  - name: a\n  - name: b\n'), 'charts/a/Chart.yaml': CHART_YAML('a') }));
  assert.throws(() => checkDependencies(c), /found in Chart\.yaml, but missing in charts\/ directory: b/);
});

test.run();
