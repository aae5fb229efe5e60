import type { CommandModule } from 'yargs';
import { diffRollback, diffUpgrade, type DiffResult } from '../../action/diff.js';
import { detectDrift } from '../../action/drift.js';
import { formatDrift, ignoreRulesFromFlags } from '../../release/drift.js';
import { locateChart } from '../../action/locate-chart.js';
import { addRegistryFlags, registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';
import { mergeValueOptions } from '../../values/index.js';
import { UsageError } from '../../errors.js';
import { addValuesFlags, valueOptionsFromArgs, type ValuesArgs } from '../values-flags.js';
import { parseOutputFormat, printResult } from '../output.js';
import { withRelease } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import { addSensitiveFlags, maskReleaseSecrets, operationSensitive, type SensitiveArgs } from '../sensitive.js';

interface Args extends GlobalArgs, ValuesArgs, SensitiveArgs, RegistryArgs {
  devel?: boolean;
  operation: string;
  args?: string[];
  'detailed-exitcode'?: boolean;
  'no-color'?: boolean;
  'reuse-values'?: boolean;
  'reset-values'?: boolean;
  'reset-then-reuse-values'?: boolean;
  'skip-schema-validation'?: boolean;
  version?: string;
  repo?: string;
  output?: string;
  ignore?: string[];
}

function render(r: DiffResult, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  let out = '';
  for (const d of r.changes) {
    const what = d.change === 'changed' ? 'has changed' : d.change === 'added' ? 'has been added' : 'has been removed';
    out += c('33', `${d.namespace}, ${d.name}, ${d.kind} (${d.group || 'v1'}) ${what}:`) + '\n';
    for (const line of d.diff.replace(/\n$/, '').split('\n')) {
      out += (line.startsWith('@@') ? c('36', line) : line.startsWith('+') ? c('32', line) : line.startsWith('-') ? c('31', line) : line) + '\n';
    }
    out += '\n';
  }
  return out;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'diff <operation> [args..]',
  describe: 'show what an upgrade (NAME CHART) or a rollback (NAME [REVISION]) would change in the cluster, or what changed outside skiff (release NAME)',
  builder: (y) =>
    addRegistryFlags(addSensitiveFlags(addValuesFlags(y)))
      .positional('operation', { type: 'string', choices: ['upgrade', 'rollback', 'release'], demandOption: true })
      .positional('args', { type: 'string', array: true })
      .option('detailed-exitcode', { type: 'boolean', describe: 'exit with 2 when there are changes' })
      .option('no-color', { type: 'boolean', describe: 'never colour the output (default: colour on a terminal)' })
      .option('reuse-values', { type: 'boolean' })
      .option('reset-values', { type: 'boolean' })
      .option('reset-then-reuse-values', { type: 'boolean' })
      .option('skip-schema-validation', { type: 'boolean' })
      .option('version', { type: 'string', describe: 'chart version constraint (repository charts)' })
      .option('repo', { type: 'string', describe: 'chart repository URL' })
      .option('devel', { type: 'boolean', describe: 'use development versions too' })
      .option('ignore', { type: 'string', array: true, describe: 'release: a field not to report, as a JSON pointer (/spec/replicas), optionally KIND: or KIND/NAME: before it' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: diff (default), json or yaml' }) as never,
  handler: async (args) => {
    const pos = (args.args ?? []).map(String);
    const format = args.output === undefined || args.output === 'diff' ? 'table' : parseOutputFormat(args.output, ['json', 'yaml']);
    let result: DiffResult;
    if (args.operation === 'release') {
      if (pos.length !== 1) throw new UsageError('"skiff diff release" requires 1 argument: NAME');
      const ignore = ignoreRulesFromFlags((args.ignore ?? []).map(String));
      const drift = await withRelease(args, async ({ cfg, namespace }) => {
        await maskReleaseSecrets(cfg, namespace, pos[0]!, args);
        return detectDrift(cfg, { releaseName: pos[0]!, namespace, ignore });
      });
      printResult(format, drift.drifts, () =>
        drift.drifts.length
          ? formatDrift(drift.drifts)
          : `No drift: the ${drift.checked} objects of release "${drift.release.name}" (revision ${drift.release.version}) match the deployed manifest.\n`,
      );
      if (args['detailed-exitcode'] && drift.drifts.length) process.exitCode = 2;
      return;
    }
    if (args.operation === 'upgrade') {
      if (pos.length !== 2) throw new UsageError('"skiff diff upgrade" requires 2 arguments: NAME CHART');
      const chart = await locateChart(pos[1]!, { version: args.version, repo: args.repo, devel: args.devel, ...registryOptionsFromArgs(args) });
      const vopts = valueOptionsFromArgs(args);
      const values = await mergeValueOptions(vopts);
      operationSensitive(chart, values, args);
      result = await withRelease(args, async ({ cfg, namespace }) => {
        await maskReleaseSecrets(cfg, namespace, pos[0]!, args);
        return diffUpgrade(cfg, {
          chart,
          values,
          valuesGiven: Object.values(vopts).some((v) => Array.isArray(v) && v.length > 0),
          namespace,
          releaseName: pos[0]!,
          reuseValues: args['reuse-values'],
          resetValues: args['reset-values'],
          resetThenReuseValues: args['reset-then-reuse-values'],
          skipSchemaValidation: args['skip-schema-validation'],
        });
      });
    } else {
      if (pos.length < 1 || pos.length > 2) throw new UsageError('"skiff diff rollback" requires 1 or 2 arguments: NAME [REVISION]');
      const revision = pos[1] === undefined ? 0 : Number(pos[1]);
      if (!Number.isInteger(revision) || revision < 0) throw new UsageError(`invalid revision "${pos[1]}": expected a revision number`);
      result = await withRelease(args, async ({ cfg, namespace }) => {
        await maskReleaseSecrets(cfg, namespace, pos[0]!, args);
        return diffRollback(cfg, { releaseName: pos[0]!, namespace, revision });
      });
    }
    const color = !args['no-color'] && !!process.stdout.isTTY && !process.env.NO_COLOR;
    printResult(format, result.changes, () => render(result, color));
    if (args['detailed-exitcode'] && result.changes.length) process.exitCode = 2;
  },
};
