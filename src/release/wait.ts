// --wait: polls every resource's readiness (Helm's rules, judged by the
// backend) until all are ready, one fails for good, or the timeout passes.
// On timeout the error lists what became ready and what did not, and why.
import { SkiffError, TimeoutError, UsageError } from '../errors.js';
import type { Backend } from '../kube/backend.js';
import { judgesReadiness } from '../kube/readiness.js';
import type { Clock } from '../util/clock.js';
import { formatGoDuration as formatDuration } from '../util/duration.js';
import type { ProgressFn, ResourceProgress } from './progress.js';
import { bareMessage, type Resource } from './resources.js';

/**
 * Helm 4's --wait strategies: `watcher` (kstatus status, event-driven;
 * watch-wait.ts), `legacy` (Helm 3's readiness rules, polled; this module) and
 * `hookOnly` (only hooks are awaited, the default when --wait is not given).
 */
export const WAIT_STRATEGIES = ['watcher', 'legacy', 'hookOnly'] as const;
export type WaitStrategy = (typeof WAIT_STRATEGIES)[number];

/** Parses a --wait value; UsageError naming the valid ones otherwise. "true"/"false" are Helm 4's deprecated spellings of watcher/hookOnly. */
export function parseWaitStrategy(value: string): { strategy: WaitStrategy; deprecated?: string } {
  if ((WAIT_STRATEGIES as readonly string[]).includes(value)) return { strategy: value as WaitStrategy };
  if (value === 'true') return { strategy: 'watcher', deprecated: '--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher' };
  if (value === 'false') return { strategy: 'hookOnly', deprecated: '--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly' };
  // HIP-0025's draft turns ordering on with --wait=ordered; skiff orders whenever the chart declares it (order.ts).
  if (value === 'ordered') return { strategy: 'watcher', deprecated: '--wait=ordered (HIP-0025 draft) is read as --wait=watcher: skiff applies in the order a chart declares with any wait strategy' };
  throw new UsageError(`invalid wait strategy "${value}": valid strategies are ${WAIT_STRATEGIES.join(', ')} (bare --wait means watcher)`);
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly waitForJobs?: boolean;
  readonly clock: Clock;
  readonly onProgress?: ProgressFn;
}

/** The first poll comes quickly (most objects are ready at once); later ones back off to a second. */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1000;

/**
 * Resolves when every resource is ready. Throws SkiffError (WAIT_FAILED) when
 * one can never become ready (a failed Job) and TimeoutError after
 * `timeoutMs`, both naming each resource that is not ready and why.
 */
export async function waitForReady(backend: Backend, resources: readonly Resource[], opts: WaitOptions): Promise<void> {
  const start = opts.clock.now().getTime();
  const state: ResourceProgress[] = resources.map((r) => ({
    kind: r.obj.kind,
    name: r.obj.metadata.name ?? '',
    ...(r.obj.metadata.namespace ? { namespace: r.obj.metadata.namespace } : {}),
    ready: !judgesReadiness(r.obj.apiVersion, r.obj.kind),
    message: judgesReadiness(r.obj.apiVersion, r.obj.kind) ? 'waiting' : 'ready',
  }));
  let poll = FIRST_POLL_MS;
  let last = '';
  for (;;) {
    await Promise.all(
      resources.map(async (r, i) => {
        if (state[i]!.ready) return;
        const res = await backend.readiness(r.obj, { waitForJobs: opts.waitForJobs });
        state[i] = { ...state[i]!, ready: res.ready, message: bareMessage(r.obj, res.message) };
        if (res.failed) {
          throw new SkiffError('WAIT_FAILED', `${r.obj.kind} ${r.obj.metadata.name} failed: ${bareMessage(r.obj, res.message)}`);
        }
      }),
    );
    const elapsed = opts.clock.now().getTime() - start;
    const snapshot = JSON.stringify(state);
    if (snapshot !== last) {
      last = snapshot;
      opts.onProgress?.({ type: 'wait', resources: [...state], elapsedMs: elapsed, timeoutMs: opts.timeoutMs });
    }
    if (state.every((s) => s.ready)) return;
    if (elapsed >= opts.timeoutMs) throw new TimeoutError(timeoutSummary(state, opts.timeoutMs));
    await opts.clock.sleep(Math.min(poll, Math.max(1, opts.timeoutMs - elapsed)));
    poll = Math.min(MAX_POLL_MS, poll * 2);
  }
}

/** "timed out after 5m0s waiting for 1 of 3 resources: Deployment web: 1/3 ready; ..." plus the ready ones. */
export function timeoutSummary(state: readonly ResourceProgress[], timeoutMs: number): string {
  const notReady = state.filter((s) => !s.ready);
  const ready = state.filter((s) => s.ready);
  const lines = [`timed out after ${formatDuration(timeoutMs)} waiting for ${notReady.length} of ${state.length} resources to become ready:`];
  for (const s of notReady) lines.push(`  not ready: ${s.kind} ${s.name}: ${s.message}`);
  if (ready.length) lines.push(`  ready: ${ready.map((s) => `${s.kind} ${s.name}`).join(', ')}`);
  return lines.join('\n');
}
