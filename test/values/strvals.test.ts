import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSet, parseSetString, parseSetJSON, parseSetLiteral, parseSetFile, typedValue } from '../../src/values/strvals.js';
import { ValuesError } from '../../src/errors.js';
import { SetInt } from '../../src/values/int64.js';

/** A --set integer: Go's int64, exact digits. */
const i = (d: number | string): SetInt => new SetInt(String(d));

function throwsValues(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ValuesError);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a ValuesError matching ${pattern}`);
}

// Reference §2.7 rows 1–19 and Helm's pkg/strvals/parser_test.go.
test('row 1: null, false and true are typed', () => {
  assert.equal(parseSet('name1=null,f=false,t=true'), { name1: null, f: false, t: true });
  assert.equal(parseSet('a=TRUE,b=False,c=NULL'), { a: true, b: false, c: null });
});

test('row 2: a trailing comma is allowed', () => {
  assert.equal(parseSet('name1=value1,name2=value2,'), { name1: 'value1', name2: 'value2' });
});

test('row 3: empty assignments are an error', () => {
  throwsValues(() => parseSet('name1=value1,,,,name2=value2,'), /^failed parsing --set data: key "" has no value \(cannot end with ,\)/);
});

test('row 4: an empty value is the empty string', () => {
  assert.equal(parseSet('name1=,name2=value2'), { name1: '', name2: 'value2' });
  assert.equal(parseSet('name1='), { name1: '' });
});

test('row 5: ints are typed, leading zeros stay strings, no floats', () => {
  assert.equal(parseSet('leading_zeros=00009'), { leading_zeros: '00009' });
  assert.equal(parseSet('zero_int=0'), { zero_int: i(0) });
  assert.equal(parseSet('long_int=1234567890'), { long_int: i(1234567890) });
  assert.equal(parseSet('f=1.5,h=0x1F,e=1e3,neg=-5,plus=+7'), { f: '1.5', h: '0x1F', e: '1e3', neg: i(-5), plus: i(7) });
  // int64 bounds: in range is an exact int64, one past is a string
  assert.equal(parseSet('max=9223372036854775807').max, i('9223372036854775807'));
  assert.equal(parseSet('min=-9223372036854775808').min, i('-9223372036854775808'));
  assert.equal(parseSet('over=9223372036854775808'), { over: '9223372036854775808' });
  assert.equal(parseSet('under=-9223372036854775809'), { under: '-9223372036854775809' });
  assert.equal(parseSet('z=-0').z, i(0));
});

test('row 6: --set-string never types', () => {
  assert.equal(parseSetString('boolean=true'), { boolean: 'true' });
  assert.equal(parseSetString('is_null=null'), { is_null: 'null' });
  assert.equal(parseSetString('zero=0'), { zero: '0' });
  assert.equal(parseSetString('long_int_string=1234567890'), { long_int_string: '1234567890' });
  assert.equal(parseSetString('l={1,true}'), { l: ['1', 'true'] });
});

test('row 7 and 8: escaped commas and equals signs', () => {
  assert.equal(parseSet('name1=one\\,two,name2=three\\,four'), { name1: 'one,two', name2: 'three,four' });
  assert.equal(parseSet('name1=one\\=two,name2=three\\=four'), { name1: 'one=two', name2: 'three=four' });
  assert.equal(parseSet('name1=one two three,name2=three two one'), { name1: 'one two three', name2: 'three two one' });
});

test('escaped dots and brackets in keys', () => {
  assert.equal(parseSet('a\\.b=c'), { 'a.b': 'c' });
  assert.equal(parseSet('nodeSelector.kubernetes\\.io/role=master'), { nodeSelector: { 'kubernetes.io/role': 'master' } });
  assert.equal(parseSet('x\\[0\\]=y'), { 'x[0]': 'y' });
});

test('row 9: dotted paths build nested maps', () => {
  assert.equal(parseSet('outer.inner1=value,outer.middle.inner=value'), { outer: { inner1: 'value', middle: { inner: 'value' } } });
  assert.equal(parseSet('outer.middle.inner=value'), { outer: { middle: { inner: 'value' } } });
});

test('row 10: keys without values are errors naming the key and the expression', () => {
  throwsValues(() => parseSet('name1.name2'), /^failed parsing --set data: key "name2" has no value \(in "name1.name2"\)$/);
  throwsValues(() => parseSet('name1.=name2'), /key map "name1" has no value/);
  throwsValues(() => parseSet('name1.,name2'), /key "" has no value \(cannot end with ,\)/);
  throwsValues(() => parseSet('name1,name2=value2'), /key "name1" has no value \(cannot end with ,\)/);
  throwsValues(() => parseSet('name1,name2=value2\\'), /key "name1" has no value/);
  throwsValues(() => parseSet('name1.name2,name1.name3'), /has no value/);
  throwsValues(() => parseSet('a'), /^failed parsing --set data: key "a" has no value/);
});

test('row 11: an empty value under a path', () => {
  assert.equal(parseSet('name1.name2='), { name1: { name2: '' } });
});

test('row 12: {a,b} lists, typed items, unterminated list', () => {
  assert.equal(parseSet('name1={value1,value2}'), { name1: ['value1', 'value2'] });
  assert.equal(parseSet('name1={1021,902}'), { name1: [i(1021), i(902)] });
  assert.equal(parseSet('name1={value1,value2},name2={value1,value2}'), { name1: ['value1', 'value2'], name2: ['value1', 'value2'] });
  assert.equal(parseSet('name1.name2={value1,value2}'), { name1: { name2: ['value1', 'value2'] } });
  throwsValues(() => parseSet('name1={1021,902'), /list must terminate with '}'/);
  // derived from the code: `{}` reads one empty item
  assert.equal(parseSet('a={}'), { a: [''] });
});

test('row 13 and 14: list indexes', () => {
  assert.equal(parseSet('list[0]=foo,list[3]=bar'), { list: ['foo', null, null, 'bar'] });
  assert.equal(parseSet('list[0]=foo,list[1]=bar,'), { list: ['foo', 'bar'] });
  assert.equal(parseSet('list[0].foo=bar,list[0].hello=world'), { list: [{ foo: 'bar', hello: 'world' }] });
});

test('row 15: negative indexes and junk after an index are errors', () => {
  throwsValues(() => parseSet('list[0].foo=bar,list[-30].hello=world'), /negative -30 index not allowed/);
  throwsValues(() => parseSet('list[0]=foo,list[-20]=bar'), /negative -20 index not allowed/);
  throwsValues(() => parseSet('illegal[0]name.foo=bar'), /unexpected data at end of array index: "name"/);
  throwsValues(() => parseSet(']={}].'), /unable to parse key: interface conversion/);
  throwsValues(() => parseSet('a[x]=1'), /error parsing index: strconv.Atoi: parsing "x": invalid syntax/);
});

test('row 16: index without value', () => {
  assert.equal(parseSet('noval[0]'), { noval: [] });
  assert.equal(parseSet('noval[0]='), { noval: [''] });
});

test('row 17: nested list indexes', () => {
  assert.equal(parseSet('nested[1][1]=1'), { nested: [null, [null, i(1)]] });
  assert.equal(parseSet('nested[0][0]=1'), { nested: [[i(1)]] });
  assert.equal(parseSet('name1.name2[1].foo=bar'), { name1: { name2: [null, { foo: 'bar' }] } });
  assert.equal(parseSet('name1.name2[1].foo=bar,name1.name2[0].foo=bar'), { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } });
});

test('list index limit is 65536', () => {
  assert.is((parseSet('a[65536]=x').a as unknown[]).length, 65537);
  throwsValues(() => parseSet('a[65537]=x'), /index of 65537 is greater than maximum supported index of 65536/);
});

test('nesting deeper than 30 levels is an error', () => {
  const deep = Array.from({ length: 32 }, (_, i) => `k${i}`).join('.');
  throwsValues(() => parseSet(`${deep}=value`), /value name nested level is greater than maximum supported nested level of 30/);
  const ok = Array.from({ length: 31 }, (_, i) => `k${i}`).join('.');
  assert.ok(parseSet(`${ok}=value`).k0);
});

test('row 18: parsing into existing values', () => {
  const base = { outer: { inner1: 'overwrite', inner2: 'value2' } };
  parseSet('outer.inner1=value1,outer.inner3=value3,outer.inner4=4', base);
  assert.equal(base, { outer: { inner1: 'value1', inner2: 'value2', inner3: 'value3', inner4: i(4) } });

  const lists: Record<string, unknown> = {};
  parseSet('listOuter[0][0].type=listValue', lists);
  parseSet('listOuter[0][0].status=alive', lists);
  assert.equal(lists, { listOuter: [[{ type: 'listValue', status: 'alive' }]] });

  const deeper: Record<string, unknown> = { listOuter: [[[{ exited: 'old' }]]] };
  parseSet('listOuter[0][1][0].type=listValue', deeper);
  parseSet('listOuter[0][0][1].status=alive', deeper);
  assert.equal(deeper, { listOuter: [[[{ exited: 'old' }, { status: 'alive' }], [{ type: 'listValue' }]]] });
});

test('setting through a scalar or a non-list is an error', () => {
  throwsValues(() => parseSet('a.b=1', { a: 'x' }), /unable to parse key: interface conversion: interface \{\} is string, not map\[string\]interface \{\}/);
  throwsValues(() => parseSet('a[0]=1', { a: { b: 1 } }), /unable to parse key: interface conversion: interface \{\} is map\[string\]interface \{\}, not \[\]interface \{\}/);
  throwsValues(() => parseSet('a.b=1', { a: null }), /interface \{\} is nil/);
});

test('row 19: --set-json', () => {
  const base = { outer: { inner1: { x: 'overwrite' }, inner2: 'value2' } };
  parseSetJSON('outer.inner1=,outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner3.cc[1]=null', base);
  assert.equal(base, { outer: { inner1: null, inner2: 'value2', inner3: { aa: '1', bb: 2, cc: [1, null, 3] } } });
  assert.equal(parseSetJSON('outer.inner1="1",outer.inner3=3,outer.inner5="true"'), { outer: { inner1: '1', inner3: 3, inner5: 'true' } });
  assert.equal(parseSetJSON('a=[1,{"b":"c,d"}], e = true'), { a: [1, { b: 'c,d' }], ' e ': true });
  assert.equal(parseSetJSON('l[1]={"x":1}'), { l: [null, { x: 1 }] });
  throwsValues(() => parseSetJSON('a={"b":'), /^failed parsing --set-json data a=\{"b":: unexpected EOF$/);
  throwsValues(() => parseSetJSON('a=tru'), /--set-json/);
  throwsValues(() => parseSetJSON('a=nope'), /invalid character 'o' in literal null/);
});

test('rows 20–22: --set-literal', () => {
  assert.equal(parseSetLiteral('name1=null,name2=value2'), { name1: 'null,name2=value2' });
  assert.equal(parseSetLiteral('name1={value1,value2}'), { name1: '{value1,value2}' });
  assert.equal(parseSetLiteral(']={}].'), { ']': '{}].' });
  assert.equal(parseSetLiteral('nested[0][0]=1'), { nested: [['1']] });
  assert.equal(parseSetLiteral('list[3]=bar'), { list: [null, null, null, 'bar'] });
  assert.equal(parseSetLiteral('a.b=x\\,y'), { a: { b: 'x\\,y' } });
  assert.equal(parseSetLiteral('a,b=c'), { 'a,b': 'c' });
  throwsValues(() => parseSetLiteral('name1'), /^failed parsing --set-literal data: key "name1" has no value/);
});

test('--set-file reads each value as a file path', async () => {
  const files: Record<string, string> = { 'a.txt': 'line1\nline2\n', 'b.txt': 'B' };
  const reads: string[] = [];
  const read = (p: string) => {
    reads.push(p);
    if (!(p in files)) throw new ValuesError(`open ${p}: no such file or directory`);
    return files[p];
  };
  const base: Record<string, unknown> = { keep: 1 };
  await parseSetFile('x.script=a.txt,y={a.txt,b.txt},z[1]=b.txt', base, read);
  assert.equal(base, { keep: 1, x: { script: 'line1\nline2\n' }, y: ['line1\nline2\n', 'B'], z: [null, 'B'] });
  assert.equal(reads, ['a.txt', 'b.txt']);
  try {
    await parseSetFile('x=missing.txt', {}, read);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /open missing.txt: no such file or directory/);
  }
  try {
    await parseSetFile('x', {}, read);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /^failed parsing --set-file data: key "x" has no value/);
  }
});

test('typedValue follows Helm typedVal', () => {
  assert.is(typedValue('', false), '');
  assert.equal(typedValue('0', false), i(0));
  assert.equal(typedValue('-0', false), i(0));
  assert.is(typedValue('01', false), '01');
  assert.equal(typedValue('-01', false), i(-1));
  assert.equal(typedValue('+9007199254740993', false), i('9007199254740993'));
  assert.is(typedValue('9223372036854775808', false), '9223372036854775808');
  assert.is(JSON.stringify({ n: typedValue('42', false) }), '{"n":42}');
  assert.is(typedValue('1_000', false), '1_000');
  assert.is(typedValue('true', true), 'true');
});

test.run();
