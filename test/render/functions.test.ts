import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { one, errorOf } from './helpers.js';

const V = {
  name: 'web', empty: '', zero: 0, no: false, list: [3, 1, 2], emptyList: [], emptyMap: {},
  map: { b: 2, a: 'x', nested: { deep: 'yes' } }, multi: 'l1\nl2\n', num: '42', f: 1.5,
};
const r = (t: string, v: Record<string, unknown> = V) => one(t, v);

test('default takes Helm\'s meaning of empty (undefined, null, "", 0, false, [], {})', () => {
  assert.is(r('{{ Values.missing | default("d") }}|{{ Values.empty | default("d") }}|{{ Values.zero | default(7) }}|{{ Values.no | default("t") }}|{{ Values.emptyList | default("l") }}|{{ Values.emptyMap | default("m") }}|{{ Values.name | default("d") }}'), 'd|d|7|t|l|m|web');
  assert.is(r('{{ default("fn", Values.missing) }}'), 'fn');
});

test('quote, squote, upper, lower, title, trim family, trunc, replace, contains', () => {
  assert.is(r('{{ Values.name | quote }} {{ Values.name | squote }} {{ "a\\"b" | quote }} {{ Values.missing | quote }}.'), '"web" \'web\' "a\\"b" .');
  assert.is(r('{{ "Hello" | upper }} {{ "Hello" | lower }} {{ "hello big world" | title }}'), 'HELLO hello Hello Big World');
  assert.is(r('[{{ "  x  " | trim }}] {{ "web-app-" | trimSuffix("-") }} {{ "v1.2" | trimPrefix("v") }} {{ "$$x$" | trimAll("$") }}'), '[x] web-app 1.2 x');
  assert.is(r('{{ "abcdef" | trunc(3) }} {{ "abcdef" | trunc(-2) }} {{ "ab" | trunc(5) }}'), 'abc ef ab');
  assert.is(r('{{ "a.b.c" | replace(".", "-") }} {{ "haystack" | contains("st") }} {{ contains("zz", "haystack") }}'), 'a-b-c true false');
  assert.is(r('{{ "x" | repeat(3) }} {{ "ab" | hasPrefix("a") }} {{ "ab" | hasSuffix("a") }} {{ "a b  c" | nospace }} {{ "abcdef" | substr(1, 3) }}'), 'xxx true false abc bc');
});

test('indent and nindent indent every line; nindent starts with a newline', () => {
  assert.is(r('{{ Values.multi | indent(2) }}'), '  l1\n  l2\n  ');
  assert.is(r('x:{{ "a: 1\\nb: 2" | nindent(4) }}'), 'x:\n    a: 1\n    b: 2');
});

test('toYaml writes Helm\'s format: sorted keys, unindented lists, quoting, literal blocks, no trailing newline', () => {
  const v = { d: { b: [1, 2, { z: 'yes' }], a: 'on', ml: 'l1\nl2\n', ml2: 'l1\nl2', e: '', n: '1.0', t: 'true', s: '~', nl: null, f: 1.5, 'k: v': 'x', dash: '- a', star: '*a', long: 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss', n2: 'n', em: {}, el: [] } };
  // Expected text produced by Helm 3.17's toYaml for the same data.
  const expected = [
    'a: "on"', 'b:', '- 1', '- 2', '- z: "yes"', 'dash: \'- a\'', 'e: ""', 'el: []', 'em: {}', 'f: 1.5', '\'k: v\': x',
    'long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp', '  qqqq rrrr ssss',
    'ml: |', '  l1', '  l2', 'ml2: |-', '  l1', '  l2', '"n": "1.0"', 'n2: "n"', 'nl: null', 's: "~"', 'star: \'*a\'', 't: "true"',
  ].join('\n');
  assert.is(one('{{ Values.d | toYaml }}', v), expected);
  assert.is(one('{{ Values.l | toYaml }}', { l: [[1, 2], { a: { b: 1 } }] }), '- - 1\n  - 2\n- a:\n    b: 1');
  assert.is(one('{{ Values.s | toYaml }}', { s: 'plain' }), 'plain');
});

test('toJson/toPrettyJson sort keys and escape HTML like Go; fromJson, fromYaml, fromYamlArray parse', () => {
  assert.is(r('{{ Values.map | toJson }}'), '{"a":"x","b":2,"nested":{"deep":"yes"}}');
  assert.is(r('{{ dict("h", "<a&b>") | toJson }} {{ dict("h", "<a>") | toRawJson }}'), '{"h":"\\u003ca\\u0026b\\u003e"} {"h":"<a>"}');
  assert.is(r('{{ dict("b", list(1)) | toPrettyJson }}'), '{\n  "b": [\n    1\n  ]\n}');
  assert.is(r('{{ (fromJson(\'{"a": {"b": 1}}\')).a.b }} {{ (fromYaml("a:\\n  b: two")).a.b }} {{ fromYamlArray("- 1\\n- 2") | join(",") }}'), '1 two 1,2');
  assert.is(r('{{ (fromYaml("a: [")).Error | length > 0 }} {{ (fromJson("{")).Error | length > 0 }}'), 'true true');
});

test('b64enc, b64dec, sha256sum and friends', () => {
  assert.is(r('{{ "hello" | b64enc }} {{ "aGVsbG8=" | b64dec }} {{ "hello" | sha256sum }}'), 'aGVsbG8= hello 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  assert.is(r('{{ "hello" | sha1sum }} {{ "hello" | adler32sum }}'), 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d 103547413');
});

test('required and fail stop the render with the message', () => {
  assert.match(errorOf(() => r('{{ Values.missing | required("missing is required") }}')).message, 'missing is required');
  assert.match(errorOf(() => r('{{ required("empty!", Values.empty) }}')).message, 'empty!');
  assert.is(r('{{ Values.zero | required("x") }}'), '0');
  assert.match(errorOf(() => r('{{ fail("no way") }}')).message, 'no way');
});

test('dict, list, hasKey, dig, get, set, unset, pick, omit, keys, values, merge, mergeOverwrite, deepCopy', () => {
  assert.is(r('{% set d = dict("a", 1, "b", dict("c", 2)) %}{{ d | hasKey("a") }} {{ hasKey(d, "z") }} {{ dig("b", "c", "none", d) }} {{ dig("b", "x", "none", d) }} {{ d | get("a") }}'), 'true false 2 none 1');
  assert.is(r('{% set d = dict() %}{% set _ = set(d, "k", "v") %}{{ d | toJson }}{% set _ = unset(d, "k") %}{{ d | toJson }}'), '{"k":"v"}{}');
  assert.is(r('{{ Values.map | pick("a", "b") | toJson }} {{ Values.map | omit("nested") | toJson }} {{ keys(Values.map) | join(",") }} {{ Values.map | omit("nested") | values | join(",") }}'), '{"a":"x","b":2} {"a":"x","b":2} a,b,nested x,2');
  assert.is(r('{{ merge(dict("a", 1, "n", dict("x", 1)), dict("a", 2, "b", 3, "n", dict("y", 2))) | toJson }}'), '{"a":1,"b":3,"n":{"x":1,"y":2}}');
  assert.is(r('{{ mergeOverwrite(dict("a", 1, "keep", true), dict("a", 2, "keep", false)) | toJson }}'), '{"a":2,"keep":true}');
  assert.is(r('{% set c = deepCopy(Values.map) %}{% set _ = set(c, "a", "changed") %}{{ c.a }} {{ Values.map.a }}'), 'changed x');
  assert.match(errorOf(() => r('{{ set(Values.map, "a", 1) }}')).message, 'read-only');
  assert.is(r('{{ list(1, "a", true) | toJson }} {{ Values.list | first }} {{ Values.list | last }} {{ Values.list | has(1) }} {{ has(9, Values.list) }}'), '[1,"a",true] 3 2 true false');
});

test('list helpers: append, prepend, concat, uniq, without, compact, rest, initial, reverse, sortAlpha, until, join, split, splitList', () => {
  assert.is(r('{{ Values.list | append(4) | join(",") }} {{ prepend(Values.list, 0) | join(",") }} {{ concat(list(1), list(2, 3)) | join(",") }}'), '3,1,2,4 0,3,1,2 1,2,3');
  assert.is(r('{{ list(1, 1, 2) | uniq | join(",") }} {{ without(list(1, 2, 3), 2) | join(",") }} {{ list("", "a", 0) | compact | join(",") }}'), '1,2 1,3 a');
  assert.is(r('{{ Values.list | rest | join(",") }} {{ Values.list | initial | join(",") }} {{ Values.list | reverse | join(",") }} {{ list("b", "a") | sortAlpha | join(",") }}'), '1,2 3,1 2,1,3 a,b');
  assert.is(r('{{ until(3) | join(",") }} {{ "a/b/c" | splitList("/") | join(" ") }} {{ ("a.b" | split("."))._1 }}'), '0,1,2 a b c b');
});

test('ternary, coalesce, empty, toString, int, printf, eq/ne/lt/gt, and/or/not, len, index', () => {
  assert.is(r('{{ ternary("y", "n", true) }} {{ Values.no | ternary("y", "n") }} {{ coalesce(Values.empty, Values.zero, "c") }} {{ empty(Values.emptyMap) }} {{ empty(Values.map) }}'), 'y n c true false');
  assert.is(r('{{ 42 | toString | quote }} {{ Values.num | int + 1 }} {{ "3.9" | int }} {{ printf("%s-%d-%05.1f-%v", "a", 7, 3.14159, true) }}'), '"42" 43 3 a-7-003.1-true');
  assert.is(r('{{ eq(1, 2, 1) }} {{ ne("a", "b") }} {{ lt(1, 2) }} {{ gt(1, 2) }} {{ and(1, "", 3) | quote }} {{ or("", 0, "z") }} {{ not(Values.emptyList) }} {{ len(Values.map) }} {{ index(Values.map, "nested", "deep") }}'), 'true true true false "" z true 3 yes');
});

test('pipes put the value where Helm does, except subjects of dict, list, comparison and math functions', () => {
  assert.is(r('{{ Values.name | printf("%s-svc") }} {{ Values.empty | coalesce("c") }} {{ "b" | list("a") | join(",") }}'), 'web-svc c a,b');
  assert.is(r('{{ 10 | sub(1) }} {{ 7 | div(2) }} {{ 3 | lt(5) }} {{ Values.list | concat(list(9)) | join(",") }} {{ Values.map | hasKey("a") }}'), '9 3 true 3,1,2,9 true');
});

test('math: add, sub, mul, div, mod, max, min, add1, floor, ceil', () => {
  assert.is(r('{{ add(1, 2, 3) }} {{ sub(5, 2) }} {{ mul(2, 3, 4) }} {{ div(7, 2) }} {{ mod(7, 3) }} {{ max(1, 9, 3) }} {{ min(4, 2, 8) }} {{ add1(1) }} {{ floor(1.7) }} {{ ceil(1.2) }}'), '6 3 24 3 1 9 2 2 1 2');
});

test('regexMatch, regexFind, regexReplaceAll (Go $1 and ${1} replacement), regexSplit', () => {
  assert.is(r('{{ "abc123" | regexMatch("^[a-z]+[0-9]+$") }} {{ regexFind("[0-9]+", "abc123def") }} {{ regexReplaceAll("(a)(b)", "abab", "${2}$1") }} {{ regexSplit(",", "a,b,c", -1) | join(" ") }}'), 'true 123 baba a b c');
});

test('semverCompare follows Masterminds constraints including prerelease versions with -0', () => {
  assert.is(r('{{ semverCompare(">=1.19-0", "v1.28.3-gke.100") }} {{ semverCompare(">=1.19", "v1.28.3-gke.100") }} {{ semverCompare("^1.2.0", "1.4.0") }} {{ semverCompare(">= 1.2, < 2", "2.0.0") }} {{ Capabilities.KubeVersion.GitVersion | semverCompare(">=1.21-0") }}'), 'true false true false true');
});

test('randAlphaNum and uuidv4 have the right shape; kindOf/typeOf/kindIs', () => {
  const out = r('{{ randAlphaNum(12) }} {{ uuidv4() }}');
  assert.match(out, /^[A-Za-z0-9]{12} [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is(r('{{ kindOf(Values.map) }} {{ kindOf(Values.list) }} {{ kindOf("s") }} {{ kindIs("int", 3) }} {{ typeOf(Values.list) }}'), 'map slice string true []interface {}');
});

test('date formats with Go layouts; now is an ISO timestamp', () => {
  assert.is(r('{{ date("2006-01-02 15:04:05", "2024-03-05T07:08:09Z") }}'), '2024-03-05 07:08:09');
  assert.match(r('{{ now() }}'), /^\d{4}-\d\d-\d\dT/);
});

test('Go truthiness in if, inline if, not, and/or: empty lists and maps are false', () => {
  assert.is(r('{% if Values.emptyList %}y{% else %}n{% endif %}{% if Values.emptyMap %}y{% else %}n{% endif %}{% if Values.list %}y{% endif %}{{ "y" if Values.zero else "n" }}{{ not Values.emptyMap }}'), 'nnyntrue');
  assert.is(r('{{ Values.empty or "fallback" }} {{ Values.name and "both" }}'), 'fallback both');
});

test('nunjucks built-ins still work: range, cycler, joiner, macros, loops with loop.index, filters like length and sort', () => {
  assert.is(r('{% for i in range(3) %}{{ i }}{% endfor %} {% set c = cycler("a", "b") %}{{ c.next() }}{{ c.next() }}{{ c.next() }} {% set j = joiner("|") %}{% for x in [1, 2] %}{{ j() }}{{ x }}{% endfor %}'), '012 aba 1|2');
  assert.is(r('{% macro tag(x) %}<{{ x }}>{% endmacro %}{{ tag("a") }} {% for k, v in Values.map %}{{ loop.index }}{{ k }}{% endfor %} {{ Values.list | length }} {{ Values.list | sort | join("") }}'), '<a> 1b2a3nested 3 123');
});

test.run();
