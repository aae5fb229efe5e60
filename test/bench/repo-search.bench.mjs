// skiff search repo over a cached index of 5,000 chart versions, whole
// process (spawn to exit); target ≤ 100 ms. Also repo add (fetch + parse +
// cache) of that index, and `skiff version` for scale.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { CLI, makeRepoDir, median, timeCli } from './repo-common.mjs';

const dir = makeRepoDir(500, 10);
const home = mkdtempSync(join(tmpdir(), 'skiff-bench-home-'));
const env = { ...process.env, SKIFF_HOME: home };
timeCli(['repo', 'index', dir]);
const server = spawn(process.execPath, [CLI, 'repo', 'serve', dir, '--address', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = / at (http\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const fmt = (w, c) => `${w.toFixed(0)} ms wall${c === undefined ? '' : `, ${c.toFixed(0)} ms CPU`}`;
console.log(`load average: ${loadavg()[0].toFixed(1)}`);
const add = timeCli(['repo', 'add', 'bench', url], env);
console.log(`repo add (download, parse and cache 5000 versions): ${fmt(add.wall, add.cpu)}`);
const series = (args) => {
  const rs = Array.from({ length: 7 }, () => timeCli(args, env));
  return { wall: median(rs.map((r) => r.wall)), cpu: rs[0].cpu === undefined ? undefined : median(rs.map((r) => r.cpu)), lines: rs[0].out.split('\n').length - 2 };
};
for (const [label, args] of [
  ['search repo databases', ['search', 'repo', 'databases']],
  ['search repo (all)', ['search', 'repo']],
  ['search repo k7 -l', ['search', 'repo', 'k7', '-l']],
  ['search repo chart-04 --version ^1.5', ['search', 'repo', 'chart-04', '--version', '^1.5']],
]) {
  const r = series(args);
  console.log(`${label.padEnd(38)} median ${fmt(r.wall, r.cpu)} (${r.lines} results; target <= 100 ms)`);
}
const v = series(['version']);
console.log(`${'(for scale) skiff version'.padEnd(38)} median ${fmt(v.wall, v.cpu)}`);
server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
