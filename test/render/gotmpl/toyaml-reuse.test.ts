// toYaml of the same map or list in many templates reuses its text until a
// template changes a map in place (set, unset, merge, mergeOverwrite): the
// output must be what Helm prints after every change, and the reused text
// still counts against the render's output limit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';
import { rejection } from '../../support/releases.js';
import { renderChart } from '../../../src/render/index.js';
import { chart as memChart, RELEASE } from '../helpers.js';

const goChart = (templates: Record<string, string>) => memChart({ templates, metadata: { annotations: { 'skiff.dev/template-engine': 'go' } } });

const work = tempDir('skiff-gotmpl-toyaml-');

function chart(name: string, templates: Record<string, string>, values: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(dir, 'values.yaml'), values);
  for (const [path, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', path), text);
  return dir;
}

function run(bin: string, args: string[]): { status: number; out: string; err: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, SKIFF_HOME: join(work, 'home') } });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const VALUES = `res:
  limits:
    cpu: 500m
    memory: 256Mi
  requests:
    cpu: 100m
list:
  - a: 1
  - b: [x, y]
`;

// Templates run in path order (a.yaml, b.yaml, ...): each prints the same
// maps before and after changing them in place, through every way a
// template can.
const TEMPLATES: Record<string, string> = {
  'a.yaml': 'a: |\n  {{- toYaml .Values.res | nindent 2 }}\n  {{- toYaml .Values.list | nindent 2 }}\n',
  'b.yaml': 'b: |\n  {{- $_ := set .Values.res.limits "cpu" "1" }}\n  {{- toYaml .Values.res | nindent 2 }}\n',
  'c.yaml': 'c: |\n  {{- toYaml .Values.res | nindent 2 }}\n  {{- $_ := unset .Values.res "requests" }}\n  {{- toYaml .Values.res | nindent 2 }}\n',
  'd.yaml': 'd: |\n  {{- $_ := merge .Values.res (dict "extra" (dict "x" 1)) }}\n  {{- toYaml .Values.res | nindent 2 }}\n  {{- $_ := mergeOverwrite .Values.res.extra (dict "x" 2) }}\n  {{- toYaml .Values.res | nindent 2 }}\n',
  'e.yaml': 'e: |\n  {{- $_ := set (index .Values.list 0) "a" 9 }}\n  {{- toYaml .Values.list | nindent 2 }}\n  {{- toYaml .Values.res | nindent 2 }}\n',
};

test('toYaml of a map changed in place between calls prints what Helm prints after each change', () => {
  const dir = chart('reuse', TEMPLATES, VALUES);
  const h = run(helmBinary(), ['template', 'r', dir]);
  const s = run(process.execPath, [CLI, 'template', 'r', dir]);
  assert.is(h.status, 0, h.err);
  assert.is(s.status, 0, s.err);
  assert.match(s.out, /cpu: "1"/);
  assert.match(s.out, /x: 2/);
  assert.match(s.out, /- a: 9/);
  assert.is(s.out, h.out);
});

test('reused toYaml text still counts against the output limit', async () => {
  const big = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `value-${i}`]));
  const c = goChart({ 'templates/a.yaml': 'a: |\n{{- range until 4000 }}\n  {{- toYaml $.Values.m | nindent 2 }}\n{{- end }}\n' });
  const ok = await renderChart(c, { m: big }, { release: RELEASE });
  assert.is(ok.files['webapp/templates/a.yaml']!.split('k49: value-49').length - 1, 4000);
  // 4,000 copies of the map's YAML are far past 64 KiB.
  assert.match((await rejection(renderChart(c, { m: big }, { release: RELEASE, maxOutputBytes: 64 * 1024 }))).message, /exceeds the limit of 65536 bytes/);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
