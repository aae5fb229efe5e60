// Renders the example charts and the `skiff create` starter with the real
// renderer: default values must render without --set into valid manifests.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { loadChart, createChart } from '../../src/chart/index.js';
import { renderRelease } from '../../src/action/render-release.js';
import { ROOT } from '../support/cli.js';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };

async function render(dir: string, userValues: Record<string, unknown> = {}, releaseName = 'rel') {
  const chart = await loadChart(dir);
  const r = await renderRelease({ chart, userValues, releaseName, namespace: 'apps' });
  const objects = r.manifests.map((m) => ({ source: m.source, obj: parse(m.content) as Obj }));
  const hooks = r.hooks.map((h) => ({ source: h.source, obj: parse(h.content) as Obj, events: h.events }));
  return { objects, hooks, notes: r.notes ?? '' };
}

function kinds(objs: { obj: Obj }[]): string[] {
  return objs.map(({ obj }) => `${obj.kind}/${obj.metadata.name}`).sort();
}

test('webapp renders its defaults into the documented resources', async () => {
  const { objects, hooks, notes } = await render(join(ROOT, 'charts/webapp'));
  assert.equal(kinds(objects), ['ConfigMap/rel-webapp', 'Deployment/rel-webapp', 'Secret/rel-webapp', 'Service/rel-webapp', 'ServiceAccount/rel-webapp']);
  const deploy = objects.find((o) => o.obj.kind === 'Deployment')!.obj;
  assert.is(deploy.spec.replicas, 2);
  const container = deploy.spec.template.spec.containers[0];
  assert.is(container.image, 'nginx:1.27.3');
  assert.equal(container.resources.requests, { cpu: '50m', memory: '64Mi' });
  assert.equal(deploy.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'webapp', 'app.kubernetes.io/instance': 'rel' });
  assert.match(deploy.spec.template.metadata.annotations['checksum/config'], /^[0-9a-f]{64}$/);
  assert.is(deploy.metadata.labels!['helm.sh/chart'], 'webapp-0.1.0');
  const cm = objects.find((o) => o.obj.kind === 'ConfigMap')!.obj;
  assert.equal(cm.data, { APP_ENV: 'production', LOG_LEVEL: 'info' });
  assert.equal(hooks.map((h) => [h.obj.kind, h.obj.metadata.name, h.events]), [['Pod', 'rel-webapp-test-connection', ['test']]]);
  // The bundled cluster's simulated nodes finish the test pod; real clusters ignore the annotation.
  assert.is(hooks[0]!.obj.metadata.annotations!['sim.skiff.dev/run-time'], '100ms');
  assert.match(notes, /port-forward service\/rel-webapp 8080:80/);
});

test('webapp renders its optional resources when enabled', async () => {
  const { objects, notes } = await render(join(ROOT, 'charts/webapp'), {
    ingress: { enabled: true, className: 'nginx', hosts: [{ host: 'web.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }], tls: [{ secretName: 'web-tls', hosts: ['web.example.com'] }] },
    autoscaling: { enabled: true, targetMemoryUtilizationPercentage: 70 },
    secret: { data: { API_TOKEN: 's3cret' } },
    fullnameOverride: 'shop',
  });
  assert.equal(kinds(objects), ['ConfigMap/shop', 'Deployment/shop', 'HorizontalPodAutoscaler/shop', 'Ingress/shop', 'Secret/shop', 'Service/shop', 'ServiceAccount/shop']);
  const deploy = objects.find((o) => o.obj.kind === 'Deployment')!.obj;
  assert.is(deploy.spec.replicas, undefined, 'the HPA owns the replica count');
  const hpa = objects.find((o) => o.obj.kind === 'HorizontalPodAutoscaler')!.obj;
  assert.equal(hpa.spec.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization]), [['cpu', 80], ['memory', 70]]);
  const ing = objects.find((o) => o.obj.kind === 'Ingress')!.obj;
  assert.is(ing.spec.ingressClassName, 'nginx');
  assert.is(ing.spec.rules[0].host, 'web.example.com');
  assert.equal(ing.spec.tls, [{ hosts: ['web.example.com'], secretName: 'web-tls' }]);
  const secret = objects.find((o) => o.obj.kind === 'Secret')!.obj;
  assert.is(Buffer.from(secret.data!.API_TOKEN!, 'base64').toString(), 's3cret');
  assert.match(notes, /https:\/\/web\.example\.com\//);
});

test('platform renders the parent, the aliased api and the conditional cache', async () => {
  const { objects, notes } = await render(join(ROOT, 'charts/platform'));
  assert.equal(kinds(objects), ['ConfigMap/rel-platform-endpoints', 'Deployment/rel-backend', 'Deployment/rel-cache', 'Service/rel-backend', 'Service/rel-cache']);
  const endpoints = objects.find((o) => o.obj.kind === 'ConfigMap')!.obj;
  assert.equal(endpoints.data, { ENVIRONMENT: 'production', API_URL: 'http://rel-backend:8080/api', CACHE_ADDRESS: 'rel-cache:6379' });
  for (const { obj } of objects) assert.is(obj.metadata.labels!['app.kubernetes.io/part-of'], 'platform', `${obj.kind}/${obj.metadata.name}`);
  const api = objects.find((o) => o.obj.kind === 'Deployment' && o.obj.metadata.name === 'rel-backend')!;
  assert.match(api.source, /^platform\/charts\/backend\/templates\/deployment\.yaml$/);
  assert.is(api.obj.spec.replicas, 2);
  assert.equal(api.obj.spec.template.spec.containers[0].env.find((e: any) => e.name === 'MESSAGE'), { name: 'MESSAGE', value: 'hello from the platform' });
  assert.match(notes, /API: {3}http:\/\/rel-backend\.apps:8080\/api/);
});

test('platform: cache.enabled=false drops the cache, globals reach the subcharts', async () => {
  const { objects } = await render(join(ROOT, 'charts/platform'), { cache: { enabled: false }, global: { environment: 'staging', imageRegistry: 'registry.example.com' } });
  assert.equal(kinds(objects), ['ConfigMap/rel-platform-endpoints', 'Deployment/rel-backend', 'Service/rel-backend']);
  const api = objects.find((o) => o.obj.kind === 'Deployment')!.obj.spec.template.spec.containers[0];
  assert.is(api.image, 'registry.example.com/traefik/whoami:v1.10.3');
  assert.equal(api.env.find((e: any) => e.name === 'ENVIRONMENT'), { name: 'ENVIRONMENT', value: 'staging' });
  const endpoints = objects.find((o) => o.obj.kind === 'ConfigMap')!.obj;
  assert.is(endpoints.data!.CACHE_ADDRESS, undefined);
});

test('the skiff create starter renders like helm create', async () => {
  const dir = await createChart('starter', mkdtempSync(join(tmpdir(), 'skiff-render-starter-')));
  const { objects, hooks } = await render(dir, {}, 'demo');
  assert.equal(kinds(objects), ['Deployment/demo-starter', 'Service/demo-starter', 'ServiceAccount/demo-starter']);
  assert.equal(hooks.map((h) => h.obj.metadata.name), ['demo-starter-test-connection']);
  assert.is(hooks[0]!.obj.metadata.annotations!['helm.sh/hook'], 'test');
  assert.is(hooks[0]!.obj.metadata.annotations!['sim.skiff.dev/run-time'], '100ms');
  const on = await render(dir, { ingress: { enabled: true }, autoscaling: { enabled: true } }, 'demo');
  assert.equal(kinds(on.objects), ['Deployment/demo-starter', 'HorizontalPodAutoscaler/demo-starter', 'Ingress/demo-starter', 'Service/demo-starter', 'ServiceAccount/demo-starter']);
});

test.run();
