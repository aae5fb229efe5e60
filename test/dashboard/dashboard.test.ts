// `skiff dashboard` in a real browser (Debian's chromium through
// playwright-core) against the bundled runtime: releases appear and change
// live, revisions diff, a rollback from the page shows in `skiff history`;
// the token, the read-only mode and text-only rendering of hostile data.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { CLI, ROOT, skiff, tempDir } from '../support/cli.js';

// The page's document, for the functions that run inside the browser.
interface DomNode { textContent: string | null; querySelectorAll(s: string): Iterable<DomNode> }
declare const document: { querySelector(s: string): DomNode | null; querySelectorAll(s: string): Iterable<DomNode> };

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-artifacts', 'dashboard');
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let rt: Runtime;
let K: string[];
let browser: Browser;
let page: Page;
const dashboards: ChildProcess[] = [];

function chart(): string {
  const dir = join(tempDir('skiff-dash-chart-'), 'shop');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.2.0\nappVersion: "4.5"\nannotations:\n  skiff.dev/template-engine: go\n');
  writeFileSync(join(dir, 'values.yaml'), `replicas: 1\nxss: ${JSON.stringify(XSS)}\n`);
  writeFileSync(join(dir, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer', minimum: 0, maximum: 5 } } }));
  writeFileSync(join(dir, 'templates', 'NOTES.txt'), 'Thanks for installing {{ .Release.Name }}. {{ .Values.xss }}\n');
  writeFileSync(
    join(dir, 'templates', 'deploy.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: {{ .Release.Name }}}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
      annotations:
        note: {{ .Values.xss | quote }}
        sim.skiff.dev/log: {{ printf "hello from the log\\n%s" .Values.xss | quote }}
    spec:
      # Evicted as soon as their node is found dead, so the test sees them move without waiting 300 s.
      tolerations:
        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
      containers: [{name: web, image: nginx}]
`,
  );
  writeFileSync(join(dir, '..', 'mine.yaml'), `xss: ${JSON.stringify(XSS)}\napiToken: hunter2\n`);
  return dir;
}

/** Starts `skiff dashboard` and resolves with the URL it prints. */
function dashboard(extra: string[]): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'dashboard', '--address', '127.0.0.1:0', ...extra, ...K], { stdio: ['ignore', 'pipe', 'pipe'] });
  dashboards.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`skiff dashboard exited ${code}: ${out}`)));
  });
}

const ok = async (args: string[]) => {
  const r = await skiff([...args, ...K]);
  if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
};

let rw: string;
let ro: string;
const shop = chart();

test.before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the dashboard tests need Debian's chromium package (apt-get install chromium; .ci/run installs it)`);
  mkdirSync(SHOTS, { recursive: true });
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  [rw, ro] = await Promise.all([dashboard(['--allow-writes']), dashboard([])]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    (globalThis as unknown as { __pwned?: number }).__pwned = undefined;
  });
});

test.after(async () => {
  await browser?.close();
  for (const d of dashboards) d.kill('SIGTERM');
  await rt?.stop();
});

test('the token is required: 401 without it, a cookie for it, 421 for another Host', async () => {
  const base = new URL(rw);
  const token = base.searchParams.get('token')!;
  assert.is((await fetch(`${base.origin}/api/releases`)).status, 401);
  assert.is((await fetch(`${base.origin}/`)).status, 401);
  assert.is((await fetch(`${base.origin}/api/releases?token=wrong${token.slice(5)}`)).status, 401);
  assert.is((await fetch(`${base.origin}/api/releases`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
  const login = await fetch(rw, { redirect: 'manual' });
  assert.is(login.status, 303);
  const cookie = login.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.is((await fetch(`${base.origin}/api/releases`, { headers: { Cookie: cookie.split(';')[0]! } })).status, 200);
  const rebind = await new Promise<number>((resolve, reject) => {
    import('node:http').then(({ request }) => {
      const req = request({ host: '127.0.0.1', port: base.port, path: `/api/releases?token=${token}`, headers: { Host: `evil.example:${base.port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
  });
  assert.is(rebind, 421);
});

test('an installed release appears live; an upgrade shows as a new revision and a rollout; diff; rollback from the page', async () => {
  await page.goto(rw);
  assert.not.match(page.url(), /token=/, 'the token leaves the address bar');
  await page.waitForSelector('header .live.on');
  await ok(['install', 'shop', shop, '--labels', 'team=payments', '-f', join(shop, '..', 'mine.yaml')]);
  await page.waitForSelector('tr[data-release="shop"]', { timeout: 20_000 });
  await page.screenshot({ path: join(SHOTS, 'releases.png'), fullPage: true });

  await page.click('tr[data-release="shop"] a');
  await page.waitForSelector('[data-testid="revision"]');
  assert.is(await page.textContent('[data-testid="revision"]'), '1');
  await ok(['upgrade', 'shop', shop, '--set', 'replicas=3']);
  await page.waitForFunction(() => document.querySelector('[data-testid="revision"]')?.textContent === '2', undefined, { timeout: 20_000 });
  assert.is(await page.locator('.timeline li').count(), 2);

  // The diff: values of revision 1 against 2.
  await page.selectOption('#h-diff ~ .controls select >> nth=0', 'values');
  // The manifest diff shown before has rows too: wait for the values diff itself.
  await page.waitForFunction(() => [...document.querySelectorAll('table.diff tr.add td.right, table.diff tr.change td.right')].some((td) => td.textContent === 'replicas: 3'), undefined, { timeout: 20_000 });
  const changed = await page.locator('table.diff tr.change td.right, table.diff tr.add td.right').allTextContents();
  assert.ok(changed.includes('replicas: 3'), `diff shows the new value: ${JSON.stringify(changed)}`);
  await page.selectOption('#h-diff ~ .controls select >> nth=0', 'manifest');
  await page.waitForFunction(() => [...document.querySelectorAll('table.diff td.right')].some((td) => td.textContent === '  replicas: 3'));
  await page.screenshot({ path: join(SHOTS, 'release-diff.png'), fullPage: true });

  // The rollout: all three replicas ready.
  await page.click('nav a[href="#/workloads"]');
  await page.waitForFunction(() => document.querySelector('tr[data-workload="Deployment/shop"] td.ready')?.textContent === '3/3', undefined, { timeout: 30_000 });
  assert.is(await page.getAttribute('tr[data-workload="Deployment/shop"] [role="progressbar"]', 'aria-valuenow'), '3');
  await page.screenshot({ path: join(SHOTS, 'workloads.png'), fullPage: true });

  // Roll back to revision 1 from the page, with its confirmation.
  await page.goBack();
  await page.waitForSelector('[data-testid="revision"]');
  await page.selectOption('label:has-text("Roll back to") select', '1');
  await page.click('button:has-text("Roll back…")');
  await page.waitForSelector('dialog[open]');
  await page.screenshot({ path: join(SHOTS, 'rollback-confirm.png') });
  await page.click('dialog[open] button.danger');
  await page.waitForSelector('.outcome', { timeout: 30_000 });
  assert.match((await page.textContent('.outcome')) ?? '', /revision 3 is now deployed/);
  await page.waitForFunction(() => document.querySelector('[data-testid="revision"]')?.textContent === '3', undefined, { timeout: 20_000 });
  const hist = await ok(['history', 'shop']);
  assert.match(hist.stdout, /\n3\s+.*deployed\s+shop-1\.2\.0\s+4\.5\s+Rollback to 1 *\n/);
});

test('writes are refused without --allow-writes; the page says read-only and offers no action', async () => {
  const base = new URL(ro);
  const token = base.searchParams.get('token')!;
  const r = await fetch(`${base.origin}/api/releases/default/shop/rollback`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"revision":1}' });
  assert.is(r.status, 403);
  assert.match(((await r.json()) as { error: string }).error, /read-only/);
  const p = await browser.newPage();
  await p.goto(ro.replace('/?', '/?') + '#/release/default/shop');
  await p.goto(`${base.origin}/#/release/default/shop`);
  await p.waitForSelector('#read-only');
  assert.is(await p.locator('button:has-text("Roll back")').count(), 0);
  const hist = await ok(['history', 'shop']);
  assert.not.match(hist.stdout, /\n4\s/, 'no new revision');
  await p.close();
});

test('hostile text in notes, values, annotations and log lines is shown as text', async () => {
  await page.goto(`${new URL(rw).origin}/#/release/default/shop`);
  await page.waitForSelector('#h-notes + pre');
  assert.ok((await page.textContent('#h-notes + pre'))!.includes(XSS));
  await page.click('#h-raw ~ .controls button:has-text("Values")');
  await page.waitForSelector('pre[aria-label^="values"]');
  const values = (await page.textContent('pre[aria-label^="values"]'))!;
  assert.ok(values.includes('<img src=x'), `values shown literally: ${values}`);
  assert.match(values, /apiToken: "?\(redacted: 7 bytes/, 'a credential is redacted');
  assert.not.ok(values.includes('hunter2'));
  await page.click('nav a[href="#/pods"]');
  await page.waitForSelector('tbody a[href*="#/pod/default/shop-"]');
  await page.screenshot({ path: join(SHOTS, 'pods.png'), fullPage: true });
  await page.click('tbody a[href*="#/pod/default/shop-"] >> nth=0');
  await page.waitForSelector('ul[aria-label="Pod annotations"]');
  assert.ok((await page.locator('ul[aria-label="Pod annotations"] li').allTextContents()).includes(`note=${XSS}`));
  await page.waitForFunction(() => (document.querySelector('[data-testid="log"]')?.textContent ?? '').includes('hello from the log'), undefined, { timeout: 20_000 });
  assert.ok((await page.textContent('[data-testid="log"]'))!.includes(XSS), 'the log line is literal text');
  await page.screenshot({ path: join(SHOTS, 'pod-log.png'), fullPage: true });
  assert.is(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
  assert.is(await page.locator('main img, main script').count(), 0, 'no element came from the data');
  await page.click('nav a[href="#/nodes"]');
  await page.waitForSelector('.card h2');
  await page.screenshot({ path: join(SHOTS, 'nodes.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.click('nav a[href="#/"]');
  await page.waitForSelector('tr[data-release="shop"]');
  await page.screenshot({ path: join(SHOTS, 'releases-narrow.png'), fullPage: true });
});

test('edit the values in the page: a schema error is shown as typed, a valid edit upgrades and keeps redacted credentials', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${new URL(rw).origin}/#/release/default/shop`);
  await page.waitForSelector('[data-testid="revision"]');
  const before = (await page.textContent('[data-testid="revision"]'))!;
  await page.click('button:has-text("Edit values…")');
  await page.waitForSelector('#values-text');
  const shown = await page.inputValue('#values-text');
  assert.match(shown, /apiToken: "?\(redacted: 7 bytes/);
  assert.not.ok(shown.includes('hunter2'));
  await page.fill('#values-text', `${shown}replicas: 9\n`);
  await page.waitForSelector('[data-testid="values-errors"]', { timeout: 20_000 });
  const errors = (await page.textContent('[data-testid="values-errors"]'))!;
  assert.match(errors, /replicas/);
  assert.ok(await page.isDisabled('button:has-text("Upgrade…")'), 'an invalid edit cannot be submitted');
  await page.fill('#values-text', `${shown}extra: edited\n`);
  await page.waitForSelector('#values-check .outcome', { timeout: 20_000 });
  await page.screenshot({ path: join(SHOTS, 'values-editor.png'), fullPage: true });
  await page.click('button:has-text("Upgrade…")');
  await page.click('dialog[open] button.danger');
  await page.waitForFunction(() => /revision \d+ is deployed/.test(document.querySelector('.editor [role="status"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
  const values = await ok(['get', 'values', 'shop', '-o', 'json']);
  const v = JSON.parse(values.stdout) as Record<string, unknown>;
  assert.is(v.apiToken, 'hunter2', 'the redacted credential kept its value');
  assert.is(v.extra, 'edited');
  const hist = await ok(['history', 'shop']);
  assert.match(hist.stdout, new RegExp(`\\n${Number(before) + 1}\\s+.*deployed.*Upgrade with values edited in the dashboard`));
});

test('stop a simulated node from the page and see its pod move to another node', async () => {
  const base = new URL(rw);
  const token = base.searchParams.get('token')!;
  const pods = (await (await fetch(`${base.origin}/api/pods?namespace=default`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { name: string; phase: string; node: string }[];
  const running = pods.filter((p) => p.name.startsWith('shop-') && p.phase === 'Running');
  assert.is(running.length, 1, JSON.stringify(pods));
  const node = running[0]!.node;
  await page.goto(`${base.origin}/#/nodes`);
  await page.click(`li[data-node="${node}"] button:has-text("Stop node…")`);
  await page.click('dialog[open] button.danger');
  await page.waitForSelector(`li[data-node="${node}"] button:has-text("Start node…")`, { timeout: 20_000 });
  await page.click('nav a[href="#/pods"]');
  // The node lifecycle controller declares the node dead after its 40 s grace period; the Deployment replaces the pod.
  await page.waitForFunction(
    (dead) => [...document.querySelectorAll('tbody tr')].some((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return cells[0]!.startsWith('shop-') && cells[2] === 'Running' && cells[5] !== '' && cells[5] !== dead && cells[5] !== 'unscheduled';
    }),
    node,
    { timeout: 120_000 },
  );
  await page.screenshot({ path: join(SHOTS, 'pods-moved.png'), fullPage: true });
  await page.goto(`${base.origin}/#/nodes`);
  await page.click(`li[data-node="${node}"] button:has-text("Start node…")`);
  await page.click('dialog[open] button.danger, dialog[open] button:has-text("Start node")');
  await page.waitForSelector(`li[data-node="${node}"] button:has-text("Stop node…")`, { timeout: 20_000 });
});

test.run();
