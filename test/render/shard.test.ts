// Large charts render in two processes; the result must be exactly what one
// process renders: helpers defined anywhere, includes across shares, notes,
// lookups and errors behave the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderChart } from '../../src/render/index.js';
import { chart, RELEASE } from './helpers.js';

function big(extra: Record<string, string> = {}) {
  const templates: Record<string, string> = {
    'templates/_h.tpl': '{% define "name" %}{{ Release.Name }}-{{ Chart.Name }}{% enddefine %}',
    // A helper defined in a manifest template, as Helm allows.
    'templates/zz-defines.yaml': '{% define "late" %}late-{{ Values.n }}{% enddefine %}',
    'templates/NOTES.txt': 'notes for {{ Release.Name }}',
  };
  for (let i = 0; i < 170; i++) {
    templates[`templates/t${String(i).padStart(3, '0')}.yaml`] =
      `kind: ConfigMap\nmetadata:\n  name: {{ include("name") }}-${i}\ndata:\n  late: {{ include("late") }}\n  sec: {{ (lookup("v1", "Secret", "ns", "s${i % 3}")).v }}`;
  }
  return chart({ templates: { ...templates, ...extra } });
}

function renderWith(processes: string, c: ReturnType<typeof chart>) {
  return renderChart(c, { n: 7 }, { release: RELEASE, lookup: async (_a, _k, _ns, name) => ({ v: `val-${name}` }), processes: Number(processes) });
}

test('two render processes give exactly what one gives', async () => {
  const c = big({ 'templates/inc.yaml': '{% include "templates/t005.yaml" %}' });
  const one = await renderWith('1', c);
  const two = await renderWith('2', c);
  assert.equal(Object.keys(two.files).sort(), Object.keys(one.files).sort());
  assert.equal(two.files, one.files);
  assert.is(two.notes, one.notes);
  assert.match(two.files['mychart/templates/t169.yaml'] ?? Object.values(two.files).join(''), /late: late-7/);
  assert.match(Object.values(two.files).join('\n'), /sec: val-s2/);
});

test('an error in either share fails the render with its template and line', async () => {
  const c = big({ 'templates/t150.yaml': 'a: 1\nb: {{ fail("broken on purpose") }}' });
  let err: (Error & { template?: string }) | undefined;
  try {
    await renderWith('2', c);
  } catch (e) {
    err = e as Error;
  }
  assert.ok(err, 'expected a failure');
  assert.match(err!.message, /broken on purpose/);
  assert.match(String(err!.template ?? err!.message), /t150\.yaml/);
});

test.run();
