// The loop a user runs with one small server: skiff package -> skiff push
// over OCI to `skiff repo serve` -> skiff install oci://.../chart --version
// "^1.0" onto the bundled cluster -> push a newer version -> upgrade to it;
// the same charts are visible to `skiff repo add` / `search repo` through the
// index of the same server.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';
import { isolatedEnv } from './helpers.js';

const work = tempDir('skiff-oci-loop-');
const env = isolatedEnv();
let server: Served;
let rt: Runtime;
let host: string;
let K: string[];

const ok = async (args: string[], input?: string) => {
  const r = await skiff(args, { env, input });
  if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};
const deployed = async () => {
  const cm = (await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'shop-demo' })) as unknown as { data: Record<string, string> };
  return cm.data.version;
};
const release = async (version: string) => {
  const src = writeChart(join(work, 'src', version), 'demo', version);
  await ok(['package', src, '-d', join(work, 'pkg')]);
  return join(work, 'pkg', `demo-${version}.tgz`);
};

test.before(async () => {
  mkdirSync(join(work, 'served'));
  server = await serve(join(work, 'served'), ['--basic-auth', 'ci:t0ken']);
  host = new URL(server.url).host;
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await server?.stop();
  await rt?.stop();
});

test('package, push over OCI, install --version "^1.0", push a newer version, upgrade to it; the index shows both', async () => {
  await ok(['registry', 'login', host, '-u', 'ci', '--password-stdin', '--plain-http'], 't0ken');
  for (const v of ['1.0.0', '2.0.0']) await ok(['push', await release(v), `oci://${host}/charts`, '--plain-http']);
  const inst = await ok(['install', 'shop', `oci://${host}/charts/demo`, '--version', '^1.0', '--plain-http', ...K]);
  assert.match(inst.stdout, /STATUS: deployed/);
  assert.is(await deployed(), '1.0.0');
  await ok(['push', await release('1.1.0'), `oci://${host}/charts`, '--plain-http']);
  const up = await ok(['upgrade', 'shop', `oci://${host}/charts/demo`, '--version', '^1.0', '--plain-http', ...K]);
  assert.match(up.stdout, /REVISION: 2/);
  assert.is(await deployed(), '1.1.0');
  const list = JSON.parse((await ok(['list', '-o', 'json', ...K])).stdout);
  assert.is(list[0].chart, 'demo-1.1.0');
  await ok(['repo', 'add', 'shop', server.url, '--username', 'ci', '--password', 't0ken']);
  const search = await ok(['search', 'repo', 'shop/demo', '--versions', '-o', 'json']);
  assert.equal(JSON.parse(search.stdout).map((r: { version: string }) => r.version), ['2.0.0', '1.1.0', '1.0.0']);
});

test.run();
