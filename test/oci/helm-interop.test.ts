// skiff and real Helm against the same registry (Debian's docker-registry
// with htpasswd auth): one login serves both tools, Helm 3 pushes and skiff
// pulls and installs onto the bundled cluster, skiff pushes and Helm 4
// pulls and shows, and both write the same config blob for the same chart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary, helmBinary } from '../support/helm.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { isolatedEnv, packagedChart } from './helpers.js';

let reg: TestRegistry;
let rt: Runtime;
let env: Record<string, string>;
let work: string;

const ok = async (r: Promise<{ code: number; stdout: string; stderr: string }>, what: string) => {
  const x = await r;
  if (x.code !== 0) throw new Error(`${what} exited ${x.code}\n${x.stdout}\n${x.stderr}`);
  return x;
};

/** The manifest the registry stores under a tag, and the blob a digest names. */
const stored = (repo: string, tag: string) => {
  const root = join(reg.dir, 'data/docker/registry/v2');
  const digest = readFileSync(join(root, 'repositories', repo, '_manifests/tags', tag, 'current/link'), 'utf8');
  const blob = (d: string) => readFileSync(join(root, 'blobs/sha256', d.slice(7, 9), d.slice(7), 'data'));
  return { digest, manifest: JSON.parse(blob(digest).toString()), blob };
};

test.before(async () => {
  reg = await startRegistry();
  env = isolatedEnv();
  work = tempDir('skiff-oci-helm-');
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
});
test.after(async () => {
  await reg?.stop();
  await rt?.stop();
});

test('helm registry login is used by skiff; skiff registry logout is seen by Helm', async () => {
  await ok(run(helmBinary(), ['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--insecure'], { env, input: 'secret-pw' }), 'helm registry login');
  const chart = await packagedChart(work, 'shared', '0.1.0');
  await ok(skiff(['push', chart, `oci://${reg.host}/team`, '--plain-http'], { env }), 'skiff push with Helm\'s login');
  await ok(skiff(['registry', 'logout', reg.host], { env }), 'skiff registry logout');
  const h = await run(helmBinary(), ['pull', `oci://${reg.host}/team/shared`, '--version', '0.1.0', '--plain-http', '-d', tempDir()], { env });
  assert.is(h.code, 1, h.stdout + h.stderr);
  assert.match(h.stderr, /401|unauthorized|basic credential not found|no basic auth credentials/i, h.stderr);
  await ok(skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], { env, input: 'secret-pw\n' }), 'skiff registry login');
  await ok(run(helmBinary(), ['pull', `oci://${reg.host}/team/shared`, '--version', '0.1.0', '--plain-http', '-d', tempDir()], { env }), 'helm pull with skiff\'s login');
});

test('Helm 3 pushes; skiff pulls the same bytes and installs oci:// --version "^1.0" onto the bundled cluster', async () => {
  for (const v of ['1.0.0', '1.4.0', '2.0.0']) {
    await ok(run(helmBinary(), ['push', await packagedChart(work, 'web', v), `oci://${reg.host}/helm3`, '--plain-http'], { env }), `helm push ${v}`);
  }
  const dest = tempDir('skiff-oci-pull-');
  const p = await ok(skiff(['pull', `oci://${reg.host}/helm3/web`, '--version', '1.4.0', '--plain-http', '-d', dest], { env }), 'skiff pull');
  assert.match(p.stderr, `Digest: ${stored('helm3/web', '1.4.0').digest}`);
  assert.equal(readFileSync(join(dest, 'web-1.4.0.tgz')), readFileSync(join(work, 'pkg', 'web-1.4.0.tgz')));
  const K = ['--kubeconfig', rt.kubeconfigPath];
  const inst = await ok(skiff(['install', 'shop', `oci://${reg.host}/helm3/web`, '--version', '^1.0', '--plain-http', ...K], { env }), 'skiff install');
  assert.match(inst.stdout, /STATUS: deployed/);
  const cm = (await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'shop-web' })) as unknown as { data: Record<string, string> };
  assert.is(cm.data.version, '1.4.0');
  const up = await ok(skiff(['upgrade', 'shop', `oci://${reg.host}/helm3/web`, '--plain-http', ...K], { env }), 'skiff upgrade');
  assert.match(up.stdout, /REVISION: 2/);
  const cm2 = (await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'shop-web' })) as unknown as { data: Record<string, string> };
  assert.is(cm2.data.version, '2.0.0');
  const digest = stored('helm3/web', '1.0.0').digest;
  await ok(skiff(['install', 'bydigest', `oci://${reg.host}/helm3/web@${digest}`, '--plain-http', ...K], { env }), 'skiff install by digest');
  const cm3 = (await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'bydigest-web' })) as unknown as { data: Record<string, string> };
  assert.is(cm3.data.version, '1.0.0');
});

test('skiff pushes; Helm 4 pulls and shows the chart; the config blob and manifest match what Helm pushes', async () => {
  const chart = await packagedChart(work, 'api', '3.1.0+build.2', { appVersion: '3.1' });
  const s = await ok(skiff(['push', chart, `oci://${reg.host}/skiffns`, '--plain-http'], { env }), 'skiff push');
  assert.match(s.stderr, /skiffns\/api:3\.1\.0_build\.2/);
  await ok(run(helmBinary(), ['push', chart, `oci://${reg.host}/helmns`, '--plain-http'], { env }), 'helm push');
  const fromSkiff = stored('skiffns/api', '3.1.0_build.2');
  const fromHelm = stored('helmns/api', '3.1.0_build.2');
  assert.is(fromSkiff.manifest.config.digest, fromHelm.manifest.config.digest, `config: ${fromSkiff.blob(fromSkiff.manifest.config.digest)} vs ${fromHelm.blob(fromHelm.manifest.config.digest)}`);
  const strip = (m: { annotations: Record<string, string> }) => ({ ...m, annotations: { ...m.annotations, 'org.opencontainers.image.created': '' } });
  assert.equal(strip(fromSkiff.manifest), strip(fromHelm.manifest));
  assert.equal(Object.keys(fromSkiff.manifest), Object.keys(fromHelm.manifest));

  const dest = tempDir('helm4-pull-');
  const h = await ok(run(helm4Binary(), ['pull', `oci://${reg.host}/skiffns/api`, '--version', '3.1.0+build.2', '--plain-http', '-d', dest], { env }), 'helm 4 pull');
  assert.match(h.stdout + h.stderr, new RegExp(`Digest: ${fromSkiff.digest}`));
  assert.equal(readFileSync(join(dest, 'api-3.1.0+build.2.tgz')), readFileSync(chart));
  const show = await ok(run(helm4Binary(), ['show', 'chart', `oci://${reg.host}/skiffns/api`, '--plain-http'], { env }), 'helm 4 show chart');
  assert.match(show.stdout, /name: api\n/);
  assert.match(show.stdout, /version: 3\.1\.0\+build\.2/);
});

test.run();
