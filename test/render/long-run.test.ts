// The render's long-run call (EngineOptions.longRun): the render process
// switches V8's optimizing compiler back on with it once a render has run
// long, so it must fire inside one long template, once, and not for a short one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplates } from '../../src/render/engine.js';
import { chart, RELEASE } from './helpers.js';

const LOOP = 'templates/loop.yaml';
const loopChart = (n: number) => chart({ templates: { [LOOP]: `{%- for i in range(0, ${n}) %}{{ i }},{% endfor %}` } });

test('fires once inside a single long template, and the output is unchanged', () => {
  let calls = 0;
  const c = loopChart(20000);
  const out = renderTemplates(c, {}, { release: RELEASE, longRun: { afterMs: 0, then: () => calls++ } });
  assert.is(calls, 1);
  const plain = renderTemplates(c, {}, { release: RELEASE });
  assert.is(out.files[`webapp/${LOOP}`], plain.files[`webapp/${LOOP}`]);
});

test('does not fire for a render shorter than afterMs', () => {
  let calls = 0;
  renderTemplates(loopChart(20000), {}, { release: RELEASE, longRun: { afterMs: 3_600_000, then: () => calls++ } });
  assert.is(calls, 0);
});

test('onFile receives every rendered file in path order, NOTES excluded', () => {
  const seen: string[] = [];
  const c = chart({ templates: { 'templates/b.yaml': 'b: {{ Release.Name }}', 'templates/a.yaml': 'a: 1', 'templates/NOTES.txt': 'n' } });
  const out = renderTemplates(c, {}, { release: RELEASE, onFile: (path, text) => seen.push(`${path}=${text}`) });
  assert.equal(seen, ['webapp/templates/a.yaml=a: 1', 'webapp/templates/b.yaml=b: rel']);
  assert.is(out.notes, 'n');
});

test.run();
