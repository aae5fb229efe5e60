import type { CommandModule } from 'yargs';
import { uninstall } from '../../action/uninstall.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeOut } from '../sink.js';
import { DEFAULT_TIMEOUT_MS } from '../../action/configuration.js';
import { formatGoDuration } from '../../util/duration.js';

interface Args extends GlobalArgs {
  names: string[];
  'keep-history'?: boolean;
  wait?: boolean;
  cascade: string;
  'ignore-not-found'?: boolean;
  'dry-run'?: boolean;
  'no-hooks'?: boolean;
  timeout: string;
  description?: string;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'uninstall <names..>',
  describe: 'uninstall one or more releases',
  builder: (y) =>
    y
      .positional('names', { type: 'string', array: true, demandOption: true })
      .option('keep-history', { type: 'boolean', describe: 'keep the release history (the release is listed with --uninstalled)' })
      .option('wait', { type: 'boolean', describe: 'wait until every resource is deleted' })
      .option('cascade', { type: 'string', default: 'background', describe: 'deletion cascading: background, orphan or foreground' })
      .option('ignore-not-found', { type: 'boolean', describe: 'treat "release not found" as a successful uninstall' })
      .option('dry-run', { type: 'boolean', describe: 'simulate an uninstall' })
      .option('no-hooks', { type: 'boolean', describe: 'do not run delete hooks' })
      .option('timeout', { type: 'string', default: formatGoDuration(DEFAULT_TIMEOUT_MS), describe: 'time to wait for any individual Kubernetes operation' })
      .option('description', { type: 'string', describe: 'a custom description' }) as never,
  handler: async (args) => {
    if (!['background', 'orphan', 'foreground'].includes(args.cascade)) {
      throw new UsageError(`invalid --cascade "${args.cascade}": expected background, orphan or foreground`);
    }
    const progress = progressDisplay('table');
    const results = await withRelease(args, ({ cfg, namespace }) =>
      uninstall(cfg, {
        names: args.names.map(String),
        namespace,
        keepHistory: args['keep-history'],
        wait: args.wait,
        cascade: args.cascade as 'background',
        ignoreNotFound: args['ignore-not-found'],
        dryRun: args['dry-run'],
        noHooks: args['no-hooks'],
        timeoutMs: parseDuration(args.timeout, '--timeout'),
        description: args.description,
        onProgress: progress.onProgress,
      }),
      { operation: true },
    ).finally(() => progress.done());
    for (const r of results) {
      if (!r.release) continue;
      if (args['dry-run']) {
        writeOut(`release "${r.name}" would be uninstalled; it would delete: ${r.deleted.join(', ') || 'nothing'}\n`);
        if (r.kept.length) writeOut(`and keep (resource policy): ${r.kept.join(', ')}\n`);
        continue;
      }
      if (r.kept.length) writeOut(`These resources were kept due to the resource policy:\n${r.kept.map((k) => `[${k.replace('/', '] ')}\n`).join('')}\n`);
      writeOut(`release "${r.name}" uninstalled\n`);
    }
  },
};
