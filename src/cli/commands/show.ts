import type { CommandModule, Argv } from 'yargs';
import { showChart, showWithEngines, type ShowWhat } from '../../action/show.js';
import { writeErr, writeOut } from '../sink.js';
import { registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';

const SUBCOMMANDS: readonly [ShowWhat, string][] = [
  ['all', 'show all information of the chart'],
  ['chart', "show the chart's definition"],
  ['values', "show the chart's values"],
  ['readme', "show the chart's README"],
  ['crds', "show the chart's CRDs"],
];

interface ShowArgs extends RegistryArgs {
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
        .option('devel', { type: 'boolean', describe: 'use development versions too (equivalent to version ">0.0.0-0")' })
        .option('plain-http', { type: 'boolean', describe: 'use insecure HTTP connections for the chart download (oci://)' })
        .option('username', { type: 'string', describe: 'chart repository or registry username' })
        .option('password', { type: 'string', describe: 'chart repository or registry password' })
        .option('ca-file', { type: 'string', describe: 'verify certificates of HTTPS-enabled servers using this CA bundle' })
        .option('cert-file', { type: 'string', describe: 'identify HTTPS client using this SSL certificate file' })
        .option('key-file', { type: 'string', describe: 'identify HTTPS client using this SSL key file' })
        .option('insecure-skip-tls-verify', { type: 'boolean', describe: 'skip tls certificate checks for the chart download' }),
    handler: async (args) => {
      const opts = { what, chart: args.chart, version: args.version, repo: args.repo, devel: args.devel, locate: registryOptionsFromArgs(args) };
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
