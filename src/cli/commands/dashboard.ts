import type { CommandModule } from 'yargs';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { startDashboard } from '../../dashboard/server.js';
import { releaseContext } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeErr, writeOut } from '../sink.js';

interface Args extends GlobalArgs {
  address: string;
  open?: boolean;
  'allow-writes'?: boolean;
  'tls-cert-file'?: string;
  'tls-private-key-file'?: string;
}

/** The PEM files for HTTPS, both or neither; an unreadable file is named. */
function readTls(args: Args): { cert: Buffer; key: Buffer } | undefined {
  const certFile = args['tls-cert-file'];
  const keyFile = args['tls-private-key-file'];
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new UsageError('--tls-cert-file and --tls-private-key-file go together');
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new UsageError(`--${flag} ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  };
  return { cert: read('tls-cert-file', certFile), key: read('tls-private-key-file', keyFile) };
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => writeErr(`Could not start a browser (${cmd}); open the URL above yourself.\n`));
  child.unref();
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'dashboard',
  describe: 'see and steer releases and the cluster in a browser',
  builder: (y) =>
    y
      .option('address', { type: 'string', default: '127.0.0.1:7474', describe: 'HOST:PORT to listen on (port 0 = any free port); a non-loopback host needs TLS' })
      .option('tls-cert-file', { type: 'string', describe: 'serve HTTPS with this PEM certificate (chain); required to listen beyond loopback' })
      .option('tls-private-key-file', { type: 'string', describe: 'the PEM private key of --tls-cert-file' })
      .option('open', { type: 'boolean', describe: 'open the dashboard in the default browser' })
      .option('allow-writes', { type: 'boolean', describe: 'allow rollback, uninstall and test from the browser (read-only otherwise)' }) as never,
  handler: async (args) => {
    const tls = readTls(args);
    const ctx = await releaseContext(args);
    const target = ctx.cfg.backend.target === 'local' ? 'bundled cluster' : args['kube-context'] ? `context ${args['kube-context']}` : 'kubeconfig cluster';
    const dash = await startDashboard({ cfg: ctx.cfg, address: args.address, ...(tls ? { tls } : {}), allowWrites: args['allow-writes'], targetLabel: target });
    writeOut(`skiff dashboard for the ${target}${args['allow-writes'] ? '' : ' (read-only)'}: ${dash.url}\n`);
    if (tls) writeOut('Also open with a token of the cluster in place of the one above (kubectl create token NAME): its user needs to list Secrets.\n');
    writeOut('Press Ctrl+C to stop.\n');
    if (args.open) openBrowser(dash.url);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await dash.close();
    await ctx.close();
  },
};
