import type { CommandModule } from 'yargs';
import { packageCharts } from '../../action/package.js';
import { UsageError } from '../../errors.js';
import { writeErr, writeOut } from '../sink.js';
import { keyringFromEnv, registryCredentialFilesFromEnv, skiffHomeFromEnv } from '../environment.js';

interface Args {
  charts: string[];
  version?: string;
  'app-version'?: string;
  destination?: string;
  'dependency-update'?: boolean;
  sign?: boolean;
  key?: string;
  keyring?: string;
  'passphrase-file'?: string;
}

/** Helm reads the first line of the file, or of standard input for "-". */
async function readPassphrase(file: string): Promise<string> {
  const { readFileSync } = await import('node:fs');
  let data: string;
  try {
    data = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`cannot read --passphrase-file ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  return data.split(/\r?\n/)[0]!;
}

export const command: CommandModule<object, Args> = {
  command: 'package <charts..>',
  describe: 'package a chart directory into a chart archive',
  builder: (y) =>
    y
      .positional('charts', { type: 'string', array: true, demandOption: true, describe: 'chart directories to package' })
      .option('version', { type: 'string', describe: 'set the version on the chart to this semver version' })
      .option('app-version', { type: 'string', describe: 'set the appVersion on the chart to this version' })
      .option('destination', { alias: 'd', type: 'string', default: '.', describe: 'location to write the chart' })
      .option('dependency-update', { alias: 'u', type: 'boolean', describe: 'update dependencies from "Chart.yaml" to dir "charts/" before packaging' })
      .option('sign', { type: 'boolean', describe: 'use a PGP private key to sign this package' })
      .option('key', { type: 'string', describe: 'name of the key to use when signing. Used if --sign is true' })
      .option('keyring', { type: 'string', describe: 'location of a public keyring (default "~/.gnupg/pubring.gpg")' })
      .option('passphrase-file', { type: 'string', describe: 'location of a file which contains the passphrase for the signing key. Use "-" in order to read from stdin.' }),
  handler: async (args) => {
    let sign;
    if (args.sign) {
      if (!args.key) throw new UsageError('--sign needs --key NAME: a user ID, or part of one, of a secret key in --keyring');
      const passphrase = args['passphrase-file'] === undefined ? undefined : await readPassphrase(args['passphrase-file']);
      sign = { key: args.key, keyring: await keyringFromEnv(args.keyring), passphrase };
    }
    for (const chart of args.charts) {
      const [r] = await packageCharts({
        charts: [chart],
        version: args.version,
        appVersion: args['app-version'],
        destination: args.destination,
        dependencyUpdate: args['dependency-update'],
        home: skiffHomeFromEnv(),
        credentialFiles: registryCredentialFilesFromEnv(),
        sign,
        log: (line) => writeOut(`${line}\n`),
      });
      if (r!.deprecated) writeErr('WARNING: this chart is deprecated\n');
      writeOut(`Successfully packaged chart and saved it to: ${r!.path}\n`);
    }
  },
};
