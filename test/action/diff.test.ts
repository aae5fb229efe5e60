import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newConfiguration } from '../../src/action/configuration.js';
import { install } from '../../src/action/install.js';
import { upgrade } from '../../src/action/upgrade.js';
import { diffRollback, diffUpgrade } from '../../src/action/diff.js';
import { unifiedDiff } from '../../src/release/line-diff.js';
import { fakeBackend } from '../support/fake-backend.js';
import { buildChart, configMap } from '../support/chart-builder.js';

test('unified diff: hunks with context, additions and removals', () => {
  const a = 'a\nb\nc\nd\ne\nf\ng\nh\n';
  const b = 'a\nb\nc\nD\ne\nf\ng\nh\ni\n';
  assert.is(unifiedDiff(a, a), '');
  assert.is(unifiedDiff(a, b), '@@ -1,8 +1,9 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n+i\n');
  assert.is(unifiedDiff('', 'x\n'), '@@ -0,0 +1,1 @@\n+x\n');
});

test('diff upgrade and diff rollback compare against the live objects and write nothing', async () => {
  const be = fakeBackend();
  const cfg = newConfiguration({ backend: be, driver: 'memory' });
  const v1 = buildChart({ templates: { 'a.yaml': configMap('a', '{{ Values.v }}'), 'b.yaml': configMap('b', 'b') }, values: { v: 'one' } });
  const v2 = buildChart({ templates: { 'a.yaml': configMap('a', '{{ Values.v }}'), 'c.yaml': configMap('c', 'c') }, values: { v: 'one' } });
  await install(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'd' });
  const ops = be.client.ops.length;
  const none = await diffUpgrade(cfg, { chart: v1, values: {}, namespace: 'default', releaseName: 'd' });
  assert.equal(none.changes, []);
  const r = await diffUpgrade(cfg, { chart: v2, values: { v: 'two' }, valuesGiven: true, namespace: 'default', releaseName: 'd' });
  assert.equal(r.changes.map((c) => [c.name, c.change]), [['a', 'changed'], ['c', 'added'], ['b', 'removed']]);
  assert.match(r.changes[0]!.diff, /-  value: one\n\+  value: two/);
  assert.is(be.client.ops.length, ops, 'nothing written');
  assert.is((await cfg.releases.history('default', 'd')).length, 1);
  await upgrade(cfg, { chart: v2, values: { v: 'two' }, valuesGiven: true, namespace: 'default', releaseName: 'd' });
  const rb = await diffRollback(cfg, { releaseName: 'd', namespace: 'default' });
  assert.equal(rb.changes.map((c) => [c.name, c.change]), [['a', 'changed'], ['b', 'added'], ['c', 'removed']]);
});

test.run();
