// Differential test against the real Helm 3.17: random charts, values files
// and --set family flags (seeded, so every run is the same), rendered by
// `helm template` with templates that print `.Values` as JSON, compared with
// what mergeValueOptions + prepareChartValues give each chart.
//
// Kept out of the generator on purpose (known, documented differences):
// integers beyond 2^53 (JS numbers), and YAML 1.1-only scalars such as
// yes/no/on/off in a chart's values.yaml (the chart loader reads YAML 1.2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { helmBinary } from '../support/helm.js';
import { loadChart } from '../../src/chart/load.js';
import { mergeValueOptions, prepareChartValues, type ValueOptions } from '../../src/values/index.js';
import type { Chart, ChartDependency, Values } from '../../src/chart/types.js';
import { helmRenderedValues, prng, sortedJson, writeChart, type ChartSpec } from './support.js';

const CASES = 60;
const SEED = Number(process.env.SKIFF_DIFF_SEED ?? 20261122);
const helm = helmBinary();
const work = mkdtempSync(join(tmpdir(), 'skiff-values-diff-'));

const KEYS = ['a', 'b', 'name', 'list', 'm', 'global', 'enabled', 'on_', 'data', 'cfg', 'x', 'sub', 'other', 'lib', 'tags', 'grp', 'leaf'];
const CHART_KEYS = new Set(['sub', 'other', 'lib', 'leaf']);
const WORDS = ['alpha', 'beta', '', 'with space', '007', '1.5', 'x,y', 'a=b', 'nul', 'Truth', '12abc', '-', 'é'];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function scalar(r: Rand): unknown {
  switch (Math.floor(r() * 7)) {
    case 0: return Math.floor(r() * 200) - 50;
    case 1: return pick(r, [1.5, 0.25, -2.75, 1e3]);
    case 2: return r() < 0.5;
    case 3: return null;
    default: return pick(r, WORDS);
  }
}

function tree(r: Rand, depth: number, keys = KEYS): Values {
  const out: Values = {};
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const k = pick(r, keys);
    out[k] = value(r, depth, k);
  }
  return out;
}

function value(r: Rand, depth: number, key: string): unknown {
  if (key === 'tags') return { grp: pick(r, [true, false, true, 'yes-ish']) };
  if (key === 'enabled' || key === 'on_') return pick(r, [true, false, true, 'maybe']);
  if (CHART_KEYS.has(key) || key === 'global') {
    // mostly maps (a subchart's section must be one); sometimes not, to check the error
    if (r() < 0.95) return depth > 0 ? tree(r, depth - 1) : {};
    return scalar(r);
  }
  if (depth > 0 && r() < 0.35) return tree(r, depth - 1);
  if (r() < 0.2) return Array.from({ length: Math.floor(r() * 3) }, () => (r() < 0.2 && depth > 0 ? tree(r, 0) : scalar(r)));
  return scalar(r);
}

function setPath(r: Rand): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    let k = pick(r, KEYS);
    // a scalar written over a subchart's section is a (tested) error; keep it rare
    if (i === n - 1 && CHART_KEYS.has(k) && r() < 0.9) k = 'x';
    if (r() < 0.15) k += `[${Math.floor(r() * 3)}]`;
    parts.push(k);
  }
  return parts.join('.');
}

const SET_VALUES = ['true', 'FALSE', 'null', '0', '7', '-12', '007', '1.5', 'word', '', '{a,b}', '{1,x}', 'x\\,y', 'a\\=b', '9007199254740991'];

function flags(r: Rand): ValueOptions & { args: string[] } {
  const opts: Required<Omit<ValueOptions, 'valueFiles' | 'setFile' | 'setSensitive'>> = { set: [], setString: [], setJson: [], setLiteral: [] };
  const count = Math.floor(r() * 4);
  for (let i = 0; i < count; i++) {
    const kind = Math.floor(r() * 5);
    if (kind <= 1) {
      const n = 1 + Math.floor(r() * 2);
      opts.set.push(Array.from({ length: n }, () => `${setPath(r)}=${pick(r, SET_VALUES)}`).join(','));
    } else if (kind === 2) opts.setString.push(`${setPath(r)}=${pick(r, SET_VALUES)}`);
    else if (kind === 3) opts.setJson.push(`${setPath(r)}=${JSON.stringify(value(r, 1, 'x'))}`);
    else opts.setLiteral.push(`${pick(r, KEYS.filter((k) => !CHART_KEYS.has(k)))}=${pick(r, ['a,b=c', '{x}', 'null', '42'])}`);
  }
  // Helm orders by flag type, so the flags of different types are interleaved
  // at random on the command line (each type keeps its own order).
  const queues: [string, string[]][] = [
    ['--set-json', [...opts.setJson]],
    ['--set', [...opts.set]],
    ['--set-string', [...opts.setString]],
    ['--set-literal', [...opts.setLiteral]],
  ];
  const args: string[] = [];
  for (let left = queues.reduce((n, [, q]) => n + q.length, 0); left > 0; left--) {
    const nonEmpty = queues.filter(([, q]) => q.length > 0);
    const [flag, q] = pick(r, nonEmpty);
    args.push(flag, q.shift()!);
  }
  return { ...opts, args };
}

function chartSpec(r: Rand): ChartSpec {
  const listLeaf = r() < 0.5;
  const deps: ChartDependency[] = [
    { name: 'sub', version: '0.1.0', condition: 'sub.enabled', 'import-values': ['data', { child: 'cfg', parent: 'fromSub' }] },
    { name: 'lib', version: '>=0.1.0', alias: 'other', condition: 'other.on_,lib.on_', tags: ['grp'] },
    { name: 'lib', version: '0.1.0' },
  ];
  return {
    name: 'parent',
    values: tree(r, 3),
    dependencies: deps,
    subcharts: [
      {
        name: 'sub',
        values: { ...tree(r, 3), exports: { data: tree(r, 1, ['a', 'b', 'x', 'name']) }, cfg: tree(r, 1, ['a', 'm', 'x']) },
        schema: r() < 0.5 ? { properties: { name: { type: ['string', 'null', 'boolean'] } } } : undefined,
        ...(listLeaf ? { dependencies: [{ name: 'leaf', version: '*', condition: 'leaf.enabled' }] } : {}),
        subcharts: [{ name: 'leaf', values: tree(r, 2) }],
      },
      { name: 'lib', values: tree(r, 3) },
    ],
  };
}

/** Per chart name (alias when aliased), the JSON of the values its templates see. */
function ourRenderedValues(c: Chart, values: Values, out = new Map<string, string>()): Map<string, string> {
  out.set(c.metadata.name, sortedJson(values));
  for (const d of c.dependencies) ourRenderedValues(d, values[d.metadata.name] as Values, out);
  return out;
}

interface Outcome {
  ok: boolean;
  values?: Map<string, string>;
  error?: string;
}

async function runCase(i: number): Promise<{ helm: Outcome; ours: Outcome; describe: string }> {
  const r = prng(SEED + i);
  const dir = join(work, `case${i}`);
  const spec = chartSpec(r);
  const chartDir = writeChart(dir, spec);
  const files: string[] = [];
  const nFiles = Math.floor(r() * 3);
  for (let f = 0; f < nFiles; f++) {
    const p = join(dir, `values${f}.yaml`);
    writeFileSync(p, stringify(tree(r, 3)));
    files.push(p);
  }
  const fl = flags(r);
  const setFile: string[] = [];
  if (r() < 0.3) {
    const p = join(dir, 'content.txt');
    writeFileSync(p, pick(r, ['plain', 'multi\nline\n', 'a,b=c', '']));
    setFile.push(`${setPath(r)}=${p}`);
  }
  const args = [...files.flatMap((f) => ['-f', f]), ...setFile.flatMap((f) => ['--set-file', f]), ...fl.args];
  const describe = `case ${i}: helm template ${args.join(' ')}`;

  let helmOut: Outcome;
  try {
    helmOut = { ok: true, values: await helmRenderedValues(helm, chartDir, args) };
  } catch (e) {
    helmOut = { ok: false, error: String((e as { stderr?: string }).stderr ?? e) };
  }
  let ours: Outcome;
  try {
    const user = await mergeValueOptions({ valueFiles: files, set: fl.set, setString: fl.setString, setJson: fl.setJson, setLiteral: fl.setLiteral, setFile });
    const loaded = await loadChart(chartDir);
    const prepared = prepareChartValues(loaded, user);
    ours = { ok: true, values: ourRenderedValues(prepared.chart, prepared.values) };
  } catch (e) {
    ours = { ok: false, error: (e as Error).message };
  }
  return { helm: helmOut, ours, describe };
}

/** Maps with at most `limit` calls in flight, keeping the order of `items`. */
async function mapLimit<T, U>(items: T[], limit: number, fn: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

test(`skiff's values match helm template's .Values in ${CASES} random cases`, async () => {
  const results = await mapLimit(Array.from({ length: CASES }, (_, i) => i), 4, runCase);
  let compared = 0;
  let errors = 0;
  for (const { helm: h, ours, describe } of results) {
    if (!h.ok) {
      errors++;
      assert.is(ours.ok, false, `${describe}\nhelm failed (${h.error?.trim()}) but skiff succeeded`);
      // same failure: Helm's message (its wording, up to our added context) for
      // --set parse errors and type mismatches, the whole message for schemas
      // (Go's float64/int64 tell YAML numbers from --set ones; JS numbers cannot)
      const goNumbers = (m: string) => m.replace(/is (float64|int64),/g, 'is <number>,');
      const helmMsg = goNumbers(h.error!.slice(h.error!.indexOf('Error: ') + 7).trim());
      ours.error = goNumbers(ours.error!);
      if (/^failed parsing --set(-string|-literal|-file)? data: |^failed parsing --set-json data /.test(helmMsg)) assert.ok(ours.error!.startsWith(helmMsg), `${describe}\n${ours.error}\n${helmMsg}`);
      else if (helmMsg.startsWith('type mismatch on ')) assert.ok(ours.error!.startsWith(helmMsg.split(':')[0] + ':'), `${describe}\n${ours.error}\n${helmMsg}`);
      else if (helmMsg.startsWith("values don't meet")) assert.is(ours.error, helmMsg, describe);
      else assert.unreachable(`${describe}\nunexpected Helm failure: ${helmMsg}`);
      continue;
    }
    assert.ok(ours.ok, `${describe}\nskiff failed: ${ours.error}`);
    assert.equal([...ours.values!.keys()].sort(), [...h.values!.keys()].sort(), `${describe}\ncharts rendered`);
    for (const [name, json] of h.values!) {
      assert.is(ours.values!.get(name), json, `${describe}\nvalues of chart ${name}`);
      compared++;
    }
  }
  if (process.env.SKIFF_DIFF_VERBOSE) {
    console.log(`${results.length - errors} ok, ${errors} errors, ${compared} charts compared`);
    for (const x of results) if (!x.helm.ok) console.log(`helm: ${x.helm.error?.trim().split('\n')[0]}\nours: ${x.ours.error}`);
  }
  // the generator must exercise both outcomes, mostly successes
  assert.ok(results.length - errors >= CASES * 0.6, `only ${results.length - errors} successful cases`);
  assert.ok(compared > CASES);
});

test('fixed cases: tags, conditions, alias and import-values agree with Helm', async () => {
  const spec: ChartSpec = {
    name: 'parent',
    values: { tags: { grp: false }, global: { region: 'eu', nested: { a: 1 } }, other: { on_: true } },
    dependencies: [
      { name: 'sub', version: '0.1.0', condition: 'sub.enabled', 'import-values': ['data', { child: 'cfg', parent: 'fromSub' }] },
      { name: 'lib', version: '>=0.1.0', alias: 'other', condition: 'other.on_,lib.on_', tags: ['grp'] },
      { name: 'lib', version: '0.1.0', tags: ['grp'] },
    ],
    subcharts: [
      {
        name: 'sub',
        values: { exports: { data: { imported: 'yes-from-sub' } }, cfg: { port: 80 }, global: { nested: { b: 2 }, own: 'sub' } },
        dependencies: [{ name: 'leaf', version: '*', condition: 'leaf.enabled' }],
        subcharts: [{ name: 'leaf', values: { l: 1 } }],
      },
      { name: 'lib', values: { on_: false, lib: 'defaults' } },
    ],
  };
  const chartDir = writeChart(join(work, 'fixed'), spec);
  const flagSets: string[][] = [
    [],
    ['--set', 'sub.enabled=false'],
    ['--set', 'tags.grp=true'],
    ['--set', 'other.on_=false,tags.grp=true'],
    ['--set', 'sub.leaf.enabled=false,fromSub.port=null'],
    ['--set-json', 'global={"nested":{"a":null,"c":3}}', '--set', 'sub.global.own=user'],
  ];
  for (const args of flagSets) {
    const h = await helmRenderedValues(helm, chartDir, args);
    const opts: ValueOptions = { set: [], setJson: [] };
    for (let i = 0; i < args.length; i += 2) (args[i] === '--set' ? opts.set! : opts.setJson!).push(args[i + 1]);
    const prepared = prepareChartValues(await loadChart(chartDir), await mergeValueOptions(opts));
    const ours = ourRenderedValues(prepared.chart, prepared.values);
    assert.equal([...ours.keys()].sort(), [...h.keys()].sort(), args.join(' '));
    for (const [name, json] of h) assert.is(ours.get(name), json, `${args.join(' ')}: ${name}`);
  }
});

test('fixed case: a subchart\'s global defaults three maps deep leak up and sideways, as in Helm', async () => {
  // Helm copies only the first level of a parent's global map before merging
  // the subchart's global defaults into it, so deeper maps are shared.
  const spec: ChartSpec = {
    name: 'g',
    values: { global: { deep: { inner: { a: 1 } }, flat: { x: 1 } } },
    subcharts: [{ name: 'a', values: { global: { deep: { inner: { b: 2 } }, flat: { z: 2 } } } }, { name: 'b' }],
  };
  const chartDir = writeChart(join(work, 'globals'), spec);
  const h = await helmRenderedValues(helm, chartDir, []);
  const prepared = prepareChartValues(await loadChart(chartDir), {});
  const ours = ourRenderedValues(prepared.chart, prepared.values);
  for (const [name, json] of h) assert.is(ours.get(name), json, name);
  assert.equal((prepared.values.global as Values).deep, { inner: { a: 1, b: 2 } });
  assert.equal((prepared.values.global as Values).flat, { x: 1 });
});

test('fixed case: one-line flow lists of quoted strings and empty collections written with spaces read as Helm reads them', async () => {
  const values = 'drop: ["ALL"]\nadd: [ "NET_BIND_SERVICE", \'CHOWN\', x, 1, true ]\nnone: [ ]\nmap: { }\nq: ["a,b", "", \'\', "yes", \'0777\']\nnested:\n  caps:\n    drop: ["ALL"]\n  list:\n  - ["p", q]\n';
  const chartDir = writeChart(join(work, 'flow'), { name: 'flow', values });
  const h = await helmRenderedValues(helm, chartDir, []);
  const prepared = prepareChartValues(await loadChart(chartDir), {});
  const ours = ourRenderedValues(prepared.chart, prepared.values);
  assert.ok(h.size > 0);
  for (const [name, json] of h) assert.is(ours.get(name), json, name);
  assert.equal(prepared.values.q, ['a,b', '', '', 'yes', '0777']);
});

test('random --set/--set-string/--set-literal strings parse as in Helm (grammar fuzz)', async () => {
  const r = prng(SEED * 7 + 1);
  const chartDir = writeChart(join(work, 'fuzz'), { name: 'fuzz' });
  const alphabet = ['a', 'b', 'a', 'b', '.', ',', '=', '=', '[', ']', '0', '1', '2', '-', '{', '}', '\\', ' ', 'é', 'true', 'null', '007'];
  const cases: { flag: string; expr: string }[] = [];
  for (let i = 0; i < 45; i++) {
    // bias towards well-formed starts so deeper grammar is reached
    let expr = pick(r, ['a=', 'a.b=', 'a[1]=', 'a[0].b=', 'a[1][0]=', 'a={', 'a\\.b=', '']);
    const len = 1 + Math.floor(r() * 8);
    for (let k = 0; k < len; k++) expr += pick(r, alphabet);
    cases.push({ flag: pick(r, ['--set', '--set', '--set-string', '--set-literal']), expr });
  }
  const results = await mapLimit(
    cases,
    4,
    async ({ flag, expr }) => {
      let h: { ok: boolean; json?: string; error?: string };
      try {
        h = { ok: true, json: (await helmRenderedValues(helm, chartDir, [flag, expr])).get('fuzz') };
      } catch (e) {
        const err = String((e as { stderr?: string }).stderr ?? e);
        h = { ok: false, error: err.slice(err.indexOf('Error: ') + 7).trim() };
      }
      let ours: { ok: boolean; json?: string; error?: string };
      try {
        const opts: ValueOptions = flag === '--set' ? { set: [expr] } : flag === '--set-string' ? { setString: [expr] } : { setLiteral: [expr] };
        ours = { ok: true, json: sortedJson(prepareChartValues(await loadChart(chartDir), await mergeValueOptions(opts)).values) };
      } catch (e) {
        ours = { ok: false, error: (e as Error).message };
      }
      return { flag, expr, h, ours };
    },
  );
  let failures = 0;
  for (const { flag, expr, h, ours } of results) {
    const describe = `${flag} ${JSON.stringify(expr)}`;
    if (h.ok) assert.is(ours.json, h.json, `${describe}: ${ours.error ?? ''}`);
    else {
      failures++;
      assert.is(ours.ok, false, `${describe}: helm failed (${h.error}) but skiff gave ${ours.json}`);
      assert.ok(ours.error!.startsWith(h.error!), `${describe}\n${ours.error}\n${h.error}`);
    }
  }
  assert.ok(failures > 3 && failures < cases.length - 10, `${failures} failures`);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
