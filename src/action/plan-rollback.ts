// Planning `skiff rollback`: a NEW revision (N+1) copying the target
// revision's chart, values, manifest, hooks, labels and notes (no
// re-rendering), to be applied three-way against the newest revision's
// manifest (baselineFor).
import { ReleaseNotFoundError, UsageError } from '../errors.js';
import { DEFAULT_MAX_HISTORY } from '../release/store.js';
import { checkOrder } from '../release/order.js';
import { splitManifest } from '../release/resources.js';
import type { Release } from '../release/types.js';
import type { Configuration, OperationOptions } from './configuration.js';
import { nowISO } from './release-ops.js';
import { baselineFor, commonSettings, readHistory, serverSideOf, type ApplyFlags, type ReleasePlan } from './plan.js';

export interface RollbackOptions extends OperationOptions, ApplyFlags {
  readonly releaseName: string;
  readonly namespace: string;
  /** The revision to return to; 0 or undefined means the one before the newest. */
  readonly revision?: number;
  readonly cleanupOnFail?: boolean;
  readonly noHooks?: boolean;
  readonly dryRun?: boolean;
  readonly historyMax?: number;
}

/** Plans a rollback; throws ReleaseNotFoundError for an unknown release or revision, ReleaseConflictError for a live lock. Writes nothing. */
export async function planRollback(cfg: Configuration, opts: RollbackOptions): Promise<ReleasePlan> {
  const name = opts.releaseName;
  const ns = opts.namespace;
  const { history, last, stale } = await readHistory(cfg, ns, name, 'rollback', !!opts.dryRun);
  if (!last) throw new ReleaseNotFoundError(name);
  const targetVersion = opts.revision || last.version - 1;
  if (targetVersion < 1) throw new UsageError(`release "${name}" has no revision before ${last.version} to roll back to`);
  const targetHead = history.find((h) => h.version === targetVersion);
  if (!targetHead) throw new ReleaseNotFoundError(`${name} (revision ${targetVersion})`, { hint: `"skiff history ${name}" lists the revisions that exist` });
  const target = await targetHead.load();
  const current = await baselineFor('rollback', history)!.load();
  // Helm 4 latches a rollback on the method of the revision it returns to.
  const serverSide = serverSideOf(opts, target.apply_method);
  const rel: Release = {
    name,
    namespace: ns,
    version: last.version + 1,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: nowISO(cfg),
      deleted: '',
      description: `Rollback to ${targetVersion}`,
      status: 'pending-rollback',
      rollback_revision: targetVersion,
      ...(target.info.notes ? { notes: target.info.notes } : {}),
    },
    chart: target.chart,
    config: target.config,
    manifest: target.manifest,
    hooks: target.hooks.map((h) => ({ ...h, last_run: { started_at: '', completed_at: '', phase: '' } })),
    labels: { ...(target.labels ?? {}) },
    ...(target.sensitive_values?.length ? { sensitive_values: [...target.sensitive_values] } : {}),
    apply_method: serverSide ? 'ssa' : 'csa',
    ...(target.subchart_order ? { subchart_order: target.subchart_order } : {}),
  };
  checkOrder(splitManifest(rel.manifest), rel.chart.metadata.name, rel.subchart_order);
  return {
    verb: 'rollback',
    release: rel,
    baseline: current,
    ...(stale ? { stale } : {}),
    deployed: history.filter((h) => h.status === 'deployed'),
    revisions: history.length,
    crds: [],
    settings: {
      ...commonSettings(opts, serverSide),
      // Helm 4 always runs the step on rollback: the target may have been applied either way.
      upgradeClientSideManager: serverSide,
      cleanupOnFail: opts.cleanupOnFail,
      historyMax: opts.historyMax ?? DEFAULT_MAX_HISTORY,
    },
    warnings: [],
  };
}
