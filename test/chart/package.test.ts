import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, mkdtempSync, utimesSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageChart, loadChart, readArchiveFiles, archiveDigest } from '../../src/chart/index.js';
import { ChartInvalidError } from '../../src/errors.js';
import { run } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';
import { writeChart, CHART_YAML } from './builders.js';

const out = () => mkdtempSync(join(tmpdir(), 'skiff-pkg-'));

function sample(): string {
  return writeChart({
    'Chart.yaml': '# the demo chart\napiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: "1.0"\ndescription: demo chart\n',
    'values.yaml': '# defaults\nreplicas: 1\n',
    '.helmignore': '*.bak\nscratch/\n',
    'templates/b.yaml': 'b: 1\n',
    'templates/a.yaml': 'a: 1\n',
    'notes.bak': 'ignored',
    'scratch/tmp.txt': 'ignored',
    'README.md': '# demo\n',
    'charts/sub/Chart.yaml': CHART_YAML('sub', '0.2.0'),
    'charts/sub/templates/s.yaml': 's: 1\n',
  });
}

test('packages NAME-VERSION.tgz with top directory NAME/, sorted, .helmignore honoured', async () => {
  const dest = out();
  const r = await packageChart(sample(), { destination: dest });
  assert.is(r.path, join(dest, 'demo-0.1.0.tgz'));
  const data = readFileSync(r.path);
  assert.is(r.digest, archiveDigest(data));
  const names = (await readArchiveFiles(data)).map((f) => f.name);
  assert.equal(names, [
    'demo/Chart.yaml',
    'demo/.helmignore',
    'demo/README.md',
    'demo/charts/sub/Chart.yaml',
    'demo/charts/sub/templates/s.yaml',
    'demo/templates/a.yaml',
    'demo/templates/b.yaml',
    'demo/values.yaml',
  ]);
});

test('identical input gives byte-identical archives, whatever the file times', async () => {
  const dir = sample();
  const a = await packageChart(dir, { destination: out() });
  utimesSync(join(dir, 'templates/a.yaml'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  const b = await packageChart(dir, { destination: out() });
  assert.ok(readFileSync(a.path).equals(readFileSync(b.path)), 'bytes differ');
  assert.is(a.digest, b.digest);
});

test('--version and --app-version rewrite Chart.yaml, keeping its comments', async () => {
  const r = await packageChart(sample(), { destination: out(), version: '2.0.0-rc.1', appVersion: '9.9' });
  assert.is(r.path.endsWith('demo-2.0.0-rc.1.tgz'), true);
  const files = await readArchiveFiles(readFileSync(r.path));
  const chartYaml = files.find((f) => f.name === 'demo/Chart.yaml')!.data.toString();
  assert.match(chartYaml, /^# the demo chart\n/);
  assert.match(chartYaml, /version: 2\.0\.0-rc\.1/);
  assert.match(chartYaml, /appVersion: "9\.9"/);
  try {
    await packageChart(sample(), { destination: out(), version: 'latest' });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ChartInvalidError);
    assert.match((err as Error).message, /--version "latest" is not a valid SemVer 2 version/);
  }
});

test('dependencies missing from charts/ stop packaging and nothing is written', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML('demo', '0.1.0', 'dependencies:\n  - name: redis\n    version: 1.x\n    repository: https://example.com\n') });
  const dest = out();
  try {
    await packageChart(dir, { destination: dest });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /found in Chart\.yaml, but missing in charts\/ directory: redis/);
  }
  assert.equal(readdirSync(dest), []);
});

test('an archive cannot be packaged again; a missing path is reported', async () => {
  const r = await packageChart(sample(), { destination: out() });
  for (const [path, re] of [[r.path, /is not a chart directory/], ['/nonexistent/chart', /not found/]] as const) {
    try {
      await packageChart(path, { destination: out() });
      assert.unreachable();
    } catch (err) {
      assert.match((err as Error).message, re);
    }
  }
});

test('Helm reads skiff packages, and skiff reads Helm packages', async () => {
  const dest = out();
  const r = await packageChart(sample(), { destination: dest });
  const helm = helmBinary();
  const shown = await run(helm, ['show', 'chart', r.path]);
  assert.is(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /name: demo\n/);
  assert.match(shown.stdout, /version: 0\.1\.0\n/);
  const values = await run(helm, ['show', 'values', r.path]);
  assert.is(values.stdout, '# defaults\nreplicas: 1\n\n');
  const helmDest = out();
  const hp = await run(helm, ['package', sample(), '-d', helmDest]);
  assert.is(hp.code, 0, hp.stderr);
  const fromHelm = await loadChart(join(helmDest, 'demo-0.1.0.tgz'));
  assert.is(fromHelm.metadata.name, 'demo');
  assert.equal(fromHelm.templates.map((t) => t.name), ['templates/a.yaml', 'templates/b.yaml']);
  assert.equal(fromHelm.dependencies.map((d) => d.metadata.name), ['sub']);
  assert.not.ok(fromHelm.files.some((f) => f.name === 'notes.bak'));
});

test.run();
