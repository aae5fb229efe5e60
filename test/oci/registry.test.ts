// skiff against a real registry (Debian's docker-registry, distribution 2.8)
// started here with htpasswd auth: login, push, pull by tag, range and
// digest, the cache, and the errors a user can act on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { skiff, tempDir } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { isolatedEnv, packagedChart } from './helpers.js';

let reg: TestRegistry;
let env: Record<string, string>;
let work: string;
let web1: string;

const sha = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

test.before(async () => {
  reg = await startRegistry();
  env = isolatedEnv();
  work = tempDir('skiff-oci-');
  web1 = await packagedChart(work, 'web', '1.0.0');
});
test.after(async () => {
  await reg?.stop();
});

test('push without login fails with the registry message and a login hint; nothing pushed', async () => {
  const r = await skiff(['push', web1, `oci://${reg.host}/charts`, '--plain-http'], { env });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /401 Unauthorized: authentication required \(basic credentials for realm "skiff-test"\)/);
  assert.match(r.stderr, new RegExp(`skiff registry login ${reg.host.replace('.', '\\.')}`));
  assert.not.ok(existsSync(join(reg.dir, 'data/docker/registry/v2/repositories/charts')));
});

test('registry login with a wrong password is refused and nothing is stored', async () => {
  const r = await skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], { env, input: 'wrong\n' });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /401 Unauthorized/);
  assert.not.ok(existsSync(env.HELM_REGISTRY_CONFIG!));
});

test('registry login stores Docker config.json credentials at Helm\'s path', async () => {
  const r = await skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], { env, input: 'secret-pw\n' });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Login Succeeded/);
  const cfg = JSON.parse(readFileSync(env.HELM_REGISTRY_CONFIG!, 'utf8'));
  assert.is(Buffer.from(cfg.auths[reg.host].auth, 'base64').toString(), 'skiff:secret-pw');
});

test('push prints Pushed/Digest; the manifest is a Helm chart manifest; pull by tag gets the same bytes', async () => {
  const r = await skiff(['push', web1, `oci://${reg.host}/charts`, '--plain-http'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`Pushed: ${reg.host.replace('.', '\\.')}/charts/web:1.0.0\\nDigest: sha256:[a-f0-9]{64}`));
  const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(r.stderr)![1]!;
  const dest = tempDir('skiff-oci-pull-');
  const p = await skiff(['pull', `oci://${reg.host}/charts/web`, '--version', '1.0.0', '--plain-http', '-d', dest], { env });
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stderr, `Digest: ${digest}`);
  assert.equal(readFileSync(join(dest, 'web-1.0.0.tgz')), readFileSync(web1));
  // The registry's own view: the manifest under the tag has Helm's media types.
  const link = readFileSync(join(reg.dir, 'data/docker/registry/v2/repositories/charts/web/_manifests/tags/1.0.0/current/link'), 'utf8');
  assert.is(link, digest);
});

test('--version ranges pick the highest matching strict-SemVer tag; + maps to _; --devel; --untar', async () => {
  for (const v of ['1.2.0', '1.10.0+build.5', '2.0.0-rc.1', '2.0.0']) {
    const r = await skiff(['push', await packagedChart(work, 'web', v), `oci://${reg.host}/charts`, '--plain-http'], { env });
    assert.is(r.code, 0, r.stderr);
  }
  const dest = tempDir('skiff-oci-pull-');
  let p = await skiff(['pull', `oci://${reg.host}/charts/web`, '--version', '^1.0', '--plain-http', '-d', dest], { env });
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stderr, /charts\/web:1\.10\.0_build\.5/);
  assert.ok(existsSync(join(dest, 'web-1.10.0+build.5.tgz')), readdirSync(dest).join(','));
  p = await skiff(['pull', `oci://${reg.host}/charts/web`, '--plain-http', '-d', dest, '--untar'], { env });
  assert.is(p.code, 0, p.stderr);
  assert.match(readFileSync(join(dest, 'web', 'Chart.yaml'), 'utf8'), /version: 2\.0\.0\n/);
  const t = await skiff(['template', 'rel', `oci://${reg.host}/charts/web`, '--version', '>=2.0.0-0 <2.0.0', '--devel', '--plain-http'], { env });
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /version: "2\.0\.0-rc\.1"/);
  const s = await skiff(['show', 'chart', `oci://${reg.host}/charts/web:1.2.0`, '--plain-http'], { env });
  assert.is(s.code, 0, s.stderr);
  assert.match(s.stdout, /name: web\nversion: 1\.2\.0/);
});

test('pull by digest is checked; a digest the registry does not have fails; tag and digest must agree', async () => {
  const data = readFileSync(web1);
  const push = await skiff(['push', web1, `oci://${reg.host}/charts`, '--plain-http'], { env });
  const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(push.stderr)![1]!;
  const dest = tempDir('skiff-oci-pull-');
  let p = await skiff(['pull', `oci://${reg.host}/charts/web@${digest}`, '--plain-http', '-d', dest], { env });
  assert.is(p.code, 0, p.stderr);
  assert.equal(sha(readFileSync(join(dest, 'web-1.0.0.tgz'))), sha(data));
  p = await skiff(['pull', `oci://${reg.host}/charts/web@${digest}`, '--version', '1.2.0', '--plain-http', '-d', tempDir()], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, /digest mismatch .*tag 1\.2\.0 is sha256:[a-f0-9]{64}, not sha256:/);
  const other = 'sha256:' + 'b'.repeat(64);
  const d2 = tempDir('skiff-oci-pull-');
  p = await skiff(['pull', `oci://${reg.host}/charts/web@${other}`, '--plain-http', '-d', d2], { env: { ...env, SKIFF_HOME: tempDir() } });
  assert.is(p.code, 1);
  assert.match(p.stderr, /not found/);
  assert.equal(readdirSync(d2), []);
});

test('a missing tag names the nearest versions; no match for a range names them too; nothing written', async () => {
  const dest = tempDir('skiff-oci-pull-');
  let p = await skiff(['pull', `oci://${reg.host}/charts/web`, '--version', '1.3.0', '--plain-http', '-d', dest], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, /not found: .*charts\/web:1\.3\.0; nearest versions: .*1\.2\.0/);
  p = await skiff(['pull', `oci://${reg.host}/charts/web`, '--version', '^3.0', '--plain-http', '-d', dest], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, /no version matching "\^3\.0"; nearest versions: 2\.0\.0/);
  assert.equal(readdirSync(dest), []);
});

test('references with path traversal or a bad tag are refused before any request', async () => {
  for (const ref of [`oci://${reg.host}/charts/../web`, `oci://${reg.host}/charts/web:..%2f`, `oci://${reg.host}/charts/web:../../x`]) {
    const p = await skiff(['pull', ref, '--plain-http', '-d', tempDir()], { env });
    assert.is(p.code, 1, ref);
    assert.match(p.stderr, /invalid (repository name|tag)/, ref);
  }
});

test('an unknown host is named; HTTPS to a plain-HTTP registry gets a --plain-http hint', async () => {
  let p = await skiff(['pull', 'oci://no-such-host.invalid/charts/web', '--version', '1.0.0'], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, /unknown host: cannot resolve registry host "no-such-host\.invalid"/);
  p = await skiff(['pull', `oci://${reg.host}/charts/web`, '--version', '1.0.0'], { env });
  assert.is(p.code, 1);
  assert.match(p.stderr, /does not speak HTTPS[^]*--plain-http/);
});

test('dependency update resolves an oci:// range from the tag list and writes the Chart.lock Helm writes; build fetches the locked version', async () => {
  const { mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { run } = await import('../support/cli.js');
  const { helmBinary } = await import('../support/helm.js');
  const make = (dir: string) => {
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: web\n    version: "^1.0"\n    repository: oci://${reg.host}/charts\n`);
    writeFileSync(join(dir, 'templates', 'x.yaml'), 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n');
  };
  const mine = join(tempDir('skiff-oci-dep-'), 'app');
  const helms = join(tempDir('helm-oci-dep-'), 'app');
  make(mine);
  make(helms);
  const u = await skiff(['dependency', 'update', mine, '--plain-http'], { env });
  assert.is(u.code, 0, u.stderr);
  assert.equal(readdirSync(join(mine, 'charts')), ['web-1.10.0+build.5.tgz']);
  const h = await run(helmBinary(), ['dependency', 'update', helms, '--plain-http'], { env });
  assert.is(h.code, 0, h.stderr);
  const lock = (d: string) => readFileSync(join(d, 'Chart.lock'), 'utf8').replace(/generated: .*\n/, '');
  assert.is(lock(mine), lock(helms));
  assert.match(lock(mine), new RegExp(`repository: oci://${reg.host.replace('.', '\\.')}/charts\\n  version: 1\\.10\\.0\\+build\\.5`));
  rmSync(join(mine, 'charts'), { recursive: true });
  const b = await skiff(['dependency', 'build', mine, '--plain-http'], { env });
  assert.is(b.code, 0, b.stderr);
  assert.equal(readFileSync(join(mine, 'charts', 'web-1.10.0+build.5.tgz')), readFileSync(join(helms, 'charts', 'web-1.10.0+build.5.tgz')));
  writeFileSync(join(mine, 'Chart.yaml'), readFileSync(join(mine, 'Chart.yaml'), 'utf8').replace('^1.0', '^7.0'));
  const bad = await skiff(['dependency', 'update', mine, '--plain-http'], { env });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /dependency "web": .*no version matching "\^7\.0"; nearest versions: 2\.0\.0/);
});

test('lint takes an oci:// reference with --version', async () => {
  const r = await skiff(['lint', `oci://${reg.host}/charts/web`, '--version', '1.2.0', '--plain-http'], { env });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /==> Linting oci:\/\/127\.0\.0\.1:\d+\/charts\/web\n/);
  assert.match(r.stdout, /\[INFO\] Chart\.yaml: icon is recommended\n/);
  assert.match(r.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
});

test('logout removes the credentials; a second logout says not logged in', async () => {
  let r = await skiff(['registry', 'logout', reg.host], { env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /Removing login credentials for 127\.0\.0\.1/);
  assert.not.ok(JSON.parse(readFileSync(env.HELM_REGISTRY_CONFIG!, 'utf8')).auths[reg.host]);
  r = await skiff(['registry', 'logout', reg.host], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /not logged in to 127\.0\.0\.1/);
  r = await skiff(['registry', 'login', 'https://example.com/path', '-u', 'a', '-p', 'b'], { env });
  assert.is(r.code, 2);
  assert.match(r.stderr, /give only the host name/);
});

test('the cache: a chart pulled before renders by digest with the registry stopped', async () => {
  const home = env.SKIFF_HOME!;
  const blobs = join(home, 'cache', 'oci', 'blobs', 'sha256');
  const before = readdirSync(blobs).length;
  assert.ok(before >= 3);
  await reg.stop();
  // With the registry gone, a digest reference is still served from the cache.
  const push = readFileSync(join(reg.dir, 'data/docker/registry/v2/repositories/charts/web/_manifests/tags/1.0.0/current/link'), 'utf8');
  const t = await skiff(['template', 'rel', `oci://${reg.host}/charts/web@${push}`, '--plain-http'], { env });
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /version: "1\.0\.0"/);
});

test.run();
