import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';

test('skiff create NAME writes a chart and prints Creating NAME', async () => {
  const cwd = tempDir();
  const r = await skiff(['create', 'hello'], { cwd });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'Creating hello\n');
  for (const f of ['Chart.yaml', 'values.yaml', 'values.schema.json', '.helmignore', 'templates/_helpers.tpl', 'templates/deployment.yaml', 'templates/NOTES.txt', 'templates/tests/test-connection.yaml']) {
    assert.ok(existsSync(join(cwd, 'hello', f)), f);
  }
  assert.match(readFileSync(join(cwd, 'hello/Chart.yaml'), 'utf8'), /^name: hello$/m);
});

test('skiff create refuses a non-empty directory and exits 1', async () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'busy'));
  writeFileSync(join(cwd, 'busy', 'x'), 'x');
  const r = await skiff(['create', 'busy'], { cwd });
  assert.is(r.code, 1);
  assert.match(r.stderr, /^Error: directory .*busy already exists and is not empty; refusing to overwrite it/);
});

test('skiff create --starter copies a starter chart; -p takes a name under SKIFF_HOME/starters', async () => {
  const home = tempDir();
  const starterDir = join(home, 'starters', 'mini');
  mkdirSync(join(starterDir, 'templates'), { recursive: true });
  writeFileSync(join(starterDir, 'Chart.yaml'), 'apiVersion: v2\nname: mini\nversion: 0.0.1\n');
  writeFileSync(join(starterDir, 'templates', 'cm.yaml'), 'name: <CHARTNAME>-config\n');
  const cwd = tempDir();
  const r = await skiff(['create', 'app', '-p', 'mini'], { cwd, env: { SKIFF_HOME: home } });
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(cwd, 'app/templates/cm.yaml'), 'utf8'), 'name: app-config\n');
  const byPath = await skiff(['create', 'app2', '--starter', starterDir], { cwd });
  assert.is(byPath.code, 0, byPath.stderr);
  assert.match(readFileSync(join(cwd, 'app2/Chart.yaml'), 'utf8'), /name: app2/);
});

test('a created chart installs, becomes ready and passes skiff test on the bundled cluster', async () => {
  const cwd = tempDir();
  const env = { SKIFF_HOME: tempDir('skiff-home-') };
  assert.is((await skiff(['create', 'starter'], { cwd })).code, 0);
  try {
    const install = await skiff(['install', 'demo', 'starter', '--wait', '--timeout', '90s'], { cwd, env });
    assert.is(install.code, 0, install.stderr);
    assert.match(install.stdout, /STATUS: deployed/);
    const t = await skiff(['test', 'demo'], { cwd, env });
    assert.is(t.code, 0, t.stderr);
    assert.match(t.stdout, /Name:\s+demo-starter-test-connection/);
    assert.match(t.stdout, /Phase:\s+Succeeded/);
  } finally {
    await skiff(['cluster', 'stop'], { cwd, env });
  }
});

test('skiff create without a name is a usage error', async () => {
  const r = await skiff(['create'], { cwd: tempDir() });
  assert.is(r.code, 2);
});

test.run();
