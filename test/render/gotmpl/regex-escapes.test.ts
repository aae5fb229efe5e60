// RE2 escapes of punctuation translate to JavaScript's unicode-mode syntax:
// bitnami/common's fullname helper (`\-` outside a class) must render as
// Helm renders it. Expected values were recorded from Helm 3.17.3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplates } from '../../../src/render/engine.js';
import { chart, RELEASE } from '../helpers.js';

const render = (text: string) =>
  renderTemplates(chart({ metadata: { annotations: { 'skiff.dev/template-engine': 'go' } }, templates: { 'templates/t.yaml': text } }), {}, { release: RELEASE }).files['webapp/templates/t.yaml'];

test('escaped punctuation inside and outside classes, as bitnami/common uses it', () => {
  assert.is(render('{{ regexReplaceAll "(-?[^a-z\\\\d\\\\-])+-?" (lower "My_Rel") "-" }}'), 'my-rel');
  assert.is(render('{{ regexReplaceAll "\\\\-\\\\/\\\\#\\\\%\\\\=\\\\,\\\\:\\\\!\\\\@\\\\~\\\\&\\\\;\\\\<\\\\>\\\\\'\\\\\\"" "-/#%=,:!@~&;<>\'\\"x" "Y" }}'), 'Yx');
  assert.is(render('{{ regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" "my-release" }}'), 'true');
  assert.is(render('{{ regexReplaceAll "a\\\\-+b" "a--b a-b ab" "X" }}'), 'X X ab');
});

test.run();
