// skiff search repo over a cached index of 5,000 chart versions, whole
// process (spawn to exit); target ≤ 100 ms. Timed as a user runs it — the
// `skiff` command (dist/cli.js executed, through its launcher) — and as
// `node dist/cli.js`, next to `helm search repo` on the same repository and
// a bare `node -e 0` for scale. Also repo add (fetch + parse + cache).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { CLI, makeRepoDir, median, timeCli, timeProgram } from './repo-common.mjs';
import { helmPath } from './helm.mjs';

const dir = makeRepoDir(500, 10);
const home = mkdtempSync(join(tmpdir(), 'skiff-bench-home-'));
const env = { ...process.env, SKIFF_HOME: home };
const helm = helmPath();
const helmEnv = { ...process.env, HELM_REPOSITORY_CONFIG: join(home, 'helm', 'repositories.yaml'), HELM_REPOSITORY_CACHE: join(home, 'helm', 'cache'), HELM_CACHE_HOME: join(home, 'helm', 'c'), HELM_CONFIG_HOME: join(home, 'helm', 'config'), HELM_DATA_HOME: join(home, 'helm', 'data') };
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
const fmt = (r) => `${r.wall.toFixed(0)} ms wall${r.cpu === undefined ? '' : `, ${r.cpu.toFixed(0)} ms CPU`}`;
console.log(`load average: ${loadavg()[0].toFixed(1)}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? `set (${process.env.NODE_EXTRA_CA_CERTS})` : 'not set'}`);
const add = timeCli(['repo', 'add', 'bench', url], env);
console.log(`repo add (download, parse and cache 5000 versions): ${fmt(add)}`);
if (helm) timeProgram([helm, 'repo', 'add', 'bench', url], helmEnv);
const series = (argv, e = env) => {
  const rs = Array.from({ length: 9 }, () => timeProgram(argv, e));
  return { wall: median(rs.map((r) => r.wall)), cpu: rs[0].cpu === undefined ? undefined : median(rs.map((r) => r.cpu)), lines: rs[0].out.split('\n').length - 2 };
};
for (const [label, args] of [
  ['search repo databases', ['search', 'repo', 'databases']],
  ['search repo (all)', ['search', 'repo']],
  ['search repo k7 -l', ['search', 'repo', 'k7', '-l']],
  ['search repo chart-04 --version ^1.5', ['search', 'repo', 'chart-04', '--version', '^1.5']],
]) {
  const s = series([CLI, ...args]);
  const n = series([process.execPath, CLI, ...args]);
  const h = helm ? series([helm, ...args], helmEnv) : undefined;
  console.log(`${label} (${s.lines} results; target <= 100 ms)`);
  console.log(`  skiff            median ${fmt(s)}${h ? `  (skiff/helm ${(s.wall / h.wall).toFixed(2)}x)` : ''}`);
  console.log(`  node dist/cli.js median ${fmt(n)}`);
  if (h) console.log(`  helm             median ${fmt(h)}`);
}
console.log(`(for scale) skiff version            median ${fmt(series([CLI, 'version']))}`);
console.log(`(for scale) node -e 0                median ${fmt(series([process.execPath, '-e', '0']))}`);
server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
