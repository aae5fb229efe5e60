// status.storedVersions of a CustomResourceDefinition: the storage version
// joins it, and an update that drops a version objects may still be stored in
// is refused as kube-apiserver refuses it, with the real kubectl.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-crd-versions-');
const { kubectl, ok } = cluster;

const version = (name: string, storage: boolean) => `  - name: ${name}
    served: true
    storage: ${storage}
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
const crd = (...versions: string[]) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
${versions.join('')}`;
const stored = async () => JSON.parse(await ok(['get', 'crd', 'widgets.example.com', '-o', 'json'])).status.storedVersions;

test.before(cluster.start);
test.after(cluster.stop);

test('moving the storage version adds it to storedVersions; the old one stays', async () => {
  await ok(['apply', '-f', '-'], crd(version('v1', true)));
  assert.equal(await stored(), ['v1']);
  await ok(['apply', '-f', '-'], crd(version('v1', false), version('v2', true)));
  assert.equal(await stored(), ['v1', 'v2']);
});

test('removing a version still in status.storedVersions is refused', async () => {
  for (const args of [['apply', '-f', '-'], ['apply', '--server-side', '--force-conflicts', '-f', '-'], ['replace', '-f', '-']]) {
    const r = await kubectl(args, crd(version('v2', true)));
    assert.is.not(r.code, 0, `${args.join(' ')} accepted`);
    assert.match(r.stderr, /CustomResourceDefinition.* "widgets.example.com" is invalid: status.storedVersions\[0\]: Invalid value: "v1": must appear in spec.versions/);
  }
  assert.equal((JSON.parse(await ok(['get', 'crd', 'widgets.example.com', '-o', 'json'])).spec.versions as any[]).map((v) => v.name), ['v1', 'v2']);
});

test('once storedVersions is trimmed through the status subresource, the version can go', async () => {
  await ok(['patch', 'crd', 'widgets.example.com', '--subresource=status', '--type=merge', '-p', '{"status":{"storedVersions":["v2"]}}']);
  await ok(['apply', '-f', '-'], crd(version('v2', true)));
  assert.equal(await stored(), ['v2']);
});

test.run();
