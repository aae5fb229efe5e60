import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, run, tempDir } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';

test('create -> package -> show, and Helm reads the package', async () => {
  const cwd = realpathSync(tempDir());
  assert.is((await skiff(['create', 'shop'], { cwd })).code, 0);
  const p = await skiff(['package', 'shop'], { cwd });
  assert.is(p.code, 0, p.stderr);
  assert.is(p.stdout, `Successfully packaged chart and saved it to: ${join(cwd, 'shop-0.1.0.tgz')}\n`);
  const shown = await skiff(['show', 'chart', 'shop-0.1.0.tgz'], { cwd });
  assert.is(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /name: shop\n/);
  const helm = await run(helmBinary(), ['show', 'chart', join(cwd, 'shop-0.1.0.tgz')]);
  assert.is(helm.code, 0, helm.stderr);
  assert.is(shown.stdout, helm.stdout);
  const values = await skiff(['show', 'values', 'shop-0.1.0.tgz'], { cwd });
  assert.is(values.stdout, readFileSync(join(cwd, 'shop/values.yaml'), 'utf8') + '\n');
});

test('package twice gives identical bytes; --version, --app-version and -d apply', async () => {
  const cwd = tempDir();
  await skiff(['create', 'shop'], { cwd });
  await skiff(['package', 'shop', '-d', 'a'], { cwd });
  const r = await skiff(['package', 'shop', '-d', 'b'], { cwd });
  assert.is(r.stdout, 'Successfully packaged chart and saved it to: b/shop-0.1.0.tgz\n');
  assert.ok(readFileSync(join(cwd, 'a/shop-0.1.0.tgz')).equals(readFileSync(join(cwd, 'b/shop-0.1.0.tgz'))));
  const v = await skiff(['package', 'shop', '--version', '1.2.3', '--app-version', '4.5', '-d', 'c'], { cwd });
  assert.is(v.code, 0, v.stderr);
  const shown = await skiff(['show', 'chart', 'c/shop-1.2.3.tgz'], { cwd });
  assert.match(shown.stdout, /version: 1\.2\.3\n/);
  assert.match(shown.stdout, /appVersion: "4\.5"\n/);
});

test('package several charts at once; errors exit 1 with the reason', async () => {
  const cwd = tempDir();
  await skiff(['create', 'one'], { cwd });
  await skiff(['create', 'two'], { cwd });
  const r = await skiff(['package', 'one', 'two', '-d', 'out'], { cwd });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.split('\n').filter(Boolean).length, 2);
  const bad = await skiff(['package', 'missing'], { cwd });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /^Error: path "missing" not found/);
  const badVersion = await skiff(['package', 'one', '--version', 'one'], { cwd });
  assert.is(badVersion.code, 1);
  assert.match(badVersion.stderr, /--version "one" is not a valid SemVer 2 version/);
});

test.run();
