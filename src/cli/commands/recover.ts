import type { CommandModule } from 'yargs';
import { recover, type PendingReport, type RecoverMode } from '../../action/recover.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../duration.js';
import { formatTable, parseOutputFormat, printResult } from '../output.js';
import { withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { maskReleaseSecrets } from '../sensitive.js';

interface Args extends GlobalArgs {
  name: string;
  complete?: boolean;
  rollback?: boolean;
  force?: boolean;
  wait?: boolean;
  timeout: string;
  output?: string;
}

const LOCK: Record<PendingReport['lock'], string> = {
  expired: 'expired',
  held: 'held (the holder may still be running)',
  'holder-gone': 'held, but its holder is no longer running on this host',
};

function reportText(r: PendingReport): string {
  const lines = [
    `NAME: ${r.name}`,
    `NAMESPACE: ${r.namespace}`,
    `REVISION: ${r.revision} (${r.status})`,
    `OPERATION: ${r.operation}`,
    `BY: ${r.holder}`,
    `SINCE: ${r.since}`,
    `LOCK: ${LOCK[r.lock]}, until ${r.lockExpires}`,
    `CHART: ${r.chart}`,
    `REPLACES: ${r.replaces === undefined ? 'nothing (first install)' : `revision ${r.replaces}`}`,
    `DESCRIPTION: ${r.description}`,
  ];
  let out = lines.join('\n') + '\nOBJECTS:\n';
  out += formatTable(
    ['KIND', 'NAME', 'STATE'],
    r.objects.map((o) => [o.kind, o.name, o.state === 'not-applied' ? `not applied (${o.fields!.join(', ')})` : o.state]),
  );
  if (r.hooks.length) out += 'HOOKS:\n' + formatTable(['NAME', 'EVENTS', 'LAST RUN'], r.hooks.map((h) => [h.name, h.events.join(','), h.phase]));
  return out;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'recover <name>',
  describe: 'show a release an interrupted operation left pending; --complete or --rollback finishes it',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true })
      .option('complete', { type: 'boolean', describe: 'finish the operation: apply the pending revision and record it deployed (hooks are not re-run)' })
      .option('rollback', { type: 'boolean', describe: 'record the pending revision failed and roll back to the revision it replaced (uninstall an interrupted first install)' })
      .option('force', { type: 'boolean', describe: 'act although the lock has not expired and its holder cannot be shown to be gone' })
      .option('wait', { type: 'boolean', describe: 'wait until the resources are ready' })
      .option('timeout', { type: 'string', default: '5m0s', describe: 'time to wait for any individual Kubernetes operation' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format of the report: table, json or yaml' }) as never,
  handler: async (args) => {
    if (args.complete && args.rollback) throw new UsageError('--complete and --rollback are exclusive: choose how to finish the operation');
    const mode: RecoverMode | undefined = args.complete ? 'complete' : args.rollback ? 'rollback' : undefined;
    const format = parseOutputFormat(args.output);
    const timeoutMs = parseDuration(args.timeout, '--timeout');
    const progress = progressDisplay(format);
    const r = await withRelease(
      args,
      async ({ cfg, namespace }) => {
        await maskReleaseSecrets(cfg, namespace, args.name, {});
        return recover(cfg, { releaseName: args.name, namespace, mode, force: args.force, wait: args.wait, timeoutMs, onProgress: progress.onProgress });
      },
      { operation: !!mode },
    ).finally(() => progress.done());
    printResult(format, { ...r.report, ...(r.action ? { action: r.action, revision: r.release?.version } : {}) }, () => {
      let out = reportText(r.report);
      if (r.action === 'completed') out += `\nCompleted: revision ${r.release!.version} of release "${r.report.name}" is now deployed.\n`;
      else if (r.action === 'rolled-back') out += `\nRolled back: revision ${r.report.revision} is recorded failed; revision ${r.release!.version} (rollback to ${r.report.replaces}) is now deployed.\n`;
      else if (r.action === 'uninstalled') out += `\nRolled back: the interrupted install was uninstalled.\n`;
      else out += `\nNothing changed. Finish it with "skiff recover ${r.report.name} --complete" or undo it with "skiff recover ${r.report.name} --rollback".\n`;
      return out;
    });
  },
};
