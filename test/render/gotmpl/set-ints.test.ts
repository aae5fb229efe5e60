// --set integers are Go int64s in templates (Helm's strvals typedVal), while
// values files, -f and --set-json numbers are float64: compared with real
// Helm 3.17.3 through the CLI (so the values cross the render process), and
// a nunjucks chart given the same flags still sees plain numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';

const root = tempDir('skiff-setints-');

function write(chart: string, path: string, text: string): string {
  const dir = join(root, chart);
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
  return dir;
}

const go = write('ints', 'Chart.yaml', 'apiVersion: v2\nname: ints\nversion: 0.1.0\n');
write('ints', 'values.yaml', 'f: 1\nnested:\n  keep: 2\n');
write('ints', 'extra.yaml', 'k: 4\n');
write('ints', 'templates/cm.yaml', `{{- $v := .Values }}
a: {{ if eq $v.n 1 }}one{{ else }}other{{ end }} {{ if ne $v.n 2 }}ne{{ end }}
b: "{{ printf "%d %v %T %5d %x" $v.n $v.n $v.n $v.neg $v.big }}"
c: "{{ typeOf $v.big }} {{ kindOf $v.neg }} {{ $v.big }} {{ $v.neg }} {{ $v.zero }} {{ $v.min }} {{ $v.max }}"
d: "{{ lt $v.neg 0 }} {{ gt $v.big 5 }} {{ eq $v.zero 0 }} {{ le $v.n 1 }} {{ ge $v.min -9223372036854775808 }}"
e: '{{ toJson $v }}'
f: "{{ $v.f }} {{ typeOf $v.f }} {{ $v.s }} {{ typeOf $v.s }} {{ typeOf $v.huge }} {{ $v.huge }} {{ typeOf $v.j }} {{ typeOf $v.k }} {{ typeOf $v.lead }}"
g: "{{ typeOf (index $v.l 0) }} {{ typeOf $v.nested.deep }} {{ typeOf $v.nested.keep }} {{ add $v.n 1 }} {{ $v.p }} {{ typeOf $v.t }}"
y:
{{ toYaml $v | indent 2 }}
`);
const GO_ARGS = [
  '--set', 'n=1,big=9007199254740993,neg=-42,zero=0,l[0]=7,huge=99999999999999999999,p=+5,lead=007,t=true',
  '--set', 'min=-9223372036854775808,max=9223372036854775807,nested.deep=3',
  '--set-string', 's=5', '--set-json', 'j=3', '-f', join(go, 'extra.yaml'),
];

function run(bin: string, args: string[]): { out: string; err: string; status: number | null } {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

test('--set integers reach Go templates as int64, exactly as in Helm 3.17.3', () => {
  const h = run(helmBinary(), ['template', 'r', go, ...GO_ARGS]);
  const s = run(process.execPath, [CLI, 'template', 'r', go, ...GO_ARGS]);
  assert.is(h.err, '');
  assert.is(s.err, '');
  assert.is(s.out, h.out);
  assert.match(s.out, /a: one ne/);
  assert.match(s.out, /b: "1 1 int64   -42 20000000000001"/);
  assert.match(s.out, /big: 9007199254740993/);
});

test('a values-file number is not equal to an int constant and cannot be ordered against one, as in Helm; the same number from --set is', () => {
  const dir = write('cmp', 'Chart.yaml', 'apiVersion: v2\nname: cmp\nversion: 0.1.0\n');
  write('cmp', 'values.yaml', 'n: 1\n');
  write('cmp', 'templates/x.yaml', 'x: {{ if eq .Values.n 1 }}one{{ end }}\ny: {{ lt .Values.n 2 }}\n');
  const h = run(helmBinary(), ['template', 'r', dir]);
  const s = run(process.execPath, [CLI, 'template', 'r', dir]);
  assert.is.not(h.status, 0);
  assert.is.not(s.status, 0);
  assert.is(s.err.trim(), h.err.split('\n')[0]);
  assert.match(s.err, /x\.yaml:2:6: executing "cmp\/templates\/x\.yaml" at <lt \.Values\.n 2>: error calling lt: invalid type for comparison/);
  const h2 = run(helmBinary(), ['template', 'r', dir, '--set', 'n=1']);
  const s2 = run(process.execPath, [CLI, 'template', 'r', dir, '--set', 'n=1']);
  assert.is(h2.status, 0);
  assert.is(s2.out, h2.out);
  assert.match(s2.out, /x: one\ny: true/);
});

test('a nunjucks chart sees --set integers as plain numbers', () => {
  const dir = write('nj', 'Chart.yaml', 'apiVersion: v2\nname: nj\nversion: 0.1.0\nannotations:\n  skiff.dev/engine: nunjucks\n');
  write('nj', 'templates/x.yaml', 'sum: {{ Values.n + 1 }}\nsame: {{ Values.n === 1 }}\njson: {{ Values | toJson }}\n');
  const s = run(process.execPath, [CLI, 'template', 'r', dir, '--set', 'n=1,l[0]=-3']);
  assert.is(s.err, '');
  assert.match(s.out, /sum: 2\nsame: true\njson: \{"l":\[-3\],"n":1\}/);
});

test.run();
