// Bad Go templates fail as Helm fails them: same message (file:line[:col],
// node, Go's wording), non-zero exit, nothing on stdout; render bounds end a
// runaway template with a clear error instead of a hang.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary, helm4Binary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';
import { renderGoTemplates } from '../../../src/render/gotmpl/engine.js';
import { FUNCS } from '../../../src/render/gotmpl/funcs.js';
import type { Chart } from '../../../src/chart/types.js';

const dir = join(tempDir('skiff-gotmpl-err-'), 'c');

function chartWith(template: string, helpers = ''): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\nannotations:\n  skiff.dev/template-engine: go\n');
  writeFileSync(join(dir, 'values.yaml'), 'a: {}\ns: text\nlist: [1, 2]\n');
  writeFileSync(join(dir, 'templates', 'x.yaml'), template);
  if (helpers) writeFileSync(join(dir, 'templates', '_helpers.tpl'), helpers);
}

function run(bin: string, args: string[]): { status: number; out: string; err: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const CASES: Array<[string, string, string?]> = [
  ['syntax error in an action', 'a: 1\nb: {{ .a }\n'],
  ['unknown function', 'x: {{ foo 1 }}\n'],
  ['unclosed action', 'x: {{ .Values.a\n'],
  ['missing end', '{{ if .Values.a }}\nx: 1\n'],
  ['unexpected end', 'x: 1\n{{ end }}\n'],
  ['undefined variable', 'x: {{ $nope }}\n'],
  ['nil pointer', 'x: 1\ny: {{ .Values.a.b.c }}\n'],
  ['wrong number of arguments', 'x: {{ trunc 1 }}\n'],
  ['wrong argument type', 'x: {{ upper .Values.missing }}\n'],
  ['field of a string', 'x: {{ .Values.s.x }}\n'],
  ['incompatible comparison', 'x: {{ if eq 1 "a" }}1{{ end }}\n'],
  ['index out of range', 'x: {{ index .Values.list 5 }}\n'],
  ['fail', 'x: {{ fail "this chart needs a license key" }}\n'],
  ['required', 'x: {{ required "set .Values.host" .Values.host }}\n'],
  ['required inside include', 'x: {{ include "c.host" . }}\n', '{{- define "c.host" -}}{{ required "host is required" .Values.host }}{{- end }}'],
  ['include of an undefined template', 'x: {{ include "nope" . }}\n'],
  ['template of an undefined template', 'x: {{ template "nope" . }}\n'],
  ['error inside a helper', 'x: {{ include "c.bad" . }}\n', '{{- define "c.bad" -}}\n{{ .Values.a.b.c }}\n{{- end }}'],
  ['tpl with a nil pointer', 'x: {{ tpl "{{ .Values.a.b.c }}" . }}\n'],
  ['tpl with a syntax error', 'x: {{ tpl "{{ .Values.a " . }}\n'],
  ['infinite include recursion', 'x: {{ include "c.loop" . }}\n', '{{- define "c.loop" -}}{{ include "c.loop" . }}{{- end }}'],
];

for (const [label, template, helpers] of CASES) {
  test(`${label}: the message Helm prints, non-zero exit, no output`, () => {
    chartWith(template, helpers);
    const h = run(helmBinary(), ['template', 'r', dir]);
    const s = run(process.execPath, [CLI, 'template', 'r', dir]);
    assert.is.not(h.status, 0, 'Helm fails too');
    assert.is.not(s.status, 0);
    assert.is(s.out, '');
    assert.is(s.err.split('\n')[0], h.err.split('\n')[0]);
  });
}

test('a parse error after comments that span lines names the line Helm 4 names (Go 1.25 counts the comments\' newlines)', () => {
  for (const template of [
    '{{/* c\n */}}\n{{ if }}\n',
    '{{- /* c\n\n */ -}}\n\n{{ if }}\n',
    'a\n{{/* c\n\n */}}{{ if }}\n',
    '{{/*\n*/}}{{/*\n*/}}\n{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}\n',
  ]) {
    chartWith(template);
    const h = run(helm4Binary(), ['template', 'r', dir]);
    const s = run(process.execPath, [CLI, 'template', 'r', dir]);
    assert.is.not(h.status, 0, 'Helm fails too');
    assert.is.not(s.status, 0);
    assert.is(s.err.split('\n')[0], h.err.split('\n')[0], JSON.stringify(template));
  }
});

test('output that is not valid YAML: nothing printed and a hint to use --debug, which renders out every file as Helm does', () => {
  chartWith('a: b: c\n');
  writeFileSync(join(dir, 'templates', 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
  const s = run(process.execPath, [CLI, 'template', 'r', dir]);
  assert.is(s.status, 1);
  assert.is(s.out, '');
  assert.match(s.err, /^Error: YAML parse error on c\/templates\/x\.yaml/);
  assert.match(s.err, /--debug to render out the invalid YAML/);
  const sd = run(process.execPath, [CLI, 'template', 'r', dir, '--debug']);
  const hd = run(helm4Binary(), ['template', 'r', dir, '--debug']);
  assert.is(sd.status, 1);
  assert.is.not(hd.status, 0);
  // Helm prints the files in map order (random); the same sections, the same bytes each.
  const sections = (out: string) => out.split(/^(?=---\n# Source: )/m).map((x) => x.trimEnd()).sort();
  assert.equal(sections(sd.out), sections(hd.out));
  assert.ok(sd.out.endsWith('\n') && !sd.out.endsWith('\n\n'));
  assert.match(sd.out, /# Source: c\/templates\/x\.yaml\na: b: c/);
  rmSync(join(dir, 'templates', 'ok.yaml'));
});

test('a syntax error in a template executed last wins over an execution error in one executed first, as Helm parses every template first', () => {
  // Helm executes in reverse lexical order: z.yaml runs before a.yaml.
  chartWith('x: 1\n');
  writeFileSync(join(dir, 'templates', 'z.yaml'), 'y: {{ .Values.a.b.c }}\n');
  writeFileSync(join(dir, 'templates', 'a.yaml'), 'a: 1\nb: {{ .a }\n');
  const h = run(helmBinary(), ['template', 'r', dir]);
  const s = run(process.execPath, [CLI, 'template', 'r', dir]);
  assert.match(h.err, /a\.yaml/);
  assert.is.not(s.status, 0);
  assert.is(s.out, '');
  assert.is(s.err.split('\n')[0], h.err.split('\n')[0]);
  // Without the syntax error, the execution error of z.yaml is the one reported.
  writeFileSync(join(dir, 'templates', 'a.yaml'), 'a: 1\n');
  const h2 = run(helmBinary(), ['template', 'r', dir]);
  const s2 = run(process.execPath, [CLI, 'template', 'r', dir]);
  assert.match(h2.err, /z\.yaml/);
  assert.is(s2.err.split('\n')[0], h2.err.split('\n')[0]);
});

test('lint treats required and fail as Helm lint does: the chart still lints clean', () => {
  chartWith('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  host: {{ required "host is required" .Values.host | quote }}\n  x: {{ if .Values.s }}{{ fail "bad" }}{{ end }}\n');
  const h = run(helmBinary(), ['lint', dir]);
  const s = run(process.execPath, [CLI, 'lint', dir]);
  assert.is(h.status, 0);
  assert.is(s.status, 0, s.out + s.err);
  assert.match(s.out, /0 chart\(s\) failed/);
  const t = run(process.execPath, [CLI, 'template', 'r', dir]);
  assert.is.not(t.status, 0, 'template still fails on required');
});

function oneTemplateChart(text: string): Chart {
  return {
    metadata: { apiVersion: 'v2', name: 'c', version: '0.1.0' },
    templates: [{ name: 'templates/x.yaml', data: Buffer.from(text) }],
    values: {}, files: [], dependencies: [],
  };
}

function renderBounded(text: string, budget: { maxOutputBytes?: number; maxLoopIterations?: number; timeoutMs?: number }): string {
  try {
    renderGoTemplates(oneTemplateChart(text), { n: 1 }, FUNCS, {
      release: { name: 'r', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false },
      ctx: {}, renders: () => true,
      budget: { maxOutputBytes: budget.maxOutputBytes ?? 1e8, maxLoopIterations: budget.maxLoopIterations ?? 1e6, deadline: Date.now() + (budget.timeoutMs ?? 10_000), output: 0, loops: 0 },
    });
  } catch (e) {
    return (e as Error).message;
  }
  return 'rendered';
}

test('a loop past the iteration bound stops with a clear error naming the template', () => {
  const msg = renderBounded('{{ range until 5000 }}{{ range until 5000 }}x{{ end }}{{ end }}', { maxLoopIterations: 1_000_000 });
  assert.match(msg, /^c\/templates\/x\.yaml: loop iterations exceed the limit of 1000000/);
});

test('output past the byte bound stops with a clear error', () => {
  const msg = renderBounded('{{ range until 1000 }}{{ repeat 1000 "x" }}{{ end }}', { maxOutputBytes: 100_000 });
  assert.match(msg, /^c\/templates\/x\.yaml: rendered output exceeds the limit of 100000 bytes/);
});

test('a render past its deadline stops with the time-limit error', () => {
  const msg = renderBounded('{{ range until 900000 }}{{ $x := printf "%v" . }}{{ end }}', { timeoutMs: 50 });
  assert.match(msg, /render time limit exceeded/);
});

test.run();
