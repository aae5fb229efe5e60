import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { progressDisplay } from '../../src/cli/progress.js';
import { takeDryRun, parseLabels } from '../../src/cli/release-config.js';

function sink(isTTY: boolean) {
  const s = { isTTY, text: '', write: (t: string) => void (s.text += t) };
  return s;
}
const wait = (ready: boolean[]) => ({
  type: 'wait' as const,
  elapsedMs: 1000,
  timeoutMs: 300_000,
  resources: ready.map((r, i) => ({ kind: 'Deployment', name: `d${i}`, ready: r, message: r ? 'ready' : '0/1 ready' })),
});

test('not a terminal: plain lines, one per step and per resource state change', () => {
  const out = sink(false);
  const err = sink(false);
  const p = progressDisplay('table', out, err);
  p.onProgress({ type: 'step', message: 'Applying 2 resources' });
  p.onProgress(wait([true, false]));
  p.onProgress(wait([true, false]));
  p.onProgress(wait([true, true]));
  p.onProgress({ type: 'warning', message: 'careful' });
  p.done();
  assert.is(out.text, 'Applying 2 resources\n  ✓ Deployment d0: ready\n  … Deployment d1: 0/1 ready\n  ✓ Deployment d1: ready\n');
  assert.is(err.text, 'Warning: careful\n');
  assert.ok(!out.text.includes('\x1b'), 'no escape codes off a terminal');
});

test('terminal: one line per resource, redrawn in place', () => {
  const out = sink(true);
  const p = progressDisplay('table', out, sink(true));
  p.onProgress(wait([false, false]));
  p.onProgress(wait([true, false]));
  const frames = out.text.split('\x1b[3A');
  assert.is(frames.length, 3, 'the second frame moves up over the three lines of the first, clears them, and redraws');
  assert.match(frames[2]!, /Waiting: 1\/2 ready/);
  assert.match(frames[2]!, /Deployment d0: ready/);
  assert.is(frames[1], '\x1b[2K\n'.repeat(3));
});

test('-o json/yaml: nothing on stdout but the result; warnings on stderr', () => {
  const out = sink(false);
  const err = sink(false);
  const p = progressDisplay('json', out, err);
  p.onProgress({ type: 'step', message: 'x' });
  p.onProgress(wait([false]));
  p.onProgress({ type: 'warning', message: 'w' });
  assert.is(out.text, '');
  assert.is(err.text, 'Warning: w\n');
});

test('--dry-run takes client/server/none, and gives back a positional yargs swallowed', () => {
  assert.is(takeDryRun(undefined, []), false);
  assert.is(takeDryRun('', []), 'client');
  assert.is(takeDryRun('server', []), 'server');
  assert.is(takeDryRun('none', []), false);
  const pos = ['./chart'];
  assert.is(takeDryRun('web', pos, ['install', '--dry-run', 'web', './chart']), 'client');
  assert.equal(pos, ['web', './chart']);
  const pos2 = ['web'];
  takeDryRun('./chart', pos2, ['install', 'web', '--dry-run', './chart']);
  assert.equal(pos2, ['web', './chart']);
  assert.equal(parseLabels(['a=1,b=2', 'c=x=y']), { a: '1', b: '2', c: 'x=y' });
  assert.throws(() => parseLabels(['nope']), /invalid label "nope": expected key=value/);
});

test.run();
