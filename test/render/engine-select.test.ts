// Each chart's template engine: the annotation wins, else the templates'
// syntax decides; a tree may mix engines, each chart rendering with its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chartEngine, describeEngine } from '../../src/render/engine-select.js';
import { renderTemplates } from '../../src/render/engine.js';
import { chart as pinned, RELEASE } from './helpers.js';

// The shared builder pins nunjucks by annotation; these tests detect.
const chart = (spec: Parameters<typeof pinned>[0] = {}) => pinned({ ...spec, metadata: { annotations: {}, ...spec.metadata } });

// The render helpers pin nunjucks by annotation; these charts leave the choice to detection.
const NONE = { annotations: {} };

test('a Helm-style chart is detected as Go, a nunjucks chart as nunjucks', () => {
  const go = chart({ metadata: NONE, templates: { 'templates/_h.tpl': '{{- define "x.name" -}}{{ .Chart.Name }}{{- end }}', 'templates/a.yaml': 'name: {{ include "x.name" . }}\n{{- if .Values.on }}\non: true\n{{- end }}\n' } });
  assert.equal(chartEngine(go), { engine: 'go', reason: 'detected' });
  const nj = chart({ metadata: NONE, templates: { 'templates/a.yaml': 'name: {{ Chart.Name }}\n{%- if Values.on %}\non: true\n{%- endif %}\n' } });
  assert.equal(chartEngine(nj), { engine: 'nunjucks', reason: 'detected' });
  assert.is(describeEngine(chart({ metadata: NONE, templates: { 'templates/a.yaml': 'plain: text\n' } })), 'nunjucks (no template syntax of either engine found)');
});

test('the annotation wins over detection, and an unknown value is refused by name', () => {
  const c = chart({ metadata: { annotations: { 'skiff.dev/template-engine': 'go' } }, templates: { 'templates/a.yaml': 'x: {{ Values.x }}\n' } });
  assert.equal(chartEngine(c), { engine: 'go', reason: 'annotation' });
  const bad = chart({ metadata: { annotations: { 'skiff.dev/template-engine': 'jinja' } } });
  assert.throws(() => chartEngine(bad), /skiff\.dev\/template-engine must be "go" or "nunjucks", not "jinja"/);
});

test('a nunjucks parent with a Go subchart: each renders with its own engine, values flow to the subchart', () => {
  const sub = chart({ name: 'db', metadata: NONE, templates: { 'templates/s.yaml': 'port: {{ .Values.port }}\nbig: {{ .Values.big }}\nname: {{ .Chart.Name | quote }}\n' } });
  const parent = chart({ templates: { 'templates/p.yaml': 'sub: {{ Values.db.port }}\n{%- if true %}\nok: 1\n{%- endif %}\n' }, dependencies: [sub] });
  const r = renderTemplates(parent, { db: { port: 5432, big: 1000000 } }, { release: RELEASE });
  assert.is(r.files['webapp/templates/p.yaml'], 'sub: 5432\nok: 1\n');
  assert.is(r.files['webapp/charts/db/templates/s.yaml'], 'port: 5432\nbig: 1e+06\nname: "db"\n');
});

test('detection decides as counting every marker of both engines over all templates would', () => {
  // The rule as documented: more Go markers than nunjucks markers → go; else nunjucks ("detected" when
  // any nunjucks marker, else "default"). The detector stops counting early; its answers must not change.
  const GO = /\{\{-?\s*(?:[.$]|\/\*|(?:end|else)\s*-?\}\}|else\s+(?:if|with)\s|(?:define|template|include|block)\s+["`]|(?:if|range|with|toYaml|printf|default|quote|tpl|required|not|and|or|eq|ne)\s+[.$("`'0-9-])/g;
  const NJ = /\{%-?\s*\w|\{#|\{\{-?\s*(?:Values|Release|Chart|Capabilities|Files|Template)\b|\{\{[^}]*?[A-Za-z_]\w*\(/g;
  const reference = (texts: string[]): { engine: string; reason: string } => {
    let go = 0;
    let nj = 0;
    for (const t of texts) {
      go += t.match(GO)?.length ?? 0;
      nj += t.match(NJ)?.length ?? 0;
    }
    return go > nj ? { engine: 'go', reason: 'detected' } : { engine: 'nunjucks', reason: nj > 0 ? 'detected' : 'default' };
  };
  const pieces = ['{{ .Values.a }}', '{{- $x := 1 }}', '{{ end }}', '{{ include "x" . }}', '{{ Values.a }}', '{%- if a %}', '{# c #}', '{{ include("x") }}', '{{ (list 1) }}',
    '{{ x | trunc(3) }}', '{{ toYaml .Values | nindent 2 }}', 'text (with parens) ', 'plain ', '\n', '{{', '}}', '(', '{{ a(', 'f(x) {{ .b }}', '{{ Chart.Name }}'];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const kinds = new Set<string>();
  for (let i = 0; i < 3000; i++) {
    const texts = Array.from({ length: 1 + next(4) }, () => Array.from({ length: next(9) }, () => pieces[next(pieces.length)]).join(''));
    const c = chart({ metadata: NONE, templates: Object.fromEntries(texts.map((t, j) => [`templates/t${j}.yaml`, t])) });
    const want = reference(texts);
    kinds.add(`${want.engine} ${want.reason}`);
    assert.equal(chartEngine(c), want, JSON.stringify(texts));
  }
  assert.is(kinds.size, 3);
});

test.run();
