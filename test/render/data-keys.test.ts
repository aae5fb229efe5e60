// Values keys named `constructor` and `prototype` are plain data, as in Helm:
// both engines read them, and they still lead nowhere but to that data.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { one, errorOf } from './helpers.js';
import { RenderError } from '../../src/errors.js';

const NJ = { metadata: { annotations: { 'skiff.dev/template-engine': 'nunjucks' } } };
const GO = { metadata: { annotations: { 'skiff.dev/template-engine': 'go' } } };
const VALUES = { constructor: 'c1', prototype: { x: 'p1' }, nested: { constructor: { prototype: 'deep' } }, s: 'str', list: [1] };

test('nunjucks: Values.constructor, Values.prototype.x and Values["constructor"] are the values', () => {
  assert.is(one('{{ Values.constructor }} {{ Values.prototype.x }} {{ Values["constructor"] }} {{ Values.nested.constructor.prototype }}', VALUES, {}, NJ), 'c1 p1 c1 deep');
  assert.is(one('{% for k, v in Values.nested %}{{ k }}{% endfor %}', VALUES, {}, NJ), 'constructor');
  assert.is(one('{{ Values | toJson }}', VALUES, {}, NJ), '{"constructor":"c1","list":[1],"nested":{"constructor":{"prototype":"deep"}},"prototype":{"x":"p1"},"s":"str"}');
  // Functions that take keys treat them as keys too; merge sees only own keys.
  assert.is(one('{{ dict("constructor", 1) | toJson }} {{ get(Values, "constructor") }} {{ dig("nested", "constructor", "prototype", "-", Values) }}', VALUES, {}, NJ), '{"constructor":1} c1 deep');
  assert.is(one('{{ merge(dict(), dict("constructor", "m")) | toJson }} {{ hasKey(dict(), "constructor") }}', VALUES, {}, NJ), '{"constructor":"m"} false');
});

test('nunjucks: on anything but own data they find nothing, so no chain reaches code', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).join(',');
  // Absent as own keys: nothing, not the inherited constructor.
  assert.is(one('[{{ Values.s.constructor }}][{{ Values.list.constructor }}][{{ Release.constructor }}][{{ {}.constructor }}][{{ "x".prototype }}]', VALUES, {}, NJ), '[][][][][]');
  for (const t of ['{{ Values.s.constructor.constructor("return process")() }}', '{{ Values.constructor.constructor("return process")() }}', '{{ Release.constructor("return process")() }}']) {
    const e = errorOf(() => one(t, VALUES, {}, NJ));
    assert.instance(e, RenderError, t);
    assert.not.match(e.message, /process|v\d+\.\d+/, e.message);
  }
  // A function is never reachable through them, and __proto__ stays refused.
  for (const t of ['{{ range.constructor }}', '{{ Files.Get.prototype }}', '{{ Values.__proto__ }}']) assert.instance(errorOf(() => one(t, VALUES, {}, NJ)), RenderError, t);
  assert.is(Object.getOwnPropertyNames(Object.prototype).join(','), before);
});

test('Go templates: .Values.constructor and index .Values "prototype" are the values', () => {
  assert.is(one('{{ .Values.constructor }} {{ .Values.prototype.x }} {{ index .Values "constructor" }} {{ .Values.nested.constructor.prototype }}', VALUES, {}, GO), 'c1 p1 c1 deep');
});

test.run();
