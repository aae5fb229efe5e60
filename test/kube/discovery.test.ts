// Discovery against scripted servers speaking aggregated and legacy discovery.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { restClient, type RestClient } from '../../src/kube/rest-client.js';
import { createDiscovery, AGGREGATED_ACCEPT } from '../../src/kube/discovery.js';
import { ClusterError } from '../../src/errors.js';
import { sendJson, startFakeServer, type FakeServer } from './fake-server.js';

const AGG_CT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function aggCore() {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    items: [
      {
        metadata: { name: '' },
        versions: [
          {
            version: 'v1',
            resources: [
              { resource: 'configmaps', responseKind: { group: '', version: 'v1', kind: 'ConfigMap' }, scope: 'Namespaced' },
              { resource: 'namespaces', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, scope: 'Cluster' },
            ],
          },
        ],
      },
    ],
  };
}

function aggApis(withCrd: boolean) {
  const items: unknown[] = [
    {
      metadata: { name: 'apps' },
      versions: [{ version: 'v1', resources: [{ resource: 'deployments', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, scope: 'Namespaced' }] }],
    },
  ];
  if (withCrd) {
    items.push({
      metadata: { name: 'example.com' },
      versions: [
        { version: 'v2', resources: [{ resource: 'widgets', responseKind: { group: 'example.com', version: 'v2', kind: 'Widget' }, scope: 'Cluster' }] },
        { version: 'v1', resources: [{ resource: 'widgets', responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' }, scope: 'Cluster' }] },
      ],
    });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', items };
}

let server: FakeServer;
let crdInstalled = false;
let legacy = false;
const clients: RestClient[] = [];

function client(): RestClient {
  const c = restClient({ server: server.url, tls: { insecureSkipTLSVerify: false }, auth: {}, namespace: 'default', files: [] }, { retry: { maxRetries: 0 } });
  clients.push(c);
  return c;
}

test.before(async () => {
  server = await startFakeServer({}, (r, res) => {
    const path = r.url.split('?')[0];
    if (path === '/version') return sendJson(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0' });
    if (!legacy) {
      if (path === '/api') return sendJson(res, 200, aggCore(), { 'content-type': AGG_CT });
      if (path === '/apis') return sendJson(res, 200, aggApis(crdInstalled), { 'content-type': AGG_CT });
    }
    if (path === '/api') return sendJson(res, 200, { kind: 'APIVersions', versions: ['v1'] });
    if (path === '/apis') {
      return sendJson(res, 200, {
        kind: 'APIGroupList',
        groups: [
          { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
          { name: 'broken.io', versions: [{ groupVersion: 'broken.io/v1', version: 'v1' }] },
        ],
      });
    }
    if (path === '/api/v1') {
      return sendJson(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'pods', kind: 'Pod', namespaced: true },
          { name: 'pods/status', kind: 'Pod', namespaced: true },
          { name: 'nodes', kind: 'Node', namespaced: false },
        ],
      });
    }
    if (path === '/apis/apps/v1') return sendJson(res, 200, { kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [{ name: 'statefulsets', kind: 'StatefulSet', namespaced: true }] });
    if (path === '/apis/broken.io/v1') return sendJson(res, 503, { kind: 'Status', code: 503, message: 'service unavailable' });
    sendJson(res, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' });
  });
});

test.after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

test('aggregated discovery maps kinds to resources and scope in two requests', async () => {
  legacy = false;
  crdInstalled = false;
  server.seen.length = 0;
  const d = createDiscovery(client());
  assert.equal(await d.resolve('v1', 'ConfigMap'), { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true });
  assert.equal(await d.resolve('v1', 'Namespace'), { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false });
  assert.is((await d.resolve('apps/v1', 'Deployment')).resource, 'deployments');
  assert.equal(server.seen.map((r) => r.url).sort(), ['/api', '/apis']);
  assert.is(server.seen[0].headers.accept, AGGREGATED_ACCEPT);
});

test('a CRD installed later is found on a miss; an unknown kind says to install CRDs first', async () => {
  legacy = false;
  crdInstalled = false;
  const d = createDiscovery(client());
  await d.resolve('v1', 'ConfigMap');
  const e = await d.resolve('example.com/v1', 'Widget').then(() => undefined, (err: Error) => err);
  assert.instance(e, ClusterError);
  assert.match(e!.message, /no matches for kind "Widget" in version "example.com\/v1"/);
  assert.match((e as ClusterError).hint ?? '', /CRDs/);
  crdInstalled = true;
  server.seen.length = 0;
  assert.equal(await d.resolve('example.com/v1', 'Widget'), { group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: false });
  assert.is(server.seen.length, 2, 'one refresh on the miss');
  const versions = await d.apiVersions();
  for (const v of ['v1', 'apps/v1', 'example.com/v2', 'example.com/v1', 'apps/v1/Deployment', 'example.com/v1/Widget', 'v1/ConfigMap']) assert.ok(versions.includes(v), v);
  // invalidate() forgets everything, so the next lookup asks again.
  crdInstalled = false;
  d.invalidate();
  await d.resolve('v1', 'ConfigMap');
  await d.resolve('example.com/v1', 'Widget').then(() => assert.unreachable(), () => undefined);
});

test('legacy discovery walks each group version, skips subresources and tolerates a broken group', async () => {
  legacy = true;
  const d = createDiscovery(client());
  assert.equal(await d.resolve('v1', 'Pod'), { group: '', version: 'v1', kind: 'Pod', resource: 'pods', namespaced: true });
  assert.is((await d.resolve('v1', 'Node')).namespaced, false);
  assert.is((await d.resolve('apps/v1', 'StatefulSet')).resource, 'statefulsets');
  const versions = await d.apiVersions();
  assert.ok(versions.includes('apps/v1/StatefulSet'));
  assert.not.ok(versions.includes('broken.io/v1'));
  legacy = false;
});

test('serverVersion reads /version once', async () => {
  const d = createDiscovery(client());
  server.seen.length = 0;
  assert.equal(await d.serverVersion(), { major: '1', minor: '32', gitVersion: 'v1.32.0' });
  await d.serverVersion();
  assert.is(server.seen.filter((r) => r.url === '/version').length, 1);
});

test.run();
