// skiff recover on the bundled cluster: an upgrade killed with SIGKILL
// mid-operation, and a pending record written the way a crash leaves it,
// reported and then completed or rolled back; Helm 4 reads the history.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { KubeDriver } from '../../src/release/kube-driver.js';
import { skiff, run, tempDir, CLI, type CliResult } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const dir = tempDir('skiff-recover-');
let chart: string;

const sk = (args: string[]) => skiff([...args, ...K]);
async function ok(args: string[]): Promise<CliResult> {
  const r = await sk(args);
  assert.is(r.code, 0, `skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}
const cm = async (name: string) => rt.client.get<any>({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name }).catch(() => undefined);
async function helmHistory(name: string): Promise<[number, string, string][]> {
  const r = await run(helm4Binary(), ['history', name, '-o', 'json', ...K]);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).map((h: any) => [h.revision, h.status, h.description]);
}

function writeChart(value: string, extra = ''): void {
  writeFileSync(join(chart, 'templates', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {v: "${value}"}\n${extra}`);
}

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'rt'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  chart = join(dir, 'app');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  // Never ready (no node matches): an upgrade --wait stays in its wait until killed.
  writeFileSync(
    join(chart, 'templates', 'stuck.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: stuck}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: stuck}}\n  template:\n    metadata: {labels: {app: stuck}}\n    spec:\n      nodeSelector: {skiff.test/none: "true"}\n      containers: [{name: c, image: nginx}]\n',
  );
  writeChart('one');
  await ok(['install', 'app', chart]);
});
test.after(async () => {
  await rt?.stop();
});

test('an upgrade killed mid-wait: reported (who, what, how far), locked for others, completed; Helm 4 reads the history', async () => {
  writeChart('two');
  const child = spawn(process.execPath, [CLI, 'upgrade', 'app', chart, '--wait', '--timeout', '10m', ...K], { stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while ((await cm('cfg'))?.data?.v !== 'two') {
    assert.ok(Date.now() < deadline, 'the upgrade never applied');
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const blocked = await sk(['upgrade', 'app', chart]);
  assert.is.not(blocked.code, 0);
  assert.match(blocked.stderr, /another operation \(upgrade\) is in progress/);

  const rep = await ok(['recover', 'app']);
  assert.match(rep.stdout, /^REVISION: 2 \(pending-upgrade\)$/m);
  assert.match(rep.stdout, /^OPERATION: upgrade$/m);
  assert.match(rep.stdout, new RegExp(`^BY: .*@.* pid ${child.pid}$`, 'm'));
  assert.match(rep.stdout, /^LOCK: held, but its holder is no longer running on this host, until /m);
  assert.match(rep.stdout, /^REPLACES: revision 1$/m);
  assert.match(rep.stdout, /^ConfigMap\s+cfg\s+applied$/m);
  assert.match(rep.stdout, /Nothing changed\. Finish it with "skiff recover app --complete"/);
  const json = JSON.parse((await ok(['recover', 'app', '-o', 'json'])).stdout);
  assert.is(json.operation, 'upgrade');
  assert.is(json.lock, 'holder-gone');

  const both = await sk(['recover', 'app', '--complete', '--rollback']);
  assert.is(both.code, 2);
  assert.match(both.stderr, /--complete and --rollback are exclusive/);

  const done = await ok(['recover', 'app', '--complete']);
  assert.match(done.stdout, /Completed: revision 2 of release "app" is now deployed\./);
  const h = await helmHistory('app');
  assert.equal(h.map(([r, s]) => [r, s]), [[1, 'superseded'], [2, 'deployed']]);
  assert.match(h[1]![2], /^Upgrade complete \(finished by skiff recover; the upgrade by .* was interrupted\)$/);
  const again = await sk(['recover', 'app']);
  assert.is(again.code, 1);
  assert.match(again.stderr, /release "app" has no pending operation: its newest revision 2 is deployed; nothing to recover/);
});

test('a pending record as a crash leaves it, half applied: reported object by object, rolled back', async () => {
  // What a skiff killed after applying one object of three leaves: revision 3
  // pending-upgrade, its lock held by a process on another host until later.
  const driver = new KubeDriver({ client: rt.client });
  const deployed = (await driver.query({ namespace: 'default', name: 'app', status: 'deployed' }))[0]!;
  const rel = structuredClone(await deployed.load());
  rel.version = 3;
  rel.info.status = 'pending-upgrade';
  rel.info.description = 'Preparing upgrade';
  rel.manifest =
    rel.manifest.replace('v: "two"', 'v: "three"') +
    '\n---\n# Source: app/templates/new.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: added}\ndata: {a: b}\n';
  const lock = { 'skiff.io/lock-operation': 'upgrade', 'skiff.io/lock-holder': 'bob@build-7 pid 4242', 'skiff.io/lock-expires': new Date(Date.now() + 600_000).toISOString() };
  await driver.create(rel, { annotations: lock });
  // The object the killed upgrade had applied, as it applies (server-side, field manager helm).
  const owned = { labels: { 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'app', 'meta.helm.sh/release-namespace': 'default' } };
  await rt.client.patch({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'cfg' }, 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', ...owned }, data: { v: 'three' } }, { fieldManager: 'helm' });

  const rep = await ok(['recover', 'app']);
  assert.match(rep.stdout, /^BY: bob@build-7 pid 4242$/m);
  assert.match(rep.stdout, /^LOCK: held \(the holder may still be running\), until /m);
  assert.match(rep.stdout, /^ConfigMap\s+cfg\s+applied$/m);
  assert.match(rep.stdout, /^ConfigMap\s+added\s+missing$/m);
  assert.match(rep.stdout, /^Deployment\s+stuck\s+applied$/m);

  const refused = await sk(['recover', 'app', '--rollback']);
  assert.is.not(refused.code, 0);
  assert.match(refused.stderr, /the upgrade of release "app" \(revision 3\) by bob@build-7 pid 4242 may still be running: its lock holds until .*pass --force/s);
  assert.is((await cm('cfg')).data.v, 'three', 'a refused recover changes nothing');

  const back = await ok(['recover', 'app', '--rollback', '--force']);
  assert.match(back.stdout, /Rolled back: revision 3 is recorded failed; revision 4 \(rollback to 2\) is now deployed\./);
  assert.is((await cm('cfg')).data.v, 'two');
  assert.is(await cm('added'), undefined);
  const h = await helmHistory('app');
  assert.equal(h.map(([r, s, d]) => [r, s, d.replace(/\(the upgrade by .*\)/, '(…)')]), [
    [1, 'superseded', 'Install complete'],
    [2, 'superseded', h[1]![2]],
    [3, 'failed', 'pending-upgrade interrupted (…); rolled back by skiff recover'],
    [4, 'deployed', 'Rollback to 2'],
  ]);
});

test('an interrupted first install rolled back is uninstalled', async () => {
  const driver = new KubeDriver({ client: rt.client });
  const base = await (await driver.query({ namespace: 'default', name: 'app', status: 'deployed' }))[0]!.load();
  const rel = { ...structuredClone(base), name: 'fresh', version: 1, info: { ...base.info, status: 'pending-install' as const, description: 'Initial install underway' } };
  rel.manifest = '---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: fresh-cfg}\ndata: {v: x}\n';
  await driver.create(rel, { annotations: { 'skiff.io/lock-operation': 'install', 'skiff.io/lock-holder': 'ci@runner pid 1', 'skiff.io/lock-expires': new Date(Date.now() - 1000).toISOString() } });
  await rt.client.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fresh-cfg', labels: { 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'fresh', 'meta.helm.sh/release-namespace': 'default' } }, data: { v: 'x' } });
  const rep = await ok(['recover', 'fresh']);
  assert.match(rep.stdout, /^LOCK: expired, until /m);
  assert.match(rep.stdout, /^REPLACES: nothing \(first install\)$/m);
  const r = await ok(['recover', 'fresh', '--rollback']);
  assert.match(r.stdout, /the interrupted install was uninstalled/);
  assert.is(await cm('fresh-cfg'), undefined);
  assert.is((await sk(['status', 'fresh'])).code, 1);
});

test.run();
