// The distribution protocol details a real registry may use but
// docker-registry with htpasswd does not: a bearer token service on another
// origin (anonymous or with credentials), 429 with Retry-After, blobs
// redirected to storage on another origin (never with credentials), and
// hostile answers: an image instead of a chart, a blob whose digest does not
// match, an oversized manifest. Chunked upload and cross-repository mount run
// against the real docker-registry.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { isolatedEnv, packagedChart } from './helpers.js';
import { buildChartArtifact, sha256Digest, RegistryClient, pullOciChart, pushOciChart } from '../../src/oci/index.js';
import { loadChartArchive } from '../../src/chart/index.js';

interface Seen {
  path: string;
  auth?: string;
}
const seen: { registry: Seen[]; token: Seen[]; storage: Seen[] } = { registry: [], token: [], storage: [] };
const blobs = new Map<string, Buffer>();
const manifests = new Map<string, Buffer>();
let registry: Server;
let tokenServer: Server;
let storage: Server;
let regPort = 0;
let tokenPort = 0;
let storagePort = 0;
let tagsCalls = 0;
let env: Record<string, string>;
let chartData: Buffer;

const listen = (s: Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)));
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

function registryHandler(req: IncomingMessage, res: ServerResponse): void {
  seen.registry.push({ path: req.url!, auth: req.headers.authorization });
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer T-')) {
    const m = /^\/v2\/([^?]+?)\/(manifests|blobs|tags)/.exec(req.url!);
    const scope = m ? `,scope="repository:${m[1]}:pull"` : '';
    return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': `Bearer realm="http://localhost:${tokenPort}/token",service="fake-registry"${scope}` });
  }
  const url = req.url!;
  if (url.startsWith('/v2/ns/web/tags/list')) {
    if (tagsCalls++ === 0) return json(res, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }, { 'retry-after': '0' });
    return json(res, 200, { name: 'ns/web', tags: ['1.0.0', 'latest'] });
  }
  const m = /^\/v2\/(ns\/[a-z]+)\/manifests\/(.+)$/.exec(url);
  if (m) {
    const body = manifests.get(`${m[1]}:${m[2]}`);
    if (!body) return json(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(body.length) });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  const b = /^\/v2\/ns\/[a-z]+\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url);
  if (b) {
    res.writeHead(307, { location: `http://localhost:${storagePort}/storage/${b[1]}` });
    return void res.end();
  }
  json(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'unknown' }] });
}

test.before(async () => {
  env = isolatedEnv();
  const work = tempDir('skiff-oci-proto-');
  const tgz = await packagedChart(work, 'web', '1.0.0');
  chartData = readFileSync(tgz);
  const meta = (await loadChartArchive(chartData, tgz)).metadata;
  const art = buildChartArtifact(meta, chartData);
  for (const bl of [art.config, art.chart]) blobs.set(bl.descriptor.digest, bl.data);
  manifests.set('ns/web:1.0.0', art.manifest);
  // An image: config of a container image.
  const imageConfig = Buffer.from('{"architecture":"amd64","os":"linux"}');
  blobs.set(sha256Digest(imageConfig), imageConfig);
  manifests.set('ns/image:1.0.0', Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest(imageConfig), size: imageConfig.length }, layers: [] })));
  // A chart whose layer digest names other bytes than the storage serves.
  const other = Buffer.from('not the chart');
  const bad = JSON.parse(art.manifest.toString());
  const fakeDigest = sha256Digest('something else');
  bad.layers[0].digest = fakeDigest;
  bad.layers[0].size = other.length;
  blobs.set(fakeDigest, other);
  manifests.set('ns/bad:1.0.0', Buffer.from(JSON.stringify(bad)));
  manifests.set('ns/huge:1.0.0', Buffer.alloc(5 * 1024 * 1024, 32));
  registry = createServer(registryHandler);
  tokenServer = createServer((req, res) => {
    seen.token.push({ path: req.url!, auth: req.headers.authorization });
    if (req.headers.authorization && req.headers.authorization !== 'Basic ' + Buffer.from('alice:pw').toString('base64')) return json(res, 401, { details: 'bad credentials' });
    json(res, 200, { token: req.headers.authorization ? 'T-user' : 'T-anon' });
  });
  storage = createServer((req, res) => {
    seen.storage.push({ path: req.url!, auth: req.headers.authorization });
    const d = req.url!.replace('/storage/', '');
    const body = blobs.get(d);
    if (!body) return json(res, 404, {});
    res.writeHead(200, { 'content-length': String(body.length) });
    res.end(body);
  });
  [regPort, tokenPort, storagePort] = await Promise.all([listen(registry), listen(tokenServer), listen(storage)]);
});
test.after(() => {
  for (const s of [registry, tokenServer, storage]) s?.close();
});

test('anonymous bearer token from a token service on another origin; 429 retried; blobs fetched from storage without credentials', async () => {
  const dest = tempDir('skiff-oci-pull-');
  const r = await skiff(['pull', `oci://127.0.0.1:${regPort}/ns/web`, '--plain-http', '-d', dest], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(dest, 'web-1.0.0.tgz')), chartData);
  assert.is(tagsCalls, 2, 'the 429 was retried');
  assert.ok(seen.token.length > 0);
  assert.ok(seen.token.every((t) => t.auth === undefined), 'anonymous token request');
  assert.match(seen.token[0]!.path, /service=fake-registry&scope=repository%3Ans%2Fweb%3Apull/);
  assert.ok(seen.storage.length >= 2);
  assert.ok(seen.storage.every((s) => s.auth === undefined), 'no credentials to the storage origin');
});

test('with credentials: basic auth goes to the token service, the bearer token to the registry, nothing to storage', async () => {
  seen.token.length = 0;
  seen.storage.length = 0;
  seen.registry.length = 0;
  const r = await skiff(['pull', `oci://127.0.0.1:${regPort}/ns/web`, '--version', '1.0.0', '--plain-http', '--username', 'alice', '--password', 'pw', '-d', tempDir()], { env: { ...env, SKIFF_HOME: tempDir() } });
  assert.is(r.code, 0, r.stderr);
  assert.ok(seen.token.some((t) => t.auth?.startsWith('Basic ')));
  assert.ok(seen.registry.some((s) => s.auth === 'Bearer T-user'));
  assert.ok(seen.registry.every((s) => !s.auth?.startsWith('Basic')), 'the password never goes to the registry itself in bearer mode');
  assert.ok(seen.storage.every((s) => s.auth === undefined));
  const bad = await skiff(['pull', `oci://127.0.0.1:${regPort}/ns/web`, '--version', '1.0.0', '--plain-http', '--username', 'alice', '--password', 'nope', '-d', tempDir()], { env: { ...env, SKIFF_HOME: tempDir() } });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /401 Unauthorized: bad credentials/);
  assert.match(bad.stderr, /skiff registry login 127\.0\.0\.1/);
});

test('an image is refused as not a Helm chart; a blob whose digest does not match and an oversized manifest are refused; nothing written', async () => {
  const cases: [string, RegExp][] = [
    ['ns/image', /is a container image, not a Helm chart/],
    ['ns/bad', /digest mismatch for blob sha256:[a-f0-9]{64}/],
    ['ns/huge', /larger than the limit of 4194304/],
  ];
  for (const [repo, msg] of cases) {
    const dest = tempDir('skiff-oci-pull-');
    const home = tempDir();
    const r = await skiff(['pull', `oci://127.0.0.1:${regPort}/${repo}`, '--version', '1.0.0', '--plain-http', '-d', dest], { env: { ...env, SKIFF_HOME: home } });
    assert.is(r.code, 1, repo);
    assert.match(r.stderr, msg, r.stderr);
    assert.equal(readdirSync(dest), [], repo);
    const i = await skiff(['template', 'x', `oci://127.0.0.1:${regPort}/${repo}`, '--version', '1.0.0', '--plain-http'], { env: { ...env, SKIFF_HOME: home } });
    assert.is(i.code, 1, repo);
  }
});

test('TLS: --ca-file works, no CA gives a TLS error with a hint, --insecure-skip-tls-verify works, --plain-http against HTTPS is named; an http token realm never gets an https registry\'s credentials', async () => {
  const reg = await startRegistry({ tls: true, users: {} });
  try {
    // The real registry over TLS, with its CA: works; without the CA: a TLS error with a hint; skip-verify: works.
    const dest = tempDir();
    const chart = await packagedChart(tempDir(), 'tlsweb', '1.0.0');
    let r = await skiff(['push', chart, `oci://${reg.host}/sec`, '--ca-file', reg.caFile!], { env });
    assert.is(r.code, 0, r.stderr);
    r = await skiff(['pull', `oci://${reg.host}/sec/tlsweb`, '-d', dest], { env });
    assert.is(r.code, 1);
    assert.match(r.stderr, /TLS error[^]*--ca-file/);
    r = await skiff(['pull', `oci://${reg.host}/sec/tlsweb`, '-d', dest, '--insecure-skip-tls-verify'], { env });
    assert.is(r.code, 0, r.stderr);
    r = await skiff(['pull', `oci://${reg.host}/sec/tlsweb`, '-d', tempDir(), '--plain-http', '--ca-file', reg.caFile!], { env });
    assert.is(r.code, 1);
    assert.match(r.stderr, /speaks HTTPS[^]*drop --plain-http/);
  } finally {
    await reg.stop();
  }
  // A registry on https whose challenge names an http realm: the credentials are not sent.
  const { RegistryTransport } = await import('../../src/oci/transport.js');
  const t = new RegistryTransport('127.0.0.1:1', { username: 'u', password: 'p' });
  const challenge = { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://evil.example/token"' }, body: Buffer.alloc(0), url: 'https://127.0.0.1:1/v2/' };
  (t as unknown as { sendRetrying: () => Promise<unknown> }).sendRetrying = async () => challenge;
  let err: Error | undefined;
  try {
    await t.send({ method: 'GET', url: '/v2/', scopes: [], what: 'test' });
  } catch (e) {
    err = e as Error;
  }
  assert.match(String(err?.message), /refusing to send the credentials for 127\.0\.0\.1:1 to the plain-HTTP token service http:\/\/evil\.example/);
  await t.close();
});

test('chunked upload and cross-repository mount against docker-registry', async () => {
  const reg = await startRegistry({ users: {} });
  try {
    const big = await packagedChart(tempDir(), 'bigweb', '1.0.0', { padBytes: 200_000 });
    const data = readFileSync(big);
    const meta = (await loadChartArchive(data, big)).metadata;
    const pushed = await pushOciChart(`oci://${reg.host}/one`, meta, data, undefined, { plainHttp: true, chunkSize: 64 * 1024 });
    assert.is(pushed.ref, `${reg.host}/one/bigweb:1.0.0`);
    const pulled = await pullOciChart(`oci://${reg.host}/one/bigweb:1.0.0`, { plainHttp: true, home: tempDir() });
    assert.equal(pulled.data, data);
    const client = new RegistryClient(reg.host, { plainHttp: true });
    try {
      assert.is(await client.pushBlob('two/bigweb', data, 'mount', 'one/bigweb'), 'mounted');
      assert.is(await client.pushBlob('two/bigweb', data, 'again'), 'exists');
    } finally {
      await client.close();
    }
  } finally {
    await reg.stop();
  }
});

test.run();
