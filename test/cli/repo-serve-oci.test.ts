// `skiff repo serve` as an OCI registry for real Helm 3.17 and Helm 4.1:
// registry login against its basic auth, push, pull and show over plain HTTP
// and over TLS, a chart pushed with one Helm pulled with the other, and the
// same charts visible through the classic index (skiff repo add / search) —
// and a chart uploaded the classic way pullable over OCI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageChart } from '../../src/chart/index.js';
import { helm4Binary, helmBinary, helmHomeEnv } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-serve-oci-');
const env = { SKIFF_HOME: join(work, 'home') };
const h3env = helmHomeEnv(join(work, 'helm3'));
const h4env = helmHomeEnv(join(work, 'helm4'));
const helm3 = (args: string[], input?: string) => run(helmBinary(), args, { env: h3env, cwd: work, input });
const helm4 = (args: string[], input?: string) => run(helm4Binary(), args, { env: h4env, cwd: work, input });
let plain: Served;
let tls: Served;
let host: string;

async function pkg(name: string, version: string, dest: string): Promise<string> {
  writeChart(join(work, 'src', `${name}-${version}`), name, version, { description: `${name} chart` });
  return (await packageChart(join(work, 'src', `${name}-${version}`, name), { destination: dest })).path;
}

test.before(async () => {
  mkdirSync(join(work, 'served'));
  plain = await serve(join(work, 'served'), ['--basic-auth', 'ci:t0ken']);
  host = new URL(plain.url).host;
});

test.after(async () => {
  await plain?.stop();
  await tls?.stop();
});

test('Helm 3 logs in and pushes, Helm 4 logs in, pulls and shows; the chart is in index.yaml and found by skiff search repo', async () => {
  const archive = await pkg('hello', '1.2.0', join(work, 'pkg'));
  const bad = await helm3(['registry', 'login', host, '--username', 'ci', '--password', 'wrong', '--insecure']);
  assert.is.not(bad.code, 0, 'a wrong password is refused');
  const login3 = await helm3(['registry', 'login', host, '--username', 'ci', '--password-stdin', '--insecure'], 't0ken');
  assert.is(login3.code, 0, login3.stderr);
  const push = await helm3(['push', archive, `oci://${host}/charts`, '--plain-http']);
  assert.is(push.code, 0, push.stderr);
  const digest = /Digest: (sha256:[0-9a-f]{64})/.exec(push.stderr + push.stdout)![1]!;

  const login4 = await helm4(['registry', 'login', host, '--username', 'ci', '--password-stdin', '--plain-http'], 't0ken');
  assert.is(login4.code, 0, login4.stderr);
  const dest = join(work, 'pulled4');
  mkdirSync(dest);
  const pull = await helm4(['pull', `oci://${host}/charts/hello`, '--version', '^1.0', '--plain-http', '-d', dest]);
  assert.is(pull.code, 0, pull.stderr);
  assert.match(pull.stderr + pull.stdout, `Digest: ${digest}`);
  assert.ok(readFileSync(join(dest, 'hello-1.2.0.tgz')).equals(readFileSync(archive)), 'the bytes pulled are the bytes pushed');
  const show = await helm4(['show', 'chart', `oci://${host}/charts/hello`, '--plain-http']);
  assert.is(show.code, 0, show.stderr);
  assert.match(show.stdout, 'name: hello');

  const index = parse(readFileSync(join(work, 'served', 'index.yaml'), 'utf8'));
  assert.is(index.entries.hello[0].version, '1.2.0');
  const add = await skiff(['repo', 'add', 'served', plain.url, '--username', 'ci', '--password', 't0ken'], { env });
  assert.is(add.code, 0, add.stderr);
  const search = await skiff(['search', 'repo', 'hello', '-o', 'json'], { env });
  assert.equal(JSON.parse(search.stdout), [{ name: 'served/hello', version: '1.2.0', app_version: '1.0', description: 'hello chart' }]);
});

test('Helm 4 pushes a newer version (a + in the version becomes _ in the tag); Helm 3 pulls it by range', async () => {
  const archive = await pkg('hello', '1.3.0+meta', join(work, 'pkg'));
  const push = await helm4(['push', archive, `oci://${host}/charts`, '--plain-http']);
  assert.is(push.code, 0, push.stderr);
  const tags = await fetch(`${plain.url}/v2/charts/hello/tags/list`, { headers: { authorization: 'Basic ' + Buffer.from('ci:t0ken').toString('base64') } });
  assert.equal(((await tags.json()) as { tags: string[] }).tags, ['1.2.0', '1.3.0_meta']);
  const dest = join(work, 'pulled3');
  mkdirSync(dest);
  const pull = await helm3(['pull', `oci://${host}/charts/hello`, '--version', '>1.2.0', '--plain-http', '-d', dest]);
  assert.is(pull.code, 0, pull.stderr);
  assert.ok(readFileSync(join(dest, 'hello-1.3.0+meta.tgz')).equals(readFileSync(archive)));
  const update = await skiff(['repo', 'update'], { env });
  assert.is(update.code, 0, update.stderr);
  const search = await skiff(['search', 'repo', 'hello', '-l', '-o', 'json'], { env });
  assert.equal(JSON.parse(search.stdout).map((r: { version: string }) => r.version), ['1.3.0+meta', '1.2.0']);
});

test('a chart uploaded the classic way (skiff push) is pullable over OCI by Helm', async () => {
  const archive = await pkg('classic', '0.4.0', join(work, 'pkg'));
  const up = await skiff(['push', archive, 'served'], { env });
  assert.is(up.code, 0, up.stderr);
  const dest = join(work, 'classic-pulled');
  mkdirSync(dest);
  for (const h of [helm3, helm4]) {
    const pull = await h(['pull', `oci://${host}/classic`, '--version', '0.4.0', '--plain-http', '-d', dest]);
    assert.is(pull.code, 0, pull.stderr);
    assert.ok(readFileSync(join(dest, 'classic-0.4.0.tgz')).equals(readFileSync(archive)));
  }
});

test('a container image pushed by a client is refused; the error reaches the user', async () => {
  const auth = { authorization: 'Basic ' + Buffer.from('ci:t0ken').toString('base64') };
  const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
  const { createHash } = await import('node:crypto');
  const digest = 'sha256:' + createHash('sha256').update(config).digest('hex');
  const up = await fetch(`${plain.url}/v2/images/app/blobs/uploads/?digest=${digest}`, { method: 'POST', body: config, headers: auth });
  assert.is(up.status, 201);
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length }, layers: [] });
  const put = await fetch(`${plain.url}/v2/images/app/manifests/latest`, { method: 'PUT', body: manifest, headers: { ...auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
  assert.is(put.status, 400);
  assert.match(await put.text(), 'is a container image, not a Helm chart');
});

test('over TLS with the same options: Helm logs in (tokens over HTTPS), pushes and pulls with --ca-file', async () => {
  const o = (args: string[]) => execFileSync('openssl', args, { cwd: work, stdio: 'pipe' });
  o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=skiff test CA']);
  o(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(work, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  o(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
  mkdirSync(join(work, 'served-tls'));
  tls = await serve(join(work, 'served-tls'), ['--tls-cert', join(work, 'server.pem'), '--tls-key', join(work, 'server.key'), '--basic-auth', 'ci:t0ken']);
  const tlsHost = new URL(tls.url).host;
  const archive = await pkg('secure', '2.0.0', join(work, 'pkg'));
  const ca = join(work, 'ca.pem');
  // The token realm is https:// too: Helm fetches its tokens over the same TLS.
  const login = await helm4(['registry', 'login', tlsHost, '--username', 'ci', '--password-stdin', '--ca-file', ca], 't0ken');
  assert.is(login.code, 0, login.stderr);
  const push = await helm4(['push', archive, `oci://${tlsHost}/charts`, '--ca-file', ca]);
  assert.is(push.code, 0, push.stderr);
  const dest = join(work, 'tls-pulled');
  mkdirSync(dest);
  // Helm 4 only: Helm 3 talks plain HTTP to any localhost registry, whatever the flags.
  const pull = await helm4(['pull', `oci://${tlsHost}/charts/secure`, '--version', '2.0.0', '--ca-file', ca, '-d', dest]);
  assert.is(pull.code, 0, pull.stderr);
  assert.ok(readFileSync(join(dest, 'secure-2.0.0.tgz')).equals(readFileSync(archive)));
  const noCa = await helm4(['pull', `oci://${tlsHost}/charts/secure`, '--version', '2.0.0', '-d', dest]);
  assert.is.not(noCa.code, 0, 'an untrusted certificate is refused');
});

test.run();
