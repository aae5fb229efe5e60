// Documents that hold no object — comments only (a resource switched off by a
// condition, as ingress-nginx and prometheus-operator-crds leave them), `null`
// or `~` — are printed by `helm template` like any manifest, sorted as kind ""
// (after the known kinds, before the other unknown ones). skiff template
// prints the same bytes as Helm 3 and Helm 4; install never applies them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary, helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';
import { sortManifests } from '../../../src/render/index.js';
import { readManifests } from '../../../src/render/manifests.js';

const root = tempDir('skiff-empty-docs-');

const TEMPLATES: Record<string, string> = {
  // comment-only documents before and after a resource, in one file
  'a.yaml': '# just a comment\n# second line\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-a\n---\n# trailing comment doc\n',
  // an unknown kind sorts after the comment-only documents
  'b.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n# comment in b\n',
  // a resource switched off by its condition leaves only its comment
  'c.yaml': '{{- if .Values.secret.enabled }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n{{- end }}\n# only a comment from c: {{ .Chart.Name }}\n',
  'd.yaml': 'null\n',
  'e.yaml': '~\n# tilde and a comment\n',
  // a hook next to a comment
  'f.yaml': '# before the hook\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n',
  // blank documents are still dropped
  'g.yaml': '\n---\n\n---\n',
};

function writeChart(dir: string, templates: Record<string, string>): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: cm\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'secret:\n  enabled: false\n');
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', name), text);
}

function out(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  assert.is(r.status, 0, `${bin} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('skiff template prints comment-only and null documents byte for byte as Helm 3 and Helm 4 do', () => {
  const dir = join(root, 'all');
  writeChart(dir, TEMPLATES);
  const s = out(process.execPath, [CLI, 'template', 'r', dir]);
  assert.ok(s.includes('# only a comment from c: cm'), s);
  assert.is(s, out(helmBinary(), ['template', 'r', dir]));
  assert.is(s, out(helm4Binary(), ['template', 'r', dir]));
});

test('a chart whose only output is a comment prints it without the blank line of an empty render', () => {
  const dir = join(root, 'only');
  writeChart(dir, { 'x.yaml': TEMPLATES['c.yaml']! });
  const s = out(process.execPath, [CLI, 'template', 'r', dir]);
  assert.is(s, out(helmBinary(), ['template', 'r', dir]));
  assert.is(s, out(helm4Binary(), ['template', 'r', dir]));
  // --show-only selects it like any other manifest
  const only = out(process.execPath, [CLI, 'template', 'r', dir, '-s', 'templates/x.yaml']);
  assert.is(only, out(helmBinary(), ['template', 'r', dir, '-s', 'templates/x.yaml']));
});

test('documents holding no object are kept only when asked for (template), never as something to apply', () => {
  const files = { 'c/templates/a.yaml': '# off\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Thing\nmetadata:\n  name: t\n---\n~\n' };
  const kept = sortManifests(files, { keepEmpty: true }).manifests;
  assert.equal(kept.map((m) => [m.kind, m.content, m.empty === true]), [['ConfigMap', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x', false], ['', '# off', true], ['', '~', true], ['Thing', 'apiVersion: v1\nkind: Thing\nmetadata:\n  name: t', false]]);
  const applied = sortManifests(files).manifests;
  assert.equal(applied.map((m) => m.kind), ['ConfigMap', 'Thing']);
  // what a post-renderer prints is read back the same way: nothing to apply in a comment
  assert.equal(readManifests('post-renderer', '---\n# Source: c/templates/a.yaml\n# off\n---\nnull\n'), []);
});

test.run();
