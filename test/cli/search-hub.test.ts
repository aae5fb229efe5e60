// `skiff search hub` against a local hub that answers as Artifact Hub does:
// its Monocular-compatible search (what Helm asks) and its own package search.
// Output is compared with real Helm 3 and Helm 4 querying the same server.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { helm4Binary, helmBinary } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';

const PACKAGES = [
  {
    name: 'postgresql',
    version: '16.7.4',
    app_version: '17.5.0',
    description: 'PostgreSQL (Postgres) is an open source object-relational database known for reliability and data integrity. ACID-compliant, it supports foreign keys, joins, views, triggers and stored procedures.',
    repository: { name: 'bitnami', url: 'oci://registry-1.docker.io/bitnamicharts' },
  },
  {
    name: 'postgres-operator',
    version: '1.14.0',
    app_version: '1.14.0',
    description: 'Postgres Operator creates and manages PostgreSQL clusters running in Kubernetes <&>',
    repository: { name: 'postgres-operator-charts', url: 'https://opensource.zalando.com/postgres-operator/charts/postgres-operator' },
  },
];

interface Hub {
  url: string;
  server: Server;
  requests: string[];
}

/** A hub; `monocular` false makes it answer 404 on the Monocular path, as a hub with only the native API does. */
async function startHub(opts: { monocular: boolean; status?: number }): Promise<Hub> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (opts.status) return send(opts.status, { message: 'the hub is down' });
    const words = (url.searchParams.get('q') ?? url.searchParams.get('ts_query_web') ?? '').split(/\s+/).filter(Boolean);
    const found = PACKAGES.filter((p) => words.every((w) => p.name.includes(w) || p.description.toLowerCase().includes(w)));
    if (url.pathname === '/api/chartsvc/v1/charts/search' && opts.monocular) {
      return send(200, {
        data: found.map((p) => ({
          id: `${p.repository.name}/${p.name}`,
          artifactHub: { packageUrl: `${hubURL}/packages/helm/${p.repository.name}/${p.name}` },
          type: 'chart',
          attributes: { name: p.name, repo: p.repository, description: p.description },
          links: { self: `/v1/charts/${p.repository.name}/${p.name}` },
          relationships: { latestChartVersion: { data: { version: p.version, app_version: p.app_version }, links: { self: '' } } },
        })),
      });
    }
    if (url.pathname === '/api/v1/packages/search' && url.searchParams.get('kind') === '0') {
      res.setHeader('pagination-total-count', String(found.length));
      return send(200, { packages: found.map((p, i) => ({ package_id: `id-${i}`, normalized_name: p.name, stars: 3, official: false, signed: false, ...p, repository: { repository_id: `r${i}`, kind: 0, verified_publisher: true, ...p.repository } })) });
    }
    send(404, { message: 'not found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const hubURL = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url: hubURL, server, requests };
}

const helmEnv = (() => {
  const home = tempDir('skiff-hub-helm-');
  return { HELM_CONFIG_HOME: `${home}/config`, HELM_CACHE_HOME: `${home}/cache`, HELM_DATA_HOME: `${home}/data` };
})();

let hub: Hub;
let nativeHub: Hub;

test.before(async () => {
  hub = await startHub({ monocular: true });
  nativeHub = await startHub({ monocular: false });
});

test.after(() => {
  hub.server.close();
  nativeHub.server.close();
});

test('table, --list-repo-url, --max-col-width, json and yaml print what Helm 3 and Helm 4 print', async () => {
  for (const flags of [[], ['--list-repo-url'], ['--max-col-width', '20', '--list-repo-url'], ['--max-col-width', '0'], ['-o', 'json'], ['-o', 'yaml']]) {
    const args = ['search', 'hub', 'postgres', '--endpoint', hub.url, ...flags];
    const mine = await skiff(args);
    assert.is(mine.code, 0, mine.stderr);
    for (const bin of [helmBinary(), helm4Binary()]) {
      const theirs = await run(bin, args, { env: helmEnv });
      assert.is(theirs.code, 0, theirs.stderr);
      assert.is(mine.stdout, theirs.stdout, `${flags.join(' ')} (${bin})`);
    }
  }
  const json = JSON.parse((await skiff(['search', 'hub', 'postgres', '--endpoint', hub.url, '-o', 'json'])).stdout);
  assert.equal(json[0], {
    url: `${hub.url}/packages/helm/bitnami/postgresql`,
    version: '16.7.4',
    app_version: '17.5.0',
    description: PACKAGES[0]!.description,
    repository: { url: 'oci://registry-1.docker.io/bitnamicharts', name: 'bitnami' },
  });
});

test('several words form one query, sent as Helm sends it', async () => {
  hub.requests.length = 0;
  const r = await skiff(['search', 'hub', 'postgres', 'operator', '--endpoint', `${hub.url}/`, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(hub.requests, ['/api/chartsvc/v1/charts/search?q=postgres+operator']);
  assert.equal(JSON.parse(r.stdout).map((x: { version: string }) => x.version), ['1.14.0']);
});

test("a hub with only Artifact Hub's own API: its package search, with the OCI or classic repository to install from", async () => {
  nativeHub.requests.length = 0;
  const r = await skiff(['search', 'hub', 'postgres', '--endpoint', nativeHub.url, '--list-repo-url', '--max-col-width', '0']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(nativeHub.requests, ['/api/chartsvc/v1/charts/search?q=postgres', '/api/v1/packages/search?ts_query_web=postgres&kind=0&facets=false&limit=60&offset=0']);
  const lines = r.stdout.split('\n').map((l) => l.trimEnd()); // Helm pads the last column too
  assert.match(lines[0]!, /^URL\s+CHART VERSION\s+APP VERSION\s+DESCRIPTION\s+REPO URL$/);
  assert.match(lines[1]!, new RegExp(`^${nativeHub.url}/packages/helm/bitnami/postgresql\\s+16\\.7\\.4\\s+17\\.5\\.0\\s+PostgreSQL \\(Postgres\\) is an open source object-relational database .* stored procedures\\.\\s+oci://registry-1\\.docker\\.io/bitnamicharts$`));
  assert.match(lines[2]!, /\shttps:\/\/opensource\.zalando\.com\/postgres-operator\/charts\/postgres-operator$/);
  const json = JSON.parse((await skiff(['search', 'hub', 'postgres', '--endpoint', nativeHub.url, '-o', 'json'])).stdout);
  assert.equal(json.map((x: { repository: { url: string } }) => x.repository.url), ['oci://registry-1.docker.io/bitnamicharts', 'https://opensource.zalando.com/postgres-operator/charts/postgres-operator']);
});

test('no results: a message, or a failure with --fail-on-no-result; an empty list in json and yaml', async () => {
  let r = await skiff(['search', 'hub', 'nothing-like-this', '--endpoint', hub.url]);
  assert.is(r.code, 0);
  assert.is(r.stdout, 'No results found\n');
  r = await skiff(['search', 'hub', 'nothing-like-this', '--endpoint', hub.url, '-o', 'json']);
  assert.is(r.stdout, '[]\n');
  r = await skiff(['search', 'hub', 'nothing-like-this', '--endpoint', hub.url, '-o', 'yaml']);
  assert.is(r.stdout, '[]\n');
  for (const o of ['table', 'json']) {
    r = await skiff(['search', 'hub', 'nothing-like-this', '--endpoint', hub.url, '--fail-on-no-result', '-o', o]);
    assert.is(r.code, 1);
    assert.match(r.stderr, 'Error: no results found');
    const h = await run(helmBinary(), ['search', 'hub', 'nothing-like-this', '--endpoint', hub.url, '--fail-on-no-result', '-o', o], { env: helmEnv });
    assert.is(h.code, 1);
  }
});

test('a failing or unreachable hub, and bad flags, are errors naming what went wrong', async () => {
  const down = await startHub({ monocular: true, status: 503 });
  try {
    const r = await skiff(['search', 'hub', 'x', '--endpoint', down.url]);
    assert.is(r.code, 1);
    assert.match(r.stderr, `Error: unable to perform search against "${down.url}": ${down.url}/api/chartsvc/v1/charts/search?q=x answered 503`);
  } finally {
    down.server.close();
  }
  let r = await skiff(['search', 'hub', 'x', '--endpoint', 'http://127.0.0.1:1']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /cannot reach http:\/\/127\.0\.0\.1:1\/api\/chartsvc\/v1\/charts\/search\?q=x/);
  r = await skiff(['search', 'hub', 'x', '--endpoint', hub.url, '-o', 'xml']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'invalid output format "xml"');
  r = await skiff(['search', 'hub', 'x', '--endpoint', 'not a url']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'unable to create connection to "not a url"');
});

test.run();
