// Chart-layer figures through the built CLI: packaging and loading the
// example charts, and how fast a gzip bomb is refused. Printed, not asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');
const out = mkdtempSync(join(tmpdir(), 'skiff-bench-chart-'));

function time(label, args, runs = 5) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(process.execPath, [cli, ...args], { cwd: out, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${samples[Math.floor(runs / 2)].toFixed(0)} ms  (exit ${last.status})`);
  return last;
}

async function bomb(path, size) {
  const gz = createGzip({ level: 9 });
  const chunks = [];
  gz.on('data', (c) => chunks.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const header = Buffer.alloc(512);
  header.write('bomb/zeros', 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(size.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  gz.write(header);
  const zero = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= zero.length) gz.write(left >= zero.length ? zero : zero.subarray(0, left));
  gz.end();
  await done;
  writeFileSync(path, Buffer.concat(chunks));
}

time('skiff version (process start-up)', ['version']);
time('skiff package charts/webapp', ['package', join(root, 'charts/webapp'), '-d', out]);
time('skiff package charts/platform (2 subcharts)', ['package', join(root, 'charts/platform'), '-d', out]);
time('skiff show all webapp-0.1.0.tgz', ['show', 'all', 'webapp-0.1.0.tgz']);
const bombPath = join(out, 'bomb-1.0.0.tgz');
await bomb(bombPath, 1024 * 1024 * 1024);
console.log(`gzip bomb: ${(statSync(bombPath).size / 1024).toFixed(0)} KiB compressed, 1 GiB declared`);
const r = time('skiff show chart bomb (refused)', ['show', 'chart', bombPath], 3);
console.log(`  -> ${r.stderr.trim().split('\n')[0]}`);
execFileSync('rm', ['-rf', out]);
