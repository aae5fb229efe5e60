import type { CommandModule } from 'yargs';
import { sourceDateEpochFromEnv } from '../environment.js';
import { registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';
import { writeErr, writeOut } from '../sink.js';

export const command: CommandModule<object, any> = {
  command: 'push <chart> <remote>',
  describe: 'upload a chart archive to an OCI registry (oci://HOST/NAMESPACE) or a skiff or ChartMuseum repository server (an added repository name or a URL)',
  builder: (y) =>
    y
      .positional('chart', { type: 'string', demandOption: true, describe: 'the .tgz to upload' })
      .positional('remote', { type: 'string', demandOption: true, describe: 'oci://HOST/NAMESPACE, a repository name or a server URL' })
      .option('username', { type: 'string', describe: 'repository username (default: from the repository entry)' })
      .option('password', { type: 'string', describe: 'repository password (default: from the repository entry)' })
      .option('ca-file', { type: 'string', describe: 'verify certificates of HTTPS-enabled servers using this CA bundle' })
      .option('cert-file', { type: 'string', describe: 'identify HTTPS client using this SSL certificate file' })
      .option('key-file', { type: 'string', describe: 'identify HTTPS client using this SSL key file' })
      .option('insecure-skip-tls-verify', { type: 'boolean', describe: 'skip tls certificate checks for the upload' })
      .option('plain-http', { type: 'boolean', describe: 'use insecure HTTP connections for the chart upload (oci://)' }),
  handler: async (args) => {
    const { pushChart } = await import('../../action/push.js');
    const { transferProgress } = await import('../../repo/transfer-progress.js');
    const r = await pushChart({
      archive: args.chart,
      target: args.remote,
      ...registryOptionsFromArgs(args as RegistryArgs),
      onProgress: transferProgress(`Uploading ${args.chart}`),
      created: sourceDateEpochFromEnv(),
    });
    if (r.digest) writeErr(`Pushed: ${r.ref}\nDigest: ${r.digest}\n`);
    else writeOut(`Pushed: ${r.name}-${r.version}.tgz to ${r.url}\n`);
  },
};
