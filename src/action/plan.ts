// Release operations as plan -> execute. A planner (plan-install.ts,
// plan-upgrade.ts, plan-rollback.ts) reads the history and renders, writing
// nothing, and returns a ReleasePlan; execute() (execute.ts) is the one
// skeleton that changes anything. `diff` is a plan compared with the cluster,
// and every caller sees the same baseline because the plan carries it.
import type { RecordHeader } from '../release/driver.js';
import { lockState } from '../release/lock.js';
import type { ProgressFn } from '../release/progress.js';
import type { WaitStrategy } from '../release/wait.js';
import type { Release, ReleaseStatus } from '../release/types.js';
import { DEFAULT_TIMEOUT_MS, type Configuration, type OperationOptions } from './configuration.js';
import type { CrdFile } from './render-release.js';
import type { CrdPolicy } from '../release/crd-policy.js';
import { lockedError } from './release-ops.js';
import { UsageError } from '../errors.js';

export type Verb = 'install' | 'upgrade' | 'rollback';

/** How execute() carries a plan out: the flags of the verb that planned it. */
export interface ExecuteSettings {
  /** Bounds each hook and the readiness wait, and sets the lock's expiry. */
  readonly timeoutMs: number;
  /** How to wait for the applied resources: watcher, legacy, or hookOnly (no wait). */
  readonly waitStrategy: WaitStrategy;
  readonly waitForJobs?: boolean;
  /** Server-side apply (recorded as apply_method "ssa") rather than client-side three-way patches ("csa"). */
  readonly serverSide: boolean;
  /** With serverSide: take over fields other field managers own. */
  readonly forceConflicts?: boolean;
  /** With serverSide on a release applied client-side before: hand the "helm" manager's client-side fields to its apply entry first. */
  readonly upgradeClientSideManager?: boolean;
  readonly noHooks?: boolean;
  /** Replace objects (PUT) instead of patching them. */
  readonly force?: boolean;
  /** Adopt existing objects that carry no (or other) release ownership. */
  readonly takeOwnership?: boolean;
  /** install: create the release namespace when absent (otherwise its absence is an error). */
  readonly createNamespace?: boolean;
  /** Undo a failure: install uninstalls, upgrade rolls back to `undoRevision`. */
  readonly atomic?: boolean;
  /** Delete what the failed operation created. */
  readonly cleanupOnFail?: boolean;
  /** Revisions kept after the pending one is written (undefined or 0: no pruning, as on install). */
  readonly historyMax?: number;
  /** The description of the deployed revision (--description); each verb has its default. */
  readonly description?: string;
  /** upgrade --reset-drift: first put the baseline's drifted fields back (action/drift.ts), under the lock. */
  readonly resetDrift?: boolean;
  readonly onProgress?: ProgressFn;
}

/** A newest revision a crashed operation left pending, whose lock has expired. */
export interface StaleRevision {
  readonly header: RecordHeader;
  /** The operation and holder recorded in its lock, and when the lock expired. */
  readonly operation: string;
  readonly holder: string;
  readonly expires: Date;
}

/**
 * Everything execute() needs, decided before anything is written. Other
 * modules may read a plan (diff compares `release` with the cluster from
 * `baseline`) or adjust `release` before executing it; execute() trusts it.
 */
export interface ReleasePlan {
  readonly verb: Verb;
  /** The new revision as it is recorded while pending (status pending-*, the lock). */
  readonly release: Release;
  /**
   * The revision the cluster is taken to hold: the original of the three-way
   * apply and diff's baseline. Install: none. Upgrade: the current revision
   * (newest deployed, else newest failed or superseded). Rollback: the newest
   * revision (Helm's rules, see baselineFor).
   */
  readonly baseline?: Release;
  /** Marked failed by execute() before it writes the new revision (the lock recovery). */
  readonly stale?: StaleRevision;
  /** install --replace: the previous revision, superseded once the new one is recorded (unless it failed). */
  readonly replaces?: RecordHeader;
  /** The chart's crds/ files, handled per `crdPolicy` before anything else (none in a dry run or a rollback). */
  readonly crds: readonly CrdFile[];
  /** --crds: create absent CRDs (default), also upgrade existing ones when compatible, or skip. */
  readonly crdPolicy?: CrdPolicy;
  /**
   * Upgrade and rollback: the deployed revisions of the history the plan
   * read, which execute() marks superseded once the new revision is
   * deployed. The pending revision execute() writes first keeps other
   * operations out in between, so they are not listed again.
   */
  readonly deployed?: readonly RecordHeader[];
  /** Upgrade and rollback: how many revisions that history held (whether writing one more can exceed --history-max). */
  readonly revisions?: number;
  /** upgrade --atomic: the revision a failure rolls back to (the newest deployed one). */
  readonly undoRevision?: number;
  readonly settings: ExecuteSettings;
  /** Warnings found while planning, already reported through onProgress. */
  readonly warnings: string[];
}

/** --server-side: true, false, or "auto" (keep the method the release was applied with). */
export type ServerSide = boolean | 'auto';

/** The flags that choose how an operation applies and waits (Helm 4's, with Helm 3's spellings kept). */
export interface ApplyFlags {
  /** Helm 3's --wait: with no strategy given, wait by Helm 3's rules (legacy). */
  readonly wait?: boolean;
  /** --wait=watcher|legacy|hookOnly; hookOnly together with atomic becomes watcher, as in Helm 4. */
  readonly waitStrategy?: WaitStrategy;
  readonly waitForJobs?: boolean;
  readonly atomic?: boolean;
  readonly serverSide?: ServerSide;
  readonly forceConflicts?: boolean;
  /** Replace (PUT) existing objects. */
  readonly force?: boolean;
}

/** The wait strategy an operation runs with. */
export function waitStrategyOf(o: ApplyFlags): WaitStrategy {
  if (o.waitStrategy) return o.waitStrategy === 'hookOnly' && o.atomic ? 'watcher' : o.waitStrategy;
  return o.wait || o.atomic || o.waitForJobs ? 'legacy' : 'hookOnly';
}

/** The settings install, upgrade and rollback take alike from their options: timeout, wait, apply method, hooks, progress. */
export function commonSettings(o: OperationOptions & ApplyFlags & { readonly noHooks?: boolean }, serverSide: boolean) {
  return {
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    waitStrategy: waitStrategyOf(o),
    waitForJobs: o.waitForJobs,
    serverSide,
    forceConflicts: o.forceConflicts,
    noHooks: o.noHooks,
    force: o.force,
    onProgress: o.onProgress,
  } satisfies ExecuteSettings;
}

/**
 * Helm 4's apply-method latch: --server-side=auto (the default of upgrade and
 * rollback) keeps the method `previous` was applied with — "ssa", or
 * client-side for "csa" and for records without the field (Helm 3's, older
 * skiff's). Refuses --force-conflicts without server-side apply and together
 * with --force-replace, as Helm does.
 */
export function serverSideOf(o: ApplyFlags, previous: string | undefined): boolean {
  const ssa = o.serverSide === undefined || o.serverSide === 'auto' ? previous === 'ssa' : o.serverSide;
  if (o.forceConflicts && o.force) throw new UsageError('--force-conflicts and --force-replace cannot be used together');
  if (o.forceConflicts && !ssa) throw new UsageError('--force-conflicts needs server-side apply, and this operation applies client-side (the release was applied so, or --server-side=false was given); pass --server-side=true to switch');
  return ssa;
}

/** What install, upgrade and rollback return. */
export interface ReleaseResult {
  readonly release: Release;
  /** Things the user should read (recovered locks, kept resources, warnings). */
  readonly warnings: readonly string[];
  /** Which action actually ran (upgrade --install may install). */
  readonly action: Verb;
}

/** A release's history as a planner sees it: a revision left pending by a crash counts as failed. */
export interface PlannedHistory {
  /** Every revision, oldest first; a stale pending newest revision appears with status failed. */
  readonly history: readonly RecordHeader[];
  readonly last?: RecordHeader;
  readonly stale?: StaleRevision;
}

/**
 * Reads the history for planning `operation`. A newest revision whose lock
 * is live refuses at once with ReleaseConflictError (unless `dryRun`, which
 * changes nothing); one whose lock has expired is reported as `stale` and
 * seen as failed, and execute() records it so.
 */
export async function readHistory(cfg: Configuration, namespace: string, name: string, operation: Verb, dryRun: boolean): Promise<PlannedHistory> {
  const history = await cfg.releases.history(namespace, name, { records: true });
  const last = history[history.length - 1];
  const lock = lockState(last, cfg.clock.now().getTime());
  if (lock.state === 'free' || !last) return { history, last };
  if (lock.state === 'held') {
    if (dryRun) return { history, last };
    throw lockedError(name, last.version, lock, operation);
  }
  const failed: RecordHeader = { ...last, status: 'failed', load: () => last.load() };
  return { history: [...history.slice(0, -1), failed], last: failed, stale: { header: last, operation: lock.operation, holder: lock.holder, expires: lock.expires } };
}

/**
 * The one baseline rule (Helm's): what a verb's three-way apply starts from.
 * Upgrade: the current revision — the newest deployed one, else the newest
 * failed or superseded one, else the newest. Rollback: the newest revision
 * whatever its status, so a failed upgrade's objects are removed too.
 */
export function baselineFor(verb: Exclude<Verb, 'install'>, history: readonly RecordHeader[]): RecordHeader | undefined {
  const newest = (pred: (s: ReleaseStatus) => boolean) => [...history].reverse().find((h) => pred(h.status));
  if (verb === 'rollback') return history[history.length - 1];
  return newest((s) => s === 'deployed') ?? newest((s) => s === 'failed' || s === 'superseded') ?? history[history.length - 1];
}

/** The newest deployed revision: what upgrade --atomic returns to. */
export function deployedRevision(history: readonly RecordHeader[]): RecordHeader | undefined {
  return [...history].reverse().find((h) => h.status === 'deployed');
}
