// The render process's scan of template text (src/render/nunjucks-lexer.ts)
// must give nunjucks' own tokens at nunjucks' own lines and columns: error
// messages name them, and whitespace control and comments depend on them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import { speedUpLexer } from '../../src/render/nunjucks-lexer.js';

const lexer = createRequire(import.meta.url)('nunjucks/src/lexer') as { lex: (src: string, opts: unknown) => { nextToken(): unknown } };

const SAMPLES = [
  '',
  'plain text only',
  'line one\nline two\n\nline four\n',
  'a: {{ Values.a }}\nb: {{- include("x") | nindent(4) }}\n',
  '{% if Values.on %}\n  on: true\n{% else %}\n  on: false\n{% endif %}\n',
  '{#- a comment\nover two lines -#}\nafter\n',
  '{# unclosed comment\n',
  'text with { braces } and } alone and {{ "a}b" }} and {%- raw -%}{{ x }}{% endraw %}',
  'crlf\r\nline\r\n{{ x }}\r\n',
  'unicode é 漢字 😀\n{{ "😀" ~ Values.name }}\nend',
  '{{ a }}{{ b }}{% set c = 1 %}{{c}}',
  'trailing {{',
  '{{ 1 + 2.5 * -3 }} {{ [1, 2] }} {{ {"k": "v"} }} {{ x | default("d") }}',
  '   \n\t  {%- for i in range(0, 3) -%}\n {{ i }}\n{%- endfor %}\n',
  'a } b #} c',
];

function tokens(src: string): unknown[] {
  const out: unknown[] = [];
  try {
    const t = lexer.lex(src, {});
    for (let tok = t.nextToken(); tok !== null; tok = t.nextToken()) out.push(tok);
  } catch (e) {
    out.push(`error: ${(e as Error).message}`);
  }
  return out;
}

test('the same tokens, values, lines and columns as nunjucks\' own lexer', () => {
  const before = SAMPLES.map(tokens);
  speedUpLexer(lexer);
  const after = SAMPLES.map(tokens);
  for (let i = 0; i < SAMPLES.length; i++) assert.equal(after[i], before[i], JSON.stringify(SAMPLES[i]));
  assert.ok(before.some((t) => t.length > 20));
});

test.run();
