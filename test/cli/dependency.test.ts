// dependency update/build/list: SemVer ranges resolved against a served
// repository (by URL without adding it, and by @name), file:// paths,
// Chart.lock with Helm's digest (checked against the real Helm), vendoring
// that replaces older archives, and the out-of-sync refusal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageChart } from '../../src/chart/index.js';
import { hashRequirements } from '../../src/repo/dependency.js';
import { helmBinary, helmHomeEnv } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-dep-');
const env = { SKIFF_HOME: join(work, 'home') };
const repoDir = join(work, 'repo');
let server: Served;
let app: string;

const deps = (url: string, libRange: string) =>
  `dependencies:\n  - name: lib\n    version: "${libRange}"\n    repository: ${url}\n  - name: db\n    version: ">=1.0 <2.0"\n    repository: "@deps"\n    alias: database\n    condition: database.enabled\n  - name: local\n    version: 1.x\n    repository: file://../local\n`;

test.before(async () => {
  for (const v of ['1.0.0', '1.4.2', '2.0.0']) {
    writeChart(join(work, 'src', `lib-${v}`), 'lib', v);
    await packageChart(join(work, 'src', `lib-${v}`, 'lib'), { destination: repoDir });
  }
  for (const v of ['1.0.0', '1.9.0', '2.1.0']) {
    writeChart(join(work, 'src', `db-${v}`), 'db', v);
    await packageChart(join(work, 'src', `db-${v}`, 'db'), { destination: repoDir });
  }
  server = await serve(repoDir);
  assert.is((await skiff(['repo', 'add', 'deps', server.url], { env })).code, 0);
  writeChart(work, 'local', '1.3.0');
  app = writeChart(work, 'app', '0.1.0', { deps: deps(server.url, '^1.0') });
});

test.after(async () => {
  await server?.stop();
});

test('update resolves ranges, vendors archives and writes Chart.lock', async () => {
  const r = await skiff(['dependency', 'update', app], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(join(app, 'charts')).sort(), ['db-1.9.0.tgz', 'lib-1.4.2.tgz', 'local-1.3.0.tgz']);
  const lock = parse(readFileSync(join(app, 'Chart.lock'), 'utf8'));
  assert.equal(lock.dependencies, [
    { name: 'lib', repository: server.url, version: '1.4.2' },
    { name: 'db', repository: server.url, version: '1.9.0' },
    { name: 'local', repository: 'file://../local', version: '1.3.0' },
  ]);
  assert.match(lock.digest, /^sha256:[0-9a-f]{64}$/);
  assert.match(readFileSync(join(app, 'Chart.lock'), 'utf8'), /^dependencies:\n- name: lib\n  repository: /);
  const list = await skiff(['dependency', 'list', app], { env });
  assert.match(list.stdout, /^NAME\s+VERSION\s+REPOSITORY\s+STATUS\n/);
  assert.match(list.stdout, /lib\s+\^1\.0\s+http:\/\/127\.0\.0\.1:\d+\s+ok/);
  assert.match(list.stdout, /db\s+>=1\.0 <2\.0\s+@deps\s+ok/);
  assert.match(list.stdout, /local\s+1\.x\s+file:\/\/\.\.\/local\s+ok/);
  const t = await skiff(['template', 'r', app, '--set', 'database.enabled=true'], { env });
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /name: r-lib/);
});

test("Chart.lock's digest is Helm's (helm dependency update on the same chart)", async () => {
  const copy = join(work, 'helm-copy');
  cpSync(app, join(copy, 'app'), { recursive: true });
  cpSync(join(work, 'local'), join(copy, 'local'), { recursive: true });
  rmSync(join(copy, 'app', 'charts'), { recursive: true, force: true });
  rmSync(join(copy, 'app', 'Chart.lock'));
  const h = join(work, 'helm');
  const henv = helmHomeEnv(h);
  assert.is((await run(helmBinary(), ['repo', 'add', 'deps', server.url], { env: henv })).code, 0);
  const r = await run(helmBinary(), ['dependency', 'update', join(copy, 'app')], { env: henv });
  assert.is(r.code, 0, r.stderr);
  const helmLock = parse(readFileSync(join(copy, 'app', 'Chart.lock'), 'utf8'));
  const ours = parse(readFileSync(join(app, 'Chart.lock'), 'utf8'));
  assert.equal(ours.dependencies, helmLock.dependencies);
  assert.is(ours.digest, helmLock.digest);
  assert.equal(readdirSync(join(copy, 'app', 'charts')).sort(), readdirSync(join(app, 'charts')).sort());
  // skiff builds from the lock Helm wrote.
  rmSync(join(copy, 'app', 'charts'), { recursive: true });
  const b = await skiff(['dependency', 'build', join(copy, 'app')], { env });
  assert.is(b.code, 0, b.stderr);
  assert.equal(readdirSync(join(copy, 'app', 'charts')).sort(), ['db-1.9.0.tgz', 'lib-1.4.2.tgz', 'local-1.3.0.tgz']);
});

test('the digest is sha256 over Go JSON of [dependencies, locked] (HTML characters escaped)', () => {
  const req = [{ name: 'a', version: '>=1.0 <2.0', repository: 'https://x/?a&b' }];
  const lock = [{ name: 'a', version: '1.2.0', repository: 'https://x/?a&b' }];
  const json = '[[{"name":"a","version":"\\u003e=1.0 \\u003c2.0","repository":"https://x/?a\\u0026b"}],[{"name":"a","version":"1.2.0","repository":"https://x/?a\\u0026b"}]]';
  assert.is(hashRequirements(req, lock), 'sha256:' + createHash('sha256').update(json).digest('hex'));
});

test('build refuses a lock that is out of sync, with Helm\'s message; build restores missing archives', async () => {
  rmSync(join(app, 'charts', 'lib-1.4.2.tgz'));
  const missing = await skiff(['dependency', 'list', app], { env });
  assert.match(missing.stdout, /lib\s+\^1\.0\s+\S+\s+missing/);
  const b = await skiff(['dependency', 'build', app], { env });
  assert.is(b.code, 0, b.stderr);
  assert.ok(existsSync(join(app, 'charts', 'lib-1.4.2.tgz')));
  const lockBefore = readFileSync(join(app, 'Chart.lock'), 'utf8');
  writeFileSync(join(app, 'Chart.yaml'), readFileSync(join(app, 'Chart.yaml'), 'utf8').replace('"^1.0"', '"^2.0"'));
  const wrong = await skiff(['dependency', 'list', app], { env });
  assert.match(wrong.stdout, /lib\s+\^2\.0\s+\S+\s+wrong version/);
  const stale = await skiff(['dependency', 'build', app], { env });
  assert.is(stale.code, 1);
  assert.match(stale.stderr, /the lock file \(Chart\.lock\) is out of sync with the dependencies file \(Chart\.yaml\)\. Please update the dependencies/);
  assert.is(readFileSync(join(app, 'Chart.lock'), 'utf8'), lockBefore);
});

test('update to a new range replaces the old archive of that dependency', async () => {
  const r = await skiff(['dependency', 'update', app], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(join(app, 'charts')).sort(), ['db-1.9.0.tgz', 'lib-2.0.0.tgz', 'local-1.3.0.tgz']);
  assert.is(parse(readFileSync(join(app, 'Chart.lock'), 'utf8')).dependencies[0].version, '2.0.0');
});

test('an unsatisfiable range lists the versions that exist and writes nothing', async () => {
  const lockBefore = readFileSync(join(app, 'Chart.lock'), 'utf8');
  writeFileSync(join(app, 'Chart.yaml'), readFileSync(join(app, 'Chart.yaml'), 'utf8').replace('"^2.0"', '"~3.1"'));
  const r = await skiff(['dependency', 'update', app], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /dependency "lib": chart "lib" matching version "~3\.1" not found in .*versions that exist: 2\.0\.0, 1\.4\.2, 1\.0\.0/);
  assert.is(readFileSync(join(app, 'Chart.lock'), 'utf8'), lockBefore);
  assert.equal(readdirSync(join(app, 'charts')).sort(), ['db-1.9.0.tgz', 'lib-2.0.0.tgz', 'local-1.3.0.tgz']);
  writeFileSync(join(app, 'Chart.yaml'), readFileSync(join(app, 'Chart.yaml'), 'utf8').replace('"~3.1"', '"^2.0"'));
});

test('an unknown @repository is refused naming it', async () => {
  const other = writeChart(join(work, 'o'), 'other', '0.1.0', { deps: 'dependencies:\n  - name: lib\n    version: "^1"\n    repository: "@nowhere"\n' });
  const r = await skiff(['dependency', 'update', other], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /no repository definition for @nowhere/);
  assert.not.ok(existsSync(join(other, 'Chart.lock')));
});

test('package -u updates dependencies before packaging', async () => {
  const pkgApp = writeChart(join(work, 'p'), 'papp', '0.2.0', { deps: `dependencies:\n  - name: lib\n    version: "~1.0.0"\n    repository: ${server.url}\n` });
  mkdirSync(join(work, 'pkgout'), { recursive: true });
  const r = await skiff(['package', pkgApp, '-u', '-d', join(work, 'pkgout')], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(join(pkgApp, 'charts')), ['lib-1.0.0.tgz']);
  assert.ok(existsSync(join(work, 'pkgout', 'papp-0.2.0.tgz')));
});

test.run();
