// install and upgrade from a repository against the bundled runtime:
// install REPO/CHART --version "^1.0", push a newer version, repo update,
// upgrade to it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { packageChart } from '../../src/chart/index.js';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-repo-install-');
const env = { SKIFF_HOME: join(work, 'home') };
let rt: Runtime;
let server: Served;
let K: string[];

const ok = async (args: string[]) => {
  const r = await skiff([...args, ...K], { env });
  if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};
const deployedVersion = async () => {
  const cm = (await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'shop-demo' })) as unknown as { data: Record<string, string> };
  return cm.data.version;
};

test.before(async () => {
  for (const v of ['1.0.0', '1.1.0', '2.0.0']) {
    writeChart(join(work, 'src', v), 'demo', v);
    await packageChart(join(work, 'src', v, 'demo'), { destination: join(work, 'repo') });
  }
  server = await serve(join(work, 'repo'));
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  await ok(['repo', 'add', 'shop', server.url]);
});

test.after(async () => {
  await server?.stop();
  await rt?.stop();
});

test('install REPO/CHART --version "^1.0" picks the newest 1.x; upgrade after push + repo update moves to the new version', async () => {
  const inst = await ok(['install', 'shop', 'shop/demo', '--version', '^1.0']);
  assert.match(inst.stdout, /STATUS: deployed/);
  assert.is(await deployedVersion(), '1.1.0');
  writeChart(join(work, 'src', '1.2.0'), 'demo', '1.2.0');
  await packageChart(join(work, 'src', '1.2.0', 'demo'), { destination: join(work, 'pkg') });
  await ok(['push', join(work, 'pkg', 'demo-1.2.0.tgz'), 'shop']);
  await ok(['repo', 'update', 'shop']);
  const up = await ok(['upgrade', 'shop', 'shop/demo', '--version', '^1.0']);
  assert.match(up.stdout, /REVISION: 2/);
  assert.is(await deployedVersion(), '1.2.0');
  const list = await ok(['list', '-o', 'json']);
  assert.is(JSON.parse(list.stdout)[0].chart, 'demo-1.2.0');
});

test('install of an unsatisfiable range fails before touching the cluster', async () => {
  const r = await skiff(['install', 'other', 'shop/demo', '--version', '^9', ...K], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /versions that exist: 2\.0\.0, 1\.2\.0, 1\.1\.0, 1\.0\.0/);
  const list = await ok(['list', '-o', 'json']);
  assert.equal(JSON.parse(list.stdout).map((x: { name: string }) => x.name), ['shop']);
});

test.run();
