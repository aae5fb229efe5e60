import type { Argv, CommandModule } from 'yargs';
import { skiffHomeFromEnv } from '../environment.js';
import { writeOut } from '../sink.js';
import { addRegistryFlags, registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';

const log = (l: string) => void writeOut(l + '\n');

const update: CommandModule<object, any> = {
  command: 'update <chart>',
  aliases: ['up'],
  describe: 'update charts/ based on the contents of Chart.yaml, and write Chart.lock',
  builder: (y) => addRegistryFlags(y.positional('chart', { type: 'string', demandOption: true }).option('skip-refresh', { type: 'boolean', describe: 'do not refresh the local repository cache' })),
  handler: async (args) => {
    const { dependencyUpdate } = await import('../../action/dependency.js');
    await dependencyUpdate(args.chart, { skipRefresh: args['skip-refresh'], log, home: skiffHomeFromEnv(), registry: registryOptionsFromArgs(args as RegistryArgs) });
  },
};

const build: CommandModule<object, any> = {
  command: 'build <chart>',
  describe: 'rebuild the charts/ directory based on the Chart.lock file',
  builder: (y) => addRegistryFlags(y.positional('chart', { type: 'string', demandOption: true }).option('skip-refresh', { type: 'boolean', describe: 'do not refresh the local repository cache' })),
  handler: async (args) => {
    const { dependencyBuild } = await import('../../action/dependency.js');
    await dependencyBuild(args.chart, { skipRefresh: args['skip-refresh'], log, home: skiffHomeFromEnv(), registry: registryOptionsFromArgs(args as RegistryArgs) });
  },
};

const list: CommandModule<object, any> = {
  command: 'list <chart>',
  aliases: ['ls'],
  describe: 'list the dependencies for the given chart',
  builder: (y) => y.positional('chart', { type: 'string', demandOption: true }).option('max-col-width', { type: 'number', default: 80, describe: 'maximum column width for output table' }),
  handler: async (args) => {
    const { dependencyList } = await import('../../action/dependency.js');
    const { formatTable } = await import('../output.js');
    const r = await dependencyList(args.chart);
    if (r.dependencies.length === 0) {
      writeOut(`WARNING: no dependencies at ${args.chart}/charts\n`);
    } else {
      const w = Number(args['max-col-width']);
      const cut = (s: string) => (s.length > w ? s.slice(0, Math.max(0, w - 3)) + '...' : s);
      writeOut(formatTable(['NAME', 'VERSION', 'REPOSITORY', 'STATUS'], r.dependencies.map((d) => [d.name, d.version, d.repository, d.status].map(cut))) + '\n');
    }
    for (const e of r.extras) writeOut(`WARNING: "charts/${e}" is not in Chart.yaml.\n`);
  },
};

export const command: CommandModule = {
  command: 'dependency',
  describe: "manage a chart's dependencies",
  builder: (y: Argv) => y.command(update).command(build).command(list).demandCommand(1, 'a subcommand is required: update, build or list'),
  handler: () => {},
};
