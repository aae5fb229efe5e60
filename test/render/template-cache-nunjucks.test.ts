// The compiled-template cache for nunjucks charts: the generated code of
// each template text is kept in the chart's pack under $SKIFF_HOME and used
// instead of parsing and compiling. `skiff template` prints the same bytes
// without a cache, with a cold one, with a warm one, after a template
// changes and with damaged entries; one text under several paths (the same
// template in two subcharts) still includes its own chart's files.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

const base = tempDir('skiff-template-cache-nj-');
const chart = join(base, 'app');
const home = join(base, 'home');
const cacheDir = join(home, 'cache', 'templates');

const HELPERS = `{%- define "app.labels" -%}
app: {{ Chart.Name }}
rev: {{ Release.Revision | quote }}
{%- enddefine %}
`;

function template(i: number, extra = ''): string {
  return `{%- set name = (Release.Name ~ "-" ~ Chart.Name ~ "-${i}") | trunc(63) %}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ name }}
  labels:
    {{- include("app.labels") | nindent(4) }}
data:
  count: {{ Values.count | default(16) | quote }}
  {%- for k, v in Values.env %}
  {{ k }}: {{ v | quote }}
  {%- else %}
  none: "true"
  {%- endfor %}
  {%- if Values.enabled and not Values.disabled %}
  enabled: {{ Values.enabled }}
  {%- endif %}
  part: {% include "templates/_part.txt" %}${extra}
`;
}

/** A subchart whose one template is the same text in every subchart; what it includes differs. */
function writeSubchart(name: string): void {
  const dir = join(chart, 'charts', name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(dir, 'templates', '_part.txt'), `from ${name} {{ Chart.Name }}`);
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-{{ Chart.Name }}\ndata:\n  part: {% include "templates/_part.txt" %}\n');
}

function writeChart(templates: number): void {
  rmSync(chart, { recursive: true, force: true });
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: one\n    version: 1.0.0\n  - name: two\n    version: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'count: 3\nenabled: true\nenv:\n  A: a\n  B: "2"\n');
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), HELPERS);
  writeFileSync(join(chart, 'templates', '_part.txt'), 'root part');
  for (let i = 0; i < templates; i++) writeFileSync(join(chart, 'templates', `t${i}.yaml`), template(i));
  // Texts that differ only between their tags (tags at the same lines and columns) share one compiled code: each still prints its own text.
  for (let i = 0; i < 20; i++) writeFileSync(join(chart, 'templates', `s${i}.yaml`), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ Release.Name }}-s${i}\nstringData:\n  k: "{{ Values.count }}${'x'.repeat(i)}${i}"\n`);
  writeSubchart('one');
  writeSubchart('two');
}

function skiff(env: Record<string, string> = {}): { status: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'template', 'r', chart], { encoding: 'utf8', env: { ...process.env, SKIFF_HOME: home, ...env } });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The render without any cache: SKIFF_HOME is a file, so no pack can be read or written. */
function uncached(): string {
  writeFileSync(join(base, 'a-file'), 'x');
  const r = skiff({ SKIFF_HOME: join(base, 'a-file') });
  assert.is(r.status, 0, r.err);
  return r.out;
}

function packFile(): string {
  const builds = readdirSync(cacheDir);
  assert.is(builds.length, 1, `one build directory, got ${builds.join(', ')}`);
  const packs = readdirSync(join(cacheDir, builds[0]!));
  assert.is(packs.length, 1, `one pack, got ${packs.join(', ')}`);
  return join(cacheDir, builds[0]!, packs[0]!);
}

/** Whether every entry holds code, or names an entry of the pack that does. */
function holdCode(pack: Record<string, string>): boolean {
  const full = (e: string | undefined) => e !== undefined && e.startsWith('function root(');
  return Object.values(pack).every((e) => full(e) || (e.startsWith('\u0000') && full(pack[e.slice(1, e.indexOf('\u0000', 1))])));
}

const entries = (): Record<string, string> => JSON.parse(readFileSync(packFile(), 'utf8')) as Record<string, string>;

// Enough templates for the render to be split across two processes (each compiles and stores its share).
writeChart(160);
// 160 + 20 templates, the helpers, the root's part, and one text for both subcharts' cm.yaml and one per _part.txt.
const TEXTS = 160 + 20 + 1 + 1 + 1 + 2;

test('cold cache: the same output as without a cache, and the pack holds the code of every text once', () => {
  rmSync(home, { recursive: true, force: true });
  const expected = uncached();
  assert.match(expected, /part: from one one/);
  assert.match(expected, /part: from two two/);
  assert.match(expected, /part: root part/);
  for (let i = 0; i < 20; i++) assert.ok(expected.includes(`name: r-s${i}\nstringData:\n  k: "3${'x'.repeat(i)}${i}"\n`), `s${i}`);
  const s = skiff();
  assert.is(s.status, 0, s.err);
  assert.is(s.out, expected);
  assert.is(statSync(packFile()).mode & 0o777, 0o600);
  const keys = Object.keys(entries());
  assert.is(keys.length, TEXTS);
  assert.ok(keys.every((k) => /^nj:[0-9a-f]{64}$/.test(k)), keys.find((k) => !k.startsWith('nj:')));
  // The 20 texts of one structure hold their code once (per render process): the others name an entry that holds it.
  const all = entries();
  const refs = Object.values(all).filter((e) => e.startsWith('\u0000'));
  assert.ok(refs.length >= 18, `${refs.length} references`);
  for (const r of refs) assert.ok(all[r.slice(1, r.indexOf('\u0000', 1))]!.startsWith('function root('), r.slice(0, 80));
  assert.ok(holdCode(all));
});

test('warm cache: same output, pack left as it was', () => {
  const file = packFile();
  const before = statSync(file).mtimeMs;
  const s = skiff();
  assert.is(s.status, 0, s.err);
  assert.is(s.out, uncached());
  assert.is(statSync(file).mtimeMs, before, 'nothing new to store');
  assert.is(skiff({ SKIFF_RENDER_PROCESSES: '1' }).out, s.out, 'one render process');
});

test('a template that changes renders anew; the pack keeps only texts the chart still has', () => {
  writeFileSync(join(chart, 'templates', 't7.yaml'), template(7, '\n  added: {{ Values.count + 1 }}'));
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), HELPERS.replace('app: ', 'application: '));
  writeFileSync(join(chart, 'charts', 'two', 'templates', '_part.txt'), 'changed in two');
  const expected = uncached();
  const s = skiff();
  assert.is(s.status, 0, s.err);
  assert.match(s.out, /added: 4/);
  assert.match(s.out, /application: app/);
  assert.match(s.out, /part: changed in two/);
  assert.match(s.out, /part: from one one/);
  assert.is(s.out, expected);
  assert.is(Object.keys(entries()).length, TEXTS);
  assert.is(skiff().out, expected, 'warm again after the change');
});

test('damaged entries are compiled again and replaced', () => {
  const expected = uncached();
  const good = entries();
  const anyCode = Object.values(good).find((e) => !e.startsWith('\u0000'))!;
  const code = (k: string): string => {
    const e = good[k]!.startsWith('\u0000') ? anyCode : good[k]!;
    return e.slice(0, e.indexOf('\u0000'));
  };
  const damages: ((k: string) => string)[] = [
    () => 'no separator',
    () => 'not javascript (\u0000[]',
    () => 'return 1\u0000[]',
    () => 'return { root: 7 }\u0000[]',
    () => 'throw new Error("x")\u0000[]',
    (k) => `${code(k)}\u0000{"0": "x"}`,
    (k) => `${code(k)}\u0000[1, 2]`,
    (k) => `${code(k)}\u0000[`,
    () => `\u0000nj:${'0'.repeat(64)}\u0000[]`,
    (k) => `\u0000${k}\u0000[]`,
  ];
  for (const damaged of damages) {
    const damage = String(damaged);
    writeFileSync(packFile(), JSON.stringify(Object.fromEntries(Object.keys(good).map((k) => [k, damaged(k)]))));
    const s = skiff();
    assert.is(s.status, 0, s.err);
    assert.is(s.out, expected, damage);
    assert.equal(Object.keys(entries()).sort(), Object.keys(good).sort(), 'rewritten');
    assert.ok(holdCode(entries()), damage);
  }
});

test('a template error reads the same with a warm cache', () => {
  writeFileSync(join(chart, 'templates', 'bad.yaml'), 'a: {{ Values.count }}\nb: {% if %}\n');
  const first = skiff({ SKIFF_HOME: join(base, 'a-file') });
  const again = skiff();
  const warm = skiff();
  assert.is.not(first.status, 0);
  assert.match(first.err, /bad\.yaml/);
  assert.is(again.err, first.err);
  assert.is(warm.err, first.err);
  assert.is(warm.status, first.status);
  rmSync(join(chart, 'templates', 'bad.yaml'));
});

test.run();
