// `skiff upgrade`: plan (plan-upgrade.ts; with --install and no release, an
// install plan), then execute (execute.ts) unless it is a dry run.
import type { Configuration } from './configuration.js';
import { execute } from './execute.js';
import { planUpgrade, type UpgradeOptions } from './plan-upgrade.js';
import type { ReleaseResult } from './plan.js';

export { upgradeValues, type UpgradeOptions } from './plan-upgrade.js';

/**
 * Upgrades a release. Throws ReleaseNotFoundError ("has no deployed
 * releases") without --install, ReleaseConflictError when another operation
 * holds the lock, and the operation's error on failure.
 */
export async function upgrade(cfg: Configuration, opts: UpgradeOptions): Promise<ReleaseResult> {
  const plan = await planUpgrade(cfg, opts);
  // Helm 4's server dry run refuses unserved kinds and objects owned elsewhere; skiff also has the API server validate each object.
  if (opts.dryRun === 'server') {
    // Loaded only for this mode.
    const { checkPlanOnServer } = await import('./template-server.js');
    plan.warnings.push(...(await checkPlanOnServer(cfg.backend, plan, opts.chart)));
  }
  if (opts.dryRun) return { release: plan.release, warnings: plan.warnings, action: plan.verb };
  return execute(cfg, plan);
}
