// The registry (what the server serves) and the schema catalog (OpenAPI,
// strategic-merge metadata, protobuf) must describe the same kinds: a served
// kind without a schema breaks kubectl validation and strategic merge patch,
// a schema kind nobody serves is dead weight. This test fails when they diverge.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allKinds, openApiPaths, openApiV3Document, patchMetaLookup, typeForGvk } from '../../../src/apimachinery/schema/index.js';
import { builtinResources } from '../../../src/runtime/apiserver/registry/index.js';
import { openApiResources } from '../../../src/runtime/apiserver/registry/openapi-resources.js';

const key = (g: { group: string; version: string; kind: string }) => `${g.group}/${g.version}/${g.kind}`;

test('every served kind, its List kind and its subresource kinds have a schema', () => {
  const missing: string[] = [];
  for (const r of builtinResources()) {
    if (!typeForGvk(r)) missing.push(key(r));
    const listable = r.verbs.includes('list');
    if (listable && !typeForGvk({ ...r, kind: r.listKind })) missing.push(`${key(r)} list ${r.listKind}`);
    for (const s of r.subresources ?? []) {
      if (['log', 'exec', 'attach', 'portforward', 'proxy'].includes(s.name)) continue;
      if (!typeForGvk(s)) missing.push(`${key(r)}/${s.name} → ${key(s)}`);
    }
    if (r.verbs.includes('patch')) assert.ok(patchMetaLookup(r), `${key(r)}: strategic merge metadata`);
  }
  assert.equal(missing, [], `served without a schema: ${missing.join(', ')}`);
});

test('every kind of the catalog is served, listed, a subresource kind or an API-machinery kind', () => {
  const served = new Set<string>();
  for (const r of builtinResources()) {
    served.add(key(r));
    served.add(key({ ...r, kind: r.listKind }));
    for (const s of r.subresources ?? []) served.add(key(s));
  }
  const orphans = allKinds()
    .filter((t) => t.pkg.alias !== 'meta') // Status, DeleteOptions, discovery documents, PartialObjectMetadata...
    .map((t) => key(t.def.gvk!))
    .filter((k) => !served.has(k));
  assert.equal(orphans, [], `described but not served: ${orphans.join(', ')}`);
});

test('the OpenAPI v3 documents cover every served group/version and kind', () => {
  const paths = openApiPaths(openApiResources());
  for (const r of builtinResources()) {
    const p = r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`;
    assert.ok(paths.includes(p), p);
    const doc = openApiV3Document(p, openApiResources()) as { components: { schemas: Record<string, { 'x-kubernetes-group-version-kind'?: unknown[] }> } };
    const gvks = Object.values(doc.components.schemas).flatMap((s) => s['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
    assert.ok(gvks.some((g) => key(g) === key(r)), `${p} describes ${r.kind}`);
  }
});

test.run();
