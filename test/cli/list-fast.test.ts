// `skiff list` has a fast path (src/cli/fast-list.ts) that skips the CLI
// framework and the full backend. It must answer exactly as the full CLI
// (forced with SKIFF_NO_FAST=1) on the same records: every flag form, both
// targets (the bundled cluster of SKIFF_HOME and a kubeconfig), and errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterDir, clusterLayout } from '../../src/cluster/layout.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';

const home = tempDir('skiff-listfast-');
const env = { SKIFF_HOME: home, HOME: tempDir('skiff-user-') };
const chart = join(ROOT, 'charts/webapp');

test.after(async () => {
  await skiff(['cluster', 'stop'], { env });
});

async function ok(args: string[]): Promise<void> {
  const r = await skiff(args, { env });
  assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
}

/** Runs `args` through the fast path and through the full CLI; both must print and exit alike. */
async function same(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const fast = await skiff(args, { env: { ...env, ...extraEnv } });
  const full = await skiff(args, { env: { ...env, ...extraEnv, SKIFF_NO_FAST: '1' } });
  assert.is(fast.stdout, full.stdout, `stdout of skiff ${args.join(' ')}`);
  assert.is(fast.stderr, full.stderr, `stderr of skiff ${args.join(' ')}`);
  assert.is(fast.code, full.code, `exit code of skiff ${args.join(' ')}`);
  return fast;
}

test('setup: releases in several states and namespaces on the bundled cluster', async () => {
  await ok(['install', 'alpha', chart, '--labels', 'team=blue']);
  await ok(['upgrade', 'alpha', chart, '--set', 'replicaCount=2']);
  await ok(['install', 'beta', chart, '-n', 'other', '--create-namespace']);
  await ok(['install', 'gamma', chart]);
  await ok(['uninstall', 'gamma', '--keep-history']);
});

const FORMS: string[][] = [
  [],
  ['-A'],
  ['--all-namespaces'],
  ['-n', 'other'],
  ['--namespace', 'other', '-o', 'json'],
  ['-n', 'nowhere'],
  ['-q', '-A'],
  ['--short', '-o', 'json'],
  ['-q', '-o', 'yaml', '-A'],
  ['-o', 'json', '-A'],
  ['-o', 'yaml', '-A'],
  ['-o', 'table', '-A'],
  ['--no-headers', '-A'],
  ['--all', '-A'],
  ['-a'],
  ['--helm3-default', '-A'],
  ['--helm3-default', '--all', '-o', 'json'],
  ['--helm3-default', '--uninstalled', '-q'],
  ['--deployed'],
  ['--failed'],
  ['--pending', '-A'],
  ['--superseded', '-o', 'json'],
  ['--uninstalled', '-o', 'json'],
  ['--uninstalling'],
  ['--superseded', '--uninstalled', '-A'],
  ['--all', '--max', '1'],
  ['--all', '--max', '1', '--offset', '1', '-o', 'json'],
  ['-A', '-m', '2', '--offset', '0'],
  ['-A', '--offset', '5'],
  ['-A', '--max', '0'],
  ['-A', '-r'],
  ['-A', '--reverse', '--date', '-o', 'json'],
  ['-A', '-d'],
  ['-A', '--time-format', '2006-01-02 15:04:05Z0700'],
  ['--time-format', 'Jan _2', '-o', 'yaml'],
  ['-A', '--filter', '^(alpha|beta)$'],
  ['-A', '-f', 'a$', '-q'],
  ['-A', '-l', 'team=blue', '-o', 'json'],
  ['-A', '--selector', 'status=deployed,name!=beta'],
  ['--all', '-A', '-l', 'owner=helm', '-q'],
  // Errors: the same message and exit code either way.
  ['-o', 'xml'],
  ['-A', '--filter', '('],
  ['-A', '-l', 'a b c'],
  ['--max', 'ten'],
  ['--offset', '-1'],
  ['--bogus'],
  ['extra'],
  ['-Aq'],
];

test('every plain form prints the same as the full CLI on the bundled cluster', async () => {
  for (const form of FORMS) await same(['list', ...form]);
  const r = await same(['list', '-A', '-o', 'json']);
  assert.equal((JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name), ['alpha', 'beta', 'gamma'], "Helm 4's default: every state");
  const h3 = await same(['list', '-A', '--helm3-default', '-q']);
  assert.is(h3.stdout, 'alpha\nbeta\n', "Helm 3's default: deployed and failed");
  const all = await same(['ls', '--all', '-A', '-q']);
  assert.is(all.stdout, 'alpha\nbeta\ngamma\n');
});

test('through a kubeconfig (the kube target), flags before the command word too', async () => {
  const kc = clusterLayout(clusterDir(home)).kubeconfig;
  for (const form of [[], ['-A'], ['-n', 'other', '-o', 'yaml'], ['--all', '-A', '-o', 'json'], ['-q', '--kube-context', 'nonexistent']]) {
    await same(['list', '--kubeconfig', kc, ...form]);
  }
  await same(['--kubeconfig', kc, 'list', '-A']);
  await same(['-n', 'other', 'list']);
  const r = await same(['list', '--kubeconfig', kc, '-A', '-q', '--helm3-default']);
  assert.is(r.stdout, 'alpha\nbeta\n');
  await same(['list', '--kubeconfig', join(home, 'missing.kubeconfig')]);
  await same(['list', '-A'], { SKIFF_BACKEND: 'kube', KUBECONFIG: kc });
});

test('storage drivers: SKIFF_DRIVER chooses where records are read, bad names fail alike', async () => {
  const cm = await same(['list', '-A', '-o', 'json'], { SKIFF_DRIVER: 'configmap' });
  assert.is(cm.stdout, '[]\n');
  await same(['list', '-A', '-q'], { SKIFF_DRIVER: 'Secrets' });
  await same(['list', '-A'], { SKIFF_DRIVER: 'memory' });
  await same(['list'], { SKIFF_DRIVER: 'etcd' });
});

test('an unreachable cluster fails with the same message and exit code', async () => {
  const dead = join(tempDir('skiff-dead-'), 'kubeconfig');
  writeFileSync(
    dead,
    'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n',
  );
  const r = await same(['list', '--kubeconfig', dead]);
  assert.ok(r.code !== 0);
  assert.match(r.stderr, /^Error: /);
});

test.run();
