// The repository loop as a user runs it: package → repo index → repo serve →
// repo add → search → template/show REPO/CHART with a range → push → repo
// update → search sees the new version → pull; and bad input refused with
// nothing written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { packageChart } from '../../src/chart/index.js';
import { join } from 'node:path';
import { parse } from 'yaml';
import { skiff, tempDir } from '../support/cli.js';
import { rawTgz, serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-repo-');
const home = join(work, 'home');
const env = { SKIFF_HOME: home };
const repoDir = join(work, 'repo');
const src = join(work, 'src');
let server: Served;

const sk = (args: string[], cwd = work) => skiff(args, { env, cwd });

test.before(async () => {
  for (const [v, d] of [['1.0.0', 'A demo web app'], ['1.1.0', 'A demo web app'], ['2.0.0-rc.1', 'A demo web app']] as const) {
    writeChart(join(src, v), 'demo', v, { description: d, keywords: ['web'] });
    await packageChart(join(src, v, 'demo'), { destination: repoDir });
  }
  writeChart(join(src, 'tools'), 'tools', '0.3.0', { description: 'Helpers for the demo', keywords: ['utility'] });
  await packageChart(join(src, 'tools', 'tools'), { destination: repoDir });
});

test.after(async () => {
  await server?.stop();
});

test('repo index writes Helm\'s index.yaml and is byte-identical when nothing changed', async () => {
  const r = await sk(['repo', 'index', repoDir]);
  assert.is(r.code, 0, r.stderr);
  const text = readFileSync(join(repoDir, 'index.yaml'), 'utf8');
  const idx = parse(text);
  assert.is(idx.apiVersion, 'v1');
  assert.equal(idx.entries.demo.map((e: { version: string }) => e.version), ['2.0.0-rc.1', '1.1.0', '1.0.0']);
  const e = idx.entries.demo[1];
  assert.equal(e.urls, ['demo-1.1.0.tgz']);
  assert.is(e.digest, createHash('sha256').update(readFileSync(join(repoDir, 'demo-1.1.0.tgz'))).digest('hex'));
  assert.equal(e.keywords, ['web']);
  assert.is(e.appVersion, '1.0');
  assert.match(text, /^\s+created: "\d{4}-/m);
  assert.ok(Object.keys(e).join(',') === Object.keys(e).sort().join(','), 'keys in Helm\'s (sorted) order');
  const again = await sk(['repo', 'index', repoDir]);
  assert.is(again.code, 0);
  assert.is(readFileSync(join(repoDir, 'index.yaml'), 'utf8'), text, 'unchanged archives give the same bytes');
  const check = await sk(['repo', 'index', repoDir, '--check']);
  assert.is(check.code, 0, check.stderr);
});

test('repo index --url and --merge follow Helm: scanned entries win, others are appended', async () => {
  const dir = join(work, 'merge');
  writeChart(join(work, 'msrc'), 'extra', '0.1.0');
  await packageChart(join(work, 'msrc', 'extra'), { destination: dir });
  const old = join(work, 'old-index.yaml');
  writeFileSync(old, `apiVersion: v1\nentries:\n  extra:\n  - apiVersion: v2\n    name: extra\n    version: 0.1.0\n    urls: [https://old.example.com/extra-0.1.0.tgz]\n    created: "2020-01-01T00:00:00Z"\n  legacy:\n  - apiVersion: v2\n    name: legacy\n    version: 9.9.9\n    urls: [https://old.example.com/legacy-9.9.9.tgz]\n    created: "2020-01-01T00:00:00Z"\ngenerated: "2020-01-01T00:00:00Z"\n`);
  const r = await sk(['repo', 'index', dir, '--url', 'https://charts.example.com/stable', '--merge', old]);
  assert.is(r.code, 0, r.stderr);
  const idx = parse(readFileSync(join(dir, 'index.yaml'), 'utf8'));
  assert.equal(idx.entries.extra[0].urls, ['https://charts.example.com/stable/extra-0.1.0.tgz']);
  assert.equal(idx.entries.legacy[0].urls, ['https://old.example.com/legacy-9.9.9.tgz']);
  assert.is(idx.entries.legacy[0].created, '2020-01-01T00:00:00Z');
  assert.ok(readFileSync(old, 'utf8').includes('old.example.com/extra'), 'the --merge file itself is not rewritten');
});

test('repo serve + repo add + search: Helm\'s messages, columns and ordering', async () => {
  server = await serve(repoDir);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const add = await sk(['repo', 'add', 'myrepo', server.url]);
  assert.is(add.code, 0, add.stderr);
  assert.is(add.stdout, '"myrepo" has been added to your repositories\n');
  const rf = parse(readFileSync(join(home, 'repositories.yaml'), 'utf8'));
  assert.equal(rf.repositories[0], { caFile: '', certFile: '', insecure_skip_tls_verify: false, keyFile: '', name: 'myrepo', pass_credentials_all: false, password: '', url: server.url, username: '' });
  assert.ok(existsSync(join(home, 'cache', 'repository', 'myrepo-index.yaml')));
  const same = await sk(['repo', 'add', 'myrepo', server.url]);
  assert.match(same.stdout, /already exists with the same configuration, skipping/);
  const clash = await sk(['repo', 'add', 'myrepo', 'http://127.0.0.1:1']);
  assert.is(clash.code, 1);
  assert.match(clash.stderr, /repository name \(myrepo\) already exists/);

  const s = await sk(['search', 'repo', 'demo']);
  assert.is(s.code, 0, s.stderr);
  const lines = s.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^NAME\s+CHART VERSION\s+APP VERSION\s+DESCRIPTION *$/);
  // name match (score 0) before a description match (score 2); stable versions only
  assert.match(lines[1]!, /^myrepo\/demo\s+1\.1\.0\s+1\.0\s+A demo web app *$/);
  assert.match(lines[2]!, /^myrepo\/tools\s+0\.3\.0/);
  assert.is(lines.length, 3);
  const all = await sk(['search', 'repo', 'demo', '-l', '--devel', '-o', 'json']);
  assert.equal(JSON.parse(all.stdout).map((r: { name: string; version: string }) => `${r.name}@${r.version}`), ['myrepo/demo@2.0.0-rc.1', 'myrepo/demo@1.1.0', 'myrepo/demo@1.0.0', 'myrepo/tools@0.3.0']);
  const kw = await sk(['search', 'repo', 'utility', '-o', 'json']);
  assert.equal(JSON.parse(kw.stdout), [{ name: 'myrepo/tools', version: '0.3.0', app_version: '1.0', description: 'Helpers for the demo' }]);
  const rx = await sk(['search', 'repo', '-r', '^to+ls', '-o', 'json']);
  assert.equal(JSON.parse(rx.stdout).map((r: { name: string }) => r.name), ['myrepo/tools']);
  const ver = await sk(['search', 'repo', 'demo', '--version', '~1.0.0', '-o', 'json']);
  assert.equal(JSON.parse(ver.stdout).map((r: { version: string }) => r.version), ['1.0.0']);
  const none = await sk(['search', 'repo', 'nothing-like-this']);
  assert.is(none.stdout, 'No results found\n');
  const fail = await sk(['search', 'repo', 'nothing-like-this', '--fail-on-no-result']);
  assert.is(fail.code, 1);
  const list = await sk(['repo', 'list', '-o', 'json']);
  assert.equal(JSON.parse(list.stdout), [{ name: 'myrepo', url: server.url }]);
});

test('template and show take REPO/CHART with a SemVer range', async () => {
  const t = await sk(['template', 'rel', 'myrepo/demo', '--version', '^1.0']);
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /version: "1\.1\.0"/);
  const exact = await sk(['show', 'chart', 'myrepo/demo', '--version', '1.0.0']);
  assert.is(exact.code, 0, exact.stderr);
  assert.match(exact.stdout, /version: 1\.0\.0/);
  const devel = await sk(['template', 'rel', 'myrepo/demo', '--devel']);
  assert.match(devel.stdout, /version: "2\.0\.0-rc\.1"/);
  const viaRepo = await sk(['template', 'rel', 'demo', '--repo', server.url, '--version', '~1.0']);
  assert.is(viaRepo.code, 0, viaRepo.stderr);
  assert.match(viaRepo.stdout, /version: "1\.0\.0"/);
  const viaUrl = await sk(['show', 'chart', `${server.url}/demo-1.1.0.tgz`]);
  assert.match(viaUrl.stdout, /version: 1\.1\.0/);
});

test('push a newer version, repo update, and search sees it; an existing version is refused', async () => {
  writeChart(join(src, '1.2.0'), 'demo', '1.2.0', { description: 'A demo web app' });
  const out = join(work, 'out');
  assert.is((await sk(['package', join(src, '1.2.0', 'demo'), '-d', out])).code, 0);
  const push = await sk(['push', join(out, 'demo-1.2.0.tgz'), 'myrepo']);
  assert.is(push.code, 0, push.stderr);
  assert.match(push.stdout, /Pushed: demo-1\.2\.0\.tgz/);
  const again = await sk(['push', join(out, 'demo-1.2.0.tgz'), 'myrepo']);
  assert.is(again.code, 1);
  assert.match(again.stderr, /409 demo-1\.2\.0\.tgz already exists/);
  const before = await sk(['search', 'repo', 'myrepo/demo', '-o', 'json']);
  assert.is(JSON.parse(before.stdout)[0].version, '1.1.0', 'the cache is not refreshed until repo update');
  const up = await sk(['repo', 'update']);
  assert.is(up.code, 0, up.stderr);
  assert.match(up.stdout, /\.\.\.updated "myrepo" \(http/);
  assert.match(up.stdout, /Update done: 1 of 1 updated\./);
  const after = await sk(['search', 'repo', 'myrepo/demo', '-o', 'json']);
  assert.is(JSON.parse(after.stdout)[0].version, '1.2.0');
  const t = await sk(['template', 'rel', 'myrepo/demo', '--version', '^1.0']);
  assert.match(t.stdout, /version: "1\.2\.0"/);
});

test('pull saves the archive or unpacks it', async () => {
  const d = join(work, 'pulled');
  const r = await sk(['pull', 'myrepo/demo', '--version', '~1.0.0', '-d', d]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(d), ['demo-1.0.0.tgz']);
  assert.ok(readFileSync(join(d, 'demo-1.0.0.tgz')).equals(readFileSync(join(repoDir, 'demo-1.0.0.tgz'))));
  const u = await sk(['pull', 'myrepo/tools', '--untar', '-d', d, '--untardir', 'x']);
  assert.is(u.code, 0, u.stderr);
  assert.match(readFileSync(join(d, 'x', 'tools', 'Chart.yaml'), 'utf8'), /version: 0\.3\.0/);
});

test('bad references are refused clearly with nothing written', async () => {
  const d = join(work, 'nothing');
  const unknown = await sk(['pull', 'nope/demo', '-d', d]);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /repo nope not found/);
  const range = await sk(['pull', 'myrepo/demo', '--version', '>=5.0', '-d', d]);
  assert.is(range.code, 1);
  assert.match(range.stderr, /chart "demo" matching version ">=5\.0" not found in repository "myrepo"; versions that exist: 1\.2\.0, 2\.0\.0-rc\.1, 1\.1\.0, 1\.0\.0|versions that exist: 2\.0\.0-rc\.1, 1\.2\.0, 1\.1\.0, 1\.0\.0/);
  const missing = await sk(['template', 'rel', 'myrepo/absent']);
  assert.match(missing.stderr, /chart "absent" not found in repository "myrepo"/);
  assert.not.ok(existsSync(d), 'nothing was written');
});

test('a digest mismatch on download is refused and nothing is saved', async () => {
  const tampered = join(work, 'tampered');
  writeChart(tampered, 'tools', '0.3.0', { description: 'not the indexed archive' });
  const tmpOut = join(work, 'tmp-out');
  await packageChart(join(tampered, 'tools'), { destination: tmpOut });
  rmSync(join(home, 'cache', 'charts'), { recursive: true, force: true }); // a verified earlier download would be reused
  copyFileSync(join(tmpOut, 'tools-0.3.0.tgz'), join(repoDir, 'tools-0.3.0.tgz'));
  const d = join(work, 'mismatch');
  const r = await sk(['pull', 'myrepo/tools', '-d', d]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /digest mismatch for http:\/\/127\.0\.0\.1:\d+\/tools-0\.3\.0\.tgz/);
  assert.not.ok(existsSync(join(d, 'tools-0.3.0.tgz')));
});

test('the server refuses uploads that are not charts or are unsafe (400 with the reason), and serialises concurrent uploads', async () => {
  const post = (body: Buffer) => fetch(`${server.url}/api/charts`, { method: 'POST', body });
  const junk = await post(Buffer.from('this is not a chart'));
  assert.is(junk.status, 400);
  assert.match(((await junk.json()) as { error: string }).error, /not a gzipped archive/);
  const evil = await post(rawTgz({ 'evil/Chart.yaml': 'apiVersion: v2\nname: evil\nversion: 1.0.0\n', 'evil/../../escape.txt': 'x' }));
  assert.is(evil.status, 400);
  assert.match(((await evil.json()) as { error: string }).error, /parent directory/);
  const noChart = await post(rawTgz({ 'thing/readme.txt': 'hello' }));
  assert.is(noChart.status, 400);
  // Twelve uploads at once: every one lands in the index.
  const out = join(work, 'many');
  const versions = Array.from({ length: 12 }, (_, i) => `0.0.${i + 1}`);
  for (const v of versions) {
    writeChart(join(work, 'many-src', v), 'many', v);
    await packageChart(join(work, 'many-src', v, 'many'), { destination: out });
  }
  const answers = await Promise.all(versions.map((v) => post(readFileSync(join(out, `many-${v}.tgz`)))));
  assert.equal(answers.map((a) => a.status), versions.map(() => 201));
  const idx = parse(await (await fetch(`${server.url}/index.yaml`)).text());
  assert.is(idx.entries.many.length, 12);
  assert.ok(idx.entries.evil === undefined);
  const del = await fetch(`${server.url}/api/charts/many/0.0.1`, { method: 'DELETE' });
  assert.is(del.status, 200);
  assert.not.ok(existsSync(join(repoDir, 'many-0.0.1.tgz')));
  const gone = await fetch(`${server.url}/api/charts/many/0.0.1`, { method: 'DELETE' });
  assert.is(gone.status, 404);
  const health = await fetch(`${server.url}/health`);
  assert.equal(await health.json(), { healthy: true });
});

test('index.yaml is served with an ETag that answers 304, and gzip when asked', async () => {
  const first = await fetch(`${server.url}/index.yaml`);
  const etag = first.headers.get('etag')!;
  assert.ok(etag && first.headers.get('last-modified'));
  const second = await fetch(`${server.url}/index.yaml`, { headers: { 'if-none-match': etag } });
  assert.is(second.status, 304);
  const gz = await fetch(`${server.url}/index.yaml`, { headers: { 'accept-encoding': 'gzip' } });
  assert.is(gz.headers.get('content-encoding'), 'gzip');
  assert.match(await gz.text(), /^apiVersion: v1/);
});

test('a malformed index is refused naming the file and line; repositories.yaml is untouched', async () => {
  const badDir = join(work, 'bad');
  const bad = await serve(join(src, '1.0.0'));
  try {
    writeFileSync(join(src, '1.0.0', 'index.yaml'), 'apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: [1.0\n');
    const before = readFileSync(join(home, 'repositories.yaml'), 'utf8');
    const r = await sk(['repo', 'add', 'broken', bad.url]);
    assert.is(r.code, 1);
    assert.match(r.stderr, /index\.yaml:\d+:\d+: invalid repository index YAML/);
    assert.is(readFileSync(join(home, 'repositories.yaml'), 'utf8'), before);
    writeFileSync(join(src, '1.0.0', 'index.yaml'), 'entries: {}\n');
    const noApi = await sk(['repo', 'add', 'broken', bad.url]);
    assert.match(noApi.stderr, /no API version specified/);
  } finally {
    await bad.stop();
  }
  assert.not.ok(existsSync(badDir));
});

test('repo remove deletes the entry and its cache; unknown names are refused', async () => {
  const upGhost = await sk(['repo', 'update', 'ghost']);
  assert.is(upGhost.code, 1);
  assert.match(upGhost.stderr, /no repositories found matching 'ghost'\. Nothing will be updated/);
  assert.not.match(upGhost.stdout, /Updating the index/);
  const unknown = await sk(['repo', 'remove', 'ghost']);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /no repo named "ghost" found/);
  const r = await sk(['repo', 'remove', 'myrepo']);
  assert.is(r.stdout, '"myrepo" has been removed from your repositories\n');
  assert.not.ok(existsSync(join(home, 'cache', 'repository', 'myrepo-index.yaml')));
  const list = await sk(['repo', 'list', '-o', 'json']);
  assert.equal(JSON.parse(list.stdout), []);
});

test.run();
