import type { Argv, CommandModule } from 'yargs';
import { writeErr } from '../sink.js';
import { registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';
import { keyringFromEnv } from '../environment.js';

/** Helm's CHART flag group: version, repository and credential flags. */
export function chartFlags<T>(y: Argv<T>): Argv<T> {
  return y
    .option('version', { type: 'string', describe: 'a version constraint for the chart version to use (exact version, or a range like "^1.0")' })
    .option('devel', { type: 'boolean', describe: "use development versions, too. Equivalent to version '>0.0.0-0'" })
    .option('repo', { type: 'string', describe: 'chart repository url where to locate the requested chart' })
    .option('username', { type: 'string', describe: 'chart repository username' })
    .option('password', { type: 'string', describe: 'chart repository password' })
    .option('ca-file', { type: 'string', describe: 'verify certificates of HTTPS-enabled servers using this CA bundle' })
    .option('cert-file', { type: 'string', describe: 'identify HTTPS client using this SSL certificate file' })
    .option('key-file', { type: 'string', describe: 'identify HTTPS client using this SSL key file' })
    .option('insecure-skip-tls-verify', { type: 'boolean', describe: 'skip tls certificate checks for the chart download' })
    .option('pass-credentials', { type: 'boolean', describe: 'pass credentials to all domains' })
    .option('verify', { type: 'boolean', describe: 'verify the package before using it' })
    .option('keyring', { type: 'string', describe: 'location of public keys used for verification (default "~/.gnupg/pubring.gpg")' })
    .option('plain-http', { type: 'boolean', describe: 'use insecure HTTP connections for the chart download (oci://)' }) as Argv<T>;
}

export const command: CommandModule<object, any> = {
  command: 'pull <charts..>',
  describe: 'download a chart from a repository and (optionally) unpack it in a local directory',
  builder: (y) =>
    chartFlags(y)
      .positional('charts', { type: 'string', array: true, demandOption: true, describe: 'REPO/CHART, a chart archive URL, a chart name with --repo, or a .tgz path' })
      .option('untar', { type: 'boolean', describe: 'if set to true, will untar the chart after downloading it' })
      .option('untardir', { type: 'string', default: '.', describe: 'if untar is specified, this flag specifies the name of the directory into which the chart is expanded' })
      .option('destination', { alias: 'd', type: 'string', default: '.', describe: 'location to write the chart' })
      .option('prov', { type: 'boolean', describe: "fetch the provenance file, but don't perform verification" }),
  handler: async (args) => {
    const { pullChart } = await import('../../action/pull.js');
    const { transferProgress } = await import('../../repo/transfer-progress.js');
    for (const ref of args.charts as string[]) {
      const r = await pullChart({
        ref,
        version: args.version,
        devel: args.devel,
        repo: args.repo,
        ...registryOptionsFromArgs(args as RegistryArgs),
        passCredentials: args['pass-credentials'],
        destination: args.destination,
        untar: args.untar,
        untardir: args.untardir,
        verify: args.verify,
        ...(args.verify ? { keyring: await keyringFromEnv(args.keyring) } : {}),
        prov: args.prov,
        onProgress: transferProgress(`Downloading ${ref}`),
      });
      if (r.digest) writeErr(`Pulled: ${r.ref}\nDigest: ${r.digest}\n`);
      if (r.verification) {
        const [{ writeOut }, { formatVerification }] = await Promise.all([import('../sink.js'), import('../../repo/provenance.js')]);
        writeOut(formatVerification(r.verification));
      }
    }
  },
};
