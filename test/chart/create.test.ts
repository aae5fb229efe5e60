import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { createChart, loadChart } from '../../src/chart/index.js';
import { ChartInvalidError } from '../../src/errors.js';
import { writeChart, CHART_YAML } from './builders.js';

const parent = () => mkdtempSync(join(tmpdir(), 'skiff-create-'));

test('creates a chart mirroring helm create, in nunjucks', async () => {
  const dir = await createChart('shop', parent());
  const c = await loadChart(dir);
  assert.is(c.metadata.name, 'shop');
  assert.is(c.metadata.apiVersion, 'v2');
  assert.is(c.metadata.type, 'application');
  assert.equal(c.templates.map((t) => t.name), [
    'templates/NOTES.txt',
    'templates/_helpers.tpl',
    'templates/deployment.yaml',
    'templates/hpa.yaml',
    'templates/ingress.yaml',
    'templates/service.yaml',
    'templates/serviceaccount.yaml',
    'templates/tests/test-connection.yaml',
  ]);
  assert.ok(c.files.some((f) => f.name === '.helmignore'));
  assert.ok(existsSync(join(dir, 'charts')));
  const helpers = readFileSync(join(dir, 'templates/_helpers.tpl'), 'utf8');
  for (const h of ['name', 'fullname', 'chart', 'labels', 'selectorLabels', 'serviceAccountName']) {
    assert.match(helpers, new RegExp(`{% define "shop\\.${h}" -%}`));
  }
  assert.not.match(helpers, /<CHARTNAME>/);
  const test = readFileSync(join(dir, 'templates/tests/test-connection.yaml'), 'utf8');
  assert.match(test, /"helm\.sh\/hook": test/);
  assert.match(readFileSync(join(dir, 'templates/ingress.yaml'), 'utf8'), /^{%- if Values\.ingress\.enabled -%}/);
  assert.match(readFileSync(join(dir, 'templates/hpa.yaml'), 'utf8'), /^{%- if Values\.autoscaling\.enabled %}/);
});

test('the default values satisfy the generated values.schema.json', async () => {
  const c = await loadChart(await createChart('web', parent()));
  const ajv = new (Ajv as unknown as typeof Ajv.default)({ strict: false });
  const validate = ajv.compile(c.schema!);
  assert.ok(validate(c.values), JSON.stringify(validate.errors));
  assert.not.ok(validate({ ...c.values, replicaCount: 'two' }));
});

test('refuses to write into a non-empty directory, accepts an empty one', async () => {
  const p = parent();
  mkdirSync(join(p, 'taken'));
  writeFileSync(join(p, 'taken', 'mine.txt'), 'keep');
  try {
    await createChart('taken', p);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ChartInvalidError);
    assert.match((err as Error).message, /already exists and is not empty; refusing to overwrite it/);
  }
  assert.is(readFileSync(join(p, 'taken', 'mine.txt'), 'utf8'), 'keep');
  mkdirSync(join(p, 'empty'));
  assert.is((await loadChart(await createChart('empty', p))).metadata.name, 'empty');
  writeFileSync(join(p, 'afile'), 'x');
  try {
    await createChart('afile', p);
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /already exists and is not a directory/);
  }
});

test('refuses invalid chart names', async () => {
  for (const name of ['bad name', 'sémaphore', 'a:b']) {
    try {
      await createChart(name, parent());
      assert.unreachable(name);
    } catch (err) {
      assert.match((err as Error).message, /chart name ".*" is invalid/);
    }
  }
});

test('a path creates the chart named after its last element', async () => {
  const p = parent();
  const dir = await createChart('nested/dir/api', p);
  assert.is(dir, join(p, 'nested/dir/api'));
  assert.is((await loadChart(dir)).metadata.name, 'api');
});

test('a starter chart is copied with <CHARTNAME> replaced', async () => {
  const starter = writeChart({
    'Chart.yaml': CHART_YAML('starter', '3.0.0', 'description: made from <CHARTNAME>\n'),
    'values.yaml': 'name: <CHARTNAME>\n',
    'templates/cm.yaml': 'name: {{ include("<CHARTNAME>.fullname") }}\n',
  });
  const dir = await createChart('mine', parent(), { starter });
  const c = await loadChart(dir);
  assert.is(c.metadata.name, 'mine');
  assert.is(c.metadata.version, '3.0.0');
  assert.is(c.metadata.description, 'made from mine');
  assert.equal(c.values, { name: 'mine' });
  assert.is(c.templates[0]!.data.toString(), 'name: {{ include("mine.fullname") }}\n');
});

test.run();
