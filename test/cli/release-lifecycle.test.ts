// The release lifecycle through the built CLI against the bundled runtime,
// with the real Helm reading what skiff wrote (and the other way round).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, run, tempDir, ROOT } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const secrets = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };

function chartDir(name: string, templates: Record<string, string>, values = ''): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\nappVersion: "1.0"\n`);
  writeFileSync(join(dir, 'values.yaml'), values);
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(dir, 'templates', f), t);
  return dir;
}

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  k: v\n`;
// A Deployment no node can ever run: never ready, with or without controllers.
const stuck = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: stuck
spec:
  replicas: 1
  selector: {matchLabels: {app: stuck}}
  template:
    metadata: {labels: {app: stuck}}
    spec:
      nodeSelector: {skiff.test/no-such-node: "true"}
      containers: [{name: c, image: nginx}]
`;

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

const ok = async (args: string[], env?: Record<string, string>) => {
  const r = await skiff([...args, ...K], { env });
  if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};

test('install both example charts, upgrade (values changed, a resource dropped), rollback, history, uninstall --keep-history', async () => {
  const inst = await ok(['install', 'web', join(ROOT, 'charts/webapp')]);
  assert.match(inst.stdout, /NAME: web\n.*\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\n/);
  await ok(['install', 'plat', join(ROOT, 'charts/platform')]);
  const sa = () => rt.client.get({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default', name: 'web-webapp' }).then(() => true, () => false);
  assert.ok(await sa());
  const up = await ok(['upgrade', 'web', join(ROOT, 'charts/webapp'), '--set', 'serviceAccount.create=false', '--set', 'replicaCount=3']);
  assert.match(up.stdout, /^Release "web" has been upgraded\.\n/m);
  assert.not.match(up.stdout, /Helming/, 'skiff speaks for itself');
  assert.is(await sa(), false, 'the ServiceAccount the chart no longer renders was deleted');
  const dep = await rt.client.get<any>({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web-webapp' });
  assert.is(dep.spec.replicas, 3);
  const rb = await ok(['rollback', 'web', '1']);
  assert.match(rb.stdout, /^Rolled back release "web" to revision 1: revision \d+ is now deployed\.$/m);
  assert.ok(await sa(), 'rollback to 1 restored it');
  const [histOut, vals] = await Promise.all([ok(['history', 'web', '-o', 'json']), ok(['get', 'values', 'web', '--revision', '2', '-o', 'json'])]);
  const hist = JSON.parse(histOut.stdout);
  assert.equal(hist.map((h: any) => [h.revision, h.status, h.description]), [
    [1, 'superseded', 'Install complete'],
    [2, 'superseded', 'Upgrade complete'],
    [3, 'deployed', 'Rollback to 1'],
  ]);
  assert.equal(JSON.parse(vals.stdout), { serviceAccount: { create: false }, replicaCount: 3 });

  const un = await ok(['uninstall', 'web', '--keep-history']);
  assert.match(un.stdout, /release "web" uninstalled/);
  const [listed, quiet, helm3] = await Promise.all([ok(['list', '--uninstalled']), ok(['list', '-q']), ok(['list', '-q', '--helm3-default'])]);
  assert.match(listed.stdout, /^NAME\s+NAMESPACE\s+REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\n/);
  assert.match(listed.stdout, /\nweb\s+default\s+3\s+.*uninstalled\s+webapp-0\.1\.0/);
  assert.equal(quiet.stdout, 'plat\nweb\n', "Helm 4's default: every state");
  assert.equal(helm3.stdout, 'plat\n', "Helm 3's default: deployed and failed");
});

test('the release Secret decodes the way Helm decodes it, and helm list/history read what skiff wrote ', async () => {
  const s = await rt.client.get<any>({ ...secrets, name: 'sh.helm.release.v1.plat.v1' });
  assert.is(s.type, 'helm.sh/release.v1');
  assert.equal({ name: s.metadata.labels.name, owner: s.metadata.labels.owner, status: s.metadata.labels.status, version: s.metadata.labels.version }, { name: 'plat', owner: 'helm', status: 'deployed', version: '1' });
  const rel = JSON.parse(gunzipSync(Buffer.from(Buffer.from(s.data.release, 'base64').toString(), 'base64')).toString());
  assert.is(rel.name, 'plat');
  assert.is(rel.info.status, 'deployed');
  assert.is(rel.chart.metadata.name, 'platform');
  assert.ok(rel.manifest.includes('# Source: platform/'));

  const helm = helmBinary();
  const hl = await run(helm, ['list', '-a', '-o', 'json', ...K]);
  assert.is(hl.code, 0, hl.stderr);
  const rows = JSON.parse(hl.stdout);
  assert.equal(rows.map((r: any) => [r.name, r.revision, r.status, r.chart]).sort(), [['plat', '1', 'deployed', 'platform-0.1.0'], ['web', '3', 'uninstalled', 'webapp-0.1.0']]);
  const hh = await run(helm, ['history', 'web', '-o', 'json', ...K]);
  assert.equal(JSON.parse(hh.stdout).map((h: any) => h.status), ['superseded', 'superseded', 'uninstalled']);
});

test('skiff reads and upgrades a release Helm installed, and Helm reads the result', async () => {
  const helm = helmBinary();
  const plain = chartDir('plain', { 'cm.yaml': cm('from-helm') });
  const hi = await run(helm, ['install', 'byhelm', plain, ...K]);
  assert.is(hi.code, 0, hi.stderr);
  assert.match((await ok(['list'])).stdout, /byhelm\s+default\s+1\s+.*deployed\s+plain-1\.0\.0/);
  await ok(['upgrade', 'byhelm', plain]);
  const hh = await run(helm, ['history', 'byhelm', '-o', 'json', ...K]);
  assert.equal(JSON.parse(hh.stdout).map((h: any) => [h.revision, h.status]), [[1, 'superseded'], [2, 'deployed']]);
  await ok(['uninstall', 'byhelm']);
});

test('hooks run in weight order with their delete policies', async () => {
  const hook = (name: string, weight: number, policy?: string) =>
    cm(name, `  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: "${weight}"\n${policy ? `    helm.sh/hook-delete-policy: ${policy}\n` : ''}`);
  const dir = chartDir('hooks', { 'a.yaml': hook('h-late', 10), 'b.yaml': hook('h-early', -5), 'c.yaml': hook('h-gone', 0, 'hook-succeeded'), 'd.yaml': cm('main') });
  await ok(['install', 'hk', dir]);
  const get = (n: string) => rt.client.get<any>({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: n });
  const early = Number((await get('h-early')).metadata.resourceVersion);
  const late = Number((await get('h-late')).metadata.resourceVersion);
  const main = Number((await get('main')).metadata.resourceVersion);
  assert.ok(early < late && late < main, `order by weight, then the manifest: ${early} ${late} ${main}`);
  assert.is(await get('h-gone').then(() => 'present', () => 'deleted'), 'deleted');
  const hooks = await ok(['get', 'hooks', 'hk']);
  assert.match(hooks.stdout, /# Source: hooks\/templates\/b\.yaml/);
});

test('--atomic upgrade to a chart that never becomes ready rolls back and says so', async () => {
  const good = chartDir('app', { 'cm.yaml': cm('app-config') });
  const bad = chartDir('app', { 'cm.yaml': cm('app-config'), 'dep.yaml': stuck });
  await ok(['install', 'at', good]);
  const r = await skiff(['upgrade', 'at', bad, '--atomic', '--timeout', '2s', ...K]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /release at failed, and has been rolled back due to atomic being set \(revision 1 is deployed again\)/);
  assert.match(r.stderr, /not ready: Deployment stuck: /);
  const hist = JSON.parse((await ok(['history', 'at', '-o', 'json'])).stdout);
  assert.equal(hist.map((h: any) => h.status), ['superseded', 'failed', 'deployed']);
  const gone = await rt.client.get({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'stuck' }).then(() => false, () => true);
  assert.ok(gone, 'the rollback removed the Deployment the failed upgrade created');
});

test('a concurrent upgrade is refused at once; an upgrade killed with -9 is recovered by the next one', async () => {
  const { spawn } = await import('node:child_process');
  const good = chartDir('lk', { 'cm.yaml': cm('lk-config') });
  const bad = chartDir('lk', { 'cm.yaml': cm('lk-config'), 'dep.yaml': stuck });
  await ok(['install', 'lk', good]);
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'upgrade', 'lk', bad, '--wait', '--timeout', '15s', ...K], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => child.on('close', r));
  let childOut = '';
  child.stdout!.on('data', (d) => (childOut += d));
  child.stderr!.on('data', (d) => (childOut += d));
  // Wait until the upgrade holds the lock (its pending revision exists). Its 15 s wait outlasts a second skiff's start even on a busy machine.
  for (let i = 0; i < 600; i++) {
    const ok2 = await rt.client.get<any>({ ...secrets, name: 'sh.helm.release.v1.lk.v2' }).then((s) => s.metadata.labels.status === 'pending-upgrade', () => false);
    if (ok2) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const second = await skiff(['upgrade', 'lk', good, ...K]);
  assert.is(second.code, 1, `second: ${second.stdout}${second.stderr}\nfirst: ${childOut}`);
  assert.match(second.stderr, /another operation \(upgrade\) is in progress on release "lk" \(revision 2, .*pid \d+\); its lock expires at/);
  await rt.client.get({ ...secrets, name: 'sh.helm.release.v1.lk.v3' }).then(
    () => assert.unreachable('the refused upgrade wrote a revision'),
    () => {},
  );
  child.kill('SIGKILL');
  await exited;
  // The killed upgrade's lock lasts until the expiry it last wrote (wait start + timeout + 2 s grace).
  const v2 = await rt.client.get<any>({ ...secrets, name: 'sh.helm.release.v1.lk.v2' });
  const expires = Date.parse(v2.metadata.annotations['skiff.io/lock-expires']);
  assert.is(v2.metadata.labels.status, 'pending-upgrade', 'killed mid-operation, the revision is still pending');
  await new Promise((r) => setTimeout(r, Math.max(0, expires - Date.now()) + 200));
  const third = await ok(['upgrade', 'lk', good]);
  assert.match(third.stdout + third.stderr, /revision 2 was left pending-upgrade by an interrupted upgrade .*marked it failed and continuing/);
  const hist = JSON.parse((await ok(['history', 'lk', '-o', 'json'])).stdout);
  assert.equal(hist.map((h: any) => h.status), ['superseded', 'failed', 'deployed']);
});

test('status --show-resources, diff upgrade with --detailed-exitcode, test hooks, errors', async () => {
  const st = await ok(['status', 'plat', '--show-resources']);
  assert.match(st.stdout, /RESOURCES:\nKIND\s+NAME\s+READY\s+STATUS *\n/);
  const dir = chartDir('df', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: df\ndata:\n  k: "{{ Values.k }}"\n' }, 'k: one\n');
  await ok(['install', 'df', dir]);
  const same = await skiff(['diff', 'upgrade', 'df', dir, '--detailed-exitcode', ...K]);
  assert.is(same.code, 0, same.stderr);
  assert.is(same.stdout, '');
  const d = await skiff(['diff', 'upgrade', 'df', dir, '--set', 'k=two', '--detailed-exitcode', ...K]);
  assert.is(d.code, 2, d.stderr);
  assert.match(d.stdout, /^default, df, ConfigMap \(v1\) has changed:\n@@ .* @@\n(.*\n)*-  k: one\n\+  k: two\n/);
  const [nf, bad, usage] = await Promise.all([skiff(['status', 'nope', ...K]), skiff(['install', 'df', dir, ...K]), skiff(['upgrade', 'df', ...K])]);
  assert.is(nf.code, 1);
  assert.match(nf.stderr, /Error: release: not found: nope/);
  assert.match(bad.stderr, /cannot re-use a name that is still in use/);
  assert.is(usage.code, 2);
});

test.run();
