// Index files: Helm-written fixtures read and re-written byte for byte,
// Helm's version selection rules, and malformed input named by file and line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChartVersion, parseIndex, serializeIndex, resolveChartURL, urlJoin } from '../../src/repo/index-file.js';
import { loadRepoFile } from '../../src/repo/repositories.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const helmIndexText = readFileSync(join(fixtures, 'helm-index.yaml'), 'utf8');

test("reads Helm's index.yaml and writes it back byte for byte", () => {
  const idx = parseIndex(helmIndexText, 'helm-index.yaml');
  assert.equal(idx.entries.web!.map((e) => e.version), ['2.0.0-beta.1', '1.2.3', '1.0.0']);
  const e = idx.entries.web![1]!;
  assert.is(e.kubeVersion, '>=1.23.0-0');
  assert.equal(e.maintainers, [{ email: 'ops@example.com', name: 'Ops' }]);
  assert.equal(e.annotations, { category: 'Web' });
  assert.is(e.appVersion, '1.2.3');
  assert.match(e.created!, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  assert.is(serializeIndex(idx), helmIndexText);
});

test("reads Helm's repositories.yaml", async () => {
  const rf = await loadRepoFile(join(fixtures, 'helm-repositories.yaml'));
  assert.equal(rf.repositories, [{ name: 'stable', url: 'http://127.0.0.1:18879', username: 'u', password: 'p', pass_credentials_all: true }]);
});

test("version selection follows Helm's IndexFile.Get", () => {
  const idx = parseIndex(helmIndexText, 'helm-index.yaml');
  const pick = (version?: string, devel?: boolean) => findChartVersion(idx, 'web', { version, devel }).version;
  assert.is(pick(), '1.2.3', 'no constraint: newest stable');
  assert.is(pick(undefined, true), '2.0.0-beta.1', 'devel: pre-releases too');
  assert.is(pick('^1.0'), '1.2.3');
  assert.is(pick('~1.0.0'), '1.0.0');
  assert.is(pick('>=1.0 <2.0'), '1.2.3');
  assert.is(pick('1.x'), '1.2.3');
  assert.is(pick('2.0.0-beta.1'), '2.0.0-beta.1', 'an exact version string wins');
  assert.is(pick('>=2.0.0-0'), '2.0.0-beta.1', 'a constraint with a pre-release admits pre-releases');
  assert.throws(() => pick('^3'), /matching version "\^3" not found in repository; versions that exist: 2\.0\.0-beta\.1, 1\.2\.3, 1\.0\.0/);
  assert.throws(() => findChartVersion(idx, 'nope'), /chart "nope" not found/);
  assert.throws(() => pick('not a range!'), /invalid version constraint/);
});

test('malformed indexes are refused naming the file and line', () => {
  assert.throws(() => parseIndex('apiVersion: v1\nentries:\n  web:\n  - version: [1\n', 'repo/index.yaml'), (e: Error) => /^repo\/index\.yaml:\d+:\d+: invalid repository index YAML/.test(e.message));
  assert.throws(() => parseIndex('entries: {}\n', 'i.yaml'), /i\.yaml: no API version specified/);
  assert.throws(() => parseIndex('apiVersion: v1\nentries:\n  web: 3\n', 'i.yaml'), /^i\.yaml:3: entries\.web must be a list/);
  assert.throws(() => parseIndex('apiVersion: v1\nentries:\n  web:\n  - version: 1.0.0\n    urls: nope\n', 'i.yaml'), /^i\.yaml:5: entries\.web\[0\]\.urls must be a list/);
});

test('an index in JSON is read too; unparsable versions are dropped as Helm does', () => {
  const idx = parseIndex(JSON.stringify({ apiVersion: 'v1', entries: { a: [{ name: 'a', version: 'banana', urls: [] }, { name: 'a', version: '0.1.0', urls: ['a.tgz'] }] } }), 'i.json');
  assert.equal(idx.entries.a!.map((e) => e.version), ['0.1.0']);
});

test('URLs: relative chart URLs resolve against the repository URL', () => {
  assert.is(resolveChartURL('https://h/charts', 'a-1.0.0.tgz'), 'https://h/charts/a-1.0.0.tgz');
  assert.is(resolveChartURL('https://h/charts/', 'sub/a.tgz'), 'https://h/charts/sub/a.tgz');
  assert.is(resolveChartURL('https://h/charts', 'https://cdn/a.tgz'), 'https://cdn/a.tgz');
  assert.is(urlJoin('https://h/charts/', 'index.yaml'), 'https://h/charts/index.yaml');
  assert.is(urlJoin('https://h/charts?token=1', 'index.yaml'), 'https://h/charts/index.yaml?token=1');
});

test.run();
