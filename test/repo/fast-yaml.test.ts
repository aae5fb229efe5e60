// The fast index reader agrees with the full YAML parser on everything it
// accepts, and declines (undefined) what is outside its subset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { fastYaml } from '../../src/repo/fast-yaml.js';

const accepted = [
  'apiVersion: v1\nentries:\n  a:\n  - apiVersion: v2\n    created: "2024-01-02T03:04:05.123456789Z"\n    urls:\n    - https://x/a-1.0.0.tgz\n    version: 1.0.0\ngenerated: "2024-01-02T03:04:05Z"\n',
  'a: 1\nb: 1.5\nc: "1.10"\nd: true\ne: null\nf: ~\ng: []\nh: {}\ni: \'it\'\'s\'\nj: -x\nk: x-y z\n',
  'list:\n- a\n- "b: c"\n- key: v\n  other: w\n-\n  deep: 1\nafter: z\n',
  'text: |-\n  line one\n  line two\n\n  four\nnext: |\n  keep\nlast: 2\n',
  '# comment\nmap:\n  inner:\n    x: "\\u00e9\\n"\n  # another\n  y: \'\'\n',
  'kubeVersion: ">=1.23.0-0"\nversion: 0.1.0\nappVersion: 1.27.3\n',
  'annotations:\n  category: WebApplication\n  "a.b/c": ""\n  k: "null"\n',
];
const declined = ['a: &x 1\nb: *x\n', 'a: [1, 2]\n', 'a: >\n  folded\n', '---\na: 1\n', 'a: b # c\n', 'a:\tb\n', 'a: 1\na: 2\n', 'a: "\\x41"\n', 'version: [1.0\n', '? complex\n: key\n'];

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

test.run();
