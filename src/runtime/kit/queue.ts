// A level-triggered work queue (client-go's workqueue, reduced): a key is
// queued at most once, never processed by two workers at once, re-queued if
// it changed while being processed, and can be delayed on the injected clock.
import type { Clock, ClockTimer } from '../../util/clock.js';

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: ClockTimer }>();
  private active = 0;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly worker: (key: string) => Promise<void>,
    private readonly workers = 4,
    private readonly onError: (key: string, err: unknown) => void = () => {},
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.pump();
  }

  /** Queues `key` after `ms` on the clock (the earliest of several requests wins). */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now().getTime() + ms;
    const cur = this.delayed.get(key);
    if (cur && cur.at <= at) return;
    cur?.timer.cancel();
    const timer = this.clock.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { at, timer });
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.delayed.values()) d.timer.cancel();
    this.delayed.clear();
  }

  private pump(): void {
    while (!this.stopped && this.active < this.workers && this.queue.length) {
      const key = this.queue.shift()!;
      this.queued.delete(key);
      this.processing.add(key);
      this.active++;
      void this.worker(key)
        .catch((err) => {
          this.onError(key, err);
          // Level-triggered: a failed sync is simply tried again a little later.
          // Retried on real time so a conflict never waits for a fake clock to move.
          setTimeout(() => this.add(key), 100).unref();
        })
        .finally(() => {
          this.active--;
          this.processing.delete(key);
          if (this.dirty.delete(key)) this.add(key);
          this.pump();
        });
    }
  }
}
