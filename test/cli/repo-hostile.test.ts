// A hostile chart repository: its index names charts with paths
// ("../../../x/planted"), and its archives are not what they claim. skiff must
// skip the invalid entries with Helm's warning, refuse bad downloads with
// clear errors, and never write anything outside SKIFF_HOME or the pull
// destination — checked on the filesystem after every command.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AddressInfo } from 'node:net';
import { skiff, tempDir } from '../support/cli.js';
import { rawTgz } from '../repo/helpers.js';
import { writeArchive } from '../../src/chart/index.js';

const work = tempDir('skiff-hostile-repo-');
const home = join(work, 'a', 'b', 'c', 'home');
const env = { SKIFF_HOME: home };
const dest = join(work, 'a', 'b', 'c', 'dest');
mkdirSync(dest, { recursive: true });

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const chart = (name: string) => rawTgz({ [`${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`, [`${name}/templates/cm.yaml`]: 'kind: ConfigMap\n' });
const planted = chart('planted');
const good = chart('good');
const notArchive = Buffer.from('#!/bin/sh\necho planted\n');
const noChartYaml = rawTgz({ 'x/values.yaml': 'a: 1\n' });
const deepPath = Array.from({ length: 4000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789').join('/');
const deep = writeArchive([
  { name: 'deep/Chart.yaml', data: Buffer.from('apiVersion: v2\nname: deep\nversion: 1.0.0\n') },
  { name: `deep/files/${deepPath}/x.txt`, data: Buffer.from('x') },
]);
const files: Record<string, Buffer> = { '/planted.tgz': planted, '/good.tgz': good, '/script.tgz': notArchive, '/nochart.tgz': noChartYaml, '/deep.tgz': deep };

const index = `apiVersion: v1
entries:
  planted:
  - apiVersion: v2
    name: ../../../x/planted
    version: 1.0.0
    digest: ${sha(planted)}
    urls:
    - planted.tgz
  ../../../y/key:
  - apiVersion: v2
    name: fine
    version: 1.0.0
    urls:
    - planted.tgz
  dotdot:
  - apiVersion: v2
    name: ..
    version: 1.0.0
    urls:
    - planted.tgz
  badversion:
  - apiVersion: v2
    name: badversion
    version: 1.0.0/../../../z
    urls:
    - planted.tgz
  good:
  - apiVersion: v2
    name: good
    version: 1.0.0
    digest: ${sha(good)}
    urls:
    - good.tgz
  script:
  - apiVersion: v2
    name: script
    version: 1.0.0
    digest: ${sha(notArchive)}
    urls:
    - script.tgz
  nochart:
  - apiVersion: v2
    name: nochart
    version: 1.0.0
    urls:
    - nochart.tgz
  deep:
  - apiVersion: v2
    name: deep
    version: 1.0.0
    urls:
    - deep.tgz
  mismatch:
  - apiVersion: v2
    name: mismatch
    version: 1.0.0
    digest: ${'0'.repeat(64)}
    urls:
    - good.tgz
generated: "2024-01-01T00:00:00Z"
`;

let server: Server;
let url = '';

/** Every file under `work` outside the allowed folders: must stay empty. */
function strays(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (p === home || p === dest) continue;
      if (e.isDirectory()) walk(p);
      else out.push(relative(work, p));
    }
  };
  walk(work);
  return out;
}

function cachedCharts(): string[] {
  const dir = join(home, 'cache', 'charts');
  return existsSync(dir) ? readdirSync(dir) : [];
}

test.before(async () => {
  server = createServer((req, res) => {
    const body = req.url === '/index.yaml' ? Buffer.from(index) : files[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.after(() => {
  server.close();
});

test('repo add skips entries whose name or version could be a path, with Helm\'s warning', async () => {
  const r = await skiff(['repo', 'add', 'evil', url], { env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /WARNING: skipping loading invalid entry for chart "planted" "1\.0\.0" from http:\/\/127\.0\.0\.1:\d+: validation: chart\.metadata\.name "\.\.\/\.\.\/\.\.\/x\/planted" is invalid/);
  assert.match(r.stderr, /chart "\.\.\/\.\.\/\.\.\/y\/key" "1\.0\.0" .*chart\.metadata\.name "\.\.\/\.\.\/\.\.\/y\/key" is invalid/);
  assert.match(r.stderr, /chart "dotdot" "1\.0\.0" .*chart\.metadata\.name "\.\." is not allowed/);
  assert.match(r.stderr, /chart "badversion" "1\.0\.0\/\.\.\/\.\.\/\.\.\/z" .*chart\.metadata\.version .* is invalid/);
  const charts = readFileSync(join(home, 'cache', 'repository', 'evil-charts.txt'), 'utf8');
  assert.equal(charts.trim().split('\n'), ['deep', 'good', 'mismatch', 'nochart', 'script']);
  assert.equal(strays(), []);
  const up = await skiff(['repo', 'update', 'evil'], { env });
  assert.is(up.code, 0, up.stderr);
  assert.match(up.stderr, /skipping loading invalid entry for chart "planted"/);
});

test('pull of a skipped entry says why it is missing; nothing is written anywhere', async () => {
  const r = await skiff(['pull', 'evil/planted', '-d', dest], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /chart "planted" not found in repository "evil": its index entry was skipped as invalid \(chart\.metadata\.name "\.\.\/\.\.\/\.\.\/x\/planted" is invalid\)/);
  assert.equal(readdirSync(dest), []);
  assert.equal(cachedCharts(), []);
  assert.equal(strays(), []);
});

test('a download that is not a chart archive is refused before it is cached or saved, even when its digest matches', async () => {
  for (const [name, why] of [['script', /not a gzipped archive/], ['nochart', /Chart\.yaml file is missing/]] as const) {
    const r = await skiff(['pull', `evil/${name}`, '-d', dest], { env });
    assert.is(r.code, 1, name);
    assert.match(r.stderr, new RegExp(`the download from http://127\\.0\\.0\\.1:\\d+/${name}\\.tgz is not a valid chart archive`));
    assert.match(r.stderr, why);
  }
  const tpl = await skiff(['template', 'x', 'evil/script'], { env });
  assert.is(tpl.code, 1);
  assert.match(tpl.stderr, /is not a valid chart archive/);
  const inst = await skiff(['install', 'x', 'evil/script', '--dry-run=client'], { env });
  assert.is(inst.code, 1);
  assert.match(inst.stderr, /is not a valid chart archive/);
  const mm = await skiff(['pull', 'evil/mismatch', '-d', dest], { env });
  assert.is(mm.code, 1);
  assert.match(mm.stderr, /digest mismatch for http:\/\/127\.0\.0\.1:\d+\/good\.tgz/);
  assert.equal(readdirSync(dest), []);
  assert.equal(cachedCharts(), []);
  assert.equal(strays(), []);
});

test('a good chart from the same repository is pulled and cached inside the home', async () => {
  const r = await skiff(['pull', 'evil/good', '-d', dest], { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(dest), ['good-1.0.0.tgz']);
  assert.equal(cachedCharts(), ['good-1.0.0.tgz']);
  assert.equal(strays(), []);
});

test('pull --untar of a chart with a path too deep for the file system fails with a short error and writes nothing', async () => {
  const untar = join(dest, 'untar');
  const r = await skiff(['pull', 'evil/deep', '--untar', '-d', untar], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /cannot extract "deep\/files\/abcdef.*….*\/x\.txt \(\d+ characters\)": the path would be \d+ bytes long \(the limit is 4095\)/);
  assert.ok(r.stderr.length < 1000, `error is ${r.stderr.length} bytes`);
  assert.not.ok(existsSync(untar), 'not even the destination is created');
  assert.equal(strays(), []);
});

test('a cached index written before names were checked still cannot lead a download outside the cache', async () => {
  const jsonFile = join(home, 'cache', 'repository', 'evil-index.json');
  const cached = JSON.parse(readFileSync(jsonFile, 'utf8'));
  cached.entries.planted = [{ apiVersion: 'v2', name: '../../../x/planted', version: '1.0.0', digest: sha(planted), urls: ['planted.tgz'] }];
  writeFileSync(jsonFile, JSON.stringify(cached));
  const r = await skiff(['pull', 'evil/planted', '-d', dest], { env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /refusing to use a path outside .*cache\/charts: "\.\.\/\.\.\/\.\.\/x\/planted-1\.0\.0\.tgz" is not a plain file name/);
  assert.equal(readdirSync(dest), ['good-1.0.0.tgz']);
  assert.equal(strays(), []);
});

test.run();
