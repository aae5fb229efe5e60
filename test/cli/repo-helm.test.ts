// Helm compatibility: the real Helm adds, searches and pulls from `skiff repo
// serve`; skiff reads the repositories.yaml, cached index and index.yaml
// exactly as Helm writes them; `skiff repo index` agrees with `helm repo index`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageChart } from '../../src/chart/index.js';
import { helmBinary, helmHomeEnv } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { serve, writeChart, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-repo-helm-');
const repoDir = join(work, 'repo');
const helmHome = join(work, 'helm');
const helmEnv = helmHomeEnv(helmHome);
const helm = (args: string[]) => run(helmBinary(), args, { env: helmEnv, cwd: work });
let server: Served;

test.before(async () => {
  for (const v of ['0.1.0', '0.2.0']) {
    writeChart(join(work, 'src', v), 'hello', v, { description: 'Says hello', keywords: ['greeting'], appVersion: `v${v}` });
    await packageChart(join(work, 'src', v, 'hello'), { destination: repoDir });
  }
  server = await serve(repoDir);
});

test.after(async () => {
  await server?.stop();
});

test('helm repo add, search repo and pull work against skiff repo serve', async () => {
  const add = await helm(['repo', 'add', 'sk', server.url]);
  assert.is(add.code, 0, add.stderr);
  assert.match(add.stdout, /"sk" has been added to your repositories/);
  const search = await helm(['search', 'repo', 'hello', '-o', 'json']);
  assert.is(search.code, 0, search.stderr);
  assert.equal(JSON.parse(search.stdout), [{ name: 'sk/hello', version: '0.2.0', app_version: 'v0.2.0', description: 'Says hello' }]);
  const dest = join(work, 'helm-pulled');
  mkdirSync(dest, { recursive: true }); // helm pull wants an existing directory
  const pull = await helm(['pull', 'sk/hello', '--version', '^0.1', '-d', dest]);
  assert.is(pull.code, 0, pull.stderr);
  assert.ok(readFileSync(join(dest, 'hello-0.1.0.tgz')).equals(readFileSync(join(repoDir, 'hello-0.1.0.tgz'))));
});

test("skiff reads Helm's repositories.yaml and cached index (search and pull)", async () => {
  const home = join(work, 'skiff-home');
  mkdirSync(join(home, 'cache', 'repository'), { recursive: true });
  copyFileSync(helmEnv.HELM_REPOSITORY_CONFIG, join(home, 'repositories.yaml'));
  copyFileSync(join(helmEnv.HELM_REPOSITORY_CACHE, 'sk-index.yaml'), join(home, 'cache', 'repository', 'sk-index.yaml'));
  const env = { SKIFF_HOME: home };
  const list = await skiff(['repo', 'list', '-o', 'json'], { env });
  assert.equal(JSON.parse(list.stdout), [{ name: 'sk', url: server.url }]);
  const search = await skiff(['search', 'repo', 'greeting', '-l', '-o', 'json'], { env });
  assert.is(search.code, 0, search.stderr);
  assert.equal(JSON.parse(search.stdout).map((r: { version: string }) => r.version), ['0.2.0', '0.1.0']);
  const dest = join(work, 'skiff-pulled');
  const pull = await skiff(['pull', 'sk/hello', '--version', '0.1.0', '-d', dest], { env });
  assert.is(pull.code, 0, pull.stderr);
  assert.equal(readdirSync(dest), ['hello-0.1.0.tgz']);
});

test('skiff repo index agrees with helm repo index (entries, urls, digests, fields)', async () => {
  const a = join(work, 'a');
  const b = join(work, 'b');
  for (const d of [a, b]) for (const f of readdirSync(repoDir).filter((x) => x.endsWith('.tgz'))) {
    mkdirSync(d, { recursive: true });
    copyFileSync(join(repoDir, f), join(d, f));
  }
  const h = await helm(['repo', 'index', a, '--url', 'https://example.com/charts']);
  assert.is(h.code, 0, h.stderr);
  const s = await skiff(['repo', 'index', b, '--url', 'https://example.com/charts']);
  assert.is(s.code, 0, s.stderr);
  const strip = (text: string) => {
    const idx = parse(text);
    delete idx.generated;
    for (const list of Object.values(idx.entries) as Record<string, unknown>[][]) for (const e of list) delete e.created;
    return idx;
  };
  const helmText = readFileSync(join(a, 'index.yaml'), 'utf8');
  const skiffText = readFileSync(join(b, 'index.yaml'), 'utf8');
  assert.equal(strip(skiffText), strip(helmText));
  // Same layout apart from the timestamps.
  const mask = (t: string) => t.replace(/"\d{4}-[^"]+"/g, 'T');
  assert.is(mask(skiffText), mask(helmText));
  // And skiff serves Helm's index as it is.
  const served = await serve(a);
  try {
    const env = { SKIFF_HOME: join(work, 'h2') };
    assert.is((await skiff(['repo', 'add', 'hi', served.url], { env })).code, 0);
    const r = await skiff(['search', 'repo', 'hi/', '-o', 'json'], { env });
    assert.equal(JSON.parse(r.stdout).map((x: { name: string }) => x.name), ['hi/hello']);
  } finally {
    await served.stop();
  }
});

test.run();
