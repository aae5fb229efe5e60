// skiff repo index over a repository of 5,000 chart versions (500 charts × 10
// versions), whole process; target ≤ 3 s. Also the re-index of an unchanged
// directory (created times kept).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, makeRepoDir } from './repo-common.mjs';

const dir = makeRepoDir(500, 10);
const time = () => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, 'repo', 'index', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const first = time();
const text = readFileSync(join(dir, 'index.yaml'), 'utf8');
const second = time();
const same = readFileSync(join(dir, 'index.yaml'), 'utf8') === text;
console.log(`repo index, 5000 versions, fresh:     ${first.toFixed(0)} ms (target <= 3000 ms)`);
console.log(`repo index, 5000 versions, unchanged: ${second.toFixed(0)} ms, output byte-identical: ${same}`);
console.log(`index.yaml size: ${(text.length / 1024 / 1024).toFixed(2)} MiB`);
rmSync(dir, { recursive: true, force: true });
