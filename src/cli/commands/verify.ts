import type { CommandModule } from 'yargs';
import { keyringFromEnv } from '../environment.js';
import { writeOut } from '../sink.js';

export const command: CommandModule<object, { path: string; keyring?: string }> = {
  command: 'verify <path>',
  describe: 'verify that a chart at the given path has been signed and is valid',
  builder: (y) =>
    y
      .positional('path', { type: 'string', demandOption: true, describe: 'the chart archive (.tgz); its .prov must be next to it' })
      .option('keyring', { type: 'string', describe: 'keyring containing public keys (default "~/.gnupg/pubring.gpg")' }),
  handler: async (args) => {
    const { verifyChart, formatVerification } = await import('../../action/verify.js');
    writeOut(formatVerification(await verifyChart(args.path, await keyringFromEnv(args.keyring))));
  },
};
