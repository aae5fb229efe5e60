import type { CommandModule } from 'yargs';
import { list } from '../../action/list.js';
import { listOptionsFromFlags, parseListFormat, printListRows, type ListFlags } from '../list-output.js';
import { withRelease, ansiDate } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';

interface Args extends GlobalArgs, ListFlags {
  'all-namespaces'?: boolean;
  short?: boolean;
  'no-headers'?: boolean;
  headers?: boolean;
  output?: string;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'list',
  describe: 'list releases (in every state by default, as Helm 4; --helm3-default for deployed and failed only)',
  builder: (y) =>
    y
      .option('all', { alias: 'a', type: 'boolean', describe: 'show releases in every state (the default; kept for Helm 3 scripts)' })
      .option('helm3-default', { type: 'boolean', describe: "with no state flag, show only deployed and failed releases (Helm 3's default) instead of every state (Helm 4's)" })
      .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'list releases across all namespaces' })
      .option('filter', { alias: 'f', type: 'string', describe: 'a regular expression; only release names that match are listed' })
      .option('selector', { alias: 'l', type: 'string', describe: 'release label selector (=, ==, !=)' })
      .option('deployed', { type: 'boolean', describe: 'show deployed releases' })
      .option('failed', { type: 'boolean', describe: 'show failed releases' })
      .option('pending', { type: 'boolean', describe: 'show pending releases' })
      .option('superseded', { type: 'boolean', describe: 'show superseded releases' })
      .option('uninstalled', { type: 'boolean', describe: 'show uninstalled releases (uninstalled with --keep-history)' })
      .option('uninstalling', { type: 'boolean', describe: 'show releases being uninstalled' })
      .option('date', { alias: 'd', type: 'boolean', describe: 'sort by release date' })
      .option('reverse', { alias: 'r', type: 'boolean', describe: 'reverse the sort order' })
      .option('time-format', { type: 'string', describe: 'format times with a Go time layout, e.g. "2006-01-02 15:04:05Z0700"' })
      .option('max', { alias: 'm', type: 'number', default: 256, describe: 'maximum number of releases to fetch' })
      .option('offset', { type: 'number', default: 0, describe: 'next release index in the list' })
      .option('short', { alias: 'q', type: 'boolean', describe: 'output short (quiet) listing format' })
      .option('no-headers', { type: 'boolean', describe: "don't print headers in the table" })
      // yargs reads --no-headers as the negation of "headers": declared (hidden) so strict mode accepts it.
      .option('headers', { type: 'boolean', hidden: true })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }) as never,
  handler: async (args) => {
    const format = parseListFormat(args.output);
    const opts = listOptionsFromFlags(args);
    const rows = await withRelease(args, ({ cfg, namespace }) => list(cfg, { ...opts, namespace: args['all-namespaces'] ? undefined : namespace }));
    const noHeaders = args['no-headers'] || args.headers === false;
    await printListRows(rows, format, { short: args.short, noHeaders, timeFormat: args['time-format'] });
  },
};

export { helmTime } from '../list-output.js';
export { ansiDate };
