import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyJsonPatch, applyMergePatch, createMergePatch, createThreeWayJsonMergePatch } from '../../src/apimachinery/patch/index.js';
import { PatchError } from '../../src/errors.js';

const doc = () => ({ metadata: { name: 'd', annotations: { 'a/b': '1' } }, spec: { replicas: 1, list: ['x', 'y'] } });

function failsWith(fn: () => unknown, status: number, message: RegExp | string) {
  try {
    fn();
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, PatchError);
    assert.is((e as PatchError).status, status);
    if (typeof message === 'string') assert.is((e as Error).message, message);
    else assert.match((e as Error).message, message);
  }
}

test('json patch: add, replace, remove, move, copy, test in sequence', () => {
  const out: any = applyJsonPatch(doc(), [
    { op: 'test', path: '/spec/replicas', value: 1 },
    { op: 'replace', path: '/spec/replicas', value: 3 },
    { op: 'add', path: '/spec/list/1', value: 'new' },
    { op: 'add', path: '/spec/list/-', value: 'end' },
    { op: 'remove', path: '/spec/list/0' },
    { op: 'copy', from: '/metadata/name', path: '/spec/name' },
    { op: 'move', from: '/metadata/annotations/a~1b', path: '/metadata/annotations/c' },
  ]);
  assert.equal(out, { metadata: { name: 'd', annotations: { c: '1' } }, spec: { replicas: 3, list: ['new', 'y', 'end'], name: 'd' } });
});

test('json patch: negative array indices count from the end, as kube-apiserver allows', () => {
  const out: any = applyJsonPatch(doc(), [
    { op: 'replace', path: '/spec/list/-1', value: 'last' },
    { op: 'add', path: '/spec/list/-1', value: 'appended' },
    { op: 'remove', path: '/spec/list/-3' },
  ]);
  assert.equal(out.spec.list, ['last', 'appended']);
  failsWith(() => applyJsonPatch(doc(), [{ op: 'remove', path: '/spec/list/-3' }]), 422, /Unable to access invalid index: -3/);
});

test('json patch: rollout undo shape (replace whole subtrees)', () => {
  const out: any = applyJsonPatch(doc(), [
    { op: 'replace', path: '/spec', value: { template: {} } },
    { op: 'replace', path: '/metadata/annotations', value: { x: 'y' } },
  ]);
  assert.equal(out, { metadata: { name: 'd', annotations: { x: 'y' } }, spec: { template: {} } });
});

test('json patch: failures carry evanphx/json-patch wording and 422', () => {
  failsWith(() => applyJsonPatch(doc(), [{ op: 'test', path: '/spec/replicas', value: 2 }]), 422, 'testing value /spec/replicas failed: test failed');
  failsWith(() => applyJsonPatch(doc(), [{ op: 'add', path: '/nope/x', value: 1 }]), 422, 'add operation does not apply: doc is missing path: "/nope/x": missing value');
  failsWith(() => applyJsonPatch(doc(), [{ op: 'remove', path: '/spec/foo' }]), 422, "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value");
  failsWith(() => applyJsonPatch(doc(), [{ op: 'replace', path: '/spec/foo', value: 1 }]), 422, 'replace operation does not apply: doc is missing key: /spec/foo: missing value');
  failsWith(() => applyJsonPatch(doc(), [{ op: 'add', path: '/spec/list/5', value: 1 }]), 422, /Unable to access invalid index: 5/);
  failsWith(() => applyJsonPatch(doc(), [{ op: 'frob', path: '/x' }]), 422, 'Unexpected kind: frob');
  failsWith(() => applyJsonPatch(doc(), [{ op: 'add', path: '/x' }]), 422, /missing value field/);
  failsWith(() => applyJsonPatch(doc(), { op: 'add' }), 400, /cannot unmarshal/);
});

test('json patch: a failing operation leaves the input untouched', () => {
  const d = doc();
  assert.throws(() => applyJsonPatch(d, [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'test', path: '/spec/replicas', value: 1 }]));
  assert.is(d.spec.replicas, 1);
});

test('merge patch (RFC 7386 appendix A cases)', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, result] of cases) assert.equal(applyMergePatch(target, patch), result, JSON.stringify([target, patch]));
});

test('createMergePatch: changes, additions, deletions; whole lists', () => {
  assert.equal(createMergePatch({ a: 1, b: { c: 1, d: 2 }, l: [1, 2] }, { a: 1, b: { c: 2 }, l: [1], n: 'x' }), { b: { c: 2, d: null }, l: [1], n: 'x' });
});

test('three-way JSON merge patch keeps live-only fields and deletes removed ones', () => {
  const p = createThreeWayJsonMergePatch({ spec: { a: 1, b: 2 } }, { spec: { a: 5 } }, { spec: { a: 1, b: 2, live: true }, status: {} });
  assert.equal(p, { spec: { a: 5, b: null } });
  const applied: any = applyMergePatch({ spec: { a: 1, b: 2, live: true }, status: {} }, p);
  assert.equal(applied, { spec: { a: 5, live: true }, status: {} });
});

test.run();
