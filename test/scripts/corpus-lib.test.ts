// The corpus scripts' chart discovery and dependency vendoring: charts are
// found without descending into a chart's own charts/, missing dependencies
// are copied from local charts that satisfy the version constraint
// (recursively, file:// by path), and what cannot be found is reported or dropped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/cli.js';
// @ts-expect-error: a plain .mjs script module without type declarations
import { findCharts, indexCharts, vendorChart } from '../../scripts/corpus-lib.mjs';

function chart(dir: string, name: string, version: string, deps = ''): string {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\n${deps}`);
  return dir;
}

test('finds charts, not their subcharts, and vendors dependencies by constraint, recursively', () => {
  const root = tempDir('skiff-corpus-lib-');
  chart(join(root, 'repo', 'common-old'), 'common', '1.9.0');
  chart(join(root, 'repo', 'common'), 'common', '2.31.10', 'type: library\n');
  chart(join(root, 'repo', 'db'), 'db', '3.0.0', 'dependencies:\n- name: common\n  version: 2.x.x\n  repository: oci://registry.example/charts\n');
  chart(join(root, 'repo', 'app'), 'app', '1.0.0', 'dependencies:\n- name: db\n  version: ">=3.0.0"\n  repository: https://charts.example\n- name: local\n  version: 0.1.0\n  repository: file://../local\n');
  chart(join(root, 'repo', 'local'), 'local', '0.1.0');
  chart(join(root, 'repo', 'app', 'charts', 'bundled'), 'bundled', '0.0.1');
  const found = findCharts(join(root, 'repo')).map((d: string) => d.slice(root.length + 6)).sort();
  assert.equal(found, ['app', 'common', 'common-old', 'db', 'local']);

  const index = indexCharts(findCharts(join(root, 'repo')));
  const dst = join(root, 'work', 'app');
  const report = vendorChart(join(root, 'repo', 'app'), dst, index);
  assert.equal(report.unresolved, []);
  assert.equal(readFileSync(join(dst, 'charts', 'db', 'charts', 'common', 'Chart.yaml'), 'utf8').match(/version: (.*)/)![1], '2.31.10');
  assert.ok(existsSync(join(dst, 'charts', 'local', 'Chart.yaml')));
  assert.ok(existsSync(join(dst, 'charts', 'bundled', 'Chart.yaml')), 'a bundled subchart stays');
  assert.ok(existsSync(join(root, 'repo', 'app', 'charts')) && !existsSync(join(root, 'repo', 'app', 'charts', 'db')), 'the source chart is left as it was');
});

test('a dependency found nowhere is reported, or dropped from the copy when asked', () => {
  const root = tempDir('skiff-corpus-lib-');
  chart(join(root, 'repo', 'stack'), 'stack', '1.0.0', 'dependencies:\n- name: grafana\n  version: 12.11.1\n  repository: https://grafana.example\n  condition: grafana.enabled\n');
  const index = indexCharts(findCharts(join(root, 'repo')));
  const kept = vendorChart(join(root, 'repo', 'stack'), join(root, 'a'), index);
  assert.equal(kept.unresolved, ['grafana 12.11.1 (https://grafana.example)']);
  const dropped = vendorChart(join(root, 'repo', 'stack'), join(root, 'b'), index, { dropUnresolved: true });
  assert.equal(dropped.dropped, ['grafana 12.11.1']);
  assert.not.match(readFileSync(join(root, 'b', 'Chart.yaml'), 'utf8'), /grafana/);
});

test.run();
