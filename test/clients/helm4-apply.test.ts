// Helm 4's apply semantics through the real clients on the bundled cluster:
// Helm 4 installs server-side and skiff upgrades and rolls back with the same
// field manager and method (and Helm 4 upgrades after it), Helm 3 installs
// client-side and skiff keeps it so, a field another manager owns is reported
// as a conflict and taken with --force-conflicts, and bad flags change nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, run, tempDir } from '../support/cli.js';
import { helm4Binary, helmBinary, helmHomeEnv, kubectlBinary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const home = tempDir('skiff-helm4-home-');
const secrets = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };
const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

function chart(name: string): string {
  const dir = join(tempDir('skiff-chart-'), name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(dir, 'values.yaml'), 'color: red\nsize: small\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  color: {{ .Values.color }}\n  size: {{ .Values.size }}\n');
  return dir;
}

const ok = async (args: string[]) => {
  const r = await skiff([...args, ...K]);
  if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};
const helm = async (bin: string, args: string[]) => {
  const r = await run(bin, [...args, ...K], { env: { ...helmHomeEnv(join(home, bin.includes('4') ? 'h4' : 'h3')), HOME: home }, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};

/** The release record as stored (Helm's encoding), decoded. */
async function record(name: string, version: number): Promise<Record<string, any>> {
  const s = await rt.client.get<any>({ ...secrets, name: `sh.helm.release.v1.${name}.v${version}` });
  return JSON.parse(gunzipSync(Buffer.from(Buffer.from(s.data.release, 'base64').toString(), 'base64')).toString());
}
const live = (name: string) => rt.client.get<any>({ ...configmaps, name });
/** "manager/operation" of every managedFields entry. */
const managers = async (name: string) => ((await live(name)).metadata.managedFields ?? []).map((m: any) => `${m.manager}/${m.operation}`).sort();

test('Helm 4 installs server-side; skiff upgrades and rolls back keeping ssa under the "helm" field manager; Helm 4 upgrades after it', async () => {
  const dir = chart('h4');
  await helm(helm4Binary(), ['install', 'h4', dir]);
  assert.is((await record('h4', 1)).apply_method, 'ssa');
  assert.equal(await managers('h4-cfg'), ['helm/Apply']);

  await ok(['upgrade', 'h4', dir, '--set', 'color=blue']);
  const r2 = await record('h4', 2);
  assert.is(r2.apply_method, 'ssa', 'auto keeps the method Helm 4 installed with');
  assert.is((await live('h4-cfg')).data.color, 'blue');
  assert.equal(await managers('h4-cfg'), ['helm/Apply'], 'one owner: skiff applied as "helm", no conflict, no second manager');

  await helm(helm4Binary(), ['upgrade', 'h4', dir, '--set', 'color=green', '--set', 'size=large']);
  assert.is((await record('h4', 3)).apply_method, 'ssa');
  assert.equal((await live('h4-cfg')).data, { color: 'green', size: 'large' });

  await ok(['rollback', 'h4', '2']);
  const r4 = await record('h4', 4);
  assert.is(r4.apply_method, 'ssa');
  assert.is(r4.info.rollback_revision, 2);
  assert.equal((await live('h4-cfg')).data, { color: 'blue', size: 'small' });
  assert.equal(await managers('h4-cfg'), ['helm/Apply']);
  await helm(helm4Binary(), ['rollback', 'h4', '3']);
  assert.equal((await live('h4-cfg')).data, { color: 'green', size: 'large' });
  const hist = JSON.parse((await helm(helm4Binary(), ['history', 'h4', '-o', 'json'])).stdout);
  assert.equal(hist.map((h: any) => h.status), ['superseded', 'superseded', 'superseded', 'superseded', 'deployed']);
});

test('Helm 3 installs client-side; skiff upgrades keep client-side apply (csa), and Helm 3 upgrades after it', async () => {
  const dir = chart('h3');
  await helm(helmBinary(), ['install', 'h3', dir]);
  assert.is((await record('h3', 1)).apply_method, undefined, 'Helm 3 records no apply method');
  await ok(['upgrade', 'h3', dir, '--set', 'color=blue']);
  assert.is((await record('h3', 2)).apply_method, 'csa');
  assert.is((await live('h3-cfg')).data.color, 'blue');
  assert.equal(await managers('h3-cfg'), ['helm/Update'], 'patched client-side under the same manager Helm 3 used');
  await helm(helmBinary(), ['upgrade', 'h3', dir, '--set', 'color=green']);
  assert.is((await live('h3-cfg')).data.color, 'green');
  // Switching to server-side hands the fields Helm 3 and skiff owned client-side to the apply entry first: no self-conflict.
  await ok(['upgrade', 'h3', dir, '--set', 'color=yellow', '--server-side=true']);
  assert.is((await record('h3', 4)).apply_method, 'ssa');
  assert.is((await live('h3-cfg')).data.color, 'yellow');
  assert.equal(await managers('h3-cfg'), ['helm/Apply']);
  await helm(helm4Binary(), ['upgrade', 'h3', dir, '--set', 'color=white']);
  assert.is((await record('h3', 5)).apply_method, 'ssa', 'Helm 4 latches on the method skiff switched to');
  // A new install by skiff is server-side, as Helm 4's; --server-side=false keeps Helm 3's way.
  await ok(['install', 'fresh', dir]);
  assert.is((await record('fresh', 1)).apply_method, 'ssa');
  await ok(['install', 'classic', dir, '--server-side=false']);
  assert.is((await record('classic', 1)).apply_method, 'csa');
  assert.equal(await managers('classic-cfg'), ['helm/Update']);
});

test('a field another manager owns is a conflict naming field and manager; --force-conflicts takes it', async () => {
  const dir = chart('cf');
  await ok(['install', 'cf', dir]);
  const edit = await run(kubectlBinary(), ['patch', 'configmap', 'cf-cfg', '--type', 'merge', '-p', '{"data":{"color":"purple"}}', ...K]);
  assert.is(edit.code, 0, edit.stderr);
  const r = await skiff(['upgrade', 'cf', dir, '--set', 'size=large', ...K]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /server-side apply conflict on ConfigMap default\/cf-cfg/);
  assert.match(r.stderr, /\.data\.color: managed by "kubectl-patch"/);
  assert.match(r.stderr, /--force-conflicts/);
  assert.is((await live('cf-cfg')).data.color, 'purple', 'nothing was taken');
  assert.is((await record('cf', 2)).info.status, 'failed');
  await ok(['upgrade', 'cf', dir, '--set', 'size=large', '--force-conflicts']);
  assert.equal((await live('cf-cfg')).data, { color: 'red', size: 'large' });
  assert.ok(!(await managers('cf-cfg')).some((m: string) => m.startsWith('kubectl-patch')), 'the forced apply took the field from kubectl');
  // --reset-drift takes back what changed outside the release, a field another manager now owns included.
  assert.is((await run(kubectlBinary(), ['patch', 'configmap', 'cf-cfg', '--type', 'merge', '-p', '{"data":{"color":"orange"}}', ...K])).code, 0);
  await ok(['upgrade', 'cf', dir, '--set', 'size=large', '--set', 'color=pink', '--reset-drift']);
  assert.equal((await live('cf-cfg')).data, { color: 'pink', size: 'large' });
  // --force-conflicts makes no sense client-side: refused before anything is written.
  const csa = await skiff(['upgrade', 'cf', dir, '--server-side=false', '--force-conflicts', ...K]);
  assert.is(csa.code, 2);
  assert.match(csa.stderr, /--force-conflicts needs server-side apply/);
  assert.is((await rt.client.list({ ...secrets }, { labelSelector: 'name=cf' })).items.length, 4);
});

test('bad flag values are refused with their valid values, and nothing changes', async () => {
  const dir = chart('bad');
  await ok(['install', 'bad', dir]);
  for (const [flag, re] of [
    ['--wait=soon', /invalid wait strategy "soon": valid strategies are watcher, legacy, hookOnly/],
    ['--server-side=maybe', /invalid --server-side "maybe": must be "true", "false" or "auto"/],
  ] as const) {
    const r = await skiff(['upgrade', 'bad', dir, '--set', 'color=blue', flag, ...K]);
    assert.is(r.code, 2, flag);
    assert.match(r.stderr, re);
  }
  assert.is((await rt.client.list({ ...secrets }, { labelSelector: 'name=bad' })).items.length, 1, 'no revision written');
  assert.is((await live('bad-cfg')).data.color, 'red');
  // Helm 3's spellings still work, with Helm 4's deprecation warnings.
  const old = await ok(['upgrade', 'bad', dir, '--atomic', '--force', '--server-side=false']);
  assert.match(old.stderr, /Flag --atomic has been deprecated, use --rollback-on-failure instead/);
  assert.match(old.stderr, /Flag --force has been deprecated, use --force-replace instead/);
});

test.run();
