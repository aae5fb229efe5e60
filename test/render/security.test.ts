// The sandbox battery: every way a template could reach code, the process,
// the environment or the disk is refused with a clear error naming the
// template and line, and leaves no trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SandboxViolationError, RenderError } from '../../src/errors.js';
import { one, errorOf, chart, RELEASE } from './helpers.js';
import { renderTemplates } from '../../src/render/engine.js';
import { DATA_LOOKUP_NAMES } from '../../src/render/nunjucks-ast.js';

const VALUES = { s: 'str', n: 1, list: [1, 2], map: { a: 1 }, evil: '{{ range.constructor("return process")() }}' };

function refused(text: string, values: Record<string, unknown> = VALUES, extra: Record<string, string> = {}): SandboxViolationError {
  const before = Object.getOwnPropertyNames(Object.prototype).join(',');
  const e = errorOf(() => one(text, values, {}, { templates: extra }));
  assert.instance(e, SandboxViolationError, `${text} => ${e.message}`);
  assert.is(e.code, 'SANDBOX_VIOLATION');
  assert.match(e.message, /(parse|execution) error at \(webapp\/templates\/[^:]+:\d+(:\d+)?\): /, e.message);
  assert.ok(e.template !== undefined && e.line !== undefined);
  assert.is(Object.getOwnPropertyNames(Object.prototype).join(','), before, 'Object.prototype changed');
  return e as SandboxViolationError;
}

/** Fails with a render error that shows nothing of the process: the chain reached no code. */
function noCode(text: string): void {
  const before = Object.getOwnPropertyNames(Object.prototype).join(',');
  const e = errorOf(() => one(text, VALUES));
  assert.instance(e, RenderError, `${text} => ${e.message}`);
  assert.not.match(e.message, /\bv\d+\.\d+\.\d+|\[object process\]|PATH=/, e.message);
  assert.is(Object.getOwnPropertyNames(Object.prototype).join(','), before, 'Object.prototype changed');
}

/** Renders to nothing (the lookup found no own data), or is refused; never reaches code. */
function nothingOrRefused(text: string): void {
  let out: string;
  try {
    out = one(text, VALUES);
  } catch {
    refused(text);
    return;
  }
  assert.is(out.trim(), '', `${text} => ${out}`);
}

const GLOBALS = ['range', 'cycler', 'joiner', 'include', 'tpl', 'lookup', 'dict', 'list', 'toYaml', 'default', 'printf', 'required'];
const OBJECTS = ['Values', 'Release', 'Chart', 'Capabilities', 'Capabilities.APIVersions', 'Capabilities.APIVersions.Has', 'Capabilities.KubeVersion', 'Files', 'Files.Get', 'Files.Glob("*")', 'Template', 'Subcharts', '$', 'Values.list', 'Values.map', 'Values.s', 'Values.n', 'loop'];
const LITERALS = ['"str"', '1', '1.5', 'true', '[1, 2]', '{"a": 1}', '(1, 2)', 'none'];
const RESULTS = ['dict("a", 1)', 'list(1)', '"x" | upper', 'Values.map | toYaml', 'cycler(1)', 'joiner()', 'cycler(1).next', 'range(2)', '"a" | safe', 'Values.list | sort', 'Values.map | dictsort'];
const NAMES = ['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'];

test('constructor and prototype chains are refused from every global, built-in object, literal and filter result', () => {
  for (const base of [...GLOBALS, ...OBJECTS, ...LITERALS, ...RESULTS]) {
    for (const name of NAMES) {
      for (const t of [`{{ (${base}).${name} }}`, `{{ (${base})["${name}"] }}`, `{% set k = "${name.slice(0, 3)}" ~ "${name.slice(3)}" %}\n{{ (${base})[k] }}`]) {
        // constructor and prototype are plain data keys (Helm accepts them in values): on data that
        // lacks them as own keys they find nothing; on a function they are refused.
        if (DATA_LOOKUP_NAMES.has(name)) nothingOrRefused(t);
        else refused(t);
      }
    }
    noCode(`{{ (${base}).constructor.constructor("return process")() }}`);
  }
});

test('the classic escape through range.constructor and its relatives is refused at the exact line', () => {
  const e = refused('ok\nok\n{{ range.constructor("return process.env")() }}');
  assert.is(e.line, 3);
  refused('{% set c = "constructor" %}\nx\n{{ range[c][c]("return process")() }}');
  refused('{{ cycler.constructor("return process")() }}');
  refused('{{ joiner.constructor("return require")() }}');
  refused('{{ "".sub.call }}'.replace('.sub.call', '["__proto__"]'));
  assert.is(one('{{ ""["constructor"] }}'), '', 'a string has no own "constructor": nothing');
});

test('functions skiff did not expose cannot be called or read: methods of strings, arrays, numbers and functions', () => {
  for (const t of ['{{ Values.s.toUpperCase() }}', '{{ Values.list.map(range) }}', '{{ (1).toFixed(2) }}', '{{ Values.map.hasOwnProperty("a") }}', '{{ Values.s.valueOf() }}']) {
    const e = errorOf(() => one(t, VALUES));
    assert.instance(e, RenderError, t);
    assert.match(e.message, 'not defined', t);
  }
  refused('{{ include.call(1) }}');
  refused('{{ range.apply }}');
  refused('{{ range.bind }}');
  refused('{{ Files.Get.name }}');
  refused('{{ Capabilities.APIVersions.Has.caller }}');
});

test('names that are not identifiers cannot smuggle code into the generated JavaScript', () => {
  refused('{{ x"&&Function`return\\x20process```&&" }}');
  refused('{{ 1 | x"&&Function`return\\x20process```&&" }}');
  refused('{% set a"b = 1 %}');
  refused('{% for x"y in [1] %}{% endfor %}');
  refused('{% macro m"x() %}{% endmacro %}');
  refused('{{ r/x/g }}');
});

test('prototype pollution is refused: __proto__ keys in literals, dict, set, merge, fromJson, fromYaml, values', () => {
  refused('{% set o = {"__proto__": {"polluted": 1} } %}');
  refused('{% set o = {__proto__: 1} %}');
  refused('{{ dict("__proto__", dict("polluted", 1)) }}');
  refused('{% set o = dict() %}{{ set(o, "__proto__", dict("polluted", 1)) }}');
  refused('{% set o = dict() %}{{ set(o, "__lookupGetter__", 1) }}');
  // constructor and prototype are plain keys (Helm accepts them): own data, no prototype touched.
  assert.is(one('{% set o = dict() %}{% set _ = set(o, "constructor", 1) %}{{ o | toJson }}'), '{"constructor":1}');
  refused('{{ merge(dict(), fromJson(\'{"__proto__": {"polluted": 1}}\')) }}');
  refused('{{ mergeOverwrite(dict(), fromYaml("__proto__:\\n  polluted: 1")) }}');
  refused('{{ fromJson(\'{"a": {"__proto__": {"polluted": 1}}}\') | toJson }}');
  const v = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
  const e = errorOf(() => one('{{ Values }}', v));
  assert.instance(e, SandboxViolationError);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('Values and built-in objects are read-only copies; the caller\'s values are untouched', () => {
  const values = { map: { a: 1 }, list: [1] };
  const e = errorOf(() => one('{{ set(Values.map, "a", 2) }}', values));
  assert.match(e.message, 'read-only');
  assert.match(errorOf(() => one('{{ merge(Release, dict("Name", "x")) }}', values)).message, 'read-only');
  assert.match(errorOf(() => one('{% set x = Values.list | append(2) %}{{ unset(Chart, "Name") }}', values)).message, 'read-only');
  assert.match(errorOf(() => one('{% set Values.x = 1 %}', values)).message, 'set can only assign to plain names');
  one('{% set m = deepCopy(Values.map) %}{{ set(m, "a", 9) }}', values);
  assert.equal(values, { map: { a: 1 }, list: [1] });
  assert.not.ok(Object.isFrozen(values.map));
});

test('functions cannot be stored in data, printed or passed to filters as data', () => {
  refused('{% set d = {"f": range} %}');
  refused('{% set l = [range] %}');
  refused('{{ dict("f", include) }}');
  refused('{{ list(tpl) }}');
  refused('{{ range }}');
  refused('{{ range | string }}');
  refused('{{ include | dump }}');
  refused('{% for x in range %}{% endfor %}');
});

test('payloads hidden in values and reached through tpl are refused the same way', () => {
  const e = refused('line1\n{{ tpl(Values.evil) }}');
  // Refused where it runs: inside the text given to tpl, named as such.
  assert.match(e.message, /t\.yaml \(tpl\):1:\d+\): sandbox: property "constructor" of a function is not accessible/);
  refused('{{ tpl(Values.p) }}', { p: '{% set c = "constr" ~ "uctor" %}{{ range[c][c]("return process")() }}' });
  refused('{{ tpl(Values.p) }}', { p: '{{ x"&&Function`return\\x20process```&&" }}' });
  refused('{{ include("h") }}', {}, { 'templates/_h.tpl': '{% define "h" %}\n{{ Values.__proto__ }}{% enddefine %}' });
});

test('{% include %}, {% import %} and {% extends %} cannot reach the disk', () => {
  for (const t of ['{% include "/etc/passwd" %}', '{% include "../../../../etc/passwd" %}', '{% import "/etc/hosts" as h %}', '{% extends "/etc/hostname" %}', '{% from "package.json" import x %}']) {
    const e = errorOf(() => one(t));
    assert.instance(e, RenderError, t);
    assert.match(e.message, 'template not found', t);
    assert.not.match(e.message, 'root:', t);
  }
});

test('include and tpl recursion bombs stop at the depth bound with the template named', () => {
  let e = errorOf(() => one('{{ include("bomb") }}', {}, {}, { templates: { 'templates/_b.tpl': '{% define "bomb" %}{{ include("bomb") }}{{ include("bomb") }}{% enddefine %}' } }));
  assert.instance(e, RenderError);
  assert.match(e.message, 'nesting exceeds 100 levels');
  assert.is(e.template, 'webapp/templates/_b.tpl');
  e = errorOf(() => one('{{ tpl(Values.t) }}', { t: '{{ tpl(Values.t) }}' }));
  assert.match(e.message, 'nesting exceeds');
  e = errorOf(() => one('{{ include("a") }}', {}, { limits: { maxRecursionDepth: 5 } }, { templates: { 'templates/_b.tpl': '{% define "a" %}{{ include("b") }}{% enddefine %}{% define "b" %}{{ include("a") }}{% enddefine %}' } }));
  assert.match(e.message, 'exceeds 5 levels');
  e = errorOf(() => one('{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}'));
  assert.instance(e, RenderError);
  assert.match(e.message, 'recursion too deep');
});

test('huge loops stop at the iteration bound; range/until refuse to build huge lists', () => {
  let e = errorOf(() => one('{% for i in range(10000000) %}{% endfor %}'));
  assert.match(e.message, 'loop iterations exceed the limit of 1000000');
  e = errorOf(() => one('{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(2) %}{% endfor %}{% endfor %}{% endfor %}'));
  assert.match(e.message, 'loop iterations exceed');
  e = errorOf(() => one('{{ until(1000000000) | length }}'));
  assert.match(e.message, 'loop iterations exceed');
  e = errorOf(() => one('{% for i in range(100) %}{% endfor %}', {}, { limits: { maxLoopIterations: 50 } }));
  assert.match(e.message, 'limit of 50');
  assert.is(one('{% for i in range(100) %}.{% endfor %}').length, 100);
});

test('structures with shared children cannot blow up when copied, serialised or printed', () => {
  for (const use of ['{{ l | toJson }}', '{{ l | toYaml }}', '{{ l }}', '{{ deepCopy(l) | length }}']) {
    const e = errorOf(() => one(`{% set l = [1] %}{% for i in range(60) %}{% set l = [l, l] %}{% endfor %}${use}`));
    assert.match(e.message, 'loop iterations exceed', use);
  }
});

test('enormous output stops at the output bound, enormous intermediate text at the built-text bound', () => {
  let e = errorOf(() => one('{{ "x" | repeat(200000000) }}'));
  assert.match(e.message, 'rendered output exceeds the limit of 104857600 bytes');
  for (const t of ['{{ "x" | repeat(500000000) }}', '{% set x = "x" | indent(900000000) %}', '{{ "x" | nindent(900000000) }}', '{{ printf("%900000000d", 1) }}', '{{ "x" | center(900000000) }}', '{{ randAlphaNum(900000000) }}']) {
    assert.match(errorOf(() => one(t)).message, 'text built while rendering (by include, tpl, toYaml, indent, repeat, printf and the like) exceeds the limit of 419430400 bytes, 4 times the output limit', t);
  }
  // Text counts once as output where it is printed, not again for the functions that built it.
  const text = one('{{ "x" | repeat(60) | indent(2) | nindent(2) }}', {}, { limits: { maxOutputBytes: 70 } });
  assert.is(text.length, 65);
  e = errorOf(() => one('{% for i in range(20) %}{{ include("big") }}{% endfor %}{% define "big" %}{{ "y" | repeat(100) }}{% enddefine %}', {}, { limits: { maxOutputBytes: 1000 } }));
  assert.match(e.message, 'rendered output exceeds the limit of 1000 bytes');
  e = errorOf(() => one('{% for i in range(1000) %}{{ Values.big }}{% endfor %}', { big: 'y'.repeat(1000) }, { limits: { maxOutputBytes: 100_000 } }));
  assert.match(e.message, 'exceeds the limit of 100000 bytes');
  e = errorOf(() => one('{% for i in range(100000) %}literal text that adds up {% endfor %}', {}, { limits: { maxOutputBytes: 100_000 } }));
  assert.match(e.message, 'exceeds the limit');
});

test('a time bound stops a render in-process too', () => {
  const e = errorOf(() => one('{% for i in range(900000) %}{{ i | sha256sum }}{% endfor %}', {}, { limits: { timeoutMs: 50 } }));
  assert.match(e.message, 'render time limit exceeded');
});

test('no environment, process, require or globalThis is reachable by name', () => {
  for (const name of ['process', 'require', 'globalThis', 'global', 'module', 'eval', 'Function', 'env', 'context', 'runtime', 'frame', 'this', 'console', 'Buffer', 'import']) {
    const out = one(`[{{ ${name} }}]`);
    assert.is(out, '[]', name);
  }
  assert.is(one('[{{ process.env.HOME }}{{ globalThis.process }}{{ require("fs") | default("") }}]'.replace('{{ require("fs") | default("") }}', '')), '[]');
  assert.match(errorOf(() => one('{{ require("fs") }}')).message, 'function "require" not defined');
});

test('an ordinary chart still renders after all refused attempts (no lasting side effects)', () => {
  const c = chart({ templates: { 'templates/a.yaml': 'x: {{ Values.a | default("d") }}' } });
  assert.is(renderTemplates(c, {}, { release: RELEASE }).files['webapp/templates/a.yaml'], 'x: d');
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.prototype.toString.call([]), '[object Array]');
});

test.run();
