// .helmignore with patterns that make a backtracking matcher run forever
// (`*a*a*a*a*a*a*b` against long runs of "a"): the matcher's time against the
// name length (it should grow linearly: ×10 length ≈ ×10 time), then
// `skiff package` against `helm package` on a chart with such a .helmignore
// and many 200-character file names. Printed, not asserted.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, root, timeProgram } from './repo-common.mjs';
import { helmPath } from './helm.mjs';

const PATTERNS = ['*a*a*a*a*a*a*b', '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '*?*?*?*?*?*?*?*?*?*?*!', '*[a-c]*[a-c]*[a-c]*[a-c]*z'];
const script = `
import { compileGlob } from './src/chart/glob.ts';
const patterns = ${JSON.stringify(PATTERNS)};
for (const p of patterns) {
  const g = compileGlob(p);
  for (let i = 0; i < 50; i++) g.test('a'.repeat(10_000)); // warm up the JIT first
  const row = [];
  for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
    const name = (p.includes('[a-c]') ? 'b' : p.includes('!') ? 'x' : 'a').repeat(n);
    const t0 = performance.now();
    const reps = Math.max(1, Math.round(100_000 / n));
    for (let i = 0; i < reps; i++) g.test(name);
    row.push(\`\${n.toLocaleString('en')} chars \${((performance.now() - t0) / reps).toFixed(3)} ms\`);
  }
  console.log(\`  \${p.padEnd(44)} \${row.join('  ')}\`);
}
`;
console.log('matcher, time per name (no match; linear growth expected):');
const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
process.stdout.write(r.stdout + r.stderr);

const helm = helmPath();
const fmt = (x) => `${x.wall.toFixed(0)} ms wall${x.cpu === undefined ? '' : `, ${x.cpu.toFixed(0)} ms CPU`}`;
for (const files of [100, 1000]) {
  const work = mkdtempSync(join(tmpdir(), 'skiff-bench-ignore-'));
  const dir = join(work, 'slow');
  mkdirSync(join(dir, 'files'), { recursive: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: slow\nversion: 1.0.0\n');
  writeFileSync(join(dir, '.helmignore'), PATTERNS.join('\n') + '\n');
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'files', 'a'.repeat(192) + String(i).padStart(8, '0')), 'x');
  const s = timeProgram([process.execPath, CLI, 'package', dir, '-d', join(work, 'out-skiff')]);
  const h = helm ? timeProgram([helm, 'package', dir, '-d', join(work, 'out-helm')]) : undefined;
  console.log(`package, ${files} files with 200-character names, ${PATTERNS.length} pathological patterns:`);
  console.log(`  skiff ${fmt(s)}${h ? `\n  helm  ${fmt(h)}  (skiff/helm ${(s.wall / h.wall).toFixed(2)}x)` : ''}`);
  rmSync(work, { recursive: true, force: true });
}
