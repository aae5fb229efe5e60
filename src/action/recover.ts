// `skiff recover RELEASE`: a release a crashed or killed skiff (or Helm) left
// pending. Without a mode it reports what the pending revision says — which
// operation, who, since when, until when its lock holds — and how far the
// operation got (each object of the pending manifest compared with the live
// one: applied, not applied, missing; the hooks' last runs). `complete`
// finishes it (applies the pending manifest against the revision it
// replaced, deletes what that revision had and the pending one drops, and
// records it deployed); `rollback` records it failed and returns to the
// revision that was deployed (a new "Rollback to N" revision, as --atomic
// does), or uninstalls an interrupted first install.
import { kill } from 'node:process';
import { hostname } from 'node:os';
import { ReleaseConflictError, ReleaseNotFoundError, SkiffError } from '../errors.js';
import { compareObject, ignoreMatcher } from '../release/drift.js';
import type { RecordHeader } from '../release/driver.js';
import { LOCK_HOLDER, lockAnnotations, lockState } from '../release/lock.js';
import type { ProgressFn } from '../release/progress.js';
import { isPending, type Release } from '../release/types.js';
import type { Configuration } from './configuration.js';
import { deploy } from './deploy.js';
import { execute } from './execute.js';
import { deployedRevision, waitStrategyOf } from './plan.js';
import { planRollback } from './plan-rollback.js';
import { nowISO, releaseResources, supersedeDeployed } from './release-ops.js';
import { uninstall } from './uninstall.js';

export type RecoverMode = 'complete' | 'rollback';

export interface RecoverOptions {
  readonly releaseName: string;
  readonly namespace: string;
  /** Undefined: only report. */
  readonly mode?: RecoverMode;
  /** Act although the lock has not expired and its holder cannot be shown to be gone. */
  readonly force?: boolean;
  readonly wait?: boolean;
  readonly timeoutMs: number;
  readonly onProgress?: ProgressFn;
}

export interface ObjectProgress {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** applied: live matches the pending manifest; not-applied: it differs (fields); missing: absent; to-delete: only the replaced revision has it, still live. */
  readonly state: 'applied' | 'not-applied' | 'missing' | 'to-delete';
  readonly fields?: readonly string[];
}

export interface PendingReport {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly status: string;
  readonly operation: string;
  readonly holder: string;
  /** When the pending revision was written (RFC 3339). */
  readonly since: string;
  readonly lockExpires: string;
  /** expired, held, or holder-gone (same host, that pid no longer runs). */
  readonly lock: 'expired' | 'held' | 'holder-gone';
  readonly chart: string;
  readonly description: string;
  /** The deployed revision it replaces (complete supersedes it, rollback returns to it). */
  readonly replaces?: number;
  readonly objects: readonly ObjectProgress[];
  readonly hooks: readonly { readonly name: string; readonly events: readonly string[]; readonly phase: string }[];
}

export interface RecoverResult {
  readonly report: PendingReport;
  /** The revision recorded by complete (the pending one, deployed) or rollback (the new one; undefined after an uninstall). */
  readonly release?: Release;
  readonly action?: 'completed' | 'rolled-back' | 'uninstalled';
}

/** True when a "user@host pid N" holder ran on this host and that process is gone. */
function holderGone(holder: string): boolean {
  const m = /@([^ ]+) pid (\d+)$/.exec(holder);
  if (!m || m[1] !== hostname()) return false;
  try {
    kill(Number(m[2]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function progressOf(cfg: Configuration, pending: Release, replaced: Release | undefined): Promise<ObjectProgress[]> {
  const out: ObjectProgress[] = [];
  const target = await releaseResources(cfg, pending);
  const keys = new Set(target.map((r) => r.key));
  for (const r of target) {
    const { apiVersion, kind, metadata } = r.obj;
    const id = { apiVersion, kind, ...(metadata.namespace ? { namespace: metadata.namespace } : {}), name: metadata.name! };
    const live = await cfg.backend.get(apiVersion, kind, metadata.namespace, metadata.name!);
    if (!live) out.push({ ...id, state: 'missing' });
    else {
      const fields = compareObject(r.obj, live, ignoreMatcher(r.obj, [])).map((f) => f.path);
      out.push(fields.length ? { ...id, state: 'not-applied', fields } : { ...id, state: 'applied' });
    }
  }
  for (const r of replaced ? await releaseResources(cfg, replaced) : []) {
    if (keys.has(r.key)) continue;
    const { apiVersion, kind, metadata } = r.obj;
    if (await cfg.backend.get(apiVersion, kind, metadata.namespace, metadata.name!)) {
      out.push({ apiVersion, kind, ...(metadata.namespace ? { namespace: metadata.namespace } : {}), name: metadata.name!, state: 'to-delete' });
    }
  }
  return out;
}

async function inspect(cfg: Configuration, opts: RecoverOptions): Promise<{ report: PendingReport; head: RecordHeader; pending: Release; replaced?: RecordHeader; history: RecordHeader[] }> {
  const history = await cfg.releases.history(opts.namespace, opts.releaseName, { records: true });
  const head = history[history.length - 1];
  if (!head) throw new ReleaseNotFoundError(opts.releaseName);
  if (!isPending(head.status)) {
    throw new SkiffError('NOT_PENDING', `release "${opts.releaseName}" has no pending operation: its newest revision ${head.version} is ${head.status}; nothing to recover`);
  }
  const pending = await head.load();
  const lock = lockState(head, cfg.clock.now().getTime());
  if (lock.state === 'free') throw new Error('unreachable: a pending revision is locked');
  const replaced = deployedRevision(history.slice(0, -1));
  const replacedRel = replaced ? await replaced.load() : undefined;
  const since = (head.modifiedAt || head.createdAt) ? new Date((head.modifiedAt || head.createdAt) * 1000).toISOString() : pending.info.last_deployed;
  const report: PendingReport = {
    name: pending.name,
    namespace: pending.namespace,
    revision: pending.version,
    status: pending.info.status,
    operation: lock.operation,
    holder: lock.holder,
    since,
    lockExpires: lock.expires.toISOString(),
    lock: lock.state === 'expired' ? 'expired' : holderGone(head.annotations[LOCK_HOLDER] ?? '') ? 'holder-gone' : 'held',
    chart: `${pending.chart.metadata.name}-${pending.chart.metadata.version}`,
    description: pending.info.description,
    ...(replaced ? { replaces: replaced.version } : {}),
    objects: await progressOf(cfg, pending, replacedRel),
    hooks: pending.hooks.map((h) => ({ name: h.name, events: h.events, phase: h.last_run.phase || 'not run' })),
  };
  return { report, head, pending, ...(replaced ? { replaced } : {}), history };
}

/** Reports a pending release and, with a mode, completes or rolls it back. */
export async function recover(cfg: Configuration, opts: RecoverOptions): Promise<RecoverResult> {
  const { report, pending, replaced } = await inspect(cfg, opts);
  if (!opts.mode) return { report };
  if (report.lock === 'held' && !opts.force) {
    throw new ReleaseConflictError(
      `the ${report.operation} of release "${report.name}" (revision ${report.revision}) by ${report.holder} may still be running: its lock holds until ${report.lockExpires}`,
      { hint: `wait until then, or pass --force if you know that process is gone` },
    );
  }
  const how = `the ${report.operation} by ${report.holder} was interrupted`;
  // Take the lock for this run (the record stays pending until the outcome is written).
  const lock = lockAnnotations(report.operation, opts.timeoutMs, cfg.clock.now().getTime());
  await cfg.releases.update(pending, { annotations: lock });

  if (opts.mode === 'complete') {
    const replacedRel = replaced ? await replaced.load() : undefined;
    const event = report.operation === 'install' || report.operation === 'rollback' ? report.operation : 'upgrade';
    await deploy(cfg, {
      rel: pending,
      event,
      target: await releaseResources(cfg, pending),
      original: replacedRel ? await releaseResources(cfg, replacedRel) : [],
      lock,
      noHooks: true,
      waitStrategy: waitStrategyOf({ wait: opts.wait }),
      // Finish the way the interrupted operation applied (its recorded method).
      serverSide: pending.apply_method === 'ssa',
      timeoutMs: opts.timeoutMs,
      onProgress: opts.onProgress,
      created: [],
    });
    await supersedeDeployed(cfg, pending.namespace, pending.name, pending.version);
    pending.info.status = 'deployed';
    pending.info.description = `${event === 'install' ? 'Install' : event === 'rollback' ? 'Rollback' : 'Upgrade'} complete (finished by skiff recover; ${how})`;
    pending.info.last_deployed = nowISO(cfg);
    await cfg.releases.update(pending);
    return { report, release: pending, action: 'completed' };
  }

  pending.info.status = 'failed';
  pending.info.description = `${report.status} interrupted (${how}); rolled back by skiff recover`;
  await cfg.releases.update(pending);
  if (!replaced) {
    await uninstall(cfg, { names: [pending.name], namespace: pending.namespace, timeoutMs: opts.timeoutMs, wait: opts.wait });
    return { report, action: 'uninstalled' };
  }
  const plan = await planRollback(cfg, { releaseName: pending.name, namespace: pending.namespace, revision: replaced.version, wait: opts.wait, timeoutMs: opts.timeoutMs, onProgress: opts.onProgress });
  const r = await execute(cfg, plan);
  return { report, release: r.release, action: 'rolled-back' };
}
