// Paces the writes of all open watch streams together.
//
// Each stream buffers its events; the flusher writes every stream that has
// something pending in one pass. The first event after a quiet spell goes out
// on the next loop turn. Under a steady stream of events the next pass waits
// in proportion to what the last one cost, so writing to many watchers takes a
// bounded share of the event loop: the rest stays free for the requests that
// produce the events. Events that arrive in between share one write (one TLS
// record and one syscall per watcher instead of one per event). kube-apiserver
// gets the same effect from one goroutine per watch on many cores; here one
// thread serves every watcher, so the writes are batched instead.

export interface FlushTarget {
  /** Writes what is pending; called at most once per pass. */
  flush(): void;
}

export interface WatchFlusherOptions {
  /** The next pass waits this many times the duration of the last one (default 1: writing takes at most half of the time). */
  readonly costRatio?: number;
  /** The longest wait between passes, in ms, however slow the last one was. */
  readonly maxWaitMs?: number;
  readonly now?: () => number;
}

export class WatchFlusher {
  private readonly dirty = new Set<FlushTarget>();
  private scheduled = false;
  private nextAt = 0;
  private readonly costRatio: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(opts: WatchFlusherOptions = {}) {
    this.costRatio = opts.costRatio ?? 1;
    this.maxWaitMs = opts.maxWaitMs ?? 20;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Marks a stream as having pending output. */
  mark(t: FlushTarget): void {
    this.dirty.add(t);
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.nextAt - this.now();
    if (wait > 0) setTimeout(this.run, wait);
    else setImmediate(this.run);
  }

  /** Drops a stream (closed) from the next pass. */
  forget(t: FlushTarget): void {
    this.dirty.delete(t);
  }

  private readonly run = (): void => {
    // `scheduled` stays set until the pass is measured, so streams marked meanwhile wait for the next one.
    const t0 = this.now();
    const targets = [...this.dirty];
    this.dirty.clear();
    for (const t of targets) {
      try {
        t.flush();
      } catch {
        // One broken stream must not hold up the others.
      }
    }
    // Writes a pass queued for the next tick (a corked socket's, say) are part of its cost: the
    // pass is measured once those ticks, queued before this one, have run.
    process.nextTick(() => {
      const end = this.now();
      this.nextAt = end + Math.min(this.maxWaitMs, (end - t0) * this.costRatio);
      this.scheduled = false;
      if (this.dirty.size > 0) {
        this.scheduled = true;
        setTimeout(this.run, Math.max(0, this.nextAt - end));
      }
    });
  };
}
