// The render process's startup snapshot (src/render/snapshot.ts): a process
// started from it renders exactly what one started from the script renders,
// keeps the sandbox's fail-closed checks, and a blob that is missing, corrupt
// or built for another Node never breaks a render.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSandboxCommand } from '../../src/render/command.js';
import { encodeFrame, encodeRenderFrames, FrameReader, type RenderRequest } from '../../src/render/protocol.js';
import { snapshotBlob, snapshotV8Flags } from '../../src/render/snapshot.js';
import { chart, RELEASE } from './helpers.js';
import { ROOT, run, tempDir } from '../support/cli.js';

const OPTIONS: RenderRequest['options'] = { release: RELEASE, hasLookup: false, timeoutMs: 30_000, maxOutputBytes: 1 << 26, maxRecursionDepth: 100, maxLoopIterations: 1_000_000, renderSubchartNotes: false, strict: false };

/** A tree with both engines, and the functions that load yaml and semver on first use. */
function mixedChart() {
  const go = chart({
    name: 'db',
    metadata: { annotations: { 'skiff.dev/template-engine': 'go' } },
    templates: {
      'templates/_h.tpl': '{{- define "db.labels" }}app: {{ .Chart.Name }}\nrelease: {{ .Release.Name }}{{ end }}',
      'templates/cm.yaml': 'kind: ConfigMap\nmetadata:\n  labels:\n    {{- include "db.labels" . | nindent 4 }}\ndata:\n  conf: |\n{{ .Values | toYaml | indent 4 }}\n  parsed: {{ (fromYaml "a: [1, 2]").a | toJson | quote }}\n  ok: {{ semverCompare ">=1.2.0" "1.10.3" | quote }}\n  {{- range $k, $v := .Values.env }}\n  {{ $k }}: {{ $v | quote }}\n  {{- end }}',
    },
  });
  return chart({
    templates: {
      'templates/_h.tpl': '{% define "n" %}{{ Release.Name }}-{{ Chart.Name }}{% enddefine %}',
      'templates/a.yaml': 'name: {{ include("n") }}\nvals: {{ Values | toYaml | nindent(2) }}\n{% for i in range(3) %}- {{ i | quote }}\n{% endfor %}',
      'templates/NOTES.txt': 'notes for {{ Release.Name }}',
    },
    dependencies: [go],
  });
}

/** Runs one render request through a render process started with `start` (the script, or --snapshot-blob and the blob). */
function renderWith(start: string[], frame: Buffer): { status: number | null; messages: string[]; stderr: string } {
  const cmd = defaultSandboxCommand();
  const r = spawnSync(cmd.command, [...cmd.args, ...start], { env: cmd.env, cwd: cmd.cwd, input: frame });
  const reader = new FrameReader();
  return { status: r.status, messages: reader.push(r.stdout).map((b) => b.toString('utf8')), stderr: r.stderr.toString('utf8') };
}

test('the build made a startup snapshot for this Node and the render process\'s default flags', () => {
  const cmd = defaultSandboxCommand();
  assert.ok(cmd.snapshot, 'no snapshot for the default render process: npm run build should have built one');
  assert.ok(cmd.snapshot.startsWith(join(ROOT, 'dist', 'render-snapshot') + '/'), cmd.snapshot);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'render-snapshot.json'), 'utf8')) as { node: string; v8Flags: string[] };
  assert.is(manifest.node, process.version);
  assert.equal(manifest.v8Flags, snapshotV8Flags(cmd.args));
});

test('a render process started from the snapshot sends byte for byte what one started from the script sends', () => {
  const cmd = defaultSandboxCommand();
  assert.ok(cmd.snapshot);
  const values = { env: { B: 'two', A: 'one' }, nested: { list: [1, 'x', { y: null }] }, db: { env: { K: 'v' } } };
  const frame = Buffer.concat(encodeRenderFrames({ type: 'render', chart: mixedChart(), values }, [OPTIONS])[0]!);
  const fromScript = renderWith([cmd.script], frame);
  const fromSnapshot = renderWith(['--snapshot-blob', cmd.snapshot], frame);
  assert.is(fromScript.status, 0, fromScript.stderr);
  assert.is(fromSnapshot.status, 0, fromSnapshot.stderr);
  assert.is(fromSnapshot.stderr, '');
  assert.equal(fromSnapshot.messages, fromScript.messages);
  // Both engines ran and the lazily loaded packages worked: yaml (toYaml, fromYaml) and semver.
  const all = fromSnapshot.messages.join('\n');
  assert.match(all, '"type":"result"');
  assert.match(all, 'name: rel-webapp');
  assert.match(all, 'app: db');
  assert.match(all, 'parsed: \\"[1,2]\\"');
  assert.match(all, 'ok: \\"true\\"');
});

test('random functions differ between two processes started from the same snapshot', () => {
  const cmd = defaultSandboxCommand();
  assert.ok(cmd.snapshot);
  const c = chart({ metadata: { annotations: { 'skiff.dev/template-engine': 'go' } }, templates: { 'templates/r.yaml': 'a: {{ randAlphaNum 32 }}\nb: {{ randInt 0 1000000000 }}\nc: {{ uuidv4 }}' } });
  const frame = Buffer.concat(encodeRenderFrames({ type: 'render', chart: c, values: {} }, [OPTIONS])[0]!);
  const one = renderWith(['--snapshot-blob', cmd.snapshot], frame);
  const two = renderWith(['--snapshot-blob', cmd.snapshot], frame);
  assert.is(one.status, 0, one.stderr);
  const file = (r: typeof one) => r.messages.find((m) => m.includes('"type":"file"'))!;
  for (const line of [0, 1, 2]) assert.is.not(JSON.parse(file(one)).text.split('\n')[line], JSON.parse(file(two)).text.split('\n')[line]);
});

test('started from the snapshot without the permission model, the render process refuses to render (fails closed)', () => {
  const cmd = defaultSandboxCommand();
  assert.ok(cmd.snapshot);
  const args = cmd.args.filter((a) => !/^--(?:experimental-)?permission$|^--allow-fs-read=/.test(a));
  const frame = encodeFrame({ type: 'render', chart: { metadata: { apiVersion: 'v2', name: 'x', version: '1.0.0' }, templates: [], files: [], dependencies: [] }, values: {}, options: OPTIONS });
  const r = spawnSync(cmd.command, [...args, '--snapshot-blob', cmd.snapshot], { env: {}, input: frame });
  assert.match(r.stdout.subarray(4).toString('utf8'), 'not running under the Node permission model');
});

// What the render process relies on from its flags, checked in a process
// started from a snapshot this Node builds under the same V8 flags: Node
// applies the permission model, frozen intrinsics and the code-generation
// ban after deserializing, not only when starting from a script.
const PROBE = String.raw`
require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {
  const out = {};
  out.frozen = Object.isFrozen(Array.prototype) && Object.isFrozen(Object.prototype) && Object.isFrozen(Error);
  out.permission = process.permission !== undefined && !process.permission.has('fs.write') && !process.permission.has('child') && !process.permission.has('worker');
  try { Function('return 1'); out.codegen = 'allowed'; } catch (e) { out.codegen = e.constructor.name; }
  try { require('node:fs').writeFileSync(__dirname + '/probe-write.txt', 'x'); out.write = 'allowed'; } catch (e) { out.write = e.code; }
  out.env = Object.keys(process.env).length;
  require('node:fs').writeSync(1, JSON.stringify(out));
});`;

test('started from a snapshot, a process gets the render process\'s sandbox flags: permission model, frozen intrinsics, no code generation, no environment', () => {
  const cmd = defaultSandboxCommand();
  const dir = tempDir('skiff-snapshot-probe-');
  writeFileSync(join(dir, 'probe.cjs'), PROBE);
  const built = spawnSync(cmd.command, [...snapshotV8Flags(cmd.args), '--snapshot-blob', join(dir, 'probe.blob'), '--build-snapshot', join(dir, 'probe.cjs')], { cwd: dir, encoding: 'utf8' });
  assert.is(built.status, 0, built.stderr);
  const r = spawnSync(cmd.command, [...cmd.args, '--snapshot-blob', join(dir, 'probe.blob')], { env: cmd.env, cwd: cmd.cwd, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { frozen: true, permission: true, codegen: 'EvalError', write: 'ERR_ACCESS_DENIED', env: 0 });
});

test('a manifest is used only for this Node, platform, architecture and the exact V8 flags, with its blob present', () => {
  const dist = tempDir('skiff-snapshot-manifest-');
  mkdirSync(join(dist, 'render-snapshot'));
  writeFileSync(join(dist, 'render-snapshot', 'b.blob'), 'x');
  const args = ['--experimental-permission', '--disallow-code-generation-from-strings', '--max-old-space-size=1056', '--max-semi-space-size=2'];
  const base = { blob: 'b.blob', node: process.version, platform: process.platform, arch: process.arch, v8Flags: ['--disallow-code-generation-from-strings', '--max-old-space-size=1056', '--max-semi-space-size=2'] };
  const cases: [string, object, string[], boolean][] = [
    ['matching', base, args, true],
    ['another Node', { ...base, node: 'v20.0.0' }, args, false],
    ['another architecture', { ...base, arch: process.arch === 'x64' ? 'arm64' : 'x64' }, args, false],
    ['another heap size', base, ['--disallow-code-generation-from-strings', '--max-old-space-size=512', '--max-semi-space-size=2'], false],
    ['another young generation size', base, ['--disallow-code-generation-from-strings', '--max-old-space-size=1056', '--max-semi-space-size=16'], false],
    ['V8\'s default young generation', base, ['--disallow-code-generation-from-strings', '--max-old-space-size=1056'], false],
    ['concurrent recompilation on', { ...base, v8Flags: [...base.v8Flags, '--no-concurrent-recompilation'] }, args, false],
    ['code generation allowed', base, ['--max-old-space-size=1056', '--max-semi-space-size=2'], false],
    ['a blob outside its folder', { ...base, blob: '../render-snapshot/b.blob' }, args, false],
    ['a missing blob', { ...base, blob: 'gone.blob' }, args, false],
  ];
  for (const [what, manifest, a, used] of cases) {
    // Each case in its own folder: manifests are read once per folder.
    const d = join(dist, what.replace(/\W/g, '-'));
    cpSync(join(dist, 'render-snapshot'), join(d, 'render-snapshot'), { recursive: true });
    writeFileSync(join(d, 'render-snapshot.json'), JSON.stringify(manifest));
    assert.is(snapshotBlob(d, a) !== undefined, used, what);
  }
  const none = join(dist, 'no-manifest');
  mkdirSync(none);
  assert.is(snapshotBlob(none, args), undefined);
});

/** A copy of this skiff install (package.json, node_modules hard-linked), whose dist/ each case replaces. */
function installCopy(): { root: string; spoilWith(spoil: (dist: string) => void): void } {
  const root = tempDir('skiff-snapshot-install-');
  writeFileSync(join(root, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  const cp = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), join(root, 'node_modules')]);
  assert.is(cp.status, 0, String(cp.stderr));
  return {
    root,
    spoilWith(spoil) {
      rmSync(join(root, 'dist'), { recursive: true, force: true });
      cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
      spoil(join(root, 'dist'));
    },
  };
}

function writeTestChart(): string {
  const dir = tempDir('skiff-snapshot-chart-');
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: snap\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'image: nginx\nenv:\n  A: one\n');
  writeFileSync(join(dir, 'templates', '_h.tpl'), '{{- define "snap.labels" }}app: {{ .Chart.Name }}{{ end }}');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n  labels:\n    {{- include "snap.labels" . | nindent 4 }}\ndata:\n{{ toYaml .Values.env | indent 2 }}\n  image: {{ .Values.image | quote }}\n');
  return dir;
}

test('a corrupt, empty or missing blob, or one of another Node, never breaks a render: skiff template prints the same manifests', async () => {
  const chartDir = writeTestChart();
  const template = (root: string) => run(process.execPath, [join(root, 'dist', 'cli.js'), 'template', 'r', chartDir], { env: { SKIFF_HOME: tempDir('skiff-snapshot-home-') } });
  const expected = await template(ROOT);
  assert.is(expected.code, 0, expected.stderr);
  assert.match(expected.stdout, 'name: r-cm');
  const blobOf = (dist: string) => join(dist, 'render-snapshot', (JSON.parse(readFileSync(join(dist, 'render-snapshot.json'), 'utf8')) as { blob: string }).blob);
  const cases: [string, (dist: string) => void, boolean][] = [
    // Not a snapshot at all: Node aborts before running any code.
    ['random bytes', (d) => writeFileSync(blobOf(d), Buffer.alloc(1 << 20, 0x5a)), true],
    ['empty', (d) => writeFileSync(blobOf(d), ''), true],
    ['truncated', (d) => writeFileSync(blobOf(d), readFileSync(blobOf(d)).subarray(0, 1_000_000)), true],
    // Skipped without a try: the manifest says it cannot be used.
    ['missing', (d) => rmSync(blobOf(d)), false],
    ['built for another Node', (d) => {
      const m = JSON.parse(readFileSync(join(d, 'render-snapshot.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'render-snapshot.json'), JSON.stringify({ ...m, node: 'v20.0.0' }));
      writeFileSync(blobOf(d), Buffer.alloc(1 << 20, 0x5a));
    }, false],
  ];
  const install = installCopy();
  for (const [what, spoil, warned] of cases) {
    install.spoilWith(spoil);
    const r = await template(install.root);
    assert.is(r.code, 0, `${what}: ${r.stderr}`);
    assert.is(r.stdout, expected.stdout, what);
    if (warned) assert.match(r.stderr, /\[SKIFF_RENDER_SNAPSHOT\] Warning: the render process could not start from its startup snapshot .*rendering without it/, what);
    else assert.not.match(r.stderr, 'SKIFF_RENDER_SNAPSHOT', what);
  }
});

test('an install whose node_modules is a symbolic link renders from the script too (the permission model refuses to stat the link)', async () => {
  const chartDir = writeTestChart();
  const nunjucksDir = tempDir('skiff-snapshot-nj-');
  mkdirSync(join(nunjucksDir, 'templates'));
  writeFileSync(join(nunjucksDir, 'Chart.yaml'), 'apiVersion: v2\nname: nj\nversion: 1.0.0\n');
  writeFileSync(join(nunjucksDir, 'templates', 'cm.yaml'), 'kind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}\ndata:\n  ok: "{{ "1.10.3" | semverCompare(">=1.2.0") }}"\n  y: |\n{{ {"a": [1, 2]} | toYaml | indent(4, true) }}\n');
  const root = tempDir('skiff-snapshot-linked-');
  writeFileSync(join(root, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  rmSync(join(root, 'dist', 'render-snapshot.json'));
  for (const dir of [chartDir, nunjucksDir]) {
    const args = ['template', 'r', dir];
    const expected = await run(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { env: { SKIFF_HOME: tempDir('skiff-snapshot-home-') } });
    assert.is(expected.code, 0, expected.stderr);
    const r = await run(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { env: { SKIFF_HOME: tempDir('skiff-snapshot-home-') } });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, expected.stdout);
  }
});

test.run();
