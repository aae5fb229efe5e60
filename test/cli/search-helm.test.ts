// `skiff search repo` against `helm search repo` on generated indexes: the
// same two repositories added to both, then seeded queries (literal words,
// substrings, repository prefixes, regular expressions, -l, --devel and
// --version constraints) must give the same JSON, through skiff's compact
// cache and through the index Helm itself cached.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { helmBinary, helmHomeEnv } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';

const work = tempDir('skiff-search-helm-');
const helmHome = join(work, 'helm');
const helmEnv = helmHomeEnv(helmHome);
const skiffEnv = { SKIFF_HOME: join(work, 'skiff') };

let seed = 20261122;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const WORDS = ['web', 'Cache', 'database', 'redis', 'proxy', 'ingress', 'metrics', 'Logging', 'queue', 'alpha', 'beta', 'store', 'app', 'operator', 'dashboard'];

function version(): string {
  const v = `${Math.floor(rand() * 3)}.${Math.floor(rand() * 4)}.${Math.floor(rand() * 5)}`;
  const r = rand();
  return r < 0.15 ? `${v}-rc.${Math.floor(rand() * 3)}` : r < 0.2 ? `${v}-alpha` : r < 0.25 ? `${v}+build.${Math.floor(rand() * 9)}` : v;
}

function index(prefix: string): string {
  const entries: Record<string, unknown[]> = {};
  for (let i = 0; i < 14; i++) {
    const name = `${pick(WORDS).toLowerCase()}-${prefix}${i}`;
    const versions = new Set<string>();
    while (versions.size < 1 + Math.floor(rand() * 5)) versions.add(version());
    entries[name] = [...versions].map((v) => ({
      apiVersion: 'v2',
      name,
      version: v,
      appVersion: rand() < 0.8 ? `${Math.floor(rand() * 9)}.${Math.floor(rand() * 9)}` : undefined,
      description: `A ${pick(WORDS)} chart for ${pick(WORDS)} and ${pick(WORDS)}`,
      keywords: rand() < 0.7 ? [pick(WORDS), pick(WORDS)] : undefined,
      deprecated: rand() < 0.1 ? true : undefined,
      urls: [`${name}-${v}.tgz`],
      digest: 'a'.repeat(64),
      created: '2026-01-01T00:00:00Z',
    }));
  }
  return stringify(JSON.parse(JSON.stringify({ apiVersion: 'v1', entries, generated: '2026-01-01T00:00:00Z' })));
}

const indexes: Record<string, string> = { alpha: index('a'), beta: index('b') };
let server: Server;
let url = '';

test.before(async () => {
  server = createServer((req, res) => {
    const repo = req.url!.split('/')[1]!;
    if (!indexes[repo] || !req.url!.endsWith('/index.yaml')) return void res.writeHead(404).end();
    res.setHeader('content-type', 'application/x-yaml');
    res.end(indexes[repo]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const repo of Object.keys(indexes)) {
    const h = await run(helmBinary(), ['repo', 'add', repo, `${url}/${repo}`], { env: helmEnv });
    assert.is(h.code, 0, h.stderr);
    const s = await skiff(['repo', 'add', repo, `${url}/${repo}`], { env: skiffEnv });
    assert.is(s.code, 0, s.stderr);
  }
});

test.after(() => {
  server?.close();
});

function queries(): string[][] {
  const qs: string[][] = [[], ['-l'], ['--devel'], ['-l', '--devel'], ['alpha/'], ['pha/Re'], ['beta/app'], ['ALPHA/Q'], ['beta'], ['-r', '^(web|redis)'], ['-r', 'b.*/'], ['-r', 'chart for [a-m]'], ['nothing-matches-this']];
  for (let i = 0; i < 16; i++) {
    const w = pick(WORDS);
    const kw = rand() < 0.3 ? w.slice(1, 4) : w;
    const q = [kw];
    if (rand() < 0.4) q.push('-l');
    const r = rand();
    if (r < 0.2) q.push('--devel');
    else if (r < 0.45) q.push('--version', pick(['^1.0', '>=2.0.0-0', '~1.2', '<1', '1.x']));
    qs.push(q);
  }
  return qs;
}

async function compare(env: Record<string, string>, qs: string[][]): Promise<void> {
  for (let i = 0; i < qs.length; i += 4) {
    await Promise.all(
      qs.slice(i, i + 4).map(async (q) => {
        const args = ['search', 'repo', ...q, '-o', 'json'];
        const [h, s] = await Promise.all([run(helmBinary(), args, { env: helmEnv }), skiff(args, { env })]);
        assert.is(h.code, 0, h.stderr);
        assert.is(s.code, 0, s.stderr);
        assert.equal(JSON.parse(s.stdout), JSON.parse(h.stdout), `search repo ${q.join(' ')}`);
      }),
    );
  }
}

test('the same results as helm search repo, through the compact search cache', async () => {
  await compare(skiffEnv, queries());
});

test("the same results as helm search repo, reading Helm's own cached indexes", async () => {
  const home = join(work, 'skiff-from-helm');
  mkdirSync(join(home, 'cache', 'repository'), { recursive: true });
  copyFileSync(helmEnv.HELM_REPOSITORY_CONFIG, join(home, 'repositories.yaml'));
  for (const repo of Object.keys(indexes)) copyFileSync(join(helmEnv.HELM_REPOSITORY_CACHE, `${repo}-index.yaml`), join(home, 'cache', 'repository', `${repo}-index.yaml`));
  await compare({ SKIFF_HOME: home }, queries().slice(0, 12));
});

test.run();
