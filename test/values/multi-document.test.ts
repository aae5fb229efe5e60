// Values files with several YAML documents (`---`): Helm 4 merges them in
// order, a later document winning, for -f files and a chart's values.yaml
// (Helm 3 read only the first). skiff renders what Helm 4.1.4 renders, and a
// bad document is an error naming the file, the document and the line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { mergeValueOptions } from '../../src/values/options.js';
import { helmRenderedValues, writeChart } from './support.js';

const dir = tempDir('skiff-multidoc-');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** `.Values` per chart as `skiff template` renders them (same template as the Helm side). */
async function skiffRenderedValues(chartDir: string, args: string[], input?: string): Promise<Map<string, string>> {
  const r = await skiff(['template', 'r', chartDir, ...args], input === undefined ? {} : { input });
  assert.is(r.code, 0, r.stderr);
  const out = new Map<string, string>();
  for (const m of r.stdout.matchAll(/name: (.+)-values\ndata:\n {2}values: ("(?:[^"\\]|\\.)*")/g)) out.set(m[1]!, JSON.parse(m[2]!) as string);
  return out;
}

const chartDir = writeChart(dir, {
  name: 'app',
  values: 'image:\n  repo: nginx\n  tag: "1"\nlist: [1]\n---\n# the second document overrides the first\nimage:\n  tag: "2"\nextra: true\n---\n',
  subcharts: [{ name: 'sub', values: 'a: 1\n---\nb: 2\n---\na: 3\n' }],
});

const multi = file('multi.yaml', 'a: 2\nm:\n  x: 1\n  z: 1\n---\nm:\n  z: 2\nl: [1]\n---\n---\nl: [2]\nb: null\nimage: {repo: busybox}\nsub: {b: 9}\n');
const second = file('second.yaml', '# leading comment\n---\na: 5\n---\nm: {w: 1}\n');

test('-f files and values.yaml with several documents render as Helm 4 renders them', async () => {
  const cases: string[][] = [[], ['-f', multi], ['-f', multi, '-f', second], ['-f', second, '--set', 'm.z=7']];
  for (const args of cases) {
    const ours = await skiffRenderedValues(chartDir, args);
    assert.equal(ours, await helmRenderedValues(helm4Binary(), chartDir, args), args.join(' '));
    assert.ok(ours.size === 2, 'both charts rendered');
  }
  const app = JSON.parse((await skiffRenderedValues(chartDir, ['-f', multi])).get('app')!) as Record<string, unknown>;
  assert.equal(app.image, { repo: 'busybox', tag: '2' }, "values.yaml's documents merged, then -f's");
  assert.equal(app.l, [2], 'a later document replaces a list');
  assert.is(app.b, null);
});

test('stdin (-f -) with several documents', async () => {
  const ours = await skiffRenderedValues(chartDir, ['-f', '-'], 'a: 1\n---\na: 2\nz: last\n');
  assert.match(ours.get('app')!, /"a":2/);
  assert.match(ours.get('app')!, /"z":"last"/);
});

test('a bad document names the file, the document and the line in the file; Helm 4 fails too', async () => {
  const cases: [string, string, RegExp][] = [
    ['list2.yaml', 'a: 2\n---\n- 1\n- 2\n', /failed to parse .*list2\.yaml: document 2: line 3: values must be a map, got a list/],
    ['bad2.yaml', 'a: 2\n---\nb: 1\nc: [\n', /failed to parse .*bad2\.yaml: document 2: line \d+, column \d+: /],
    ['scalar3.yaml', 'a: 1\n---\nb: 2\n---\njust text\n', /failed to parse .*scalar3\.yaml: document 3: line 5: values must be a map, got a string/],
  ];
  for (const [name, text, re] of cases) {
    const p = file(name, text);
    const r = await skiff(['template', 'r', chartDir, '-f', p]);
    assert.is(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.is(r.stdout, '', 'nothing rendered');
    const h = await run(helm4Binary(), ['template', 'r', chartDir, '-f', p]);
    assert.ok(h.code !== 0, `Helm 4 refuses ${name} too`);
  }
  // One document: no document number, as before.
  const one = file('one.yaml', '- 1\n');
  assert.match((await skiff(['template', 'r', chartDir, '-f', one])).stderr, /failed to parse .*one\.yaml: line 1: values must be a map, got a list/);
});

test("a bad document in a chart's values.yaml names the file, line and document", async () => {
  const bad = writeChart(tempDir('skiff-multidoc-chart-'), { name: 'broken', values: 'a: 1\n---\n- x\n' });
  const r = await skiff(['template', 'r', bad]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /broken\/values\.yaml:3: values\.yaml \(document 2\) must be a map of keys to values, not a list/);
});

test('mergeValueOptions: documents merge in order, deep, a later one winning, nulls kept', async () => {
  const io = { readFile: async () => 'x: {a: 1, b: 1}\nl: [1]\n---\nx: {b: 2}\nl: null\n---\n' };
  assert.equal(await mergeValueOptions({ valueFiles: ['v.yaml'] }, io), { x: { a: 1, b: 2 }, l: null });
  const v = await mergeValueOptions({ valueFiles: ['v.yaml'] }, { readFile: async () => 'a: 1\n---\n__proto__: {polluted: true}\n' });
  assert.is(({} as Record<string, unknown>).polluted, undefined, 'no prototype write');
  assert.is(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(Object.keys(v), ['a', '__proto__'], '__proto__ from a later document is a plain key');
});

test.run();
