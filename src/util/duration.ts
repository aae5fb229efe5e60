// Durations as Go writes them (time.ParseDuration, time.Duration.String:
// "5m0s", "1h2m3.5s", "250ms") and as kubectl humanises ages
// (apimachinery's duration.HumanDuration: "5s", "3m20s", "2d3h").

/** A duration text that is not Go's syntax; the message is Go's ("time: invalid duration \"x\""). */
export class DurationSyntaxError extends Error {
  override readonly name = 'DurationSyntaxError';
}

const NS = 1_000_000_000n;
const UNITS: Readonly<Record<string, bigint>> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: NS, m: 60n * NS, h: 3600n * NS };
const MAX = (1n << 63n) - 1n;

/** time.ParseDuration: the duration in nanoseconds; throws DurationSyntaxError with Go's message. */
export function parseGoDurationNanos(text: string): bigint {
  const quoted = JSON.stringify(text);
  let s = text;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new DurationSyntaxError(`time: invalid duration ${quoted}`);
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') throw new DurationSyntaxError(`time: invalid duration ${quoted}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new DurationSyntaxError(`time: missing unit in duration ${quoted}`);
    const unit = UNITS[u[0]];
    if (unit === undefined) throw new DurationSyntaxError(`time: unknown unit ${JSON.stringify(u[0])} in duration ${quoted}`);
    s = s.slice(u[0].length);
    let v = BigInt(m[1] || '0') * unit;
    const frac = m[2] ?? '';
    if (frac !== '') v += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    total += v;
    if (total > MAX + 1n) throw new DurationSyntaxError(`time: invalid duration ${quoted}`);
  }
  if (!neg && total > MAX) throw new DurationSyntaxError(`time: invalid duration ${quoted}`);
  return neg ? -total : total;
}

/** time.ParseDuration in milliseconds (fractions of a millisecond kept); throws DurationSyntaxError. */
export function parseGoDuration(text: string): number {
  return Number(parseGoDurationNanos(text)) / 1e6;
}

/** time.Duration.String of nanoseconds: "1h2m3.5s", "1.5ms", "0s". */
export function formatGoDurationNanos(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  const frac = (v: bigint, prec: number): [string, bigint] => {
    let digits = '';
    let print = false;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print = print || digit !== 0n;
      if (print) digits = String(digit) + digits;
      v /= 10n;
    }
    return [print ? '.' + digits : '', v];
  };
  if (u < NS) {
    if (u < 1000n) out = `${u}ns`;
    else if (u < 1_000_000n) {
      const [f, v] = frac(u, 3);
      out = `${v}${f}µs`;
    } else {
      const [f, v] = frac(u, 6);
      out = `${v}${f}ms`;
    }
  } else {
    const [f, v] = frac(u, 9);
    u = v;
    out = `${u % 60n}${f}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? '-' + out : out;
}

/** time.Duration.String of milliseconds: 300000 → "5m0s", 1500 → "1.5s", 250 → "250ms". */
export function formatGoDuration(ms: number): string {
  return formatGoDurationNanos(BigInt(Math.round(ms * 1e6)));
}

/**
 * apimachinery's duration.HumanDuration, kubectl's AGE: "5s", "3m20s", "15m",
 * "5h3m", "2d3h", "400d", "2y30d"; up to 2 s in the future is "0s" (clock
 * skew), more is "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}
