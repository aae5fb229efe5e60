// The fast index reader agrees with the full YAML parser on everything it
// accepts, and declines (undefined) what is outside its subset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { fastYaml } from '../../src/util/fast-yaml.js';

const accepted = [
  'apiVersion: v1\nentries:\n  a:\n  - apiVersion: v2\n    created: "2024-01-02T03:04:05.123456789Z"\n    urls:\n    - https://x/a-1.0.0.tgz\n    version: 1.0.0\ngenerated: "2024-01-02T03:04:05Z"\n',
  'a: 1\nb: 1.5\nc: "1.10"\nd: true\ne: null\nf: ~\ng: []\nh: {}\ni: \'it\'\'s\'\nj: -x\nk: x-y z\n',
  'list:\n- a\n- "b: c"\n- key: v\n  other: w\n-\n  deep: 1\nafter: z\n',
  'text: |-\n  line one\n  line two\n\n  four\nnext: |\n  keep\nlast: 2\n',
  '# comment\nmap:\n  inner:\n    x: "\\u00e9\\n"\n  # another\n  y: \'\'\n',
  'kubeVersion: ">=1.23.0-0"\nversion: 0.1.0\nappVersion: 1.27.3\n',
  'annotations:\n  category: WebApplication\n  "a.b/c": ""\n  k: "null"\n',
];
const accepted2 = [
  // Go's yaml.v2 (Helm's writer) wraps long strings at 80 columns, in every style
  "description: 'A very long description that goes on and on and on, past eighty\n  columns for sure, with: colons and # hashes and ''quotes'' too'\nnext: 1\n",
  'description: A chart number 1 for benchmarking index parsing; it has a long\n  description line like real charts do.\nname: x\n',
  'd: "first line\\nsecond \\x41 \\u00e9 \\U0001F600 \\t and a long run of words that wraps\n  onto the next line \\\n  \\ joined"\ne: 1\n',
  'list:\n- plain item that is long and\n  continues here\n- \'quoted item\n  continued\'\n- "dq\n\n  with blank"\n',
  'p: para one\n\n  para two\nq: 2\n',
  // literal blocks: indentation indicators, keep chomping, comment-looking lines, blank lines
  'a: |2-\n     leading spaces\n    kept\nb: |+\n  keep\n\nc: |\n  # not a comment\n    deeper\n\n  after blank\n# a real comment\nd: x\n',
  'x:\n  y: |-\n    text\n  # comment at map level\n  z: 1\n',
  // document start, CRLF line ends, end marker
  '---\na: 1\n',
  'a: 1\r\nb:\r\n  c: "x"\r\n',
  'a: 1\n...\n',
  'a: "\\x41"\n',
  'keywords: [a, b-c, 1.5, true, x y]\nlist:\n- [p, q]\n',
  // one-line flow lists of quoted strings without escapes, and empty ones written with a space
  'drop: ["ALL"]\nadd: [ "NET_BIND_SERVICE", \'CHOWN\', x ]\nnone: [ ]\nmap: { }\nq: ["a,b", "", \'\']\n',
  'f: >\n  folded\n  text\n\n  para\n    more\n  back\ng: >-\n  x\n  y\nh: >+\n  keep\n\n\ni: >2\n   lead\n  z\n',
];
const declined = ['a: &x 1\nb: *x\n', 'a: [1, [2]]\n', 'a: [x, ]\n', 'a: ["q", ]\n', 'a: ["\\"q"]\n', "a: ['it''s']\n", 'a: ["q" r]\n', 'a: ["q"] # c\n', 'a: { } # c\n', 'a: [k: v]\n', '--- !tag\na: 1\n', 'a: b # c\n', 'a:\tb\n', 'a: 1\na: 2\n', 'a: "\\q"\n', 'version: [1.0\n', '? complex\n: key\n', 'a: 1\n---\nb: 2\n', 'a: b\n  c: d\n'];

test('agrees with the yaml library on multi-line scalars, literal blocks and markers', () => {
  for (const t of accepted2) {
    const got = fastYaml(t);
    assert.ok(got !== undefined, `declined: ${JSON.stringify(t)}`);
    assert.equal(got, parse(t, { version: '1.2' }), JSON.stringify(t));
  }
});

test('agrees with the yaml library on the subset', () => {
  for (const t of accepted) {
    const got = fastYaml(t);
    assert.ok(got !== undefined, `declined: ${JSON.stringify(t)}`);
    assert.equal(got, parse(t, { version: '1.2' }), JSON.stringify(t));
  }
});

test('declines anything outside the subset', () => {
  for (const t of declined) assert.is(fastYaml(t), undefined, JSON.stringify(t));
});

// Seeded: random index-like documents written by the yaml library in several
// layouts (narrow line widths force folded scalars); whatever the fast reader
// accepts must equal the full parse.
test('random documents: accepted means identical to the full parse', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['a', 'word', ' ', '  ', ': ', ' #', "'", '"', '\\', '\n', '\n\n', '-', '- ', '|', '>', 'é', '😀', '\t', 'true', '1.0', '0x1', '~', '[', '{', ',', '*', '&', '%', '@', 'null'];
  const str = () => Array.from({ length: 1 + rnd(12) }, () => pieces[rnd(pieces.length)]).join('');
  const value = (depth: number): unknown => {
    const k = rnd(depth > 2 ? 3 : 6);
    if (k === 0) return str();
    if (k === 1) return rnd(1000);
    if (k === 2) return rnd(2) === 0;
    if (k === 3) return Array.from({ length: rnd(4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: 1 + rnd(4) }, () => [rnd(3) ? `k${rnd(20)}` : str(), value(depth + 1)]));
  };
  let accepted = 0;
  for (let n = 0; n < Number(process.env.FUZZ_N ?? 3000); n++) {
    const doc = { entries: { [`c${n}`]: [value(1), value(1)] }, x: value(1) };
    const text = stringify(doc, { lineWidth: [20, 40, 80, 0][n % 4], minContentWidth: 0, indentSeq: n % 2 === 0, singleQuote: n % 3 === 0, blockQuote: n % 5 === 0 ? 'literal' : n % 5 === 1 ? 'folded' : true, collectionStyle: n % 7 === 3 ? 'flow' : 'any', flowCollectionPadding: n % 2 === 0 });
    const got = fastYaml(text);
    if (got === undefined) continue;
    accepted++;
    assert.equal(got, parse(text, { version: '1.2' }), text);
  }
  assert.ok(accepted > Number(process.env.FUZZ_N ?? 3000) / 3, `only ${accepted} accepted`);
});

test.run();
