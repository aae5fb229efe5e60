import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mergeValueOptions, mergeMaps } from '../../src/values/options.js';
import { coalesceValues } from '../../src/values/coalesce.js';
import { chart } from './support.js';
import { parseValuesYaml } from '../../src/values/util.js';
import { ValuesError } from '../../src/errors.js';
import { SetInt } from '../../src/values/int64.js';

const files = (m: Record<string, string>) => ({
  readFile: async (p: string) => {
    if (!(p in m)) throw new ValuesError(`open ${p}: no such file or directory`);
    return m[p];
  },
});

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, ValuesError);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a ValuesError matching ${pattern}`);
}

test('-f files deep-merge left to right; lists replace; nulls are kept', async () => {
  const io = files({
    'a.yaml': 'image:\n  repo: nginx\n  tag: "1"\nlist: [1, 2, 3]\nkeep: a\n',
    'b.yaml': 'image:\n  tag: "2"\nlist: [9]\nkeep: null\n',
  });
  assert.equal(await mergeValueOptions({ valueFiles: ['a.yaml', 'b.yaml'] }, io), {
    image: { repo: 'nginx', tag: '2' },
    list: [9],
    keep: null,
  });
});

test('precedence is by flag type, not position: json < set < string < file < literal', async () => {
  const io = files({ 'v.yaml': 'a: fromfile\nb: fromfile\n', 'content.txt': 'from --set-file' });
  const v = await mergeValueOptions(
    {
      valueFiles: ['v.yaml'],
      setLiteral: ['e=literal,with,commas'],
      setFile: ['d=content.txt'],
      setString: ['c=1,d=string'],
      set: ['b=2,c=3,d=4,e=5'],
      setJson: ['a={"x":[1,2]},b=1,c=1,d=1,e=1'],
    },
    io,
  );
  // --set-json numbers are float64 (plain numbers), --set integers int64 (SetInt).
  assert.equal(v, { a: { x: [1, 2] }, b: new SetInt('2'), c: '1', d: 'from --set-file', e: 'literal,with,commas' });
  // reference §2.1: --set-string a=1 --set a=2 gives "1"
  assert.equal(await mergeValueOptions({ set: ['a=2'], setString: ['a=1'] }), { a: '1' });
});

test('--set writes into lists from -f files, but creates a list where only a chart default has one', async () => {
  const io = files({ 'v.yaml': 'list: [a, b, c]\n' });
  assert.equal(await mergeValueOptions({ valueFiles: ['v.yaml'], set: ['list[1]=x,other[1]=y'] }, io), { list: ['a', 'x', 'c'], other: [null, 'y'] });
});

test('- reads stdin once, for -f and --set-file', async () => {
  let reads = 0;
  const io = {
    readStdin: async () => {
      reads++;
      return 'fromStdin: true\n';
    },
  };
  assert.equal(await mergeValueOptions({ valueFiles: ['-'], setFile: ['raw=-'] }, io), { fromStdin: true, raw: 'fromStdin: true\n' });
  assert.is(reads, 1);
});

test('real files and a missing file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-values-'));
  writeFileSync(join(dir, 'v.yaml'), 'x: 1\n');
  writeFileSync(join(dir, 'cert.pem'), '-----BEGIN-----\n');
  assert.equal(await mergeValueOptions({ valueFiles: [join(dir, 'v.yaml')], setFile: [`tls.cert=${join(dir, 'cert.pem')}`] }), {
    x: 1,
    tls: { cert: '-----BEGIN-----\n' },
  });
  await rejects(mergeValueOptions({ valueFiles: [join(dir, 'nope.yaml')] }), /nope\.yaml: no such file or directory/);
});

test('malformed YAML names the file, line and column', async () => {
  const io = files({ 'bad.yaml': 'ok: 1\nlist:\n  - a\n - b\n', 'dup.yaml': 'a: 1\nb: 2\na: 3\n', 'tab.yaml': 'a:\n\tb: 1\n' });
  await rejects(mergeValueOptions({ valueFiles: ['bad.yaml'] }, io), /^failed to parse bad\.yaml: line 4, column \d+: /);
  // Helm accepts repeated keys; the last one wins
  assert.equal(await mergeValueOptions({ valueFiles: ['dup.yaml'] }, io), { a: 3, b: 2 });
  await rejects(mergeValueOptions({ valueFiles: ['tab.yaml'] }, io), /^failed to parse tab\.yaml: line 2, column \d+: /);
});

test('a values file that is not a map is an error naming the file', async () => {
  const io = files({ 'list.yaml': '# comment\n- a\n- b\n', 'scalar.yaml': 'hello\n', 'empty.yaml': '# nothing\n' });
  await rejects(mergeValueOptions({ valueFiles: ['list.yaml'] }, io), /^failed to parse list\.yaml: line 2: values must be a map, got a list$/);
  await rejects(mergeValueOptions({ valueFiles: ['scalar.yaml'] }, io), /^failed to parse scalar\.yaml: line 1: values must be a map, got a string$/);
  assert.equal(await mergeValueOptions({ valueFiles: ['empty.yaml'] }, io), {});
});

test('bad --set expressions name the flag and the expression', async () => {
  await rejects(mergeValueOptions({ set: ['a=1', 'b'] }), /^failed parsing --set data: key "b" has no value \(in "b"\)$/);
  await rejects(mergeValueOptions({ setString: ['x[-1]=a'] }), /^failed parsing --set-string data: negative -1 index not allowed/);
  await rejects(mergeValueOptions({ setJson: ['a={'] }), /^failed parsing --set-json data a=\{: unexpected EOF$/);
  await rejects(mergeValueOptions({ setFile: ['a=missing'] }, files({})), /open missing: no such file or directory/);
});

test('values files use Helm\'s YAML rules: yes/no are bools, timestamps stay strings', () => {
  // what Helm 3.17 prints for the same file
  assert.equal(parseValuesYaml('a: yes\nb: off\nc: 2001-12-14\nd: 1:30\ne: 0777\nf: 0o17\ng: 1_000\nh: 0x1F\ni: 0b101\nj: .5\nk: +12\nl: Y\ny: 2\nn: 1\non: 3\nq: "yes"\n', 'v.yaml'), {
    a: true, b: false, c: '2001-12-14', d: '1:30', e: 511, f: 15, g: 1000, h: 31, i: 5, j: 0.5, k: 12, l: true, true: 3, false: 1, q: 'yes',
  });
  assert.equal(parseValuesYaml('base: &b {x: 1}\nmerged:\n  <<: *b\n  z: 2\n', 'v.yaml'), { base: { x: 1 }, merged: { x: 1, z: 2 } });
});

test('only the first YAML document of a values file counts (Helm)', () => {
  assert.equal(parseValuesYaml('a: 1\n---\nb: [\n', 'v.yaml'), { a: 1 });
  assert.equal(parseValuesYaml('---\na: 1\n', 'v.yaml'), { a: 1 });
  assert.equal(parseValuesYaml('---\n---\na: 1\n', 'v.yaml'), {});
  assert.equal(parseValuesYaml('', 'v.yaml'), {});
});

test('mergeMaps does not modify its inputs', () => {
  const a = { m: { x: 1 } };
  const b = { m: { y: 2 } };
  assert.equal(mergeMaps(a, b), { m: { x: 1, y: 2 } });
  assert.equal(a, { m: { x: 1 } });
});

test('-f and the --set family: __proto__, constructor and prototype are ordinary keys, end to end through coalescing', async () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const yaml = '__proto__:\n  polluted: file\nconstructor:\n  prototype:\n    polluted: file\nprototype: {polluted: file}\n';
  const v = await mergeValueOptions(
    {
      valueFiles: ['a.yaml', 'a.yaml'],
      set: ['__proto__.polluted=set', 'constructor.prototype.polluted=set', 'list[0].__proto__.x=1'],
      setString: ['__proto__.s=str'],
      setJson: ['__proto__={"polluted":"json"}', 'constructor={"prototype":{"polluted":"json"}}'],
      setLiteral: ['prototype.polluted=lit'],
    },
    files({ 'a.yaml': yaml }),
  );
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  const own = (o: unknown, k: string) => Object.getOwnPropertyDescriptor(o, k)?.value as Record<string, unknown>;
  assert.equal(own(v, '__proto__'), { polluted: 'set', s: 'str' });
  assert.equal(own(own(v, 'constructor'), 'prototype'), { polluted: 'set' });
  assert.equal(own(v, 'prototype'), { polluted: 'lit' });
  assert.equal(own((v.list as unknown[])[0], '__proto__'), { x: new SetInt('1') });
  // Coalescing with a chart's defaults keeps them as keys too.
  const out = coalesceValues(chart({ name: 'c', values: JSON.parse('{"constructor":{"prototype":{"d":1}},"__proto__":{"d":2}}') }), v);
  assert.equal(own(own(out, 'constructor'), 'prototype'), { polluted: 'set', d: 1 });
  assert.equal(own(out, '__proto__'), { polluted: 'set', s: 'str', d: 2 });
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), before);
});

test.run();
