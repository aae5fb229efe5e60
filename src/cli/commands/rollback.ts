import type { CommandModule } from 'yargs';
import { rollback } from '../../action/rollback.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { withRelease } from '../release-config.js';
import { addApplyFlags, applyOptionsFromArgs, type ApplyArgs } from '../apply-flags.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeOut } from '../sink.js';
import { DEFAULT_TIMEOUT_MS } from '../../action/configuration.js';
import { formatGoDuration } from '../../util/duration.js';

interface Args extends GlobalArgs, ApplyArgs {
  name: string;
  revision?: string;
  'cleanup-on-fail'?: boolean;
  'no-hooks'?: boolean;
  'dry-run'?: boolean;
  timeout: string;
  'history-max'?: number;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'rollback <name> [revision]',
  describe: 'roll a release back to a previous revision (default: the one before the newest)',
  builder: (y) =>
    addApplyFlags(y, 'rollback')
      .positional('name', { type: 'string', demandOption: true })
      .positional('revision', { type: 'string' })
      .option('cleanup-on-fail', { type: 'boolean', describe: 'delete resources created by a failed rollback' })
      .option('no-hooks', { type: 'boolean', describe: 'do not run rollback hooks' })
      .option('dry-run', { type: 'boolean', describe: 'simulate a rollback' })
      .option('timeout', { type: 'string', default: formatGoDuration(DEFAULT_TIMEOUT_MS), describe: 'time to wait for any individual Kubernetes operation' })
      .option('history-max', { type: 'number', default: Number(process.env.SKIFF_MAX_HISTORY ?? 10), describe: 'revisions kept per release (0 = no limit)' }) as never,
  handler: async (args) => {
    // A bare --wait or --server-side before NAME took it as its value: give it back.
    const pos = [args.name, ...(args.revision !== undefined ? [args.revision] : [])].map(String);
    const apply = applyOptionsFromArgs(args, pos, 'rollback');
    if (pos.length > 2) throw new UsageError(`"skiff rollback" takes NAME [REVISION], got ${pos.length} arguments`);
    args.name = pos[0]!;
    args.revision = pos[1];
    const revision = args.revision === undefined ? 0 : Number(args.revision);
    if (!Number.isInteger(revision) || revision < 0) throw new UsageError(`invalid revision "${args.revision}": expected a revision number`);
    const progress = progressDisplay('table');
    const r = await withRelease(args, ({ cfg, namespace }) =>
      rollback(cfg, {
        releaseName: args.name,
        namespace,
        revision,
        ...apply,
        cleanupOnFail: args['cleanup-on-fail'],
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
