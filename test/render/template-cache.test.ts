// The compiled-template cache under $SKIFF_HOME/cache/templates: `skiff
// template` of a Go-template chart prints the same bytes as Helm with a cold
// cache, with a warm one, after a template changes, with a damaged pack, and
// never uses a pack another skiff build wrote (the few most recent builds keep theirs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../support/helm.js';
import { CLI, tempDir } from '../support/cli.js';

const base = tempDir('skiff-template-cache-');
const chart = join(base, 'app');
const home = join(base, 'home');
const cacheDir = join(home, 'cache', 'templates');

const HELPERS = `{{- define "app.labels" -}}
app: {{ .Chart.Name }}
rev: {{ .Release.Revision | quote }}
{{- end }}
`;

function template(i: number, extra = ''): string {
  return `{{- $name := printf "%s-%s-${i}" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
data:
  count: {{ .Values.count | default 0x10 | quote }}
  f: {{ 1.5e3 }} {{ 'a' }} {{ \`raw\` }} {{ "esc\\t\\"q\\"" }}
  {{- range $k, $v := .Values.env }}
  {{ $k }}: {{ $v | quote }}
  {{- else }}
  none: "true"
  {{- end }}
  {{- with .Values.res }}
  res: {{ toYaml . | nindent 4 }}
  {{- end }}
  {{- if and .Values.enabled (not .Values.disabled) }}
  enabled: {{ .Values.enabled }}
  {{- else if .Values.disabled }}
  disabled: yes
  {{- end }}
  {{- if eq (toString .Values.failAt) "${i}" }}{{ fail "stop" }}{{ end }}${extra}
`;
}

function writeChart(templates: number): void {
  rmSync(chart, { recursive: true, force: true });
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'count: 3\nenabled: true\nenv:\n  A: a\n  B: "2"\nres:\n  limits:\n    cpu: 100m\n');
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), HELPERS);
  for (let i = 0; i < templates; i++) writeFileSync(join(chart, 'templates', `t${i}.yaml`), template(i));
}

function run(bin: string, args: string[], env: Record<string, string> = {}): { status: number; out: string; err: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, SKIFF_HOME: home, ...env } });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const skiff = (env: Record<string, string> = {}) => run(process.execPath, [CLI, 'template', 'r', chart], env);
const helm = () => run(helmBinary(), ['template', 'r', chart]);

/** The one pack file of the cache: [build directory, pack path]. */
function pack(): [string, string] {
  const builds = readdirSync(cacheDir);
  assert.is(builds.length, 1, `one build directory, got ${builds.join(', ')}`);
  const packs = readdirSync(join(cacheDir, builds[0]!));
  assert.is(packs.length, 1, `one pack, got ${packs.join(', ')}`);
  return [builds[0]!, join(cacheDir, builds[0]!, packs[0]!)];
}

// Enough templates for the render to be split across two processes (each parses and stores its share).
writeChart(160);

test('cold cache: output is Helm\'s, and a private pack holds every template', () => {
  rmSync(home, { recursive: true, force: true });
  const h = helm();
  const s = skiff();
  assert.is(h.status, 0, h.err);
  assert.is(s.status, 0, s.err);
  assert.is(s.out, h.out);
  const [, file] = pack();
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.is(statSync(cacheDir).mode & 0o777, 0o700);
  const entries = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  assert.is(entries.length, 161);
  // 160 templates of one shape: the nodes are stored by the first of each render process only (and the helpers).
  const withNodes = entries.filter((e) => e.includes('\n')).length;
  assert.ok(withNodes >= 2 && withNodes <= 4, `${withNodes} entries hold nodes`);
});

test('warm cache: same output, pack left as it was', () => {
  const [, file] = pack();
  const before = statSync(file).mtimeMs;
  const s = skiff();
  assert.is(s.status, 0, s.err);
  assert.is(s.out, helm().out);
  assert.is(statSync(file).mtimeMs, before, 'nothing new to store');
});

test('warm cache: an error in a template whose entry holds no nodes names its file, line and column as Helm does', () => {
  for (const at of ['0', '157', '42']) {
    const args = ['template', 'r', chart, '--set', `failAt=${at}`];
    const h = run(helmBinary(), args);
    const s = run(process.execPath, [CLI, ...args]);
    assert.is.not(h.status, 0);
    assert.is.not(s.status, 0);
    const line = h.err.split('\n').find((l) => l.startsWith('Error:'))!;
    assert.match(line, new RegExp(`t${at}\\.yaml:\\d+:\\d+\\): stop$`));
    assert.ok(s.err.includes(line), `${s.err}\n---\n${line}`);
  }
});

test('a template that changes renders anew; the pack keeps only texts the chart still has', () => {
  writeFileSync(join(chart, 'templates', 't7.yaml'), template(7, '\n  added: {{ .Values.count | add 1 }}'));
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), HELPERS.replace('app: ', 'application: '));
  const h = helm();
  const s = skiff();
  assert.is(s.status, 0, s.err);
  assert.match(s.out, /added: 4/);
  assert.match(s.out, /application: app/);
  assert.is(s.out, h.out);
  const [, file] = pack();
  assert.is(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).length, 161);
  assert.is(skiff().out, h.out, 'warm again after the change');
});

test('a damaged pack is ignored and rewritten', () => {
  const [, file] = pack();
  for (const damage of ['{"not": "closed', '[1,2,3]', JSON.stringify(Object.fromEntries(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).map((k) => [k, '[[null,[0,0,[[1,0,"mangled"]]]]]'.replace('[1,0,"mangled"]', '[1,0,99999]')]))) ]) {
    writeFileSync(file, damage);
    const s = skiff();
    assert.is(s.status, 0, s.err);
    assert.is(s.out, helm().out, damage.slice(0, 40));
  }
  assert.ok(JSON.parse(readFileSync(pack()[1], 'utf8')), 'rewritten as a valid pack');
});

test('a pack written by another skiff build is never read; the few most recent builds keep theirs, older ones are removed', () => {
  const [build, file] = pack();
  // A pack that decodes fine but holds other trees: used, it would change the output.
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const forged = Object.fromEntries(Object.keys(entries).map((k) => [k, '[[null,[0,0,[[1,0,"forged: true\\n"]]]]]']));
  renameSync(join(cacheDir, build), join(cacheDir, 'another-build'));
  writeFileSync(join(cacheDir, 'another-build', file.slice(file.lastIndexOf('/') + 1)), JSON.stringify(forged));
  const s = skiff();
  assert.is(s.status, 0, s.err);
  assert.not.match(s.out, /forged/);
  assert.is(s.out, helm().out);
  // Two builds sharing one home (an upgrade side by side with the old one) keep each other's packs.
  assert.ok(existsSync(join(cacheDir, 'another-build')));
  // Once two builds newer than it exist, a new build removes it.
  const old = new Date(Date.now() - 3_600_000);
  utimesSync(join(cacheDir, 'another-build'), old, old);
  for (const b of ['newer-1', 'newer-2']) mkdirSync(join(cacheDir, b));
  rmSync(join(cacheDir, readdirSync(cacheDir).find((b) => !['another-build', 'newer-1', 'newer-2'].includes(b))!), { recursive: true });
  assert.is(skiff().out, helm().out);
  assert.not.ok(existsSync(join(cacheDir, 'another-build')));
  for (const b of ['newer-1', 'newer-2']) rmSync(join(cacheDir, b), { recursive: true });
  pack();
});

test('with one render process, and with an unusable SKIFF_HOME, the output is the same', () => {
  const expected = helm().out;
  assert.is(skiff({ SKIFF_RENDER_PROCESSES: '1' }).out, expected);
  writeFileSync(join(base, 'a-file'), 'x');
  const s = skiff({ SKIFF_HOME: join(base, 'a-file') });
  assert.is(s.out, expected, s.err);
});

test.run();
