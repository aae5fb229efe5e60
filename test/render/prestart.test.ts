// Render processes started ahead of the render: one, or as many as a large
// local chart will be split across, so no process start is left on the
// render's path; the render then uses them and gives the same output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChart } from '../../src/chart/index.js';
import { renderChart } from '../../src/render/index.js';
import { expectedRenderProcesses, prestartRenderProcess, readyRenderProcesses } from '../../src/render/process.js';
import { RELEASE } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'skiff-prestart-'));
const split = Math.min(2, availableParallelism());

function goChart(dir: string, name: string, templates: number, subcharts = 0): string {
  mkdirSync(join(dir, 'templates', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(dir, 'values.yaml'), 'n: 7\n');
  writeFileSync(join(dir, 'templates', '_helpers.tpl'), '{{- define "n" }}{{ .Values.n }}{{ end }}');
  for (let i = 0; i < templates; i++) {
    const at = i % 2 === 0 ? join(dir, 'templates', `t${i}.yaml`) : join(dir, 'templates', 'nested', `t${i}.yaml`);
    writeFileSync(at, `kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${i}\ndata:\n  n: {{ include "n" . | quote }}\n`);
  }
  for (let s = 0; s < subcharts; s++) goChart(join(dir, 'charts', `sub${s}`), `sub${s}`, 10);
  return dir;
}

const big = goChart(join(work, 'big'), 'big', 160);
const umbrella = goChart(join(work, 'umbrella'), 'umbrella', 1, 16);
const small = goChart(join(work, 'small'), 'small', 5, 2);

test('the processes a render will use are known from the chart directory among the arguments', () => {
  assert.is(expectedRenderProcesses({ charts: ['not-a-path', 'oci://example.com/c', big] }), split, 'large chart, nested templates counted');
  assert.is(expectedRenderProcesses({ charts: [umbrella] }), split, 'templates of unpacked subcharts count');
  assert.is(expectedRenderProcesses({ charts: [big], processes: 1 }), 1, 'one process asked for');
  assert.is(expectedRenderProcesses({ charts: [big], processes: 4 }), 4);
  assert.is(expectedRenderProcesses({ charts: [small, big] }), 1, 'the first chart directory decides');
  assert.is(expectedRenderProcesses({ charts: [join(work, 'nothing'), 'release-name'] }), 1, 'no chart directory');
  assert.is(expectedRenderProcesses({}), 1);
});

test('a large chart gets all its render processes started ahead; the render uses them and gives what one process gives', async () => {
  prestartRenderProcess({ charts: ['release-name', big] });
  assert.is(readyRenderProcesses(), split);
  const c = await loadChart(big);
  const two = await renderChart(c, { n: 7 }, { release: RELEASE });
  // Both were used and parked again: no third process was started.
  assert.is(readyRenderProcesses(), split);
  const one = await renderChart(c, { n: 7 }, { release: RELEASE, processes: 1 });
  assert.equal(two, one);
  assert.is(Object.keys(two.files).length, 160);
  assert.is(two.files['big/templates/nested/t159.yaml'], 'kind: ConfigMap\nmetadata:\n  name: rel-159\ndata:\n  n: "7"\n');
  // Processes that wait already are enough: none more is started.
  prestartRenderProcess({ charts: [big] });
  assert.is(readyRenderProcesses(), split);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
