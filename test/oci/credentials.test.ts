// Where registry credentials come from: Docker's config.json as a fallback
// (so `docker login` works), and credential helpers (credHelpers per host)
// run as docker-credential-NAME get/store/erase, for login, pull and logout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { isolatedEnv, packagedChart } from './helpers.js';

let reg: TestRegistry;
let chart: string;

test.before(async () => {
  reg = await startRegistry();
  chart = await packagedChart(tempDir('skiff-oci-cred-'), 'cred', '1.0.0');
});
test.after(async () => {
  await reg?.stop();
});

test('~/.docker/config.json is read when Helm\'s file has nothing for the host', async () => {
  const env = isolatedEnv();
  writeFileSync(join(env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({ auths: { [`https://${reg.host}/v1/`]: { auth: Buffer.from('skiff:secret-pw').toString('base64') } } }));
  const r = await skiff(['push', chart, `oci://${reg.host}/docker`, '--plain-http'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(env.HELM_REGISTRY_CONFIG!));
});

test('a credential helper named in credHelpers stores on login, answers on pull and erases on logout', async () => {
  const env = isolatedEnv();
  const bin = tempDir('skiff-cred-bin-');
  const store = join(bin, 'store.json');
  // A helper speaking Docker's protocol, keeping its secrets in one JSON file.
  writeFileSync(
    join(bin, 'docker-credential-skifftest'),
    `#!/usr/bin/env node
const fs = require('fs');
const file = ${JSON.stringify(store)};
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const action = process.argv[2];
  if (action === 'store') { const c = JSON.parse(input); db[c.ServerURL] = c; fs.writeFileSync(file, JSON.stringify(db)); return; }
  const key = input.trim();
  if (action === 'get') { if (!db[key]) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(JSON.stringify(db[key])); return; }
  if (action === 'erase') { delete db[key]; fs.writeFileSync(file, JSON.stringify(db)); return; }
  process.exit(2);
});
`,
  );
  chmodSync(join(bin, 'docker-credential-skifftest'), 0o755);
  mkdirSync(join(env.HELM_REGISTRY_CONFIG!, '..'), { recursive: true });
  writeFileSync(env.HELM_REGISTRY_CONFIG!, JSON.stringify({ credHelpers: { [reg.host]: 'skifftest' } }));
  const e = { ...env, PATH: `${bin}:${process.env.PATH}` };
  let r = await skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], { env: e, input: 'secret-pw' });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(store, 'utf8'))[reg.host], { ServerURL: reg.host, Username: 'skiff', Secret: 'secret-pw' });
  assert.not.ok(JSON.parse(readFileSync(env.HELM_REGISTRY_CONFIG!, 'utf8')).auths, 'the secret is not written to the file');
  r = await skiff(['push', chart, `oci://${reg.host}/helper`, '--plain-http'], { env: e });
  assert.is(r.code, 0, r.stderr);
  r = await skiff(['registry', 'logout', reg.host], { env: e });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(store, 'utf8')), {});
  r = await skiff(['pull', `oci://${reg.host}/helper/cred`, '--version', '1.0.0', '--plain-http', '-d', tempDir()], { env: e });
  assert.is(r.code, 1);
  assert.match(r.stderr, /401 Unauthorized[^]*skiff registry login/);
  // A helper that is not installed is named.
  writeFileSync(env.HELM_REGISTRY_CONFIG!, JSON.stringify({ credsStore: 'nosuchhelper' }));
  r = await skiff(['pull', `oci://${reg.host}/helper/cred`, '--version', '1.0.0', '--plain-http', '-d', tempDir()], { env: e });
  assert.is(r.code, 1);
  assert.match(r.stderr, /cannot run credential helper docker-credential-nosuchhelper: not found on PATH/);
});

test('a malformed credentials file is named, not ignored', async () => {
  const env = isolatedEnv();
  mkdirSync(join(env.HELM_REGISTRY_CONFIG!, '..'), { recursive: true });
  writeFileSync(env.HELM_REGISTRY_CONFIG!, '{"auths": ');
  const r = await skiff(['pull', `oci://${reg.host}/helper/cred`, '--version', '1.0.0', '--plain-http', '-d', tempDir()], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /registry credentials file .*helm-registry\.json is not valid JSON/);
});

test.run();
