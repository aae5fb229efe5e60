// A chart referenced through an image index, against a real registry
// (docker-registry 2.8): the one chart manifest below the index is pulled
// (as Helm 4 does, with the index's digest printed), an index with no chart
// or with two different charts is refused naming what it holds, and a pull
// by the index digest is served from the cache afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryClient, sha256Digest } from '../../src/oci/index.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { isolatedEnv, packagedChart } from './helpers.js';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
let reg: TestRegistry;
let env: Record<string, string>;
let client: RegistryClient;
let web1: string;
const charts: Record<string, { digest: string; size: number }> = {};
let image: { digest: string; size: number };
const indexes: Record<string, string> = {};

// Index tags are SemVer, as Helm reads a tag as a version.
const TAGS = { bundle: '3.0.0', images: '4.0.0', two: '5.0.0' } as const;

async function putIndex(name: keyof typeof TAGS, manifests: object[]): Promise<string> {
  const tag = TAGS[name];
  const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests }));
  return client.putManifest('charts/web', tag, body, `index ${tag}`, INDEX);
}

test.before(async () => {
  reg = await startRegistry();
  env = isolatedEnv();
  const work = tempDir('skiff-oci-index-');
  const login = await skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], { env, input: 'secret-pw' });
  assert.is(login.code, 0, login.stderr);
  web1 = await packagedChart(work, 'web', '1.0.0');
  for (const [v, file] of [['1.0.0', web1], ['2.0.0', await packagedChart(work, 'web', '2.0.0')]] as const) {
    const r = await skiff(['push', file, `oci://${reg.host}/charts`, '--plain-http'], { env });
    assert.is(r.code, 0, r.stderr);
    const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(r.stderr)![1]!;
    charts[v] = { digest, size: readFileSync(join(reg.dir, 'data/docker/registry/v2/blobs/sha256', digest.slice(7, 9), digest.slice(7), 'data')).length };
  }
  // A container image in the same repository.
  client = new RegistryClient(reg.host, { plainHttp: true, username: 'skiff', password: 'secret-pw' });
  const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{}}');
  const layer = Buffer.from('not really a layer');
  await client.pushBlob('charts/web', config, 'image config');
  await client.pushBlob('charts/web', layer, 'image layer');
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256Digest(layer), size: layer.length }],
  }));
  image = { digest: await client.putManifest('charts/web', sha256Digest(manifest), manifest, 'image'), size: manifest.length };
  const img = { mediaType: MANIFEST, ...image, platform: { os: 'linux', architecture: 'amd64' } };
  indexes.bundle = await putIndex('bundle', [img, { mediaType: MANIFEST, ...charts['1.0.0'] }]);
  indexes.images = await putIndex('images', [img]);
  indexes.two = await putIndex('two', [{ mediaType: MANIFEST, ...charts['1.0.0'] }, { mediaType: MANIFEST, ...charts['2.0.0'] }]);
});
test.after(async () => {
  await client?.close();
  await reg?.stop();
});

test('an index holding an image and a chart: skiff and Helm 4 pull the chart, both print the index digest', async () => {
  const dest = tempDir('skiff-oci-index-pull-');
  const p = await skiff(['pull', `oci://${reg.host}/charts/web:${TAGS.bundle}`, '--plain-http', '-d', dest], { env });
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stderr, `Pulled: ${reg.host}/charts/web:${TAGS.bundle}\nDigest: ${indexes.bundle}`);
  assert.ok(readFileSync(join(dest, 'web-1.0.0.tgz')).equals(readFileSync(web1)));
  const hdest = tempDir('helm-oci-index-pull-');
  const h = await run(helm4Binary(), ['pull', `oci://${reg.host}/charts/web:${TAGS.bundle}`, '--plain-http', '-d', hdest], { env });
  assert.is(h.code, 0, h.stderr);
  assert.match(h.stderr + h.stdout, `Digest: ${indexes.bundle}`);
  // Helm names the file after the tag it was asked for; skiff after the chart inside.
  assert.equal(readdirSync(hdest), [`web-${TAGS.bundle}.tgz`], h.stderr);
  assert.ok(readFileSync(join(hdest, `web-${TAGS.bundle}.tgz`)).equals(readFileSync(web1)));
});

test('an index with no chart, or with two different charts, is refused naming what it holds; nothing written', async () => {
  const dest = tempDir('skiff-oci-index-bad-');
  let p = await skiff(['pull', `oci://${reg.host}/charts/web:${TAGS.images}`, '--plain-http', '-d', dest], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, `oci://${reg.host}/charts/web:${TAGS.images} is an image index with no Helm chart among its 1 manifest (it holds a container image for linux/amd64)`);
  p = await skiff(['pull', `oci://${reg.host}/charts/web:${TAGS.two}`, '--plain-http', '-d', dest], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, `is an image index with 2 different Helm charts; pick one by digest: oci://${reg.host}/charts/web@${charts['1.0.0']!.digest}, oci://${reg.host}/charts/web@${charts['2.0.0']!.digest}`);
  assert.equal(readdirSync(dest), []);
  p = await skiff(['pull', `oci://${reg.host}/charts/web@${charts['2.0.0']!.digest}`, '--plain-http', '-d', dest], { env });
  assert.is(p.code, 0, p.stderr);
  assert.equal(readdirSync(dest), ['web-2.0.0.tgz']);
});

test('a reference by the index digest renders from the cache with the registry stopped', async () => {
  await reg.stop();
  const t = await skiff(['template', 'rel', `oci://${reg.host}/charts/web@${indexes.bundle}`, '--plain-http'], { env });
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /version: "1\.0\.0"/);
});

test.run();
