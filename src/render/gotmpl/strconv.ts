// Go's strconv for the Go-template engine: FormatFloat with Go's exact
// rounding (round half to even on the exact binary value, shortest digits
// that round-trip), Quote/QuoteRune as Go writes them.

/** Decimal digits of a float: value = 0.d × 10^dp (d has no leading zeros; empty for zero). */
interface Digits {
  d: string;
  dp: number;
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** The exact decimal expansion of a finite, non-negative double. */
function exactDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  F64[0] = v;
  const bits = U64[0]!;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length - -exp;
  }
  return trim({ d: s, dp });
}

function trim(x: Digits): Digits {
  let start = 0;
  while (start < x.d.length && x.d[start] === '0') start++;
  let end = x.d.length;
  while (end > start && x.d[end - 1] === '0') end--;
  if (start === end) return { d: '', dp: 0 };
  return { d: x.d.slice(start, end), dp: x.dp - start };
}

/** Rounds to `nd` significant digits, half to even (the digits are exact). */
function round(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return nd < 0 ? { d: '', dp: 0 } : x;
  let up: boolean;
  const next = x.d.charCodeAt(nd) - 48;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < x.d.length) up = true; // more non-zero digits follow (trimmed form)
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return trim({ d: x.d.slice(0, nd), dp: x.dp });
  const ds = x.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && ds[i] === '9') {
    ds[i] = '0';
    i--;
  }
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  ds[i] = String.fromCharCode(ds[i]!.charCodeAt(0) + 1);
  return trim({ d: ds.join(''), dp: x.dp });
}

/** Shortest digits that round-trip (float64 via JS's own shortest formatting; float32 by search). */
function shortestDigits(v: number, bitSize: 32 | 64): Digits {
  if (v === 0) return { d: '', dp: 0 };
  if (bitSize === 64) {
    const e = v.toExponential();
    const at = e.indexOf('e');
    const mant = e.slice(0, at).replace('.', '');
    return trim({ d: mant, dp: Number(e.slice(at + 1)) + 1 });
  }
  const exact = exactDigits(v);
  for (let n = 1; n < 17; n++) {
    const r = round(exact, n);
    if (Math.fround(Number(`0.${r.d}e${r.dp}`)) === v) return r;
  }
  return exact;
}

function fmtE(neg: boolean, x: Digits, prec: number, fmt: string): string {
  let out = neg ? '-' : '';
  out += x.d.length === 0 ? '0' : x.d[0];
  if (prec > 0) {
    out += '.';
    const m = Math.min(x.d.length, prec + 1);
    let i = 1;
    if (i < m) {
      out += x.d.slice(1, m);
      i = m;
    }
    for (; i <= prec; i++) out += '0';
  }
  out += fmt;
  let exp = x.dp - 1;
  if (x.d.length === 0) exp = 0;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  out += exp < 10 ? '0' + exp : String(exp);
  return out;
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let out = neg ? '-' : '';
  if (x.dp > 0) {
    const m = Math.min(x.d.length, x.dp);
    out += x.d.slice(0, m);
    for (let i = m; i < x.dp; i++) out += '0';
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      out += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return out;
}

/** Hexadecimal mantissa and binary exponent ('x'/'X', shortest form): -0x1.f4p+09. */
function formatHex(v: number, upper: boolean): string {
  const neg = v < 0 || Object.is(v, -0);
  let out: string;
  if (v === 0) out = '0x0p+00';
  else {
    F64[0] = Math.abs(v);
    const bits = U64[0]!;
    let exp = Number((bits >> 52n) & 0x7ffn);
    let mant = bits & 0xfffffffffffffn;
    if (exp === 0) {
      exp = -1022;
      while ((mant & (1n << 52n)) === 0n) {
        mant <<= 1n;
        exp--;
      }
      mant &= 0xfffffffffffffn;
    } else exp -= 1023;
    const frac = mant.toString(16).padStart(13, '0').replace(/0+$/, '');
    const e = Math.abs(exp);
    out = `0x1${frac ? '.' + frac : ''}p${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  }
  if (upper) out = out.toUpperCase();
  return (neg ? '-' : '') + out;
}

/**
 * strconv.FormatFloat(v, fmt, prec, bitSize) for fmt 'e' 'E' 'f' 'F' 'g' 'G'
 * ('F' as 'f'); prec -1 is the shortest representation that round-trips.
 */
export function formatFloat(v: number, fmt: string, prec: number, bitSize: 32 | 64 = 64): string {
  // The common case (a whole number from values printed with %v, below %g's exponent form): its digits.
  if (prec < 0 && fmt === 'g' && v < 1e6 && v > -1e6 && Number.isInteger(v) && !Object.is(v, -0)) return String(v);
  if (bitSize === 32) v = Math.fround(v);
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  if (fmt === 'F') fmt = 'f';
  if (fmt === 'x' || fmt === 'X') return formatHex(v, fmt === 'X');
  const shortest = prec < 0;
  let x: Digits;
  if (shortest) {
    x = shortestDigits(abs, bitSize);
    switch (fmt) {
      case 'e': case 'E': prec = Math.max(x.d.length - 1, 0); break;
      case 'f': prec = Math.max(x.d.length - x.dp, 0); break;
      case 'g': case 'G': prec = x.d.length; break;
    }
  } else {
    const exact = exactDigits(abs);
    switch (fmt) {
      case 'e': case 'E': x = round(exact, prec + 1); break;
      case 'f': x = round(exact, exact.dp + prec); break;
      default:
        if (prec === 0) prec = 1;
        x = round(exact, prec);
    }
  }
  switch (fmt) {
    case 'e': case 'E':
      return fmtE(neg, x, prec, fmt);
    case 'f':
      return fmtF(neg, x, prec);
    case 'g': case 'G': {
      let eprec = prec;
      if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
      if (shortest) eprec = 6;
      const exp = x.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > x.d.length) prec = x.d.length;
        return fmtE(neg, x, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > x.dp) prec = x.d.length;
      return fmtF(neg, x, Math.max(prec - x.dp, 0));
    }
  }
  return '%' + fmt;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp >= 0xd800 && cp < 0xe000) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(cp: number, quote: number, ascii: boolean): string {
  if (cp === quote || cp === 0x5c) return '\\' + String.fromCodePoint(cp);
  if (ascii ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 7: return '\\a';
    case 8: return '\\b';
    case 12: return '\\f';
    case 10: return '\\n';
    case 13: return '\\r';
    case 9: return '\\t';
    case 11: return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp >= 0xd800 && cp < 0xe000) return '\\ufffd'; // a lone surrogate stands for invalid UTF-8
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** strconv.Quote (or QuoteToASCII with `ascii`). */
/** Printable ASCII other than `"` and `\`: quoted as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function quote(s: string, ascii = false): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, 0x22, ascii);
  return out + '"';
}

/** strconv.QuoteRune (or QuoteRuneToASCII with `ascii`); invalid code points quote as U+FFFD. */
export function quoteRune(cp: number, ascii = false): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) cp = 0xfffd;
  return "'" + escapeRune(cp, 0x27, ascii) + "'";
}

/** strconv.CanBackquote: no control characters other than tab, no backquote, no U+FEFF. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x60 || cp === 0xfeff) return false;
    if ((cp < 0x20 && cp !== 9) || cp === 0x7f) return false;
    if (cp >= 0xd800 && cp < 0xe000) return false;
  }
  return true;
}

/** Go's byte-wise (UTF-8) string order, which for valid strings is code point order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after every BMP code point in UTF-8.
      const xs = x >= 0xd800 && x < 0xe000;
      const ys = y >= 0xd800 && y < 0xe000;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}
