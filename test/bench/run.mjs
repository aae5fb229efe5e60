// Runs every benchmark (test/bench/*.bench.mjs) one after another against the
// built dist/, printing each one's figures. `npm run bench [substring]`.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const root = join(dir, '..', '..');
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
// Shared machines change speed (CPU steal, frequency): a fixed piece of CPU work timed before each
// benchmark says how fast the host was when it ran, so figures from different runs can be compared.
function hostProbe() {
  const doc = { a: Array.from({ length: 100 }, (_, i) => ({ i, s: 'x'.repeat(20), n: { m: i } })) };
  const t0 = performance.now();
  for (let i = 0; i < 3000; i++) JSON.parse(JSON.stringify(doc));
  return performance.now() - t0;
}

let failed = 0;
for (const f of files) {
  process.stdout.write(`\n## ${f}\n(host speed probe: ${hostProbe().toFixed(0)} ms for a fixed JSON workload; lower is faster)\n`);
  const r = spawnSync(process.execPath, [join(dir, f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
