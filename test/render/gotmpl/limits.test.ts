// A render whose charts are all Go templates is bounded like any other: text
// built by Sprig/Helm functions (repeat, toYaml, indent, …) counts against the
// built-text limit (4 × the output limit) and their own loops (deepCopy,
// toYaml's nodes, …) against the loop limit, in the render process and
// on the command line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../../support/cli.js';
import { rejection } from '../../support/releases.js';
import { renderChart } from '../../../src/render/index.js';
import { RenderError } from '../../../src/errors.js';
import { chart, RELEASE } from '../helpers.js';

const goChart = (templates: Record<string, string>) => chart({ templates, metadata: { annotations: { 'skiff.dev/template-engine': 'go' } } });
const BUILT = 'text built while rendering (by include, tpl, toYaml, indent, repeat, printf and the like) exceeds the limit of';

test('text built and thrown away by toYaml in a Go template counts against 4 × the output limit', async () => {
  const c = goChart({ 'templates/a.yaml': '{{- range until 100 }}{{ $_ := toYaml $.Values }}{{ end }}ok: {{ len .Values.items }}\n' });
  const values = { items: Array.from({ length: 50 }, (_, i) => `item-${i}-${'x'.repeat(10)}`) };
  // The same chart prints its 9 bytes within a generous limit.
  assert.equal((await renderChart(c, values, { release: RELEASE, maxOutputBytes: 1_000_000 })).files, { 'webapp/templates/a.yaml': 'ok: 50\n' });
  const e = await rejection<Error & { template?: string; line?: number }>(renderChart(c, values, { release: RELEASE, maxOutputBytes: 10_000 }));
  assert.instance(e, RenderError);
  assert.match(e.message, `${BUILT} 40000 bytes, 4 times the output limit (option maxOutputBytes)`);
  assert.match(e.message, 'webapp/templates/a.yaml:1:');
  assert.match(e.message, 'toYaml');
});

test('repeat, nindent and a doubling toYaml are bounded as built text in a Go-only render', async () => {
  for (const t of [
    '{{ range until (int .Values.n) }}{{ $_ := repeat 100 "x" }}{{ end }}done',
    '{{ range until (int .Values.n) }}{{ $_ := "x" | nindent 100 }}{{ end }}done',
    '{{ $d := dict "s" "seed" }}{{ range until (int .Values.n) }}{{ $_ := set $d "s" (list $d $d | toYaml) }}{{ end }}done',
  ]) {
    const c = goChart({ 'templates/a.yaml': t });
    assert.is((await renderChart(c, { n: 5 }, { release: RELEASE, maxOutputBytes: 10_000 })).files['webapp/templates/a.yaml'], 'done', t);
    const e = await rejection(renderChart(c, { n: 1000 }, { release: RELEASE, maxOutputBytes: 10_000 }));
    assert.match(e.message, `${BUILT} 40000 bytes`, t);
  }
});

test('loops inside deepCopy and toYaml count against the loop limit in a Go-only render', async () => {
  const values = { list: Array.from({ length: 50 }, (_, i) => ({ i })) };
  for (const t of ['{{ range until 100 }}{{ $_ := deepCopy $.Values }}{{ end }}done', '{{ range until 100 }}{{ $_ := toYaml $.Values.list }}{{ end }}done']) {
    const c = goChart({ 'templates/a.yaml': t });
    assert.is((await renderChart(c, values, { release: RELEASE, maxLoopIterations: 100_000 })).files['webapp/templates/a.yaml'], 'done', t);
    const e = await rejection(renderChart(c, values, { release: RELEASE, maxLoopIterations: 1000 }));
    assert.match(e.message, 'loop iterations exceed the limit of 1000 (option maxLoopIterations)', t);
  }
});

test('skiff template: a Go chart building 400 MiB of text it never prints fails with the limit, prints nothing, exits non-zero', async () => {
  const dir = join(tempDir('skiff-gotmpl-limits-'), 'big');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n{{- range until 500 }}{{ $_ := repeat 1048576 "x" }}{{ end }}\n');
  const r = await skiff(['template', 'rel', dir], { timeoutMs: 60_000 });
  assert.is.not(r.code, 0);
  assert.is(r.stdout, '');
  assert.match(r.stderr, `${BUILT} 419430400 bytes, 4 times the output limit`);
  assert.match(r.stderr, 'big/templates/cm.yaml');
});

test.run();
