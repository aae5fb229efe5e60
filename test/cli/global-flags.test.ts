// Helm's global flags work in any position, before the command word too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { commandIndex } from '../../src/cli/command-word.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';

let rt: Runtime;

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
});
test.after(async () => {
  await rt?.stop();
});

test('the command word is found after global flags and their values', () => {
  assert.is(commandIndex(['--kubeconfig', 'x', 'list', '-o', 'json']), 2);
  assert.is(commandIndex(['--kubeconfig=x', 'list']), 1);
  assert.is(commandIndex(['-n', 'default', '--debug', 'list', '-A']), 3);
  assert.is(commandIndex(['--kube-context', 'c', '--kube-token', 't', '--kube-apiserver', 'u', '--kube-ca-file', 'f', 'status', 'x']), 8);
  assert.is(commandIndex(['list']), 0);
  assert.is(commandIndex(['--debug']), -1);
});

test('global flags before the verb: install, list -o json, list -A, status', async () => {
  const kc = rt.kubeconfigPath;
  const inst = await skiff(['--kubeconfig', kc, '--namespace', 'kube-public', 'install', 'early', join(ROOT, 'charts/webapp')]);
  assert.is(inst.code, 0, inst.stderr);
  assert.match(inst.stdout, /NAMESPACE: kube-public/);
  const list = await skiff(['--kubeconfig', kc, 'list', '-o', 'json']);
  assert.is(list.code, 0, list.stderr);
  assert.equal(JSON.parse(list.stdout), [], 'the default namespace has no release');
  const ns = await skiff(['--kubeconfig', kc, '-n', 'kube-public', 'list', '-o', 'json']);
  assert.equal((JSON.parse(ns.stdout) as { name: string }[]).map((r) => r.name), ['early']);
  const all = await skiff(['--namespace', 'default', `--kubeconfig=${kc}`, 'list', '-A', '-o', 'json']);
  assert.is(all.code, 0, all.stderr);
  assert.equal((JSON.parse(all.stdout) as { name: string; namespace: string }[]).map((r) => `${r.namespace}/${r.name}`), ['kube-public/early']);
  const st = await skiff(['--debug', '--kubeconfig', kc, '-n', 'kube-public', 'status', 'early', '-o', 'json']);
  assert.is(st.code, 0, st.stderr);
  assert.is((JSON.parse(st.stdout) as { info: { status: string } }).info.status, 'deployed');
});

test('an unknown command after global flags is named', async () => {
  const r = await skiff(['--kubeconfig', rt.kubeconfigPath, 'lsit']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown command "lsit" for "skiff"/);
});

test.run();
