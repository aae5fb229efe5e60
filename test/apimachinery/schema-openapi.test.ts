import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiV3Document, openApiV3Index } from '../../src/apimachinery/schema/index.js';
import { openApiResources } from '../../src/runtime/apiserver/registry/openapi-resources.js';
import { applyStrategicMergePatch } from '../../src/apimachinery/patch/index.js';
import { run } from '../support/cli.js';
import { kubectlBinary } from '../support/helm.js';

type Doc = { paths: Record<string, any>; components: { schemas: Record<string, any> } };
const doc = (p: string, crds?: any[]) => openApiV3Document(p, openApiResources(), crds) as Doc;

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', description: 'Widget spec.', properties: { size: { type: 'integer' } } } } } } }],
  },
};

/** What client-go's query-param verifier looks for: the PATCH operation of the GVK and its query parameters. */
function patchOpFor(d: Doc, gvk: { group: string; version: string; kind: string }) {
  for (const item of Object.values(d.paths)) {
    const g = item.patch?.['x-kubernetes-group-version-kind'];
    if (g && g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind) return item.patch;
  }
  return undefined;
}

function collectRefs(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) v.forEach((x) => collectRefs(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.add(x);
      else collectRefs(x, out);
    }
  }
}

test('index lists every group/version with a hashed serverRelativeURL; the hash is stable and changes with content', () => {
  const idx = openApiV3Index(openApiResources()) as { paths: Record<string, { serverRelativeURL: string }> };
  for (const p of ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/networking.k8s.io/v1', 'apis/apiextensions.k8s.io/v1', 'apis/autoscaling/v2']) {
    assert.match(idx.paths[p]!.serverRelativeURL, new RegExp(`^/openapi/v3/${p.replace(/\./g, '\\.')}\\?hash=[0-9A-F]{128}$`));
  }
  assert.equal(openApiV3Index(openApiResources()), idx);
  const withCrd = openApiV3Index(openApiResources(), [CRD as any]) as typeof idx;
  assert.ok(withCrd.paths['apis/example.com/v1']);
  assert.is(withCrd.paths['apis/apps/v1']!.serverRelativeURL, idx.paths['apis/apps/v1']!.serverRelativeURL);
  assert.is(openApiV3Document('apis/nope/v1', openApiResources()), undefined);
});

test('PATCH operations carry the GVK and the fieldValidation parameter; built-ins accept strategic merge patch', () => {
  const d = doc('apis/apps/v1');
  const op = patchOpFor(d, { group: 'apps', version: 'v1', kind: 'Deployment' });
  assert.ok(op, 'patch operation for Deployment');
  const params = op.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name);
  for (const p of ['dryRun', 'fieldManager', 'fieldValidation', 'force']) assert.ok(params.includes(p), p);
  assert.ok(op.requestBody.content['application/strategic-merge-patch+json']);
  assert.ok(d.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].patch);
  const core = doc('api/v1');
  for (const kind of ['Pod', 'Secret', 'ConfigMap', 'Namespace', 'Service']) assert.ok(patchOpFor(core, { group: '', version: 'v1', kind }), kind);
});

test('components carry GVK, patch and list extensions, and every $ref resolves inside the document', () => {
  const d = doc('apis/apps/v1');
  const s = d.components.schemas;
  assert.equal(s['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  const containers = s['io.k8s.api.core.v1.PodSpec'].properties.containers;
  assert.is(containers['x-kubernetes-patch-merge-key'], 'name');
  assert.is(containers['x-kubernetes-patch-strategy'], 'merge');
  assert.is(containers['x-kubernetes-list-type'], 'map');
  assert.equal(containers['x-kubernetes-list-map-keys'], ['name']);
  assert.is(s['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy['x-kubernetes-patch-strategy'], 'retainKeys');
  assert.ok(s['io.k8s.api.apps.v1.DeploymentSpec'].required.includes('selector'));
  for (const p of ['api/v1', 'apis/apps/v1', 'apis/apiextensions.k8s.io/v1', 'apis/autoscaling/v2']) {
    const dd = doc(p);
    const refs = new Set<string>();
    collectRefs(dd, refs);
    for (const r of refs) assert.ok(dd.components.schemas[r.replace('#/components/schemas/', '')], `${p}: ${r}`);
  }
});

test('custom resources: schema from the CRD with ObjectMeta, PATCH without strategic merge patch', () => {
  const d = doc('apis/example.com/v1', [CRD]);
  const w = d.components.schemas['com.example.v1.Widget'];
  assert.equal(w['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
  assert.is(w.properties.spec.properties.size.type, 'integer');
  assert.ok(d.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
  const op = patchOpFor(d, { group: 'example.com', version: 'v1', kind: 'Widget' });
  assert.ok(op.parameters.some((p: any) => p.name === 'fieldValidation'));
  assert.not.ok(op.requestBody.content['application/strategic-merge-patch+json']);
  assert.ok(op.requestBody.content['application/merge-patch+json']);
  assert.ok(d.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status']);
});

// --- the real kubectl against a small server that serves these documents ---------------------

interface Seen {
  method: string;
  url: string;
  contentType?: string;
  body?: any;
}

function fakeApiServer(live: Record<string, any>, crds: any[] = []): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const body = raw ? JSON.parse(raw) : undefined;
      seen.push({ method: req.method!, url: req.url!, contentType: req.headers['content-type'], body });
      const json = (code: number, b: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      };
      const p = url.pathname;
      const resources = (gv: string, list: any[]) => ({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: list });
      if (p === '/version') return json(200, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
      if (p === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
      if (p === '/apis') {
        const group = (name: string) => ({ name, versions: [{ groupVersion: `${name}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' } });
        return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [group('apps'), ...crds.map((c) => group(c.spec.group))] });
      }
      if (p === '/apis/example.com/v1' && crds.length) return json(200, resources('example.com/v1', [{ name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['create', 'get', 'list', 'patch'] }]));
      if (p === '/api/v1') return json(200, resources('v1', [{ name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'get', 'list', 'patch', 'update', 'delete'] }]));
      if (p === '/apis/apps/v1') return json(200, resources('apps/v1', [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['create', 'get', 'list', 'patch', 'update', 'delete'] }]));
      if (p === '/openapi/v3') return json(200, openApiV3Index(openApiResources(), crds));
      if (p.startsWith('/openapi/v3/')) {
        const d = openApiV3Document(p.slice('/openapi/v3/'.length), openApiResources(), crds);
        return d ? json(200, d) : json(404, {});
      }
      const obj = live[p];
      if (req.method === 'GET' && obj) return json(200, obj);
      if (req.method === 'PATCH' && obj) {
        live[p] = applyStrategicMergePatch(obj, body, { group: 'apps', version: 'v1', kind: 'Deployment' });
        return json(200, live[p]);
      }
      if (req.method === 'POST') return json(201, body);
      json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, seen })));
}

function kubectl(port: number, args: string[]) {
  const home = mkdtempSync(join(tmpdir(), 'skiff-kubectl-home-'));
  return run(kubectlBinary(), [`--server=http://127.0.0.1:${port}`, ...args], { env: { HOME: home, KUBECONFIG: join(home, 'none') }, timeoutMs: 60_000 });
}

const dir = mkdtempSync(join(tmpdir(), 'skiff-openapi-'));
const deploymentYaml = (image: string, sidecar: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: ${image}}
${sidecar ? '      - {name: side, image: side:1}\n' : ''}`;

test('kubectl explain reads field docs from these documents', async () => {
  const { server, port } = await fakeApiServer({});
  try {
    const r = await kubectl(port, ['explain', 'deployment.spec.strategy']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /FIELD: strategy <DeploymentStrategy>/);
    assert.match(r.stdout, /rollingUpdate\s+<RollingUpdateDeployment>/);
    assert.match(r.stdout, /Recreate or RollingUpdate/);
  } finally {
    server.close();
  }
});

test('kubectl explain reads a custom kind from its CRD schema', async () => {
  const { server, port } = await fakeApiServer({}, [CRD]);
  try {
    const r = await kubectl(port, ['explain', 'widgets.spec']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /KIND:\s+Widget/);
    assert.match(r.stdout, /Widget spec\./);
    assert.match(r.stdout, /size\s+<integer>/);
  } finally {
    server.close();
  }
});

test('kubectl create relies on server-side validation (fieldValidation=Strict) and apply sends a strategic merge patch that applies here', async () => {
  const path = '/apis/apps/v1/namespaces/default/deployments/web';
  const lastApplied = JSON.parse(JSON.stringify((await import('yaml')).parse(deploymentYaml('web:1', true))));
  const live = {
    [path]: { ...lastApplied, metadata: { ...lastApplied.metadata, uid: 'u1', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(lastApplied) } }, status: { replicas: 1 } },
  };
  const { server, port, seen } = await fakeApiServer(live);
  try {
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}\n');
    const c = await kubectl(port, ['create', '-f', join(dir, 'cm.yaml')]);
    assert.is(c.code, 0, c.stderr);
    const post = seen.find((s) => s.method === 'POST');
    assert.match(post!.url, /fieldValidation=Strict/);

    writeFileSync(join(dir, 'd.yaml'), deploymentYaml('web:2', false));
    const a = await kubectl(port, ['apply', '-f', join(dir, 'd.yaml')]);
    assert.is(a.code, 0, a.stderr);
    const patch = seen.find((s) => s.method === 'PATCH')!;
    assert.is(patch.contentType, 'application/strategic-merge-patch+json');
    assert.match(patch.url, /fieldValidation=Strict/);
    const containers = (live[path] as any).spec.template.spec.containers;
    assert.equal(containers, [{ name: 'web', image: 'web:2' }]);
    assert.equal((live[path] as any).status, { replicas: 1 });
  } finally {
    server.close();
  }
});

test.run();
