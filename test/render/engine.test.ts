import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplates } from '../../src/render/engine.js';
import { RenderError } from '../../src/errors.js';
import { chart, one, errorOf, RELEASE } from './helpers.js';

const HELPERS = `{% define "webapp.fullname" %}{{ Release.Name }}-{{ Chart.Name }}{% enddefine %}
{% define "webapp.labels" %}app.kubernetes.io/name: {{ Chart.Name }}
app.kubernetes.io/instance: {{ Release.Name }}{% enddefine %}
{% define "webapp.greet" %}hello {{ who }}{% enddefine %}`;

test('Release, Chart and Template objects carry Helm\'s names', () => {
  const out = one('{{ Release.Name }} {{ Release.Namespace }} {{ Release.Revision }} {{ Release.IsInstall }} {{ Release.IsUpgrade }} {{ Release.Service }}|{{ Chart.Name }} {{ Chart.Version }} {{ Chart.AppVersion }} {{ Chart.Description }} {{ Chart.Type }} {{ Chart.IsRoot }} {{ Chart.Annotations.team }}|{{ Template.Name }} {{ Template.BasePath }}', {}, {}, { metadata: { appVersion: '2.0', description: 'd', annotations: { team: 'x' } } });
  assert.is(out, 'rel prod 3 false true Helm|webapp 1.2.3 2.0 d application true x|webapp/templates/t.yaml webapp/templates');
});

test('Capabilities: KubeVersion parts and APIVersions.Has for group/version and group/version/Kind', () => {
  assert.is(one('{{ Capabilities.KubeVersion.Version }} {{ Capabilities.KubeVersion.Major }} {{ Capabilities.KubeVersion.Minor }} {{ Capabilities.KubeVersion.GitVersion }}'), 'v1.32.0 1 32 v1.32.0');
  const caps = { kubeVersion: '1.29.4', apiVersions: ['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/ServiceMonitor'] };
  assert.is(one('{{ Capabilities.KubeVersion.Version }} {{ Capabilities.APIVersions.Has("apps/v1") }} {{ Capabilities.APIVersions.Has("monitoring.coreos.com/v1/ServiceMonitor") }} {{ Capabilities.APIVersions.Has("nope/v9") }}', {}, { capabilities: caps }), 'v1.29.4 true true false');
});

test('Files: Get, GetBytes, Lines, Glob with AsConfig/AsSecrets; templates and special files are not visible', () => {
  const files = { 'conf/a.properties': 'x=1\n', 'conf/sub/b.txt': 'b', 'README.md': 'r1\nr2\n', 'Chart.yaml': 'name: x', 'values.yaml': 'a: 1' };
  const t = '{{ Files.Get("conf/a.properties") | trim }}|{{ Files.GetBytes("conf/sub/b.txt") | b64enc }}|{{ Files.Lines("README.md") | join(",") }}|{{ Files.Glob("conf/*").AsConfig() }}|{{ Files.Glob("conf/**").AsSecrets() }}|{{ Files.Get("Chart.yaml") }}{{ Files.Get("values.yaml") }}{{ Files.Get("templates/t.yaml") }}';
  assert.is(one(t, {}, {}, { files }), 'x=1|Yg==|r1,r2|a.properties: |\n  x=1|a.properties: eD0xCg==\nb.txt: Yg==|');
});

test('define/include: helpers render with the current context or a given dict, and pipe as strings', () => {
  const c = chart({ templates: { 'templates/_helpers.tpl': HELPERS, 'templates/cm.yaml': 'name: {{ include("webapp.fullname") | trunc(63) | trimSuffix("-") }}\nlabels:{{ include("webapp.labels") | nindent(2) }}\ng: {{ include("webapp.greet", dict("who", "you")) | upper }}' } });
  const out = renderTemplates(c, {}, { release: RELEASE });
  assert.equal(Object.keys(out.files), ['webapp/templates/cm.yaml']);
  assert.is(out.files['webapp/templates/cm.yaml'], 'name: rel-webapp\nlabels:\n  app.kubernetes.io/name: webapp\n  app.kubernetes.io/instance: rel\ng: HELLO YOU');
});

test('$ is the template\'s whole context; include("x", $) passes it on', () => {
  const c = chart({ templates: { 'templates/_h.tpl': '{% define "h" %}{{ $.Values.a }}-{{ Values.a }}{% enddefine %}', 'templates/a.yaml': '{{ include("h", $) }} {{ $.Release.Name }}' } });
  assert.is(renderTemplates(c, { a: 'A' }, { release: RELEASE }).files['webapp/templates/a.yaml'], 'A-A rel');
});

test('a parent chart\'s helper wins over a subchart\'s of the same name, also inside the subchart', () => {
  const sub = chart({ name: 'db', templates: { 'templates/_h.tpl': '{% define "shared" %}from-sub{% enddefine %}{% define "db.only" %}db-helper{% enddefine %}', 'templates/s.yaml': 'v: {{ include("shared") }} {{ Values.port }} {{ Chart.Name }} {{ Chart.IsRoot }} {{ Template.Name }}' } });
  const parent = chart({ templates: { 'templates/_h.tpl': '{% define "shared" %}from-parent{% enddefine %}', 'templates/p.yaml': '{{ include("shared") }} {{ include("db.only") }} {{ Subcharts.db.Values.port }} {{ Subcharts.db.Chart.Name }}' }, dependencies: [sub] });
  const out = renderTemplates(parent, { db: { port: 5432 } }, { release: RELEASE }).files;
  assert.is(out['webapp/templates/p.yaml'], 'from-parent db-helper 5432 db');
  assert.is(out['webapp/charts/db/templates/s.yaml'], 'v: from-parent 5432 db false webapp/charts/db/templates/s.yaml');
});

test('tpl renders a string from values against the context and sees the helpers', () => {
  const c = chart({ templates: { 'templates/_h.tpl': HELPERS, 'templates/a.yaml': '{{ tpl(Values.t) }}|{{ Values.t2 | tpl }}|{{ tpl("{{ who }}", dict("who", "me")) }}' } });
  const out = renderTemplates(c, { t: '{{ Release.Namespace }}-{{ include("webapp.fullname") }}', t2: '{{ Values.t2x }}', t2x: 'x' }, { release: RELEASE });
  assert.is(out.files['webapp/templates/a.yaml'], 'prod-rel-webapp|x|me');
});

test('tpl and include stay linear: a 2,000-call chart compiles each tpl string once', () => {
  const text = '{% for i in range(2000) %}{{ tpl(Values.t) }}{{ include("h") }}{% endfor %}';
  const t0 = process.hrtime.bigint();
  const out = one(text, { t: '{{ Release.Name }}' }, {}, { templates: { 'templates/_h.tpl': '{% define "h" %}.{% enddefine %}' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.is(out.length, 2000 * 4);
  process.stdout.write(`  (2,000 tpl + include calls: ${ms.toFixed(0)} ms)\n`);
});

test('partials are not rendered; NOTES.txt goes to notes, subchart notes only on request; library charts render nothing', () => {
  const lib = chart({ name: 'common', metadata: { type: 'library' }, templates: { 'templates/_lib.tpl': '{% define "common.x" %}lib{% enddefine %}', 'templates/stray.yaml': 'kind: X' } });
  const sub = chart({ name: 'db', templates: { 'templates/NOTES.txt': 'db notes' } });
  const c = chart({ templates: { 'templates/_helpers.tpl': 'x', 'templates/NOTES.txt': 'Installed {{ Release.Name }} {{ include("common.x") }}', 'templates/a.yaml': 'a' }, dependencies: [lib, sub] });
  const out = renderTemplates(c, {}, { release: RELEASE });
  assert.equal(Object.keys(out.files).sort(), ['webapp/templates/a.yaml']);
  assert.is(out.notes, 'Installed rel lib');
  assert.is(renderTemplates(c, {}, { release: RELEASE, renderSubchartNotes: true }).notes, 'Installed rel lib\ndb notes');
});

test('lookup goes through the given callback; without one it returns an empty map', () => {
  const seen: string[] = [];
  const out = one('{{ lookup("v1", "Secret", Release.Namespace, "db").data.pw }}', {}, { lookup: (a, k, n, name) => { seen.push(`${a} ${k} ${n} ${name}`); return { data: { pw: 'cGFzcw==' } }; } });
  assert.is(out, 'cGFzcw==');
  assert.equal(seen, ['v1 Secret prod db']);
  assert.is(one('{{ lookup("v1", "Secret", "x", "y") | toJson }}{{ (lookup("v1", "Secret", "x", "y")).data | default("none") }}'), '{}none');
});

test('{% include %} and {% import %} see the chart\'s own templates only', () => {
  const c = chart({ templates: { 'templates/_part.tpl': 'part {{ Release.Name }}', 'templates/_macros.tpl': '{% macro m(x) %}<{{ x }}>{% endmacro %}', 'templates/a.yaml': '{% include "_part.tpl" %} {% import "_macros.tpl" as mac %}{{ mac.m(1) }} {% include "webapp/templates/_part.tpl" %}' } });
  assert.is(renderTemplates(c, {}, { release: RELEASE }).files['webapp/templates/a.yaml'], 'part rel <1> part rel');
  const e = errorOf(() => one('{% include "/etc/passwd" %}'));
  assert.match(e.message, 'template not found: /etc/passwd');
});

test('errors name the template file and line: syntax, unknown function, required, fail, helper errors', () => {
  let e = errorOf(() => one('a: 1\nb: {% if %}'));
  assert.instance(e, RenderError);
  assert.is(e.message, 'parse error at (webapp/templates/t.yaml:2): unexpected token: %}');
  assert.is(e.template, 'webapp/templates/t.yaml');
  assert.is(e.line, 2);
  e = errorOf(() => one('a\nb\n{{ nosuch(1) }}'));
  assert.match(e.message, 'execution error at (webapp/templates/t.yaml:3:');
  assert.match(e.message, 'function "nosuch" not defined');
  e = errorOf(() => one('a\n  x: {{ Values.x | required("x is required") }}'));
  assert.match(e.message, /^execution error at \(webapp\/templates\/t\.yaml:2:\d+\): x is required$/);
  e = errorOf(() => one('\n\n\n{{ fail("stop here") }}'));
  assert.is(e.line, 4);
  e = errorOf(() => one('{{ include("h") }}', {}, {}, { templates: { 'templates/_h.tpl': '{% define "h" %}\n\n{{ fail("in helper") }}{% enddefine %}' } }));
  assert.match(e.message, 'webapp/templates/_h.tpl:3:');
  assert.is(e.template, 'webapp/templates/_h.tpl');
  e = errorOf(() => one('{{ include("nope") }}'));
  assert.match(e.message, 'no template "nope"');
  e = errorOf(() => one('{% define x %}{% enddefine %}'));
  assert.match(e.message, 'define: the helper name must be a quoted string');
});

test('strict mode fails on undefined output', () => {
  assert.is(one('[{{ Values.nope }}]'), '[]');
  assert.match(errorOf(() => one('[{{ Values.nope }}]', {}, { strict: true })).message, 'undefined');
});

test('identical input renders identical bytes', () => {
  const c = chart({ templates: { 'templates/_helpers.tpl': HELPERS, 'templates/a.yaml': '{{ Values | toYaml }}\n{{ Values | toJson }}\n{% for k, v in Values.m %}{{ k }}{% endfor %}' } });
  const values = { m: { z: 1, a: 2 }, l: [1, { b: 1, a: 2 }] };
  const a = renderTemplates(c, values, { release: RELEASE });
  const b = renderTemplates(c, JSON.parse(JSON.stringify(values)), { release: RELEASE });
  assert.equal(a, b);
});

test.run();
