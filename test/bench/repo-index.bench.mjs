// skiff repo index over a repository of 5,000 chart versions (500 charts × 10
// versions), whole process; target ≤ 3 s. Also the re-index of an unchanged
// directory (entries and created times kept).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { makeRepoDir, timeCli } from './repo-common.mjs';

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
