// How `skiff list` turns its flags into the action's options and prints the
// rows: shared by the list command and its fast path (src/cli/fast-list.ts),
// so both print byte for byte the same. Light: no CLI framework, no backend,
// and the YAML library only for -o yaml.
import type { ListOptions, ListRow } from '../action/list.js';
import { parseOutputFormat, toJSON, YAML_OUTPUT, type OutputFormat } from './output-format.js';
import { writeErr, writeOut } from './sink.js';
import { formatTable } from './table.js';
import { loadYaml } from './yaml-lazy.js';

export const LIST_STATES = ['deployed', 'failed', 'pending', 'superseded', 'uninstalled', 'uninstalling'] as const;

/** The list flags, as both parsers name them. */
export interface ListFlags {
  all?: boolean;
  'helm3-default'?: boolean;
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
  'time-format'?: string;
  max: number;
  offset: number;
}

/** The action's options for these flags (the namespace is the caller's). */
export function listOptionsFromFlags(args: ListFlags): ListOptions {
  return {
    all: args.all,
    defaultStates: args['helm3-default'] ? 'helm3' : 'helm4',
    states: LIST_STATES.filter((s) => args[s]),
    filter: args.filter,
    selector: args.selector,
    byDate: args.date,
    reverse: args.reverse,
    max: args.max,
    offset: args.offset,
    onWarning: (m) => writeErr(`Warning: ${m}\n`),
  };
}

/** Checks -o before anything is read; throws UsageError for an unknown format. */
export const parseListFormat = (output: string | undefined) => parseOutputFormat(output);

/**
 * --time-format: Go's time.Format layout ("2006-01-02 15:04:05Z0700") applied
 * to each record's time in the zone it was written with, as Helm does. The Go
 * time code is loaded only when the flag is given, to keep plain lists fast.
 */
async function goTimeFormatter(layout: string): Promise<(iso: string) => string> {
  const [{ parseTime }, { local }] = await Promise.all([import('../render/gotmpl/funcs/gotime.js'), import('../render/gotmpl/funcs/gozone.js')]);
  return (iso) => {
    try {
      return parseTime('2006-01-02T15:04:05Z07:00', iso, local()).format(layout);
    } catch {
      return iso;
    }
  };
}

/** Prints the rows as -q, -o, --no-headers and --time-format ask. */
export async function printListRows(rows: readonly ListRow[], format: OutputFormat, opts: { short?: boolean; noHeaders?: boolean; timeFormat?: string }): Promise<void> {
  if (opts.short && format === 'table') {
    writeOut(rows.map((r) => r.name + '\n').join(''));
    return;
  }
  // As Helm, `updated` is the same text in every format (Go's time.String(), "-" when never deployed).
  const time = opts.timeFormat && !opts.short ? await goTimeFormatter(opts.timeFormat) : helmTime;
  const data = opts.short ? rows.map((r) => r.name) : rows.map((r) => ({ ...r, updated: r.updated ? time(r.updated) : '-' }));
  if (format === 'json') writeOut(toJSON(data));
  else if (format === 'yaml') writeOut((await loadYaml()).stringify(data, YAML_OUTPUT));
  else {
    const shown = data as (ListRow & { updated: string })[];
    writeOut(
      formatTable(
        opts.noHeaders ? null : ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
        shown.map((r) => [r.name, r.namespace, r.revision, r.updated, r.status, r.chart, r.app_version]),
      ),
    );
  }
}

/** The zone-abbreviation formatter: built once (building one costs far more than using it). */
let zoneNames: Intl.DateTimeFormat | undefined;

/**
 * The short name of the local zone at `d` ("UTC", "CET"). In the UTC zone
 * (servers, CI, containers) Date's own text says so, and the Intl formatter,
 * which costs tens of milliseconds to build, is never needed.
 */
function zoneName(d: Date): string {
  if (d.toString().endsWith(' (Coordinated Universal Time)')) return 'UTC';
  return (zoneNames ??= Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })).formatToParts(d).find((x) => x.type === 'timeZoneName')?.value ?? '';
}

/** Helm's list/history time format: "2006-01-02 15:04:05.999999999 -0700 MST". */
export function helmTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const tz = zoneName(d);
  const frac = d.getMilliseconds() ? `.${p(d.getMilliseconds(), 3).replace(/0+$/, '')}` : '';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${frac} ${sign}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)} ${tz === 'GMT' || tz === 'UTC' ? 'UTC' : tz}`;
}
