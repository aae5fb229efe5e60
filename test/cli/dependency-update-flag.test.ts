import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';

function charts(): string {
  const dir = tempDir('skiff-depflag-');
  mkdirSync(join(dir, 'lib', 'templates'), { recursive: true });
  mkdirSync(join(dir, 'app', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'Chart.yaml'), 'apiVersion: v2\nname: lib\nversion: 0.2.0\n');
  writeFileSync(join(dir, 'lib', 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-lib\n');
  writeFileSync(join(dir, 'app', 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: ^0.2.0\n    repository: file://../lib\n');
  return join(dir, 'app');
}

test('a declared dependency missing from charts/ is an error naming it, as in Helm', async () => {
  const app = charts();
  const r = await skiff(['template', 'x', app]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /found in Chart\.yaml, but missing in charts\/ directory: lib/);
  assert.match(r.stderr, /skiff dependency build/);
});

test('--dependency-update fetches missing dependencies before rendering', async () => {
  const app = charts();
  const r = await skiff(['template', 'x', app, '--dependency-update']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /# Source: app\/charts\/lib\/templates\/cm\.yaml/);
  assert.ok(existsSync(join(app, 'charts', 'lib-0.2.0.tgz')));
  assert.ok(existsSync(join(app, 'Chart.lock')));
});

test.run();
