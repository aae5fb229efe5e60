// `skiff test chart` figures through the built CLI: the whole lifecycle of
// the example web chart per values file (goal < 3 s each, all phases), and
// 10 values files with --parallel (goal <= 2x one); and `skiff unittest` on
// 250 helm-unittest cases, whole process (goal < 1 s). Printed, not asserted.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');
const webapp = join(root, 'charts', 'webapp');
const out = mkdtempSync(join(tmpdir(), 'skiff-bench-ct-'));
// A home of its own: the compiled-template and suite caches start empty, so the first runs are cold.
const env = { ...process.env, SKIFF_HOME: join(out, 'home') };

function valuesDir(n) {
  const dir = join(out, `values-${n}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `v${String(i).padStart(2, '0')}-values.yaml`), `replicaCount: ${1 + (i % 3)}\nconfig:\n  RUN: "${i}"\n`);
  return dir;
}

function run(label, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'test', 'chart', webapp, ...args], { encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const perFile = [...r.stdout.matchAll(/^==> \S+ \((.+)\): (passed|FAILED[^)]*?) in ([\d.]+)s$/gm)].map((m) => Number(m[3]) * 1000);
  console.log(`${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms whole process (exit ${r.status}); per values file: ${perFile.map((x) => x.toFixed(0)).join(', ')} ms`);
  if (r.status !== 0) console.log(r.stdout.slice(-2000), r.stderr.slice(-1000));
  return { ms, perFile, stdout: r.stdout };
}

const one = run('webapp, 1 values file', ['--values-dir', valuesDir(1)]);
const phases = one.stdout.split('\n').filter((l) => /^\s+(ok|FAIL)\s/.test(l));
for (const l of phases) console.log(`   ${l.trim()}`);
const ten = run(`webapp, 10 values files, --parallel 10`, ['--values-dir', valuesDir(10), '--parallel', '10']);
console.log(`10 files in parallel / 1 file: ${(ten.ms / one.ms).toFixed(2)}x (goal <= 2x)`);

// 250 helm-unittest cases (10 suites x 25 tests, 10 distinct inputs) on a copy of the web chart, whole process.
const utChart = join(out, 'webapp');
cpSync(webapp, utChart, { recursive: true });
mkdirSync(join(utChart, 'tests'), { recursive: true });
for (let s = 0; s < 10; s++) {
  let text = `suite: bench ${s}\ntemplates:\n  - deployment.yaml\ntests:\n`;
  for (let t = 0; t < 25; t++) {
    const n = (s * 25 + t) % 10;
    text += `  - it: case ${t}\n    set:\n      replicaCount: ${n}\n    asserts:\n      - equal:\n          path: spec.replicas\n          value: ${n}\n      - isKind:\n          of: Deployment\n`;
  }
  writeFileSync(join(utChart, 'tests', `bench${s}_test.yaml`), text);
}
// The first run parses the suites and compiles the templates; the second reads both from the caches.
for (const run of ['first run (cold caches)', 'second run (suites and templates cached)']) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'unittest', utChart], { encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const tests = /Tests:\s+(.*)/.exec(r.stdout)?.[1] ?? r.stderr.slice(0, 300);
  console.log(`${`unittest, 250 cases, ${run}`.padEnd(62)} ${ms.toFixed(0).padStart(6)} ms whole process (exit ${r.status}); ${tests} (goal < 1000 ms)`);
}
