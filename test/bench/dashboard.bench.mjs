// `skiff dashboard` with 1,000 releases on the bundled cluster: time from
// opening the URL in chromium to the release list drawn, the /api/releases
// answer alone, and the dashboard process's memory (resident set).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CLI, startCluster, postAll, releaseSecret, median } from './release-common.mjs';

const N = 1000;
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const c = startCluster();
let dash;
let browser;
try {
  const items = [];
  for (let r = 0; r < N; r++) items.push(releaseSecret(`rel-${String(r).padStart(4, '0')}`, 1, 'deployed'));
  await postAll(c.conn, items);
  dash = spawn(process.execPath, [CLI, 'dashboard', '--address', '127.0.0.1:0'], { env: c.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    dash.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    dash.on('exit', (code) => reject(new Error(`skiff dashboard exited ${code}`)));
  });
  console.log(`dashboard process at start: ${rss(dash.pid).toFixed(0)} MiB resident`);
  const token = new URL(url).searchParams.get('token');
  const api = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const rows = await (await fetch(new URL('/api/releases', url), { headers: { Authorization: `Bearer ${token}` } })).json();
    api.push(performance.now() - t0);
    if (rows.length !== N) throw new Error(`expected ${N} releases, got ${rows.length}`);
  }
  console.log(`GET /api/releases (${N} releases): median ${median(api).toFixed(0)} ms`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const render = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForFunction((n) => document.querySelector('caption')?.textContent?.startsWith(`${n} releases`), N, { timeout: 60_000 });
    render.push(performance.now() - t0);
    await page.close();
  }
  console.log(`first render of the release list (${N} releases, first 500 rows drawn) in chromium: median ${median(render).toFixed(0)} ms (runs: ${render.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`dashboard process after the page loads and live watches: ${rss(dash.pid).toFixed(0)} MiB resident`);
} finally {
  await browser?.close();
  dash?.kill('SIGTERM');
  c.stop();
}
