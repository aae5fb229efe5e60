// Index YAML read one chart version at a time: what real Helm writes (long
// strings folded, literal blocks) reads exactly as the full YAML parser reads
// it, pieces outside the fast subset still read exactly, and errors name the
// line in the whole file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseIndex } from '../../src/repo/index-file.js';
import { parseIndexYaml } from '../../src/repo/index-yaml.js';
import { helmBinary } from '../support/helm.js';
import { tempDir } from '../support/cli.js';

/** The index as the whole-document path reads it (the same document as JSON). */
function wholeParse(text: string): unknown {
  return JSON.parse(JSON.stringify(parseIndex(JSON.stringify(parse(text, { version: '1.2' })), 'x')));
}

function pieceParse(text: string): unknown {
  assert.ok(parseIndexYaml(text, 'x') !== undefined, 'the layout can be cut');
  return JSON.parse(JSON.stringify(parseIndex(text, 'x')));
}

test('an index written by Helm (folded long strings, literal blocks, quoting) reads exactly as the full parser reads it', () => {
  const dir = tempDir('skiff-helm-index-');
  const long = 'A description long enough that Go wraps it: with colons, # hashes, \'single\' and "double" quotes, and more words to pass eighty columns twice over';
  for (const [name, extra] of [
    ['plain', `description: ${JSON.stringify(long)}\nkeywords: ["a: b", "yes", "1.0", "- dash"]\n`],
    ['blocks', 'description: |\n  line one\n    indented\n\n  # not a comment\nannotations:\n  multi: |\n    x\n    y\n  lead: "  leading spaces and a trailing one "\n  tab: "a\\tb"\n'],
    ['unicode', `description: "Ünïcødé ✓ 😀 ${'word '.repeat(30)}"\nhome: https://example.com/a?b=c&d=e\n`],
  ] as const) {
    mkdirSync(join(dir, name, 'templates'), { recursive: true });
    writeFileSync(join(dir, name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${extra}`);
    execFileSync(helmBinary(), ['package', join(dir, name), '-d', join(dir, 'repo')], { stdio: 'pipe' });
  }
  execFileSync(helmBinary(), ['repo', 'index', join(dir, 'repo')], { stdio: 'pipe' });
  const text = readFileSync(join(dir, 'repo', 'index.yaml'), 'utf8');
  assert.match(text, /\n {6}\S/, 'Helm folded a long string over lines');
  const got = pieceParse(text) as { entries: Record<string, { description: string }[]> };
  assert.equal(got, wholeParse(text));
  assert.is(got.entries.plain![0]!.description, long);
});

test('versions outside the fast subset (anchors, folded blocks, flow maps) are read exactly, each on its own', () => {
  const text = [
    'apiVersion: v1',
    'entries:',
    '  a:',
    '  - name: a',
    '    version: 1.0.0',
    '    description: >-',
    '      folded',
    '      text',
    '    annotations: {x: "1", y: two}',
    '    maintainers: &m',
    '    - name: me',
    '    sources: *m',
    '  - name: a',
    '    version: 0.9.0',
    '  b:',
    '    - name: b',
    '      version: 2.0.0',
    '      keywords: [k1, k2]',
    'generated: "2024-01-01T00:00:00Z"',
    '',
  ].join('\n');
  assert.equal(pieceParse(text), wholeParse(text));
});

test('a byte order mark and CRLF line ends do not change the index', () => {
  const text = 'apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: long text\n      folded\n';
  const plain = pieceParse(text);
  assert.equal(JSON.parse(JSON.stringify(parseIndex('\ufeff' + text.replace(/\n/g, '\r\n'), 'x'))), plain);
});

test('an alias to an anchor in another version makes the whole document the unit, with the same result', () => {
  const text = 'apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    home: &h https://h\n  - name: a\n    version: 2.0.0\n    home: *h\n';
  assert.equal(JSON.parse(JSON.stringify(parseIndex(text, 'x'))), wholeParse(text));
});

test('errors name the line in the whole file: syntax, a repeated chart, a field of the wrong shape', () => {
  const head = 'apiVersion: v1\nentries:\n' + Array.from({ length: 50 }, (_, i) => `  c${i}:\n  - name: c${i}\n    version: 1.0.0\n`).join('');
  const bad = head + '  broken:\n  - name: broken\n    version: "1.0.0\n    urls: [x\n';
  assert.throws(() => parseIndex(bad, 'idx.yaml'), (e: Error) => /^idx\.yaml:15[3-7]:\d+: invalid repository index YAML: Missing closing "quote/.test(e.message));
  const dup = head + '  c7:\n  - name: c7\n    version: 2.0.0\n';
  assert.throws(() => parseIndex(dup, 'idx.yaml'), (e: Error) => e.message === 'idx.yaml:153: invalid repository index YAML: map key "c7" is defined twice (first at line 24)');
  const shape = head + '  odd:\n  - name: odd\n    version: 1.0.0\n    urls: not-a-list\n';
  assert.throws(() => parseIndex(shape, 'idx.yaml'), (e: Error) => /^idx\.yaml:156: entries\.odd\[0\]\.urls must be a list/.test(e.message));
});

test.run();
