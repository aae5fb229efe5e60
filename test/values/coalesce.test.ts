import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { coalesceValues, mergeValues, coalesceTables, mergeTables } from '../../src/values/coalesce.js';
import { ValuesError } from '../../src/errors.js';
import type { Chart, Values } from '../../src/chart/types.js';
import { chart } from './support.js';

/** `get(v, 'a.b.c')`: the value at a dotted path, or undefined. */
function get(v: unknown, path: string): unknown {
  let cur = v;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const hasPath = (v: unknown, path: string): boolean => {
  const parts = path.split('.');
  const parent = parts.length === 1 ? v : get(v, parts.slice(0, -1).join('.'));
  return !!parent && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, parts[parts.length - 1]);
};

// Helm's TestCoalesceValues chart: moby -> pequod -> ahab, and moby -> spouter.
function moby(): Chart {
  const c = chart({
    name: 'moby',
    values: {
      back: 'exists', bottom: 'exists', front: 'exists', left: 'exists', name: 'moby',
      nested: { boat: true }, override: 'bad', right: 'exists', scope: 'moby', top: 'nope',
      global: { nested2: { l0: 'moby' } },
      pequod: { boat: 'maybe', ahab: { boat: 'maybe', nested: { boat: 'maybe' } } },
    },
    subcharts: [
      {
        name: 'pequod',
        values: {
          name: 'pequod', scope: 'pequod', global: { nested2: { l1: 'pequod' } }, boat: false,
          ahab: { boat: false, nested: { boat: false } },
        },
        subcharts: [
          {
            name: 'ahab',
            values: {
              global: { nested: { foo: 'bar', foo2: 'bar2' }, nested2: { l2: 'ahab' } },
              scope: 'ahab', name: 'ahab', boat: true, nested: { foo: false, boat: true }, object: { foo: 'bar' },
            },
          },
        ],
      },
      { name: 'spouter', values: { scope: 'spouter', global: { nested2: { l1: 'spouter' } } } },
    ],
  });
  return c;
}

const USER = parse(`
top: yup
bottom: null
right: Null
left: NULL
front: ~
back: ""
nested:
  boat: null

global:
  name: Ishmael
  subject: Queequeg
  nested:
    boat: true

pequod:
  boat: null
  global:
    name: Stinky
    harpooner: Tashtego
    nested:
      boat: false
      sail: true
      foo2: null
  ahab:
    scope: whale
    boat: null
    nested:
      foo: true
      boat: null
    object: null
`) as Values;

test('Helm TestCoalesceValues (rows 23–29)', () => {
  const c = moby();
  const before = JSON.stringify(USER);
  const chartBefore = JSON.stringify(c);
  const v = coalesceValues(c, USER);
  const expect: [string, unknown][] = [
    ['top', 'yup'], ['back', ''], ['name', 'moby'],
    ['global.name', 'Ishmael'], ['global.subject', 'Queequeg'], ['global.harpooner', undefined],
    ['pequod.name', 'pequod'], ['pequod.ahab.name', 'ahab'], ['pequod.ahab.scope', 'whale'],
    ['pequod.ahab.nested.foo', true], ['pequod.ahab.global.name', 'Ishmael'],
    ['pequod.ahab.global.nested.foo', 'bar'], ['pequod.ahab.global.nested.foo2', undefined],
    ['pequod.ahab.global.subject', 'Queequeg'], ['pequod.ahab.global.harpooner', 'Tashtego'],
    ['pequod.global.name', 'Ishmael'], ['pequod.global.nested.foo', undefined], ['pequod.global.subject', 'Queequeg'],
    ['spouter.global.name', 'Ishmael'], ['spouter.global.harpooner', undefined],
    ['global.nested.boat', true], ['pequod.global.nested.boat', true], ['spouter.global.nested.boat', true],
    ['pequod.global.nested.sail', true], ['spouter.global.nested.sail', undefined],
    ['global.nested2.l0', 'moby'], ['global.nested2.l1', undefined], ['global.nested2.l2', undefined],
    ['pequod.global.nested2.l0', 'moby'], ['pequod.global.nested2.l1', 'pequod'], ['pequod.global.nested2.l2', undefined],
    ['pequod.ahab.global.nested2.l0', 'moby'], ['pequod.ahab.global.nested2.l1', 'pequod'], ['pequod.ahab.global.nested2.l2', 'ahab'],
    ['spouter.global.nested2.l0', 'moby'], ['spouter.global.nested2.l1', 'spouter'], ['spouter.global.nested2.l2', undefined],
  ];
  for (const [path, want] of expect) assert.equal(get(v, path), want, path);
  // row 23: null, Null, NULL and ~ remove the default; "" is a value
  for (const k of ['bottom', 'right', 'left', 'front']) assert.not.ok(hasPath(v, k), `${k} should be removed`);
  // row 24, 25: nested and subchart nulls remove defaults
  for (const p of ['nested.boat', 'pequod.boat', 'pequod.ahab.boat', 'pequod.ahab.nested.boat', 'pequod.ahab.object']) {
    assert.not.ok(hasPath(v, p), `${p} should be removed`);
  }
  // arguments are not modified
  assert.is(JSON.stringify(USER), before);
  assert.is(JSON.stringify(c), chartBefore);
});

test('Helm TestMergeValues: nulls survive', () => {
  const c = moby();
  const v = mergeValues(c, USER);
  assert.ok(hasPath(v, 'bottom'));
  assert.is(get(v, 'bottom'), null);
  assert.ok(hasPath(v, 'nested.boat'));
  assert.ok(hasPath(v, 'pequod.ahab.object'));
  assert.is(get(v, 'pequod.ahab.scope'), 'whale');
  assert.is(get(v, 'pequod.ahab.global.harpooner'), 'Tashtego');
});

test('row 30: CoalesceTables and MergeTables', () => {
  const mk = () => ({
    dst: {
      name: 'Ishmael',
      address: { street: '123 Spouter Inn Ct.', city: 'Nantucket', country: null },
      details: { friends: ['Tashtego'] },
      boat: 'pequod',
      hole: null,
    } as Values,
    src: {
      occupation: 'whaler',
      address: { state: 'MA', street: '234 Spouter Inn Ct.', country: 'US' },
      details: 'empty',
      boat: { mast: true },
      hole: 'black',
    } as Values,
  });
  const a = mk();
  coalesceTables(a.dst, a.src);
  assert.equal(a.dst, {
    name: 'Ishmael', occupation: 'whaler',
    address: { street: '123 Spouter Inn Ct.', city: 'Nantucket', state: 'MA' },
    details: { friends: ['Tashtego'] }, boat: 'pequod',
  });
  const b = mk();
  mergeTables(b.dst, b.src);
  assert.equal(b.dst, {
    name: 'Ishmael', occupation: 'whaler',
    address: { street: '123 Spouter Inn Ct.', city: 'Nantucket', country: null, state: 'MA' },
    details: { friends: ['Tashtego'] }, boat: 'pequod', hole: null,
  });
  const dst2 = { name: 'x', nilval: null };
  assert.is(coalesceTables(dst2, null), dst2);
  assert.equal(mergeTables(null, { a: 1 }), { a: 1 });
});

test('row 31: a null with no default is kept; a default null is kept; a user null over a default goes', () => {
  const c = chart({ name: 'c', values: { data: {}, nested: { gone: null, other: 1 }, dflt: null, deep: { n: null } } });
  const v = coalesceValues(c, { data: { foo: 'bar', baz: null }, nested: { gone: null }, fresh: null });
  assert.equal(v, { data: { foo: 'bar', baz: null }, nested: { other: 1 }, fresh: null, dflt: null, deep: { n: null } });
});

test('lists and scalars replace; maps merge', () => {
  const c = chart({ name: 'c', values: { list: [1, 2, 3], m: { a: 1, b: { c: 2 } }, s: 'x' } });
  const v = coalesceValues(c, { list: [9], m: { b: { d: 3 } }, s: 'y' });
  assert.equal(v, { list: [9], m: { a: 1, b: { c: 2, d: 3 } }, s: 'y' });
});

test('the parent\'s <subchart> section beats the subchart defaults, user beats both', () => {
  const c = chart({
    name: 'p',
    values: { sub: { a: 'parent', list: ['p'] } },
    subcharts: [{ name: 'sub', values: { a: 'sub', b: 'sub', list: ['s1', 's2'] } }],
  });
  assert.equal(coalesceValues(c, {}), { sub: { a: 'parent', b: 'sub', list: ['p'], global: {} } });
  assert.equal(coalesceValues(c, { sub: { b: 'user' } }), { sub: { a: 'parent', b: 'user', list: ['p'], global: {} } });
});

test('a subchart\'s global defaults never flow up or sideways', () => {
  const c = chart({
    name: 'p',
    values: { global: { shared: 'parent' } },
    subcharts: [
      { name: 'a', values: { global: { fromA: 1, shared: 'a' } } },
      { name: 'b', values: {} },
    ],
  });
  const v = coalesceValues(c, {});
  assert.equal(v.global, { shared: 'parent' });
  assert.equal(get(v, 'a.global'), { shared: 'parent', fromA: 1 });
  assert.equal(get(v, 'b.global'), { shared: 'parent' });
});

test('a subchart section that is not a map is an error naming the subchart', () => {
  const c = chart({ name: 'p', subcharts: [{ name: 'sub' }] });
  try {
    coalesceValues(c, { sub: 'oops' });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ValuesError);
    assert.match((e as Error).message, /^type mismatch on sub/);
  }
});

test('Helm TestCoalesceValuesWarnings: warnings name the full key', () => {
  const c = chart({
    name: 'level1',
    values: { name: 'moby' },
    subcharts: [
      {
        name: 'level2',
        values: { name: 'pequod' },
        subcharts: [{ name: 'level3', values: { name: 'ahab', boat: true, spear: { tip: true, sail: { cotton: true } } } }],
      },
    ],
  });
  const warnings: string[] = [];
  const v = coalesceValues(
    c,
    { level2: { level3: { boat: { mast: true }, spear: { tip: { sharp: true }, sail: true } } } },
    { warn: (m) => warnings.push(m) },
  );
  assert.ok(warnings.includes('warning: skipped value for level1.level2.level3.boat: Not a table.'), warnings.join('\n'));
  assert.ok(warnings.includes('warning: destination for level1.level2.level3.spear.tip is a table. Ignoring non-table value (true)'));
  assert.ok(warnings.includes('warning: cannot overwrite table with non table for level1.level2.level3.spear.sail (map[cotton:true])'));
  // the user's side is kept in every conflict
  assert.equal(get(v, 'level2.level3.boat'), { mast: true });
  assert.equal(get(v, 'level2.level3.spear.sail'), true);
});

test('__proto__ is an ordinary key', () => {
  const user = JSON.parse('{"__proto__": {"polluted": true}}') as Values;
  const v = coalesceValues(chart({ name: 'c', values: { a: 1 } }), user);
  assert.equal(Object.keys(v).sort(), ['__proto__', 'a']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test.run();
