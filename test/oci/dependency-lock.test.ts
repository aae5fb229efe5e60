// Chart.lock and oci:// dependencies against a real registry: `dependency
// update` writes the lock Helm 3.17 and 4.1 write (no per-dependency digest:
// Helm records none), and `dependency build` checks a manifest digest pinned
// by hand on a locked oci:// entry — a lock Helm reads too — refusing with
// nothing written when the tag has moved to other content.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary, helmBinary } from '../support/helm.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { isolatedEnv, packagedChart } from './helpers.js';

let reg: TestRegistry;
let env: Record<string, string>;
let work: string;
let digest1: string;

const app = (name: string, repository: string) => {
  const dir = join(work, name, 'app');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: web\n    version: "^1.0"\n    repository: ${repository}\n`);
  writeFileSync(join(dir, 'templates', 'x.yaml'), 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n');
  return dir;
};
const lockOf = (dir: string) => readFileSync(join(dir, 'Chart.lock'), 'utf8');
const pin = (dir: string, digest: string) => writeFileSync(join(dir, 'Chart.lock'), lockOf(dir).replace(/(  version: 1\.0\.0\n)/, `$1  digest: ${digest}\n`));

test.before(async () => {
  reg = await startRegistry();
  env = isolatedEnv();
  work = tempDir('skiff-oci-lock-');
  const login = await skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], { env, input: 'secret-pw' });
  assert.is(login.code, 0, login.stderr);
  const push = await skiff(['push', await packagedChart(join(work, 'v1'), 'web', '1.0.0'), `oci://${reg.host}/charts`, '--plain-http'], { env });
  assert.is(push.code, 0, push.stderr);
  digest1 = /Digest: (sha256:[a-f0-9]{64})/.exec(push.stderr)![1]!;
});
test.after(async () => reg?.stop());

test('dependency update writes the Chart.lock Helm 3 and Helm 4 write: no per-dependency digest', async () => {
  const repo = `oci://${reg.host}/charts`;
  const dirs = { skiff: app('skiff', repo), helm3: app('helm3', repo), helm4: app('helm4', repo) };
  const s = await skiff(['dependency', 'update', dirs.skiff, '--plain-http'], { env });
  assert.is(s.code, 0, s.stderr);
  for (const [bin, dir] of [[helmBinary(), dirs.helm3], [helm4Binary(), dirs.helm4]] as const) {
    const h = await run(bin, ['dependency', 'update', dir, '--plain-http'], { env });
    assert.is(h.code, 0, h.stderr);
    assert.is(lockOf(dirs.skiff).replace(/generated: .*\n/, ''), lockOf(dir).replace(/generated: .*\n/, ''));
  }
  assert.is(lockOf(dirs.skiff).match(/digest:/g)!.length, 1, 'only the digest of Chart.yaml and the lock');
});

test('a digest pinned on a locked oci:// dependency is checked by dependency build; Helm reads the same lock', async () => {
  const dir = app('pinned', `oci://${reg.host}/charts`);
  assert.is((await skiff(['dependency', 'update', dir, '--plain-http'], { env })).code, 0);
  pin(dir, digest1);
  rmSync(join(dir, 'charts'), { recursive: true });
  const b = await skiff(['dependency', 'build', dir, '--plain-http'], { env });
  assert.is(b.code, 0, b.stderr);
  assert.equal(readdirSync(join(dir, 'charts')), ['web-1.0.0.tgz']);
  const h = await run(helm4Binary(), ['dependency', 'build', dir, '--plain-http'], { env });
  assert.is(h.code, 0, `Helm ignores the pin: ${h.stderr}`);

  // The tag moves to other content: the pin refuses it and charts/ keeps what it had.
  const before = readFileSync(join(dir, 'charts', 'web-1.0.0.tgz'));
  const moved = await skiff(['push', await packagedChart(join(work, 'v1b'), 'web', '1.0.0', { appVersion: '9.9' }), `oci://${reg.host}/charts`, '--plain-http'], { env });
  assert.is(moved.code, 0, moved.stderr);
  const newDigest = /Digest: (sha256:[a-f0-9]{64})/.exec(moved.stderr)![1]!;
  const bad = await skiff(['dependency', 'build', dir, '--plain-http'], { env });
  assert.is(bad.code, 1, bad.stderr);
  assert.match(bad.stderr, `dependency "web": digest mismatch for oci://${reg.host}/charts/web@${digest1}: tag 1.0.0 is ${newDigest}, not ${digest1} (the digest pinned in Chart.lock)`);
  assert.ok(readFileSync(join(dir, 'charts', 'web-1.0.0.tgz')).equals(before), 'nothing written');
});

test('a malformed pin names Chart.lock and the line; a pin on a non-OCI dependency is refused', async () => {
  const dir = app('malformed', `oci://${reg.host}/charts`);
  assert.is((await skiff(['dependency', 'update', dir, '--plain-http'], { env })).code, 0);
  pin(dir, 'sha256:abc');
  const r = await skiff(['dependency', 'build', dir, '--plain-http'], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /Chart\.lock:\d+(:\d+)?: digest of dependency "web" must be sha256:<64 lower-case hex digits>, got "sha256:abc"/);

  const local = join(work, 'local');
  await packagedChart(local, 'web', '1.0.0');
  const fdir = app('filedep', `file://${join(local, 'src', 'web-1.0.0', 'web')}`);
  assert.is((await skiff(['dependency', 'update', fdir], { env })).code, 0);
  pin(fdir, digest1);
  const f = await skiff(['dependency', 'build', fdir], { env });
  assert.is(f.code, 1);
  assert.match(f.stderr, 'only oci:// dependencies can be pinned by manifest digest');
});

test.run();
