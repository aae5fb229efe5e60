import type { CommandModule } from 'yargs';
import { createAction } from '../../action/create.js';
import { skiffHomeFromEnv } from '../environment.js';
import { writeOut } from '../sink.js';

export const command: CommandModule<object, { name: string; starter?: string; engine?: 'nunjucks' | 'go' }> = {
  command: 'create <name>',
  describe: 'create a new chart with the given name',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true, describe: 'chart name (or path ending in the chart name)' })
      .option('starter', { alias: 'p', type: 'string', describe: 'the name or absolute path to a starter chart' })
      .option('engine', { type: 'string', choices: ['nunjucks', 'go'] as const, describe: 'template language of the built-in starter: nunjucks (default) or go (Helm\'s own starter chart, as helm create writes it)' }),
  handler: async (args) => {
    await createAction({ name: args.name, starter: args.starter, home: skiffHomeFromEnv(), ...(args.engine ? { engine: args.engine } : {}) });
    writeOut(`Creating ${args.name}\n`);
  },
};
