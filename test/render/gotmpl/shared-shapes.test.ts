// Templates that differ only in their text and string literals (a generated
// chart of many near-identical templates) share one compiled form; each must
// still print its own text and strings, and fail naming its own file, line,
// column and node, exactly as Helm does. Each case runs twice: parsed, then
// from the compiled-template cache.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';

const base = tempDir('skiff-gotmpl-shapes-');
const root = join(base, 'c');

/** One template of the shared shape; `i` changes its text, strings and the length of every line. */
function template(i: number): string {
  const pad = 'x'.repeat(i);
  return `# ${pad} generated ${i}
{{- $name := printf "%s-${pad}-%s" .Release.Name "${i}" | trunc 63 }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}-cm${pad}
  labels:
    {{- include "c.labels" . | nindent 4 }}
data:
  file: {{ .Template.Name | quote }}
  greeting: {{ "hello ${pad}" | upper | quote }}
  {{- range $k, $v := .Values.env }}
  {{ $k }}${pad}: {{ printf "%s/${i}" $v | quote }}
  {{- else }}
  none: "${pad}"
  {{- end }}
  {{- with .Values.bad }}{{ if eq . "t${i}" }}
  bad${pad}: {{ "lit${pad}" . }}
  {{- end }}{{ end }}
  {{- if eq .Values.helper "t${i}" }}
  helper: {{ include "c.fails" (list "arg${pad}") }}
  {{- end }}
`;
}

const HELPERS = `{{- define "c.labels" -}}
app: {{ .Chart.Name }}
{{- end }}
{{- define "c.fails" -}}
{{ index . 0 | required "never" }}{{ .Values.nothing }}
{{- end }}
`;

function chart(values: string): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(join(root, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
  writeFileSync(join(root, 'values.yaml'), values);
  writeFileSync(join(root, 'templates', '_helpers.tpl'), HELPERS);
  for (let i = 0; i < 12; i++) writeFileSync(join(root, 'templates', `t${i}.yaml`), template(i));
}

function run(bin: string): { status: number; out: string; err: string } {
  const r = spawnSync(bin === 'helm' ? helmBinary() : process.execPath, bin === 'helm' ? ['template', 'r', root] : [CLI, 'template', 'r', root], {
    encoding: 'utf8',
    env: { ...process.env, SKIFF_HOME: join(base, 'home') },
  });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('templates of one shape print their own texts, strings and values, byte-identical to Helm', () => {
  chart('env:\n  A: a\n  B: b\n');
  const h = run('helm');
  assert.is(h.status, 0, h.err);
  for (const pass of ['parsed', 'cached']) {
    const s = run('skiff');
    assert.is(s.status, 0, `${pass}: ${s.err}`);
    assert.match(s.out, /greeting: "HELLO XXXXXXXXXXX"/);
    assert.is(s.out, h.out, pass);
  }
});

test('an error in the seventh template of a shape names its file, position and literal, as Helm does', () => {
  chart('bad: t7\n');
  const h = run('helm');
  assert.is.not(h.status, 0);
  assert.match(h.err, /t7\.yaml/);
  for (const pass of ['parsed', 'cached']) {
    const s = run('skiff');
    assert.is.not(s.status, 0, pass);
    assert.is(s.out, '');
    assert.is(s.err.split('\n')[0], h.err.split('\n')[0], pass);
  }
});

test('an error inside an include called by the fifth template of a shape names the caller\'s position, as Helm does', () => {
  chart('helper: t5\n');
  const h = run('helm');
  assert.is.not(h.status, 0);
  assert.match(h.err, /t5\.yaml/);
  for (const pass of ['parsed', 'cached']) {
    const s = run('skiff');
    assert.is.not(s.status, 0, pass);
    assert.is(s.err.split('\n')[0], h.err.split('\n')[0], pass);
  }
});

test.run();
