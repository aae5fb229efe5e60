// The dashboard's release views: side-by-side diff rows, redaction of
// credentials in values and of Secret data in manifests.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { redactValues, shownManifest, sideBySide } from '../../src/dashboard/release-api.js';
import { checkEditedValues, restoreRedacted } from '../../src/dashboard/values-edit.js';
import { chartRecord } from '../../src/release/codec.js';
import { buildChart } from '../support/chart-builder.js';
import { makeRelease } from '../support/releases.js';

test('sideBySide pairs a run of removals with the additions after it, numbering each side', () => {
  const rows = sideBySide('a\nb\nc\n', 'a\nB\nc\nd\n');
  assert.equal(rows, [
    { kind: 'same', left: 'a', right: 'a', leftNo: 1, rightNo: 1 },
    { kind: 'change', left: 'b', leftNo: 2, right: 'B', rightNo: 2 },
    { kind: 'same', left: 'c', right: 'c', leftNo: 3, rightNo: 3 },
    { kind: 'add', right: 'd', rightNo: 4 },
  ]);
  assert.equal(sideBySide('x\ny\n', 'x\n'), [
    { kind: 'same', left: 'x', right: 'x', leftNo: 1, rightNo: 1 },
    { kind: 'del', left: 'y', leftNo: 2 },
  ]);
  assert.equal(sideBySide('', ''), []);
});

test('credentials in values are redacted with size and hash, so a change still shows; others are kept', () => {
  const v = redactValues({ db: { password: 'hunter2', host: 'db' }, apiToken: 'abc', list: [{ secretKey: 'k' }], tokens: { a: 1 } }) as Record<string, any>;
  assert.match(v.db.password, /^\(redacted: 7 bytes, sha256 [0-9a-f]{12}\)$/);
  assert.is(v.db.host, 'db');
  assert.match(v.apiToken, /^\(redacted: 3 bytes/);
  assert.match(v.list[0].secretKey, /^\(redacted/);
  assert.equal({ ...v.tokens }, { a: 1 }, 'a map under a sensitive-looking key is walked, not hidden whole');
  assert.is.not((redactValues({ password: 'a' }) as any).password, (redactValues({ password: 'b' }) as any).password);
  const hostile = redactValues(JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(hostile, '__proto__'));
});

test('shownManifest keeps documents as rendered, once each, and redacts Secret data', () => {
  const m = '---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n---\n# Source: c/templates/s.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  pw: hunter2\n';
  const out = shownManifest(m);
  assert.is(out.split('# Source: c/templates/cm.yaml').length, 2, out);
  assert.ok(out.includes('data:\n  k: v\n'));
  assert.not.ok(out.includes('hunter2'));
  assert.match(out, /pw: "?\(redacted: 7 bytes/);
});

test('edited values: a redaction left as shown keeps its value; one moved elsewhere or forged is refused by path', () => {
  const original = { db: { password: 'hunter2', host: 'db' }, list: [{ token: 't0' }] };
  const shown = redactValues(original) as any;
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
  assert.equal(plain(restoreRedacted({ ...shown, db: { ...shown.db, host: 'db2' } }, original)), { db: { password: 'hunter2', host: 'db2' }, list: [{ token: 't0' }] });
  assert.equal(plain(restoreRedacted({ db: { password: 'new' } }, original)), { db: { password: 'new' } }, 'a typed value replaces the secret');
  assert.throws(() => restoreRedacted({ db: { user: shown.db.password } }, original), /^db\.user: .*stands for a redacted value that is not at this path/);
  assert.throws(() => restoreRedacted({ list: [{ token: shown.db.password }] }, original), /list\[0\]\.token: /, 'a placeholder of another value is refused');
});

test('edited values are checked against the recorded chart: schema paths, YAML lines, and charts with dependencies refused', () => {
  const chart = buildChart({ name: 'web', values: { replicas: 1 }, templates: { 'cm.yaml': 'x' } });
  chart.schema = { type: 'object', properties: { replicas: { type: 'integer', maximum: 3 } } };
  const rel = makeRelease('web', 1, 'deployed', { chart: chartRecord(chart), config: {} });
  assert.equal(checkEditedValues(rel, 'replicas: 2\n').errors, []);
  const bad = checkEditedValues(rel, 'replicas: 7\n').errors;
  assert.ok(bad.some((e) => /replicas/.test(e) && /3/.test(e)), bad.join('\n'));
  assert.match(checkEditedValues(rel, 'a: [\n').errors[0]!, /failed to parse the edited values: line 2/);
  assert.match(checkEditedValues(rel, '- 1\n').errors[0]!, /values must be a map/);
  const withDeps = makeRelease('web', 1, 'deployed', { chart: { ...chartRecord(chart), metadata: { ...chart.metadata, dependencies: [{ name: 'redis', version: '1.0.0', repository: 'oci://r' }] } } });
  assert.match(checkEditedValues(withDeps, 'replicas: 1\n').errors[0]!, /has dependencies \(redis\), which a release record does not carry: upgrade it from the CLI/);
});

test.run();
