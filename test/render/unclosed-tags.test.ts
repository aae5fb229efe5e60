// A tag left open at the end of a template is reported where it opened, with
// the template's name, not as a bare "expected variable end".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { one, errorOf } from './helpers.js';
import { unclosedTag } from '../../src/render/engine.js';
import { RenderError } from '../../src/errors.js';

const NJ = { metadata: { annotations: { 'skiff.dev/template-engine': 'nunjucks' } } };

test('an unclosed {{, {% or {# at the end of a template names the line and column where it opened', () => {
  const cases: [string, RegExp][] = [
    ['a: {{ Values.x }}\nb: {% if true %}x{% endif %}\nc: {{ Values.y\n', /^parse error at \(webapp\/templates\/t\.yaml:3\): expected variable end \(the \{\{ opened at line 3, column 4 is never closed with \}\}\)$/],
    ['x: 1\n{% if Values.a \n', /^parse error at \(webapp\/templates\/t\.yaml:2\): expected block end in if statement \(the \{% opened at line 2, column 1 is never closed with %\}\)$/],
    ['x: 1\ny: 2\n  {# note', /^parse error at \(webapp\/templates\/t\.yaml:3\): .*\(the \{# opened at line 3, column 3 is never closed with #\}\)$/],
    ['c: {{ Values.y\nd: 1\n', /^parse error at \(webapp\/templates\/t\.yaml:1\): expected variable end \(the \{\{ opened at line 1, column 4/],
  ];
  for (const [text, re] of cases) {
    const e = errorOf(() => one(text, {}, {}, NJ)) as RenderError & { line?: number };
    assert.instance(e, RenderError, text);
    assert.match(e.message, re, e.message);
  }
});

test('unclosedTag finds the first tag that never closes, and nothing in well-formed text', () => {
  assert.equal(unclosedTag('{{ a }}\n{% b %}\n{# c #}\n'), undefined);
  assert.equal(unclosedTag('{{ a }}\n  {{ b'), { line: 2, col: 3, open: '{{' });
  assert.equal(unclosedTag('{% if %}{{ x }}{% endif'), { line: 1, col: 16, open: '{%' });
});

test.run();
