import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withoutKeys } from '../../src/util/own-keys.js';

test('withoutKeys copies the other keys in order and leaves the original alone', () => {
  const o = { a: 1, b: null, c: { d: 2 }, e: 'x' };
  const w = withoutKeys(o, ['b', 'e']);
  assert.equal(Object.keys(w), ['a', 'c']);
  assert.is(w.c, o.c);
  assert.equal(Object.keys(o), ['a', 'b', 'c', 'e']);
  assert.equal(Object.keys(withoutKeys(o, new Set(['a']))), ['b', 'c', 'e']);
  assert.equal(withoutKeys(o, []), o);
});

test('withoutKeys keeps `__proto__` as a plain data key and never changes a prototype', () => {
  const o = JSON.parse('{"__proto__":{"polluted":true},"keep":1,"drop":2}');
  const w = withoutKeys(o, ['drop']);
  assert.is(Object.getPrototypeOf(w), Object.prototype);
  assert.equal(Object.keys(w), ['__proto__', 'keep']);
  assert.equal(Object.getOwnPropertyDescriptor(w, '__proto__')?.value, { polluted: true });
  assert.is(({} as any).polluted, undefined);
});

test.run();
