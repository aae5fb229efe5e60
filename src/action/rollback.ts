// `skiff rollback`: a NEW revision (N+1) copying the target revision's chart,
// values, manifest and hooks (no re-rendering), applied three-way against the
// newest revision's manifest.
import { ReleaseNotFoundError, SkiffError, UsageError } from '../errors.js';
import { lockAnnotations } from '../release/lock.js';
import { DEFAULT_MAX_HISTORY } from '../release/store.js';
import type { Resource } from '../release/resources.js';
import type { Release } from '../release/types.js';
import { DEFAULT_TIMEOUT_MS, type Configuration, type OperationOptions } from './configuration.js';
import type { ReleaseResult } from './install.js';
import { acquire, cleanupCreated, createPending, deploy, errMessage, nowISO, releaseResources, supersedeDeployed } from './release-ops.js';

export interface RollbackOptions extends OperationOptions {
  readonly releaseName: string;
  readonly namespace: string;
  /** The revision to return to; 0 or undefined means the one before the newest. */
  readonly revision?: number;
  readonly wait?: boolean;
  readonly waitForJobs?: boolean;
  readonly cleanupOnFail?: boolean;
  readonly force?: boolean;
  readonly noHooks?: boolean;
  readonly dryRun?: boolean;
  readonly historyMax?: number;
}

/** Rolls a release back; throws ReleaseNotFoundError for an unknown release or revision. */
export async function rollback(cfg: Configuration, opts: RollbackOptions): Promise<ReleaseResult> {
  const name = opts.releaseName;
  const ns = opts.namespace;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const warnings: string[] = [];
  const { history, recovered } = opts.dryRun ? { history: await cfg.releases.history(ns, name), recovered: undefined } : await acquire(cfg, ns, name, 'rollback', opts.onProgress);
  if (recovered) warnings.push(recovered);
  const last = history[history.length - 1];
  if (!last) throw new ReleaseNotFoundError(name);
  const targetVersion = opts.revision || last.version - 1;
  if (targetVersion < 1) throw new UsageError(`release "${name}" has no revision before ${last.version} to roll back to`);
  const targetHead = history.find((h) => h.version === targetVersion);
  if (!targetHead) throw new ReleaseNotFoundError(`${name} (revision ${targetVersion})`, { hint: `"skiff history ${name}" lists the revisions that exist` });
  const target = await targetHead.load();
  const current = await last.load();
  const revision = last.version + 1;
  const now = nowISO(cfg);
  const rel: Release = {
    name,
    namespace: ns,
    version: revision,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: now,
      deleted: '',
      description: `Rollback to ${targetVersion}`,
      status: 'pending-rollback',
      ...(target.info.notes ? { notes: target.info.notes } : {}),
    },
    chart: target.chart,
    config: target.config,
    manifest: target.manifest,
    hooks: target.hooks.map((h) => ({ ...h, last_run: { started_at: '', completed_at: '', phase: '' } })),
    labels: { ...(target.labels ?? {}) },
    ...(target.sensitive_values?.length ? { sensitive_values: [...target.sensitive_values] } : {}),
  };
  if (opts.dryRun) return { release: rel, warnings, action: 'rollback' };

  const original = await releaseResources(cfg, current);
  const objects = await releaseResources(cfg, rel);
  const lock = lockAnnotations('rollback', timeoutMs, cfg.clock.now());
  await createPending(cfg, rel, { annotations: lock, maxHistory: opts.historyMax ?? DEFAULT_MAX_HISTORY }, 'rollback');
  const created: Resource[] = [];
  try {
    await deploy(cfg, { rel, event: 'rollback', target: objects, original, lock, noHooks: opts.noHooks, wait: opts.wait, waitForJobs: opts.waitForJobs, timeoutMs, force: opts.force, onProgress: opts.onProgress, created });
  } catch (err) {
    rel.info.status = 'failed';
    rel.info.description = `Rollback "${name}" failed: ${errMessage(err)}`;
    await cfg.releases.update(rel);
    if (opts.cleanupOnFail) {
      const note = await cleanupCreated(cfg, created);
      throw new SkiffError('ROLLBACK_FAILED', `${errMessage(err)}\n${note}`, { cause: err });
    }
    throw err;
  }
  await supersedeDeployed(cfg, ns, name, revision);
  rel.info.status = 'deployed';
  rel.info.last_deployed = nowISO(cfg);
  await cfg.releases.update(rel);
  return { release: rel, warnings, action: 'rollback' };
}
