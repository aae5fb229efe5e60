// What install, upgrade and template put out: --post-renderer (the manifests
// and, as in Helm 4, the hooks pass through the program with its arguments; its output is
// what is printed, applied and recorded; a failing, missing or silent program
// stops the operation with its message and nothing applied) and --hide-secret
// (Secrets shown as Helm's HIDDEN comment in a dry run; refused otherwise).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir } from '../support/cli.js';

const work = tempDir('skiff-post-render-');
const chart = join(work, 'pr');
let rt: Runtime;
let K: string[];
const cms = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

function script(name: string, body: string): string {
  const p = join(work, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

// Adds a label to every metadata block it sees, with the label's value from $1.
const labeller = script('label.sh', 'sed "s/^metadata:/metadata:\\n  labels:\\n    post-rendered: \\"$1\\"/"');

test.before(async () => {
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: pr\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'v: one\n');
  writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-cm\ndata:\n  v: {{ Values.v }}\n');
  writeFileSync(join(chart, 'templates', 'hook.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": post-install,post-upgrade\ndata: {}\n');
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

test('template: manifests and hooks go through the program with its arguments, sources are kept', async () => {
  const r = await skiff(['template', 'rel', chart, '--post-renderer', labeller, '--post-renderer-args', 'yes']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /# Source: pr\/templates\/cm\.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    post-rendered: "yes"\n  name: rel-cm/);
  assert.match(r.stdout, /# Source: pr\/templates\/hook\.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    post-rendered: "yes"\n  name: rel-hook\n  annotations:\n    "helm.sh\/hook": post-install,post-upgrade\n/);
  assert.not.match(r.stdout, /postrender-filename/, 'the annotation that carries the template is removed');
  // A program found in $PATH by name, as Helm looks it up.
  const viaPath = await skiff(['template', 'rel', chart, '--post-renderer', 'label.sh', '--post-renderer-args', 'path'], { env: { PATH: `${work}:${process.env.PATH}` } });
  assert.is(viaPath.code, 0, viaPath.stderr);
  assert.match(viaPath.stdout, /post-rendered: "path"/);
});

test('install and upgrade apply and record what the post-renderer printed', async () => {
  const inst = await skiff(['install', 'pr', chart, '--post-renderer', labeller, '--post-renderer-args', 'v1', ...K]);
  assert.is(inst.code, 0, inst.stderr);
  const live = await rt.client.get({ ...cms, name: 'pr-cm' });
  assert.is(live.metadata.labels?.['post-rendered'], 'v1');
  const hook = await rt.client.get({ ...cms, name: 'pr-hook' });
  assert.is(hook.metadata.labels?.['post-rendered'], 'v1', 'hooks are post-rendered too (Helm 4)');
  assert.not.ok(hook.metadata.annotations?.['postrenderer.helm.sh/postrender-filename']);
  const manifest = await skiff(['get', 'manifest', 'pr', ...K]);
  assert.match(manifest.stdout, /post-rendered: "v1"/);
  const up = await skiff(['upgrade', 'pr', chart, '--set', 'v=two', '--post-renderer', labeller, '--post-renderer-args', 'v2', ...K]);
  assert.is(up.code, 0, up.stderr);
  const after = await rt.client.get({ ...cms, name: 'pr-cm' });
  assert.is(after.metadata.labels?.['post-rendered'], 'v2');
  assert.is((after as { data?: Record<string, string> }).data?.v, 'two');
});

test('a failing, missing or silent post-renderer stops the operation with its message, nothing applied', async () => {
  const failing = script('fail.sh', 'cat >/dev/null; echo "kustomize: no kustomization.yaml" >&2; exit 3');
  const f = await skiff(['install', 'bad', chart, '--post-renderer', failing, ...K]);
  assert.is(f.code, 1);
  assert.match(f.stderr, /error while running post render on files: error while running command .*fail\.sh\. error output:\nkustomize: no kustomization\.yaml\n: exit status 3/);
  const silent = script('silent.sh', 'cat >/dev/null');
  const s = await skiff(['template', 'x', chart, '--post-renderer', silent]);
  assert.is(s.code, 1);
  assert.match(s.stderr, /post-renderer ".*silent\.sh" produced empty output/);
  const missing = await skiff(['template', 'x', chart, '--post-renderer', 'no-such-post-renderer']);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /unable to find binary at no-such-post-renderer: exec: "no-such-post-renderer": executable file not found in \$PATH/);
  const garbage = script('garbage.sh', 'cat >/dev/null; echo "- just a list"');
  const g = await skiff(['template', 'x', chart, '--post-renderer', garbage]);
  assert.is(g.code, 1);
  assert.match(g.stderr, /post-renderer .*garbage\.sh at line 1: a manifest must be a mapping/);
  const argsOnly = await skiff(['template', 'x', chart, '--post-renderer-args', 'a']);
  assert.is(argsOnly.code, 2);
  assert.match(argsOnly.stderr, /--post-renderer-args needs --post-renderer/);
  const none = await rt.client.list({ ...cms }).then((l) => l.items.map((i) => i.metadata.name));
  assert.not.ok(none.includes('bad-cm'), 'nothing applied');
  assert.is((await skiff(['status', 'bad', ...K])).code, 1, 'no release recorded');
});

test('--hide-secret hides Secret data in dry runs and is refused outside them', async () => {
  const sec = join(work, 'sec');
  mkdirSync(join(sec, 'templates'), { recursive: true });
  writeFileSync(join(sec, 'Chart.yaml'), 'apiVersion: v2\nname: sec\nversion: 1.0.0\n');
  writeFileSync(join(sec, 'templates', 'all.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sec-cm\n');
  const dry = await skiff(['install', 'sec', sec, '--dry-run', '--hide-secret', ...K]);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /# Source: sec\/templates\/all\.yaml\n# HIDDEN: The Secret output has been suppressed\n---\n# Source: sec\/templates\/all\.yaml\napiVersion: v1\nkind: ConfigMap/);
  assert.not.match(dry.stdout, /hunter2/);
  const shown = await skiff(['install', 'sec', sec, '--dry-run', ...K]);
  assert.match(shown.stdout, /hunter2/);
  const refused = await skiff(['install', 'sec', sec, '--hide-secret', ...K]);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /Hiding Kubernetes secrets requires a dry-run mode/);
  const up = await skiff(['upgrade', 'sec', sec, '--install', '--dry-run=server', '--hide-secret', ...K]);
  assert.is(up.code, 0, up.stderr);
  assert.match(up.stdout, /# HIDDEN: The Secret output has been suppressed/);
  assert.is((await skiff(['status', 'sec', ...K])).code, 1, 'dry runs recorded nothing');
});

test.run();
