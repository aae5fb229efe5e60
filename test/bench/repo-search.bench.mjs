// skiff search repo over a cached index of 5,000 chart versions, whole
// process (spawn to exit); target ≤ 100 ms. Also repo add (fetch + parse +
// cache) of that index.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, makeRepoDir, median } from './repo-common.mjs';

const dir = makeRepoDir(500, 10);
const home = mkdtempSync(join(tmpdir(), 'skiff-bench-home-'));
const env = { ...process.env, SKIFF_HOME: home };
const idx = spawnSync(process.execPath, [CLI, 'repo', 'index', dir], { encoding: 'utf8' });
if (idx.status !== 0) throw new Error(idx.stderr);
const server = spawn(process.execPath, [CLI, 'repo', 'serve', dir, '--address', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = / at (http\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const run = (args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: r.stdout };
};
const add = run(['repo', 'add', 'bench', url]);
console.log(`repo add (download, parse and cache 5000 versions): ${add.ms.toFixed(0)} ms`);
const base = [];
for (let i = 0; i < 7; i++) base.push(run(['version']).ms);
for (const [label, args] of [
  ['search repo databases', ['search', 'repo', 'databases']],
  ['search repo (all)', ['search', 'repo']],
  ['search repo k7 -l', ['search', 'repo', 'k7', '-l']],
  ['search repo chart-04 --version ^1.5', ['search', 'repo', 'chart-04', '--version', '^1.5']],
]) {
  const ms = [];
  let lines = 0;
  for (let i = 0; i < 7; i++) {
    const r = run(args);
    ms.push(r.ms);
    lines = r.out.split('\n').length - 2;
  }
  console.log(`${label.padEnd(38)} median ${median(ms).toFixed(0)} ms (${lines} results; target <= 100 ms)`);
}
console.log(`(for scale: skiff version median ${median(base).toFixed(0)} ms on this machine)`);
server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
