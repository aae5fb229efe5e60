// A release's manifest documents are read by the fast block-YAML reader when
// they are in its subset, by the yaml library otherwise: either way the
// objects are exactly what the library's parse() gives (YAML 1.2 core
// schema), its errors included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { parseManifest } from '../../src/release/resources.js';
import { fastYaml } from '../../src/util/fast-yaml.js';
import { CORE_SCALARS } from '../../src/util/fast-yaml-core.js';

const deployment = `# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: "web"
    helm.sh/chart: web-1.0.0
  annotations:
    checksum/config: 2f0c1e
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: "nginx:1.27"
          args: [--port, 8080]
          ports:
            - containerPort: 8080
              protocol: TCP
          env:
            - name: EMPTY
              value: ""
            - name: QUOTED
              value: 'it''s "x"'
          resources: {}
          command:
          - /bin/sh
          - -c
          - |
            echo start
            exec nginx
`;

/** parse()'s answer or its error message, and the same for parseManifest. */
function both(text: string): { ref: unknown; got: unknown } {
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  return { ref: outcome(() => parse(text)), got: outcome(() => parseManifest(text)) };
}

test('a chart-rendered Deployment is read by the fast reader, as parse() reads it', () => {
  assert.ok(fastYaml(deployment, CORE_SCALARS) !== undefined, 'the fast reader accepts it');
  const { ref, got } = both(deployment);
  assert.equal(got, ref);
});

test('scalars and keys the two could read differently give what parse() gives', () => {
  const cases = [
    'a: 12345678901234567890\n',
    'a: -9007199254740993\n',
    'null: 1\n',
    '~: 1\n',
    '1.0: x\n',
    '0x10: y\n',
    'true: z\n',
    '01: a\n',
    '5: five\n',
    'a: 1e3\nb: .5\nc: +1\nd: 007\ne: 1.\nf: -0\ng: 2001-12-14\nh: 0x1F\ni: 0o17\nj: -.inf\nk: .NaN\n',
    'a: yes\nb: on\nc: Off\nd: y\n',
    'a: "\\u00e9\\t"\nb: \'x\'\n',
    'a: 1\na: 2\n',
    '__proto__: {}\nb: 1\n',
    'a:\n  __proto__:\n    polluted: yes\n',
    '<<: {a: 1}\n',
    'a: [1, 2]\nb: {}\nc: []\n',
    'a: b # c\n',
    '# only a comment\n',
    '',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a:\tb\n',
    'a: b\n  c: d\n',
    'key: [unclosed\n',
    'args: ["--port", "8080"]\n',
  ];
  for (const text of cases) {
    const { ref, got } = both(text);
    assert.equal(got, ref, JSON.stringify(text));
  }
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('random documents: the same objects as parse()', () => {
  let seed = 4242;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['a', 'name', ' ', ': ', ' #', "'", '"', '\\', '\n', '-', '- ', '|', '>', 'é', '\t', 'true', '1.0', '0x1', '~', '[', '{', '*', 'null', '12345678901234567890', '007', '1e3', '-.5'];
  const str = () => Array.from({ length: 1 + rnd(8) }, () => pieces[rnd(pieces.length)]).join('');
  const key = () => ['name', 'labels', 'null', '1', '1.0', 'true', '~', 'a b', 'x/y', str()][rnd(10)]!;
  const value = (depth: number): unknown => {
    const k = rnd(depth > 2 ? 4 : 6);
    if (k === 0) return str();
    if (k === 1) return [rnd(1000), 2 ** 60, -0, 1.5][rnd(4)];
    if (k === 2) return rnd(2) === 0;
    if (k === 3) return null;
    if (k === 4) return Array.from({ length: rnd(4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: 1 + rnd(4) }, () => [key(), value(depth + 1)]));
  };
  let fast = 0;
  const N = Number(process.env.FUZZ_N ?? 2000);
  for (let n = 0; n < N; n++) {
    const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${n}` }, data: value(1) };
    const text = stringify(doc, { lineWidth: [20, 80, 0][n % 3], minContentWidth: 0, indentSeq: n % 2 === 0, singleQuote: n % 3 === 0, blockQuote: n % 5 === 0 ? 'literal' : n % 5 === 1 ? 'folded' : true });
    if (fastYaml(text, CORE_SCALARS) !== undefined) fast++;
    const { ref, got } = both(text);
    assert.equal(got, ref, text);
  }
  assert.ok(fast > N / 3, `only ${fast} of ${N} read by the fast reader`);
});

test.run();
