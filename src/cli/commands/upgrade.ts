import type { CommandModule } from 'yargs';
import { upgrade } from '../../action/upgrade.js';
import { locateChart } from '../../action/locate-chart.js';
import { registryOptionsFromArgs } from '../registry-flags.js';
import { keyringFromEnv } from '../environment.js';
import { mergeValueOptions } from '../../values/index.js';
import { UsageError } from '../../errors.js';
import { addValuesFlags, valueOptionsFromArgs, type ValuesArgs } from '../values-flags.js';
import { parseDuration } from '../duration.js';
import { parseOutputFormat, printResult } from '../output.js';
import { addDeployFlags, deployOptionsFromArgs, type DeployArgs, releaseJSON, releaseSummary, takeDryRun, withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { addSensitiveFlags, operationSensitive, shownRelease, type SensitiveArgs } from '../sensitive.js';

interface Args extends GlobalArgs, ValuesArgs, DeployArgs, SensitiveArgs {
  args?: string[];
  install?: boolean;
  'reuse-values'?: boolean;
  'reset-values'?: boolean;
  'reset-then-reuse-values'?: boolean;
  'reset-drift'?: boolean;
  'cleanup-on-fail'?: boolean;
  'history-max'?: number;
  'hide-notes'?: boolean;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'upgrade [args..]',
  describe: 'upgrade a release to a new chart or new values: skiff upgrade NAME CHART',
  builder: (y) =>
    addSensitiveFlags(addDeployFlags(addValuesFlags(y), 'upgrade'))
      .positional('args', { type: 'string', array: true, describe: 'NAME CHART' })
      .option('install', { alias: 'i', type: 'boolean', describe: 'install the release if it does not exist' })
      .option('reuse-values', { type: 'boolean', describe: "merge the last release's values with the new ones" })
      .option('reset-values', { type: 'boolean', describe: "reset the values to the chart's defaults" })
      .option('reset-then-reuse-values', { type: 'boolean', describe: "use the new chart's defaults, then the last release's values, then the new ones" })
      .option('reset-drift', { type: 'boolean', describe: 'first put back what changed outside skiff since the deployed revision (see "skiff diff release")' })
      .option('cleanup-on-fail', { type: 'boolean', describe: 'delete the resources created by a failed upgrade' })
      .option('history-max', { type: 'number', describe: 'revisions kept per release (0 = no limit)', default: Number(process.env.SKIFF_MAX_HISTORY ?? 10) })
      .option('hide-notes', { type: 'boolean', describe: 'do not print the notes' }) as never,
  handler: async (args) => {
    const pos = (args.args ?? []).map(String);
    const dryRun = takeDryRun(args['dry-run'], pos);
    const deploy = deployOptionsFromArgs(args, pos, 'upgrade');
    if (pos.length !== 2) throw new UsageError('"skiff upgrade" requires 2 arguments: NAME CHART');
    const format = parseOutputFormat(args.output);
    const timeoutMs = parseDuration(args.timeout, '--timeout');
    if (!Number.isInteger(args['history-max']) || args['history-max']! < 0) throw new UsageError(`invalid --history-max "${args['history-max']}": expected a whole number >= 0`);
    const chart = await locateChart(pos[1]!, { version: args.version, repo: args.repo, devel: args.devel, verify: args.verify, ...(args.verify ? { keyring: await keyringFromEnv(args.keyring) } : {}), dependencyUpdate: args['dependency-update'], ...registryOptionsFromArgs(args) });
    const vopts = valueOptionsFromArgs(args);
    const valuesGiven = Object.values(vopts).some((v) => Array.isArray(v) && v.length > 0);
    const values = await mergeValueOptions(vopts);
    // --mark-sensitive is checked by the planner, against the values the revision keeps (--reuse-values included).
    const sensitive = operationSensitive(chart, values, { ...args, 'mark-sensitive': undefined });
    const progress = progressDisplay(format);
    const r = await withRelease(args, ({ cfg, namespace }) =>
      upgrade(cfg, {
        chart,
        values,
        sensitive,
        markSensitive: args['mark-sensitive']?.map(String),
        valuesGiven,
        namespace,
        releaseName: pos[0]!,
        install: args.install,
        reuseValues: args['reuse-values'],
        resetDrift: args['reset-drift'],
        resetValues: args['reset-values'],
        resetThenReuseValues: args['reset-then-reuse-values'],
        cleanupOnFail: args['cleanup-on-fail'],
        historyMax: args['history-max'],
        createNamespace: args['create-namespace'],
        dryRun,
        timeoutMs,
        ...deploy,
        onProgress: progress.onProgress,
      }),
      { operation: true },
    ).finally(() => progress.done());
    const shown = shownRelease(r.release, args);
    printResult(format, releaseJSON(shown), () => {
      const head = r.action === 'upgrade' ? `Release "${r.release.name}" has been upgraded.\n` : '';
      let out = head + releaseSummary(shown, { hideNotes: args['hide-notes'] });
      if (dryRun) out += `MANIFEST:\n${shown.manifest}`;
      return out;
    });
  },
};
