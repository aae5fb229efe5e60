// skiff repo index over a repository of 5,000 chart versions (500 charts × 10
// versions), whole process; target ≤ 3 s. Also the re-index of an unchanged
// directory (entries and created times kept). Then reading big indexes against
// Helm (below).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { CLI, makeRepoDir, timeCli, timeProgram, writeHelmStyleIndex } from './repo-common.mjs';
import { helmPath } from './helm.mjs';

const dir = makeRepoDir(500, 10);
const fmt = (r) => `${r.wall.toFixed(0)} ms wall${r.cpu === undefined ? '' : `, ${r.cpu.toFixed(0)} ms CPU`}`;
const first = timeCli(['repo', 'index', dir]);
const text = readFileSync(join(dir, 'index.yaml'), 'utf8');
const second = timeCli(['repo', 'index', dir]);
const same = readFileSync(join(dir, 'index.yaml'), 'utf8') === text;
console.log(`load average: ${loadavg()[0].toFixed(1)}`);
console.log(`repo index, 5000 versions, fresh:     ${fmt(first)} (target <= 3000 ms)`);
console.log(`repo index, 5000 versions, unchanged: ${fmt(second)}, output byte-identical: ${same}`);
console.log(`index.yaml size: ${(text.length / 1024 / 1024).toFixed(2)} MiB`);
rmSync(dir, { recursive: true, force: true });

// Reading big repository indexes (Helm's layout, long strings folded): 20 and
// 40 MiB, `repo add` (download, parse, cache) and `search repo` reading only
// the cached index.yaml, against Helm doing the same on the same file. Helm's
// `search repo` parses the cached YAML on every run; skiff's reads its search
// cache, so skiff is also timed with only the YAML left in its cache.
{
  const helm = helmPath();
  for (const [mb, anchors] of [[20, false], [40, false], [20, true], [40, true]]) {
    const work = mkdtempSync(join(tmpdir(), 'skiff-bench-bigindex-'));
    const served = join(work, 'served');
    mkdirSync(served);
    const versions = writeHelmStyleIndex(join(served, 'index.yaml'), mb, anchors);
    const server = spawn(process.execPath, [CLI, 'repo', 'serve', served, '--address', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise((resolve) => {
      let out = '';
      server.stdout.on('data', (d) => {
        out += d;
        const m = / at (http\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
    });
    const env = { ...process.env, SKIFF_HOME: join(work, 'skiff') };
    const helmEnv = { ...process.env, HELM_REPOSITORY_CONFIG: join(work, 'helm', 'repositories.yaml'), HELM_REPOSITORY_CACHE: join(work, 'helm', 'cache'), HELM_CACHE_HOME: join(work, 'helm', 'c'), HELM_CONFIG_HOME: join(work, 'helm', 'config'), HELM_DATA_HOME: join(work, 'helm', 'data') };
    console.log(`index.yaml ${mb} MiB (${versions} chart versions), Helm's layout${anchors ? ', an anchor and alias in every version (full YAML parser, one version at a time)' : ''}:`);
    const row = (label, s, h) => console.log(`  ${label.padEnd(34)} skiff ${fmt(s)}${h ? `   helm ${fmt(h)}   skiff/helm ${(s.wall / h.wall).toFixed(2)}x (CPU ${s.cpu && h.cpu ? (s.cpu / h.cpu).toFixed(2) + 'x' : 'n/a'})` : ''}`);
    const sAdd = timeCli(['repo', 'add', 'big', url], env);
    const hAdd = helm ? timeProgram([helm, 'repo', 'add', 'big', url], helmEnv) : undefined;
    row('repo add (download, parse, cache)', sAdd, hAdd);
    const sSearch = timeCli(['search', 'repo', 'chart-7/'], env);
    const hSearch = helm ? timeProgram([helm, 'search', 'repo', 'chart-7/'], helmEnv) : undefined;
    row('search repo (cached)', sSearch, hSearch);
    const cache = join(work, 'skiff', 'cache', 'repository');
    for (const f of readdirSync(cache)) if (!f.endsWith('-index.yaml')) rmSync(join(cache, f));
    row('search repo, skiff from YAML only', timeCli(['search', 'repo', 'chart-7/'], env), hSearch);
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}
