// The whole loop a chart team runs against one `skiff repo serve`: package,
// log in and push over OCI, install oci://…/chart --version "^1.0" onto the
// bundled cluster, push a newer version, upgrade to it — and the same charts
// visible to `skiff repo add` / `search repo` through the server's index.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-oci-loop-');
const env = { SKIFF_HOME: join(work, 'home'), HELM_REGISTRY_CONFIG: join(work, 'registry.json') };
let rt: Runtime;
let server: Served;
let host: string;
let K: string[];

const ok = async (args: string[], input?: string) => {
  const r = await skiff(args, { env, input });
  if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};
const packaged = async (version: string) => {
  writeChart(join(work, 'src', version), 'shop', version);
  await ok(['package', join(work, 'src', version, 'shop'), '-d', join(work, 'pkg')]);
  return join(work, 'pkg', `shop-${version}.tgz`);
};
const deployedVersion = async () => {
  const cm = (await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'store-shop' })) as unknown as { data: Record<string, string> };
  return cm.data.version;
};

test.before(async () => {
  mkdirSync(join(work, 'served'));
  server = await serve(join(work, 'served'), ['--basic-auth', 'team:s3cret']);
  host = new URL(server.url).host;
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});

test.after(async () => {
  await server?.stop();
  await rt?.stop();
});

test('package, push over OCI, install oci:// --version "^1.0", push newer, upgrade; the index shows the same charts', async () => {
  const denied = await skiff(['push', await packaged('1.0.0'), `oci://${host}/charts`, '--plain-http'], { env });
  assert.is(denied.code, 1, 'a push without logging in is refused');
  await ok(['registry', 'login', host, '--username', 'team', '--password-stdin', '--plain-http'], 's3cret');
  for (const v of ['1.0.0', '2.0.0']) await ok(['push', await packaged(v), `oci://${host}/charts`, '--plain-http']);

  const inst = await ok(['install', 'store', `oci://${host}/charts/shop`, '--version', '^1.0', '--plain-http', ...K]);
  assert.match(inst.stdout, /STATUS: deployed/);
  assert.is(await deployedVersion(), '1.0.0');

  await ok(['push', await packaged('1.1.0'), `oci://${host}/charts`, '--plain-http']);
  const up = await ok(['upgrade', 'store', `oci://${host}/charts/shop`, '--version', '^1.0', '--plain-http', ...K]);
  assert.match(up.stdout, /REVISION: 2/);
  assert.is(await deployedVersion(), '1.1.0');
  const list = await ok(['list', '-o', 'json', ...K]);
  assert.is(JSON.parse(list.stdout)[0].chart, 'shop-1.1.0');

  await ok(['repo', 'add', 'team', server.url, '--username', 'team', '--password', 's3cret']);
  const search = await ok(['search', 'repo', 'team/shop', '-l', '-o', 'json']);
  assert.equal(JSON.parse(search.stdout).map((r: { version: string }) => r.version), ['2.0.0', '1.1.0', '1.0.0']);
  // And back the other way: the classic name installs the same chart.
  const viaIndex = await ok(['template', 'x', 'team/shop', '--version', '1.1.0']);
  assert.match(viaIndex.stdout, /version: "1\.1\.0"/);
});

test.run();
