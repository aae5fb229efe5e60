// The one dependency bag every release action takes (Helm's
// action.Configuration): where records live, which cluster, what time it is,
// where diagnostics go, where templates run. Tests swap in a memory driver,
// a fake backend, a fake clock and (for trusted charts) the in-process renderer.
import type { Backend } from '../kube/backend.js';
import type { DriverName } from '../release/driver.js';
import { KubeDriver } from '../release/kube-driver.js';
import { MemoryDriver } from '../release/memory-driver.js';
import { ReleaseStore } from '../release/store.js';
import { realClock, type Clock } from '../util/clock.js';
import type { ProgressFn } from '../release/progress.js';
import type { Renderer } from '../render/index.js';
import { deferredSandboxRenderer } from '../render/deferred.js';

export interface Configuration {
  readonly releases: ReleaseStore;
  readonly backend: Backend;
  /** The one clock of an operation: record timestamps, lock expiry, hook and wait deadlines, the release drivers' modifiedAt. */
  readonly clock: Clock;
  /** Where chart templates run: the sandboxed render process by default; the in-process renderer for trusted charts. */
  readonly renderer: Renderer;
  /** Diagnostics for --debug; never user-facing results. */
  readonly log: (message: string) => void;
  /**
   * Aborted when the user asks the operation to stop (SIGINT/SIGTERM): the
   * operation finishes its current step, then records its outcome (failed,
   * or rolled back with --atomic) instead of being killed half-way.
   */
  readonly interrupt?: AbortSignal;
}

export { parseDriverName, type DriverName } from '../release/driver.js';

/** Builds a Configuration whose records live in `driver` on `backend`'s cluster. */
export function newConfiguration(opts: { backend: Backend; driver?: DriverName; clock?: Clock; renderer?: Renderer; log?: (m: string) => void; interrupt?: AbortSignal }): Configuration {
  const clock = opts.clock ?? realClock;
  const driver =
    opts.driver === 'memory'
      ? new MemoryDriver({ now: () => clock.now().getTime() })
      : new KubeDriver({ client: opts.backend.client, kind: opts.driver ?? 'secret', now: () => clock.now().getTime() });
  return { releases: new ReleaseStore(driver), backend: opts.backend, clock, renderer: opts.renderer ?? deferredSandboxRenderer(), log: opts.log ?? (() => {}), ...(opts.interrupt ? { interrupt: opts.interrupt } : {}) };
}

/** Options every mutating release action shares. */
export interface OperationOptions {
  /** --timeout in milliseconds (default 5m0s): bounds each wait and each hook, and sets the lock's expiry. */
  readonly timeoutMs?: number;
  readonly onProgress?: ProgressFn;
}

/** Helm's --timeout default. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
