import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { processDependencies, pathValue } from '../../src/values/dependencies.js';
import { prepareChartValues } from '../../src/values/index.js';
import type { Chart, Values } from '../../src/chart/types.js';
import { chart, type ChartSpec } from './support.js';

/** Sorted dotted paths of every chart left (Helm's ChartPath), as in TestDependencyEnabled. */
function names(c: Chart, prefix = ''): string[] {
  const me = prefix ? `${prefix}.${c.metadata.name}` : c.metadata.name;
  return [me, ...c.dependencies.flatMap((d) => names(d, me))].sort();
}

// The shape of Helm's testdata/subpop: two groups of subcharts selected by tags,
// conditions on every level, and one subchart used a second time under an alias.
const SUBPOP: ChartSpec = {
  name: 'parent',
  values: { tags: { 'front-end': true, 'back-end': false }, sub2alias: { enabled: false } },
  dependencies: [
    { name: 'sub1', version: '0.1.0', condition: 'sub1.enabled', tags: ['front-end', 'sub1'] },
    { name: 'sub2', version: '0.1.0', condition: 'sub2.enabled', tags: ['back-end', 'sub2'] },
    { name: 'sub2', alias: 'sub2alias', version: '0.1.0', condition: 'sub2alias.enabled' },
  ],
  subcharts: [
    {
      name: 'sub1',
      values: { service: { name: 'nginx' } },
      dependencies: [
        { name: 'suba', version: '0.1.0', condition: 'suba.enabled', tags: ['front-end', 'suba'] },
        { name: 'subb', version: '0.1.0', condition: 'subb.enabled', tags: ['front-end', 'subb'] },
      ],
      subcharts: [{ name: 'suba', values: { a: 1 } }, { name: 'subb', values: { b: 1 } }],
    },
    {
      name: 'sub2',
      values: { replicaCount: 1 },
      dependencies: [
        { name: 'subb', version: '0.1.0', condition: 'subb.enabled', tags: ['back-end', 'subb'] },
        { name: 'subc', version: '0.1.0', condition: 'subc.enabled', tags: ['back-end', 'subc'] },
      ],
      subcharts: [{ name: 'subb', values: { b: 2 } }, { name: 'subc', values: { c: 2 } }],
    },
  ],
};

const ENABLED_CASES: [string, Values, string[]][] = [
  ['tags with no effect', { tags: { nothinguseful: false } }, ['parent', 'parent.sub1', 'parent.sub1.suba', 'parent.sub1.subb']],
  ['tags disabling a group', { tags: { 'front-end': false } }, ['parent']],
  ['tags disabling a group and enabling another', { tags: { 'front-end': false, 'back-end': true } }, ['parent', 'parent.sub2', 'parent.sub2.subb', 'parent.sub2.subc']],
  ['tags on children only: front-end=true from values.yaml keeps them', { tags: { suba: false, subb: false } }, ['parent', 'parent.sub1', 'parent.sub1.suba', 'parent.sub1.subb']],
  ['an extra tag re-enables a parent', { tags: { 'front-end': false, sub1: true, 'back-end': false } }, ['parent', 'parent.sub1']],
  ['conditions enable parents, back-end children stay off', { sub1: { enabled: true }, sub2: { enabled: true } }, ['parent', 'parent.sub1', 'parent.sub1.suba', 'parent.sub1.subb', 'parent.sub2']],
  ['conditions disabling parents disable children', { sub1: { enabled: false }, sub2: { enabled: false } }, ['parent']],
  ['a child condition is relative to its parent', { sub1: { suba: { enabled: false } } }, ['parent', 'parent.sub1', 'parent.sub1.subb']],
  ['tags enable a group, a condition disables one child', { sub2: { subc: { enabled: false } }, tags: { 'back-end': true } }, ['parent', 'parent.sub1', 'parent.sub1.suba', 'parent.sub1.subb', 'parent.sub2', 'parent.sub2.subb']],
  ['a tag cannot re-enable a child whose parent a condition disabled', { sub1: { enabled: false }, tags: { 'front-end': true } }, ['parent']],
  ['aliases respect conditions', { sub1: { enabled: false }, sub2alias: { enabled: true, subb: { enabled: true } } }, ['parent', 'parent.sub2alias', 'parent.sub2alias.subb']],
];

for (const [name, user, want] of ENABLED_CASES) {
  test(`TestDependencyEnabled: ${name}`, () => {
    const c = chart(SUBPOP);
    const before = JSON.stringify(c);
    const out = processDependencies(c, user);
    assert.equal(names(out), want);
    assert.is(JSON.stringify(c), before, 'the caller\'s chart is not modified');
  });
}

test('the first condition path that resolves to a bool wins; non-bools warn', () => {
  const c = chart({
    name: 'p',
    values: { x: { enabled: 'yes' } },
    dependencies: [{ name: 's', version: '*', condition: 'missing.enabled,x.enabled,s.enabled,y.enabled' }],
    subcharts: [{ name: 's', values: { enabled: false } }],
  });
  const warnings: string[] = [];
  const out = processDependencies(c, { y: { enabled: true } }, { warn: (m) => warnings.push(m) });
  assert.equal(names(out), ['p']);
  assert.equal(warnings, ["Warning: Condition path 'x.enabled' for chart s returned non-bool value"]);
  assert.equal(names(processDependencies(c, { s: { enabled: true } })), ['p', 'p.s']);
});

test('a non-bool tag warns and is ignored', () => {
  const c = chart({ name: 'p', dependencies: [{ name: 's', version: '*', tags: ['t'] }], subcharts: [{ name: 's' }] });
  const warnings: string[] = [];
  assert.equal(names(processDependencies(c, { tags: { t: 'false' } }, { warn: (m) => warnings.push(m) })), ['p', 'p.s']);
  assert.equal(warnings, ["Warning: Tag 't' for chart s returned non-bool value"]);
  assert.equal(names(processDependencies(c, { tags: { t: false } })), ['p']);
});

test('subcharts in charts/ that Chart.yaml does not list stay enabled', () => {
  const c = chart({
    name: 'p',
    dependencies: [{ name: 'listed', version: '0.1.0', condition: 'listed.enabled' }],
    subcharts: [{ name: 'listed' }, { name: 'extra' }],
  });
  assert.equal(names(processDependencies(c, { listed: { enabled: false }, extra: { enabled: false } })), ['p', 'p.extra']);
});

test('a chart without dependencies in Chart.yaml does not evaluate conditions below it', () => {
  const c = chart({ name: 'p', subcharts: [{ name: 's', dependencies: [{ name: 'g', version: '*', condition: 'g.enabled' }], subcharts: [{ name: 'g' }] }] });
  assert.equal(names(processDependencies(c, { s: { g: { enabled: false } } })), ['p', 'p.s', 'p.s.g']);
});

test('an alias renames the subchart and its values section; one chart can be used twice', () => {
  const c = chart({
    name: 'p',
    dependencies: [
      { name: 'db', version: '^1.0.0', alias: 'primary' },
      { name: 'db', version: '^1.0.0', alias: 'replica' },
    ],
    values: { replica: { role: 'replica' } },
    subcharts: [{ name: 'db', version: '1.2.0', values: { role: 'primary', port: 5432 } }],
  });
  const { chart: out, values } = prepareChartValues(c, { primary: { port: 1 } });
  assert.equal(out.dependencies.map((d) => d.metadata.name), ['primary', 'replica']);
  assert.equal(out.metadata.dependencies?.map((d) => d.name), ['primary', 'replica']);
  assert.equal(values, {
    replica: { role: 'replica', port: 5432, global: {} },
    primary: { role: 'primary', port: 1, global: {} },
  });
  assert.is(c.dependencies[0].metadata.name, 'db', 'the caller\'s subchart keeps its name');
});

test('an entry whose version range does not match the subchart is not aliased (Helm)', () => {
  const c = chart({
    name: 'p',
    dependencies: [{ name: 'db', version: '^2.0.0', alias: 'other', condition: 'other.enabled' }],
    subcharts: [{ name: 'db', version: '1.0.0' }],
  });
  const out = processDependencies(c, { other: { enabled: false } });
  assert.equal(names(out), ['p', 'p.db']);
  // no version at all never matches either (Masterminds rejects an empty range)
  const c2 = chart({ name: 'p', dependencies: [{ name: 'db', alias: 'other' }], subcharts: [{ name: 'db' }] });
  assert.equal(names(processDependencies(c2, {})), ['p', 'p.db']);
});

test('import-values: exports and child/parent forms, below the parent\'s own values', () => {
  const c = chart({
    name: 'p',
    values: { imported: { extra: 'p' }, overridden: { a: 'parent' }, ensurenull: null },
    dependencies: [
      {
        name: 'child',
        version: '0.1.0',
        'import-values': [{ child: 'data', parent: 'imported' }, { child: 'data', parent: 'overridden' }, 'exp1', { child: 'deep.er', parent: 'x.y' }, 'missing'],
      },
    ],
    subcharts: [
      {
        name: 'child',
        values: { data: { a: 'child', b: 'child' }, deep: { er: { z: 1 } }, exports: { exp1: { top1: 'x', global: { g: 1 } } } },
      },
    ],
  });
  const warnings: string[] = [];
  const out = processDependencies(c, {}, { warn: (m) => warnings.push(m) });
  const v = out.values;
  assert.equal(v.imported, { extra: 'p', a: 'child', b: 'child' });
  assert.equal(v.overridden, { a: 'parent', b: 'child' });
  assert.is(v.top1, 'x');
  assert.equal(v.x, { y: { z: 1 } });
  assert.equal(v.global, { g: 1 });
  // install keeps nulls while importing; the final coalesce drops them
  assert.ok(Object.prototype.hasOwnProperty.call(v, 'ensurenull'));
  assert.ok(warnings.some((w) => w.includes('child.exports.missing')), warnings.join('\n'));
  assert.equal(out.metadata.dependencies?.[0]['import-values'], [
    { child: 'data', parent: 'imported' },
    { child: 'data', parent: 'overridden' },
    { child: 'exports.exp1', parent: '.' },
    { child: 'deep.er', parent: 'x.y' },
    { child: 'exports.missing', parent: '.' },
  ]);
  const { values } = prepareChartValues(c, { overridden: { b: 'user' } });
  assert.equal(values.overridden, { a: 'parent', b: 'user' });
  // a null default with no override stays null, as in Helm
  assert.is(values.ensurenull, null);
  // the subchart gets the parent's globals, including imported ones
  assert.equal((values.child as Values).global, { g: 1 });
});

test('import-values flow up through several levels', () => {
  const c = chart({
    name: 'top',
    dependencies: [{ name: 'mid', version: '*', 'import-values': [{ child: 'fromLeaf', parent: 'gotIt' }] }],
    subcharts: [
      {
        name: 'mid',
        dependencies: [{ name: 'leaf', version: '*', 'import-values': [{ child: 'payload', parent: 'fromLeaf' }] }],
        subcharts: [{ name: 'leaf', values: { payload: { port: 9090 } } }],
      },
    ],
  });
  const { values } = prepareChartValues(c, {});
  assert.equal(values.gotIt, { port: 9090 });
  assert.equal((values.mid as Values).fromLeaf, { port: 9090 });
});

test('disabled subcharts contribute no imports and no values section', () => {
  const c = chart({
    name: 'p',
    dependencies: [{ name: 's', version: '*', condition: 's.enabled', 'import-values': ['e'] }],
    subcharts: [{ name: 's', values: { exports: { e: { imported: true } }, x: 1 } }],
  });
  const on = prepareChartValues(c, {});
  assert.is(on.values.imported, true);
  const off = prepareChartValues(c, { s: { enabled: false } });
  assert.equal(off.values, { s: { enabled: false } });
  assert.equal(off.chart.dependencies, []);
  assert.equal(off.chart.metadata.dependencies, []);
});

test('pathValue finds only non-map leaves', () => {
  const v = { a: { b: { c: false } }, top: 1, m: {} };
  assert.equal(pathValue(v, 'a.b.c'), { ok: true, value: false });
  assert.equal(pathValue(v, 'top'), { ok: true, value: 1 });
  assert.equal(pathValue(v, 'm'), { ok: false });
  assert.equal(pathValue(v, 'a.x.c'), { ok: false });
  assert.equal(pathValue(v, ''), { ok: false });
});

test.run();
