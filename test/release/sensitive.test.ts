// Which values the schema and the flags mark sensitive, and how records are redacted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Chart } from '../../src/chart/types.js';
import { chartSensitivePatterns, maskText, redactTree, releaseSensitivePointers, resolveSensitive, secretStrings } from '../../src/release/sensitive.js';
import type { Release } from '../../src/release/types.js';

const chart = (values: Record<string, unknown>, schema?: Record<string, unknown>, deps: Chart[] = [], meta: Record<string, unknown> = {}): Chart =>
  ({ metadata: { apiVersion: 'v2', name: 'c', version: '1.0.0', ...meta }, templates: [], values, schema, files: [], dependencies: deps }) as Chart;

test('schema keywords: properties, $ref, items, additionalProperties, allOf, writeOnly; subcharts under their alias', () => {
  const sub = chart({ token: 'sub-token' }, { properties: { token: { writeOnly: true } } });
  sub.metadata.name = 'db';
  const c = chart(
    { users: [{ name: 'a', pass: 'p1-secret' }, { name: 'b', pass: 'p2-secret' }], keys: { x: 'kx-secret' }, cert: { key: 'k-secret' } },
    {
      properties: {
        users: { type: 'array', items: { properties: { pass: { $ref: '#/definitions/pw' } } } },
        keys: { additionalProperties: { 'x-skiff-sensitive': true } },
        cert: { allOf: [{ properties: { key: { 'x-skiff-sensitive': true } } }] },
      },
      definitions: { pw: { 'x-skiff-sensitive': true }, loop: { $ref: '#/definitions/loop' } },
    },
    [sub],
    { dependencies: [{ name: 'db', version: '1', alias: 'primary' }] },
  );
  assert.is(chartSensitivePatterns(c).length, 5); // users, keys, cert; the subchart's token under db and primary
  const got = resolveSensitive({ chart: c, values: { primary: { token: 'alias-token' } } });
  assert.equal(got, ['/cert/key', '/keys/x', '/primary/token', '/users/0/pass', '/users/1/pass']);
});

test('--set-sensitive marks its leaves; --mark-sensitive needs a value or a schema property', () => {
  const c = chart({ a: { b: 1 } }, { properties: { later: { type: 'string' } } });
  assert.equal(resolveSensitive({ chart: c, values: { x: { y: 'v' } }, setSensitive: ['x.y=v,list[1]=z'] }), ['/list/1', '/x/y']);
  assert.equal(resolveSensitive({ chart: c, values: {}, markSensitive: ['a.b', 'later'] }), ['/a/b', '/later']);
  assert.throws(() => resolveSensitive({ chart: c, values: {}, markSensitive: ['a.c'] }), /--mark-sensitive "a\.c": no value at a\.c/);
});

test('redaction keeps untrusted keys as data and masks every form of a value', () => {
  const values = JSON.parse('{"__proto__": {"polluted": "yes"}, "s": "line-one\\nline-two"}');
  const out = redactTree(values, ['/__proto__/polluted', '/s']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(JSON.stringify(out), '{"__proto__":{"polluted":"<redacted>"},"s":"<redacted>"}');
  const masks = secretStrings(values, ['/s']);
  assert.is(maskText('a: |\n  line-one\n  line-two\nb64: ' + Buffer.from('line-one\nline-two').toString('base64'), masks), 'a: |\n  <redacted>\n  <redacted>\nb64: <redacted>');
  assert.is(maskText('tiny', secretStrings({ n: 'abc' }, ['/n'])), 'tiny');
});

test('a record lists its pointers; one written by Helm falls back to its chart schema', () => {
  const schema = Buffer.from(JSON.stringify({ properties: { pw: { 'x-skiff-sensitive': true } } })).toString('base64');
  const rel = { config: { pw: 'x', other: 'y' }, chart: { values: {}, schema }, sensitive_values: ['/other', 'junk'] } as unknown as Release;
  assert.equal(releaseSensitivePointers(rel), ['/other', '/pw']);
});

test.run();
