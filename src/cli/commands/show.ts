import type { CommandModule, Argv } from 'yargs';
import { showChart, showWithEngines, type ShowWhat } from '../../action/show.js';
import { writeErr, writeOut } from '../sink.js';

const SUBCOMMANDS: readonly [ShowWhat, string][] = [
  ['all', 'show all information of the chart'],
  ['chart', "show the chart's definition"],
  ['values', "show the chart's values"],
  ['readme', "show the chart's README"],
  ['crds', "show the chart's CRDs"],
];

interface ShowArgs {
  chart: string;
  version?: string;
  repo?: string;
  devel?: boolean;
}

function sub(what: ShowWhat, describe: string): CommandModule<object, ShowArgs> {
  return {
    command: `${what} <chart>`,
    describe,
    builder: (y) =>
      y
        .positional('chart', { type: 'string', demandOption: true, describe: 'chart directory, .tgz archive or repository reference' })
        .option('version', { type: 'string', describe: 'version constraint for a repository chart' })
        .option('repo', { type: 'string', describe: 'chart repository URL where to locate the chart' })
        .option('devel', { type: 'boolean', describe: 'use development versions too (equivalent to version ">0.0.0-0")' }),
    handler: async (args) => {
      const opts = { what, chart: args.chart, version: args.version, repo: args.repo, devel: args.devel };
      if (what === 'chart' || what === 'all') {
        const r = await showWithEngines(opts);
        writeOut(r.out);
        writeErr(r.engines);
      } else writeOut(await showChart(opts));
    },
  };
}

export const command: CommandModule = {
  command: 'show',
  describe: 'show information of a chart',
  builder: (y: Argv) => {
    let out = y;
    for (const [what, describe] of SUBCOMMANDS) out = out.command(sub(what, describe));
    return out.demandCommand(1, 'a subcommand is required: all, chart, values, readme or crds');
  },
  handler: () => {},
};
