// yaml.v2's map key order (keyList.Less): the fast path for ASCII keys
// without digits must order exactly as the general rule does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { yamlKeyLess, yamlKeyOrder } from '../../src/render/goyaml.js';

/** yaml.v2's rule written out plainly (no digit runs occur in these keys). */
function reference(a: string, b: string): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] === b[i]) continue;
    const al = /[A-Za-z]/.test(a[i]!);
    const bl = /[A-Za-z]/.test(b[i]!);
    if (al && bl) return a.charCodeAt(i) < b.charCodeAt(i);
    if (al || bl) return bl;
    return a.charCodeAt(i) < b.charCodeAt(i);
  }
  return a.length < b.length;
}

test('ASCII keys without digits order as yaml.v2 orders them', () => {
  const alphabet = 'aAbBzZ_-./ :~';
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const key = () => Array.from({ length: rnd(5) }, () => alphabet[rnd(alphabet.length)]).join('');
  for (let i = 0; i < 20000; i++) {
    const a = key();
    const b = key();
    assert.is(yamlKeyLess(a, b), reference(a, b), `${JSON.stringify(a)} < ${JSON.stringify(b)}`);
  }
  assert.equal(yamlKeyOrder(['b', 'a', 'B', '_x', '-y', 'a-b', 'ab', 'a_b', 'aB', '']), ['', '-y', '_x', 'B', 'a', 'a-b', 'a_b', 'aB', 'ab', 'b']);
});

test('digit runs still compare as numbers', () => {
  assert.equal(yamlKeyOrder(['a10', 'a9', 'b', 'a']), ['a', 'a9', 'a10', 'b']);
});

test.run();
