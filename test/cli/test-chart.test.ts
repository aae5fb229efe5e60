// `skiff test chart` from the command line: the phase lines, the summary
// table, JUnit XML, GitHub Actions annotations and the exit status; and
// `skiff test RELEASE` keeping its Helm shape.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir, ROOT } from '../support/cli.js';

const CITEST = 'test/fixtures/charts/citest';

test('a passing chart prints each phase with its time, a summary table, writes JUnit and exits 0', async () => {
  const junit = join(tempDir(), 'junit.xml');
  const r = await skiff(['test', 'chart', CITEST, '--junit', junit, '--parallel', '2'], { cwd: ROOT, timeoutMs: 120_000 });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /==> citest-0\.2\.0 \(ci\/default-values\.yaml\): passed in \d+\.\d\ds/);
  assert.match(r.stdout, /ok {3}install {9}\d+\.\d\ds/);
  assert.match(r.stdout, /CHART\s+VALUES\s+RESULT\s+LINT\s+RENDER\s+VALIDATE\s+INSTALL\s+TEST\s+UPGRADE\s+TEST-UPGRADE\s+ROLLBACK\s+TEST-ROLLBACK\s+UNINSTALL\s+LEFTOVERS\s+TOTAL/);
  assert.match(r.stdout, /2 passed, 0 failed in/);
  const xml = readFileSync(junit, 'utf8');
  assert.match(xml, /<testsuites name="skiff test chart" tests="22" failures="0"/);
  assert.is(xml.match(/<testcase /g)!.length, 22, 'one testcase per phase per values file');
  assert.match(xml, /<testcase classname="citest-0\.2\.0 ci\/keep-values\.yaml" name="leftovers" time="\d+\.\d{3}"\/>/);
});

test('a failing chart exits 1, names the phase, and in GitHub Actions annotates the template file and line', async () => {
  const junit = join(tempDir(), 'junit.xml');
  const r = await skiff(['test', 'chart', CITEST, '--values-dir', 'test/fixtures/chart-test-values/template-error', '--junit', junit], { cwd: ROOT, env: { GITHUB_ACTIONS: 'true' }, timeoutMs: 120_000 });
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /FAILED in render/);
  assert.match(r.stdout, /FAIL render .*templateError is set/);
  assert.match(r.stdout, /^::error file=test\/fixtures\/charts\/citest\/templates\/deployment\.yaml,line=1,title=citest-0\.2\.0 .*tpl-values\.yaml%3A render failed::execution error at .*templateError is set$/m);
  assert.match(r.stderr, /1 of 1 values file\(s\) failed/);
  const xml = readFileSync(junit, 'utf8');
  assert.match(xml, /<testcase [^>]*name="render"[^>]*>\s*<failure message="execution error at/);
  assert.match(xml, /<testcase [^>]*name="validate"[^>]*>\s*<skipped/);
});

test('skiff test RELEASE keeps its shape: extra words are refused with a pointer to the chart form', async () => {
  const r = await skiff(['test', 'myrelease', 'extra']);
  assert.is(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /unexpected argument "extra": skiff test RELEASE takes one release name/);
  assert.match(r.stderr, /skiff test chart CHART/);
});

test.run();
