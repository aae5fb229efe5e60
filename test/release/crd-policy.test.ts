// crdIncompatibilities and resolveCrdPolicy: which CRD changes --crds=upgrade
// applies and which it refuses, field by field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { crdIncompatibilities, resolveCrdPolicy } from '../../src/release/crd-policy.js';
import { UsageError } from '../../src/errors.js';

type V = [name: string, served: boolean, storage: boolean];
function crd(versions: V[], stored: string[] = [], over: { scope?: string; kind?: string; group?: string } = {}): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: over.group ?? 'example.com',
      names: { kind: over.kind ?? 'Widget', plural: 'widgets' },
      scope: over.scope ?? 'Namespaced',
      versions: versions.map(([name, served, storage]) => ({ name, served, storage })),
    },
    status: { storedVersions: stored },
  } as KubeObject;
}

test('adding a version, serving an unserved one, or moving storage while every stored version stays served is compatible', () => {
  const live = crd([['v1alpha1', true, true], ['v0', false, false]], ['v1alpha1']);
  assert.equal(crdIncompatibilities(live, crd([['v1alpha1', true, false], ['v0', true, false], ['v1', true, true]])), []);
  // an unserved version without stored objects may go
  assert.equal(crdIncompatibilities(live, crd([['v1alpha1', true, true]])), []);
});

test('a served version removed or unserved is refused, stored or not', () => {
  const live = crd([['v1alpha1', true, false], ['v1beta1', true, true]], ['v1beta1']);
  assert.equal(crdIncompatibilities(live, crd([['v1beta1', false, false], ['v1', true, true]])), [
    'CRD widgets.example.com: spec.versions[v1alpha1] is served by the cluster but the chart removes it',
    'CRD widgets.example.com: spec.versions[v1beta1] is served by the cluster and has stored objects (status.storedVersions) but the chart stops serving it (served: false)',
    'CRD widgets.example.com: spec.versions[v1].storage moves the storage version from v1beta1 to v1, but stored version v1beta1 would no longer be served',
  ]);
});

test('a stored but unserved version cannot be removed; storage cannot move away from an unserved stored version', () => {
  const live = crd([['v1alpha1', false, false], ['v1', true, true]], ['v1alpha1', 'v1']);
  assert.equal(crdIncompatibilities(live, crd([['v1', true, true]])), ['CRD widgets.example.com: spec.versions[v1alpha1] has stored objects (status.storedVersions) but the chart removes it']);
  const moved = crdIncompatibilities(live, crd([['v1alpha1', false, false], ['v1', true, false], ['v2', true, true]]));
  assert.equal(moved, ['CRD widgets.example.com: spec.versions[v2].storage moves the storage version from v1 to v2, but stored version v1alpha1 would no longer be served']);
});

test('scope, group and kind changes are refused', () => {
  const live = crd([['v1', true, true]], ['v1']);
  assert.equal(crdIncompatibilities(live, crd([['v1', true, true]], [], { scope: 'Cluster', kind: 'Gizmo', group: 'other.io' })), [
    'CRD widgets.example.com: spec.group would change from "example.com" to "other.io", which the cluster cannot do in place',
    'CRD widgets.example.com: spec.names.kind would change from "Widget" to "Gizmo", which the cluster cannot do in place',
    'CRD widgets.example.com: spec.scope would change from "Namespaced" to "Cluster", which the cluster cannot do in place',
  ]);
});

test('resolveCrdPolicy: default create, --skip-crds as alias of skip, bad values and contradictions are usage errors', () => {
  assert.is(resolveCrdPolicy(undefined, undefined), 'create');
  assert.is(resolveCrdPolicy(undefined, true), 'skip');
  assert.is(resolveCrdPolicy('skip', true), 'skip');
  assert.is(resolveCrdPolicy('upgrade', false), 'upgrade');
  assert.throws(() => resolveCrdPolicy('bogus', undefined), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && /invalid value "bogus" for --crds/.test(e.message));
  assert.throws(() => resolveCrdPolicy('create', true), (e: unknown) => e instanceof UsageError && /--skip-crds contradicts --crds=create/.test(e.message));
});

test.run();
