// The same template text under several paths (a library's helpers copied
// into every subchart, identical templates in sibling subcharts) is parsed
// once per render; each copy must still render, be named and fail exactly as
// Helm does with its own path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';

const root = join(tempDir('skiff-gotmpl-shared-'), 'umb');

const HELPERS = `{{- define "lib.labels" -}}
app: {{ .Chart.Name }}
file: {{ .Template.Name }}
{{- end }}
{{- define "lib.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}
`;

const TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "lib.name" . }}
  labels:
    {{- include "lib.labels" . | nindent 4 }}
data:
  template: {{ .Template.Name | quote }}
  base: {{ .Template.BasePath | quote }}
  n: {{ .Values.n | default 3 | quote }}
  {{- if .Values.bad }}
  bad: {{ .Values.bad.x }}
  {{- end }}
  {{- range $k, $v := .Values.env }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
`;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** An umbrella with `subs` subcharts holding the same helpers and templates, each with its own values. */
function umbrella(subs: number, extra: Record<string, string> = {}): void {
  rmSync(root, { recursive: true, force: true });
  const deps = Array.from({ length: subs }, (_, i) => `  - name: s${i}\n    version: 1.0.0\n`).join('');
  write(join(root, 'Chart.yaml'), `apiVersion: v2\nname: umb\nversion: 1.0.0\ndependencies:\n${deps}`);
  write(join(root, 'values.yaml'), Array.from({ length: subs }, (_, i) => `s${i}:\n  n: ${i}\n  env:\n    K${i}: v${i}\n`).join(''));
  write(join(root, 'templates', '_helpers.tpl'), HELPERS);
  write(join(root, 'templates', 'cm.yaml'), TEMPLATE);
  for (let i = 0; i < subs; i++) {
    const sub = join(root, 'charts', `s${i}`);
    write(join(sub, 'Chart.yaml'), `apiVersion: v2\nname: s${i}\nversion: 1.0.0\n`);
    write(join(sub, 'values.yaml'), 'n: 1\n');
    write(join(sub, 'templates', '_helpers.tpl'), HELPERS);
    write(join(sub, 'templates', 'cm.yaml'), TEMPLATE);
    write(join(sub, 'templates', 'cm2.yaml'), TEMPLATE);
  }
  for (const [path, text] of Object.entries(extra)) write(join(root, path), text);
}

function run(bin: string, args: string[]): { status: number; out: string; err: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, SKIFF_HOME: join(root, '..', 'home') } });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('identical texts in many subcharts render byte-identically to Helm, each with its own name and values', () => {
  umbrella(6);
  const h = run(helmBinary(), ['template', 'r', root]);
  const s = run(process.execPath, [CLI, 'template', 'r', root]);
  assert.is(h.status, 0, h.err);
  assert.is(s.status, 0, s.err);
  assert.match(s.out, /template: "umb\/charts\/s5\/templates\/cm2\.yaml"/);
  assert.is(s.out, h.out);
});

test('an error in the third copy of a shared text names the third copy, as Helm does', () => {
  // s2 alone has a value that makes the shared template fail.
  umbrella(4, { 'charts/s2/values.yaml': 'n: 1\nbad: text\n' });
  const h = run(helmBinary(), ['template', 'r', root]);
  const s = run(process.execPath, [CLI, 'template', 'r', root]);
  assert.is.not(h.status, 0);
  assert.is.not(s.status, 0);
  assert.is(s.out, '');
  assert.match(s.err, /s2\/templates\/cm/);
  assert.is(s.err.split('\n')[0], h.err.split('\n')[0]);
});

test('a shared text that defines a template named like one of its own paths still renders as Helm renders it', () => {
  // s1's d.yaml has an empty body and so takes the define's; s0 and s2 print nothing.
  const self = `{{- define "umb/charts/s1/templates/d.yaml" }}\nkind: X\nredefined: {{ .Chart.Name }}\nfrom: {{ .Template.Name }}\n{{- end }}\n`;
  umbrella(3, { 'charts/s0/templates/d.yaml': self, 'charts/s1/templates/d.yaml': self, 'charts/s2/templates/d.yaml': self });
  const h = run(helmBinary(), ['template', 'r', root]);
  const s = run(process.execPath, [CLI, 'template', 'r', root]);
  assert.is(s.status, h.status, s.err + h.err);
  assert.match(s.out, /redefined: s1\nfrom: umb\/charts\/s1\/templates\/d.yaml/);
  assert.is(s.out, h.out);
  assert.is(s.err.split('\n')[0], h.err.split('\n')[0]);
});

test.run();
