// `skiff cluster node list|add|stop|start|remove` through the built CLI against a detached cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { skiff, tempDir } from '../../support/cli.js';

const env = { SKIFF_HOME: tempDir('skiff-nodes-'), HOME: tempDir('skiff-user-') };

async function ok(args: string[]): Promise<string> {
  const r = await skiff(args, { env });
  assert.is(r.code, 0, `skiff ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test.after(async () => {
  await skiff(['cluster', 'stop'], { env });
});

test('nodes are listed, added with capacity, stopped, started and removed', async () => {
  await ok(['cluster', 'start']);
  await until('3 Ready nodes', async () => ((await ok(['cluster', 'node', 'list'])).match(/\bReady\b/g) ?? []).length === 3);
  const list = await ok(['cluster', 'node', 'list']);
  assert.match(list, /^NAME\s+STATUS\s+CPU\s+MEMORY\s+PODS\s+POD CIDR\s+SIMULATION *$/m);
  assert.match(list, /^skiff-node-1\s+Ready\s+4\s+8Gi\s+110\s+10\.244\.1\.0\/24\s+running *$/m);

  assert.match(await ok(['cluster', 'node', 'add', 'big', '--cpu', '32', '--memory', '128Gi', '--label', 'tier=gpu', '--taint', 'gpu=true:NoSchedule']), /node\/big added \(10\.244\.4\.0\/24\)/);
  await until('big Ready', async () => /^big\s+Ready\s+32\s+128Gi/m.test(await ok(['cluster', 'node', 'list'])));

  assert.match(await ok(['cluster', 'node', 'stop', 'big']), /node\/big stopped/);
  assert.match(await ok(['cluster', 'node', 'list']), /^big\s+\S+\s+.*stopped *$/m);
  await ok(['cluster', 'node', 'start', 'big']);
  assert.match(await ok(['cluster', 'node', 'list']), /^big\s+.*running *$/m);

  await ok(['cluster', 'node', 'remove', 'big']);
  assert.not.match(await ok(['cluster', 'node', 'list']), /^big\s/m);
  const missing = await skiff(['cluster', 'node', 'stop', 'nope'], { env });
  assert.is.not(missing.code, 0);
  assert.match(missing.stderr, /node "nope" not found/);
});

test('cluster start --nodes --node-cpu --node-memory shapes the first start', async () => {
  const env2 = { SKIFF_HOME: tempDir('skiff-nodes2-'), HOME: tempDir('skiff-user-') };
  try {
    const r = await skiff(['cluster', 'start', '--nodes', '2', '--node-cpu', '2', '--node-memory', '4Gi'], { env: env2 });
    assert.is(r.code, 0, r.stderr);
    let list = '';
    await until('2 Ready nodes', async () => {
      list = (await skiff(['cluster', 'node', 'list'], { env: env2 })).stdout;
      return (list.match(/\bReady\b/g) ?? []).length === 2;
    });
    assert.match(list, /^skiff-node-2\s+Ready\s+2\s+4Gi\s+110\s/m);
    assert.not.match(list, /skiff-node-3/);
  } finally {
    await skiff(['cluster', 'stop'], { env: env2 });
  }
});

test.run();
