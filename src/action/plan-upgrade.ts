// Planning `skiff upgrade`: the chart rendered as revision N+1
// (pending-upgrade, which holds the lock once written), to be applied
// three-way against the current revision (baselineFor), deleting what the
// chart dropped. A failure marks only the new revision failed; --atomic then
// rolls back to the revision that was deployed, a wait timeout included.
import { ReleaseNotFoundError } from '../errors.js';
import { chartRecord } from '../release/codec.js';
import { DEFAULT_MAX_HISTORY } from '../release/store.js';
import type { Release } from '../release/types.js';
import type { Values } from '../chart/types.js';
import { mergeMaps } from '../values/index.js';
import type { Configuration } from './configuration.js';
import { planInstall, releaseManifest, renderPlanned, startOperation, withMarks, type DryRun, type InstallOptions } from './plan-install.js';
import { collectCrds } from './render-release.js';
import { hookRecords, nowISO } from './release-ops.js';
import { carrySensitive } from '../release/sensitive.js';
import { baselineFor, commonSettings, deployedRevision, readHistory, serverSideOf, type ReleasePlan } from './plan.js';

export interface UpgradeOptions extends Omit<InstallOptions, 'releaseName' | 'generateName' | 'nameTemplate' | 'replace'> {
  readonly releaseName: string;
  /** -i/--install: install when the release does not exist (or was uninstalled). */
  readonly install?: boolean;
  readonly reuseValues?: boolean;
  readonly resetValues?: boolean;
  readonly resetThenReuseValues?: boolean;
  readonly cleanupOnFail?: boolean;
  /** --history-max (default 10, 0 = unlimited). */
  readonly historyMax?: number;
  /** True when the user gave any values flag (Helm reuses the old values only when none was given). */
  readonly valuesGiven?: boolean;
  readonly dryRun?: DryRun;
  /** --reset-drift: put back what changed outside skiff since the baseline before applying. */
  readonly resetDrift?: boolean;
}

/** Helm's reuseValues: which user values the new revision records. */
export function upgradeValues(current: Release, opts: Pick<UpgradeOptions, 'values' | 'reuseValues' | 'resetValues' | 'resetThenReuseValues' | 'valuesGiven'>): Values {
  if (opts.resetValues) return opts.values;
  if (opts.reuseValues || opts.resetThenReuseValues) return mergeMaps(current.config ?? {}, opts.values);
  if (!opts.valuesGiven && Object.keys(opts.values).length === 0) return current.config ?? {};
  return opts.values;
}

/**
 * Plans an upgrade: the history read (a live lock refuses with
 * ReleaseConflictError), the current revision found (the baseline), values
 * chosen, the chart rendered as revision N+1. Without a release it throws
 * ReleaseNotFoundError ("has no deployed releases"), or with --install plans
 * an install instead. Writes nothing.
 */
export async function planUpgrade(cfg: Configuration, opts: UpgradeOptions): Promise<ReleasePlan> {
  const name = opts.releaseName;
  const { ns, dry, warnings, report } = startOperation(cfg, name, opts);
  const { history, last, stale } = await readHistory(cfg, ns, name, 'upgrade', !!dry);
  if (!last || last.status === 'uninstalled') {
    if (!opts.install) throw new ReleaseNotFoundError(name, { hint: `"${name}" has no deployed releases; use "skiff install" or "skiff upgrade --install"` });
    report(`Release "${name}" does not exist. Installing it now.`);
    // Helm 4: the install runs server-side unless --server-side=false.
    return planInstall(cfg, { ...opts, releaseName: name, replace: !!last, serverSide: opts.serverSide !== false }, warnings);
  }
  const current = await baselineFor('upgrade', history)!.load();
  const serverSide = serverSideOf(opts, (await last.load()).apply_method);
  const revision = last.version + 1;
  const values = upgradeValues(current, opts);
  // --mark-sensitive may name a value this revision keeps from the last one (--reuse-values).
  const marked = withMarks(opts.sensitive, opts.markSensitive, opts.chart, values);
  const labels: Record<string, string> = { ...(current.labels ?? {}) };
  for (const [k, v] of Object.entries(opts.labels ?? {})) {
    if (v === 'null') delete labels[k];
    else labels[k] = v;
  }

  const crdPolicy = opts.crds ?? (opts.skipCrds ? 'skip' : 'create');
  const { rendered, subchartOrder } = await renderPlanned(cfg, opts, { verb: 'upgrade', name, ns, revision, values, dry, report });
  const now = nowISO(cfg);
  const rel: Release = {
    name,
    namespace: ns,
    version: revision,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: now,
      deleted: '',
      description: dry ? 'Dry run complete' : 'Preparing upgrade',
      status: 'pending-upgrade',
      ...(rendered.notes ? { notes: rendered.notes } : {}),
    },
    chart: chartRecord(opts.chart),
    config: values,
    manifest: releaseManifest(rendered.recorded, opts.hideSecret),
    hooks: hookRecords(rendered.hooks),
    labels,
  };
  const sensitive = carrySensitive(marked, current, values, opts.chart);
  if (sensitive) rel.sensitive_values = sensitive;
  rel.apply_method = serverSide ? 'ssa' : 'csa';
  if (subchartOrder) rel.subchart_order = subchartOrder;
  const undo = deployedRevision(history);
  return {
    verb: 'upgrade',
    release: rel,
    baseline: current,
    ...(stale ? { stale } : {}),
    crds: dry || crdPolicy === 'skip' ? [] : collectCrds(opts.chart, opts.chart.metadata.name),
    crdPolicy,
    ...(undo ? { undoRevision: undo.version } : {}),
    deployed: history.filter((h) => h.status === 'deployed'),
    revisions: history.length,
    settings: {
      ...commonSettings(opts, serverSide),
      upgradeClientSideManager: serverSide && current.apply_method !== 'ssa',
      takeOwnership: opts.takeOwnership,
      atomic: opts.atomic,
      cleanupOnFail: opts.cleanupOnFail,
      historyMax: opts.historyMax ?? DEFAULT_MAX_HISTORY,
      description: opts.description,
      resetDrift: opts.resetDrift,
    },
    warnings,
  };
}
