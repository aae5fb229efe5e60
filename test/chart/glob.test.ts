// Go's filepath.Match semantics (the table of go/src/path/filepath/match_test.go,
// Unix flavour) and patterns that make a backtracking matcher run forever.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileGlob } from '../../src/chart/glob.js';
import { IgnoreRules } from '../../src/chart/ignore.js';

const BAD = 'bad';
// pattern, name, match (or BAD: Go returns ErrBadPattern)
const GO_TABLE: [string, string, boolean | typeof BAD][] = [
  ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true], ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false], ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false], ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false], ['ab[^b-d]', 'abc', false], ['ab[^e-g]', 'abc', true], ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false], ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true], ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true], ['[\\-x]', '-', true], ['[\\-x]', 'a', false],
  ['[]a]', ']', BAD], ['[-]', '-', BAD], ['[x-]', 'x', BAD], ['[x-]', '-', BAD], ['[x-]', 'z', BAD], ['[-x]', 'x', BAD], ['[-x]', '-', BAD],
  ['[-x]', 'a', BAD], ['\\', 'a', BAD], ['[a-b-c]', 'a', BAD], ['[', 'a', BAD], ['[^', 'a', BAD], ['[^bc', 'a', BAD], ['a[', 'a', BAD],
  ['a[', 'ab', BAD], ['a[', 'x', BAD], ['a/b[', 'x', BAD], ['*x', 'xxx', true],
  // Beyond Go's table: a class may match "/" (only * and ? stop at it), astral characters are one character.
  ['a[^x]b', 'a/b', true], ['?', '😀', true], ['[😀]', '😀', true], ['*.txt', '', false], ['', '', true], ['', 'a', false],
];

test("compileGlob agrees with Go's filepath.Match table", () => {
  for (const [pattern, name, want] of GO_TABLE) {
    if (want === BAD) {
      assert.throws(() => compileGlob(pattern).test(name), /syntax error in pattern/, `${pattern} should be a bad pattern`);
      continue;
    }
    assert.is(compileGlob(pattern).test(name), want, `Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`);
  }
});

test('pathological patterns finish (no backtracking across stars) and still match correctly', () => {
  const many = 'a'.repeat(200);
  assert.is(compileGlob('*a*a*a*a*a*a*b').test(many), false);
  assert.is(compileGlob('*a*a*a*a*a*a*b').test(many + 'b'), true);
  assert.is(compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b').test('a'.repeat(20_000)), false);
  assert.is(compileGlob('*?*?*?*?*?*?*?*?*?*?*!').test('x'.repeat(20_000)), false);
  assert.is(compileGlob('*[a-c]*[a-c]*[a-c]*[a-c]*[a-c]*[a-c]*z').test('b'.repeat(20_000)), false);
  const rules = IgnoreRules.parse('*a*a*a*a*a*a*b\n');
  assert.is(rules.ignores(`templates/${many}.yaml`, false), false);
  assert.is(rules.ignores(`templates/${many}b`, false), true);
});

test.run();
