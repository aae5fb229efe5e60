// Cron schedules: five fields (minute hour day-of-month month day-of-week,
// with lists, ranges, steps, names) or @yearly/@monthly/@weekly/@daily/@hourly,
// evaluated in an IANA time zone (default UTC).

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface CronSchedule {
  readonly minutes: Set<number>;
  readonly hours: Set<number>;
  readonly dom: Set<number>;
  readonly months: Set<number>;
  readonly dow: Set<number>;
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

function field(s: string, min: number, max: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  for (const part of s.split(',')) {
    const [range, stepS] = part.split('/');
    const step = stepS === undefined ? 1 : Number(stepS);
    if (!Number.isInteger(step) || step <= 0) throw new Error(`invalid step "${stepS}"`);
    const val = (x: string) => {
      const i = names?.indexOf(x.toLowerCase()) ?? -1;
      const n = i >= 0 ? i + (min === 1 ? 1 : 0) : Number(x);
      if (!Number.isInteger(n) || n < min || n > max + (names === DAYS ? 1 : 0)) throw new Error(`value "${x}" out of range ${min}-${max}`);
      return names === DAYS && n === 7 ? 0 : n;
    };
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range!.includes('-')) [lo, hi] = range!.split('-').map(val) as [number, number];
    else {
      lo = val(range!);
      hi = stepS === undefined ? lo : max;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a schedule; throws Error naming the bad field. */
export function parseCron(expr: string): CronSchedule {
  let e = expr.trim();
  if (e.startsWith('TZ=') || e.startsWith('CRON_TZ=')) e = e.slice(e.indexOf(' ') + 1).trim();
  e = MACROS[e] ?? e;
  const f = e.split(/\s+/);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: "${expr}"`);
  return {
    minutes: field(f[0]!, 0, 59),
    hours: field(f[1]!, 0, 23),
    dom: field(f[2]!, 1, 31),
    months: field(f[3]!, 1, 12, MONTHS),
    dow: field(f[4]!, 0, 6, DAYS),
    domStar: f[2] === '*' || f[2] === '?',
    dowStar: f[4] === '*' || f[4] === '?',
  };
}

function partsIn(d: Date, tz: string): { y: number; mo: number; d: number; h: number; mi: number; wd: number } {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  const p: Record<string, string> = {};
  for (const x of fmt.formatToParts(d)) p[x.type] = x.value;
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), wd: DAYS.indexOf(p.weekday!.toLowerCase().slice(0, 3)) };
}

function matches(s: CronSchedule, d: Date, tz: string): boolean {
  const p = partsIn(d, tz);
  if (!s.minutes.has(p.mi) || !s.hours.has(p.h) || !s.months.has(p.mo)) return false;
  const domOk = s.dom.has(p.d);
  const dowOk = s.dow.has(p.wd);
  // Like cron (and robfig/cron): when both day fields are restricted, either may match.
  if (s.domStar || s.dowStar) return domOk && dowOk;
  return domOk || dowOk;
}

/** The first scheduled minute strictly after `after` (searching up to ~5 years). */
export function nextRun(s: CronSchedule, after: Date, tz = 'UTC'): Date | undefined {
  let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  const end = t + 5 * 366 * 24 * 3600_000;
  while (t < end) {
    const d = new Date(t);
    const p = partsIn(d, tz);
    const dayOk = s.domStar || s.dowStar ? s.dom.has(p.d) && s.dow.has(p.wd) : s.dom.has(p.d) || s.dow.has(p.wd);
    if (!s.months.has(p.mo) || !dayOk) t += (24 * 60 - p.h * 60 - p.mi) * 60_000;
    else if (!s.hours.has(p.h)) t += (60 - p.mi) * 60_000;
    else if (matches(s, d, tz)) return d;
    else t += 60_000;
  }
  return undefined;
}
