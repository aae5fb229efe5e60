import type { CommandModule } from 'yargs';
import { packageCharts } from '../../action/package.js';
import { writeErr, writeOut } from '../sink.js';

export const command: CommandModule<object, { charts: string[]; version?: string; 'app-version'?: string; destination?: string; 'dependency-update'?: boolean }> = {
  command: 'package <charts..>',
  describe: 'package a chart directory into a chart archive',
  builder: (y) =>
    y
      .positional('charts', { type: 'string', array: true, demandOption: true, describe: 'chart directories to package' })
      .option('version', { type: 'string', describe: 'set the version on the chart to this semver version' })
      .option('app-version', { type: 'string', describe: 'set the appVersion on the chart to this version' })
      .option('destination', { alias: 'd', type: 'string', default: '.', describe: 'location to write the chart' })
      .option('dependency-update', { alias: 'u', type: 'boolean', describe: 'update dependencies from "Chart.yaml" to dir "charts/" before packaging' }),
  handler: async (args) => {
    for (const chart of args.charts) {
      const [r] = await packageCharts({
        charts: [chart],
        version: args.version,
        appVersion: args['app-version'],
        destination: args.destination,
        dependencyUpdate: args['dependency-update'],
        log: (line) => writeOut(`${line}\n`),
      });
      if (r!.deprecated) writeErr('WARNING: this chart is deprecated\n');
      writeOut(`Successfully packaged chart and saved it to: ${r!.path}\n`);
    }
  },
};
