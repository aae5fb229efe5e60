// Go's time.Time and time.Duration for the date functions: a GoStruct of
// type time.Time (with the methods templates call: Format, Unix, Year, UTC,
// ...), Go's layout-based Format and Parse ("2006-01-02T15:04:05Z07:00"),
// ParseDuration and Duration.String. Zones are in gozone.ts.
import { GoInt, GoStruct, int64, type GoMethod } from '../value.js';
import { FuncError } from './define.js';
import { withMarshaler } from './json.js';
import { DurationSyntaxError, formatGoDurationNanos, parseGoDurationNanos } from '../../../util/duration.js';
import { local, UTC, type Zone } from './gozone.js';

const NS = 1_000_000_000n;
const DAY = 86400;
/** Unix seconds of Go's zero time, January 1, year 1, 00:00:00 UTC. */
export const ZERO_UNIX = -62135596800n;

/** A civil date from days since 1970-01-01 (proleptic Gregorian). */
function civil(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Days since 1970-01-01 of a civil date (month and day may overflow, as Go's time.Date normalises). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** The fields of an instant in a zone. */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  weekday: number;
  yday: number;
  offset: number;
  abbrev: string;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A Go time.Time: Unix seconds, nanoseconds, zone, and (for `now`) a monotonic reading. */
export class GoTime extends GoStruct {
  constructor(readonly unix: bigint, readonly nsec: number, readonly zone: Zone, readonly mono?: bigint) {
    super('time.Time', {}, timeMethods(() => this), () => this.toString());
    withMarshaler(this, { marshalJSON: () => this.format(RFC3339NANO) });
  }

  civil(): Civil {
    const { offset, abbrev } = this.zone.at(Number(this.unix));
    const local = Number(this.unix) + offset;
    const days = Math.floor(local / DAY);
    const secs = local - days * DAY;
    const { y, m, d } = civil(days);
    const yday = days - daysFromCivil(y, 1, 1) + 1;
    return { year: y, month: m, day: d, hour: Math.floor(secs / 3600), min: Math.floor((secs % 3600) / 60), sec: secs % 60, nsec: this.nsec, weekday: (((days + 4) % 7) + 7) % 7, yday, offset, abbrev };
  }

  isZero(): boolean {
    return this.unix === ZERO_UNIX && this.nsec === 0;
  }

  in(zone: Zone): GoTime {
    return new GoTime(this.unix, this.nsec, zone, this.mono);
  }

  /** Adds a duration in nanoseconds (the monotonic reading moves with it). */
  add(ns: bigint): GoTime {
    const total = this.unix * NS + BigInt(this.nsec) + ns;
    const sec = total >= 0n ? total / NS : -((-total + NS - 1n) / NS);
    return new GoTime(sec, Number(total - sec * NS), this.zone, this.mono === undefined ? undefined : this.mono + ns);
  }

  /** Nanoseconds since the Unix epoch. */
  unixNano(): bigint {
    return this.unix * NS + BigInt(this.nsec);
  }

  format(layout: string): string {
    return formatTime(this.civil(), layout);
  }

  /** time.Time.String: "2006-01-02 15:04:05.999999999 -0700 MST" and the monotonic reading when there is one. */
  override toString(): string {
    let s = this.format('2006-01-02 15:04:05.999999999 -0700 MST');
    if (this.mono !== undefined) {
      const m = this.mono;
      const sign = m < 0n ? '-' : '+';
      const a = m < 0n ? -m : m;
      s += ` m=${sign}${a / NS}.${String(a % NS).padStart(9, '0')}`;
    }
    return s;
  }
}

const RFC3339NANO = '2006-01-02T15:04:05.999999999Z07:00';

/** Go's time.Now(), with a monotonic reading from process start. */
export function now(): GoTime {
  const ns = process.hrtime.bigint();
  const wall = BigInt(Date.now()) * 1_000_000n + (ns % 1_000_000n);
  return new GoTime(wall / NS, Number(wall % NS), local(), ns - START);
}
const START = process.hrtime.bigint() - 1_000_000n;

/** time.Unix(sec, 0) in Local. */
export function fromUnix(sec: bigint): GoTime {
  return new GoTime(sec, 0, local());
}

function timeMethods(self: () => GoTime): Record<string, GoMethod> {
  const m = (name: string, params: string[], result: string, call: (...a: any[]) => unknown): GoMethod => ({ name, params, results: [result], call });
  const c = () => self().civil();
  return {
    Format: m('Format', ['string'], 'string', (l: string) => self().format(l)),
    String: m('String', [], 'string', () => self().toString()),
    Unix: m('Unix', [], 'int64', () => int64(self().unix)),
    UnixNano: m('UnixNano', [], 'int64', () => int64(BigInt.asIntN(64, self().unixNano()))),
    UnixMilli: m('UnixMilli', [], 'int64', () => int64(self().unixNano() / 1_000_000n)),
    Year: m('Year', [], 'int', () => new GoInt('int', BigInt(c().year))),
    Month: m('Month', [], 'time.Month', () => goMonth(c().month)),
    Day: m('Day', [], 'int', () => new GoInt('int', BigInt(c().day))),
    Hour: m('Hour', [], 'int', () => new GoInt('int', BigInt(c().hour))),
    Minute: m('Minute', [], 'int', () => new GoInt('int', BigInt(c().min))),
    Second: m('Second', [], 'int', () => new GoInt('int', BigInt(c().sec))),
    Nanosecond: m('Nanosecond', [], 'int', () => new GoInt('int', BigInt(c().nsec))),
    YearDay: m('YearDay', [], 'int', () => new GoInt('int', BigInt(c().yday))),
    Weekday: m('Weekday', [], 'time.Weekday', () => goWeekday(c().weekday)),
    IsZero: m('IsZero', [], 'bool', () => self().isZero()),
    UTC: m('UTC', [], 'time.Time', () => self().in(UTC)),
    Local: m('Local', [], 'time.Time', () => self().in(local())),
    Before: m('Before', ['time.Time'], 'bool', (o: GoTime) => self().unixNano() < o.unixNano()),
    After: m('After', ['time.Time'], 'bool', (o: GoTime) => self().unixNano() > o.unixNano()),
    Equal: m('Equal', ['time.Time'], 'bool', (o: GoTime) => self().unixNano() === o.unixNano()),
  };
}

/** time.Month: prints its English name. */
function goMonth(m: number): GoStruct {
  return new GoStruct('time.Month', {}, {}, () => MONTHS[m - 1] ?? `%!Month(${m})`);
}
function goWeekday(d: number): GoStruct {
  return new GoStruct('time.Weekday', {}, {}, () => DAYS[d]!);
}

type Std = string;

/** Go's nextStdChunk: [prefix, std token or '', suffix]. */
function nextStd(layout: string): [string, Std, string] {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const at = (s: string) => layout.startsWith(s, i);
    const lowerNext = (k: number) => /^[a-z]/.test(layout.slice(k));
    const cut = (n: number, std = layout.slice(i, i + n)): [string, Std, string] => [layout.slice(0, i), std, layout.slice(i + n)];
    switch (c) {
      case 'J':
        if (at('Jan')) {
          if (at('January')) return cut(7);
          if (!lowerNext(i + 3)) return cut(3);
        }
        break;
      case 'M':
        if (at('Mon')) {
          if (at('Monday')) return cut(6);
          if (!lowerNext(i + 3)) return cut(3);
        }
        if (at('MST')) return cut(3);
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1]! >= '1' && layout[i + 1]! <= '6') return cut(2);
        if (at('002')) return cut(3);
        break;
      case '1':
        if (at('15')) return cut(2);
        return cut(1);
      case '2':
        if (at('2006')) return cut(4);
        return cut(1);
      case '_':
        if (at('_2')) {
          if (at('_2006')) return [layout.slice(0, i + 1), '2006', layout.slice(i + 5)];
          return cut(2);
        }
        if (at('__2')) return cut(3);
        break;
      case '3': case '4': case '5':
        return cut(1);
      case 'P':
        if (at('PM')) return cut(2);
        break;
      case 'p':
        if (at('pm')) return cut(2);
        break;
      case '-':
        for (const s of ['-070000', '-07:00:00', '-0700', '-07:00', '-07']) if (at(s)) return cut(s.length);
        break;
      case 'Z':
        for (const s of ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07']) if (at(s)) return cut(s.length);
        break;
      case '.': case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const ch = layout[i + 1]!;
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!/[0-9]/.test(layout[j] ?? '')) return [layout.slice(0, i), layout.slice(i, j), layout.slice(j)];
        }
        break;
    }
  }
  return [layout, '', ''];
}

const pad = (n: number, w: number) => (n < 0 ? '-' + String(-n).padStart(w, '0') : String(n).padStart(w, '0'));

function zoneText(std: string, offset: number): string {
  if (std.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  switch (std.slice(1)) {
    case '07': return sign + hh;
    case '0700': return sign + hh + mm;
    case '07:00': return `${sign}${hh}:${mm}`;
    case '070000': return sign + hh + mm + ss;
    default: return `${sign}${hh}:${mm}:${ss}`;
  }
}

/** time.Time.Format. */
export function formatTime(t: Civil, layout: string): string {
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const [prefix, std, suffix] = nextStd(rest);
    out += prefix;
    if (std === '') break;
    rest = suffix;
    switch (std) {
      case '2006': out += t.year < 0 ? '-' + pad(-t.year, 4) : pad(t.year, 4); break;
      case '06': out += pad(((t.year % 100) + 100) % 100, 2); break;
      case 'January': out += MONTHS[t.month - 1]; break;
      case 'Jan': out += MONTHS[t.month - 1]!.slice(0, 3); break;
      case '1': out += t.month; break;
      case '01': out += pad(t.month, 2); break;
      case 'Monday': out += DAYS[t.weekday]; break;
      case 'Mon': out += DAYS[t.weekday]!.slice(0, 3); break;
      case '2': out += t.day; break;
      case '_2': out += String(t.day).padStart(2, ' '); break;
      case '02': out += pad(t.day, 2); break;
      case '__2': out += String(t.yday).padStart(3, ' '); break;
      case '002': out += pad(t.yday, 3); break;
      case '15': out += pad(t.hour, 2); break;
      case '3': out += t.hour % 12 === 0 ? 12 : t.hour % 12; break;
      case '03': out += pad(t.hour % 12 === 0 ? 12 : t.hour % 12, 2); break;
      case '4': out += t.min; break;
      case '04': out += pad(t.min, 2); break;
      case '5': out += t.sec; break;
      case '05': out += pad(t.sec, 2); break;
      case 'PM': out += t.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += t.hour >= 12 ? 'pm' : 'am'; break;
      case 'MST': out += t.abbrev !== '' ? t.abbrev : zoneText('-0700', t.offset); break;
      default:
        if (std.startsWith('-') || std.startsWith('Z')) out += zoneText(std, t.offset);
        else {
          // fractional seconds: .000 (fixed) or .999 (trailing zeros trimmed, nothing when zero)
          const digits = std.length - 1;
          let frac = String(t.nsec).padStart(9, '0').slice(0, digits);
          if (std[1] === '9') {
            frac = frac.replace(/0+$/, '');
            if (frac !== '') out += std[0] + frac;
          } else out += std[0] + frac;
        }
    }
  }
  return out;
}

/** time.ParseInLocation: the instant, or Go's ParseError text. */
export function parseTime(layout: string, value: string, zone: Zone): GoTime {
  const origLayout = layout;
  const origValue = value;
  const bad = (valueElem: string, layoutElem: string, msg = '') =>
    new FuncError(msg ? `parsing time ${JSON.stringify(origValue)}${msg}` : `parsing time ${JSON.stringify(origValue)} as ${JSON.stringify(origLayout)}: cannot parse ${JSON.stringify(valueElem)} as ${JSON.stringify(layoutElem)}`);
  let year = 1; let month = -1; let day = -1; let yday = -1; let hour = 0; let min = 0; let sec = 0; let nsec = 0;
  let pm = false; let pmSet = false;
  let offset: number | undefined;
  let zoneName: string | undefined;
  const num = (n: number, fixed: boolean): number | undefined => {
    const m = (fixed ? new RegExp(`^\\d{${n}}`) : new RegExp(`^\\d{1,${n}}`)).exec(value);
    if (!m) return undefined;
    value = value.slice(m[0].length);
    return Number(m[0]);
  };
  while (true) {
    const [prefix, std, suffix] = nextStd(layout);
    if (!value.startsWith(prefix)) throw bad(value, prefix);
    value = value.slice(prefix.length);
    if (std === '') {
      if (value !== '') throw bad('', '', `: extra text: ${JSON.stringify(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let v: number | undefined;
    switch (std) {
      case '2006': v = num(4, true); if (v === undefined) throw bad(hold, std); year = v; break;
      case '06': v = num(2, true); if (v === undefined) throw bad(hold, std); year = v >= 69 ? v + 1900 : v + 2000; break;
      case 'January': case 'Jan': {
        const names = std === 'Jan' ? MONTHS.map((x) => x.slice(0, 3)) : MONTHS;
        const k = names.findIndex((x) => value.toLowerCase().startsWith(x.toLowerCase()));
        if (k < 0) throw bad(hold, std);
        value = value.slice(names[k]!.length);
        month = k + 1;
        break;
      }
      case '1': case '01': v = num(2, std === '01'); if (v === undefined || v < 1 || v > 12) throw bad(hold, std, v === undefined ? '' : ': month out of range'); month = v; break;
      case 'Monday': case 'Mon': {
        const names = std === 'Mon' ? DAYS.map((x) => x.slice(0, 3)) : DAYS;
        const k = names.findIndex((x) => value.toLowerCase().startsWith(x.toLowerCase()));
        if (k < 0) throw bad(hold, std);
        value = value.slice(names[k]!.length);
        break;
      }
      case '2': case '_2': case '02':
        if (std === '_2' && value.startsWith(' ')) value = value.slice(1);
        v = num(2, std === '02'); if (v === undefined) throw bad(hold, std); day = v; break;
      case '__2': case '002': v = num(3, std === '002'); if (v === undefined) throw bad(hold, std); yday = v; break;
      case '15': v = num(2, false); if (v === undefined || v > 23) throw bad(hold, std, v === undefined ? '' : ': hour out of range'); hour = v; break;
      case '3': case '03': v = num(2, std === '03'); if (v === undefined || v > 12) throw bad(hold, std, v === undefined ? '' : ': hour out of range'); hour = v; break;
      case '4': case '04': v = num(2, std === '04'); if (v === undefined || v > 59) throw bad(hold, std, v === undefined ? '' : ': minute out of range'); min = v; break;
      case '5': case '05': {
        v = num(2, std === '05'); if (v === undefined || v > 59) throw bad(hold, std, v === undefined ? '' : ': second out of range'); sec = v;
        // A fractional second in the value after seconds is accepted even if the layout has none.
        const f = /^[.,](\d+)/.exec(value);
        if (f && !/^[.,][09]/.test(layout)) { nsec = Number(f[1]!.slice(0, 9).padEnd(9, '0')); value = value.slice(f[0].length); }
        break;
      }
      case 'PM': case 'pm': {
        const s = value.slice(0, 2).toUpperCase();
        if (s !== 'AM' && s !== 'PM') throw bad(hold, std);
        pm = s === 'PM'; pmSet = true; value = value.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT[+-]\d+|[A-Z]{3,5})/.exec(value);
        if (!m) throw bad(hold, std);
        zoneName = m[1]!;
        value = value.slice(zoneName.length);
        if (zoneName === 'UTC' || zoneName === 'GMT') offset = 0;
        break;
      }
      default:
        if (std.startsWith('-') || std.startsWith('Z')) {
          if (std.startsWith('Z') && value.startsWith('Z')) { value = value.slice(1); offset = 0; zoneName = 'UTC'; break; }
          const shape = std.slice(1).replace(/0/g, '\\d').replace(/7/g, '\\d');
          const m = new RegExp(`^[+-]${shape}`).exec(value);
          if (!m) throw bad(hold, std);
          const digits = m[0].slice(1).replace(/:/g, '');
          const o = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60 + Number(digits.slice(4, 6) || 0);
          offset = m[0][0] === '-' ? -o : o;
          value = value.slice(m[0].length);
        } else {
          const f = /^[.,](\d+)/.exec(value);
          const n = std.length - 1;
          if (!f || (std[1] === '0' && f[1]!.length !== n)) throw bad(hold, std);
          nsec = Number(f[1]!.slice(0, 9).padEnd(9, '0'));
          value = value.slice(f[0].length);
        }
    }
  }
  if (pmSet) { if (pm && hour < 12) hour += 12; else if (!pm && hour === 12) hour = 0; }
  if (yday >= 0 && month < 0) {
    const leap = isLeap(year);
    if (yday < 1 || yday > (leap ? 366 : 365)) throw bad('', '', ': day-of-year out of range');
    const d = daysFromCivil(year, 1, 1) + yday - 1;
    const c = civil(d);
    month = c.m; day = c.d;
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  const dim = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > dim) throw bad('', '', ': day out of range');
  const localSec = daysFromCivil(year, month, day) * DAY + hour * 3600 + min * 60 + sec;
  if (offset !== undefined) {
    const unix = BigInt(localSec - offset);
    const z = zone.at(Number(unix));
    // Go keeps the location when its offset matches, else a fixed zone.
    const useZone: Zone = offset === 0 && zoneName === 'UTC' ? UTC : z.offset === offset ? zone : { name: '', at: () => ({ offset, abbrev: zoneName ?? '' }) };
    return new GoTime(unix, nsec, useZone);
  }
  // No zone in the value: the wall clock in `zone`, found by adjusting for its offset.
  let unix = localSec - zone.at(localSec).offset;
  unix = localSec - zone.at(unix).offset;
  return new GoTime(BigInt(unix), nsec, zone);
}

/** time.ParseDuration: nanoseconds, or Go's error text. */
export function parseDuration(s: string): bigint {
  try {
    return parseGoDurationNanos(s);
  } catch (err) {
    if (err instanceof DurationSyntaxError) throw new FuncError(err.message);
    throw err;
  }
}

/** time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export const durationString = formatGoDurationNanos;
