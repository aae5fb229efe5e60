import type { CommandModule } from 'yargs';
import { spawn } from 'node:child_process';
import { startDashboard } from '../../dashboard/server.js';
import { releaseContext } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeErr, writeOut } from '../sink.js';

interface Args extends GlobalArgs {
  address: string;
  open?: boolean;
  'allow-writes'?: boolean;
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
      .option('address', { type: 'string', default: '127.0.0.1:7474', describe: 'loopback HOST:PORT to listen on (port 0 = any free port)' })
      .option('open', { type: 'boolean', describe: 'open the dashboard in the default browser' })
      .option('allow-writes', { type: 'boolean', describe: 'allow rollback, uninstall and test from the browser (read-only otherwise)' }) as never,
  handler: async (args) => {
    const ctx = await releaseContext(args);
    const target = ctx.cfg.backend.target === 'local' ? 'bundled cluster' : args['kube-context'] ? `context ${args['kube-context']}` : 'kubeconfig cluster';
    const dash = await startDashboard({ cfg: ctx.cfg, address: args.address, allowWrites: args['allow-writes'], targetLabel: target });
    writeOut(`skiff dashboard for the ${target}${args['allow-writes'] ? '' : ' (read-only)'}: ${dash.url}\nPress Ctrl+C to stop.\n`);
    if (args.open) openBrowser(dash.url);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await dash.close();
    await ctx.close();
  },
};
