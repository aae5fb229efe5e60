// Cost of the sandboxed render process: a bare round trip through
// dist/render-worker.js under the permission model, and the same started from
// the startup snapshot (what every render pays),
// and whole-process `skiff template` on a 1-template and a 1,000-template chart.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'skiff-render-bench-'));

function frame(msg) {
  const body = Buffer.from(JSON.stringify(msg));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

// Mirrors sandboxCommand() in src/render/process.ts (Node 20 spelling).
const pkgs = ['nunjucks', 'yaml', 'semver', 'a-sync-waterfall', 'asap'].map((p) => `--allow-fs-read=${join(root, 'node_modules', p)}/*`);
const args = ['--experimental-permission', `--allow-fs-read=${join(root, 'dist')}/*`, ...pkgs, `--allow-fs-read=${join(root, 'package.json')}`, '--no-warnings', '--frozen-intrinsics', '--disallow-code-generation-from-strings', join(root, 'dist', 'render-worker.js')];
const request = frame({
  type: 'render',
  chart: { metadata: { apiVersion: 'v2', name: 'b', version: '1.0.0' }, templates: [{ name: 'templates/a.yaml', data: Buffer.from('a: {{ Release.Name }}').toString('base64') }], files: [], dependencies: [] },
  values: {},
  options: { release: { name: 'r', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false }, hasLookup: false, timeoutMs: 30000, maxOutputBytes: 1 << 26, maxRecursionDepth: 100, maxLoopIterations: 1e6, renderSubchartNotes: false, strict: false },
});

function best(fn, n = 5) {
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}

function roundTrip(argv) {
  return best(() => {
    const r = spawnSync(process.execPath, argv, { input: request, env: {} });
    if (!r.stdout.toString().includes('"type":"result"')) throw new Error(`worker failed: ${r.stderr}`);
  });
}
const bare = best(() => spawnSync(process.execPath, ['-e', '0']));
console.log(`render process round trip (spawn + load engine + 1 template): ${roundTrip(args).toFixed(0)} ms (bare node start: ${bare.toFixed(0)} ms)`);
// The same from the startup snapshot npm run build makes (src/render/snapshot.ts), with the V8 flags it was built for.
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(root, 'dist', 'render-snapshot.json'), 'utf8'));
} catch {
  manifest = undefined;
}
if (manifest?.node === process.version) {
  const fromSnapshot = [...args.slice(0, -1).filter((a) => a !== '--disallow-code-generation-from-strings'), ...manifest.v8Flags, '--snapshot-blob', join(root, 'dist', 'render-snapshot', manifest.blob)];
  console.log(`render process round trip from the startup snapshot: ${roundTrip(fromSnapshot).toFixed(0)} ms`);
} else {
  console.log('render process round trip from the startup snapshot: no snapshot for this Node (run npm run build)');
}

function chart(dir, n) {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: b\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'image: nginx\n');
  writeFileSync(join(dir, 'templates', '_h.tpl'), '{% define "b.labels" %}app: {{ Chart.Name }}\nrelease: {{ Release.Name }}{% enddefine %}');
  for (let i = 0; i < n; i++) {
    writeFileSync(join(dir, 'templates', `t${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-${i}\n  labels:{{ include("b.labels") | nindent(4) }}\ndata:\n  image: {{ Values.image | quote }}\n  conf: |\n{{ Values | toYaml | indent(4) }}\n`);
  }
  return dir;
}

for (const n of [1, 1000]) {
  const dir = chart(join(work, `c${n}`), n);
  const ms = best(() => {
    const r = spawnSync(process.execPath, [cli, 'template', 'r', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr);
  }, 3);
  console.log(`skiff template, ${n} template(s): ${ms.toFixed(0)} ms whole process`);
}
