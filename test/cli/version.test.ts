import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { skiff } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';
import { run } from '../support/cli.js';

test('skiff version prints the build info', async () => {
  const r = await skiff(['version']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^version\.BuildInfo\{Version:"v\d+\.\d+\.\d+"/);
});

test('skiff version --short and -o json', async () => {
  const s = await skiff(['version', '--short']);
  assert.match(s.stdout, /^v\d+\.\d+\.\d+\n$/);
  const j = await skiff(['version', '-o', 'json']);
  assert.is(JSON.parse(j.stdout).version, s.stdout.trim().slice(1));
});

test('an unknown command exits 2 with an error', async () => {
  const r = await skiff(['frobnicate']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^Error: /);
});

test('the Helm oracle binary is available to tests', async () => {
  const r = await run(helmBinary(), ['version', '--short']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^v3\.17\.3/);
});

test.run();
