// Runs every test file (test/**/*.test.ts) in its own Node process, two at a
// time, and ends with one line: "N passed, N failed".
import { spawn } from 'node:child_process';
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir, availableParallelism } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const FILE_TIMEOUT_MS = Number(process.env.SKIFF_TEST_TIMEOUT_MS ?? 300_000);

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'bench' || name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

const files = find(join(root, 'test')).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const kubeCache = mkdtempSync(join(tmpdir(), 'skiff-kubecache-'));
const suiteStart = Date.now();
let passed = 0;
let failed = 0;
const failures = [];

function runFile(file) {
  return new Promise((resolve) => {
    const home = mkdtempSync(join(tmpdir(), 'skiff-test-home-'));
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, SKIFF_HOME: home, KUBECACHEDIR: kubeCache, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n[runner] ${relative(root, file)} exceeded ${FILE_TIMEOUT_MS} ms and was killed\n`;
      child.kill('SIGKILL');
    }, FILE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
      const total = Number(/Total:\s+(\d+)/.exec(clean)?.[1] ?? 0);
      const ok = Number(/Passed:\s+(\d+)/.exec(clean)?.[1] ?? 0);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(clean)?.[1] ?? 0);
      let bad = total - ok - skipped;
      if (code !== 0 && bad === 0) bad = 1; // a crash or timeout counts as a failure
      passed += ok;
      failed += bad;
      const rel = relative(root, file);
      process.stdout.write(`${bad ? 'FAIL' : 'ok  '} ${rel} (${ok}/${total}) ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
      if (bad) failures.push({ rel, out: clean });
      resolve();
    });
  });
}

const queue = [...files];
const workers = Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, async () => {
  while (queue.length) await runFile(queue.shift());
});
await Promise.all(workers);
rmSync(kubeCache, { recursive: true, force: true });
for (const f of failures) process.stdout.write(`\n===== ${f.rel} =====\n${f.out.slice(-20000)}\n`);
process.stdout.write(`\n${files.length} files in ${((Date.now() - suiteStart) / 1000).toFixed(0)}s\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
