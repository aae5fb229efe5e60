// Method arguments see the variables in scope where the call is written: a
// range over .Files.Glob passing its key to .Files.Get (argo-workflows,
// kube-prometheus-stack). Expected output recorded from Helm 3.17.3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplates } from '../../../src/render/engine.js';
import { chart, RELEASE } from '../helpers.js';

test('range $path, $_ := .Files.Glob … passes $path to .Files.Get and method arguments are type-checked', () => {
  const c = chart({
    metadata: { annotations: { 'skiff.dev/template-engine': 'go' } },
    files: { 'crds/a.yaml': 'metadata:\n  name: a\n', 'crds/b.yaml': 'metadata:\n  name: b\n' },
    templates: {
      'templates/t.yaml': 'x:\n{{- range $path, $_ := $.Files.Glob "crds/*.yaml" }}\n- {{ ($.Files.Get $path | fromYaml).metadata.name }} {{ $.Files.Get $path | len }}\n{{- end }}\n',
    },
  });
  assert.is(renderTemplates(c, {}, { release: RELEASE }).files['webapp/templates/t.yaml'], 'x:\n- a 20\n- b 20\n');
  const bad = chart({ metadata: { annotations: { 'skiff.dev/template-engine': 'go' } }, templates: { 'templates/t.yaml': '{{ .Files.Get 1 2 }}' } });
  assert.throws(() => renderTemplates(bad, {}, { release: RELEASE }), /wrong number of args for Get: want 1 got 2/);
});

test.run();
