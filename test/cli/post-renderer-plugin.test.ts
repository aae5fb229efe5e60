// --post-renderer NAME as Helm 4 reads it: a postrenderer/v1 plugin from
// $HELM_PLUGINS (or $HELM_DATA_HOME/plugins), run with its platformCommand,
// $HELM_PLUGIN_DIR expanded and --post-renderer-args appended, manifests and
// hooks both post-rendered. skiff's output is Helm 4.1.4's byte for byte; an
// executable path (Helm 3, which Helm 4 refuses) keeps working; a plugin that
// cannot run or misbehaves is a clear error and nothing is applied.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';

const work = tempDir('skiff-pr-plugin-');
const plugins = join(work, 'plugins');
const chart = join(work, 'c');
let rt: Runtime;
let K: string[];
const cms = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

function plugin(name: string, yaml: string, script?: string): void {
  const dir = join(plugins, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'plugin.yaml'), yaml);
  if (script) {
    writeFileSync(join(dir, 'run.sh'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, 'run.sh'), 0o755);
  }
}
const v1 = (name: string, extra = '', runtime = 'subprocess') =>
  `apiVersion: v1\nname: ${name}\ntype: postrenderer/v1\nruntime: ${runtime}\nversion: 0.1.0\nruntimeConfig:\n  platformCommand:\n  - command: "$HELM_PLUGIN_DIR/run.sh"\n    args: ["--from-plugin"]\n${extra}`;

const env = { HOME: work, HELM_PLUGINS: plugins };

test.before(async () => {
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  text: |\n    a\n    b\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n');
  writeFileSync(join(chart, 'templates', 'hook.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": post-install\ndata: {}\n');
  // $1 is the plugin's own argument, $2 the --post-renderer-args value.
  plugin('labeller', v1('labeller'), '[ "$1" = --from-plugin ] || exit 9\nsed "s/^metadata:/metadata:\\n  labels:\\n    post-rendered: \\"$2\\"/"');
  plugin('failing', v1('failing'), 'cat >/dev/null; echo "kustomize: accumulating resources: missing kustomization.yaml" >&2; exit 4');
  plugin('garbage', v1('garbage'), 'cat >/dev/null; printf "kind: [unclosed\\n"');
  plugin('adder', v1('adder'), 'cat; printf -- "---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: added\\n"');
  plugin('nocmd', 'apiVersion: v1\nname: nocmd\ntype: postrenderer/v1\nruntime: subprocess\nversion: 0.1.0\nruntimeConfig:\n  platformCommand:\n  - command: "$HELM_PLUGIN_DIR/missing.sh"\n');
  plugin('wasm', v1('wasm', '', 'extism/v1'));
  plugin('envdump', v1('envdump'), 'env | grep -E "^(HELM_|KUBECONFIG=)" | sort > "$ENVDUMP_OUT"; cat');
  // A CLI plugin is not a post-renderer, even with the name asked for.
  plugin('clionly', 'apiVersion: v1\nname: clionly\ntype: cli/v1\nruntime: subprocess\nversion: 0.1.0\nruntimeConfig:\n  platformCommand:\n  - command: "$HELM_PLUGIN_DIR/run.sh"\n', 'cat');
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
});
test.after(async () => {
  await rt?.stop();
});

test('a postrenderer/v1 plugin renders manifests and hooks exactly as Helm 4 does', async () => {
  const args = ['template', 'r', chart, '--post-renderer', 'labeller', '--post-renderer-args', 'x'];
  const ours = await skiff(args, { env });
  assert.is(ours.code, 0, ours.stderr);
  const theirs = await run(helm4Binary(), args, { env });
  assert.is(theirs.code, 0, theirs.stderr);
  assert.is(ours.stdout, theirs.stdout);
  assert.is(ours.stdout.match(/post-rendered: "x"/g)?.length, 3, 'two manifests and the hook');
  assert.not.match(ours.stdout, /postrender-filename/);
  // The default plugins folder, $HELM_DATA_HOME/plugins, without $HELM_PLUGINS.
  const viaData = await skiff(args, { env: { HOME: work, HELM_DATA_HOME: work } });
  assert.is(viaData.stdout, ours.stdout);
});

test('a plugin gets the variables Helm 4 gives it: HELM_PLUGIN_NAME and HELM_PLUGIN_DIR over the caller\'s own, no settings', async () => {
  const dump = async (bin: string, runner: typeof skiff, out: string): Promise<Map<string, string>> => {
    const r = await runner(['template', 'r', chart, '-n', 'team', '--kube-context', 'ctx', '--kubeconfig', '/nowhere/config', '--post-renderer', 'envdump'], { env: { ...env, XDG_CONFIG_HOME: join(work, 'xdg'), ENVDUMP_OUT: out } });
    assert.is(r.code, 0, `${bin}: ${r.stderr}`);
    const { readFileSync } = await import('node:fs');
    return new Map(readFileSync(out, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]));
  };
  const ours = await dump('skiff', skiff, join(work, 'env-skiff'));
  const theirs = await dump('helm', (a, o) => run(helm4Binary(), a, o), join(work, 'env-helm'));
  assert.equal([...ours], [...theirs]);
  assert.is(ours.get('HELM_PLUGIN_NAME'), 'envdump');
});

test('install applies and records the plugin output, hooks included', async () => {
  const r = await skiff(['install', 'p', chart, '--post-renderer', 'labeller', '--post-renderer-args', 'live', ...K], { env });
  assert.is(r.code, 0, r.stderr);
  for (const name of ['p-cm', 'p-hook']) {
    const cm = await rt.client.get<any>({ ...cms, name });
    assert.is(cm.metadata.labels?.['post-rendered'], 'live', name);
    assert.not.ok(cm.metadata.annotations?.['postrenderer.helm.sh/postrender-filename'], name);
  }
  assert.match((await skiff(['get', 'hooks', 'p', ...K], { env })).stdout, /post-rendered: "live"/);
});

test('a plugin wins over $PATH; a path is always the executable (Helm 3), which Helm 4 refuses', async () => {
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'labeller'), '#!/bin/sh\nsed "s/^metadata:/metadata:\\n  labels:\\n    from-path: \\"yes\\"/"\n');
  chmodSync(join(bin, 'labeller'), 0o755);
  const pathEnv = { ...env, PATH: `${bin}:${process.env.PATH}` };
  const byName = await skiff(['template', 'r', chart, '--post-renderer', 'labeller', '--post-renderer-args', 'p'], { env: pathEnv });
  assert.match(byName.stdout, /post-rendered: "p"/);
  assert.not.match(byName.stdout, /from-path/);
  const byPath = await skiff(['template', 'r', chart, '--post-renderer', join(bin, 'labeller')], { env: pathEnv });
  assert.is(byPath.code, 0, byPath.stderr);
  assert.match(byPath.stdout, /from-path: "yes"/);
  assert.match(byPath.stdout, /# Source: c\/templates\/hook\.yaml\n[^]*from-path/, 'hooks too');
  assert.ok((await run(helm4Binary(), ['template', 'r', chart, '--post-renderer', join(bin, 'labeller')], { env: pathEnv })).code !== 0, 'Helm 4 takes only plugin names');
  // Not a post-renderer plugin and not on $PATH: both places named.
  const none = await skiff(['template', 'r', chart, '--post-renderer', 'clionly'], { env });
  assert.is(none.code, 1);
  assert.match(none.stderr, /executable file not found in \$PATH, and there is no postrenderer\/v1 plugin named "clionly" in .*plugins/);
});

test('a plugin that cannot run or misbehaves is a clear error; nothing is applied', async () => {
  const cases: [string, RegExp][] = [
    ['failing', /error output:\nkustomize: accumulating resources: missing kustomization\.yaml\n: exit status 4/],
    ['garbage', /post-renderer garbage at line 1/],
    ['nocmd', /unable to find binary at .*missing\.sh \(the command of post-renderer plugin "nocmd"/],
    ['wasm', /plugin "wasm" \(.*plugin\.yaml\) uses runtime "extism\/v1"; skiff runs subprocess post-renderer plugins only/],
  ];
  for (const [name, re] of cases) {
    const r = await skiff(['install', `bad-${name}`, chart, '--post-renderer', name, ...K], { env });
    assert.is(r.code, 1, name);
    assert.match(r.stderr, re, name);
    assert.is((await skiff(['status', `bad-${name}`, ...K], { env })).code, 1, `${name}: no release recorded`);
  }
  const live = (await rt.client.list<any>(cms)).items.map((i: { metadata: { name: string } }) => i.metadata.name);
  assert.not.ok(live.some((n: string) => n.startsWith('bad-')), 'nothing applied');
});

test("objects a post-renderer adds are kept, under the post-renderer's name", async () => {
  const r = await skiff(['template', 'r', chart, '--post-renderer', 'adder'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /# Source: post-renderer adder\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: added\n/);
  assert.match(r.stdout, /# Source: c\/templates\/cm\.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-cm\n/);
});

test.run();
