// The example charts in charts/ are part of what users see first: they must
// load, validate against their own schemas and wire their dependencies as documented.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Ajv from 'ajv';
import { loadChart, checkDependencies, archiveChart, loadChartArchive } from '../../src/chart/index.js';
import { processDependencies } from '../../src/values/dependencies.js';
import { coalesceValues } from '../../src/values/coalesce.js';
import type { Chart, Values } from '../../src/chart/types.js';
import { ROOT } from '../support/cli.js';

const WEBAPP = join(ROOT, 'charts/webapp');
const PLATFORM = join(ROOT, 'charts/platform');

function validate(chart: Chart, values: Values): void {
  const ajv = new (Ajv as unknown as typeof Ajv.default)({ strict: false });
  const ok = ajv.validate(chart.schema!, values);
  assert.ok(ok, `${chart.metadata.name}: ${JSON.stringify(ajv.errors)}`);
}

test('webapp loads with every documented template and valid default values', async () => {
  const c = await loadChart(WEBAPP);
  assert.is(c.metadata.name, 'webapp');
  assert.equal(c.templates.map((t) => t.name), [
    'templates/NOTES.txt',
    'templates/_helpers.tpl',
    'templates/configmap.yaml',
    'templates/deployment.yaml',
    'templates/hpa.yaml',
    'templates/ingress.yaml',
    'templates/secret.yaml',
    'templates/service.yaml',
    'templates/serviceaccount.yaml',
    'templates/tests/test-connection.yaml',
  ]);
  validate(c, c.values);
  const v = c.values as { replicaCount: number; image: { repository: string }; resources: { requests: { cpu: string; memory: string } } };
  assert.is(v.replicaCount, 2);
  assert.is(v.image.repository, 'nginx');
  assert.equal(v.resources.requests, { cpu: '50m', memory: '64Mi' });
  assert.match(c.templates.find((t) => t.name.endsWith('test-connection.yaml'))!.data.toString(), /"helm\.sh\/hook": test/);
});

test('platform has its subcharts in charts/ and validates its default values', async () => {
  const c = await loadChart(PLATFORM);
  checkDependencies(c);
  assert.equal(c.dependencies.map((d) => d.metadata.name), ['api', 'cache']);
  const deps = c.metadata.dependencies!;
  assert.is(deps.find((d) => d.name === 'api')!.alias, 'backend');
  assert.is(deps.find((d) => d.name === 'cache')!.condition, 'cache.enabled');
  assert.equal(deps.find((d) => d.name === 'api')!['import-values'], ['endpoint', { child: 'service', parent: 'apiService' }]);
  validate(c, c.values);
});

test('platform dependencies resolve as documented: alias, condition, import-values, globals', async () => {
  const c = await loadChart(PLATFORM);
  const processed = processDependencies(c, {});
  assert.equal(processed.dependencies.map((d) => d.metadata.name).sort(), ['backend', 'cache']);
  const values = coalesceValues(processed, {}) as Record<string, any>;
  assert.equal(values.endpoint, { path: '/api', protocol: 'http' });
  assert.is(values.apiService.port, 8080);
  assert.is(values.backend.global.environment, 'production');
  assert.is(values.cache.global.labels['app.kubernetes.io/part-of'], 'platform');
  validate(c, values);
  const noCache = processDependencies(c, { cache: { enabled: false } });
  assert.equal(noCache.dependencies.map((d) => d.metadata.name), ['backend']);
});

test('dependency update on platform keeps the subcharts as they are (no second copy vendored)', async () => {
  const { cpSync, mkdtempSync, readdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { dependencyUpdate } = await import('../../src/repo/dependency.js');
  const work = mkdtempSync(join(tmpdir(), 'skiff-platform-'));
  cpSync(PLATFORM, join(work, 'platform'), { recursive: true });
  const r = await dependencyUpdate(join(work, 'platform'), { home: join(work, 'home') });
  assert.equal(r.saved, []);
  assert.equal(readdirSync(join(work, 'platform', 'charts')).sort(), ['api', 'cache']);
  const c = await loadChart(join(work, 'platform'));
  assert.equal(c.dependencies.map((d) => d.metadata.name), ['api', 'cache']);
  assert.equal(c.lock?.dependencies.map((d) => [d.name, d.repository]), [['api', ''], ['cache', '']]);
});

test('both example charts survive packaging unchanged', async () => {
  for (const dir of [WEBAPP, PLATFORM]) {
    const c = await loadChart(dir);
    const back = await loadChartArchive(await archiveChart(c));
    assert.equal(back.metadata, c.metadata);
    assert.equal(back.templates.map((t) => t.name), c.templates.map((t) => t.name));
    assert.equal(back.dependencies.map((d) => d.metadata.name), c.dependencies.map((d) => d.metadata.name));
    assert.is(back.rawValues, c.rawValues);
  }
});

test.run();
