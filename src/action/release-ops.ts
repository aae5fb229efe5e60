// Steps shared by install, upgrade, rollback and uninstall: taking the
// operation lock (and recovering a release a crashed skiff left pending),
// turning rendered hooks into records, and parsing stored manifests.
import { InterruptedError, ReleaseConflictError } from '../errors.js';
import type { Hook } from '../render/index.js';
import type { RecordHeader, RecordMeta } from '../release/driver.js';
import { LOCK_EXPIRES, LOCK_HOLDER, LOCK_OPERATION, lockAnnotations, lockState, type LockState } from '../release/lock.js';
import type { ProgressFn } from '../release/progress.js';
import { splitManifest, toResources, type Resource } from '../release/resources.js';
import type { HookDeletePolicy, HookEvent, HookRecord, Release } from '../release/types.js';
import type { Configuration } from './configuration.js';
import { applyManifest, deleteResources, type ApplyResult } from '../release/apply.js';
import { runHooks } from '../release/hooks.js';
import { waitForReady } from '../release/wait.js';
import { formatDuration, type Clock } from '../release/clock.js';

export interface Acquired {
  /** Every revision, oldest first, after any recovery. */
  readonly history: RecordHeader[];
  readonly last?: RecordHeader;
  /** What recovery found and did, when it had to. */
  readonly recovered?: string;
}

/**
 * Reads a release's history and checks its lock. A pending newest revision
 * whose lock is live makes this throw ReleaseConflictError at once (nothing
 * written). One whose lock has expired is marked failed, and the caller
 * proceeds; the message saying so is returned and reported as a warning.
 */
export async function acquire(cfg: Configuration, namespace: string, name: string, operation: string, onProgress?: ProgressFn): Promise<Acquired> {
  const history = await cfg.releases.history(namespace, name);
  const last = history[history.length - 1];
  const lock = lockState(last, cfg.clock.now());
  if (lock.state === 'free') return { history, last };
  if (lock.state === 'held') throw lockedError(name, last!.version, lock, operation);
  const stuck = await last!.load();
  const was = stuck.info.status;
  stuck.info.status = 'failed';
  stuck.info.description = `${was} interrupted: the ${lock.operation} by ${lock.holder} never finished (lock expired at ${lock.expires.toISOString()}); marked failed by a later ${operation}`;
  await cfg.releases.update(stuck);
  const recovered = `release "${name}" revision ${last!.version} was left ${was} by an interrupted ${lock.operation} (${lock.holder}, lock expired at ${lock.expires.toISOString()}); marked it failed and continuing`;
  onProgress?.({ type: 'warning', message: recovered });
  const fresh = await cfg.releases.history(namespace, name);
  return { history: fresh, last: fresh[fresh.length - 1], recovered };
}

/** The documented refusal when another operation holds the release's lock. */
function lockedError(name: string, version: number, lock: Exclude<LockState, { state: 'free' }>, operation: string): ReleaseConflictError {
  return new ReleaseConflictError(
    `another operation (${lock.operation}) is in progress on release "${name}" (revision ${version}, ${lock.holder}); its lock expires at ${lock.expires.toISOString()}`,
    { hint: `wait for it to finish; if that skiff was killed, run ${operation} again after the lock expires and the release will be recovered` },
  );
}

/**
 * Writes an operation's pending revision, which is its lock. When another
 * client wrote that revision first (two upgrades started together), the
 * loser reports the winner's lock as acquire() does, having written nothing.
 * Nothing is written either when the user has already asked to stop.
 */
export async function createPending(cfg: Configuration, rel: Release, meta: RecordMeta & { maxHistory?: number }, operation: string): Promise<string[]> {
  checkInterrupt(cfg, `before revision ${rel.version} was recorded; nothing was changed`);
  try {
    return await cfg.releases.create(rel, meta);
  } catch (err) {
    if (!(err instanceof ReleaseConflictError)) throw err;
    const history = await cfg.releases.history(rel.namespace, rel.name);
    const winner = history.find((h) => h.version === rel.version) ?? history[history.length - 1];
    const lock = lockState(winner, cfg.clock.now());
    if (winner && lock.state !== 'free') throw lockedError(rel.name, winner.version, lock, operation);
    throw new ReleaseConflictError(`another operation wrote revision ${rel.version} of release "${rel.name}" while this ${operation} was being prepared; nothing was changed`, {
      hint: `check "skiff history ${rel.name}", then run the ${operation} again`,
      cause: err,
    });
  }
}

/** Throws InterruptedError when the user asked the operation to stop; `when` says where it stopped ("before the post-upgrade hooks"). */
export function checkInterrupt(cfg: Configuration, when: string): void {
  const s = cfg.interrupt;
  if (s?.aborted) throw interrupted(s, when);
}

function interrupted(s: AbortSignal, when: string): InterruptedError {
  const signal = typeof s.reason === 'string' ? s.reason : 'SIGINT';
  return new InterruptedError(signal, `interrupted by ${signal} ${when}`);
}

/** The clock of an operation's waits: a sleep ends with InterruptedError once the user asks the operation to stop. */
function interruptibleClock(cfg: Configuration, when: string): Clock {
  const s = cfg.interrupt;
  if (!s) return cfg.clock;
  return {
    now: () => cfg.clock.now(),
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

/** For an error that wraps `err`: keeps the signal's exit status when the user interrupted the operation. */
export function exitOf(err: unknown): { exitCode?: number } {
  return err instanceof InterruptedError ? { exitCode: err.exitCode } : {};
}

/** The configuration an undo step (--atomic's rollback or uninstall) runs with: it is the outcome being recorded, so a stop request does not cut it short. */
export function uninterruptible(cfg: Configuration): Configuration {
  if (!cfg.interrupt) return cfg;
  const { interrupt: _i, ...rest } = cfg;
  return rest;
}

/** The annotations of an unlocked record (lock keys removed). */
export function unlocked(h: RecordHeader | undefined): Record<string, string> {
  const a = { ...(h?.annotations ?? {}) };
  delete a[LOCK_OPERATION];
  delete a[LOCK_HOLDER];
  delete a[LOCK_EXPIRES];
  return a;
}

/** Rendered hooks as release records (never run yet). */
export function hookRecords(hooks: readonly Hook[]): HookRecord[] {
  return hooks.map((h) => ({
    name: h.name,
    kind: h.kind,
    path: h.source,
    manifest: h.content,
    events: h.events as HookEvent[],
    last_run: { started_at: '', completed_at: '', phase: '' },
    weight: h.weight,
    delete_policies: h.deletePolicies as HookDeletePolicy[],
  }));
}

/** The objects of a release's stored manifest, placed in its namespace. */
export function releaseResources(cfg: Configuration, rel: Release): Promise<Resource[]> {
  return toResources(splitManifest(rel.manifest), cfg.backend, rel.namespace);
}

/** Marks every deployed revision other than `except` superseded (Helm does this on upgrade/rollback success). */
export async function supersedeDeployed(cfg: Configuration, namespace: string, name: string, except: number): Promise<void> {
  for (const h of await cfg.releases.query({ namespace, name, status: 'deployed' })) {
    if (h.version === except) continue;
    const r = await h.load();
    r.info.status = 'superseded';
    await cfg.releases.update(r, { annotations: unlocked(h) });
  }
}

/** RFC 3339 timestamp of the configuration's clock. */
export function nowISO(cfg: Configuration): string {
  return new Date(cfg.clock.now()).toISOString();
}

/** The error message without our own prefixes, for descriptions. */
export function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface DeployInput {
  readonly rel: Release;
  readonly event: 'install' | 'upgrade' | 'rollback';
  readonly target: readonly Resource[];
  readonly original: readonly Resource[];
  readonly lock: Record<string, string>;
  readonly noHooks?: boolean;
  readonly wait?: boolean;
  readonly waitForJobs?: boolean;
  readonly timeoutMs: number;
  readonly takeOwnership?: boolean;
  readonly force?: boolean;
  readonly onProgress?: ProgressFn;
  /** Filled with the objects this run created (for --cleanup-on-fail). */
  readonly created: Resource[];
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
    Object.assign(input.lock, lockAnnotations(event, input.timeoutMs, cfg.clock.now()));
    return cfg.releases.update(r, { annotations: input.lock });
  };
  const has = (e: string) => !input.noHooks && rel.hooks.some((h) => h.events.includes(e as HookEvent));
  const hookCtx = (e: string) => ({ backend: cfg.backend, clock: interruptibleClock(cfg, `while running the ${e} hooks`), onProgress: input.onProgress, save: renew });
  const t0 = cfg.clock.now();
  if (has(`pre-${event}`)) {
    checkInterrupt(cfg, `before the pre-${event} hooks; nothing was changed`);
    await runHooks(hookCtx(`pre-${event}`), rel, `pre-${event}` as HookEvent, input.timeoutMs);
  }
  cfg.log(`${event} ${rel.name}: pre-${event} hooks done at ${cfg.clock.now() - t0} ms`);
  checkInterrupt(cfg, has(`pre-${event}`) ? `after the pre-${event} hooks, before any resource was changed` : 'before any resource was changed');
  const result = await applyManifest({
    backend: cfg.backend,
    release: rel.name,
    namespace: rel.namespace,
    target: input.target,
    original: input.original,
    verb: event === 'install' ? 'install' : 'update',
    takeOwnership: input.takeOwnership,
    force: input.force,
    onProgress: input.onProgress,
    created: input.created,
  });
  cfg.log(`${event} ${rel.name}: applied ${input.target.length} objects at ${cfg.clock.now() - t0} ms`);
  if (input.wait || input.waitForJobs) {
    checkInterrupt(cfg, 'after the resources were applied, before they became ready');
    await renew(rel);
    input.onProgress?.({ type: 'step', message: `Waiting up to ${formatDuration(input.timeoutMs)} for ${input.target.length} resources to become ready` });
    const clock = interruptibleClock(cfg, 'while waiting for the applied resources to become ready');
    await waitForReady(cfg.backend, input.target, { timeoutMs: input.timeoutMs, waitForJobs: input.waitForJobs, clock, onProgress: input.onProgress });
  }
  cfg.log(`${event} ${rel.name}: ready at ${cfg.clock.now() - t0} ms`);
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
