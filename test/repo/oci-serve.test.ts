// The OCI distribution API of `skiff repo serve`, spoken byte by byte:
// monolithic and chunked blob uploads, cross-repository mount, blobs and
// manifests by tag and digest, tag pagination, deletes when enabled, auth,
// what is refused (image configs, digest mismatches, traversal, oversized
// manifests) and how the classic index.yaml follows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageChart, parseChartYaml, readArchiveFiles } from '../../src/chart/index.js';
import { buildChartArtifact, sha256Digest, OCI_MANIFEST_MEDIA_TYPE } from '../../src/oci/index.js';
import { serveRepository, type RepoServer } from '../../src/repo/server.js';
import { tempDir } from '../support/cli.js';
import { writeChart } from './helpers.js';

const work = tempDir('skiff-oci-serve-');
const repoDir = join(work, 'repo');
let server: RepoServer;
const archives = new Map<string, Buffer>();

async function chartArchive(name: string, version: string): Promise<Buffer> {
  const key = `${name}-${version}`;
  if (!archives.has(key)) {
    writeChart(join(work, 'src', key), name, version);
    const r = await packageChart(join(work, 'src', key, name), { destination: join(work, 'pkg') });
    archives.set(key, readFileSync(r.path));
  }
  return archives.get(key)!;
}

async function artifact(name: string, version: string) {
  const data = await chartArchive(name, version);
  const files = await readArchiveFiles(data);
  const meta = parseChartYaml(files.find((f) => f.name === `${name}/Chart.yaml`)!.data.toString(), 'Chart.yaml');
  return buildChartArtifact(meta, data, undefined, new Date('2026-01-02T03:04:05Z'));
}

const req = (path: string, init: RequestInit = {}) => fetch(server.url + path, { redirect: 'manual', ...init });

async function monolithic(repo: string, data: Buffer): Promise<Response> {
  return req(`/v2/${repo}/blobs/uploads/?digest=${sha256Digest(data)}`, { method: 'POST', body: data, headers: { 'content-type': 'application/octet-stream' } });
}

async function pushArtifact(repo: string, tag: string, art: Awaited<ReturnType<typeof artifact>>): Promise<Response> {
  for (const b of [art.config, art.chart]) assert.is((await monolithic(repo, b.data)).status, 201);
  return req(`/v2/${repo}/manifests/${tag}`, { method: 'PUT', body: art.manifest, headers: { 'content-type': OCI_MANIFEST_MEDIA_TYPE } });
}

const errorCode = async (r: Response) => ((await r.json()) as { errors: { code: string; message: string }[] }).errors[0]!;

test.before(async () => {
  mkdirSync(repoDir, { recursive: true });
  server = await serveRepository({ dir: repoDir, address: '127.0.0.1:0', allowDelete: true, maxUploadBytes: 1024 * 1024 });
});

test.after(async () => {
  await server?.close();
});

test('/v2/ answers the version check', async () => {
  const r = await req('/v2/');
  assert.is(r.status, 200);
  assert.is(r.headers.get('docker-distribution-api-version'), 'registry/2.0');
});

test('a chunked upload (POST, PATCH, PATCH, PUT) and a monolithic one store the blob; HEAD and GET serve it', async () => {
  const data = Buffer.from('x'.repeat(3000));
  const digest = sha256Digest(data);
  const start = await req('/v2/team/hello/blobs/uploads/', { method: 'POST' });
  assert.is(start.status, 202);
  let location = start.headers.get('location')!;
  assert.match(location, /^\/v2\/team\/hello\/blobs\/uploads\/[0-9a-f-]{36}$/);
  const p1 = await req(location, { method: 'PATCH', body: data.subarray(0, 1000), headers: { 'content-range': '0-999', 'content-type': 'application/octet-stream' } });
  assert.is(p1.status, 202);
  assert.is(p1.headers.get('range'), '0-999');
  // A chunk that does not start where the last one ended is refused.
  const bad = await req(location, { method: 'PATCH', body: data.subarray(1000), headers: { 'content-range': '5-2004' } });
  assert.is(bad.status, 416);
  location = p1.headers.get('location')!;
  const p2 = await req(location, { method: 'PATCH', body: data.subarray(1000), headers: { 'content-range': '1000-2999' } });
  assert.is(p2.headers.get('range'), '0-2999');
  const status = await req(location);
  assert.is(status.status, 204);
  const done = await req(`${location}?digest=${digest}`, { method: 'PUT' });
  assert.is(done.status, 201);
  assert.is(done.headers.get('docker-content-digest'), digest);
  assert.is(done.headers.get('location'), `/v2/team/hello/blobs/${digest}`);
  const head = await req(`/v2/team/hello/blobs/${digest}`, { method: 'HEAD' });
  assert.is(head.status, 200);
  assert.is(head.headers.get('content-length'), '3000');
  assert.ok(Buffer.from(await (await req(`/v2/team/hello/blobs/${digest}`)).arrayBuffer()).equals(data));

  const other = Buffer.from('monolithic');
  const mono = await monolithic('team/hello', other);
  assert.is(mono.status, 201);
  assert.is(mono.headers.get('docker-content-digest'), sha256Digest(other));
});

test('a blob whose digest does not match is refused and not stored; a mount from another repository is immediate', async () => {
  const data = Buffer.from('some bytes');
  const wrong = sha256Digest('other bytes');
  const r = await req(`/v2/team/hello/blobs/uploads/?digest=${wrong}`, { method: 'POST', body: data });
  assert.is(r.status, 400);
  const e = await errorCode(r);
  assert.is(e.code, 'DIGEST_INVALID');
  assert.match(e.message, `has digest ${sha256Digest(data)}, not ${wrong}`);
  assert.is((await req(`/v2/team/hello/blobs/${wrong}`, { method: 'HEAD' })).status, 404);
  assert.equal(readdirSync(join(repoDir, '.oci', 'uploads')), [], 'the refused upload is discarded');

  const known = sha256Digest(Buffer.from('monolithic'));
  const mount = await req(`/v2/other/hello/blobs/uploads/?mount=${known}&from=team/hello`, { method: 'POST' });
  assert.is(mount.status, 201);
  assert.is(mount.headers.get('location'), `/v2/other/hello/blobs/${known}`);
  const unknown = await req(`/v2/other/hello/blobs/uploads/?mount=${wrong}&from=team/hello`, { method: 'POST' });
  assert.is(unknown.status, 202, 'an unknown blob to mount starts an ordinary upload');
});

test('a pushed chart manifest is served by tag and digest and listed in index.yaml', async () => {
  const art = await artifact('hello', '1.0.0+build.1');
  const put = await pushArtifact('team/hello', '1.0.0_build.1', art);
  assert.is(put.status, 201, await put.clone().text());
  assert.is(put.headers.get('docker-content-digest'), art.manifestDigest);
  for (const ref of ['1.0.0_build.1', art.manifestDigest]) {
    const g = await req(`/v2/team/hello/manifests/${ref}`, { headers: { accept: OCI_MANIFEST_MEDIA_TYPE } });
    assert.is(g.status, 200);
    assert.is(g.headers.get('content-type'), OCI_MANIFEST_MEDIA_TYPE);
    assert.is(g.headers.get('docker-content-digest'), art.manifestDigest);
    assert.ok(Buffer.from(await g.arrayBuffer()).equals(art.manifest));
    assert.is((await req(`/v2/team/hello/manifests/${ref}`, { method: 'HEAD' })).status, 200);
  }
  const index = parse(readFileSync(join(repoDir, 'index.yaml'), 'utf8'));
  assert.is(index.entries.hello[0].version, '1.0.0+build.1');
  assert.is(index.entries.hello[0].digest, art.chart.descriptor.digest.slice(7));
  assert.ok(readFileSync(join(repoDir, 'hello-1.0.0+build.1.tgz')).equals(art.chart.data));
  // The same push again is accepted (idempotent).
  assert.is((await pushArtifact('team/hello', '1.0.0_build.1', art)).status, 201);
});

test('a chart uploaded the classic way is pullable over OCI at oci://HOST/NAME, with a stable digest', async () => {
  const data = await chartArchive('classic', '2.1.0');
  const up = await req('/api/charts', { method: 'POST', body: data });
  assert.is(up.status, 201);
  const tags = await (await req('/v2/classic/tags/list')).json();
  assert.equal(tags, { name: 'classic', tags: ['2.1.0'] });
  const m = await req('/v2/classic/manifests/2.1.0');
  assert.is(m.status, 200);
  const manifest = JSON.parse(Buffer.from(await m.arrayBuffer()).toString()) as { config: { mediaType: string; digest: string }; layers: { digest: string; mediaType: string }[] };
  assert.is(manifest.config.mediaType, 'application/vnd.cncf.helm.config.v1+json');
  assert.equal(manifest.layers.map((l) => l.mediaType), ['application/vnd.cncf.helm.chart.content.v1.tar+gzip']);
  const blob = Buffer.from(await (await req(`/v2/classic/blobs/${manifest.layers[0]!.digest}`)).arrayBuffer());
  assert.ok(blob.equals(data));
  const again = await req('/v2/classic/manifests/2.1.0');
  assert.is(again.headers.get('docker-content-digest'), m.headers.get('docker-content-digest'));
  // Deleting it the classic way removes it from OCI as well.
  assert.is((await req('/api/charts/classic/2.1.0', { method: 'DELETE' })).status, 200);
  assert.is((await req('/v2/classic/manifests/2.1.0')).status, 404);
});

test('a provenance layer travels both ways: pushed, it lands next to the archive; indexed, it becomes a layer', async () => {
  const data = await chartArchive('signed', '1.0.0');
  const files = await readArchiveFiles(data);
  const meta = parseChartYaml(files.find((f) => f.name === 'signed/Chart.yaml')!.data.toString(), 'Chart.yaml');
  const prov = Buffer.from('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: signed\n');
  const art = buildChartArtifact(meta, data, prov, new Date(0));
  assert.is((await monolithic('team/signed', art.prov!.data)).status, 201);
  assert.is((await pushArtifact('team/signed', '1.0.0', art)).status, 201);
  assert.ok(readFileSync(join(repoDir, 'signed-1.0.0.tgz.prov')).equals(prov));
  assert.ok(Buffer.from(await (await req('/signed-1.0.0.tgz.prov')).arrayBuffer()).equals(prov), 'served where Helm looks for it: the archive URL + .prov');
  // The classic side's chart, pulled at oci://HOST/signed, carries the same .prov as its provenance layer.
  const m = JSON.parse(Buffer.from(await (await req('/v2/signed/manifests/1.0.0')).arrayBuffer()).toString()) as { layers: { mediaType: string; digest: string }[] };
  const provLayer = m.layers.find((l) => l.mediaType === 'application/vnd.cncf.helm.chart.provenance.v1.prov')!;
  assert.is(provLayer.digest, sha256Digest(prov));
});

test('tags list pages with n and last, and a Link to the next page', async () => {
  for (const v of ['0.1.0', '0.2.0', '0.3.0']) assert.is((await pushArtifact('team/pager', v, await artifact('pager', v))).status, 201);
  const all = await (await req('/v2/team/pager/tags/list')).json();
  assert.equal(all, { name: 'team/pager', tags: ['0.1.0', '0.2.0', '0.3.0'] });
  const first = await req('/v2/team/pager/tags/list?n=2');
  assert.equal(((await first.json()) as { tags: string[] }).tags, ['0.1.0', '0.2.0']);
  assert.is(first.headers.get('link'), '</v2/team/pager/tags/list?n=2&last=0.2.0>; rel="next"');
  const second = await req('/v2/team/pager/tags/list?n=2&last=0.2.0');
  assert.equal(((await second.json()) as { tags: string[] }).tags, ['0.3.0']);
  assert.is(second.headers.get('link'), null);
  assert.is((await req('/v2/nobody/tags/list')).status, 404);
});

test('refused: an image config, a name that is not the chart, traversal in names and tags, an oversized manifest, missing blobs', async () => {
  const art = await artifact('hello', '1.0.0+build.1');
  const image = JSON.parse(art.manifest.toString());
  image.config.mediaType = 'application/vnd.oci.image.config.v1+json';
  let r = await req('/v2/team/hello/manifests/image', { method: 'PUT', body: JSON.stringify(image), headers: { 'content-type': OCI_MANIFEST_MEDIA_TYPE } });
  assert.is(r.status, 400);
  let e = await errorCode(r);
  assert.is(e.code, 'MANIFEST_INVALID');
  assert.match(e.message, 'is a container image, not a Helm chart');

  r = await req('/v2/team/other/manifests/1.0.0', { method: 'PUT', body: art.manifest, headers: { 'content-type': OCI_MANIFEST_MEDIA_TYPE } });
  assert.is(r.status, 400);
  assert.match((await errorCode(r)).message, 'the last path component must be the chart name');

  r = await req('/v2/team/..%2fhello/manifests/1.0.0');
  assert.is(r.status, 400);
  assert.is((await errorCode(r)).code, 'NAME_INVALID');
  r = await req('/v2/team/hello/manifests/..%2f..%2fetc', { method: 'PUT', body: art.manifest, headers: { 'content-type': OCI_MANIFEST_MEDIA_TYPE } });
  assert.is(r.status, 400);
  assert.is((await errorCode(r)).code, 'TAG_INVALID');
  r = await req('/v2/team/hello/blobs/uploads/?digest=sha256:..%2f..%2fx', { method: 'POST', body: 'x' });
  assert.is(r.status, 400);

  const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
  r = await req('/v2/team/hello/manifests/huge', { method: 'PUT', body: huge, headers: { 'content-type': OCI_MANIFEST_MEDIA_TYPE } });
  assert.is(r.status, 413);
  assert.match((await errorCode(r)).message, 'larger than the limit of 4194304 bytes');

  const missing = JSON.parse(art.manifest.toString());
  missing.layers[0].digest = sha256Digest('never uploaded');
  r = await req('/v2/team/hello/manifests/missing', { method: 'PUT', body: JSON.stringify(missing), headers: { 'content-type': OCI_MANIFEST_MEDIA_TYPE } });
  assert.is(r.status, 400);
  assert.is((await errorCode(r)).code, 'MANIFEST_BLOB_UNKNOWN');

  // Nothing of the refused pushes is tagged.
  assert.equal(((await (await req('/v2/team/hello/tags/list')).json()) as { tags: string[] }).tags, ['1.0.0_build.1']);
  assert.ok(!existsSync(join(repoDir, '.oci', 'repositories', 'team', 'hello', '_manifests', 'tags', 'image')));
});

test('a different chart under an existing version is a conflict; the index keeps the first', async () => {
  const a = await artifact('clash', '1.0.0');
  assert.is((await pushArtifact('team/clash', '1.0.0', a)).status, 201);
  writeChart(join(work, 'src', 'clash-b'), 'clash', '1.0.0', { description: 'different' });
  const r2 = await packageChart(join(work, 'src', 'clash-b', 'clash'), { destination: join(work, 'pkg-b') });
  const meta = parseChartYaml(readFileSync(join(work, 'src', 'clash-b', 'clash', 'Chart.yaml'), 'utf8'), 'Chart.yaml');
  const b = buildChartArtifact(meta, readFileSync(r2.path), undefined, new Date(0));
  const r = await pushArtifact('elsewhere/clash', '1.0.0', b);
  assert.is(r.status, 409);
  assert.match((await errorCode(r)).message, 'clash-1.0.0.tgz already exists with other content');
  assert.is(parse(readFileSync(join(repoDir, 'index.yaml'), 'utf8')).entries.clash[0].digest, a.chart.descriptor.digest.slice(7));
});

test('DELETE by tag untags; by digest removes the manifest and unlists the chart; refused when not enabled', async () => {
  const art = await artifact('gone', '3.0.0');
  assert.is((await pushArtifact('team/gone', '3.0.0', art)).status, 201);
  assert.is((await req(`/v2/team/gone/manifests/${art.manifestDigest}`, { method: 'DELETE' })).status, 202);
  assert.is((await req('/v2/team/gone/manifests/3.0.0')).status, 404);
  assert.is(parse(readFileSync(join(repoDir, 'index.yaml'), 'utf8')).entries.gone, undefined);
  assert.not.ok(existsSync(join(repoDir, 'gone-3.0.0.tgz')));

  const locked = await serveRepository({ dir: repoDir, address: '127.0.0.1:0' });
  try {
    const r = await fetch(`${locked.url}/v2/team/hello/manifests/1.0.0_build.1`, { method: 'DELETE' });
    assert.is(r.status, 405);
    assert.match((await errorCode(r)).message, 'deletes are disabled');
    // The restarted server on the same directory serves what was pushed before.
    assert.is((await fetch(`${locked.url}/v2/team/hello/manifests/1.0.0_build.1`)).status, 200);
  } finally {
    await locked.close();
  }
});

test('concurrent pushes of different versions all land, in OCI and in the index', async () => {
  const versions = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0'];
  const arts = await Promise.all(versions.map((v) => artifact('busy', v)));
  const results = await Promise.all(arts.map((a, i) => pushArtifact('team/busy', versions[i]!, a)));
  assert.equal(results.map((r) => r.status), versions.map(() => 201));
  assert.equal(((await (await req('/v2/team/busy/tags/list')).json()) as { tags: string[] }).tags, versions);
  const index = parse(readFileSync(join(repoDir, 'index.yaml'), 'utf8'));
  assert.equal(index.entries.busy.map((e: { version: string }) => e.version).sort(), versions);
});

test.run();
