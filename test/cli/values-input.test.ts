// Hostile or unusual values input through the CLI: clear errors that name the
// flag, file and line, nothing leaked to stderr, and Helm's plain-data keys.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, skiff, tempDir } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';

function chart(name: string, template: string, engine: 'go' | 'nunjucks'): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nannotations:\n  skiff.dev/template-engine: ${engine}\n`);
  writeFileSync(join(dir, 'values.yaml'), '');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), template);
  return dir;
}

const GO = chart('go', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: {{ .Values.constructor | quote }}\n  p: {{ .Values.prototype.x | quote }}\n  i: {{ index .Values "constructor" | quote }}\n  all: {{ toJson .Values | quote }}\n', 'go');
const NJ = chart('nj', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: {{ Values.constructor | quote }}\n  p: {{ Values.prototype.x | quote }}\n  all: {{ Values | toJson | quote }}\n', 'nunjucks');

test('a --set-json nested past the limit is refused naming the flag and the depth, briefly', async () => {
  const deep = `x=${'['.repeat(20000)}${']'.repeat(20000)}`;
  const r = await skiff(['template', 'r', GO, '--set-json', deep]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /^Error: failed parsing --set-json data x=\[\[\[+… \(40002 characters\): exceeded max depth: a JSON value may nest at most 1000 levels\n/);
  assert.ok(r.stderr.length < 1000, 'the expression is not printed whole');
  assert.not.match(r.stderr, /call stack/);
  const ok = await skiff(['template', 'r', GO, '--set', 'prototype.x=1', '--set-json', `x=${'{"a":'.repeat(998)}[1]${'}'.repeat(998)}`]);
  assert.is(ok.code, 0, ok.stderr.slice(0, 500));
});

test('-f - and --values - read values from standard input', async () => {
  for (const flag of ['-f', '--values']) {
    const r = await skiff(['template', 'r', GO, flag, '-'], { input: 'constructor: from-stdin\nprototype: {x: 1}\n' });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, 'c: "from-stdin"');
  }
});

test('a values file with a list or map as a key is refused at its line; no Node warning leaks', async () => {
  const dir = tempDir('skiff-values-');
  const file = join(dir, 'v.yaml');
  writeFileSync(file, 'a:\n  b: 1\n  ? [1, 2]\n  : v\n');
  const r = await skiff(['template', 'r', GO, '-f', file]);
  assert.is(r.code, 1);
  assert.is(r.stderr, `Error: failed to parse ${file}: line 3, column 5: invalid map key: a key must be a string, number or boolean, not a list\n`);
  const h = await run(helmBinary(), ['template', 'r', GO, '-f', file]);
  assert.is.not(h.code, 0, 'Helm refuses it too');
});

test('a list as a key in Chart.yaml or in a rendered manifest: an error at its line, never a Node warning', async () => {
  const c = chart('keys', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    ? [1]\n    : x\n', 'go');
  const r = await skiff(['template', 'r', c]);
  assert.is(r.code, 1);
  assert.is(r.stderr, 'Error: YAML parse error on keys/templates/cm.yaml at line 6: invalid map key: a key must be a string, number or boolean, not a list\nHint: run again with --debug to render out the invalid YAML\n');
  writeFileSync(join(c, 'Chart.yaml'), 'apiVersion: v2\nname: keys\nversion: 0.1.0\nannotations:\n  ? {a: 1}\n  : x\n');
  const meta = await skiff(['template', 'r', c]);
  assert.is(meta.code, 1);
  assert.is(meta.stderr, `Error: ${join(c, 'Chart.yaml')}:5:5: invalid YAML: invalid map key: a key must be a string, number or boolean, not a map\n`);
});

test('values keys named constructor and prototype are plain data in both engines, as in Helm', async () => {
  const set = ['--set', 'constructor=c1', '--set', 'prototype.x=p1', '--set', 'a.constructor.prototype=deep'];
  const go = await skiff(['template', 'r', GO, ...set]);
  assert.is(go.code, 0, go.stderr);
  assert.match(go.stdout, /c: "c1"\n  p: "p1"\n  i: "c1"\n/);
  const h = await run(helmBinary(), ['template', 'r', GO, ...set]);
  assert.is(h.code, 0, h.stderr);
  assert.is(go.stdout.replace(/\n+$/, ''), h.stdout.replace(/\n+$/, ''), 'same bytes as Helm');
  const nj = await skiff(['template', 'r', NJ, ...set]);
  assert.is(nj.code, 0, nj.stderr);
  assert.match(nj.stdout, /c: "c1"\n  p: "p1"\n/);
  assert.match(nj.stdout, /\\"constructor\\":{\\"prototype\\":\\"deep\\"}/);
});

test.run();
