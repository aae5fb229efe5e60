// Large rendered output: 20, 50 and 100 MiB from one chart, through the
// sandboxed render process back to skiff (renderChart, the library call every
// command uses) and through the whole `skiff template` command. Both should
// grow linearly with the size (the transfer used to be quadratic: 20 MB took
// 13 s and 50 MB hit the 30 s render timeout).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const { renderChart, loadChart } = await import(join(root, 'dist', 'index.js'));
const work = mkdtempSync(join(tmpdir(), 'skiff-render-output-bench-'));
const MiB = 1024 * 1024;

// One ConfigMap whose data holds `n` lines of 100 KiB each (less the key and indentation).
const dir = join(work, 'big');
mkdirSync(join(dir, 'templates'), { recursive: true });
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 1.0.0\n');
writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n{%- for i in range(Values.n) %}\n  k{{ i }}: {{ "x" | repeat(Values.w) }}\n{%- endfor %}\n');
const chart = await loadChart(dir);
const release = { name: 'r', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false };

const rows = [];
for (const mib of [20, 50, 100]) {
  const n = mib * 10;
  const w = Math.floor(MiB / 10) - 12; // stays under the 100 MiB default limit at 100 MiB
  let t0 = performance.now();
  const out = await renderChart(chart, { n, w }, { release, timeoutMs: 120_000 });
  const renderMs = performance.now() - t0;
  const bytes = Buffer.byteLength(out.files['big/templates/cm.yaml']);
  t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'template', 'r', dir, '--set', `n=${n}`, '--set', `w=${w}`], { maxBuffer: 1 << 30 });
  const cliMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`skiff template failed: ${r.stderr}`);
  rows.push({ mib, bytes, renderMs, cliMs });
  console.log(`${String(mib).padStart(3)} MiB output (${(bytes / MiB).toFixed(1)} MiB): renderChart ${renderMs.toFixed(0)} ms (${(renderMs / (bytes / MiB)).toFixed(1)} ms/MiB), skiff template ${cliMs.toFixed(0)} ms whole process`);
}
const [a, , c] = rows;
console.log(`growth from 20 to 100 MiB: renderChart x${(c.renderMs / a.renderMs).toFixed(1)}, skiff template x${(c.cliMs / a.cliMs).toFixed(1)} (linear is x${(c.bytes / a.bytes).toFixed(1)})`);
rmSync(work, { recursive: true, force: true });
