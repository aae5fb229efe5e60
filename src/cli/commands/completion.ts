import type { CommandModule } from 'yargs';
import { completionScript } from '../completion-script.js';
import { UsageError } from '../../errors.js';
import { writeOut } from '../sink.js';

export const command: CommandModule<object, { shell?: string }> = {
  command: 'completion <shell>',
  describe: 'generate a shell completion script (bash or zsh)',
  builder: (y) => y.positional('shell', { type: 'string', choices: ['bash', 'zsh'], describe: 'the shell' }),
  handler: (args) => {
    if (args.shell !== 'bash' && args.shell !== 'zsh') throw new UsageError(`unsupported shell "${args.shell}": use bash or zsh`);
    writeOut(completionScript(args.shell));
  },
};
