// The one Clock: real time, and a fake one that moves only when told to (or
// by its own sleeps, for polling loops that must reach their deadlines).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock, realClock } from '../../src/util/clock.js';

test('the fake clock fires due timers in order, only when advanced, each at its due time', () => {
  const c = new FakeClock('2026-01-01T00:00:00Z');
  const fired: string[] = [];
  c.setTimeout(() => fired.push(`b@${c.now().toISOString()}`), 2000);
  c.setTimeout(() => fired.push(`a@${c.now().toISOString()}`), 1000);
  c.setTimeout(() => fired.push('x'), 1500).cancel();
  assert.is(c.waiting, 2);
  c.advance(999);
  assert.equal(fired, []);
  c.advance(1001);
  assert.equal(fired, ['a@2026-01-01T00:00:01.000Z', 'b@2026-01-01T00:00:02.000Z']);
  assert.is(c.waiting, 0);
});

test('a fake sleep resolves when the clock passes it; with advanceOnSleep it moves the clock itself', async () => {
  const c = new FakeClock(0);
  let done = false;
  const p = c.sleep(5000).then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  assert.not.ok(done);
  c.advance(5000);
  await p;
  assert.ok(done);

  const auto = new FakeClock(0, { advanceOnSleep: true });
  const deadline = auto.now().getTime() + 60_000;
  let polls = 0;
  while (auto.now().getTime() < deadline) {
    polls++;
    await auto.sleep(2000);
  }
  assert.is(polls, 30);
});

test('the real clock tells the time and sleeps', async () => {
  const t0 = realClock.now().getTime();
  await realClock.sleep(20);
  assert.ok(realClock.now().getTime() - t0 >= 15);
  // Its timers never keep the process alive: a sleep (which does) waits alongside.
  let fired = false;
  await Promise.all([new Promise<void>((r) => realClock.setTimeout(() => r(void (fired = true)), 5)), realClock.sleep(30)]);
  assert.ok(fired);
});

test.run();
