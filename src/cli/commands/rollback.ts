import type { CommandModule } from 'yargs';
import { rollback } from '../../action/rollback.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeOut } from '../sink.js';
import { DEFAULT_TIMEOUT_MS } from '../../action/configuration.js';
import { formatGoDuration } from '../../util/duration.js';

interface Args extends GlobalArgs {
  name: string;
  revision?: string;
  wait?: boolean;
  'wait-for-jobs'?: boolean;
  'cleanup-on-fail'?: boolean;
  force?: boolean;
  'no-hooks'?: boolean;
  'dry-run'?: boolean;
  timeout: string;
  'history-max'?: number;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'rollback <name> [revision]',
  describe: 'roll a release back to a previous revision (default: the one before the newest)',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true })
      .positional('revision', { type: 'string' })
      .option('wait', { type: 'boolean', describe: 'wait until all resources are ready' })
      .option('wait-for-jobs', { type: 'boolean', describe: 'with --wait, also wait for Jobs to complete' })
      .option('cleanup-on-fail', { type: 'boolean', describe: 'delete resources created by a failed rollback' })
      .option('force', { type: 'boolean', describe: 'replace resources (PUT) instead of patching them' })
      .option('no-hooks', { type: 'boolean', describe: 'do not run rollback hooks' })
      .option('dry-run', { type: 'boolean', describe: 'simulate a rollback' })
      .option('timeout', { type: 'string', default: formatGoDuration(DEFAULT_TIMEOUT_MS), describe: 'time to wait for any individual Kubernetes operation' })
      .option('history-max', { type: 'number', default: Number(process.env.SKIFF_MAX_HISTORY ?? 10), describe: 'revisions kept per release (0 = no limit)' }) as never,
  handler: async (args) => {
    const revision = args.revision === undefined ? 0 : Number(args.revision);
    if (!Number.isInteger(revision) || revision < 0) throw new UsageError(`invalid revision "${args.revision}": expected a revision number`);
    const progress = progressDisplay('table');
    const r = await withRelease(args, ({ cfg, namespace }) =>
      rollback(cfg, {
        releaseName: args.name,
        namespace,
        revision,
        wait: args.wait,
        waitForJobs: args['wait-for-jobs'],
        cleanupOnFail: args['cleanup-on-fail'],
        force: args.force,
        noHooks: args['no-hooks'],
        dryRun: args['dry-run'],
        timeoutMs: parseDuration(args.timeout, '--timeout'),
        historyMax: args['history-max'],
        onProgress: progress.onProgress,
      }),
      { operation: true },
    ).finally(() => progress.done());
    writeOut(args['dry-run'] ? `Rollback of "${args.name}" to revision ${r.release.info.description.replace('Rollback to ', '')} would create revision ${r.release.version} (dry run)\n` : `Rolled back release "${r.release.name}" to revision ${r.release.info.description.replace('Rollback to ', '')}: revision ${r.release.version} is now deployed.\n`);
  },
};
