// Basic auth and TLS: a repository served over HTTPS with a generated CA and
// USER:PASS; credentials come from the repository entry for add, update,
// pull and push, and missing ones are refused clearly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageChart } from '../../src/chart/index.js';
import { CLI, run, skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-repo-auth-');
const env = { SKIFF_HOME: join(work, 'home') };
const repoDir = join(work, 'repo');
const ca = join(work, 'ca.pem');
let server: Served;

function makeCerts(): { cert: string; key: string } {
  const o = (args: string[]) => execFileSync('openssl', args, { cwd: work, stdio: 'pipe' });
  o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=skiff test CA']);
  o(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(work, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  o(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
  return { cert: join(work, 'server.pem'), key: join(work, 'server.key') };
}

test.before(async () => {
  writeChart(join(work, 'src'), 'secret', '1.0.0');
  await packageChart(join(work, 'src', 'secret'), { destination: repoDir });
  const { cert, key } = makeCerts();
  server = await serve(repoDir, ['--basic-auth', 'alice:s3cret', '--tls-cert', cert, '--tls-key', key]);
});

test.after(async () => {
  await server?.stop();
});

test('serve prints an https URL on loopback', () => {
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test('an unknown CA is refused with a TLS hint; --insecure-skip-tls-verify gets as far as authentication', async () => {
  const r = await skiff(['repo', 'add', 'sec', server.url, '--username', 'alice', '--password', 's3cret'], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /TLS error talking to https:\/\/127\.0\.0\.1:\d+\/index\.yaml/);
  assert.match(r.stderr, /--ca-file/);
  const insecure = await skiff(['repo', 'add', 'sec', server.url, '--insecure-skip-tls-verify'], { env });
  assert.is(insecure.code, 1);
  assert.match(insecure.stderr, /401 Unauthorized/);
  assert.not.ok(existsSync(join(env.SKIFF_HOME, 'repositories.yaml')), 'nothing saved on failure');
});

test('with the CA and credentials (password from stdin) the repository works end to end', async () => {
  const add = await skiff(['repo', 'add', 'sec', server.url, '--username', 'alice', '--password-stdin', '--ca-file', ca], { env, input: 's3cret\n' });
  assert.is(add.code, 0, add.stderr);
  const rf = readFileSync(join(env.SKIFF_HOME, 'repositories.yaml'), 'utf8');
  assert.match(rf, /password: s3cret/);
  assert.match(rf, /username: alice/);
  const up = await skiff(['repo', 'update', 'sec'], { env });
  assert.match(up.stdout, /\.\.\.updated "sec" \(/);
  const d = join(work, 'out');
  const pull = await skiff(['pull', 'sec/secret', '-d', d], { env });
  assert.is(pull.code, 0, pull.stderr);
  assert.equal(readdirSync(d), ['secret-1.0.0.tgz']);
  writeChart(join(work, 'src2'), 'secret', '1.1.0');
  await packageChart(join(work, 'src2', 'secret'), { destination: join(work, 'pkg') });
  const push = await skiff(['push', join(work, 'pkg', 'secret-1.1.0.tgz'), 'sec'], { env });
  assert.is(push.code, 0, push.stderr);
  const pushNoCreds = await skiff(['push', join(work, 'pkg', 'secret-1.1.0.tgz'), server.url, '--ca-file', ca, '--username', 'bob', '--password', 'x'], { env });
  assert.is(pushNoCreds.code, 1);
  assert.match(pushNoCreds.stderr, /401/);
  assert.is((await skiff(['repo', 'update'], { env })).code, 0);
  const s = await skiff(['search', 'repo', 'secret', '-o', 'json'], { env });
  assert.is(JSON.parse(s.stdout)[0].version, '1.1.0');
});

test('NODE_EXTRA_CA_CERTS is trusted both through the skiff launcher (Node spared the parse at start-up) and through node dist/cli.js', async () => {
  const home = { SKIFF_HOME: join(work, 'home-extra-ca') };
  const creds = ['--username', 'alice', '--password', 's3cret'];
  const launched = await run(CLI, ['repo', 'add', 'viaenv', server.url, ...creds], { env: { ...home, NODE_EXTRA_CA_CERTS: ca } });
  assert.is(launched.code, 0, launched.stderr);
  const direct = await skiff(['repo', 'add', 'viaenv2', server.url, ...creds], { env: { ...home, NODE_EXTRA_CA_CERTS: ca } });
  assert.is(direct.code, 0, direct.stderr);
  const without = await run(CLI, ['repo', 'add', 'viaenv3', server.url, ...creds], { env: { ...home, NODE_EXTRA_CA_CERTS: undefined } });
  assert.is(without.code, 1);
  assert.match(without.stderr, /TLS error talking to/);
  const missing = await run(CLI, ['repo', 'add', 'viaenv4', server.url, ...creds], { env: { ...home, NODE_EXTRA_CA_CERTS: join(work, 'no-such.pem') } });
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /Warning: Ignoring extra certs from `.*no-such\.pem`, load failed/);
});

test.run();
