// The conversions Sprig builds on, once: spf13/cast's ToInt64/ToInt/ToFloat64
// (what add, sub, max, int, int64, float64, round... do to their arguments),
// Sprig's strval/strslice (toString, join, toStrings, sortAlpha) and empty
// (default, empty, coalesce, compact), and reflect.DeepEqual (uniq, has,
// without, deepEqual). Values are in the model of ../value.ts.
import { GoFloat32, GoInt, GoStruct, goTypeOf, int, int64, isMap, sliceType, type IntKind } from '../value.js';
import { sprint } from '../fmt.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Go's int64(f) for a float64: truncation; NaN and out-of-range give math.MinInt64 as on amd64. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** Wraps a bigint to a Go integer kind's range (two's complement), as Go's conversions do. */
export function wrapInt(kind: IntKind, v: bigint): bigint {
  switch (kind) {
    case 'int8': return BigInt.asIntN(8, v);
    case 'int16': return BigInt.asIntN(16, v);
    case 'int32': return BigInt.asIntN(32, v);
    case 'uint8': return BigInt.asUintN(8, v);
    case 'uint16': return BigInt.asUintN(16, v);
    case 'uint32': return BigInt.asUintN(32, v);
    case 'uint': case 'uint64': case 'uintptr': return BigInt.asUintN(64, v);
    default: return BigInt.asIntN(64, v);
  }
}

/** strconv's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = /[xX]/.test(s[1]!);
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) { saw = '0'; continue; }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, 64): base prefixes 0x/0o/0b/0, underscores only with a prefix; undefined on error. */
export function parseGoInt(s: string): bigint | undefined {
  let t = s;
  let neg = false;
  if (t.startsWith('+') || t.startsWith('-')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let base = 10;
  let digits = t;
  let prefixed = false;
  if (/^0[xX]/.test(t)) { base = 16; digits = t.slice(2); prefixed = true; }
  else if (/^0[bB]/.test(t)) { base = 2; digits = t.slice(2); prefixed = true; }
  else if (/^0[oO]/.test(t)) { base = 8; digits = t.slice(2); prefixed = true; }
  else if (t.length > 1 && t[0] === '0') { base = 8; digits = t.slice(1); prefixed = true; }
  // With base 0, underscores may separate digits (and follow a prefix).
  if (digits.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replace(/_/g, '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return v;
}

/** strconv.ParseFloat(s, 64); undefined on a syntax error. Out of range gives ±Inf as Go returns with its error (treated as an error). */
export function parseGoFloat(s: string): number | undefined {
  const t = s.replace(/^[+]/, '');
  if (/^-?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  let body = t;
  if (body.includes('_')) {
    if (!underscoreOK(body.replace(/[eEpP][-+]?\d+$/, ''))) return undefined;
    body = body.replace(/_/g, '');
  }
  if (/^-?0[xX]/.test(body)) {
    const m = /^(-?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?\d+)$/.exec(body);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    const mant = Number.parseInt((m[2] || '0') + frac, 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * frac.length);
    return m[1] === '-' ? -v : v;
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(body)) return undefined;
  const v = Number(body);
  if (!Number.isFinite(v)) return undefined;
  return v;
}

/** cast's trimZeroDecimal: "12.00" -> "12" (only zeros after the point). */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** cast.ToInt64 as a bigint: numbers truncate, strings parse (base prefixes, "12.0"), bools 1/0, anything else 0. */
export function castInt64(v: unknown): bigint {
  if (v instanceof GoInt) return BigInt.asIntN(64, v.v);
  if (typeof v === 'number') return floatToInt64(v);
  if (v instanceof GoFloat32) return floatToInt64(v.v);
  if (typeof v === 'string') return parseGoInt(trimZeroDecimal(v)) ?? 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

/** cast.ToFloat64: ints convert, strings parse (0 on error), bools 1/0, anything else 0. */
export function castFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.v);
  if (v instanceof GoFloat32) return v.v;
  if (typeof v === 'string') return parseGoFloat(v) ?? 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** Sprig's toInt64 as a Go int64 value. */
export function toInt64(v: unknown): GoInt {
  return int64(castInt64(v));
}

/** Sprig's toInt as a Go int value. */
export function toInt(v: unknown): GoInt {
  return int(castInt64(v));
}

/** A Go int argument as a JS number (exact for the ranges that matter: lengths, counts, indexes). */
export function num(v: unknown): number {
  if (v instanceof GoInt) return Number(v.v);
  if (typeof v === 'number') return v;
  return Number(castInt64(v));
}

/** The bytes of a []byte value (a '[]uint8'-tagged array or a Buffer). */
function bytesOf(v: unknown): Buffer | undefined {
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v) && goTypeOf(v) === '[]uint8') return Buffer.from(v.map((b) => Number(b instanceof GoInt ? b.v : b)));
  return undefined;
}

/** Sprig's strval: strings as is, []byte as text, errors and Stringers by their text, else fmt's %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  const b = bytesOf(v);
  if (b !== undefined) return b.toString('utf8');
  if (v instanceof Error) return v.message;
  return sprint([v]);
}

/** Sprig's strslice: []string as is; other slices with nil elements dropped; nil -> []; a scalar -> [strval]. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) {
    if (goTypeOf(v) === '[]string') return v as string[];
    return sliceType(v.filter((x) => x !== null && x !== undefined).map(strval), '[]string');
  }
  if (v === null || v === undefined) return sliceType([], '[]string');
  return sliceType([strval(v)], '[]string');
}

/** Sprig's empty: the zero value of its type (nil, false, 0, "", empty slice/map); structs never are. */
export function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'boolean': return !v;
    case 'string': return v.length === 0;
    case 'number': return v === 0;
  }
  if (v instanceof GoInt) return v.v === 0n;
  if (v instanceof GoFloat32) return v.v === 0;
  if (v instanceof GoStruct) return false;
  if (Array.isArray(v)) return v.length === 0;
  if (Buffer.isBuffer(v)) return v.length === 0;
  return Object.keys(v as object).length === 0;
}

/** reflect.DeepEqual: same Go type and deeply equal contents (NaN is never equal). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (goTypeOf(a) !== goTypeOf(b)) return false;
  if (a instanceof GoInt) return a.v === (b as GoInt).v;
  if (a instanceof GoFloat32) return a.v === (b as GoFloat32).v;
  if (a instanceof GoStruct) {
    const bs = b as GoStruct;
    if (a === bs) return true;
    const ka = Object.keys(a.fields);
    return ka.length === Object.keys(bs.fields).length && ka.every((k) => deepEqual(a.fields[k], bs.fields[k]));
  }
  if (Array.isArray(a)) {
    const bl = b as unknown[];
    return a.length === bl.length && a.every((x, i) => deepEqual(x, bl[i]));
  }
  if (isMap(a)) {
    const bm = b as Record<string, unknown>;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(bm).length) return false;
    return ka.every((k) => Object.hasOwn(bm, k) && deepEqual(a[k], bm[k]));
  }
  return a === b;
}

/** True for a Go slice or array (what Sprig's reflect.Slice/Array checks accept). */
export function isSlice(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/** reflect's Kind name, for Sprig's "Cannot find first on type %s" messages (nil prints "invalid"). */
export { goKindOf as kindName } from '../value.js';
