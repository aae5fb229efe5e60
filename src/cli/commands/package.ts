import type { CommandModule } from 'yargs';
import { SkiffError } from '../../errors.js';

// Placeholder until the command lands; it fails loudly rather than pretending.
export const command: CommandModule = {
  command: 'package',
  describe: 'package',
  builder: (y) => y.strict(false),
  handler: () => {
    throw new SkiffError('NOT_IMPLEMENTED', 'skiff package is not available in this build');
  },
};
