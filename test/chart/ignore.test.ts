import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IgnoreRules } from '../../src/chart/ignore.js';
import { ChartInvalidError } from '../../src/errors.js';

// Helm's own table (pkg/ignore/rules_test.go): pattern, path, is it a directory, ignored?
const CASES: [string, string, boolean, boolean][] = [
  ['helm.txt', 'helm.txt', false, true],
  ['helm.*', 'helm.txt', false, true],
  ['helm.*', 'rudder.txt', false, false],
  ['*.txt', 'tiller.txt', false, true],
  ['*.txt', 'cargo/a.txt', false, true],
  ['cargo/*.txt', 'cargo/a.txt', false, true],
  ['cargo/*.*', 'cargo/a.txt', false, true],
  ['cargo/*.txt', 'mast/a.txt', false, false],
  ['ru[c-e]?er.txt', 'rudder.txt', false, true],
  ['templates/.?*', 'templates/.dotfile', false, true],
  ['.*', '.', true, false],
  ['.*', './', true, false],
  ['.*', '.joonix', false, true],
  ['.*', 'helm.txt', false, false],
  ['.*', '', false, false],
  ['cargo/', 'cargo', true, true],
  ['cargo/', 'cargo/', true, true],
  ['cargo/', 'mast/', true, false],
  ['helm.txt/', 'helm.txt', false, false],
  ['!helm.txt', 'helm.txt', false, false],
  ['!helm.txt', 'tiller.txt', false, true],
  ['!*.txt', 'cargo', true, true],
  ['!cargo/', 'mast/', true, true],
  ['/a.txt', 'a.txt', false, true],
  ['/a.txt', 'cargo/a.txt', false, false],
  ['/cargo/a.txt', 'cargo/a.txt', false, true],
  ['*', 'dir/file', false, true],
  ['dir/*', 'dir/sub/file', false, false],
  ['[!a]', 'b', false, false],
  ['[^a]', 'b', false, true],
  ['a\\*b', 'a*b', false, true],
  ['a\\*b', 'axb', false, false],
];

test('patterns match as in Helm', () => {
  for (const [pattern, path, isDir, expect] of CASES) {
    const r = IgnoreRules.parse(pattern);
    assert.is(r.ignores(path, isDir), expect, `${pattern} vs ${path}`);
  }
});

test('comments, blank lines and surrounding spaces are skipped', () => {
  const r = IgnoreRules.parse('# comment\n\n   *.bak   \n\t# another\n');
  assert.is(r.size, 1);
  assert.ok(r.ignores('x.bak', false));
  assert.not.ok(r.ignores('# comment', false));
});

test('the first decisive rule wins; a negated rule ignores what it does not match (Helm semantics)', () => {
  const r = IgnoreRules.parse('!Chart.yaml\n*.txt\n');
  assert.not.ok(r.ignores('Chart.yaml', false));
  assert.ok(r.ignores('values.yaml', false));
});

test('** and malformed globs are refused with the line number', () => {
  assert.throws(() => IgnoreRules.parse('ok\nfoo/**/bar\n', 'c/.helmignore'), (e: Error) => e instanceof ChartInvalidError && /c\/\.helmignore:2: double-star \(\*\*\) syntax is not supported/.test(e.message));
  assert.throws(() => IgnoreRules.parse('[z-'), /\.helmignore:1: syntax error in pattern/);
});

test('the default rule ignores dotfiles directly under templates/', () => {
  const r = new IgnoreRules().addDefaults();
  assert.ok(r.ignores('templates/.swp', false));
  assert.not.ok(r.ignores('templates/a.yaml', false));
  assert.not.ok(r.ignores('.helmignore', false));
});

test.run();
