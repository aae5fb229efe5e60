// `skiff cluster user add` as a user types it: a kubeconfig for a certificate
// user of the detached cluster, which the real kubectl then uses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, run, tempDir } from '../support/cli.js';
import { kubectlBinary } from '../support/helm.js';

const home = tempDir('skiff-home-');
const env = { SKIFF_HOME: home, HOME: tempDir('skiff-user-') };

test.after(async () => {
  await skiff(['cluster', 'stop'], { env });
});

test('before the cluster ever started there is no CA to sign with', async () => {
  const r = await skiff(['cluster', 'user', 'add', 'bob'], { env });
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /the cluster has no credentials yet/);
  assert.match(r.stderr, /skiff cluster start/);
});

test('user add prints the kubeconfig path; kubectl authenticates as that user and group', async () => {
  const s = await skiff(['cluster', 'start'], { env });
  assert.is(s.code, 0, s.stderr);
  const r = await skiff(['cluster', 'user', 'add', 'bob', '--group', 'viewers', '--group', 'qa'], { env });
  assert.is(r.code, 0, r.stderr);
  const path = r.stdout.trim();
  assert.is(path, join(home, 'cluster', 'users', 'bob.kubeconfig'));
  assert.match(readFileSync(path, 'utf8'), /client-key-data: /);
  const kenv = { KUBECONFIG: path, KUBECACHEDIR: join(home, 'kcache'), HOME: env.HOME };
  const who = await run(kubectlBinary(), ['auth', 'whoami', '-o', 'json'], { env: kenv, timeoutMs: 30_000 });
  assert.is(who.code, 0, who.stderr);
  const info = JSON.parse(who.stdout).status.userInfo;
  assert.is(info.username, 'bob');
  assert.equal(info.groups, ['viewers', 'qa', 'system:authenticated']);
  const get = await run(kubectlBinary(), ['get', 'pods'], { env: kenv, timeoutMs: 30_000 });
  assert.match(get.stderr, /pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"/);
});

test('bad names are usage errors', async () => {
  const r = await skiff(['cluster', 'user', 'add', 'bad/name'], { env });
  assert.is(r.code, 2);
  assert.match(r.stderr, /invalid user name "bad\/name"/);
  const g = await skiff(['cluster', 'user', 'add', 'ok', '--group', 'a b'], { env });
  assert.is(g.code, 2);
  assert.match(g.stderr, /invalid group "a b"/);
});

test.run();
