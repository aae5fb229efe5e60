// Go's fmt for one operand (fmt/format.go): integers in every base with
// widths, signs and padding, floats with Go's verbs and precision, strings,
// quoted strings and byte slices. fmt.ts's Printer adds the verbs' dispatch
// over Go values and the format-string parser.
import { GoFloat32, GoInt, goTypeOf } from './value.js';
import { canBackquote, formatFloat, quote, quoteRune } from './strconv.js';

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

export function newFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: 0, widPresent: false, prec: 0, precPresent: false };
}

export const PLAIN = newFlags();

export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c >= 0xdc00 || i + 1 >= s.length) n++;
  }
  return n;
}

/** Pads to the width, on the left (zeros with the 0 flag) or the right (`-`). */
export function pad(f: Flags, s: string): string {
  if (!f.widPresent || f.wid === 0) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

export function isBytes(v: unknown): v is Buffer | unknown[] {
  if (Buffer.isBuffer(v)) return true;
  if (!Array.isArray(v)) return false;
  const t = goTypeOf(v);
  return t === '[]uint8' || t === '[]byte';
}

export function bytesOf(v: Buffer | unknown[]): number[] {
  if (Buffer.isBuffer(v)) return [...v];
  return v.map((b) => (b instanceof GoInt ? Number(b.v & 0xffn) : Number(b) & 0xff));
}

export function bytesToString(v: Buffer | unknown[]): string {
  return Buffer.from(bytesOf(v)).toString('utf8');
}

export function isStringArg(v: unknown): boolean {
  return typeof v === 'string';
}

export const LDIGITS = '0123456789abcdefx';
export const UDIGITS = '0123456789ABCDEFX';

export abstract class ScalarPrinter {
  /** The verb dispatch over Go values (fmt.ts), which the operand formats call back for nested values. */
  abstract printArg(arg: unknown, verb: string): void;
  abstract printValue(v: unknown, verb: string, depth: number): void;

  out = '';
  f: Flags = PLAIN;

  badVerb(verb: string, arg: unknown): void {
    this.out += '%!' + verb + '(';
    if (arg === null || arg === undefined) this.out += '<nil>';
    else {
      this.out += goTypeOf(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.out += ')';
  }

  fmtInteger(value: bigint, base: number, verb: string, digits: string, unsigned: boolean): void {
    const f = this.f;
    const negative = value < 0n;
    let u = negative ? -value : value;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = f.zero;
        f.zero = false;
        this.out += pad(f, '');
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let s = '';
    if (u === 0n) s = '0';
    const b = BigInt(base);
    while (u > 0n) {
      s = digits[Number(u % b)] + s;
      u /= b;
    }
    while (s.length < prec) s = '0' + s;
    if (f.sharp) {
      switch (base) {
        case 2: s = '0b' + s; break;
        case 8: if (s[0] !== '0') s = '0' + s; break;
        case 16: s = '0' + digits[16] + s; break;
      }
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (f.plus) s = '+' + s;
    else if (f.space) s = ' ' + s;
    void unsigned;
    const oldZero = f.zero;
    f.zero = false;
    this.out += pad(f, s);
    f.zero = oldZero;
  }

  fmtUnicode(u: bigint): void {
    const f = this.f;
    if (u < 0n) u += 1n << 64n;
    let s = u.toString(16).toUpperCase();
    let prec = 4;
    if (f.precPresent && f.prec > 4) prec = f.prec;
    while (s.length < prec) s = '0' + s;
    s = 'U+' + s;
    if (f.sharp && u <= 0x10ffffn && u >= 0n) {
      const cp = Number(u);
      if (cp >= 0x20 && !(cp >= 0xd800 && cp < 0xe000) && quoteRune(cp).length === String.fromCodePoint(cp).length + 2) s += " '" + String.fromCodePoint(cp) + "'";
    }
    const oldZero = f.zero;
    f.zero = false;
    this.out += pad(f, s);
    f.zero = oldZero;
  }

  fmtInt(v: GoInt, verb: string): void {
    const unsigned = v.kind.startsWith('u');
    switch (verb) {
      case 'v':
        if (this.f.sharpV && unsigned) {
          const old = this.f.sharp;
          this.f.sharp = true;
          this.fmtInteger(v.v, 16, verb, LDIGITS, unsigned);
          this.f.sharp = old;
        } else this.fmtInteger(v.v, 10, verb, LDIGITS, unsigned);
        return;
      case 'd': return this.fmtInteger(v.v, 10, verb, LDIGITS, unsigned);
      case 'b': return this.fmtInteger(v.v, 2, verb, LDIGITS, unsigned);
      case 'o': case 'O': return this.fmtInteger(v.v, 8, verb, LDIGITS, unsigned);
      case 'x': return this.fmtInteger(v.v, 16, verb, LDIGITS, unsigned);
      case 'X': return this.fmtInteger(v.v, 16, verb, UDIGITS, unsigned);
      case 'c': {
        const cp = v.v < 0n || v.v > 0x10ffffn ? 0xfffd : Number(v.v);
        this.out += pad(this.f, String.fromCodePoint(cp >= 0xd800 && cp < 0xe000 ? 0xfffd : cp));
        return;
      }
      case 'q': {
        const cp = v.v < 0n || v.v > 0x10ffffn ? 0xfffd : Number(v.v);
        this.out += pad(this.f, quoteRune(cp, this.f.plus));
        return;
      }
      case 'U': return this.fmtUnicode(v.v);
    }
    this.badVerb(verb, v);
  }

  fmtFloat(v: number, size: 32 | 64, verb: string, prec: number): void {
    const f = this.f;
    if (f.precPresent) prec = f.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] === '-' || num[0] === '+') {
      // keep
    } else num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = f.zero;
      f.zero = false;
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.out += pad(f, num);
      f.zero = oldZero;
      return;
    }
    if (f.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      const e = body.search(/[eEpP]/);
      if (e >= 0) {
        tail = body.slice(e);
        body = body.slice(0, e);
      }
      let sawPoint = body.includes('.');
      for (let i = 1; i < body.length; i++) if (body[i]! >= '0' && body[i]! <= '9' && (body[i] !== '0' || /[1-9]/.test(body.slice(1, i)))) digits--;
      if (!sawPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
        sawPoint = true;
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (f.plus || num[0] !== '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > num.length) {
        this.out += num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
        return;
      }
      this.out += pad(f, num);
      return;
    }
    this.out += pad(f, num.slice(1));
  }

  floatVerb(v: number, size: 32 | 64, verb: string): void {
    switch (verb) {
      case 'v': return this.fmtFloat(v, size, 'g', -1);
      case 'g': case 'G': case 'x': case 'X': return this.fmtFloat(v, size, verb, -1);
      case 'f': case 'e': case 'E': case 'F': return this.fmtFloat(v, size, verb, 6);
    }
    this.badVerb(verb, size === 32 ? new GoFloat32(v) : v);
  }

  fmtString(s: string, verb: string): void {
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV) return this.fmtQ(s);
        return this.fmtS(s);
      case 's': return this.fmtS(s);
      case 'x': return this.fmtSx([...Buffer.from(s, 'utf8')], LDIGITS);
      case 'X': return this.fmtSx([...Buffer.from(s, 'utf8')], UDIGITS);
      case 'q': return this.fmtQ(s);
    }
    this.badVerb(verb, s);
  }

  truncate(s: string): string {
    const f = this.f;
    if (!f.precPresent) return s;
    let n = 0;
    let i = 0;
    for (const ch of s) {
      if (n >= f.prec) return s.slice(0, i);
      n++;
      i += ch.length;
    }
    return s;
  }

  fmtS(s: string): void {
    this.out += pad(this.f, this.truncate(s));
  }

  fmtQ(s: string): void {
    const f = this.f;
    s = this.truncate(s);
    if (f.sharp && canBackquote(s)) this.out += pad(f, '`' + s + '`');
    else this.out += pad(f, quote(s, f.plus));
  }

  fmtSx(bytes: number[], digits: string): void {
    const f = this.f;
    let length = bytes.length;
    if (f.precPresent && f.prec < length) length = f.prec;
    let s = '';
    for (let i = 0; i < length; i++) {
      if (f.space && i > 0) s += ' ';
      if (f.sharp && (f.space || i === 0)) s += '0' + digits[16];
      const b = bytes[i]!;
      s += digits[b >> 4]! + digits[b & 15]!;
    }
    this.out += pad(f, s);
  }

  fmtBytes(v: Buffer | unknown[], verb: string, typeName: string): void {
    const bytes = bytesOf(v);
    switch (verb) {
      case 'v': case 'd': {
        if (this.f.sharpV) {
          this.out += typeName + '{' + bytes.map((b) => '0x' + b.toString(16)).join(', ') + '}';
          return;
        }
        this.out += '[';
        bytes.forEach((b, i) => {
          if (i > 0) this.out += ' ';
          this.fmtInteger(BigInt(b), 10, verb, LDIGITS, true);
        });
        this.out += ']';
        return;
      }
      case 's': return this.fmtS(bytesToString(v));
      case 'x': return this.fmtSx(bytes, LDIGITS);
      case 'X': return this.fmtSx(bytes, UDIGITS);
      case 'q': return this.fmtQ(bytesToString(v));
    }
    this.printValue(v, verb, 0);
  }
}
