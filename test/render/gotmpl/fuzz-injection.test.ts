// Seeded fuzzing of the Go-template engine for code injection, as the
// nunjucks engine is fuzzed: hostile strings (quotes, backslashes, `"),`,
// comment and template delimiters, line separators, Unicode escapes, each
// carrying a canary call) are placed in every position of the Go template
// grammar — action text, field and variable names, function names, define /
// template / block / include names, string and raw-string literals, regular
// expressions, YAML and JSON given to fromYaml/fromJson, tpl text from values,
// comments and plain text — and rendered in-process by the Go engine. The
// engine compiles templates to closures and never generates source, so every
// case must leave the canary untouched, and a failure must be a template
// error, never a JavaScript SyntaxError or ReferenceError.
//
// FUZZ_CASES=n runs n cases (default 3000), FUZZ_SEED=s another sequence.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplates } from '../../../src/render/engine.js';
import { chart, RELEASE } from '../helpers.js';
import { canary, hostile, runInjectionFuzz } from '../fuzz-hostile.js';

const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

// H: raw where a name goes; S: inside "…" (Go-escaped); R: inside `…`.
const POSITIONS = [
  '{{ H }}', '{{ .H }}', '{{ .Values.H }}', '{{ $.H }}', '{{ $H := 1 }}{{ $H }}', '{{ H 1 }}', '{{ 1 | H }}', '{{ (H) }}', '{{ .Values.v.H }}',
  '{{ "S" }}', '{{ `R` }}', '{{ printf "S" 1 "S" }}', '{{ print "S" }}', '{{ index .Values "S" }}', '{{ index .Values.v "S" }}',
  '{{ dict "S" "S" | toJson }}', '{{ toYaml (dict "S" (list "S")) }}', '{{ "S" | quote }}', '{{ "S" | squote }}', '{{ "S" | b64enc | b64dec }}',
  '{{ define "S" }}x{{ end }}{{ template "S" . }}', '{{ include "S" . }}', '{{ tpl "S" . }}', '{{ block "S" . }}x{{ end }}', '{{ template "S" }}',
  '{{ regexMatch "S" "S" }}', '{{ regexReplaceAll "S" "S" "S" }}', '{{ regexFindAll "S" "S" -1 }}', '{{ regexSplit "S" "S" -1 }}',
  '{{ fromYaml "S" | toJson }}', '{{ fromJson "S" | toJson }}', '{{ fromYamlArray "S" }}', '{{ fromJsonArray "S" }}', '{{ fromToml "S" }}',
  '{{ $x := "S" }}{{ $x }}', '{{ range $i, $v := list "S" "S" }}{{ $v }}{{ end }}', '{{ with "S" }}{{ . }}{{ end }}', '{{ if "S" }}{{ "S" }}{{ end }}',
  '{{ .Files.Get "S" }}', '{{ .Files.Glob "S" }}', '{{ required "S" nil }}', '{{ fail "S" }}', '{{ semverCompare "S" "1.0.0" }}', '{{ semver "S" }}',
  '{{ "S" | trimPrefix "S" | replace "S" "S" | nindent 2 }}', '{{ "S" | toString | lower | title | kebabcase }}', '{{ splitList "S" "S" | join "S" }}',
  '{{ urlParse "S" | toJson }}', '{{ toDate "S" "S" }}', '{{ duration "S" }}', '{{ sha256sum "S" }}', '{{ htpasswd "S" "S" }}', '{{ lookup "S" "S" "S" "S" }}',
  '{{/* H */}}', '{{- /* H */ -}}', 'H', 'a: H\n{{ .Values.v.a }}', '{{ "S" }}H{{ "S" }}',
];

function escapeGo(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function place(position: string, next: () => number): string {
  return position
    .replace(/H/g, () => hostile(next))
    .replace(/"S"/g, () => `"${escapeGo(hostile(next))}"`)
    .replace(/`R`/g, () => `\`${hostile(next).replace(/`/g, '')}\``);
}

const goChart = (templates: Record<string, string>) => chart({ metadata: { annotations: { 'skiff.dev/template-engine': 'go' } }, templates });

test(`${CASES} hostile strings in every Go-template grammar position (seed ${SEED}) never run as code`, () => {
  const [rendered, refused] = runInjectionFuzz({
    cases: CASES, seed: SEED, positions: POSITIONS, place, viaTpl: '{{ tpl .Values.t . }}',
    render: (text, values) => void renderTemplates(((text) => goChart({ 'templates/t.yaml': text }))(text), values, { release: RELEASE }),
  });
  console.log(`  ${CASES} cases: ${rendered} rendered, ${refused} refused with template errors, canary untouched`);
});

test('the fuzz reaches the engine: well-formed cases render and hostile text prints as text', () => {
  const out = renderTemplates(goChart({ 'templates/t.yaml': '{{ "a\\"),__skiffCanary(1)//" }}|{{ printf "%s" `__skiffCanaryGet` }}' }), {}, { release: RELEASE });
  assert.is(out.files['webapp/templates/t.yaml'], 'a"),__skiffCanary(1)//|__skiffCanaryGet');
  assert.equal(canary.touched, []);
});

test.run();
