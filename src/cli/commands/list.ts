import type { CommandModule } from 'yargs';
import { list, type ListOptions } from '../../action/list.js';
import { formatTable, parseOutputFormat, printResult } from '../output.js';
import { withRelease, ansiDate } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeErr, writeOut } from '../sink.js';

interface Args extends GlobalArgs {
  all?: boolean;
  'all-namespaces'?: boolean;
  filter?: string;
  selector?: string;
  deployed?: boolean;
  failed?: boolean;
  pending?: boolean;
  superseded?: boolean;
  uninstalled?: boolean;
  uninstalling?: boolean;
  date?: boolean;
  reverse?: boolean;
  max: number;
  offset: number;
  short?: boolean;
  'no-headers'?: boolean;
  output?: string;
}

const STATES = ['deployed', 'failed', 'pending', 'superseded', 'uninstalled', 'uninstalling'] as const;

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'list',
  describe: 'list releases (deployed and failed by default)',
  builder: (y) =>
    y
      .option('all', { alias: 'a', type: 'boolean', describe: 'show all releases without any filter applied' })
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
      .option('max', { alias: 'm', type: 'number', default: 256, describe: 'maximum number of releases to fetch' })
      .option('offset', { type: 'number', default: 0, describe: 'next release index in the list' })
      .option('short', { alias: 'q', type: 'boolean', describe: 'output short (quiet) listing format' })
      .option('no-headers', { type: 'boolean', describe: "don't print headers in the table" })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }) as never,
  handler: async (args) => {
    const format = parseOutputFormat(args.output);
    const opts: ListOptions = {
      all: args.all,
      states: STATES.filter((s) => args[s]),
      filter: args.filter,
      selector: args.selector,
      byDate: args.date,
      reverse: args.reverse,
      max: args.max,
      offset: args.offset,
      onWarning: (m) => writeErr(`Warning: ${m}\n`),
    };
    const rows = await withRelease(args, ({ cfg, namespace }) => list(cfg, { ...opts, namespace: args['all-namespaces'] ? undefined : namespace }));
    if (args.short && format === 'table') {
      writeOut(rows.map((r) => r.name + '\n').join(''));
      return;
    }
    if (args.short) return printResult(format, rows.map((r) => r.name), () => '');
    printResult(format, rows, () =>
      formatTable(
        args['no-headers'] ? null : ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
        rows.map((r) => [r.name, r.namespace, r.revision, helmTime(r.updated), r.status, r.chart, r.app_version]),
      ),
    );
  },
};

/** Helm's list/history time format: "2006-01-02 15:04:05.999999999 -0700 MST". */
export function helmTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const tz = Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName')?.value ?? '';
  const frac = d.getMilliseconds() ? `.${p(d.getMilliseconds(), 3).replace(/0+$/, '')}` : '';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${frac} ${sign}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)} ${tz === 'GMT' || tz === 'UTC' ? 'UTC' : tz}`;
}

export { ansiDate };
