// toYaml, toJson, toPrettyJson and quote against the real Helm on the same
// data: a corpus of strings go-yaml quotes in every style, numbers, nesting.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { helmBinary } from '../support/helm.js';
import { tempDir } from '../support/cli.js';
import { one } from './helpers.js';

const STRINGS: Record<string, string> = {
  a: 'x: y', aa: 'multi\nline\n\n', ab: '\nlead nl', ac: 'tr sp \nx', ad: '<>&', ae: '', af: '0755', ag: '1_000', ah: '12:30',
  ai: '~x', aj: '=', ak: '<<', al: 'one\ntwo\n', am: 'one\ntwo', an: 'on', ao: 'OFF', ap: 'y', aq: '+1', ar: '-.inf', as: '.NaN',
  at: 'a: b: c', au: 'long words '.repeat(12).trim(), av: 'tab\tinside', aw: 'emoji 😀', ax: '*ref', ay: '&anchor', az: '|pipe',
  b: '#c', c: 'a #b', d: ' lead', e: 'trail ', f: '@x', g: '`x', h: '%x', i: '!x', j: 'a\tb', k: 'é ü', l: 'null', m: 'Yes',
  n: '0x1F', o: '1e3', p: '.5', q: '-', r: '-x', s: '? x', t: 'x?', u: '[a]', v: '{a}', w: 'a,b', x: "it's", y: 'say "hi"', z: 'back\\slash',
};
const VALUES = {
  s: STRINGS,
  n: { i: 3, big: 1000000, f: 1.5, neg: -2, e: 12345678901, z: 0 },
  l: [[], {}, [1, [2]], { a: [] }, null, true],
  deep: { a: { b: { c: ['x', { d: 'e', long: 'word '.repeat(30).trim() }] } } },
};

test('toYaml, toJson, toPrettyJson and quote print what Helm prints', () => {
  const dir = tempDir('skiff-oracle-');
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'values.yaml'), JSON.stringify(VALUES));
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:',
    '{{- range $k, $v := .Values }}',
    '  {{ $k }}-toYaml: {{ $v | toYaml | b64enc | quote }}',
    '  {{ $k }}-toJson: {{ $v | toJson | b64enc | quote }}',
    '  {{ $k }}-toPrettyJson: {{ $v | toPrettyJson | b64enc | quote }}',
    '{{- end }}',
    '{{- range $k, $v := .Values.s }}',
    '  s.{{ $k }}-toYaml: {{ $v | toYaml | b64enc | quote }}',
    '  s.{{ $k }}-quote: {{ $v | quote | b64enc | quote }}',
    '{{- end }}', '',
  ].join('\n'));
  const r = spawnSync(helmBinary(), ['template', 'r', join(dir, 'c'), '--show-only', 'templates/a.yaml'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const data = (parse(r.stdout) as { data: Record<string, string> }).data;
  let compared = 0;
  for (const [key, b64] of Object.entries(data)) {
    const helm = Buffer.from(b64, 'base64').toString('utf8');
    const [path, fn] = key.split('-').length > 1 ? [key.slice(0, key.lastIndexOf('-')), key.slice(key.lastIndexOf('-') + 1)] : [key, ''];
    const expr = path.startsWith('s.') ? `Values.s["${path.slice(2)}"]` : `Values["${path}"]`;
    const ours = one(`{{ ${expr} | ${fn} }}`, VALUES);
    assert.is(ours, helm, `${key}: skiff ${JSON.stringify(ours)} vs helm ${JSON.stringify(helm)}`);
    compared++;
  }
  assert.ok(compared > 100, `compared ${compared}`);
});

test('toToml prints what Helm prints (tables, arrays of tables, quoting, floats, nulls left out)', () => {
  const dir = tempDir('skiff-oracle-toml-');
  const values = {
    a: 1, b: 'str "q" \\ é\ttab', f: 1.5, t: true, neg: -2.25, big: 12345678901, tiny: 0.000001, l: [1, 2, 'x'], e: [], lm: [[1, 2], [3]],
    'key with space': 1, '': 'empty key', ml: 'line1\nline2', ctl: 'bell\u0007',
    m: { x: 1, n: null, z: { deep: 'yes', 'a.b': { c: 1 } }, arr: [{ k: 1 }, { k: 2, sub: { q: 1 }, l: [true] }], mixed: [1, { i: 2 }] },
    em: {}, top: [{ only: 'tables' }],
  };
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'values.yaml'), JSON.stringify(values));
  const exprs: Record<string, [string, string]> = {
    all: ['.Values', 'Values'], list: ['.Values.l', 'Values.l'], str: ['"x"', '"x"'], num: ['.Values.f', 'Values.f'],
    tables: ['.Values.top', 'Values.top'], m: ['.Values.m', 'Values.m'], empty: ['.Values.em', 'Values.em'],
  };
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:',
    ...Object.entries(exprs).map(([k, [go]]) => `  ${k}: {{ ${go} | toToml | b64enc | quote }}`), ''].join('\n'));
  const r = spawnSync(helmBinary(), ['template', 'r', join(dir, 'c')], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const data = (parse(r.stdout) as { data: Record<string, string> }).data;
  for (const [k, [, nj]] of Object.entries(exprs)) {
    const helm = Buffer.from(data[k]!, 'base64').toString('utf8');
    assert.is(one(`{{ ${nj} | toToml }}`, values), helm, k);
  }
});

test.run();
