// `skiff list` against the real Helm binaries on the same release records in
// the bundled cluster: by default it shows what Helm 4.1.4 shows (every state
// but `unknown`), with --helm3-default what Helm 3.17.3 shows (deployed and
// failed), and every state flag, sort and page flag alike, byte for byte in
// -o json.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { KubeDriver } from '../../src/release/kube-driver.js';
import type { ReleaseStatus } from '../../src/release/types.js';
import { skiff, run, tempDir } from '../support/cli.js';
import { helm4Binary, helmBinary, helmHomeEnv } from '../support/helm.js';
import { fileKubeconfig } from '../support/runtime.js';
import { makeRelease } from '../support/releases.js';

const dir = tempDir('skiff-helm-list-');
let rt: Runtime;
let client: RestClient;
let K: string[];
const env = { TZ: 'UTC', HOME: dir };

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
  const kubeconfig = fileKubeconfig(rt, dir);
  K = ['--kubeconfig', kubeconfig];
  client = restClient(loadKubeConfig({ kubeconfig, env: {} }));
  await client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  const driver = new KubeDriver({ client });
  // Each release's revisions, oldest first; the last one is what list looks at.
  const releases: [string, string, ReleaseStatus[], Record<string, string>?][] = [
    ['web', 'default', ['superseded', 'deployed'], { team: 'blue' }],
    ['api', 'default', ['deployed', 'failed']],
    ['gone', 'default', ['uninstalled']],
    ['leaving', 'default', ['deployed', 'uninstalling']],
    ['fresh', 'default', ['pending-install']],
    ['moving', 'default', ['deployed', 'pending-upgrade'], { team: 'blue' }],
    ['back', 'default', ['deployed', 'superseded', 'pending-rollback']],
    ['odd', 'default', ['unknown']],
    ['db', 'other', ['superseded', 'superseded', 'deployed']],
    ['cache', 'other', ['failed']],
  ];
  // Distinct times: Helm's date sort is not stable, so ties would come out in any order.
  for (const [n, [name, namespace, statuses, labels]] of releases.entries()) {
    for (const [i, status] of statuses.entries()) {
      const rel = makeRelease(name, i + 1, status);
      const t = new Date(Date.UTC(2026, 0, 1, 0, n, i)).toISOString();
      await driver.create({ ...rel, namespace, info: { ...rel.info, first_deployed: t, last_deployed: t }, ...(labels ? { labels } : {}) });
    }
  }
});
test.after(async () => {
  await client?.close();
  await rt?.stop();
});

async function helmList(bin: string, args: string[]): Promise<string> {
  const r = await run(bin, ['list', ...args, ...K], { env: { ...env, ...helmHomeEnv(join(dir, bin.includes('4') ? 'h4' : 'h3')) }, timeoutMs: 60_000 });
  assert.is(r.code, 0, `helm list ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
/** skiff's answer (the fast path; with `both`, the full CLI too, which must agree). */
async function skiffList(args: string[], both = false): Promise<string> {
  const fast = await skiff(['list', ...args, ...K], { env });
  assert.is(fast.code, 0, `skiff list ${args.join(' ')}: ${fast.stderr}`);
  if (both) {
    const full = await skiff(['list', ...args, ...K], { env: { ...env, SKIFF_NO_FAST: '1' } });
    assert.is(full.stdout, fast.stdout, `fast path and full CLI agree on ${args.join(' ')}`);
  }
  return fast.stdout;
}
const names = (json: string) => (JSON.parse(json) as { name: string }[]).map((r) => r.name);

const FORMS: string[][] = [
  [],
  ['-A'],
  ['-n', 'other'],
  ['--deployed'],
  ['--failed', '--pending', '-A'],
  ['--superseded', '-A'],
  ['--uninstalled', '--uninstalling'],
  ['--deployed', '--superseded', '-A'],
  ['-A', '-r'],
  ['-A', '-d'],
  ['-A', '-d', '-r'],
  ['-A', '-m', '3', '--offset', '2'],
  ['-A', '--offset', '20'],
  ['-A', '-f', '^(web|db|gone)$'],
  ['-A', '-l', 'team=blue'],
  ['-A', '--time-format', '2006-01-02 15:04:05Z0700'],
  ['--time-format', 'Jan _2 15:04:05.000 MST'],
];

test('with no state flag skiff lists what Helm 4 lists: every state but unknown', async () => {
  const out = await skiffList(['-A', '-o', 'json'], true);
  assert.equal(names(out), ['api', 'back', 'cache', 'db', 'fresh', 'gone', 'leaving', 'moving', 'web']);
  assert.is(out, await helmList(helm4Binary(), ['-A', '-o', 'json']));
  // The table byte for byte: every cell padded to its column's width, the last one too, joined by tabs.
  const table = await skiffList([], true);
  assert.equal(table, await helmList(helm4Binary(), []));
  assert.not.match(table, /\bodd\b/, 'a release whose newest revision is unknown is never listed');
});

test('every state, sort, page, filter and selector form matches Helm 4', async () => {
  for (const form of FORMS) assert.is(await skiffList([...form, '-o', 'json']), await helmList(helm4Binary(), [...form, '-o', 'json']), `list ${form.join(' ')}`);
});

test('--helm3-default lists what Helm 3 lists (deployed and failed), and -a every state, as Helm 3', async () => {
  const out = await skiffList(['--helm3-default', '-A', '-o', 'json'], true);
  assert.equal(names(out), ['api', 'cache', 'db', 'web']);
  assert.is(out, await helmList(helmBinary(), ['-A', '-o', 'json']));
  for (const form of [...FORMS, ['-a', '-A'], ['--all', '-m', '2']]) {
    assert.is(await skiffList(['--helm3-default', ...form, '-o', 'json']), await helmList(helmBinary(), [...form, '-o', 'json']), `list --helm3-default ${form.join(' ')}`);
  }
  assert.is(await skiffList(['-a', '-A', '-q']), await helmList(helm4Binary(), ['-A', '-q']), '-a (kept for Helm 3 scripts) is Helm 4 default set');
});

test.run();
