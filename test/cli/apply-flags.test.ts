// Helm 4's apply/wait flags as the CLI reads them, and the rules the planners apply to them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOptionsFromArgs } from '../../src/cli/apply-flags.js';
import { serverSideOf, waitStrategyOf } from '../../src/action/plan.js';

test('--wait: bare means watcher, absent means hookOnly; a bare --wait gives a following positional back', () => {
  assert.is(applyOptionsFromArgs({}, [], 'install', []).waitStrategy, 'hookOnly');
  assert.is(applyOptionsFromArgs({ wait: '' }, [], 'install', ['--wait']).waitStrategy, 'watcher');
  assert.is(applyOptionsFromArgs({ wait: 'legacy' }, [], 'install', ['--wait=legacy']).waitStrategy, 'legacy');
  const pos = ['./chart'];
  const o = applyOptionsFromArgs({ wait: 'web' }, pos, 'install', ['install', '--wait', 'web', './chart']);
  assert.is(o.waitStrategy, 'watcher');
  assert.equal(pos, ['web', './chart']);
  assert.throws(() => applyOptionsFromArgs({ wait: 'soon' }, [], 'install', ['--wait=soon']), /invalid wait strategy "soon": valid strategies are watcher, legacy, hookOnly/);
});

test('--server-side: install defaults to true, upgrade and rollback to auto; aliases fold into the new flags', () => {
  assert.is(applyOptionsFromArgs({}, [], 'install', []).serverSide, true);
  assert.is(applyOptionsFromArgs({}, [], 'upgrade', []).serverSide, 'auto');
  assert.is(applyOptionsFromArgs({ 'server-side': 'false' }, [], 'rollback', ['--server-side=false']).serverSide, false);
  assert.throws(() => applyOptionsFromArgs({ 'server-side': 'auto' }, [], 'install', ['--server-side=auto']), /invalid --server-side "auto": must be "true" or "false"/);
  const o = applyOptionsFromArgs({ atomic: true, force: true }, [], 'upgrade', []);
  assert.equal([o.atomic, o.force], [true, true]);
  assert.throws(() => applyOptionsFromArgs({ 'force-replace': true, 'force-conflicts': true }, [], 'upgrade', []), /cannot be used together/);
});

test('planner rules: rollback-on-failure waits with watcher; auto latches on the previous method', () => {
  assert.is(waitStrategyOf({ waitStrategy: 'hookOnly', atomic: true }), 'watcher');
  assert.is(waitStrategyOf({ waitStrategy: 'legacy', atomic: true }), 'legacy');
  assert.is(waitStrategyOf({ wait: true }), 'legacy', "the library keeps Helm 3's meaning of wait: true");
  assert.is(waitStrategyOf({}), 'hookOnly');
  assert.is(serverSideOf({ serverSide: 'auto' }, 'ssa'), true);
  assert.is(serverSideOf({ serverSide: 'auto' }, 'csa'), false);
  assert.is(serverSideOf({}, undefined), false, 'a Helm 3 record counts as client-side');
  assert.is(serverSideOf({ serverSide: true }, 'csa'), true);
  assert.throws(() => serverSideOf({ forceConflicts: true }, 'csa'), /--force-conflicts needs server-side apply/);
});

test.run();
