// Parsed helm-unittest suites kept between runs: a cached suite is the suite
// as parsed, a changed text is parsed again, a damaged entry is ignored,
// values JSON cannot carry exactly are never stored, a bad suite is refused
// every time, and the CLI's second run reports the same as its first.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSuiteCached } from '../../src/unittest/suite-cache.js';
import { parseSuite, SuiteError } from '../../src/unittest/suite.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';

const SUITE = `suite: cached
templates:
  - deployment.yaml
tests:
  - it: has replicas
    set:
      replicaCount: 3
    asserts:
      - equal:
          path: spec.replicas
          value: 3
`;

function entries(dir: string): string[] {
  return readdirSync(dir).flatMap((b) => readdirSync(join(dir, b)).map((f) => join(dir, b, f)));
}

test('a suite read again comes from its entry, equal to a fresh parse; a changed text is parsed again', () => {
  const work = tempDir('skiff-suite-cache-');
  const cache = join(work, 'cache');
  const file = join(work, 'a_test.yaml');
  writeFileSync(file, SUITE);
  const first = loadSuiteCached(file, 'tests/a_test.yaml', cache);
  assert.equal(first, parseSuite(SUITE, 'tests/a_test.yaml'));
  const [entry] = entries(cache);
  assert.ok(entry, 'an entry was written');
  // The entry is what a second run reads: a name changed in it (text unchanged) shows through.
  const stored = JSON.parse(readFileSync(entry!, 'utf8'));
  stored.suite.name = 'from the cache';
  writeFileSync(entry!, JSON.stringify(stored));
  assert.is(loadSuiteCached(file, 'tests/a_test.yaml', cache).name, 'from the cache');
  // Another text under the same path is parsed, not taken from the old entry.
  writeFileSync(file, SUITE.replace('suite: cached', 'suite: edited').replace('replicaCount: 3', 'replicaCount: 4'));
  const edited = loadSuiteCached(file, 'tests/a_test.yaml', cache);
  assert.is(edited.name, 'edited');
  assert.equal(edited.tests[0]!.set, { replicaCount: 4 });
  assert.is(loadSuiteCached(file, 'tests/a_test.yaml', cache).name, 'edited');
});

test('a damaged entry is ignored; NaN and -0 values are never stored; a bad suite fails every time', () => {
  const work = tempDir('skiff-suite-cache-');
  const cache = join(work, 'cache');
  const file = join(work, 'a_test.yaml');
  writeFileSync(file, SUITE);
  loadSuiteCached(file, 'a', cache);
  const [entry] = entries(cache);
  writeFileSync(entry!, '{"key": ');
  assert.is(loadSuiteCached(file, 'a', cache).name, 'cached');

  const odd = join(work, 'odd_test.yaml');
  writeFileSync(odd, SUITE.replace('value: 3', 'value: .nan').replace('replicaCount: 3', 'replicaCount: -0.0'));
  const before = entries(cache).length;
  const parsed = loadSuiteCached(odd, 'odd', cache);
  assert.ok(Number.isNaN(parsed.tests[0]!.asserts[0]!.params.value));
  assert.ok(Object.is(parsed.tests[0]!.set.replicaCount, -0));
  assert.is(entries(cache).length, before, 'not stored');

  const bad = join(work, 'bad_test.yaml');
  writeFileSync(bad, SUITE.replace('- equal:', '- equalz:'));
  for (let i = 0; i < 2; i++) {
    try {
      loadSuiteCached(bad, 'tests/bad_test.yaml', cache);
      assert.unreachable('an unknown assertion is refused');
    } catch (err) {
      assert.instance(err, SuiteError);
      assert.match((err as Error).message, /tests\/bad_test\.yaml:9: unknown assertion type "equalz"/);
    }
  }
});

test('the directories of other builds are removed beyond the two most recently used', () => {
  const work = tempDir('skiff-suite-cache-');
  const cache = join(work, 'cache');
  for (const b of ['old1', 'old2', 'old3']) mkdirSync(join(cache, b), { recursive: true });
  const file = join(work, 'a_test.yaml');
  writeFileSync(file, SUITE);
  loadSuiteCached(file, 'a', cache);
  assert.is(readdirSync(cache).length, 3);
});

test('skiff unittest reports the same on a run that reads its suites from the cache', async () => {
  const chart = join(tempDir('skiff-ut-cache-'), 'chart');
  cpSync(join(ROOT, 'charts/webapp'), chart, { recursive: true });
  mkdirSync(join(chart, 'tests'));
  writeFileSync(join(chart, 'tests', 'a_test.yaml'), SUITE);
  writeFileSync(join(chart, 'tests', 'b_test.yaml'), SUITE.replace('value: 3', 'value: 5'));
  const home = tempDir('skiff-ut-home-');
  const runs = [await skiff(['unittest', chart], { env: { SKIFF_HOME: home } })];
  runs.push(await skiff(['unittest', chart], { env: { SKIFF_HOME: home } }));
  for (const r of runs) {
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Tests:\s+1 passed, 1 failed, 0 skipped, 2 total/);
    assert.match(r.stdout, /b_test\.yaml/);
  }
  assert.ok(readdirSync(join(home, 'cache', 'unittest')).length === 1, 'one build directory');
});

test.run();
