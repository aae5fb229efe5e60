// Sprig's date functions on Go's time.Time (see gotime.ts): now, date,
// dateInZone, htmlDate, toDate, dateModify, ago, duration, durationRound,
// unixEpoch, and their must/snake-case forms.
import type { GoFunc } from '../func-types.js';
import { GoInt } from '../value.js';
import { ANY, fn } from './define.js';
import { durationString, fromUnix, GoTime, now, parseDuration, parseTime, ZERO_UNIX } from './gotime.js';
import { loadLocation, local, UTC } from './gozone.js';

/** Sprig's reading of a date argument: a time.Time, or int/int64/int32 Unix seconds; anything else is now. */
function timeOf(d: unknown, ints: readonly string[] = ['int', 'int64', 'int32']): GoTime {
  if (d instanceof GoTime) return d;
  if (d instanceof GoInt && ints.includes(d.kind)) return fromUnix(d.v);
  return now();
}

function dateInZone(layout: string, d: unknown, zone: string): string {
  const t = timeOf(d);
  return t.in(loadLocation(zone) ?? UTC).format(layout);
}

function dateModify(f: string, d: GoTime, must: boolean): GoTime {
  let ns: bigint;
  try {
    ns = parseDuration(f);
  } catch (e) {
    if (must) throw e;
    return d;
  }
  return d.add(ns);
}

const ZERO = () => new GoTime(ZERO_UNIX, 0, UTC);

function toDate(layout: string, s: string, must: boolean): GoTime {
  try {
    return parseTime(layout, s, local());
  } catch (e) {
    if (must) throw e;
    return ZERO();
  }
}

const YEAR = 365n * 24n * 3600n * 1_000_000_000n;
const MONTH = 30n * 24n * 3600n * 1_000_000_000n;
const DAY = 24n * 3600n * 1_000_000_000n;
const HOUR = 3600n * 1_000_000_000n;
const MINUTE = 60n * 1_000_000_000n;
const SECOND = 1_000_000_000n;

function durationRound(v: unknown): string {
  let d = 0n;
  if (typeof v === 'string') {
    try { d = parseDuration(v); } catch { d = 0n; }
  } else if (v instanceof GoInt && v.kind === 'int64') d = v.v;
  else if (v instanceof GoTime) d = now().unixNano() - v.unixNano();
  const u = d < 0n ? -d : d;
  for (const [unit, suffix] of [[YEAR, 'y'], [MONTH, 'mo'], [DAY, 'd'], [HOUR, 'h'], [MINUTE, 'm'], [SECOND, 's']] as const) {
    if (u > unit) return `${u / unit}${suffix}`;
  }
  return '0s';
}

/** time.Duration.Round(time.Second): halves away from zero. */
function roundSecond(d: bigint): bigint {
  if (d < 0n) {
    const r = -(d % SECOND);
    return r + r < SECOND ? d + r : d - SECOND + r;
  }
  const r = d % SECOND;
  return r + r < SECOND ? d - r : d + SECOND - r;
}

function duration(v: unknown): string {
  let n = 0n;
  if (typeof v === 'string') n = /^[-+]?\d+$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v) ? BigInt(v) : 0n;
  else if (v instanceof GoInt && v.kind === 'int64') n = v.v;
  return durationString(BigInt.asIntN(64, n * SECOND));
}

const S = 'string';
const T = 'time.Time';

export const DATE_FUNCS: Record<string, GoFunc> = {
  now: fn([], T, now),
  date: fn([S, ANY], S, (l: string, d: unknown) => dateInZone(l, d, 'Local')),
  dateInZone: fn([S, ANY, S], S, dateInZone),
  date_in_zone: fn([S, ANY, S], S, dateInZone),
  htmlDate: fn([ANY], S, (d: unknown) => dateInZone('2006-01-02', d, 'Local')),
  htmlDateInZone: fn([ANY, S], S, (d: unknown, z: string) => dateInZone('2006-01-02', d, z)),
  dateModify: fn([S, T], T, (f: string, d: GoTime) => dateModify(f, d, false)),
  date_modify: fn([S, T], T, (f: string, d: GoTime) => dateModify(f, d, false)),
  mustDateModify: fn([S, T], [T, 'error'], (f: string, d: GoTime) => dateModify(f, d, true)),
  must_date_modify: fn([S, T], [T, 'error'], (f: string, d: GoTime) => dateModify(f, d, true)),
  toDate: fn([S, S], T, (l: string, s: string) => toDate(l, s, false)),
  mustToDate: fn([S, S], [T, 'error'], (l: string, s: string) => toDate(l, s, true)),
  unixEpoch: fn([T], S, (d: GoTime) => String(d.unix)),
  ago: fn([ANY], S, (d: unknown) => durationString(roundSecond(now().unixNano() - timeOf(d, ['int', 'int64']).unixNano()))),
  duration: fn([ANY], S, duration),
  durationRound: fn([ANY], S, durationRound),
};

