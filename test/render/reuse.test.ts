// A render process that answered cleanly renders the next request too; what
// one render defines or leaves behind never reaches the next one, and a
// process stopped by a time limit is never reused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderChart } from '../../src/render/index.js';
import { chart, RELEASE } from './helpers.js';

const goChart = (name: string, templates: Record<string, string>) => chart({ name, metadata: { annotations: { 'skiff.dev/template-engine': 'go' } }, templates });

test('consecutive renders in one command see only their own chart: helpers, values and errors do not carry over', async () => {
  const a = goChart('a', { 'templates/_h.tpl': '{{ define "shared" }}from-a{{ end }}', 'templates/cm.yaml': 'v: {{ include "shared" . }} {{ .Values.x }}' });
  const b = goChart('b', { 'templates/cm.yaml': 'v: {{ include "shared" . }}' });
  for (let round = 0; round < 3; round++) {
    const ra = await renderChart(a, { x: round }, { release: RELEASE });
    assert.is(ra.files['a/templates/cm.yaml'], `v: from-a ${round}`);
    const e = await renderChart(b, {}, { release: RELEASE }).then(() => undefined, (err: Error) => err);
    assert.ok(e, 'b does not see the helper a defined');
    assert.match(e!.message, /no template "shared"/);
  }
  const n = chart({ name: 'n', templates: { 'templates/cm.yaml': 'v: {{ Values.y }}' } });
  assert.is((await renderChart(n, { y: 'nunjucks after go' }, { release: RELEASE })).files['n/templates/cm.yaml'], 'v: nunjucks after go');
});

test('a render stopped by its time limit does not poison the next one', async () => {
  const slow = goChart('slow', { 'templates/cm.yaml': '{{ range $i := until 100000000 }}{{ $i | sha256sum }}{{ end }}' });
  const e = await renderChart(slow, {}, { release: RELEASE, timeoutMs: 300, maxLoopIterations: 1e9 }).then(() => undefined, (err: Error) => err);
  assert.match(e?.message ?? '', /time limit|took longer than/);
  const ok = goChart('ok', { 'templates/cm.yaml': 'v: {{ .Release.Name }}' });
  assert.is((await renderChart(ok, {}, { release: RELEASE })).files['ok/templates/cm.yaml'], 'v: rel');
});

test.run();
