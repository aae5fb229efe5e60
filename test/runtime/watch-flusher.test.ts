import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WatchFlusher } from '../../src/runtime/apiserver/watch-flusher.js';

const turn = () => new Promise((r) => setImmediate(r));
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a quiet stream is written on the next loop turn', async () => {
  const f = new WatchFlusher();
  let n = 0;
  f.mark({ flush: () => n++ });
  assert.is(n, 0, 'not written synchronously');
  await turn();
  assert.is(n, 1);
});

test('streams marked together share one pass, and each is written once', async () => {
  const f = new WatchFlusher();
  const order: string[] = [];
  const a = { flush: () => order.push('a') };
  const b = { flush: () => order.push('b') };
  f.mark(a);
  f.mark(b);
  f.mark(a);
  await turn();
  assert.equal(order, ['a', 'b']);
});

test('after a costly pass the next one waits in proportion to its cost', async () => {
  let clock = 0;
  const f = new WatchFlusher({ now: () => clock, costRatio: 1 });
  let writes = 0;
  const slow = { flush: () => { writes++; clock += 15; } };
  f.mark(slow);
  await turn();
  assert.is(writes, 1);
  f.mark(slow);
  await turn();
  await turn();
  assert.is(writes, 1, 'held back: the last pass took 15 ms of a 1:1 budget');
  await later(40);
  assert.is(writes, 2, 'written once the wait is over');
});

test('a forgotten stream is not written', async () => {
  const f = new WatchFlusher();
  let n = 0;
  const t = { flush: () => n++ };
  f.mark(t);
  f.forget(t);
  await turn();
  assert.is(n, 0);
});

test('a stream that throws does not stop the others', async () => {
  const f = new WatchFlusher();
  let n = 0;
  f.mark({ flush: () => { throw new Error('broken pipe'); } });
  f.mark({ flush: () => n++ });
  await turn();
  assert.is(n, 1);
});

test.run();
