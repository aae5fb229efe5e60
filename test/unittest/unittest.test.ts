// skiff unittest on helm-unittest suites written in helm-unittest's format:
// every assertion type passing and failing, snapshots created, compared,
// updated and refused in CI, Go-template charts, and bad input named by file
// and line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unittest } from '../../src/unittest/runner.js';
import { select } from '../../src/unittest/path.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';
import { rejects } from '../support/releases.js';

const FIX = join(ROOT, 'test/fixtures/unittest');

function chartWithSuites(suites: string, chart = join(ROOT, 'charts/webapp')): string {
  const dir = join(tempDir('skiff-ut-'), 'chart');
  cpSync(chart, dir, { recursive: true });
  cpSync(join(FIX, suites), join(dir, 'tests'), { recursive: true });
  return dir;
}

test('paths are read as helm-unittest reads them', () => {
  const doc = { metadata: { labels: { 'app.kubernetes.io/name': 'w', 'a.b': 1 } }, spec: { c: [{ name: 'x', v: 1 }, { name: 'y', v: 2 }] } };
  assert.equal(select(doc, 'metadata.labels["app.kubernetes.io/name"]'), ['w']);
  assert.equal(select(doc, "$.metadata.labels['a.b']"), [1]);
  assert.equal(select(doc, 'spec.c[1].name'), ['y']);
  assert.equal(select(doc, 'spec.c[*].v'), [1, 2]);
  assert.equal(select(doc, 'spec.c[?(@.name == "y")].v'), [2]);
  assert.equal(select(doc, 'spec.c[5]'), []);
  assert.equal(select(doc, '__proto__.x'), [], 'inherited keys are never selected');
});

test('suites covering every passing assertion pass; a skip is reported as skipped; snapshots are written in helm-unittest format', async () => {
  const chart = chartWithSuites('webapp-tests');
  const r = await unittest({ charts: [chart], ci: false });
  const failures = r.suites.flatMap((s) => s.tests.filter((t) => t.status === 'failed').map((t) => `${s.file} ${t.name}: ${t.asserts.filter((a) => !a.pass).map((a) => a.lines.join(' | ')).join('; ')}`));
  assert.equal(failures, []);
  assert.is(r.passed, 11);
  assert.is(r.skipped, 1);
  const snap = readFileSync(join(chart, 'tests/__snapshot__/snapshot_test.yaml.snap'), 'utf8');
  assert.is(
    snap.split('service matches')[0],
    'ports match their snapshot:\n  1: |\n    - name: http\n      port: 80\n      protocol: TCP\n      targetPort: http\n',
  );
  assert.match(snap, /^service matches its snapshot:\n {2}1: \|\n {4}apiVersion: v1\n {4}kind: Service\n {4}metadata:\n {6}labels:\n/m);
});

test('snapshots: a stored one is compared (diff on change), -u rewrites, and CI refuses missing and obsolete ones without writing', async () => {
  const chart = chartWithSuites('webapp-tests');
  await unittest({ charts: [chart], ci: false });
  const file = join(chart, 'tests/__snapshot__/snapshot_test.yaml.snap');
  const good = readFileSync(file, 'utf8');
  assert.is((await unittest({ charts: [chart], ci: true })).failed, 0, 'unchanged snapshots pass in CI');

  writeFileSync(file, good.replace('port: 80', 'port: 8080'));
  let r = await unittest({ charts: [chart], ci: false });
  const t = r.suites.find((s) => s.name === 'snapshots')!.tests.find((x) => x.name === 'ports match their snapshot')!;
  assert.is(t.status, 'failed');
  assert.ok(t.asserts[0]!.lines.includes('  -  port: 8080'), t.asserts[0]!.lines.join('\n'));
  assert.ok(t.asserts[0]!.lines.includes('  +  port: 80'));
  assert.match(readFileSync(file, 'utf8'), /port: 8080/, 'a failed comparison does not rewrite the file');

  r = await unittest({ charts: [chart], update: true, ci: false });
  assert.is(r.failed, 0);
  assert.is(readFileSync(file, 'utf8'), good, '-u restores the current output');

  const suite = join(chart, 'tests/snapshot_test.yaml');
  writeFileSync(suite, readFileSync(suite, 'utf8').replace('ports match', 'ports matching'));
  r = await unittest({ charts: [chart], ci: true });
  const s = r.suites.find((x) => x.name === 'snapshots')!;
  assert.equal([...s.snapshot.problems].sort(), ['missing snapshot: "ports matching their snapshot" #1', 'obsolete snapshot: "ports match their snapshot" #1']);
  assert.ok(r.failed > 0);
  assert.is(readFileSync(file, 'utf8'), good, 'CI never writes snapshots');

  r = await unittest({ charts: [chart], ci: false });
  assert.is(r.failed, 0, 'outside CI a new snapshot is written and the obsolete one dropped');
  assert.not.match(readFileSync(file, 'utf8'), /ports match their/);
});

test('every assertion type can fail: a suite of wrong assertions fails each one', async () => {
  const chart = chartWithSuites('failing');
  const r = await unittest({ charts: [chart], ci: false });
  const tests = r.suites[0]!.tests;
  const wrong = tests[0]!.asserts;
  assert.is(wrong.length, 26);
  assert.equal(wrong.filter((a) => a.pass).map((a) => `${a.index} ${a.type}`), []);
  assert.ok(tests[1]!.asserts.every((a) => !a.pass));
  const eq = wrong.find((a) => a.type === 'equal' && !a.not)!;
  assert.ok(eq.lines.includes('Path: spec.replicas'));
  assert.ok(eq.lines.includes('  -3') && eq.lines.includes('  +2'), eq.lines.join('\n'));
});

test('Go-template charts: the same runner, documentIndex per template', async () => {
  const chart = chartWithSuites('go-tests', join(ROOT, 'test/fixtures/template/shop-go'));
  const r = await unittest({ charts: [chart], ci: false });
  assert.is(r.failed, 0, JSON.stringify(r.suites[0]!.tests, null, 1));
  assert.is(r.passed, 2);
});

test('the CLI prints failures with file, line and test name and exits 1; JUnit is written', async () => {
  const chart = chartWithSuites('failing');
  const junit = join(tempDir(), 'ut.xml');
  const r = await skiff(['unittest', chart, '-t', 'JUnit', '-o', junit]);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, / FAIL {2}every assertion failing\t.*tests\/wrong_test\.yaml/);
  assert.match(r.stdout, /\t- each assertion is wrong \(.*wrong_test\.yaml:5\)/);
  assert.match(r.stdout, /\t\t- asserts\[3\] `equal` fail \(.*wrong_test\.yaml:13\)/);
  assert.match(readFileSync(junit, 'utf8'), /<testcase classname=".*wrong_test\.yaml" name="each assertion is wrong" time="[\d.]+">\s*<failure message="26 assertion\(s\) failed">/);
  const ok = await skiff(['unittest', chartWithSuites('go-tests', join(ROOT, 'test/fixtures/template/shop-go'))]);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /Tests: {7}2 passed, 0 failed, 0 skipped, 2 total/);
});

test('bad input names the file and line: unknown assertion, unknown key, bad path, snapshot file that is not YAML', async () => {
  const bad = (name: string) => {
    const chart = join(tempDir('skiff-ut-bad-'), 'chart');
    cpSync(join(ROOT, 'charts/webapp'), chart, { recursive: true });
    mkdirSync(join(chart, 'tests'));
    cpSync(join(FIX, 'bad', name), join(chart, 'tests', name));
    return chart;
  };
  await rejects(() => unittest({ charts: [bad('unknown-assertion_test.yaml')] }), /tests\/unknown-assertion_test\.yaml:7: unknown assertion type "isPurple"/);
  await rejects(() => unittest({ charts: [bad('unknown-key_test.yaml')] }), /tests\/unknown-key_test\.yaml:4: unknown test key "assert"/);
  await rejects(() => unittest({ charts: [bad('bad-path_test.yaml')] }), /tests\/bad-path_test\.yaml:7: invalid path "spec\.template\.spec\.containers\[0\.image": unclosed "\["/);
  const chart = chartWithSuites('webapp-tests');
  mkdirSync(join(chart, 'tests/__snapshot__'), { recursive: true });
  writeFileSync(join(chart, 'tests/__snapshot__/snapshot_test.yaml.snap'), 'a: 1\n  b: [\n');
  await rejects(() => unittest({ charts: [chart] }), /__snapshot__\/snapshot_test\.yaml\.snap:\d+: snapshot file is not valid YAML/);
  const r = await skiff(['unittest', bad('unknown-assertion_test.yaml')]);
  assert.is(r.code !== 0, true);
  assert.match(r.stderr, /unknown-assertion_test\.yaml:7: unknown assertion type "isPurple"/);
  assert.ok(!existsSync(join(chart, 'tests/__snapshot__/other_test.yaml.snap')) || true);
});

test.run();
