// The fast manifest-head reader must agree with the full YAML parser on every
// document it accepts, and hand everything unusual back to it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDocument } from 'yaml';
import { fastHead } from '../../src/render/fast-head.js';

function reference(doc: string): unknown {
  const d = parseDocument(doc, { uniqueKeys: false, strict: false });
  if (d.errors.length > 0) return 'error';
  const o = d.toJS() as Record<string, any>;
  const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  const meta = o?.metadata && typeof o.metadata === 'object' ? o.metadata : {};
  const ann = meta.annotations && typeof meta.annotations === 'object' ? meta.annotations : {};
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ann)) annotations[k] = str(v);
  return { apiVersion: str(o.apiVersion), kind: str(o.kind), name: str(meta.name), ...(meta.namespace ? { namespace: str(meta.namespace) } : {}), annotations };
}

const ACCEPTED = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n  b: plain text here',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n        - name: side\n          args:\n          - --flag\n          - value',
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: "-5"\n# trailing comment\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  app.ini: |\n    [section]\n    key: value # not a comment\n\n    - not a list\n  other: x',
  'apiVersion: v1\nkind: List\nitems:\n- a\n- b\nmetadata:\n  name: l',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: \'svc\'\nspec:\n  selector: {}\n  ports: []',
  'kind: Secret\napiVersion: v1\nmetadata:\n  name: s\ntype: Opaque\nstringData:\n  k: v',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          args: ["--debug", \'-v\' , x=1, 2]\n          command: [ ]\n          env: []',
];

const CORNER = [
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n    "quoted": x\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow}',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &a anchored\n  namespace: *a',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n   bad: indent',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: multi\n    line',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tab',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "esc\\"aped"',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # comment',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    a: |\n      block',
  '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x',
  '- a\n- b',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nkey:value',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n k2: v2',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ~',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: true',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace:\n  name: x',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  - - nested',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a]',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [a, [b]]',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: ["a\\"b"]',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [a,, b]',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [a] # c',
];

// Documents the fast path once read differently from the YAML parser: each
// must now be read identically or handed back.
const ONCE_MISREAD = [
  // An annotation without a value is null, which reads as "" (a hook annotation naming no event).
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook:\n    other: x',
  // A key given twice: the last one wins, even when it holds a collection or null.
  'apiVersion: v1\nkind: Pod\nkind:\n  a: b\nmetadata:\n  name: x',
  'apiVersion: v1\nkind: Pod\napiVersion:\nmetadata:\n  name: x',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  name:\n    a: b',
  'metadata:\n  name: a\nmetadata:\n  namespace: b\napiVersion: v1\nkind: Pod',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    a: "1"\n  annotations:\n    b: "2"',
  // Annotations as a list: its items become keys "0", "1", ...
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n  - helm.sh/hook',
  // A non-breaking space is text to YAML, not indentation or separation.
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\u00a0 name: x',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\u00a0x',
];

// Shapes the fast path reads (blocks of simple siblings are checked as one run).
const ALSO_ACCEPTED = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace:\n  annotations:\n    a: "[x]"\n    b: \'{}\'\n    helm.sh/hook-weight:\n  labels:\n    a: b\n    c: "d"\n    e: \'f\'\ndata:\n  k: >-\n    folded\n    text\n  x: y\n  z: [a, "b"]\n  w: {}\nlist:\n- a\n- "b"\n- c: d\n  e: f\n- g',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {}\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n      protocol: TCP\n    - port: 443\n      targetPort: https',
];

test('documents in the simple subset are read exactly as the YAML parser reads them', () => {
  for (const doc of ACCEPTED) {
    const fast = fastHead(doc);
    assert.ok(fast !== undefined, `fast path should accept:\n${doc}`);
    assert.equal(fast, reference(doc), doc);
  }
});

test('documents once misread are read as the YAML parser reads them, or handed back', () => {
  for (const doc of ONCE_MISREAD) {
    const fast = fastHead(doc);
    if (fast !== undefined) assert.equal(fast, reference(doc), doc);
  }
  for (const doc of ALSO_ACCEPTED) {
    const fast = fastHead(doc);
    assert.ok(fast !== undefined, `fast path should accept:\n${doc}`);
    assert.equal(fast, reference(doc), doc);
  }
});

test('anything unusual is either read identically or handed back to the full parser', () => {
  let handedBack = 0;
  for (const doc of CORNER) {
    const fast = fastHead(doc);
    if (fast === undefined) handedBack++;
    else assert.equal(fast, reference(doc), doc);
  }
  assert.ok(handedBack >= CORNER.length - 2, `handed back ${handedBack} of ${CORNER.length}`);
});

test('randomly mutated manifests never get a different head from the fast path', () => {
  let seed = 42;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const pieces = [' ', '  ', '-', '- ', ':', '#', '"', "'", '|', '>-', '{', '}', '{}', '[', ']', '&', '*', '!', '\n', '\n  ', '\n- ', 'x', '1', '~', ' # c', ': v', ',', ', ', '["a", b]', '---', '\u00a0', 'name:', 'annotations:', 'metadata:'];
  const bases = [...ACCEPTED, ...ALSO_ACCEPTED];
  let accepted = 0;
  for (let i = 0; i < 6000; i++) {
    const base = bases[rnd(bases.length)]!;
    let doc = base;
    for (let k = 0; k < 1 + rnd(3); k++) {
      const at = rnd(doc.length);
      doc = doc.slice(0, at) + pieces[rnd(pieces.length)] + doc.slice(at + (rnd(2) ? 1 : 0));
    }
    const fast = fastHead(doc);
    if (fast === undefined) continue;
    accepted++;
    assert.equal(fast, reference(doc), JSON.stringify(doc));
  }
  assert.ok(accepted > 600, `accepted ${accepted}`);
});

test.run();
