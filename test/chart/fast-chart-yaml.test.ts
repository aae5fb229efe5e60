// Chart.yaml and values.yaml read without the yaml library must give exactly
// what the library gives (Chart.yaml: YAML 1.2 and the same validation;
// values: Helm's YAML 1.1), or decline: checked on generated documents full of
// the scalars where the schemas differ, and on every chart in this repository.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fastChartYaml, fastValuesYaml } from '../../src/chart/fast-chart-yaml.js';
import { chartMetadataFrom } from '../../src/chart/chart-fields.js';
import { parseYamlWithPositions } from '../../src/chart/metadata.js';
import { parseValuesDocuments } from '../../src/chart/values-yaml.js';
import { loadChartArchive } from '../../src/chart/index.js';
import { writeArchive } from '../../src/chart/archive.js';
import { ChartInvalidError } from '../../src/errors.js';

/** Deep equality that tells -0 from 0 and keeps prototypes in view. */
function same(a: unknown, b: unknown, at = '$'): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? undefined : `${at}: ${a} vs ${b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? undefined : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: different kinds`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\0') !== kb.join('\0')) return `${at}: keys ${ka} vs ${kb}`;
  for (const k of ka) {
    const d = same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

const full = (text: string, file: string) => chartMetadataFrom(parseYamlWithPositions(text, file), file);

function outcome(f: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: f() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return (seed >>> 8) % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

// Plain scalars where YAML 1.1 and 1.2 (and the fast reader's subset) part ways, and ordinary ones.
const SCALARS = [
  'web', 'nginx', 'IfNotPresent', '1.16.0', '0.1.0', 'v1.2.3', '10Mi', '0.5Gi', '100m', 'a b c', 'http://x.example/p?q=1', 'a:b', 'C:\\dir',
  'yes', 'Yes', 'YES', 'no', 'NO', 'on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True', 'FALSE', 'false',
  '~', 'null', 'Null', 'NULL', '0', '-0', '+0', '1', '-1', '+5', '42', '007', '0777', '08', '0o17', '0x1F', '0b101', '1_000', '9007199254740993',
  '1.5', '-1.5', '1.0', '1.', '.5', '-0.0', '1e3', '1E-3', '6.02e23', '.inf', '-.Inf', '.nan', '12:30', '1:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '<<', '=', '-', '- x', '?x', '*x', '&a x', '!t x', '%x', '@x', '`x', 'a #b', 'a# b', '"q"', "'s'", 'x: y', 'trailing:', '[a, b]', '[1, yes, 0x1]', '[]', '{}', '["ALL"]', '[ "a", \'b\', c ]', '[ ]', '["a", ]', '["a" b]', '[\'it\'\'s\']', '["x\\"y"]', '["a,b", \'c]\']', '["yes", \'0777\', no]', '["", \'\']', '{ }', '{  }', '{ } # c', '[ ] # c',
];
const KEYS = ['name', 'image', 'replicaCount', 'enabled', 'on', 'yes', 'y', 'n', '1', '1.5', '0x1', '~', 'null', 'true', 'constructor', 'a-b', 'a_b', 'a.b', '"on"', "'yes'", '"1"', 'k #'];

function valuesDoc(depth: number, indent: string): string {
  let out = '';
  const n = 1 + rand(4);
  for (let i = 0; i < n; i++) {
    const key = pick(KEYS);
    const r = rand(10);
    if (r < 6 || depth >= 3) out += `${indent}${key}: ${pick(SCALARS)}\n`;
    else if (r < 8) out += `${indent}${key}:\n${valuesDoc(depth + 1, indent + '  ')}`;
    else if (r < 9) out += `${indent}${key}:\n${indent}- ${pick(SCALARS)}\n${indent}- ${pick(SCALARS)}\n`;
    else out += `${indent}${key}: |\n${indent}  line ${pick(SCALARS)}\n`;
    if (rand(8) === 0) out += `${indent}# a comment\n`;
  }
  return out;
}

test('values: what the fast reader accepts equals Helm-style YAML 1.1 parsing, on generated documents', () => {
  let accepted = 0;
  for (let i = 0; i < 6000; i++) {
    const text = (rand(10) === 0 ? '---\n' : '') + valuesDoc(0, '');
    const fast = fastValuesYaml(text);
    if (fast === undefined) continue;
    accepted++;
    const ref = outcome(() => parseValuesDocuments(text, 'values.yaml'));
    assert.is(ref.error, undefined, `fast read a document the library refuses: ${JSON.stringify(text)}`);
    const diff = same(fast, ref.value);
    assert.is(diff, undefined, `${diff} in ${JSON.stringify(text)}`);
  }
  assert.ok(accepted > 600, `the fast reader accepted only ${accepted} documents`);
});

const FIELDS = ['description', 'home', 'icon', 'appVersion', 'kubeVersion', 'type', 'deprecated'];

function chartDoc(): string {
  // Mostly valid, so that many documents get as far as a full comparison.
  const odd = rand(4) === 0;
  let out = `apiVersion: ${odd ? pick(['v1', 'v3', '"v2"', '2']) : 'v2'}\nname: ${odd ? pick(['a/b', '..', '"web"', 'true', '1']) : 'web'}\nversion: ${odd ? pick(['1.0', '1', '1.2.3.4', '"1.0"', 'latest']) : pick(['0.1.0', '1.2.3-rc.1', 'v1.16.2', '1.2.3+b'])}\n`;
  for (const f of FIELDS) if (rand(4) === 0) out += `${f}: ${f === 'type' ? pick(['application', 'library', 'other', '']) : pick(SCALARS)}\n`;
  if (rand(3) === 0) out += `keywords:\n- ${pick(SCALARS)}\n- ${pick(SCALARS)}\n`;
  if (rand(3) === 0) out += `maintainers:\n- name: ${pick(SCALARS)}\n  email: ${pick(SCALARS)}\n`;
  if (rand(3) === 0) out += `annotations:\n  ${pick(KEYS)}: ${pick(SCALARS)}\n  x/y: ${pick(SCALARS)}\n`;
  if (rand(3) === 0) out += `dependencies:\n- name: ${pick(['db', 'cache', ''])}\n  version: ${pick(['~1.2', '1.x', '>=1.0.0', '1.0'])}\n  repository: ${pick(['oci://r.example/c', 'https://c.example', 'file://../db'])}\n  condition: ${pick(SCALARS)}\n`;
  return out;
}

test('Chart.yaml: what the fast reader accepts equals the full parse and validation, on generated documents', () => {
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    const text = chartDoc();
    const fast = fastChartYaml(text, 'c/Chart.yaml');
    if (fast === undefined) continue;
    accepted++;
    const ref = outcome(() => full(text, 'c/Chart.yaml'));
    assert.is(ref.error, undefined, `fast accepted a Chart.yaml the full parse refuses: ${JSON.stringify(text)}`);
    const diff = same(fast, ref.value);
    assert.is(diff, undefined, `${diff} in ${JSON.stringify(text)}`);
  }
  assert.ok(accepted > 600, `the fast reader accepted only ${accepted} documents`);
});

function chartFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e === 'dist' || e.startsWith('.')) continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) chartFiles(p, out);
    else if (e === 'Chart.yaml' || e === 'values.yaml') out.push(p);
  }
  return out;
}

test("every chart in this repository reads the same both ways, and the plain ones skip the library", () => {
  const root = new URL('../..', import.meta.url).pathname;
  const files = [...chartFiles(join(root, 'charts')), ...chartFiles(join(root, 'test', 'fixtures'))];
  assert.ok(files.length >= 10, `found only ${files.length} files`);
  let fastCount = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const fast = f.endsWith('Chart.yaml') ? fastChartYaml(text, f) : fastValuesYaml(text);
    if (fast === undefined) continue;
    fastCount++;
    const ref = f.endsWith('Chart.yaml') ? full(text, f) : parseValuesDocuments(text, f);
    const diff = same(fast, ref);
    assert.is(diff, undefined, `${diff} in ${f}`);
  }
  assert.ok(fastCount >= files.length / 2, `only ${fastCount} of ${files.length} files took the fast path`);
});

test('errors still name the line: an invalid Chart.yaml or values.yaml goes through the full parse', async () => {
  const load = (files: Record<string, string>) => loadChartArchive(writeArchive(Object.entries(files).map(([n, t]) => ({ name: `c/${n}`, data: Buffer.from(t) }))), 'c.tgz');
  const bad = async (files: Record<string, string>, re: RegExp) => {
    try {
      await load(files);
      assert.unreachable('accepted');
    } catch (err) {
      assert.instance(err, ChartInvalidError);
      assert.match((err as Error).message, re);
    }
  };
  await bad({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\ntype: other\n' }, /c\.tgz\/c\/Chart\.yaml:4: validation: chart\.metadata\.type must be application or library/);
  await bad({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'values.yaml': 'a: 1\nb: [x\n' }, /c\.tgz\/c\/values\.yaml:\d+:\d+: invalid YAML: Flow sequence/);
  const ok = await load({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.10\nappVersion: 1.10\n', 'values.yaml': 'on: yes\nmode: 0777\nz: -0\n' });
  assert.is(ok.metadata.version, '1.10');
  assert.is(ok.metadata.appVersion, '1.10');
  assert.equal(ok.values, { true: true, mode: 511, z: 0 });
});

test.run();
