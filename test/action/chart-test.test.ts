// `skiff test chart` as an action: the whole lifecycle on fresh in-process
// clusters for the example chart and the citest fixture, and each failure
// caught in the phase where a user expects it, with a report that says why.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartTest, PHASES, valuesFilesFor, type ValuesRun } from '../../src/action/chart-test.js';
import { ROOT, tempDir } from '../support/cli.js';
import { rejects } from '../support/releases.js';

const WEBAPP = join(ROOT, 'charts/webapp');
const CITEST = join(ROOT, 'test/fixtures/charts/citest');
const BAD = join(ROOT, 'test/fixtures/chart-test-values');
const phase = (r: ValuesRun, name: string) => r.phases.find((p) => p.phase === name)!;

test('the example web chart passes every phase on its default values, tests run after install, upgrade and rollback', async () => {
  const r = await chartTest({ charts: [WEBAPP], timeoutMs: 60_000 });
  assert.is(r.failed, 0, JSON.stringify(r.runs, null, 1));
  const run = r.runs[0]!;
  assert.is(run.label, 'default values', 'no ci/ folder: one run on the chart defaults');
  assert.equal(run.phases.map((p) => p.phase), [...PHASES]);
  assert.ok(run.phases.every((p) => p.status === 'passed'));
  for (const t of ['test', 'test-upgrade', 'test-rollback']) assert.is(phase(run, t).message, '1 test(s) passed');
  assert.is(run.chart, 'webapp-0.1.0');
});

test('ci/*-values.yaml files each get their own cluster and run in parallel; a keep-annotated object is not a leftover', async () => {
  assert.equal(valuesFilesFor(CITEST).map((f) => f.slice(CITEST.length + 1)), ['ci/default-values.yaml', 'ci/keep-values.yaml']);
  const r = await chartTest({ charts: [CITEST], parallel: 2, timeoutMs: 60_000 });
  assert.is(r.failed, 0, JSON.stringify(r.runs, null, 1));
  assert.equal(r.runs.map((x) => x.label), ['ci/default-values.yaml', 'ci/keep-values.yaml']);
  assert.ok(r.runs.every((x) => x.phases.every((p) => p.status === 'passed')));
});

test('--upgrade-from installs the previous chart first and upgrades to the new one', async () => {
  const old = join(tempDir('skiff-ct-old-'), 'citest');
  cpSync(CITEST, old, { recursive: true });
  writeFileSync(join(old, 'Chart.yaml'), readFileSync(join(old, 'Chart.yaml'), 'utf8').replace('version: 0.2.0', 'version: 0.1.0'));
  const r = await chartTest({ charts: [CITEST], valuesDir: join(CITEST, 'ci'), upgradeFrom: old, parallel: 1, timeoutMs: 60_000 });
  assert.is(r.failed, 0, JSON.stringify(r.runs, null, 1));
  assert.match(phase(r.runs[0]!, 'install').message ?? '', /installed citest-0\.1\.0/);
  assert.is(phase(r.runs[0]!, 'upgrade').message, 'upgraded from 0.1.0 to 0.2.0');
});

test('a template error fails the render phase with the template file and line; later phases are skipped', async () => {
  const r = await chartTest({ charts: [CITEST], valuesDir: join(BAD, 'template-error') });
  const run = r.runs[0]!;
  assert.is(run.failedPhase, 'render');
  const p = phase(run, 'render');
  assert.match(p.message!, /templates\/deployment\.yaml:1:\d+\): templateError is set/);
  assert.match(p.file!, /templates\/deployment\.yaml$/);
  assert.is(p.line, 1);
  assert.is(phase(run, 'lint').status, 'passed');
  assert.ok(run.phases.slice(2).every((x) => x.status === 'skipped'));
});

test('manifests the API server rejects (bad enum, unknown field, kind without CRD) fail validate, before anything is installed', async () => {
  const r = await chartTest({ charts: [CITEST], valuesDir: join(BAD, 'rejected'), parallel: 3 });
  assert.is(r.failed, 3);
  const by = Object.fromEntries(r.runs.map((x) => [x.label.replace(/.*\//, ''), x]));
  for (const x of r.runs) assert.is(x.failedPhase, 'validate');
  assert.match(phase(by['enum-values.yaml']!, 'validate').message!, /Service\/citest-\d-web: .*spec\.type: Unsupported value: "Bogus"/);
  assert.match(phase(by['field-values.yaml']!, 'validate').message!, /unknown field "spec\.bogusField"/);
  assert.match(phase(by['widget-values.yaml']!, 'validate').message!, /no matches for kind "Widget" in version "example\.com\/v1"/);
  assert.match(phase(by['enum-values.yaml']!, 'validate').file!, /templates\/service\.yaml$/);
  assert.is(phase(by['enum-values.yaml']!, 'install').status, 'skipped');
});

test('a Deployment that never becomes ready fails install --wait, with the pod named and its events in the report', async () => {
  const r = await chartTest({ charts: [CITEST], valuesDir: join(BAD, 'never-ready'), timeoutMs: 2_000 });
  const run = r.runs[0]!;
  assert.is(run.failedPhase, 'install');
  assert.match(phase(run, 'install').message!, /not ready: Deployment citest-0-web: 0\/1 ready; pod citest-0-web-\S+: containers with unready status: \[web\]/);
  assert.ok(run.diagnostics!.events.some((e) => /Scaled up replica set citest-0-web-/.test(e)), run.diagnostics!.events.join('\n'));
  assert.ok(Object.keys(run.diagnostics!.logs).some((k) => k.startsWith('citest-0-web-')));
});

test('a failing test hook fails the test phase, and the report carries the hook pod log', async () => {
  const r = await chartTest({ charts: [CITEST], valuesDir: join(BAD, 'failing-hook') });
  const run = r.runs[0]!;
  assert.is(run.failedPhase, 'test');
  assert.match(phase(run, 'test').message!, /test hook Pod citest-0-test failed/);
  assert.match(run.diagnostics!.logs['citest-0-test/check'] ?? '', /exited with code 3/);
  assert.is(phase(run, 'install').status, 'passed');
  assert.is(phase(run, 'upgrade').status, 'skipped');
});

test('a hook without a delete policy is left after uninstall and fails the leftovers phase', async () => {
  const r = await chartTest({ charts: [CITEST], valuesDir: join(BAD, 'leftover'), leftoverTimeoutMs: 5_000 });
  const run = r.runs[0]!;
  assert.is(run.failedPhase, 'leftovers');
  assert.is(phase(run, 'uninstall').status, 'passed');
  assert.match(phase(run, 'leftovers').message!, /1 object\(s\) left after uninstall: ConfigMap\/citest-0-post-install/);
  assert.match(phase(run, 'leftovers').details![0]!, /hook \(post-install\) not removed/);
});

test('bad input: a missing --values-dir and a bad --parallel are usage errors', async () => {
  await rejects(() => chartTest({ charts: [CITEST], valuesDir: join(CITEST, 'nope') }), /--values-dir ".*nope" does not exist/);
  await rejects(() => chartTest({ charts: [CITEST], parallel: 0 }), /--parallel must be a positive integer/);
  await rejects(() => chartTest({ charts: [] }), /no chart given/);
});

test.run();
