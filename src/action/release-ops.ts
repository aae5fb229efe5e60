// Steps shared by the executor and uninstall: taking the operation lock (and
// recovering a release a crashed skiff left pending), stop requests,
// turning rendered hooks into records, and parsing stored manifests.
import { InterruptedError, ReleaseConflictError, ReleaseNotFoundError } from '../errors.js';
import type { Hook } from '../render/index.js';
import type { RecordHeader, RecordMeta } from '../release/driver.js';
import { LOCK_EXPIRES, LOCK_HOLDER, LOCK_OPERATION, lockState, type LockState } from '../release/lock.js';
import type { ProgressFn } from '../release/progress.js';
import { splitManifest, toResources, type Resource } from '../release/resources.js';
import type { HookDeletePolicy, HookEvent, HookRecord, Release } from '../release/types.js';
import type { Configuration } from './configuration.js';

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
  const history = await cfg.releases.history(namespace, name, { records: true });
  const last = history[history.length - 1];
  const lock = lockState(last, cfg.clock.now().getTime());
  if (lock.state === 'free') return { history, last };
  if (lock.state === 'held') throw lockedError(name, last!.version, lock, operation);
  const recovered = await markStale(cfg, last!, lock, operation, onProgress);
  const fresh = await cfg.releases.history(namespace, name, { records: true });
  return { history: fresh, last: fresh[fresh.length - 1], recovered };
}

/**
 * Records a revision a crashed operation left pending (its lock expired) as
 * failed, and returns the message saying so (also reported as a warning).
 */
export async function markStale(
  cfg: Configuration,
  header: RecordHeader,
  lock: { readonly operation: string; readonly holder: string; readonly expires: Date },
  operation: string,
  onProgress?: ProgressFn,
): Promise<string> {
  const stuck = await header.load();
  const was = stuck.info.status;
  stuck.info.status = 'failed';
  stuck.info.description = `${was} interrupted: the ${lock.operation} by ${lock.holder} never finished (lock expired at ${lock.expires.toISOString()}); marked failed by a later ${operation}`;
  await cfg.releases.update(stuck);
  const recovered = `release "${header.name}" revision ${header.version} was left ${was} by an interrupted ${lock.operation} (${lock.holder}, lock expired at ${lock.expires.toISOString()}); marked it failed and continuing`;
  onProgress?.({ type: 'warning', message: recovered });
  return recovered;
}

/** The documented refusal when another operation holds the release's lock. */
export function lockedError(name: string, version: number, lock: Exclude<LockState, { state: 'free' }>, operation: string): ReleaseConflictError {
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
export async function createPending(cfg: Configuration, rel: Release, meta: RecordMeta & { maxHistory?: number; priorRevisions?: number }, operation: string): Promise<string[]> {
  checkInterrupt(cfg, `before revision ${rel.version} was recorded; nothing was changed`);
  try {
    return await cfg.releases.create(rel, meta);
  } catch (err) {
    if (!(err instanceof ReleaseConflictError)) throw err;
    const history = await cfg.releases.history(rel.namespace, rel.name);
    const winner = history.find((h) => h.version === rel.version) ?? history[history.length - 1];
    const lock = lockState(winner, cfg.clock.now().getTime());
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

export function interrupted(s: AbortSignal, when: string): InterruptedError {
  const signal = typeof s.reason === 'string' ? s.reason : 'SIGINT';
  return new InterruptedError(signal, `interrupted by ${signal} ${when}`);
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

/**
 * Marks every deployed revision other than `except` superseded (Helm does
 * this on upgrade/rollback success). `known`: the deployed revisions the
 * operation's plan read, while the pending revision it has written since
 * keeps other operations out, so they need not be listed again; one pruned
 * since is skipped. Without it they are listed.
 */
export async function supersedeDeployed(cfg: Configuration, namespace: string, name: string, except: number, known?: readonly RecordHeader[]): Promise<void> {
  const deployed = known ?? (await cfg.releases.query({ namespace, name, status: 'deployed', records: true }));
  for (const h of deployed) {
    if (h.version === except || h.status !== 'deployed') continue;
    const r = await h.load();
    try {
      // A copy: the plan may hold this record (its baseline).
      await cfg.releases.update({ ...r, info: { ...r.info, status: 'superseded' } }, { annotations: unlocked(h) });
    } catch (err) {
      if (!(known && err instanceof ReleaseNotFoundError)) throw err;
    }
  }
}

/** RFC 3339 timestamp of the configuration's clock. */
export function nowISO(cfg: Configuration): string {
  return cfg.clock.now().toISOString();
}

/** The error message without our own prefixes, for descriptions. */
export function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
