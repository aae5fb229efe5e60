// `skiff rollback`: plan (plan-rollback.ts), then execute (execute.ts)
// unless it is a dry run.
import type { Configuration } from './configuration.js';
import { execute } from './execute.js';
import { planRollback, type RollbackOptions } from './plan-rollback.js';
import type { ReleaseResult } from './plan.js';

export type { RollbackOptions } from './plan-rollback.js';

/** Rolls a release back; throws ReleaseNotFoundError for an unknown release or revision. */
export async function rollback(cfg: Configuration, opts: RollbackOptions): Promise<ReleaseResult> {
  const plan = await planRollback(cfg, opts);
  if (opts.dryRun) return { release: plan.release, warnings: plan.warnings, action: 'rollback' };
  return execute(cfg, plan);
}
