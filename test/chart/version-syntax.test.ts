// The version syntax check that Chart.yaml validation and OCI tags use
// without node-semver must accept exactly what the semver-backed parser
// accepts: compared on edge cases and on many generated strings.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isLooseVersion, isSemver2, normalizeLooseVersion } from '../../src/chart/version-syntax.js';
import { parseLooseVersion } from '../../src/chart/semver.js';
import { loadChartArchive } from '../../src/chart/index.js';
import { writeArchive } from '../../src/chart/archive.js';
import { ChartInvalidError } from '../../src/errors.js';

const EDGES = [
  '1.2.3', 'v1.2.3', '1.0', '1', 'v2', ' 1.2.3 ', '01.02.03', '1.2.3-rc.1', '1.2.3-01', '1.2.3-0', '1.2.3-0a', '1.2.3-a..b', '1.2.3-.a', '1.2.3-a.',
  '1.2.3+build.7', '1.2.3+', '1.2.3+a..b', '1.2.3-rc.1+b.2', '1.2-rc.1', '1-0', '1.2.3.4', 'V1.2.3', 'vv1', '', 'v', '1.2.3-', '1.2.3 -rc',
  '9007199254740991.0.0', '9007199254740992.0.0', '9007199254740993.0.0', '99999999999999999999.0.0', '1e3', '0x1', '-1.2.3', '1.-2.3',
  `1.2.3-${'a'.repeat(250)}`, `1.2.3-${'a'.repeat(251)}`, `1.2.3+${'b'.repeat(250)}`, `1.2.3+${'b'.repeat(249)}`, `0000001.2.3-${'a'.repeat(248)}`,
  '1.2.3-💥', '1.2.3\n', '1.2.3-a_b', '1.2.3-A-Z', '1.2.3--', '1.2.3-0-0', '1.2.3-00', '1.2.3-99999999999999999999', '1.2.3-x.007',
];

test('the semver-free check agrees with the semver-backed parser on edge cases', () => {
  for (const v of EDGES) {
    assert.is(isLooseVersion(v), parseLooseVersion(v) !== null, JSON.stringify(v));
    const n = normalizeLooseVersion(v);
    if (n !== undefined) assert.is(n, parseLooseVersion(v)!.format() + (n.includes('+') ? n.slice(n.indexOf('+')) : ''), JSON.stringify(v));
  }
});

test('the semver-free check agrees with the semver-backed parser on generated strings', () => {
  // A small deterministic generator over the characters versions are made of.
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const parts = ['0', '1', '00', '01', '10', '9', 'v', '.', '-', '+', 'a', 'rc', 'Z', '-', '.', '0a', '007', 'x-y', '9007199254740993', '', ' '];
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    let v = '';
    const len = 1 + rand(9);
    for (let k = 0; k < len; k++) v += parts[rand(parts.length)];
    const expected = parseLooseVersion(v) !== null;
    if (expected) accepted++;
    assert.is(isLooseVersion(v), expected, JSON.stringify(v));
  }
  // The generator reaches both answers often enough for the comparison to mean something.
  assert.ok(accepted > 500, `only ${accepted} generated strings were versions`);
});

test('isSemver2 keeps to strict SemVer 2', () => {
  for (const [v, ok] of [['1.2.3', true], ['v1.2.3', false], ['1.2', false], ['1.2.3-rc.1+b', true], ['1.2.3-01', false], ['01.2.3', false]] as const) {
    assert.is(isSemver2(v), ok, v);
  }
});

test('Chart.yaml versions are still refused and accepted as before', async () => {
  const load = (version: string) =>
    loadChartArchive(writeArchive([{ name: 'c/Chart.yaml', data: Buffer.from(`apiVersion: v2\nname: c\nversion: ${version}\n`) }]), 'c.tgz');
  assert.is((await load('v1.16.2')).metadata.version, 'v1.16.2');
  assert.is((await load('1.0')).metadata.version, '1.0');
  for (const bad of ['1.2.3.4', '1.2.3-01', 'latest', '9007199254740993.0.0']) {
    try {
      await load(bad);
      assert.unreachable(`version ${bad} was accepted`);
    } catch (err) {
      assert.instance(err, ChartInvalidError);
      assert.match((err as Error).message, /c\.tgz\/c\/Chart\.yaml:3: validation: chart\.metadata\.version ".*" is invalid/);
    }
  }
});

test.run();
