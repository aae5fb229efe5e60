// `skiff upgrade`: render the chart as revision N+1 (pending-upgrade, which
// holds the lock), three-way apply against the last DEPLOYED revision's
// manifest, delete what the chart dropped, optionally wait. A failure marks
// only the new revision failed; --atomic then rolls back to the revision
// that was deployed, a wait timeout included, and says so.
import type { Chart, Values } from '../chart/types.js';
import { ReleaseNotFoundError, SkiffError } from '../errors.js';
import { chartRecord } from '../release/codec.js';
import { lockAnnotations } from '../release/lock.js';
import { DEFAULT_MAX_HISTORY } from '../release/store.js';
import { splitManifest, toResources, type Resource } from '../release/resources.js';
import type { Release } from '../release/types.js';
import { mergeMaps } from '../values/index.js';
import type { Configuration } from './configuration.js';
import { install, releaseManifest, startOperation, type DryRun, type InstallOptions, type ReleaseResult } from './install.js';
import { renderRelease } from './render-release.js';
import { acquire, exitOf, cleanupCreated, createPending, deploy, errMessage, hookRecords, nowISO, releaseResources, supersedeDeployed, uninterruptible } from './release-ops.js';
import { rollback } from './rollback.js';
import { carrySensitive } from '../release/sensitive.js';
import { clusterCapabilities, clusterLookup } from './cluster-info.js';

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
}

/** Helm's reuseValues: which user values the new revision records. */
export function upgradeValues(current: Release, opts: Pick<UpgradeOptions, 'values' | 'reuseValues' | 'resetValues' | 'resetThenReuseValues' | 'valuesGiven'>): Values {
  if (opts.resetValues) return opts.values;
  if (opts.reuseValues || opts.resetThenReuseValues) return mergeMaps(current.config ?? {}, opts.values);
  if (!opts.valuesGiven && Object.keys(opts.values).length === 0) return current.config ?? {};
  return opts.values;
}

/**
 * Upgrades a release. Throws ReleaseNotFoundError ("has no deployed
 * releases") without --install, ReleaseConflictError when another operation
 * holds the lock, and the operation's error on failure.
 */
export async function upgrade(cfg: Configuration, opts: UpgradeOptions): Promise<ReleaseResult> {
  const name = opts.releaseName;
  const { ns, timeoutMs, dry, warnings, report } = startOperation(name, opts);
  const acquired = dry ? { history: await cfg.releases.history(ns, name), recovered: undefined } : await acquire(cfg, ns, name, 'upgrade', opts.onProgress);
  if (acquired.recovered) warnings.push(acquired.recovered);
  const history = acquired.history;
  const last = history[history.length - 1];
  if (!last || last.status === 'uninstalled') {
    if (!opts.install) throw new ReleaseNotFoundError(name, { hint: `"${name}" has no deployed releases; use "skiff install" or "skiff upgrade --install"` });
    report(`Release "${name}" does not exist. Installing it now.`);
    const r = await install(cfg, { ...opts, releaseName: name, replace: !!last });
    return { ...r, warnings: [...warnings, ...r.warnings] };
  }
  const deployedHead = [...history].reverse().find((h) => h.status === 'deployed');
  const currentHead = deployedHead ?? [...history].reverse().find((h) => h.status === 'failed' || h.status === 'superseded') ?? last;
  const current = await currentHead.load();
  const revision = last.version + 1;
  const values = upgradeValues(current, opts);
  const labels: Record<string, string> = { ...(current.labels ?? {}) };
  for (const [k, v] of Object.entries(opts.labels ?? {})) {
    if (v === 'null') delete labels[k];
    else labels[k] = v;
  }

  const caps = await clusterCapabilities(cfg, dry === 'client');
  const rendered = await renderRelease({
    chart: opts.chart,
    userValues: values,
    releaseName: name,
    namespace: ns,
    revision,
    isUpgrade: true,
    kubeVersion: caps.kubeVersion,
    apiVersions: caps.apiVersions,
    lookup: dry === 'client' ? undefined : clusterLookup(cfg.backend),
    skipSchemaValidation: opts.skipSchemaValidation,
    renderTimeoutMs: opts.renderTimeoutMs,
    enableDns: opts.enableDns,
    postRenderer: opts.postRenderer,
  });
  for (const w of rendered.warnings) report(w);
  const now = nowISO(cfg);
  const rel: Release = {
    name,
    namespace: ns,
    version: revision,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: now,
      deleted: '',
      description: 'Preparing upgrade',
      status: 'pending-upgrade',
      ...(rendered.notes ? { notes: rendered.notes } : {}),
    },
    chart: chartRecord(opts.chart),
    config: values,
    manifest: releaseManifest(rendered.manifests, opts.hideSecret),
    hooks: hookRecords(rendered.hooks),
    labels,
  };
  const sensitive = carrySensitive(opts.sensitive, current, values, opts.chart);
  if (sensitive) rel.sensitive_values = sensitive;
  if (dry) {
    rel.info.description = 'Dry run complete';
    return { release: rel, warnings, action: 'upgrade' };
  }

  const original = await releaseResources(cfg, current);
  const target = await toResources(splitManifest(rel.manifest), cfg.backend, ns);
  const lock = lockAnnotations('upgrade', timeoutMs, cfg.clock.now());
  const pruneErrors = await createPending(cfg, rel, { annotations: lock, maxHistory: opts.historyMax ?? DEFAULT_MAX_HISTORY }, 'upgrade');
  for (const e of pruneErrors) report(`could not prune old revision ${e}`);
  const created: Resource[] = [];
  try {
    const result = await deploy(cfg, {
      rel,
      event: 'upgrade',
      target,
      original,
      lock,
      noHooks: opts.noHooks,
      wait: opts.wait || opts.atomic,
      waitForJobs: opts.waitForJobs,
      timeoutMs,
      takeOwnership: opts.takeOwnership,
      force: opts.force,
      onProgress: opts.onProgress,
      created,
    });
    for (const k of result.kept) report(`kept ${k.obj.kind} ${k.obj.metadata.name} (helm.sh/resource-policy: keep), though the chart no longer renders it`);
  } catch (err) {
    rel.info.status = 'failed';
    rel.info.description = `Upgrade "${name}" failed: ${errMessage(err)}`;
    rel.info.last_deployed = nowISO(cfg);
    await cfg.releases.update(rel);
    const notes: string[] = [];
    if (opts.cleanupOnFail && !opts.atomic) notes.push(await cleanupCreated(cfg, created));
    if (opts.atomic) {
      if (!deployedHead) {
        throw new SkiffError('UPGRADE_FAILED', `release ${name} failed, and there is no deployed revision for --atomic to roll back to: ${errMessage(err)}`, { cause: err, ...exitOf(err) });
      }
      try {
        await rollback(uninterruptible(cfg), { releaseName: name, namespace: ns, revision: deployedHead.version, wait: true, waitForJobs: opts.waitForJobs, timeoutMs, force: opts.force, noHooks: opts.noHooks, cleanupOnFail: true, historyMax: opts.historyMax, onProgress: opts.onProgress });
      } catch (rbErr) {
        throw new SkiffError('UPGRADE_FAILED', `release ${name} failed: ${errMessage(err)}; and the rollback that --atomic asked for failed too: ${errMessage(rbErr)}`, { cause: err, ...exitOf(err) });
      }
      throw new SkiffError('UPGRADE_FAILED', `release ${name} failed, and has been rolled back due to atomic being set (revision ${deployedHead.version} is deployed again): ${errMessage(err)}`, { cause: err, ...exitOf(err) });
    }
    if (notes.length) throw new SkiffError('UPGRADE_FAILED', `${errMessage(err)}\n${notes.join('\n')}`, { cause: err, ...exitOf(err) });
    throw err;
  }
  await supersedeDeployed(cfg, ns, name, revision);
  rel.info.status = 'deployed';
  rel.info.description = opts.description || 'Upgrade complete';
  rel.info.last_deployed = nowISO(cfg);
  await cfg.releases.update(rel);
  return { release: rel, warnings, action: 'upgrade' };
}
