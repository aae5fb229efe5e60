import type { CommandModule } from 'yargs';
import { SkiffError } from '../../errors.js';

// Placeholder until the command lands; it fails loudly rather than pretending.
export const command: CommandModule = {
  command: 'get',
  describe: 'get',
  builder: (y) => y.strict(false),
  handler: () => {
    throw new SkiffError('NOT_IMPLEMENTED', 'skiff get is not available in this build');
  },
};
