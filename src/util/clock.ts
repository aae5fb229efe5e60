// The one time source of skiff: release operations (waits, hook deadlines,
// lock expiry) and the bundled control plane (back-off, CronJob schedules,
// node grace periods) ask a Clock instead of Date and setTimeout, so tests
// inject a FakeClock and move time themselves.

/** A cancellable timer returned by Clock.setTimeout. */
export interface ClockTimer {
  cancel(): void;
}

/** What code asks of time: the current instant, one-shot timers and sleeping. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Calls `fn` once `ms` of this clock's time has passed (ms ≤ 0: on the next turn of the event loop). */
  setTimeout(fn: () => void, ms: number): ClockTimer;
  /** Resolves once `ms` of this clock's time has passed. */
  sleep(ms: number): Promise<void>;
}

/** Wall-clock time with Node timers that never keep the process alive. */
export const realClock: Clock = {
  now: () => new Date(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
  // A sleep is awaited, so its timer keeps the process alive until it ends.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** FakeClock's options. */
export interface FakeClockOptions {
  /**
   * A sleep moves the clock forward by its own length and resolves at once,
   * so polling loops reach their deadlines without anyone advancing the clock.
   */
  readonly advanceOnSleep?: boolean;
}

/**
 * A clock that only moves when told to. Timers due at or before the new time
 * fire in due order during advance(); zero-delay timers fire on the next
 * event-loop turn without advancing, so work queues keep flowing.
 */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];
  private readonly advanceOnSleep: boolean;

  constructor(start: Date | string | number = '2026-01-01T00:00:00Z', opts: FakeClockOptions = {}) {
    this.t = new Date(start).getTime();
    this.advanceOnSleep = opts.advanceOnSleep ?? false;
  }

  /** Bound, so it can be handed on as a plain `() => Date`. */
  readonly now = (): Date => new Date(this.t);

  setTimeout(fn: () => void, ms: number): ClockTimer {
    if (ms <= 0) {
      let cancelled = false;
      setImmediate(() => {
        if (!cancelled) fn();
      });
      return { cancel: () => void (cancelled = true) };
    }
    const p: Pending = { at: this.t + ms, seq: this.seq++, fn, cancelled: false };
    this.pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }

  sleep(ms: number): Promise<void> {
    if (this.advanceOnSleep) {
      this.advance(Math.max(0, ms));
      return Promise.resolve();
    }
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Moves time forward by `ms`, firing due timers in order (each sees now() = its due time). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      let next: Pending | undefined;
      for (const p of this.pending) if (p.at <= end && (!next || p.at < next.at || (p.at === next.at && p.seq < next.seq))) next = p;
      if (!next) break;
      this.pending.splice(this.pending.indexOf(next), 1);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }

  /** Moves time to `t` (forward: as advance() does, firing due timers). */
  advanceTo(t: Date | string | number): void {
    this.advance(new Date(t).getTime() - this.t);
  }

  /** How many timers are waiting (for tests). */
  get waiting(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}
