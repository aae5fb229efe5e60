// Helm's built-in objects in Go templates, compared with real Helm 3:
// .Files (Get, Glob ranged over, len, truth, Lines, AsConfig, AsSecrets),
// .Capabilities, .Chart, .Release, .Template and .Subcharts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';

const dir = join(tempDir('skiff-gotmpl-obj-'), 'objs');

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

write('Chart.yaml', 'apiVersion: v2\nname: objs\nversion: 1.2.3\nappVersion: "4.5"\ndescription: objects\nkeywords: [a, b]\nannotations:\n  team: core\ndependencies:\n  - name: sub\n    version: 0.1.0\n');
write('values.yaml', 'sub:\n  port: 80\n');
write('conf/a.txt', 'line1\nline2\n');
write('conf/b.yaml', 'key: v\n');
write('charts/sub/Chart.yaml', 'apiVersion: v2\nname: sub\nversion: 0.1.0\n');
write('charts/sub/templates/s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\ndata:\n  x: "{{ .Chart.Name }} {{ .Chart.IsRoot }} {{ .Values.port }} {{ .Template.Name }} {{ .Template.BasePath }}"\n');
write('templates/cm.yaml', `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
  namespace: {{ .Release.Namespace }}
data:
  {{- range $path, $b := .Files.Glob "conf/*" }}
  {{ base $path }}: {{ len $b | quote }}
  {{- end }}
  n: {{ len (.Files.Glob "conf/*") | quote }}
  none: {{ if .Files.Glob "nope/*" }}x{{ else }}none{{ end }}
  lines: "{{ range .Files.Lines "conf/a.txt" }}[{{ . }}]{{ end }}"
  get: {{ .Files.Get "conf/b.yaml" | quote }}
  release: "{{ .Release.Name }} {{ .Release.Revision }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Service }}"
  chart: "{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Description }} {{ .Chart.Keywords }} {{ .Chart.Annotations }} {{ .Chart.IsRoot }} {{ .Chart.APIVersion }}"
  kube: "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }}"
  apis: "{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "batch/v1beta1" }} {{ .Capabilities.APIVersions.Has "nope/v1" }}"
  template: "{{ .Template.Name }} {{ .Template.BasePath }}"
  sub: "{{ .Subcharts.sub.Chart.Name }} {{ .Subcharts.sub.Values.port }}"
{{ (.Files.Glob "conf/*").AsConfig | indent 2 }}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}
data:
{{ (.Files.Glob "conf/*").AsSecrets | indent 2 }}
`);

test('every built-in object prints and behaves as in Helm 3.17.3', () => {
  const h = spawnSync(helmBinary(), ['template', 'rel', dir, '--namespace', 'prod'], { encoding: 'utf8' });
  const s = spawnSync(process.execPath, [CLI, 'template', 'rel', dir, '--namespace', 'prod'], { encoding: 'utf8' });
  assert.is(h.stderr, '');
  assert.is(s.stderr, '');
  assert.is(s.stdout, h.stdout);
  assert.match(s.stdout, /a\.txt: "12"/);
});

test.run();
