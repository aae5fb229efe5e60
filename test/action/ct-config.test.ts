// chart-testing compatibility: ct.yaml read as ct reads it (search
// locations, CT_ variables, flags over both, lists as comma strings), bad
// keys and types named with file and line; changed-chart detection with real
// git against remote/target-branch, the version-increment check, and an
// upgrade from the chart's previous revision on the target branch, through
// `skiff test chart` on the bundled cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCtConfig, parseHelmExtraArgs, splitArgs } from '../../src/action/ct-config.js';
import { nonBreaking, selectCharts } from '../../src/action/ct-select.js';
import { parseDuration } from '../../src/cli/duration.js';
import { run, skiff, tempDir } from '../support/cli.js';

const NOENV = { HOME: '/nonexistent' };

function ctFile(text: string): string {
  const dir = tempDir('skiff-ct-');
  writeFileSync(join(dir, 'ct.yaml'), text);
  return dir;
}

test('ct.yaml: found in the working directory, CT_ variables over the file, flags over both, lists as YAML or comma strings', () => {
  const dir = ctFile('remote: upstream\ntarget-branch: develop\nchart-dirs:\n  - stable\n  - incubator\nexcluded-charts: a,b\nhelm-extra-args: --timeout 600s\nvalidate-maintainers: false\n');
  const c = loadCtConfig({ cwd: dir, env: NOENV });
  assert.is(c.file, join(dir, 'ct.yaml'));
  assert.is(c.remote, 'upstream');
  assert.equal(c['chart-dirs'], ['stable', 'incubator']);
  assert.equal(c['excluded-charts'], ['a', 'b']);
  assert.is(c['check-version-increment'], true, "ct's default");
  assert.is(c['validate-maintainers'], false);
  const e = loadCtConfig({ cwd: dir, env: { ...NOENV, CT_TARGET_BRANCH: 'release', CT_CHART_DIRS: 'x,y' } });
  assert.is(e['target-branch'], 'release');
  assert.equal(e['chart-dirs'], ['x', 'y']);
  const f = loadCtConfig({ cwd: dir, env: { ...NOENV, CT_TARGET_BRANCH: 'release' }, flags: { 'target-branch': 'hotfix', all: true } });
  assert.is(f['target-branch'], 'hotfix');
  assert.is(f.all, true);
  const none = loadCtConfig({ cwd: tempDir(), env: NOENV });
  assert.is(none.file, undefined);
  assert.equal(none['chart-dirs'], ['charts']);
  const viaDir = loadCtConfig({ cwd: tempDir(), env: { ...NOENV, CT_CONFIG_DIR: dir } });
  assert.is(viaDir.remote, 'upstream');
});

test('ct.yaml: an unknown key, a wrong type, bad YAML and ct\'s contradictions are errors naming file and line', () => {
  const unknown = ctFile('remote: origin\ntarget-brnach: main\n');
  assert.throws(() => loadCtConfig({ cwd: unknown, env: NOENV }), (e: Error) => e.message === `${join(unknown, 'ct.yaml')}:2: unknown key "target-brnach" (did you mean "target-branch"?)`);
  const badBool = ctFile('chart-dirs: [charts]\nupgrade: yes please\n');
  assert.throws(() => loadCtConfig({ cwd: badBool, env: NOENV }), /ct\.yaml:2: upgrade: expected true or false, got "yes please"/);
  const badList = ctFile('charts:\n  nested: map\n');
  assert.throws(() => loadCtConfig({ cwd: badList, env: NOENV }), /ct\.yaml:1: charts: expected a list of strings/);
  const badYaml = ctFile('remote: [origin\n');
  assert.throws(() => loadCtConfig({ cwd: badYaml, env: NOENV }), /ct\.yaml:\d+: not valid YAML/);
  assert.throws(() => loadCtConfig({ cwd: tempDir(), env: NOENV, file: 'missing.yaml' }), /failed loading config file: missing\.yaml: no such file/);
  assert.throws(() => loadCtConfig({ cwd: tempDir(), env: NOENV, flags: { all: true, charts: ['a'] } }), /specifying both, '--all' and '--charts', is not allowed/);
  assert.throws(() => loadCtConfig({ cwd: tempDir(), env: NOENV, flags: { namespace: 'ci', 'release-label': '' } }), /'--namespace' without '--release-label'/);
  assert.throws(() => loadCtConfig({ cwd: tempDir(), env: { ...NOENV, CT_UPGRADE: 'maybe' } }), /CT_UPGRADE: expected true or false, got "maybe"/);
});

test('helm-extra-args: --timeout and the values flags are taken, other flags refused by name; quotes split as a shell does', () => {
  assert.equal(splitArgs(`--set a=1 --set-string 'b=x y' "--set=c=\\"q\\""`), ['--set', 'a=1', '--set-string', 'b=x y', '--set=c="q"']);
  const x = parseHelmExtraArgs('--timeout 600s --set a=1 --set=b=2 -f ci/x.yaml --wait --set-json c={"d":1}', 'helm-extra-args', parseDuration);
  assert.is(x.timeoutMs, 600_000);
  assert.equal(x.set, ['a=1', 'b=2']);
  assert.equal(x.valueFiles, ['ci/x.yaml']);
  assert.equal(x.setJson, ['c={"d":1}']);
  assert.throws(() => parseHelmExtraArgs('--kube-apiserver x', 'helm-extra-args', parseDuration), /helm-extra-args: skiff test chart does not take "--kube-apiserver"/);
  assert.throws(() => parseHelmExtraArgs('--set', 'helm-extra-set-args', parseDuration), /--set needs a value/);
});

test("ct's breaking-change rule: ^old for 1.x and up, ~old for 0.x", () => {
  assert.ok(nonBreaking('1.2.0', '1.3.0'));
  assert.not.ok(nonBreaking('1.2.0', '2.0.0'));
  assert.ok(nonBreaking('0.2.0', '0.2.5'));
  assert.not.ok(nonBreaking('0.2.0', '0.3.0'));
});

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'init.defaultBranch=main', ...args], { cwd });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function chart(root: string, name: string, version: string, data = 'v1'): void {
  const d = join(root, 'charts', name);
  mkdirSync(join(d, 'templates'), { recursive: true });
  writeFileSync(join(d, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\nmaintainers:\n  - name: ci\nannotations:\n  skiff.dev/template-engine: go\n`);
  writeFileSync(join(d, 'values.yaml'), `data: ${data}\n`);
  writeFileSync(join(d, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  v: {{ .Values.data | quote }}\n');
}

/** A repository with charts a and b on origin/main, then a branch that changes only a. */
async function repo(bump: boolean): Promise<string> {
  const origin = tempDir('skiff-ct-origin-');
  await git(origin, 'init', '--bare', '-q');
  const root = tempDir('skiff-ct-repo-');
  await git(root, 'init', '-q');
  chart(root, 'a', '1.0.0');
  chart(root, 'b', '1.0.0');
  await git(root, 'add', '-A');
  await git(root, 'commit', '-qm', 'charts');
  await git(root, 'remote', 'add', 'origin', origin);
  await git(root, 'push', '-q', 'origin', 'main');
  await git(root, 'checkout', '-qb', 'feature');
  chart(root, 'a', bump ? '1.1.0' : '1.0.0', 'v2');
  await git(root, 'commit', '-qam', 'change a');
  return root;
}

test('changed charts: only the chart changed since the merge base with origin/main; --all takes every chart; excluded charts never', async () => {
  const root = await repo(true);
  const cfg = (flags = {}) => loadCtConfig({ cwd: root, env: NOENV, flags });
  const changed = await selectCharts(cfg(), root);
  assert.equal(changed.charts.map((c) => c.path), [join(root, 'charts/a')]);
  assert.is(changed.charts[0]!.lintErrors, undefined);
  const all = await selectCharts(cfg({ all: true }), root);
  assert.equal(all.charts.map((c) => c.path), [join(root, 'charts/a'), join(root, 'charts/b')]);
  const excluded = await selectCharts(cfg({ all: true, 'excluded-charts': ['a'] }), root);
  assert.equal(excluded.charts.map((c) => c.path), [join(root, 'charts/b')]);
  const missing = await selectCharts(cfg({ 'target-branch': 'nope' }), root).then(() => '', (e: Error) => e.message);
  assert.is(missing, "targetBranch 'origin/nope' does not exist");
});

test('skiff test chart with ct settings: a changed chart without a version bump fails lint; with one, --upgrade installs the previous revision and upgrades', async () => {
  const same = await repo(false);
  const r1 = await skiff(['test', 'chart', '--validate-maintainers'], { cwd: same, timeoutMs: 180_000 });
  assert.is(r1.code, 1, r1.stdout + r1.stderr);
  assert.match(r1.stdout, /chart version not ok\. Needs a version bump! \(origin\/main has 1\.0\.0, this has 1\.0\.0\)/);
  assert.not.match(r1.stdout, /charts\/b|b-1\.0\.0/, 'the unchanged chart is not tested');

  const bumped = await repo(true);
  writeFileSync(join(bumped, 'ct.yaml'), 'target-branch: main\nupgrade: true\nhelm-extra-set-args: --set=extra=1\nadditional-commands:\n  - test -f {{ .Path }}/Chart.yaml\n');
  const r2 = await skiff(['test', 'chart'], { cwd: bumped, timeoutMs: 180_000 });
  assert.is(r2.code, 0, r2.stdout + r2.stderr);
  assert.match(r2.stdout, /Using config file: .*ct\.yaml/);
  assert.match(r2.stdout, /installed the previous revision 1\.0\.0 to upgrade from/);
  assert.match(r2.stdout, /upgraded from 1\.0\.0 to 1\.1\.0/);

  writeFileSync(join(bumped, 'ct.yaml'), 'additional-commands:\n  - "false"\ntarget-branch: main\n');
  const r3 = await skiff(['test', 'chart'], { cwd: bumped, timeoutMs: 180_000 });
  assert.is(r3.code, 1);
  assert.match(r3.stdout, /additional command failed \(exit 1\): false/);

  writeFileSync(join(bumped, 'ct.yaml'), 'target-branch: main\nhelm-extra-args: --kube-token x\n');
  const r4 = await skiff(['test', 'chart'], { cwd: bumped });
  assert.is(r4.code, 2, r4.stderr);
  assert.match(r4.stderr, /helm-extra-args: skiff test chart does not take "--kube-token"/);
});

test.run();
