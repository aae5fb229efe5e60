// genCA / genSignedCert / genSelfSignedCert / genPrivateKey / buildCustomCert
// and encryptAES / decryptAES: certificates that openssl and Node verify as a
// chain with the names asked for; AES that interoperates with Helm's Sprig
// both ways; and the webhook-certificate idiom through `skiff template`,
// i.e. inside the sandboxed render process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { helmBinary } from '../support/helm.js';
import { skiff, tempDir } from '../support/cli.js';
import { errorOf, one } from './helpers.js';
import { bcrypt, bcryptSalt } from '../../src/render/bcrypt.js';

const work = tempDir('skiff-crypto-');
const pems = (t: string) => JSON.parse(t) as { ca: { Cert: string; Key: string }; leaf: { Cert: string; Key: string } };

function opensslVerify(ca: string, cert: string): string {
  writeFileSync(join(work, 'ca.pem'), ca);
  writeFileSync(join(work, 'cert.pem'), cert);
  return execFileSync('openssl', ['verify', '-CAfile', join(work, 'ca.pem'), join(work, 'cert.pem')], { encoding: 'utf8' });
}

test('genCA and genSignedCert make a chain openssl verifies, with the names, IPs and lifetime asked for', () => {
  const out = pems(one('{% set ca = genCA("skiff-ca", 30) %}{{ dict("ca", ca, "leaf", genSignedCert("web.prod.svc", ["10.0.0.7", "::1"], ["web.prod.svc", "web"], 10, ca)) | toJson }}'));
  const ca = new X509Certificate(out.ca.Cert);
  const leaf = new X509Certificate(out.leaf.Cert);
  assert.ok(ca.ca, 'CA bit set');
  assert.not.ok(leaf.ca);
  assert.is(ca.subject, 'CN=skiff-ca');
  assert.is(leaf.subject, 'CN=web.prod.svc');
  assert.is(leaf.issuer, 'CN=skiff-ca');
  assert.ok(leaf.checkIssued(ca) && leaf.verify(ca.publicKey), 'signed by the CA');
  assert.ok(leaf.checkPrivateKey(createPrivateKey(out.leaf.Key)) && ca.checkPrivateKey(createPrivateKey(out.ca.Key)), 'keys match');
  assert.match(out.ca.Key, /^-----BEGIN RSA PRIVATE KEY-----/);
  assert.is(leaf.subjectAltName, 'DNS:web.prod.svc, DNS:web, IP Address:10.0.0.7, IP Address:0:0:0:0:0:0:0:1');
  assert.ok(leaf.checkHost('web.prod.svc') && leaf.checkIP('10.0.0.7'));
  const days = (new Date(leaf.validTo).getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 9.9 && days <= 10, `valid for ${days} days`);
  assert.match(opensslVerify(out.ca.Cert, out.leaf.Cert), /cert\.pem: OK/);
  const ext = execFileSync('openssl', ['x509', '-in', join(work, 'cert.pem'), '-noout', '-ext', 'extendedKeyUsage,keyUsage,basicConstraints'], { encoding: 'utf8' });
  assert.match(ext, /TLS Web Server Authentication, TLS Web Client Authentication/);
  assert.match(ext, /Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
  assert.match(ext, /CA:FALSE/);
});

test('genSelfSignedCert, the ...WithKey forms with ecdsa and ed25519 keys, and buildCustomCert', () => {
  const self = pems(one('{{ dict("ca", genSelfSignedCert("me", null, ["me.local"], 5), "leaf", genSelfSignedCert("me", null, ["me.local"], 5)) | toJson }}')).ca;
  const c = new X509Certificate(self.Cert);
  assert.ok(c.verify(c.publicKey) && !c.ca);
  assert.is(c.subjectAltName, 'DNS:me.local');
  for (const typ of ['ecdsa', 'ed25519']) {
    const out = pems(one(`{% set k = genPrivateKey("${typ}") %}{% set ca = genCAWithKey("k-ca", 3, k) %}{{ dict("ca", ca, "leaf", genSignedCertWithKey("leaf", null, null, 3, ca, genPrivateKey("${typ}"))) | toJson }}`));
    assert.match(opensslVerify(out.ca.Cert, out.leaf.Cert), /OK/, typ);
    assert.is(createPrivateKey(out.ca.Key).asymmetricKeyType, typ === 'ecdsa' ? 'ec' : 'ed25519');
  }
  assert.match(one('{{ genPrivateKey("ecdsa") }}'), /^-----BEGIN EC PRIVATE KEY-----/);
  assert.match(one('{{ genPrivateKey("ed25519") }}'), /^-----BEGIN PRIVATE KEY-----/);
  assert.is(one('{{ genPrivateKey("nope") }}'), 'Unknown type nope');
  const rebuilt = one('{% set c = buildCustomCert(Values.c | b64enc, Values.k | b64enc) %}{{ c.Cert == Values.c }} {{ c.Key == Values.k }}', { c: self.Cert, k: self.Key });
  assert.is(rebuilt, 'true true');
  assert.match(errorOf(() => one('{{ buildCustomCert("bm90IGEgY2VydA==", "eA==") }}')).message, /buildCustomCert: error parsing certificate/);
  assert.match(errorOf(() => one('{{ genSignedCert("x", null, null, 1, dict()) }}')).message, /genSignedCert: the CA must be a certificate/);
  assert.match(errorOf(() => one('{{ genSelfSignedCert("x", ["not-an-ip"], null, 1) }}')).message, /error parsing ip: not-an-ip/);
});

test('encryptAES and decryptAES interoperate with Helm both ways', () => {
  const dir = join(work, 'aes');
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  const ours = one('{{ "the plain text, with ünïcode" | encryptAES("s3cret") }}');
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'values.yaml'), JSON.stringify({ ours }));
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), 'fromHelm: {{ "helm plain text" | encryptAES "s3cret" | quote }}\ndecrypted: {{ .Values.ours | decryptAES "s3cret" | quote }}\n');
  const r = spawnSync(helmBinary(), ['template', 'r', join(dir, 'c')], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const doc = parse(r.stdout.replace(/^---.*\n# Source.*\n/, '')) as { fromHelm: string; decrypted: string };
  assert.is(doc.decrypted, 'the plain text, with ünïcode');
  assert.is(one('{{ Values.h | decryptAES("s3cret") }}', { h: doc.fromHelm }), 'helm plain text');
  assert.is(one('{{ "" | encryptAES("k") }}'), '');
  assert.match(errorOf(() => one('{{ "abc" | decryptAES("k") }}')).message, /decryptAES/);
});

test('bcrypt matches reference hashes (libxcrypt) and checks Helm\'s htpasswd output; htpasswd as Sprig', () => {
  // Computed with libxcrypt's crypt(3): cost 10, empty password, 72-byte cut-off, UTF-8.
  assert.is(bcrypt('password', bcryptSalt('abcdefghijklmnopqrstuu'), 10), '$2a$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK');
  assert.is(bcrypt('', bcryptSalt('abcdefghijklmnopqrstuu'), 4), '$2a$04$abcdefghijklmnopqrstuubyCG3zY1GIXMyxfivm.ClDiInHzxjiq');
  assert.is(bcrypt('x'.repeat(80), bcryptSalt('ABCDEFGHIJKLMNOPQRSTUu'), 5), '$2a$05$ABCDEFGHIJKLMNOPQRSTUuwfsLgzhX2zZ8kF927J76YsBRMf4bT26');
  assert.is(bcrypt('pässwörd', bcryptSalt('0123456789abcdefghijkO'), 6), '$2a$06$0123456789abcdefghijkOxqLfre/tux3CL.Hz1dvrkBcXGDd17SC');
  // Helm's own htpasswd: recomputing its hash from its salt gives the same hash.
  const dir = join(work, 'htpasswd');
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), 'a: {{ htpasswd "admin" "s3cr3t pass" | quote }}\nb: {{ htpasswd "us:er" "x" | quote }}\n');
  const r = spawnSync(helmBinary(), ['template', 'r', join(dir, 'c')], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const helm = parse(r.stdout.replace(/^---.*\n# Source.*\n/, '')) as { a: string; b: string };
  const [, hash] = helm.a.split(':') as [string, string];
  assert.is(bcrypt('s3cr3t pass', bcryptSalt(hash.slice(7, 29)), 10), hash);
  const ours = one('{{ htpasswd("admin", "s3cr3t pass") }}');
  assert.match(ours, /^admin:\$2a\$10\$[./A-Za-z0-9]{53}$/);
  const mine = ours.slice('admin:'.length);
  assert.is(bcrypt('s3cr3t pass', bcryptSalt(mine.slice(7, 29)), 10), mine);
  assert.is(one('{{ htpasswd("us:er", "x") }}'), helm.b);
});

test('the webhook certificate idiom renders in the sandboxed render process', async () => {
  const dir = join(work, 'hook');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: hook\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'templates', 'secret.yaml'), [
    '{% set svc = Release.Name ~ "-webhook." ~ Release.Namespace ~ ".svc" %}',
    '{% set ca = genCA(Release.Name ~ "-ca", 365) %}',
    '{% set cert = genSignedCert(svc, null, [svc], 365, ca) %}',
    'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: {{ Release.Name }}-tls', 'type: kubernetes.io/tls', 'data:',
    '  ca.crt: {{ ca.Cert | b64enc }}', '  auth: {{ htpasswd("admin", "pw") | b64enc }}', '  tls.crt: {{ cert.Cert | b64enc }}', '  tls.key: {{ cert.Key | b64enc }}', '',
  ].join('\n'));
  const r = await skiff(['template', 'rel', dir, '-n', 'prod']);
  assert.is(r.code, 0, r.stderr);
  const secret = parseAllDocuments(r.stdout).map((d) => d.toJS()).find((d) => d?.kind === 'Secret') as { data: Record<string, string> };
  const pem = (k: string) => Buffer.from(secret.data[k]!, 'base64').toString('utf8');
  const leaf = new X509Certificate(pem('tls.crt'));
  assert.ok(leaf.checkHost('rel-webhook.prod.svc'));
  assert.match(opensslVerify(pem('ca.crt'), pem('tls.crt')), /OK/);
  assert.ok(leaf.checkPrivateKey(createPrivateKey(pem('tls.key'))));
  const auth = pem('auth');
  assert.is(bcrypt('pw', bcryptSalt(auth.slice(13, 35)), 10), auth.slice(6));
});

test.run();
