// The Helm chart artefact format: references, tag <-> version mapping,
// version choice from tag lists, manifest building and reading.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  buildChartArtifact,
  chartConfigJSON,
  chartManifest,
  chartVersionsFromTags,
  parseManifest,
  parseOciRef,
  pickVersion,
  sha256Digest,
  verifyDigest,
  HELM_CHART_LAYER_MEDIA_TYPE,
  HELM_CONFIG_MEDIA_TYPE,
  HELM_PROV_LAYER_MEDIA_TYPE,
} from '../../src/oci/index.js';
import type { ChartMetadata } from '../../src/chart/types.js';

const meta: ChartMetadata = {
  apiVersion: 'v2',
  name: 'web',
  version: '1.2.3+build.7',
  description: 'A <web> app & more',
  home: 'https://example.com',
  sources: ['https://git.example.com/web', 'https://mirror'],
  maintainers: [{ name: 'Ops', email: 'ops@example.com' }, { name: 'Dev' }],
  annotations: { 'org.opencontainers.image.title': 'hijack', zeta: 'z', alpha: 'a' },
  type: 'application',
};

test('references: host, repository, tag (+ mapped to _), digest; bad ones refused', () => {
  assert.equal(parseOciRef('oci://localhost:5000/ns/web:1.2.3+b'), { registry: 'localhost:5000', repository: 'ns/web', tag: '1.2.3_b' });
  const d = 'sha256:' + 'a'.repeat(64);
  assert.equal(parseOciRef(`oci://Reg.IO/web@${d}`), { registry: 'reg.io', repository: 'web', digest: d });
  for (const bad of ['oci://host', 'oci://host/', 'oci://host/../etc', 'oci://host/ns/Web', 'oci://host/web:../x', 'oci://host/web@sha256:12', 'oci://ho_st/web', 'oci://host/a//b']) {
    assert.throws(() => parseOciRef(bad), /invalid/, bad);
  }
});

test("tag lists: _ read as +, strict SemVer only, newest first; Helm's choice of version", () => {
  const tags = ['latest', 'v2.0.0', '1.0.0', '1.10.0', '1.2.0_build.1', '2.0.0-rc.1', '1.2', 'sha256-abc.sig'];
  const vs = chartVersionsFromTags(tags);
  assert.equal(vs, ['2.0.0-rc.1', '1.10.0', '1.2.0+build.1', '1.0.0']);
  assert.is(pickVersion(vs, undefined, false, 'x'), '1.10.0');
  assert.is(pickVersion(vs, '', true, 'x'), '2.0.0-rc.1');
  assert.is(pickVersion(vs, '^1.0', false, 'x'), '1.10.0');
  assert.is(pickVersion(vs, '~1.2', false, 'x'), '1.2.0+build.1');
  assert.is(pickVersion(vs, '1.0.0', false, 'x'), '1.0.0');
  assert.throws(() => pickVersion(vs, '^3', false, 'oci://h/web'), /no version matching "\^3"; nearest versions: 2.0.0-rc.1, 1.10.0/);
  assert.throws(() => pickVersion(vs, '!!', false, 'x'), /invalid version constraint/);
});

test("config JSON follows Helm's Metadata field order and Go's escaping", () => {
  const json = chartConfigJSON(meta).toString();
  assert.is(
    json,
    '{"name":"web","home":"https://example.com","sources":["https://git.example.com/web","https://mirror"],"version":"1.2.3+build.7","description":"A \\u003cweb\\u003e app \\u0026 more","maintainers":[{"name":"Ops","email":"ops@example.com"},{"name":"Dev"}],"apiVersion":"v2","annotations":{"alpha":"a","org.opencontainers.image.title":"hijack","zeta":"z"},"type":"application"}',
  );
  assert.equal(JSON.parse(json).description, meta.description);
});

test('manifest: layers sorted by digest, Helm annotations, title/version not overridable; read back', () => {
  const chart = Buffer.from('chart bytes');
  const prov = Buffer.from('prov bytes');
  const a = buildChartArtifact(meta, chart, prov, new Date('2026-01-02T03:04:05.678Z'));
  const m = JSON.parse(a.manifest.toString());
  assert.equal(Object.keys(m), ['schemaVersion', 'config', 'layers', 'annotations']);
  assert.is(m.config.mediaType, HELM_CONFIG_MEDIA_TYPE);
  const digests = m.layers.map((l: { digest: string }) => l.digest);
  assert.equal(digests, [...digests].sort());
  assert.equal(new Set(m.layers.map((l: { mediaType: string }) => l.mediaType)), new Set([HELM_CHART_LAYER_MEDIA_TYPE, HELM_PROV_LAYER_MEDIA_TYPE]));
  assert.equal(m.annotations, {
    alpha: 'a',
    'org.opencontainers.image.authors': 'Ops (ops@example.com), Dev',
    'org.opencontainers.image.created': '2026-01-02T03:04:05Z',
    'org.opencontainers.image.description': 'A <web> app & more',
    'org.opencontainers.image.source': 'https://git.example.com/web',
    'org.opencontainers.image.title': 'web',
    'org.opencontainers.image.url': 'https://example.com',
    'org.opencontainers.image.version': '1.2.3+build.7',
    zeta: 'z',
  });
  assert.is(a.manifestDigest, sha256Digest(a.manifest));
  const cm = chartManifest(parseManifest(a.manifest, 'ref'), 'ref');
  assert.is(cm.chart.digest, sha256Digest(chart));
  assert.is(cm.prov!.digest, sha256Digest(prov));
  assert.is(cm.legacy, false);
});

test('an image, an index, oversized or malformed manifests are refused by name', () => {
  const image = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest('x'), size: 1 }, layers: [] }));
  assert.throws(() => chartManifest(parseManifest(image, 'oci://h/app:1'), 'oci://h/app:1'), /oci:\/\/h\/app:1 is a container image, not a Helm chart/);
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }));
  assert.throws(() => parseManifest(index, 'r'), /image index/);
  assert.throws(() => parseManifest(Buffer.alloc(5 * 1024 * 1024, 32), 'r'), /larger than the limit/);
  assert.throws(() => parseManifest(Buffer.from('{"schemaVersion":2,"config":{"mediaType":"a","digest":"md5:1","size":1},"layers":[]}'), 'r'), /malformed digest/);
  assert.throws(() => verifyDigest(Buffer.from('a'), sha256Digest('b'), 'blob'), /digest mismatch for blob/);
});

test.run();
