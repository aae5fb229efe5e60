// The middle of every release operation: pre-hooks, apply, optional wait,
// post-hooks, each step checking for a stop request first and pushing the
// operation lock's expiry forward as it starts. execute() records the outcome.
import type { Release, HookEvent } from '../release/types.js';
import type { ProgressFn } from '../release/progress.js';
import { deleteResources, applyManifest, type ApplyResult } from '../release/apply.js';
import type { Resource } from '../release/resources.js';
import { deletionOrder, sequence, type Batch, type SubchartOrder } from '../release/order.js';
import { runHooks } from '../release/hooks.js';
import { waitForReady, type WaitStrategy } from '../release/wait.js';
import { watchUntilCurrent } from '../release/watch-wait.js';
import { lockAnnotations } from '../release/lock.js';
import type { Clock } from '../util/clock.js';
import { formatGoDuration as formatDuration } from '../util/duration.js';
import type { Configuration } from './configuration.js';
import { checkInterrupt, interrupted } from './release-ops.js';

/** The clock of an operation's waits: a sleep ends with InterruptedError once the user asks the operation to stop. */
function interruptibleClock(cfg: Configuration, when: string): Clock {
  const s = cfg.interrupt;
  if (!s) return cfg.clock;
  return {
    now: () => cfg.clock.now(),
    setTimeout: (fn, ms) => cfg.clock.setTimeout(fn, ms),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (s.aborted) return reject(interrupted(s, when));
        const onAbort = () => reject(interrupted(s, when));
        s.addEventListener('abort', onAbort, { once: true });
        cfg.clock.sleep(ms).then(
          () => {
            s.removeEventListener('abort', onAbort);
            resolve();
          },
          (err: unknown) => {
            s.removeEventListener('abort', onAbort);
            reject(err);
          },
        );
      }),
  };
}


export interface DeployInput {
  readonly rel: Release;
  readonly event: 'install' | 'upgrade' | 'rollback';
  readonly target: readonly Resource[];
  readonly original: readonly Resource[];
  readonly lock: Record<string, string>;
  readonly noHooks?: boolean;
  readonly waitStrategy: WaitStrategy;
  readonly waitForJobs?: boolean;
  readonly serverSide: boolean;
  readonly forceConflicts?: boolean;
  readonly upgradeClientSideManager?: boolean;
  readonly timeoutMs: number;
  readonly takeOwnership?: boolean;
  readonly force?: boolean;
  readonly onProgress?: ProgressFn;
  /** Filled with the objects this run created (for --cleanup-on-fail). */
  readonly created: Resource[];
  /** The baseline's chart name and recorded subchart order: objects the new manifest drops are deleted in its reverse order. */
  readonly baselineOrder?: { readonly root: string; readonly subcharts?: SubchartOrder };
}

/**
 * pre-hooks, apply, optional wait, post-hooks: the middle of install, upgrade
 * and rollback. A stop request (cfg.interrupt) lets the running step finish
 * and throws InterruptedError before the next one, or ends a wait early; the
 * caller records the outcome as for any other failure.
 */
export async function deploy(cfg: Configuration, input: DeployInput): Promise<ApplyResult> {
  const { rel, event } = input;
  // Each phase may take up to the timeout: push the lock's expiry forward as it starts.
  const renew = (r: Release) => {
    Object.assign(input.lock, lockAnnotations(event, input.timeoutMs, cfg.clock.now().getTime()));
    return cfg.releases.update(r, { annotations: input.lock });
  };
  const has = (e: string) => !input.noHooks && rel.hooks.some((h) => h.events.includes(e as HookEvent));
  const hookCtx = (e: string) => ({ backend: cfg.backend, clock: interruptibleClock(cfg, `while running the ${e} hooks`), onProgress: input.onProgress, save: renew });
  const t0 = cfg.clock.now().getTime();
  if (has(`pre-${event}`)) {
    checkInterrupt(cfg, `before the pre-${event} hooks; nothing was changed`);
    await runHooks(hookCtx(`pre-${event}`), rel, `pre-${event}` as HookEvent, input.timeoutMs);
  }
  cfg.log(`${event} ${rel.name}: pre-${event} hooks done at ${cfg.clock.now().getTime() - t0} ms`);
  checkInterrupt(cfg, has(`pre-${event}`) ? `after the pre-${event} hooks, before any resource was changed` : 'before any resource was changed');
  // Ordered apply (HIP-0025): each batch is awaited before the next; without --wait only those something waits for.
  const batches = sequence(input.target, rel.chart.metadata.name, rel.subchart_order);
  const ordered = batches.length > 1;
  const waitFor = async (resources: readonly Resource[], strategy: Exclude<WaitStrategy, 'hookOnly'>, what: string, during: string) => {
    await renew(rel);
    input.onProgress?.({ type: 'step', message: `Waiting up to ${formatDuration(input.timeoutMs)} for ${what} to become ready` });
    const clock = interruptibleClock(cfg, during);
    const wait = strategy === 'watcher' ? watchUntilCurrent : waitForReady;
    await wait(cfg.backend, resources, { timeoutMs: input.timeoutMs, waitForJobs: input.waitForJobs, clock, onProgress: input.onProgress });
  };
  const afterBatch = async (batch: Batch<Resource>, index: number, count: number) => {
    const last = index === count - 1;
    if (last && input.waitStrategy === 'hookOnly') return;
    checkInterrupt(cfg, `after ${batch.label} was applied (step ${index + 1} of ${count}), before it became ready`);
    await waitFor(batch.items, input.waitStrategy === 'hookOnly' ? 'watcher' : input.waitStrategy, `${batch.label} (${batch.items.length} resources)`, `while waiting for ${batch.label} to become ready`);
  };
  const baseline = input.baselineOrder;
  const result = await applyManifest({
    backend: cfg.backend,
    release: rel.name,
    namespace: rel.namespace,
    target: input.target,
    original: input.original,
    verb: event === 'install' ? 'install' : 'update',
    takeOwnership: input.takeOwnership,
    force: input.force,
    serverSide: input.serverSide,
    forceConflicts: input.forceConflicts,
    upgradeClientSideManager: input.upgradeClientSideManager,
    onProgress: input.onProgress,
    created: input.created,
    ...(ordered ? { batches, afterBatch } : {}),
    ...(baseline ? { deleteBatches: (dropped: readonly Resource[]) => deletionOrder(dropped, baseline.root, baseline.subcharts).batches } : {}),
  });
  cfg.log(`${event} ${rel.name}: applied ${input.target.length} objects at ${cfg.clock.now().getTime() - t0} ms`);
  if (input.waitStrategy !== 'hookOnly' && !ordered) {
    checkInterrupt(cfg, 'after the resources were applied, before they became ready');
    await waitFor(input.target, input.waitStrategy, `${input.target.length} resources`, 'while waiting for the applied resources to become ready');
  }
  cfg.log(`${event} ${rel.name}: ready at ${cfg.clock.now().getTime() - t0} ms`);
  if (has(`post-${event}`)) {
    checkInterrupt(cfg, `before the post-${event} hooks (the resources were applied)`);
    await runHooks(hookCtx(`post-${event}`), rel, `post-${event}` as HookEvent, input.timeoutMs);
  }
  return result;
}

/** Deletes what a failed operation created (--cleanup-on-fail); returns a note for the user. */
export async function cleanupCreated(cfg: Configuration, created: readonly Resource[]): Promise<string> {
  if (!created.length) return 'cleanup-on-fail: nothing had been created';
  const { deleted, errors } = await deleteResources(cfg.backend, created, { propagationPolicy: 'Background' });
  return `cleanup-on-fail: deleted ${deleted.length} resource(s) created by the failed operation${errors.length ? `; could not delete: ${errors.join('; ')}` : ''}`;
}
