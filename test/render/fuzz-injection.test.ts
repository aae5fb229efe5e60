// Seeded fuzzing of the template compiler for code injection: hostile strings
// (quotes, backslashes, `"),`, comment and template delimiters, line and
// paragraph separators, Unicode escapes) are placed in every position of the
// nunjucks grammar — names, aliases, test and filter names, macro names and
// parameters, loop and set targets, block names, keys, literals, template
// text — and rendered in-process with the same hardened engine the render
// process uses. Each hostile string carries a call of a canary function
// planted on globalThis (and a read of a canary getter): template code can
// never name a JavaScript global, so only generated code the text broke into
// could touch them. Every case must leave the canary untouched, and a failure
// must be a template error, never the JavaScript parser or a ReferenceError
// from the generated code.
//
// FUZZ_CASES=n runs n cases (default 3000), FUZZ_SEED=s another sequence.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplates } from '../../src/render/engine.js';
import { chart, RELEASE } from './helpers.js';
import { canary, hostile, runInjectionFuzz } from './fuzz-hostile.js';

const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

// H: the text raw (where a name goes); S: inside "…" (escaped for the nunjucks lexer); Q: inside '…'.
const POSITIONS = [
  // expressions
  '{{ H }}', '{{ v.H }}', '{{ 1 is H }}', '{{ 1 is H(2) }}', '{{ v | H }}', '{{ v | H(1) }}', '{{ f(H=1) }}', '{{ {H: 1} }}',
  '{{ 1 H 2 }}', '{{ v if H else 1 }}', '{{ (H) }}', '{{ [H] }}', '{{ H.x() }}', '{{ H() }}', '{{ v[H] }}',
  '{{ "S" }}', "{{ 'Q' }}", '{{ 1 is "S" }}', '{{ 1 is "S"(2) }}', '{{ 1 is not "S" }}', '{{ v["S"] }}', '{{ v["S"]() }}', '{{ v["a"]["S"]() }}',
  '{{ "S"() }}', '{{ ("S")() }}', '{{ {"S": 1} | toJson }}', '{{ f("S"=1) }}', '{{ dict("S", 1) | toJson }}', '{{ "S" | replace("a", "S") }}',
  '{{ include("S") }}', '{{ tpl("S") }}', '{{ "S" ~ "S" }}', '{{ "S" | upper | quote }}', '{{ v["S"] | default("S") }}', '{{ "S" in v }}',
  // statements with names
  '{% set H = 1 %}', '{% set a, H = 1 %}', '{% set H %}x{% endset %}', '{% for H in [1] %}{% endfor %}', '{% for a, H in {"k": 1} %}{% endfor %}',
  '{% macro H() %}{% endmacro %}', '{% macro m(H) %}{% endmacro %}', '{% macro m(a, H=1) %}{% endmacro %}', '{% macro m(a) %}{{ H }}{% endmacro %}{{ m(1) }}',
  '{% import "templates/_lib.tpl" as H %}', '{% from "templates/_lib.tpl" import H %}', '{% from "templates/_lib.tpl" import m as H %}',
  '{% block H %}{% endblock %}', '{% filter H %}x{% endfilter %}', '{% call H() %}{% endcall %}', '{% call(H) m() %}{% endcall %}',
  '{% switch H %}{% case 1 %}{% endswitch %}', '{% if H %}{% endif %}', '{% H %}', '{% asyncEach H in [1] %}{% endeach %}',
  '{% asyncAll a, H in {"k": 1} %}{% endall %}', '{% ifAsync H %}{% endif %}', '{% for a in [1] %}{% set H = a %}{% endfor %}',
  // statements with strings where names go
  '{% set "S" = 1 %}', '{% for "S" in [1] %}{% endfor %}', '{% for a, "S" in {} %}{% endfor %}', '{% macro "S"() %}{% endmacro %}',
  '{% macro m("S"=1) %}{% endmacro %}', '{% macro m({"S": 1}) %}{% endmacro %}', '{% import "templates/_lib.tpl" as "S" %}', '{% import "S" as x %}',
  '{% from "templates/_lib.tpl" import "S" %}', '{% from "templates/_lib.tpl" import m as "S" %}', '{% from "templates/_lib.tpl" import "S" as "S" %}',
  '{% block "S" %}{% endblock %}', '{% call("S"=1) m() %}{% endcall %}', '{% include "S" %}', '{% include "S" ignore missing %}', '{% extends "S" %}',
  '{% define "S" %}x{% enddefine %}{{ include("S") }}', '{% switch "S" %}{% case "S" %}y{% endswitch %}', '{% block b %}{{ "S" }}{{ super() }}{% endblock %}',
  // text
  '{% raw %}H{% endraw %}', '{# H #}', 'H', 'a: H\n{{ v }}',
];

function escapeFor(quote: '"' | "'", text: string): string {
  return text.replace(/\\/g, '\\\\').replace(quote === '"' ? /"/g : /'/g, `\\${quote}`);
}

function place(position: string, next: () => number): string {
  return position
    .replace(/H/g, () => hostile(next))
    .replace(/"S"/g, () => `"${escapeFor('"', hostile(next))}"`)
    .replace(/'Q'/g, () => `'${escapeFor("'", hostile(next))}'`);
}

const LIB = '{% macro m(a) %}M{{ caller() if caller }}{% endmacro %}';

test(`${CASES} hostile strings in every grammar position (seed ${SEED}) never reach generated code`, () => {
  const [rendered, refused] = runInjectionFuzz({
    cases: CASES, seed: SEED, positions: POSITIONS, place, viaTpl: '{{ tpl(Values.t, $) }}',
    render: (text, values) => void renderTemplates(((text) => chart({ templates: { 'templates/_lib.tpl': LIB, 'templates/t.yaml': text } }))(text), values, { release: RELEASE }),
  });
  console.log(`  ${CASES} cases: ${rendered} rendered, ${refused} refused with template errors, canary untouched`);
});

test('the canary works: code that does run does touch it (so the fuzz test can fail)', () => {
  canary.touched = [];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('__skiffCanary(0); return __skiffCanaryGet')();
  assert.equal(canary.touched, ['call 0', 'get']);
});

test.run();
