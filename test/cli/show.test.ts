import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { skiff, run, ROOT, tempDir } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';

const FIXTURE = join(ROOT, 'test/fixtures/charts/showcase');

for (const what of ['chart', 'values', 'readme']) {
  test(`skiff show ${what} prints what helm show ${what} prints`, async () => {
    const [mine, helm] = await Promise.all([skiff(['show', what, FIXTURE]), run(helmBinary(), ['show', what, FIXTURE])]);
    assert.is(mine.code, 0, mine.stderr);
    assert.is(mine.stdout, helm.stdout);
  });
}

test('show values keeps comments exactly', async () => {
  const r = await skiff(['show', 'values', FIXTURE]);
  assert.match(r.stdout, /^# Default values for showcase\.\n# Comments are kept/);
  assert.match(r.stdout, /replicaCount: 1   # trailing comment\n/);
});

test('show crds prints the CRDs of the chart and its subcharts, one YAML document each', async () => {
  const r = await skiff(['show', 'crds', FIXTURE]);
  assert.is(r.code, 0, r.stderr);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS()).filter(Boolean);
  assert.equal(docs.map((d) => d.metadata.name), ['gadgets.example.com', 'widgets.example.com', 'parts.example.com']);
  // Helm 3.17 prints the same files (newer Helm also separates each one with ---, as skiff does).
  const helm = await run(helmBinary(), ['show', 'crds', FIXTURE]);
  assert.is(r.stdout.replace(/^---\n/gm, ''), helm.stdout.replace(/^---\n/gm, ''));
});

test('show all joins the sections with --- separators', async () => {
  const r = await skiff(['show', 'all', FIXTURE]);
  assert.is(r.code, 0, r.stderr);
  const chart = (await skiff(['show', 'chart', FIXTURE])).stdout;
  const values = (await skiff(['show', 'values', FIXTURE])).stdout;
  const readme = (await skiff(['show', 'readme', FIXTURE])).stdout;
  const crds = (await skiff(['show', 'crds', FIXTURE])).stdout;
  assert.is(r.stdout, `${chart}---\n${values}---\n${readme}${crds}`);
  const helm = await run(helmBinary(), ['show', 'all', FIXTURE]);
  assert.is(r.stdout.replace(/^---\n/gm, ''), helm.stdout.replace(/^---\n/gm, ''));
});

test('inspect is an alias; a missing chart and a missing subcommand are errors', async () => {
  const a = await skiff(['inspect', 'chart', FIXTURE]);
  assert.is(a.code, 0, a.stderr);
  assert.match(a.stdout, /name: showcase\n/);
  const missing = await skiff(['show', 'chart', join(tempDir(), 'nope')]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /^Error: chart ".*nope" not found/);
  const none = await skiff(['show']);
  assert.not.equal(none.code, 0);
  assert.match(none.stderr, /subcommand is required/);
});

test.run();
