// The type catalog resolves a type when it is first asked for (a client-side
// patch of one kind reads a few types, not the catalog); what it answers is
// what the whole catalog holds, the same objects once everything is resolved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGES, allKinds, allTypes, findType, typeById, typeForGvk } from '../../src/apimachinery/schema/index.js';

test('types asked for one by one are the ones the whole catalog holds', () => {
  // Asked first, before anything resolves the whole catalog (this file runs in a process of its own).
  const cm = typeForGvk({ group: '', version: 'v1', kind: 'ConfigMap' });
  const deploy = typeForGvk({ group: 'apps', version: 'v1', kind: 'Deployment' });
  const meta = typeById('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  const container = findType('Container');
  const spec = findType('apps.DeploymentSpec');
  assert.ok(cm && deploy && meta && container && spec);
  assert.is(typeForGvk({ group: 'apps', version: 'v1', kind: 'NoSuchKind' }), undefined);
  assert.is(typeForGvk({ group: 'nope.example.com', version: 'v1', kind: 'ConfigMap' }), undefined);
  assert.is(typeById('io.k8s.api.core.v1.NoSuchType'), undefined);
  // Inline (embedded) fields are flattened with the fields they came through.
  assert.ok(cm!.byName.get('metadata') && cm!.byName.get('data'));
  const all = [...allTypes()];
  assert.ok(all.includes(cm!) && all.includes(deploy!) && all.includes(meta!) && all.includes(container!) && all.includes(spec!), 'the same objects');
  assert.is(new Set(all.map((t) => t.id)).size, all.length, 'each type once');
  assert.is(all.length, PACKAGES.reduce((n, p) => n + p.types.length, 0));
  for (const k of allKinds()) assert.is(typeForGvk(k.def.gvk!), k);
  for (const t of all) assert.is(typeById(t.id), t);
});

test.run();
