// The compiled-template cache's tree encoding: every tree the parser makes
// decodes to the same tree (same nodes, same property order, same shape and
// literals), a damaged header is refused rather than half-used, and a
// damaged body gives way to parsing the text when its nodes are needed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, type Tree } from '../../../src/render/gotmpl/parse.js';
import { decodeTrees, encodeTrees } from '../../../src/render/gotmpl/tree-codec.js';
import { FUNCS } from '../../../src/render/gotmpl/funcs.js';
import { BUILTINS, TemplateSet } from '../../../src/render/gotmpl/template.js';
import { shapeOf } from '../../../src/render/gotmpl/shape.js';
import { compile, type ShapeBody, type State } from '../../../src/render/gotmpl/exec.js';
import { Gen, rng } from './gen.js';

const hasFunction = (n: string): boolean => BUILTINS.has(n) || Object.hasOwn(FUNCS, n) || ['include', 'tpl', 'required', 'fail'].includes(n);

/** Trees with their key order made visible, so a decoded node built in another property order fails. */
function shape(trees: Map<string, Tree>): string {
  const plain = [...trees].map(([n, t]) => [n, { name: t.name, parseName: t.parseName, root: t.root, text: t.text, shape: t.shape }]);
  return JSON.stringify(plain, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v));
}

const decode = (encoded: string, name: string, parseName: string, text: string): Map<string, Tree> => decodeTrees(encoded, name, parseName, text, hasFunction);

function roundTrip(name: string, text: string): void {
  const trees = parse(name, text, hasFunction, name);
  const back = decode(encodeTrees(name, trees), 'other/name.yaml', 'other/file.yaml', text);
  const expected = new Map([...trees].map(([n, t]) => {
    const as = n === name ? 'other/name.yaml' : n;
    return [as, { ...t, name: as, parseName: 'other/file.yaml', shape: shapeOf(t.root) }];
  }));
  assert.is(shape(back), shape(expected), text);
}

const HANDWRITTEN = [
  'plain text only\n',
  '{{/* a comment */}}x{{- /* trimmed */ -}}\n y',
  '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}{{ $ }}{{ . }}{{ nil | default 3 }}',
  '{{ 0x1F }} {{ -0o17 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ 0x1p-2 }} {{ \'a\' }} {{ \'\\n\' }} {{ 9223372036854775807 }} {{ 18446744073709551615 }} {{ -0 }} {{ 1.5 }}',
  '{{ "quoted \\"escape\\" \\u00e9" }} {{ `raw\nstring` }} {{ "" }} {{ printf "%s-%d" "a" 1 }}',
  '{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}{{ with .C }}{{ . }}{{ else with .D }}d{{ end }}',
  '{{ range $i, $v := .L }}{{ if $i }}{{ break }}{{ end }}{{ continue }}{{ else }}none{{ end }}',
  '{{ define "x" }}X{{ .Values.a.b }}{{ end }}{{ template "x" . }}{{ block "y" .Values }}Y{{ end }}',
  '{{ (.Values).a.b }} {{ ($).Chart.Name }} {{ (list 1 2) | len }} {{ .Values.a | toYaml | nindent 4 }} {{ true }} {{ false }}',
  'é ü 日本 {{ "ünïcödé" | upper }} 😀 {{ .Values.x }}',
];

test('hand-written templates covering every node kind decode to the trees the parser made', () => {
  for (const [i, text] of HANDWRITTEN.entries()) roundTrip(`c/templates/t${i}.yaml`, text);
});

test('thousands of generated template programs decode to the trees the parser made', () => {
  const r = rng(424242);
  const gen = new Gen(r, ['d.a', 'd.b']);
  let n = 0;
  for (let i = 0; i < 3000; i++) {
    const text = `{{- define "d.a" }}{{ . }}{{ end }}{{- define "d.b" }}b{{ end }}${gen.list(3)}`;
    try {
      parse('g', text, hasFunction, 'g');
    } catch {
      continue; // programs that do not parse are never stored
    }
    roundTrip('g', text);
    n++;
  }
  assert.ok(n > 2000, `only ${n} programs parsed`);
});

test('a damaged or foreign header is refused, never half-decoded', () => {
  const text = '{{ .Values.a }} {{ 12 }}';
  const good = encodeTrees('t', parse('t', text, hasFunction, 't'));
  const [head, body] = good.split('\n') as [string, string];
  const bad = [
    'not json', '{}', '[]', '[1]', '[1,0]', '[1,0,"k",99,0,0]', '[1,0,"k",0,"x",0]', '[1,0,"k",1,0,999]', '[1,0,"k",1,-1,1]', '[1,0,"k",1,0]', '[2,0,"k",0]', '[1,0,"k",0,7]', '[1,7,"k",0]',
  ].map((h) => `${h}\n${body}`);
  bad.push(
    // no shape key
    good.replace(/^\[1,0,"(?:[^"\\]|\\.)*",/, '[1,0,'),
    // a literal past the end of the text
    good.replace(/,1,15,1\]\n/, ',1,999999,1]\n'),
  );
  assert.is.not(good.replace(/,1,15,1\]\n/, ',1,999999,1]\n'), good);
  assert.is.not(good.replace(/^\[1,0,"(?:[^"\\]|\\.)*",/, '[1,0,'), good);
  for (const b of bad) assert.throws(() => decode(b, 't', 't', text), undefined, b);
});

test('a damaged body is replaced by parsing the text when the nodes are first needed', () => {
  const text = '{{ define "d" }}D{{ end }}{{ .Values.a }} {{ 12 }}';
  const fresh = parse('t', text, hasFunction, 't');
  const good = encodeTrees('t', fresh);
  const [head, body] = good.split('\n') as [string, string];
  const damaged = [
    'not json', '{}', '[]', '[0,0,0]', `${body.slice(0, -1)},7]`,
    // a number's int64 that is no integer
    body.replace(',"12","12",', ',"twelve","12",'),
    // a text node's length past the end of the text
    body.replace(/^\[0,16,1,1,16,1,/, '[0,16,1,1,16,999999,'),
    // a field name that is no string
    body.replace('"Values"', '17'),
    // a node cut short
    body.replace(/,"12"\]$/, ']'),
  ];
  for (const b of damaged) {
    assert.is.not(b, body);
    const trees = decode(`${head}\n${b}`, 'u', 'f', text);
    const expected = new Map([...fresh].map(([n, t]) => [n === 't' ? 'u' : n, { ...t, name: n === 't' ? 'u' : n, parseName: 'f', shape: shapeOf(t.root) }]));
    assert.is(shape(trees), shape(expected), b);
  }
});

test('the nodes of a stored tree are decoded only when asked for, once for all trees of the text', () => {
  const text = '{{ define "d" }}D{{ end }}x{{ .Values.a }}';
  const trees = decode(encodeTrees('t', parse('t', text, hasFunction, 't')).replace(/\n.*$/s, '\nnot json'), 't', 't', text);
  // The header alone gives the shape and literals; nothing has been parsed yet.
  assert.equal(trees.get('t')!.shape!.lits, ['x']);
  assert.equal(trees.get('d')!.shape!.lits, ['D']);
  const root = trees.get('t')!.root;
  assert.is(trees.get('t')!.root, root);
  assert.is(root.nodes[0]!.kind, 'text');
});

test('only the first text of a shape stores its nodes; the others parse their text when their nodes are needed', () => {
  const bodied = new Set<string>();
  const texts = ['a: {{ .Values.a | quote }}\nb: {{ "x" }}\n', 'c: {{ .Values.a | quote }}\nd: {{ "y\\n" }}\n', 'other: {{ .Values.b }}\n'];
  const encoded = texts.map((text) => encodeTrees('t', parse('t', text, hasFunction, 't'), bodied));
  assert.equal(encoded.map((e) => e.includes('\n')), [true, false, true]);
  assert.is(bodied.size, 2);
  for (const [i, text] of texts.entries()) {
    const fresh = parse('t', text, hasFunction, 't');
    const back = decode(encoded[i]!, 'u', 'f', text);
    const expected = new Map([...fresh].map(([n, t]) => [n === 't' ? 'u' : n, { ...t, name: 'u', parseName: 'f', shape: shapeOf(t.root) }]));
    assert.is(shape(back), shape(expected), text);
  }
  // Decoding an entry with a body tells a later encoding that the body is held.
  const again = new Set<string>();
  decodeTrees(encoded[0]!, 't', 't', texts[0]!, hasFunction, again);
  decodeTrees(encoded[1]!, 't', 't', texts[1]!, hasFunction, again);
  assert.is(again.size, 1);
  assert.not.ok(encodeTrees('t', parse('t', 'e: {{ .Values.a | quote }}\nf: {{ "z" }}\n', hasFunction, 't'), again).includes('\n'));
});

test('a stored shape key whose literals do not fit the closures of that key renders its own tree', () => {
  const env = new TemplateSet({ funcs: FUNCS });
  const shapes = new Map<string, ShapeBody>();
  const run = (name: string, text: string, key?: string): string => {
    let encoded = encodeTrees(name, parse(name, text, hasFunction, name));
    if (key !== undefined) encoded = encoded.replace(/^(\[1,0,)"(?:[^"\\]|\\.)*"/, `$1${JSON.stringify(key)}`);
    const tree = decode(encoded, name, name, text).get(name)!;
    const st: State = { out: '', depth: 0, env };
    compile(name, tree, () => env, shapes).run(st, { a: 'A' });
    return st.out;
  };
  const first = 'one {{ .a }} two';
  assert.is(run('t1', first), 'one A two');
  // Another tree under the first one's key, with one literal more.
  assert.is(run('t2', 'x {{ .a }} y {{ "z" }}', shapeOf(parse('t1', first, hasFunction, 't1').get('t1')!.root).key), 'x A y z');
  assert.is(run('t3', 'three {{ .a }} four'), 'three A four');
});

test.run();
