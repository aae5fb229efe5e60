// The time source of the scheduler, controllers and simulated nodes. Real
// time by default; tests inject a FakeClock and advance it, so back-off,
// deadlines, CronJob schedules and node grace periods run fast and
// deterministically.

/** A cancellable timer returned by Clock.setTimeout. */
export interface ClockTimer {
  cancel(): void;
}

/** What the control plane asks of time: the current instant and one-shot timers. */
export interface Clock {
  now(): Date;
  /** Calls `fn` once `ms` of this clock's time has passed (ms ≤ 0: on the next turn of the event loop). */
  setTimeout(fn: () => void, ms: number): ClockTimer;
}

/** Wall-clock time with Node timers that never keep the process alive. */
export const realClock: Clock = {
  now: () => new Date(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
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

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.t = new Date(start).getTime();
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

  /** How many timers are waiting (for tests). */
  get waiting(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}
