// The one skeleton of install, upgrade and rollback: carries out a
// ReleasePlan (plan.ts). In order:
//   1. recover a revision a crashed operation left pending (marked failed);
//   2. the chart's crds/ per --crds (crd-policy.ts: checked before any
//      write, then absent ones created, compatible ones upgraded); install:
//      check (or create) the namespace;
//   3. write the pending revision, which is the operation lock (a client
//      that wrote it first wins; the loser has changed nothing), pruning the
//      history past historyMax; install --replace supersedes the previous one;
//   4. deploy (deploy.ts): pre-hooks, apply three-way against the baseline,
//      wait, post-hooks;
//   5. record the outcome: deployed (every other deployed revision
//      superseded), or failed — then --cleanup-on-fail deletes what this run
//      created, and --atomic undoes it (install: uninstall; upgrade: roll back
//      to the revision that was deployed).
// Where the three verbs used to differ, Helm's behaviour was chosen; see
// docs/releases.md ("One skeleton").
// What only some runs need (--reset-drift, --atomic's uninstall and rollback)
// is imported when used, so an ordinary install or upgrade does not load it.
import { SkiffError } from '../errors.js';
import { lockAnnotations } from '../release/lock.js';
import type { Resource } from '../release/resources.js';
import { applyCrds, planCrds } from '../release/crd-policy.js';
import type { Configuration } from './configuration.js';
import { cleanupCreated, deploy } from './deploy.js';
import type { ReleasePlan, ReleaseResult, Verb } from './plan.js';
import { createPending, errMessage, exitOf, markStale, nowISO, releaseResources, supersedeDeployed, uninterruptible, unlocked } from './release-ops.js';

/** Description of a deployed revision when the user gave none (rollback keeps its "Rollback to N"). */
const COMPLETE: Record<Verb, string | undefined> = { install: 'Install complete', upgrade: 'Upgrade complete', rollback: undefined };
/** Helm's description prefix of a failed revision: `Release "x" failed: …`. */
const FAILED: Record<Verb, string> = { install: 'Release', upgrade: 'Upgrade', rollback: 'Rollback' };
const ERROR_CODE: Record<Verb, string> = { install: 'INSTALL_FAILED', upgrade: 'UPGRADE_FAILED', rollback: 'ROLLBACK_FAILED' };

/**
 * Carries out a plan and returns the recorded revision. Throws
 * ReleaseConflictError when another client took the lock first (nothing
 * changed), SkiffError OWNERSHIP for objects owned elsewhere, and the
 * operation's error after recording the revision failed (wrapped with what
 * --cleanup-on-fail or --atomic then did).
 */
export async function execute(cfg: Configuration, plan: ReleasePlan): Promise<ReleaseResult> {
  const { release: rel, settings: s, verb } = plan;
  const warnings = [...plan.warnings];
  const report = (m: string) => {
    warnings.push(m);
    s.onProgress?.({ type: 'warning', message: m });
  };
  const t0 = cfg.clock.now().getTime();
  // install: the namespace is read while the steps before its check run (Helm checks it before writing anything too).
  const liveNamespace = verb === 'install' ? cfg.backend.get('v1', 'Namespace', undefined, rel.namespace) : undefined;
  liveNamespace?.catch(() => undefined);
  // Read and checked before any write: an incompatible CRD change refuses with nothing changed.
  const crdSteps = plan.crds.length ? await planCrds(cfg.backend, plan.crds, plan.crdPolicy ?? 'create') : undefined;
  if (plan.stale) warnings.push(await markStale(cfg, plan.stale.header, plan.stale, verb, s.onProgress));
  if (crdSteps) await applyCrds(cfg.backend, crdSteps, { clock: cfg.clock, onProgress: s.onProgress });
  // The manifests are read into objects while the namespace's read is under way; its check still comes first.
  const resources = Promise.all([plan.baseline ? releaseResources(cfg, plan.baseline) : [], releaseResources(cfg, rel)]);
  resources.catch(() => undefined);
  if (liveNamespace) await checkNamespace(cfg, rel.namespace, s.createNamespace, liveNamespace);
  const [original, target] = await resources;
  const lock = lockAnnotations(verb, s.timeoutMs, cfg.clock.now().getTime());
  const pruneErrors = await createPending(cfg, rel, { annotations: lock, ...(s.historyMax ? { maxHistory: s.historyMax } : {}), ...(plan.revisions !== undefined ? { priorRevisions: plan.revisions } : {}) }, verb);
  for (const e of pruneErrors) report(`could not prune old revision ${e}`);
  cfg.log(`${verb} ${rel.name}: pending record written at ${cfg.clock.now().getTime() - t0} ms`);
  if (plan.replaces && plan.replaces.status !== 'failed') {
    const prev = await plan.replaces.load();
    prev.info.status = 'superseded';
    await cfg.releases.update(prev, { annotations: unlocked(plan.replaces) });
  }

  const created: Resource[] = [];
  try {
    if (s.resetDrift && plan.baseline) {
      const { resetDriftOf } = await import('./drift.js');
      for (const m of await resetDriftOf(cfg, plan.baseline)) report(m);
    }
    const result = await deploy(cfg, {
      rel,
      event: verb,
      target,
      original,
      lock,
      noHooks: s.noHooks,
      waitStrategy: s.waitStrategy,
      waitForJobs: s.waitForJobs,
      serverSide: s.serverSide,
      // --reset-drift asks to take back what changed outside the release: server-side, that is forcing the conflicts.
      forceConflicts: s.forceConflicts || (!!s.resetDrift && s.serverSide),
      upgradeClientSideManager: s.upgradeClientSideManager,
      timeoutMs: s.timeoutMs,
      takeOwnership: s.takeOwnership,
      force: s.force,
      onProgress: s.onProgress,
      created,
      ...(plan.baseline ? { baselineOrder: { root: plan.baseline.chart.metadata.name, subcharts: plan.baseline.subchart_order } } : {}),
    });
    for (const k of result.kept) report(`kept ${k.obj.kind} ${k.obj.metadata.name} (helm.sh/resource-policy: keep), though the chart no longer renders it`);
  } catch (err) {
    throw await recordFailure(cfg, plan, err, created);
  }
  cfg.log(`${verb} ${rel.name}: deployed at ${cfg.clock.now().getTime() - t0} ms`);
  if (verb !== 'install') await supersedeDeployed(cfg, rel.namespace, rel.name, rel.version, plan.deployed);
  rel.info.status = 'deployed';
  rel.info.description = s.description || COMPLETE[verb] || rel.info.description;
  rel.info.last_deployed = nowISO(cfg);
  await cfg.releases.update(rel);
  return { release: rel, warnings, action: verb };
}

/**
 * Records the revision failed (Helm keeps its last_deployed: the time it was
 * prepared), then cleans up or undoes as asked; returns the error to throw.
 */
async function recordFailure(cfg: Configuration, plan: ReleasePlan, err: unknown, created: readonly Resource[]): Promise<unknown> {
  const { release: rel, settings: s, verb } = plan;
  const name = rel.name;
  rel.info.status = 'failed';
  rel.info.description = `${FAILED[verb]} "${name}" failed: ${errMessage(err)}`;
  await cfg.releases.update(rel);
  const wrap = (message: string) => new SkiffError(ERROR_CODE[verb], message, { cause: err, ...exitOf(err) });
  if (s.atomic && verb === 'install') {
    try {
      const { uninstall } = await import('./uninstall.js');
      await uninstall(uninterruptible(cfg), { names: [name], namespace: rel.namespace, timeoutMs: s.timeoutMs, wait: true, noHooks: s.noHooks });
    } catch (cleanupErr) {
      return wrap(`release ${name} failed, and the uninstall that --atomic asked for failed too: ${errMessage(cleanupErr)}; original error: ${errMessage(err)}`);
    }
    return wrap(`release ${name} failed, and has been uninstalled due to atomic being set: ${errMessage(err)}`);
  }
  if (s.atomic && verb === 'upgrade') {
    if (plan.undoRevision === undefined) return wrap(`release ${name} failed, and there is no deployed revision for --atomic to roll back to: ${errMessage(err)}`);
    try {
      const undo = uninterruptible(cfg);
      const { planRollback } = await import('./plan-rollback.js');
      const back = await planRollback(undo, {
        releaseName: name,
        namespace: rel.namespace,
        revision: plan.undoRevision,
        waitStrategy: s.waitStrategy,
        waitForJobs: s.waitForJobs,
        // The undo applies as the failed upgrade did.
        serverSide: s.serverSide,
        forceConflicts: s.forceConflicts,
        timeoutMs: s.timeoutMs,
        force: s.force,
        noHooks: s.noHooks,
        cleanupOnFail: true,
        historyMax: s.historyMax,
        onProgress: s.onProgress,
      });
      await execute(undo, back);
    } catch (rbErr) {
      return wrap(`release ${name} failed: ${errMessage(err)}; and the rollback that --atomic asked for failed too: ${errMessage(rbErr)}`);
    }
    return wrap(`release ${name} failed, and has been rolled back due to atomic being set (revision ${plan.undoRevision} is deployed again): ${errMessage(err)}`);
  }
  if (s.cleanupOnFail) return wrap(`${errMessage(err)}\n${await cleanupCreated(cfg, created)}`);
  return err;
}

/** Refuses a missing namespace (NAMESPACE_NOT_FOUND) unless asked to create it; `live` is its read, started earlier. */
async function checkNamespace(cfg: Configuration, ns: string, create: boolean | undefined, live: Promise<unknown>): Promise<void> {
  if (await live) return;
  if (!create) throw new SkiffError('NAMESPACE_NOT_FOUND', `namespace "${ns}" not found`, { hint: 'pass --create-namespace to create it' });
  await cfg.backend.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { name: ns } } });
}
