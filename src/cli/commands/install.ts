import type { CommandModule } from 'yargs';
import { install } from '../../action/install.js';
import { locateChart } from '../../action/locate-chart.js';
import { mergeValueOptions } from '../../values/index.js';
import { UsageError } from '../../errors.js';
import { addValuesFlags, valueOptionsFromArgs, type ValuesArgs } from '../values-flags.js';
import { parseDuration } from '../duration.js';
import { parseOutputFormat, printResult } from '../output.js';
import { addDeployFlags, deployOptionsFromArgs, type DeployArgs, releaseJSON, releaseSummary, takeDryRun, withRelease } from '../release-config.js';
import { progressDisplay } from '../progress.js';
import type { GlobalArgs } from '../global-flags.js';
import { addSensitiveFlags, operationSensitive, shownRelease, type SensitiveArgs } from '../sensitive.js';
import { registryOptionsFromArgs } from '../registry-flags.js';
import { keyringFromEnv } from '../environment.js';

interface Args extends GlobalArgs, ValuesArgs, DeployArgs, SensitiveArgs {
  args?: string[];
  'generate-name'?: boolean;
  'name-template'?: string;
  replace?: boolean;
  'hide-notes'?: boolean;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'install [args..]',
  describe: 'install a chart as a release: skiff install [NAME] CHART',
  builder: (y) =>
    addSensitiveFlags(addDeployFlags(addValuesFlags(y), 'install'))
      .positional('args', { type: 'string', array: true, describe: '[NAME] CHART' })
      .option('generate-name', { alias: 'g', type: 'boolean', describe: 'generate the name (and omit the NAME parameter)' })
      .option('name-template', { type: 'string', describe: 'template used to name the release (randAlpha/randAlphaNum/randNumeric N)' })
      .option('replace', { type: 'boolean', describe: 're-use the name of an uninstalled or failed release' })
      .option('hide-notes', { type: 'boolean', describe: 'do not print the notes' }) as never,
  handler: async (args) => {
    const pos = (args.args ?? []).map(String);
    const dryRun = takeDryRun(args['dry-run'], pos);
    const deploy = deployOptionsFromArgs(args, pos, 'install');
    const generated = args['generate-name'] || !!args['name-template'];
    if (pos.length !== (generated ? 1 : 2)) {
      throw new UsageError(generated ? '"skiff install --generate-name" requires 1 argument: CHART' : '"skiff install" requires 2 arguments: NAME CHART (or CHART with --generate-name)');
    }
    const [releaseName, chartRef] = generated ? [undefined, pos[0]!] : [pos[0]!, pos[1]!];
    const format = parseOutputFormat(args.output);
    const timeoutMs = parseDuration(args.timeout, '--timeout');
    const chart = await locateChart(chartRef, { version: args.version, repo: args.repo, devel: args.devel, verify: args.verify, ...(args.verify ? { keyring: await keyringFromEnv(args.keyring) } : {}), dependencyUpdate: args['dependency-update'], ...registryOptionsFromArgs(args) });
    const values = await mergeValueOptions(valueOptionsFromArgs(args));
    const sensitive = operationSensitive(chart, values, args);
    const progress = progressDisplay(format);
    const r = await withRelease(args, ({ cfg, namespace }) =>
      install(cfg, {
        chart,
        values,
        sensitive,
        namespace,
        releaseName,
        generateName: args['generate-name'],
        nameTemplate: args['name-template'],
        createNamespace: args['create-namespace'],
        dryRun,
        timeoutMs,
        ...deploy,
        replace: args.replace,
        onProgress: progress.onProgress,
      }),
      { operation: true },
    ).finally(() => progress.done());
    const shown = shownRelease(r.release, args);
    printResult(format, releaseJSON(shown), () => {
      let out = releaseSummary(shown, { hideNotes: args['hide-notes'] });
      if (dryRun) out += `HOOKS:\n${shown.hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('')}MANIFEST:\n${shown.manifest}`;
      return out;
    });
  },
};
