// Numbers JSON.stringify cannot write as Go does: a --set integer past 2^53
// (Go int64) and a float64 -0. The release record keeps both as Helm writes
// them, and both cross the pipe to the render process intact, so templates
// print what Helm prints (compared with real Helm 3.17.3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { applySetIntMarks, SetInt, setIntMarks, stringifyExact } from '../../src/values/int64.js';
import { parseSet } from '../../src/values/strvals.js';
import { decodeRelease, encodeRelease } from '../../src/release/codec.js';
import { makeRelease } from '../support/releases.js';
import { helmBinary } from '../support/helm.js';
import { CLI, tempDir } from '../support/cli.js';

test('stringifyExact writes int64 digits and -0 as Go does, and is JSON.stringify for everything else', () => {
  const v = { max: new SetInt('9223372036854775807'), min: new SetInt('-9223372036854775808'), big: new SetInt('9007199254740993'), nz: -0, f: 1.5, list: [new SetInt('18446744073709551615'), -0, undefined, null], skip: undefined };
  assert.is(stringifyExact(v), '{"max":9223372036854775807,"min":-9223372036854775808,"big":9007199254740993,"nz":-0,"f":1.5,"list":[18446744073709551615,-0,null,null]}');
  const plain = { a: 'x"\n\u2028', b: [1, 2.5, true, null, { c: new Date(0) }], d: Buffer.from('hi'), e: { '__proto__': 1, 'k y': -3e-7, big: 1e21, nan: NaN } };
  assert.is(stringifyExact(plain), JSON.stringify(plain));
});

test('the release record keeps --set integers past 2^53 and -0 exactly', () => {
  const config = parseSet('max=9223372036854775807,big=9007199254740993,n=-12') as Record<string, unknown>;
  config.nz = -0;
  const rel = makeRelease('nums', 1, 'deployed', { config });
  const json = gunzipSync(Buffer.from(encodeRelease(rel), 'base64')).toString('utf8');
  assert.match(json, /"config":\{"max":9223372036854775807,"big":9007199254740993,"n":-12,"nz":-0\}/);
  // read back as Helm reads it (JSON numbers, float64)
  const back = decodeRelease(encodeRelease(rel), 'test');
  assert.equal(back.config, { max: 9223372036854775807, big: 9007199254740992, n: -12, nz: -0 });
  assert.ok(Object.is((back.config as Record<string, number>).nz, -0));
});

test('-0 crosses the JSON hop to the render process as a mark, beside the int64 marks', () => {
  const tree = { a: -0, b: [0, -0], c: { d: new SetInt('5') } };
  const marks = setIntMarks(tree);
  const copy = JSON.parse(JSON.stringify(tree)) as typeof tree;
  assert.ok(!Object.is(copy.a, -0));
  applySetIntMarks(copy, marks);
  assert.ok(Object.is(copy.a, -0));
  assert.ok(Object.is(copy.b[0], 0) && Object.is(copy.b[1], -0));
  assert.instance(copy.c.d, SetInt);
});

test('templates print -0 values and toJson of -0 as Helm does', () => {
  const dir = join(tempDir('skiff-negzero-'), 'nz');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: nz\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'a: -0\nb: -0.0\nbig: 4611686018427387904\nbigneg: -9223372036854775808\nu: 10000000000000000000\n');
  writeFileSync(join(dir, 'templates', 'c.yaml'), `a: {{ .Values.a }} {{ .Values.a | toJson }} {{ typeOf .Values.a }}
b: {{ .Values.b }} {{ .Values.b | toJson }} {{ printf "%v %g %f" .Values.b .Values.b .Values.b }}
c: {{ .Values.c }} {{ .Values.c | toJson }} {{ typeOf .Values.c }}
d: {{ .Values.d }} {{ .Values.d | toJson }}
e: {{ .Values.e }} {{ typeOf .Values.e }}
lit: {{ -0 }} {{ -0.0 }} {{ toJson -0.0 }} {{ toJson (list -0.0 0.0) }}
big: {{ .Values.big }} {{ .Values.big | toJson }} {{ .Values.bigneg }} {{ .Values.u | toJson }}
y:
{{ toYaml .Values | indent 2 }}
`);
  const args = ['template', 'r', dir, '--set', 'c=-0', '--set-json', 'd=-0', '--set', 'e=-0.0'];
  const s = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  const h = spawnSync(helmBinary(), args, { encoding: 'utf8' });
  assert.is(h.status, 0, h.stderr);
  assert.is(s.status, 0, s.stderr);
  assert.match(s.stdout, /^b: -0 -0 /m);
  assert.is(s.stdout, h.stdout);
});

test.run();
