// `skiff list` loads the YAML library only when it needs it: for -o yaml, and
// for a kubeconfig beyond the plain reader (flow style, anchors). Both must
// work on every path the command can take: the fast path (a bundle of its
// own, dist/fast-list.js) and the full CLI (SKIFF_NO_FAST=1), which get the
// library handed over differently by their builds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';

let rt: Runtime;
test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
});
test.after(async () => {
  await rt?.stop();
});

test('a kubeconfig in flow style with anchors, and -o yaml, on the fast path and the full CLI alike', async () => {
  const plain = rt.kubeconfigPath;
  const inst = await skiff(['install', 'lazy', join(ROOT, 'charts/webapp'), '--kubeconfig', plain]);
  assert.is(inst.code, 0, inst.stderr);
  const odd = join(tempDir(), 'kubeconfig');
  writeFileSync(odd, readFileSync(plain, 'utf8') + 'extensions: [{name: a, extension: {b: &x 1, c: *x}}]\n');
  for (const fast of [true, false]) {
    const env = fast ? {} : { SKIFF_NO_FAST: '1' };
    const table = await skiff(['list', '--kubeconfig', odd, '-q'], { env });
    assert.is(table.code, 0, table.stderr);
    assert.is(table.stdout, 'lazy\n');
    const yaml = await skiff(['list', '--kubeconfig', plain, '-o', 'yaml'], { env });
    assert.is(yaml.code, 0, yaml.stderr);
    assert.match(yaml.stdout, /^- name: lazy\n  namespace: default\n  revision: "1"\n/);
  }
});

test.run();
