// Chart provenance with keys made by GnuPG: `skiff package --sign` writes a
// .prov that real Helm 3 and 4 verify, `skiff verify` accepts what
// `helm package --sign` writes, tampering is refused naming the key, and
// `--verify` on pull/install/upgrade checks before anything is rendered or written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary, helmBinary } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { serve, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-prov-');
const gnupg = join(work, 'gnupg');
const gpgEnv = { ...process.env, GNUPGHOME: gnupg };
const gpg = (args: string[]) => {
  const r = spawnSync('gpg', ['--batch', ...args], { env: gpgEnv });
  if (r.error) throw new Error(`gpg cannot run (${r.error.message}): the provenance tests need Debian's gnupg package (apt-get install gnupg; .ci/run installs it)`);
  if (r.status !== 0) throw new Error(`gpg ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const secring = join(work, 'secring.gpg');
const pubring = join(work, 'pubring.gpg');
const lockedRing = join(work, 'locked.gpg');
const strangerRing = join(work, 'stranger.gpg');
const env = { SKIFF_HOME: join(work, 'home'), HOME: join(work, 'home') };
let server: Served | undefined;

/** A Go-template chart whose rendering fails loudly: verification must stop before it. */
function writeChart(dir: string, name: string, version: string, renderFails = false): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(join(root, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\ndescription: Signed chart\nappVersion: "1.0"\nmaintainers:\n  - name: Ada\n    email: ada@example.com\n`);
  writeFileSync(join(root, 'values.yaml'), 'greeting: hello\n');
  const body = renderFails ? '{{ required "the chart was rendered" .Values.missing }}\n' : 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n';
  writeFileSync(join(root, 'templates', 'cm.yaml'), body);
  return root;
}

test.before(() => {
  mkdirSync(gnupg, { mode: 0o700 });
  // RSA keys, which Helm 3's OpenPGP library also reads.
  gpg(['--passphrase', '', '--quick-gen-key', 'Skiff Signer <signer@example.com>', 'rsa3072', 'sign', 'never']);
  gpg(['--passphrase', 'correct horse', '--pinentry-mode', 'loopback', '--quick-gen-key', 'Locked Signer <locked@example.com>', 'rsa2048', 'sign', 'never']);
  gpg(['--passphrase', '', '--quick-gen-key', 'Stranger <stranger@example.com>', 'rsa2048', 'sign', 'never']);
  writeFileSync(secring, gpg(['--export-secret-keys', 'signer@example.com']));
  writeFileSync(pubring, gpg(['--export', 'signer@example.com', 'locked@example.com']));
  writeFileSync(lockedRing, gpg(['--pinentry-mode', 'loopback', '--passphrase', 'correct horse', '--export-secret-keys', 'locked@example.com']));
  writeFileSync(strangerRing, gpg(['--export', 'stranger@example.com']));
  writeChart(join(work, 'src'), 'signed', '1.2.3+build.7');
  writeChart(join(work, 'src'), 'loud', '0.1.0', true);
});

test.after(async () => {
  await server?.stop();
  // The --dry-run installs start the embedded cluster under this home: stop it.
  await skiff(['cluster', 'stop'], { env });
  spawnSync('gpgconf', ['--kill', 'all'], { env: gpgEnv });
});

const fingerprint = () => /fpr:{9}([0-9A-F]{40}):/.exec(gpg(['--with-colons', '--fingerprint', 'signer@example.com']).toString())![1]!;

test('skiff package --sign writes a .prov that Helm 3 and Helm 4 verify', async () => {
  const out = join(work, 'skiff-signed');
  const r = await skiff(['package', '--sign', '--key', 'Skiff Signer', '--keyring', secring, join(work, 'src', 'signed'), '-d', out], { env });
  assert.is(r.code, 0, r.stderr);
  const archive = join(out, 'signed-1.2.3+build.7.tgz');
  const prov = readFileSync(`${archive}.prov`, 'utf8');
  // The signed text is Helm's: Chart.yaml with sorted keys (a "-" line dash-escaped by clear-signing), "...", the files block.
  assert.match(prov, /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\napiVersion: v2\nappVersion: "1.0"\ndescription: Signed chart\nmaintainers:\n- - email: ada@example.com\n  name: Ada\nname: signed\nversion: 1.2.3\+build.7\n\n\.\.\.\nfiles:\n  signed-1\.2\.3\+build\.7\.tgz: sha256:[0-9a-f]{64}\n-----BEGIN PGP SIGNATURE-----\n/);
  const helmDir = join(work, 'helm-same');
  mkdirSync(helmDir);
  const hp = await run(helmBinary(), ['package', '--sign', '--key', 'signer@example.com', '--keyring', secring, join(work, 'src', 'signed'), '-d', helmDir]);
  assert.is(hp.code, 0, hp.stderr);
  const block = (t: string) => t.slice(0, t.indexOf('files:'));
  assert.is(block(prov), block(readFileSync(join(helmDir, 'signed-1.2.3+build.7.tgz.prov'), 'utf8')));
  for (const bin of [helmBinary(), helm4Binary()]) {
    const v = await run(bin, ['verify', archive, '--keyring', pubring]);
    assert.is(v.code, 0, `${bin}: ${v.stderr}`);
    assert.match(v.stdout, `Signed by: Skiff Signer <signer@example.com>\nUsing Key With Fingerprint: ${fingerprint()}\nChart Hash Verified: sha256:`);
  }
  const mine = await skiff(['verify', archive, '--keyring', pubring], { env });
  assert.is(mine.code, 0, mine.stderr);
  const helms = await run(helmBinary(), ['verify', archive, '--keyring', pubring]);
  assert.is(mine.stdout.trim(), helms.stdout.trim());
});

test('skiff verify accepts charts signed by helm package --sign, with a binary, armoured or keybox keyring', async () => {
  const out = join(work, 'helm-signed');
  mkdirSync(out);
  const h = await run(helmBinary(), ['package', '--sign', '--key', 'signer@example.com', '--keyring', secring, join(work, 'src', 'signed'), '-d', out]);
  assert.is(h.code, 0, h.stderr);
  const archive = join(out, 'signed-1.2.3+build.7.tgz');
  const armoured = join(work, 'pub.asc');
  writeFileSync(armoured, gpg(['--armor', '--export', 'signer@example.com']));
  for (const ring of [pubring, armoured, join(gnupg, 'pubring.kbx')]) {
    const v = await skiff(['verify', archive, '--keyring', ring], { env });
    assert.is(v.code, 0, `${ring}: ${v.stderr}`);
    assert.match(v.stdout, /^Signed by: Skiff Signer <signer@example.com>\nUsing Key With Fingerprint: [0-9A-F]{40}\nChart Hash Verified: sha256:[0-9a-f]{64}\n$/);
  }
  // GNUPGHOME selects the default keyring, as for Helm.
  const byDefault = await skiff(['verify', archive], { env: { ...env, GNUPGHOME: work } });
  assert.is(byDefault.code, 0, byDefault.stderr);
});

test('a tampered .prov, a changed archive and an unknown signer are refused naming the key', async () => {
  const dir = join(work, 'tamper');
  const r = await skiff(['package', '--sign', '--key', 'signer@', '--keyring', secring, join(work, 'src', 'signed'), '-d', dir], { env });
  assert.is(r.code, 0, r.stderr);
  const archive = join(dir, 'signed-1.2.3+build.7.tgz');
  const original = readFileSync(`${archive}.prov`, 'utf8');

  writeFileSync(`${archive}.prov`, original.replace('description: Signed chart', 'description: Signed chart!'));
  let v = await skiff(['verify', archive, '--keyring', pubring], { env });
  assert.is(v.code, 1);
  assert.match(v.stderr, /Error: the signature in .*signed-1\.2\.3\+build\.7\.tgz\.prov by Skiff Signer <signer@example.com> \([0-9A-F]{40}\) does not match its content/);
  const helmToo = await run(helmBinary(), ['verify', archive, '--keyring', pubring]);
  assert.is.not(helmToo.code, 0);

  writeFileSync(`${archive}.prov`, original);
  const bytes = readFileSync(archive);
  writeFileSync(archive, Buffer.concat([bytes, Buffer.from([0])]));
  v = await skiff(['verify', archive, '--keyring', pubring], { env });
  assert.is(v.code, 1);
  assert.match(v.stderr, /Error: sha256 sum does not match for signed-1\.2\.3\+build\.7\.tgz: .* says sha256:[0-9a-f]{64} but the archive is sha256:[0-9a-f]{64}/);
  writeFileSync(archive, bytes);

  v = await skiff(['verify', archive, '--keyring', strangerRing], { env });
  assert.is(v.code, 1);
  const keyId = fingerprint().slice(-16);
  assert.match(v.stderr, `is signed by key ${keyId}, which is not in the keyring ${strangerRing}`);

  v = await skiff(['verify', join(work, 'src', 'signed'), '--keyring', pubring], { env });
  assert.is(v.code, 1);
  assert.match(v.stderr, /unpacked charts cannot be verified/);
});

test('an ed25519 key (GnuPG 2.4\'s default): signed by skiff, verified by Helm 4; signed by Helm 4, verified by skiff', async () => {
  // A GnuPG home of its own, as a user with only this key would have.
  const edHome = join(work, 'gnupg-ed');
  mkdirSync(edHome, { mode: 0o700 });
  const gpgEd = (args: string[]) => {
    const r = spawnSync('gpg', ['--batch', ...args], { env: { ...process.env, GNUPGHOME: edHome } });
    if (r.status !== 0) throw new Error(`gpg ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  gpgEd(['--passphrase', '', '--quick-gen-key', 'Edwards <ed@example.com>', 'ed25519', 'sign', 'never']);
  const edSecret = join(work, 'ed-secring.gpg');
  const edPublic = join(work, 'ed-pubring.gpg');
  writeFileSync(edSecret, gpgEd(['--export-secret-keys', 'ed@example.com']));
  writeFileSync(edPublic, gpgEd(['--export', 'ed@example.com']));
  spawnSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: edHome } });
  const mine = join(work, 'ed-skiff');
  const r = await skiff(['package', '--sign', '--key', 'Edwards', '--keyring', edSecret, join(work, 'src', 'signed'), '-d', mine], { env });
  assert.is(r.code, 0, r.stderr);
  const v4 = await run(helm4Binary(), ['verify', join(mine, 'signed-1.2.3+build.7.tgz'), '--keyring', edPublic]);
  assert.is(v4.code, 0, v4.stderr);
  assert.match(v4.stdout, 'Signed by: Edwards <ed@example.com>');
  const theirs = join(work, 'ed-helm');
  mkdirSync(theirs);
  const h = await run(helm4Binary(), ['package', '--sign', '--key', 'Edwards', '--keyring', edSecret, join(work, 'src', 'signed'), '-d', theirs]);
  assert.is(h.code, 0, h.stderr);
  const v = await skiff(['verify', join(theirs, 'signed-1.2.3+build.7.tgz'), '--keyring', edPublic], { env });
  assert.is(v.code, 0, v.stderr);
  assert.match(v.stdout, 'Signed by: Edwards <ed@example.com>');
});

test('signing with a protected key needs its passphrase; a failure writes no archive', async () => {
  const dir = join(work, 'locked');
  const chart = join(work, 'src', 'signed');
  let r = await skiff(['package', '--sign', '--key', 'Locked', '--keyring', lockedRing, chart, '-d', dir], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /the key Locked Signer <locked@example.com> \([0-9A-F]{40}\) is protected by a passphrase/);
  assert.not.ok(existsSync(dir), 'nothing is written when the key cannot be unlocked');
  const wrong = join(work, 'wrong-pass');
  writeFileSync(wrong, 'battery staple\n');
  r = await skiff(['package', '--sign', '--key', 'Locked', '--keyring', lockedRing, '--passphrase-file', wrong, chart, '-d', dir], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /cannot unlock the key Locked Signer/);
  r = await skiff(['package', '--sign', '--key', 'Nobody', '--keyring', secring, chart, '-d', dir], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /no key in .*secring\.gpg has a user ID containing "Nobody"/);
  r = await skiff(['package', '--sign', '--key', 'Skiff', '--keyring', pubring, chart, '-d', dir], { env });
  assert.match(r.stderr, /is a public key: signing needs its secret key/);
  assert.not.ok(existsSync(dir));
  r = await skiff(['package', '--sign', '--key', 'Locked', '--keyring', lockedRing, '--passphrase-file', '-', chart, '-d', dir], { env, input: 'correct horse\n' });
  assert.is(r.code, 0, r.stderr);
  const v = await run(helm4Binary(), ['verify', join(dir, 'signed-1.2.3+build.7.tgz'), '--keyring', pubring]);
  assert.is(v.code, 0, v.stderr);
  assert.match(v.stdout, 'Signed by: Locked Signer <locked@example.com>');
});

test('--verify on pull, install and upgrade checks the provenance before anything is written or rendered', async () => {
  const repo = join(work, 'repo');
  mkdirSync(repo);
  let r = await skiff(['package', '--sign', '--key', 'Skiff Signer', '--keyring', secring, join(work, 'src', 'signed'), join(work, 'src', 'loud'), '-d', repo], { env });
  assert.is(r.code, 0, r.stderr);
  server = await serve(repo);
  r = await skiff(['repo', 'add', 'signed', server.url], { env });
  assert.is(r.code, 0, r.stderr);

  const dest = join(work, 'pulled');
  r = await skiff(['pull', 'signed/signed', '--verify', '--keyring', pubring, '-d', dest], { env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Signed by: Skiff Signer <signer@example.com>\nUsing Key With Fingerprint: [0-9A-F]{40}\nChart Hash Verified: sha256:/);
  assert.equal(readdirSync(dest).sort(), ['signed-1.2.3+build.7.tgz', 'signed-1.2.3+build.7.tgz.prov']);
  // Helm pulls and verifies the same chart from the same server.
  const helmEnv = { HELM_CONFIG_HOME: join(work, 'helm', 'config'), HELM_CACHE_HOME: join(work, 'helm', 'cache'), HELM_DATA_HOME: join(work, 'helm', 'data') };
  const hd = join(work, 'helm-pulled');
  mkdirSync(hd);
  const hp = await run(helmBinary(), ['pull', 'signed', '--repo', server.url, '--verify', '--keyring', pubring, '-d', hd], { env: helmEnv });
  assert.is(hp.code, 0, hp.stderr);

  // An unknown key: refused, nothing written.
  const refused = join(work, 'refused');
  r = await skiff(['pull', 'signed/signed', '--verify', '--keyring', strangerRing, '-d', refused], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /is signed by key [0-9A-F]{16}, which is not in the keyring/);
  assert.not.ok(existsSync(refused));

  // The loud chart fails when rendered: with a tampered .prov, the provenance error comes first.
  const loud = join(repo, 'loud-0.1.0.tgz');
  const prov = readFileSync(`${loud}.prov`, 'utf8');
  writeFileSync(`${loud}.prov`, prov.replace('description: Signed chart', 'description: Trust me'));
  for (const args of [
    ['install', 'rel', 'signed/loud', '--dry-run'],
    ['upgrade', '--install', 'rel', 'signed/loud', '--dry-run'],
    ['template', 'rel', 'signed/loud'],
  ]) {
    const verified = args[0] === 'template' ? [] : ['--verify', '--keyring', pubring];
    r = await skiff([...args, ...verified], { env });
    assert.is(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    if (args[0] === 'template') assert.match(r.stderr, /the chart was rendered/);
    else assert.match(r.stderr, /the signature in the provenance of .*loud-0\.1\.0\.tgz by Skiff Signer <signer@example.com> .* does not match its content/);
  }
  // A local archive: its .prov is read from next to it.
  const local = join(work, 'local');
  mkdirSync(local);
  copyFileSync(loud, join(local, 'loud-0.1.0.tgz'));
  r = await skiff(['install', 'rel', join(local, 'loud-0.1.0.tgz'), '--dry-run', '--verify', '--keyring', pubring], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /could not load provenance file .*loud-0\.1\.0\.tgz\.prov/);
  copyFileSync(`${loud}.prov`, join(local, 'loud-0.1.0.tgz.prov'));
  r = await skiff(['install', 'rel', join(local, 'loud-0.1.0.tgz'), '--dry-run', '--verify', '--keyring', pubring], { env });
  assert.match(r.stderr, /does not match its content/);
  writeFileSync(join(local, 'loud-0.1.0.tgz.prov'), prov);
  r = await skiff(['install', 'rel', join(local, 'loud-0.1.0.tgz'), '--dry-run', '--verify', '--keyring', pubring], { env });
  assert.match(r.stderr, /the chart was rendered/, 'a valid signature lets the chart render');
});

test.run();
