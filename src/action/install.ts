// `skiff install`: plan (plan-install.ts), then execute (execute.ts) unless
// it is a dry run, whose plan is the result.
import type { Configuration } from './configuration.js';
import { execute } from './execute.js';
import { planInstall, type InstallOptions } from './plan-install.js';
import type { ReleaseResult } from './plan.js';

export { checkLabels, chooseName, releaseManifest, type DryRun, type InstallOptions } from './plan-install.js';
export type { ReleaseResult } from './plan.js';

/**
 * Installs a chart as a new release. Throws ReleaseConflictError when the
 * name is in use (unless --replace over an uninstalled or failed release) or
 * locked, SkiffError OWNERSHIP for objects owned elsewhere, and the
 * operation's error on failure (with "has been uninstalled due to atomic
 * being set" under --atomic).
 */
export async function install(cfg: Configuration, opts: InstallOptions): Promise<ReleaseResult> {
  const plan = await planInstall(cfg, opts);
  // Helm 4's server dry run refuses unserved kinds and objects owned elsewhere; skiff also has the API server validate each object.
  if (opts.dryRun === 'server') {
    // Loaded only for this mode.
    const { checkPlanOnServer } = await import('./template-server.js');
    plan.warnings.push(...(await checkPlanOnServer(cfg.backend, plan, opts.chart)));
  }
  if (opts.dryRun) return { release: plan.release, warnings: plan.warnings, action: 'install' };
  return execute(cfg, plan);
}
