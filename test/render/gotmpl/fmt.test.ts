// Go's fmt over the value model, compared with what real Helm 3 prints for
// the same printf/print/println calls (one chart, one `helm template` run).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary } from '../../support/helm.js';
import { tempDir } from '../../support/cli.js';
import { formatFloat, quote, sprint, sprintf, sprintln } from '../../../src/render/gotmpl/fmt.js';
import { int } from '../../../src/render/gotmpl/value.js';

// [template argument text, value in the model]
type Arg = [string, unknown];
const I = (n: number): Arg => [String(n), int(n)];
const F = (text: string): Arg => [text, Number(text)];
const S = (s: string): Arg => [JSON.stringify(s), s];
const B = (b: boolean): Arg => [String(b), b];
const NIL: Arg = ['nil', null];

const cases: Array<[string, Arg[]]> = [
  ['%v %v %v %v %v %v', [F('1000000.0'), F('1.5'), F('3.0'), F('0.00001'), F('123456789.0'), F('100000.0')]],
  ['%v|%v|%v|%v', [F('1e21'), F('1e20'), F('0.0001'), F('-2.5')]],
  ['%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%b|%O|%.3d|%8.3d', [I(42), I(42), I(42), I(-42), I(42), I(42), I(255), I(255), I(255), I(8), I(8), I(5), I(8), I(7), I(-7)]],
  ['%s|%q|%v|%x|%X|%10s|%-10s|%.2s|%5.1s|% x|%#q|%+q', [S('hi'), S('a"b\n\t\u00e9'), S('x'), S('hi'), S('hi'), S('abc'), S('abc'), S('hello'), S('hello'), S('hi!'), S('back`q'), S('caf\u00e9')]],
  ['%f|%.2f|%e|%g|%G|%.3g|%8.3f|%-8.3f|%08.3f|%+.1e|%E|%.0e', [F('3.14159'), F('2.675'), F('123456.789'), F('1e21'), F('1e-7'), F('1234.5678'), F('3.14159'), F('3.14159'), F('-3.14159'), F('12345.0'), F('0.000123'), F('15.0')]],
  ['%.0f %.0f %.0f %.1f %.2f %.1f', [F('0.5'), F('1.5'), F('2.5'), F('0.25'), F('1.005'), F('0.05')]],
  ['%d %s %t %x', [S('x'), I(3), S('y'), B(true)]],
  ['%d %s', []],
  ['%d', [I(1), S('x'), F('2.5'), NIL, B(false)]],
  ['%t %v %5t|%-7v|%s|%d', [B(true), NIL, B(false), NIL, NIL, NIL]],
  ['%T %T %T %T %T', [F('1.0'), I(1), S('x'), B(true), NIL]],
  ['%c|%U|%#U|%q|%c', [I(65), I(0x1f600), I(65), I(65), I(0x4e16)]],
  ['%*d|%-*d|%.*f|%*s', [I(5), I(42), I(5), I(42), I(2), F('3.14159'), I(-4), S('ab')]],
  ['%[2]d %[1]d %d', [I(1), I(2)]],
  ['%[3]d %!|%|%z', [I(1)]],
  ['%6.2f%%|%#v|%#v|%#v|%+v', [F('99.5'), S('q'), I(3), F('2.0'), I(4)]],
  ['%#g|%#.3g|%#.0f|%#e|%#x|%#o', [F('1.0'), F('2.0'), F('3.0'), F('4.0'), I(0), I(0)]],
  ['%05s|%-05d|%+05d|%07.2f|%+07.2f|% 5d', [S('ab'), I(3), I(3), F('-1.5'), F('1.5'), I(7)]],
  ['%x|%X|%o|%b', [I(-255), I(-255), I(-8), I(-5)]],
  // Only bare %s/%v verbs over strings (the common `printf "%s-%s" a b`), and their near misses.
  ['%s-%s-1', [S('rel'), S('chart')]],
  ['%v/%s:%v', [S('a'), S(''), S('caf\u00e9 \u{1f600}')]],
  ['%s %s', [S('one')]],
  ['%s', [S('a'), S('b')]],
  ['%s%', [S('a')]],
  ['100%%s %s', [S('a')]],
  ['%s|%v', [S('a'), NIL]],
  ['%s|%s', [S('a'), I(2)]],
  ['no verbs', [S('a')]],
  ['%v|%.3v|%10.4v|%-10v|', [F('3.14159265'), F('3.14159265'), F('3.14159265'), S('s')]],
];

const printCases: Array<['print' | 'println', Arg[]]> = [
  ['print', [S('a'), I(1), I(2), S('b'), S('c'), I(3), B(true), F('1.5'), NIL, NIL]],
  ['println', [S('a'), I(1), F('2.0'), NIL]],
  ['print', [I(1), I(2)]],
  ['print', []],
];

test('sprintf, sprint and sprintln print what Helm prints', () => {
  const dir = tempDir('skiff-fmt-');
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  const lines = cases.map(([f, args]) => `{{ printf ${JSON.stringify(f)} ${args.map((a) => a[0]).join(' ')} | toJson }}`);
  const plines = printCases.map(([fn, args]) => `{{ ${fn} ${args.map((a) => a[0]).join(' ')} | toJson }}`);
  writeFileSync(join(dir, 'c', 'templates', 'f.yaml'), 'x: |2\n' + [...lines, ...plines].map((l) => '  ' + l).join('\n') + '\n');
  const out = execFileSync(helmBinary(), ['template', 'r', join(dir, 'c')], { encoding: 'utf8' });
  const body = out.slice(out.indexOf('x: |2\n') + 6);
  const want = body.trimEnd().split('\n').map((l) => JSON.parse(l.slice(2)) as string);
  const got = [
    ...cases.map(([f, args]) => sprintf(f, args.map((a) => a[1]))),
    ...printCases.map(([fn, args]) => (fn === 'print' ? sprint : sprintln)(args.map((a) => a[1]))),
  ];
  assert.is(got.length, want.length);
  for (let i = 0; i < got.length; i++) assert.is(got[i], want[i], `line ${i + 1}`);
});

test('formatFloat follows strconv.FormatFloat (shortest and fixed precision, half-even on the exact value)', () => {
  assert.is(formatFloat(0.1, 'f', -1), '0.1');
  assert.is(formatFloat(1e23, 'g', -1), '1e+23');
  assert.is(formatFloat(5e-324, 'g', -1), '5e-324');
  assert.is(formatFloat(0.1, 'e', 20), '1.00000000000000005551e-01');
  assert.is(formatFloat(2.5, 'f', 0), '2');
  assert.is(formatFloat(1.5, 'g', 5), '1.5');
  assert.is(formatFloat(123456789, 'f', -1), '123456789');
  assert.is(formatFloat(-0, 'g', -1), '-0');
  assert.is(formatFloat(1.1, 'g', -1, 32), '1.1');
});

test('quote follows strconv.Quote', () => {
  assert.is(quote('a"b\\c\n\u0000\u00e9\u00a0\u{1f600}'), '"a\\"b\\\\c\\n\\x00\u00e9\\u00a0\u{1f600}"');
});

test.run();
