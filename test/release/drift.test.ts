// Field-by-field drift between a manifest object and its live object.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { compareObject, ignoreMatcher, parseIgnoreRule, resetPatch } from '../../src/release/drift.js';

const obj = (o: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, ...o }) as KubeObject;
const none = () => false;

test('only manifest fields count; quantities by value; list items by merge key; quoted numbers', () => {
  const desired = obj({ spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '0.5', memory: '1Gi' } }, ports: [{ containerPort: 80 }] }, { name: 'b', image: 'y' }] } });
  const live = obj({
    metadata: { name: 'p', uid: 'u', resourceVersion: '9', managedFields: [] },
    spec: { containers: [{ name: 'b', image: 'y', imagePullPolicy: 'IfNotPresent' }, { name: 'a', image: 'x', resources: { requests: { cpu: '500m', memory: '1073741824' } }, ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
    status: { phase: 'Running' },
  });
  assert.equal(compareObject(desired, live, none), []);
  (live as any).spec.containers[1].image = 'z';
  const d = compareObject(desired, live, none);
  assert.equal(d, [{ path: '/spec/containers/0/image', livePath: '/spec/containers/1/image', expected: 'x', actual: 'z' }]);
  assert.equal(resetPatch(d), [{ op: 'replace', path: '/spec/containers/1/image', value: 'x' }]);
  assert.equal(compareObject(obj({ data: { n: '3' } }), obj({ data: { n: 3 } }), none), []);
});

test('an added or removed list item drifts the whole list; a missing field is reported for an add', () => {
  const d = compareObject(obj({ spec: { containers: [{ name: 'a' }] }, data: { k: 'v' } }), obj({ spec: { containers: [{ name: 'a' }, { name: 'b' }] }, data: {} }), none);
  assert.equal(d.map((f) => f.path), ['/spec/containers', '/data/k']);
  assert.equal(resetPatch(d).map((p) => p.op), ['replace', 'add']);
});

test('a Secret\'s stringData compares as data; ignore rules by pointer, kind and name; annotation rules', () => {
  const s = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'skiff.io/drift-ignore': '/data/b' } } };
  const desired = { ...s, stringData: { a: 'x', b: 'y' } } as unknown as KubeObject;
  const live = { ...s, data: { a: Buffer.from('x').toString('base64'), b: 'changed' } } as unknown as KubeObject;
  assert.equal(compareObject(desired, live, ignoreMatcher(desired, [])), []);
  assert.is(compareObject(desired, live, none).length, 1);
  const rules = [parseIgnoreRule('Secret/s:/data/a', 'x'), parseIgnoreRule('/metadata', 'x'), parseIgnoreRule('Pod:/spec', 'x')];
  const m = ignoreMatcher(desired, rules);
  assert.ok(m('/data/a'));
  assert.ok(m('/metadata/labels'));
  assert.not.ok(m('/spec/x'));
  assert.not.ok(m('/data/ab'));
  assert.throws(() => parseIgnoreRule('spec.replicas', '--ignore'), /--ignore: invalid drift ignore rule "spec\.replicas"/);
  assert.throws(() => parseIgnoreRule('a/b/c:/x', '--ignore'), /the target is KIND or KIND\/NAME/);
  assert.equal(parseIgnoreRule('Deployment/web:/spec/replicas', 'x'), { kind: 'Deployment', name: 'web', pointer: '/spec/replicas' });
});

test('untrusted keys stay data', () => {
  const desired = obj(JSON.parse('{"data": {"__proto__": "x", "constructor": "y"}}'));
  const live = obj(JSON.parse('{"data": {"__proto__": "x"}}'));
  assert.equal(compareObject(desired, live, none).map((f) => f.path), ['/data/constructor']);
  assert.is(({} as Record<string, unknown>).x, undefined);
});

test.run();
