// RFC 3339 timestamps as the API server writes them, and JSON data helpers
// (copy, compare, stable text, freeze) on untrusted keys.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatRFC3339, formatRFC3339Micro, parseRFC3339 } from '../../src/util/time.js';
import { cloneJson, deepFreeze, jsonEqual, sortKeys, stableStringify } from '../../src/util/json.js';

test('RFC 3339 timestamps: metav1.Time, MicroTime, and strict parsing', () => {
  const t = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
  assert.is(formatRFC3339(t), '2026-01-02T03:04:05Z');
  assert.is(formatRFC3339(new Date(t)), '2026-01-02T03:04:05Z');
  assert.is(formatRFC3339Micro(t), '2026-01-02T03:04:05.678000Z');
  assert.is(parseRFC3339('2026-01-02T03:04:05Z'), Date.UTC(2026, 0, 2, 3, 4, 5));
  assert.is(parseRFC3339('2026-01-02T05:04:05.5+02:00'), Date.UTC(2026, 0, 2, 3, 4, 5, 500));
  for (const bad of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-02 03:04:05Z', '2026-01-02T03:04:05', 'yesterday', '', undefined, 42]) {
    assert.is(parseRFC3339(bad), undefined, String(bad));
  }
  assert.is(parseRFC3339('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
});

test('cloneJson copies deeply, keeps __proto__ as data and drops undefined', () => {
  const src = JSON.parse('{"a":{"b":[1,{"c":2}]},"__proto__":{"polluted":true}}') as Record<string, unknown>;
  src.u = undefined;
  const copy = cloneJson(src);
  assert.equal(JSON.stringify(copy), '{"a":{"b":[1,{"c":2}]},"__proto__":{"polluted":true}}');
  assert.is(Object.getPrototypeOf(copy), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  (copy.a as { b: unknown[] }).b.push(3);
  assert.is((src.a as { b: unknown[] }).b.length, 2);
});

test('jsonEqual judges as the serialisation would; stableStringify sorts keys', () => {
  assert.ok(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }));
  assert.ok(jsonEqual({ a: 1, u: undefined }, { a: 1 }));
  assert.ok(jsonEqual([undefined], [null]));
  assert.ok(jsonEqual({ n: Infinity }, { n: null }));
  assert.not.ok(jsonEqual({ a: 1 }, { a: '1' }));
  assert.not.ok(jsonEqual([1, 2], [2, 1]));
  assert.not.ok(jsonEqual({ a: {} }, { a: [] }));
  assert.ok(jsonEqual({ metadata: 1, spec: 2 }, { metadata: 9, spec: 2 }, new Set(['metadata'])));
  assert.is(stableStringify({ b: 1, a: { d: [2, undefined], c: undefined } }), '{"a":{"d":[2,null]},"b":1}');
  assert.is(JSON.stringify(sortKeys({ b: 1, a: [{ z: 1, y: 2 }] })), '{"a":[{"y":2,"z":1}],"b":1}');
});

test('deepFreeze freezes every level and lets a caller refuse keys', () => {
  const v = deepFreeze({ a: { b: [1, { c: 2 }] } });
  assert.ok(Object.isFrozen(v.a.b[1]));
  assert.throws(() => deepFreeze(JSON.parse('{"x":{"__proto__":1}}'), (k) => {
    if (k === '__proto__') throw new Error('refused');
  }), /refused/);
});

test.run();
