// The heads of large rendered documents kept under $SKIFF_HOME/cache/heads:
// a head read back gives exactly the order, hooks and errors a fresh parse
// gives; invalid documents fail on every run; damaged or stale entries are
// never trusted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, statSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { sortManifests } from '../../src/render/manifests.js';
import { useHeadCache, HEAD_CACHE_MIN_BYTES, HEAD_CACHE_MAX_ENTRIES } from '../../src/render/head-cache.js';
import { RenderError } from '../../src/errors.js';
import { CLI } from '../support/cli.js';

/** A large document the fast head scan declines (flow maps, escaped strings), as CRDs and big ConfigMaps render. */
function bigDoc(kind: string, name: string, extra = ''): string {
  const lines = [`apiVersion: v1`, `kind: ${kind}`, `metadata:`, `  name: ${name}`, `  annotations:`, `    note: "x\\ty"`, `    "__proto__": p${extra}`, `data:`];
  for (let i = 0; lines.join('\n').length < HEAD_CACHE_MIN_BYTES * 2; i++) lines.push(`  k${i}: {a: ${i}, b: "line\\n${i}"}`);
  return lines.join('\n') + '\n';
}

const FILES: Record<string, string> = {
  'c/templates/a.yaml': bigDoc('ConfigMap', 'a'),
  'c/templates/b.yaml': `${bigDoc('Secret', 'b')}---\n${bigDoc('ConfigMap', 'hook', '\n    "helm.sh/hook": post-install\n    "helm.sh/hook-weight": "3"')}`,
  'c/templates/c.yaml': `${bigDoc('ServiceAccount', 'c')}---\n# only a comment\n`,
  'c/templates/small.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
};

const INVALID = { 'c/templates/bad.yaml': `${bigDoc('ConfigMap', 'bad')}  broken: [1, 2\nmore: x\n` };

function sorted(files: Record<string, string>) {
  const { manifests, hooks } = sortManifests(files, { keepEmpty: true });
  return JSON.stringify({ manifests, hooks });
}

function errorOf(files: Record<string, string>): string {
  try {
    sortManifests(files);
  } catch (e) {
    assert.instance(e, RenderError);
    return `${(e as RenderError).message} @${(e as RenderError).line}`;
  }
  assert.unreachable('expected a RenderError');
  return '';
}

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'skiff-head-cache-')), 'heads');

test('heads read back from the cache sort, hook and keep documents exactly as a fresh parse', () => {
  useHeadCache(undefined);
  const expected = sorted(FILES);
  assert.ok(expected.includes('"events":["post-install"]') && expected.includes('"weight":3'), 'the hook is read from its annotations');
  assert.ok(expected.includes('"empty":true'), 'the comment-only document is kept');
  const dir = freshDir();
  useHeadCache(dir);
  try {
    assert.equal(sorted({ ...FILES }), expected, 'cold');
    assert.equal(readdirSync(dir).length, 4, 'one entry per large declined document');
    assert.equal(sorted({ ...FILES }), expected, 'warm');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const f of readdirSync(dir)) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600);
  } finally {
    useHeadCache(undefined);
  }
});

test('an invalid document fails with the same error on every run and is never stored', () => {
  useHeadCache(undefined);
  const expected = errorOf(INVALID);
  assert.match(expected, /YAML parse error on c\/templates\/bad\.yaml at line \d+/);
  const dir = freshDir();
  useHeadCache(dir);
  try {
    assert.is(errorOf({ ...INVALID }), expected);
    assert.is(errorOf({ ...INVALID }), expected);
    let entries: string[] = [];
    try { entries = readdirSync(dir); } catch { /* never created */ }
    assert.equal(entries, []);
  } finally {
    useHeadCache(undefined);
  }
});

test('a stored head is what later runs use; a damaged one is parsed again', () => {
  useHeadCache(undefined);
  const one = { 'c/templates/a.yaml': FILES['c/templates/a.yaml']! };
  const expected = sorted(one);
  const dir = freshDir();
  useHeadCache(dir);
  try {
    sorted(one);
    const [entry] = readdirSync(dir);
    const file = join(dir, entry!);
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Taken', name: 'from-cache', annotations: {} }));
    assert.ok(sorted({ ...one }).includes('"kind":"Taken"'), 'the stored head was used');
    for (const damaged of ['', '{', '[]', '{"apiVersion":"v1","kind":1,"name":"a","annotations":{}}', '{"apiVersion":"v1","kind":"K","name":"a","annotations":{"x":1}}', '{"apiVersion":"v1","kind":"K","name":"a","annotations":{},"empty":false}']) {
      writeFileSync(file, damaged);
      assert.equal(sorted({ ...one }), expected, `entry ${damaged}`);
    }
  } finally {
    useHeadCache(undefined);
  }
});

test('entries of other builds are removed, and the oldest half past the limit', () => {
  const dir = freshDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '0000000000000000-stale.json'), '{}');
  useHeadCache(dir);
  try {
    sorted({ 'c/templates/a.yaml': FILES['c/templates/a.yaml']! });
    const [mine] = readdirSync(dir);
    assert.ok(mine && !mine.startsWith('0000000000000000-'), 'the other build\'s entry is gone');
    const prefix = mine!.slice(0, mine!.indexOf('-') + 1);
    for (let i = 0; i < HEAD_CACHE_MAX_ENTRIES; i++) {
      const f = join(dir, `${prefix}old${i}.json`);
      writeFileSync(f, '{}');
      utimesSync(f, 1_000 + i, 1_000 + i);
    }
    useHeadCache(dir); // a new process's first write prunes
    sorted({ 'c/templates/b.yaml': FILES['c/templates/b.yaml']! });
    const left = readdirSync(dir);
    assert.ok(left.length <= HEAD_CACHE_MAX_ENTRIES / 2 + 3, `${left.length} entries left`);
    assert.ok(left.includes(mine!), 'the newest entries stay');
    assert.not.ok(left.includes(`${prefix}old0.json`), 'the oldest are removed');
  } finally {
    useHeadCache(undefined);
  }
});

test('skiff template: the same output with a cold and a warm head cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-head-cli-'));
  const chart = join(dir, 'c');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(chart, 'templates', name.slice('c/templates/'.length)), text);
  const env = { ...process.env, SKIFF_HOME: join(dir, 'home'), NO_COLOR: '1' };
  const runs = [0, 1].map(() => spawnSync(process.execPath, [CLI, 'template', 'x', chart], { env, encoding: 'utf8' }));
  assert.is(runs[0]!.status, 0, runs[0]!.stderr);
  assert.is(runs[1]!.stdout, runs[0]!.stdout);
  assert.ok(runs[0]!.stdout.indexOf('name: c\n') < runs[0]!.stdout.indexOf('name: a\n'), 'ServiceAccount before ConfigMap');
  assert.is(readdirSync(join(dir, 'home', 'cache', 'heads')).length, 4);
});

test.run();
