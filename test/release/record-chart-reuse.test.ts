// A record whose chart is large is written as one gzip stream of three
// independently compressed pieces (before the chart, the chart, after it),
// so the chart's compressed bytes serve the pending record, its outcome and
// the superseded previous revision alike. Every reader must see one ordinary
// gzip stream of exactly the record's JSON: Node's, skiff's summary reader,
// and Helm's (Go's compress/gzip) on a release skiff installed and upgraded.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRelease, decodeRelease, REUSED_CHART_MIN } from '../../src/release/codec.js';
import { decodeReleaseSummary } from '../../src/release/summary.js';
import { SetInt } from '../../src/values/int64.js';
import type { Release } from '../../src/release/types.js';
import { makeRelease } from '../support/releases.js';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helmBinary, helmHomeEnv } from '../support/helm.js';

const bigFile = (bytes: number) => ({ name: 'blob.bin', data: randomBytes(bytes).toString('base64') });
const gunzipText = (encoded: string) => gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');

function withBigChart(rel: Release, bytes = REUSED_CHART_MIN): Release {
  return { ...rel, chart: { ...rel.chart, files: [bigFile(bytes)] } };
}

test('a record with a large chart inflates to exactly its JSON, and decodes back', () => {
  const rel = withBigChart(makeRelease('big', 3, 'deployed', { config: { a: { b: [1, 'two', null] } } }));
  const encoded = encodeRelease(rel);
  const { labels: _l, ...json } = rel;
  assert.is(gunzipText(encoded), JSON.stringify(json));
  const back = decodeRelease(encoded, 'test');
  assert.equal(back.chart, rel.chart);
  assert.equal(back.info, rel.info);
  assert.equal(back.config, rel.config);
});

test('the same chart in the next record (another status, another revision) is read back whole', () => {
  const first = withBigChart(makeRelease('big', 1, 'pending-install'));
  encodeRelease(first);
  const next: Release = { ...first, info: { ...first.info, status: 'deployed', description: 'Install complete' } };
  const prev: Release = { ...first, version: 7, info: { ...first.info, status: 'superseded' }, manifest: 'other manifest' };
  for (const r of [next, prev, next]) {
    const { labels: _l, ...json } = r;
    assert.is(gunzipText(encodeRelease(r)), JSON.stringify(json));
  }
  // Another chart after it: its own bytes, not the remembered ones.
  const other = withBigChart(makeRelease('other', 1, 'deployed'), REUSED_CHART_MIN * 2);
  assert.equal(decodeRelease(encodeRelease(other), 'test').chart, other.chart);
  assert.equal(decodeRelease(encodeRelease(next), 'test').chart, first.chart);
});

test('exact integers and -0 keep their digits in either form of the record', () => {
  const config = { big: new SetInt('9007199254740993'), neg: -0 } as unknown as Release['config'];
  for (const rel of [makeRelease('small', 1, 'deployed', { config }), withBigChart(makeRelease('large', 1, 'deployed', { config }))]) {
    const text = gunzipText(encodeRelease(rel));
    assert.match(text, /"config":\{"big":9007199254740993,"neg":-0\}/);
  }
});

test('list reads the summary from the front of a large record', () => {
  const rel = withBigChart(makeRelease('big', 2, 'superseded'), REUSED_CHART_MIN * 8);
  const s = decodeReleaseSummary(encodeRelease(rel), 'test');
  assert.equal(s, { name: 'big', info: rel.info, chart: { metadata: rel.chart.metadata } });
});

test('a record without a chart, or with a small one, is one gzip stream as before', () => {
  for (const rel of [makeRelease('small', 1, 'deployed'), { ...makeRelease('none', 1, 'deployed'), chart: undefined as unknown as Release['chart'] }]) {
    const { labels: _l, ...json } = rel;
    assert.is(gunzipText(encodeRelease(rel)), JSON.stringify(json));
  }
});

let rt: Runtime | undefined;
test.after(async () => {
  await rt?.stop();
});

test('Helm reads and upgrades a release with a large chart that skiff installed and upgraded', async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  const K = ['--kubeconfig', rt.kubeconfigPath, '-n', 'default'];
  const env = { ...process.env, ...helmHomeEnv(tempDir('skiff-helm-home-')) };
  const dir = join(tempDir('skiff-chart-'), 'big');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'x: "1"\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  x: {{ .Values.x | quote }}\n');
  // Incompressible, so the chart is far above the size whose compressed bytes are reused.
  writeFileSync(join(dir, 'blob.bin'), randomBytes(REUSED_CHART_MIN * 2).toString('base64'));
  const ok = async (p: Promise<{ code: number; stdout: string; stderr: string }>) => {
    const r = await p;
    assert.is(r.code, 0, r.stderr);
    return r.stdout;
  };
  await ok(skiff(['install', 'r', dir, ...K]));
  await ok(skiff(['upgrade', 'r', dir, '--set', 'x=2', ...K]));
  const history = await ok(run(helmBinary(), ['history', 'r', '-o', 'json', ...K], { env }));
  assert.equal(
    (JSON.parse(history) as { revision: number; status: string }[]).map((h) => [h.revision, h.status]),
    [[1, 'superseded'], [2, 'deployed']],
  );
  assert.equal(JSON.parse(await ok(run(helmBinary(), ['get', 'values', 'r', '-o', 'json', ...K], { env }))), { x: 2 });
  assert.match(await ok(run(helmBinary(), ['get', 'manifest', 'r', '--revision', '1', ...K], { env })), /x: "1"/);
  await ok(run(helmBinary(), ['upgrade', 'r', dir, '--set', 'x=3', ...K], { env }));
  const cm = await rt.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'r-cm' });
  assert.equal((cm as unknown as { data: Record<string, string> }).data, { x: '3' });
  assert.match(await ok(skiff(['history', 'r', ...K])), /3\s+\S.*deployed/);
});

test.run();
