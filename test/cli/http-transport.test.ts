// Repository HTTP as Helm's Go client does it: redirects are followed (up to
// 10), credentials go only to the repository's own origin — never to the host
// a redirect points at — and every network failure names the URL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { skiff, tempDir } from '../support/cli.js';
import { rawTgz } from '../repo/helpers.js';

const work = tempDir('skiff-http-');
const env = { SKIFF_HOME: join(work, 'home') };
const archive = rawTgz({ 'moved/Chart.yaml': 'apiVersion: v2\nname: moved\nversion: 1.0.0\n', 'moved/templates/cm.yaml': 'kind: ConfigMap\n' });
const AUTH = 'Basic ' + Buffer.from('alice:s3cret').toString('base64');

interface Seen {
  readonly path: string;
  readonly auth?: string;
}
const seenA: Seen[] = [];
const seenB: Seen[] = [];
let a: Server;
let b: Server;
let urlA = '';
let urlB = '';

function listen(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<[Server, string]> {
  const s = createServer(handler);
  return new Promise((ok) => s.listen(0, '127.0.0.1', () => ok([s, `${(s.address() as AddressInfo).port}`])));
}

test.before(async () => {
  // B is another origin ("localhost" and its own port): it must never see the credentials.
  [b, urlB] = await listen((req, res) => {
    seenB.push({ path: req.url ?? '', auth: req.headers.authorization });
    if (req.url === '/store/moved-1.0.0.tgz') return void res.writeHead(200).end(archive);
    if (req.url === '/back') return void res.writeHead(302, { location: `${urlA}/secure/index.yaml` }).end();
    res.writeHead(404).end();
  });
  urlB = `http://localhost:${urlB}`;
  [a, urlA] = await listen((req, res) => {
    seenA.push({ path: req.url ?? '', auth: req.headers.authorization });
    const authed = req.headers.authorization === AUTH;
    switch (req.url) {
      case '/old/index.yaml':
        return void res.writeHead(301, { location: '/secure/index.yaml' }).end();
      case '/secure/index.yaml': {
        if (!authed) return void res.writeHead(401).end();
        const index = `apiVersion: v1\nentries:\n  moved:\n  - apiVersion: v2\n    name: moved\n    version: 1.0.0\n    digest: ${createHash('sha256').update(archive).digest('hex')}\n    urls:\n    - charts/moved-1.0.0.tgz\n`;
        return void res.writeHead(200).end(index);
      }
      case '/old/charts/moved-1.0.0.tgz':
        if (!authed) return void res.writeHead(401).end();
        return void res.writeHead(307, { location: `${urlB}/store/moved-1.0.0.tgz` }).end();
      case '/loop/index.yaml':
        return void res.writeHead(302, { location: '/loop/index.yaml' }).end();
      case '/file/index.yaml':
        return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      case '/other/index.yaml':
        return void res.writeHead(302, { location: `${urlB}/back` }).end();
    }
    res.writeHead(404).end();
  });
  urlA = `http://127.0.0.1:${urlA}`;
});

test.after(() => {
  a.close();
  b.close();
});

test('a redirected repository is added with its credentials sent only to its own origin', async () => {
  const r = await skiff(['repo', 'add', 'moved', `${urlA}/old`, '--username', 'alice', '--password', 's3cret'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(seenA.filter((s) => s.path.endsWith('index.yaml')).map((s) => [s.path, s.auth]), [
    ['/old/index.yaml', AUTH],
    ['/secure/index.yaml', AUTH],
  ]);
});

test('a chart download redirected to another host is followed without the credentials', async () => {
  const dest = join(work, 'dest');
  mkdirSync(dest);
  const r = await skiff(['pull', 'moved/moved', '-d', dest], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(dest), ['moved-1.0.0.tgz']);
  assert.ok(seenA.some((s) => s.path === '/old/charts/moved-1.0.0.tgz' && s.auth === AUTH), 'the repository itself gets the credentials');
  assert.equal(seenB, [{ path: '/store/moved-1.0.0.tgz', auth: undefined }]);
});

test('leaving the origin and coming back restores the credentials only on the origin', async () => {
  seenB.length = 0;
  const r = await skiff(['repo', 'add', 'other', `${urlA}/other`, '--username', 'alice', '--password', 's3cret'], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(seenB, [{ path: '/back', auth: undefined }]);
});

test('redirect loops and non-http targets are refused, naming the URL', async () => {
  const loop = await skiff(['repo', 'add', 'loop', `${urlA}/loop`], { env });
  assert.is(loop.code, 1);
  assert.match(loop.stderr, new RegExp(`${urlA}/loop/index\\.yaml: stopped after 10 redirects`));
  const file = await skiff(['repo', 'add', 'file', `${urlA}/file`], { env });
  assert.is(file.code, 1);
  assert.match(file.stderr, /redirected to file:\/\/\/etc\/passwd \(only http and https are followed\)/);
});

test('network failures name the URL: an unreachable repository and an unreachable -f values URL', async () => {
  const closed = await listen(() => undefined);
  const port = closed[1];
  await new Promise((ok) => closed[0].close(ok));
  const add = await skiff(['repo', 'add', 'gone', `http://127.0.0.1:${port}/charts`], { env });
  assert.is(add.code, 1);
  assert.match(add.stderr, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/charts/index\\.yaml: ECONNREFUSED`));
  const chart = join(work, 'c');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
  const tpl = await skiff(['template', 'x', chart, '-f', `http://127.0.0.1:${port}/values.yaml`], { env });
  assert.is(tpl.code, 1);
  assert.match(tpl.stderr, new RegExp(`failed to fetch http://127\\.0\\.0\\.1:${port}/values\\.yaml: .*ECONNREFUSED`));
  assert.not.match(tpl.stderr, /^Error: fetch failed$/m);
});

test.run();
