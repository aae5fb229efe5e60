// The repository server in process: ChartMuseum-style multipart uploads,
// --allow-overwrite, basic auth on everything but /health, and no path escapes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageChart } from '../../src/chart/index.js';
import { serveRepository, type RepoServer } from '../../src/repo/server.js';
import { transferProgress } from '../../src/repo/transfer-progress.js';
import { tempDir } from '../support/cli.js';
import { writeChart } from './helpers.js';

const work = tempDir('skiff-server-');
let server: RepoServer;
const auth = { authorization: 'Basic ' + Buffer.from('u:p').toString('base64') };
let archive: Buffer;

test.before(async () => {
  writeChart(join(work, 'src'), 'mp', '1.0.0');
  const r = await packageChart(join(work, 'src', 'mp'), { destination: join(work, 'pkg') });
  archive = readFileSync(r.path);
  mkdirSync(join(work, 'repo'), { recursive: true });
  server = await serveRepository({ dir: join(work, 'repo'), address: '127.0.0.1:0', basicAuth: 'u:p', allowOverwrite: true });
  assert.ok(existsSync(join(work, 'repo', 'index.yaml')), 'an empty directory gets an index at start');
});

test.after(async () => {
  await server?.close();
});

test('basic auth guards everything but /health', async () => {
  assert.is((await fetch(`${server.url}/health`)).status, 200);
  const r = await fetch(`${server.url}/index.yaml`);
  assert.is(r.status, 401);
  assert.is(r.headers.get('www-authenticate'), 'Basic realm="skiff"');
  assert.is((await fetch(`${server.url}/index.yaml`, { headers: { authorization: 'Basic ' + Buffer.from('u:wrong').toString('base64') } })).status, 401);
  assert.is((await fetch(`${server.url}/index.yaml`, { headers: auth })).status, 200);
});

test('a malformed escape in the path is a 400 naming it, not a server error', async () => {
  const r = await fetch(`${server.url}/charts/%ff.tgz`, { headers: auth });
  assert.is(r.status, 400);
  assert.match(((await r.json()) as { error: string }).error, /invalid escape in URL path "\/charts\/%ff\.tgz"/);
});

test('a multipart upload (field "chart") is accepted, and --allow-overwrite replaces a version', async () => {
  const form = new FormData();
  form.append('chart', new Blob([archive]), 'mp-1.0.0.tgz');
  const r = await fetch(`${server.url}/api/charts`, { method: 'POST', body: form, headers: auth });
  assert.is(r.status, 201);
  assert.equal(await r.json(), { saved: true });
  const again = await fetch(`${server.url}/api/charts`, { method: 'POST', body: archive, headers: auth });
  assert.is(again.status, 201, 'overwrite allowed');
  const idx = parse(await (await fetch(`${server.url}/index.yaml`, { headers: auth })).text());
  assert.is(idx.entries.mp.length, 1);
  assert.equal(idx.entries.mp[0].urls, ['mp-1.0.0.tgz']);
  const tgz = await fetch(`${server.url}/mp-1.0.0.tgz`, { headers: auth });
  assert.ok(Buffer.from(await tgz.arrayBuffer()).equals(archive));
});

test('paths outside the directory are not served', async () => {
  const r = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd.tgz`, { headers: auth });
  assert.is(r.status, 404);
});

test('the progress bar draws only on a terminal', () => {
  assert.is(transferProgress('x', { write: () => true, isTTY: false }), undefined);
  let out = '';
  const p = transferProgress('Downloading', { write: (s: string) => (out += s), isTTY: true })!;
  p(2048, 2048);
  assert.match(out, /Downloading \[=+>\] 2\.0 KiB\/2\.0 KiB\n/);
});

test.run();
