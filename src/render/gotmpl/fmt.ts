// Go's fmt (Sprint, Sprintln, Sprintf) over the value model of value.ts, as
// text/template's print/printf/println and Sprig's functions use it. Verbs,
// flags, width/precision (incl. `*` and `%[n]` argument indexes) and the
// error forms (`%!d(string=x)`, `%!(EXTRA string=x)`, `%!s(MISSING)`) follow
// Go's fmt/print.go and fmt/format.go.
import { GoFloat32, GoInt, GoStruct, goTypeOf, isMap } from './value.js';
import { canBackquote, compareStrings, formatFloat, quote, quoteRune } from './strconv.js';

export { formatFloat, quote, quoteRune, compareStrings } from './strconv.js';

interface Flags {
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

function newFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: 0, widPresent: false, prec: 0, precPresent: false };
}

const PLAIN = newFlags();

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c >= 0xdc00 || i + 1 >= s.length) n++;
  }
  return n;
}

/** Pads to the width, on the left (zeros with the 0 flag) or the right (`-`). */
function pad(f: Flags, s: string): string {
  if (!f.widPresent || f.wid === 0) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

function isBytes(v: unknown): v is Buffer | unknown[] {
  if (Buffer.isBuffer(v)) return true;
  if (!Array.isArray(v)) return false;
  const t = goTypeOf(v);
  return t === '[]uint8' || t === '[]byte';
}

function bytesOf(v: Buffer | unknown[]): number[] {
  if (Buffer.isBuffer(v)) return [...v];
  return v.map((b) => (b instanceof GoInt ? Number(b.v & 0xffn) : Number(b) & 0xff));
}

function bytesToString(v: Buffer | unknown[]): string {
  return Buffer.from(bytesOf(v)).toString('utf8');
}

function isStringArg(v: unknown): boolean {
  return typeof v === 'string';
}

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';

/** One Printf/Sprint run (Go's pp). */
class Printer {
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

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.out += pad(this.f, '<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(goTypeOf(arg));
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb, arg);
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.out += pad(this.f, arg ? 'true' : 'false');
        else this.badVerb(verb, arg);
        return;
      case 'number': return this.floatVerb(arg, 64, verb);
      case 'string': return this.fmtString(arg, verb);
    }
    if (arg instanceof GoInt) return this.fmtInt(arg, verb);
    if (arg instanceof GoFloat32) return this.floatVerb(arg.v, 32, verb);
    if (isBytes(arg)) return this.fmtBytes(arg, verb, Buffer.isBuffer(arg) ? '[]byte' : goTypeOf(arg));
    this.printValue(arg, verb, 0);
  }

  /** Composite values, printed element by element with the same verb. */
  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && (v === null || v === undefined)) {
      this.out += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    if (depth > 0 && !(Array.isArray(v) || isMap(v))) {
      this.printArg(v, verb);
      return;
    }
    if (v instanceof GoStruct) {
      if (verb === 'v' || verb === 's') {
        this.out += v.print ? v.print() : `{${Object.values(v.fields).map(String).join(' ')}}`;
        return;
      }
      this.badVerb(verb, v);
      return;
    }
    if (Array.isArray(v)) {
      if (isBytes(v) && depth > 0) return this.fmtBytes(v, verb, goTypeOf(v));
      if (this.f.sharpV) {
        this.out += goTypeOf(v) + '{';
        v.forEach((e, i) => {
          if (i > 0) this.out += ', ';
          this.printValue(e, verb, depth + 1);
        });
        this.out += '}';
        return;
      }
      this.out += '[';
      v.forEach((e, i) => {
        if (i > 0) this.out += ' ';
        this.printValue(e, verb, depth + 1);
      });
      this.out += ']';
      return;
    }
    if (isMap(v)) {
      const keys = Object.keys(v).sort(compareStrings);
      if (this.f.sharpV) {
        this.out += goTypeOf(v) + '{';
        keys.forEach((k, i) => {
          if (i > 0) this.out += ', ';
          this.printValue(k, verb, depth + 1);
          this.out += ':';
          this.printValue(v[k], verb, depth + 1);
        });
        this.out += '}';
        return;
      }
      this.out += 'map[';
      keys.forEach((k, i) => {
        if (i > 0) this.out += ' ';
        this.printValue(k, verb, depth + 1);
        this.out += ':';
        this.printValue(v[k], verb, depth + 1);
      });
      this.out += ']';
      return;
    }
    if (typeof v === 'function') {
      this.out += verb === 'v' ? '0x0' : `%!${verb}(func=0x0)`;
      return;
    }
    this.printArg(v, verb);
  }

  doPrintf(format: string, args: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    const f = newFlags();
    this.f = f;

    const parseNum = (i: number): [number, boolean, number] => {
      let num = 0;
      let isnum = false;
      while (i < end && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) {
        if (num > 1e6) return [0, false, end];
        num = num * 10 + (format.charCodeAt(i) - 48);
        isnum = true;
        i++;
      }
      return [num, isnum, i];
    };
    const argNumber = (argNum: number, i: number): [number, number, boolean] => {
      if (i >= end || format[i] !== '[') return [argNum, i, false];
      reordered = true;
      let index = 0;
      let wid = 1;
      let ok = false;
      if (end - i >= 3) {
        for (let j = i + 1; j < end; j++) {
          if (format[j] === ']') {
            const [n, isnum, newi] = parseNum(i + 1);
            wid = j - i + 1;
            if (isnum && newi === j) {
              index = n - 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < args.length) return [index, i + wid, true];
      this.goodArgNum = false;
      return [argNum, i + wid, ok];
    };
    const intFromArg = (argNum: number): [number, boolean, number] => {
      let num = 0;
      let isInt = false;
      let newArgNum = argNum;
      if (argNum < args.length) {
        const a = args[argNum];
        if (a instanceof GoInt) {
          isInt = true;
          if (a.v > 1000000n || a.v < -1000000n) {
            num = 0;
            isInt = false;
          } else num = Number(a.v);
        }
        newArgNum = argNum + 1;
      }
      return [num, isInt, newArgNum];
    };

    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.out += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      Object.assign(f, newFlags());
      afterIndex = false;
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#': f.sharp = true; break;
          case '0': f.zero = !f.minus; break;
          case '+': f.plus = true; break;
          case '-': f.minus = true; f.zero = false; break;
          case ' ': f.space = true; break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < args.length) {
              if (c === 'v') {
                f.sharpV = f.sharp;
                f.sharp = false;
                f.plusV = f.plus;
                f.plus = false;
              }
              if (c === 'w') this.badVerb(c, args[argNum]);
              else this.printArg(args[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i < end && format[i] === '*') {
        i++;
        [f.wid, f.widPresent, argNum] = intFromArg(argNum);
        if (!f.widPresent) this.out += '%!(BADWIDTH)';
        if (f.wid < 0) {
          f.wid = -f.wid;
          f.minus = true;
          f.zero = false;
        }
        afterIndex = false;
      } else {
        [f.wid, f.widPresent, i] = parseNum(i);
        if (afterIndex && f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 <= end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = argNumber(argNum, i);
        if (i < end && format[i] === '*') {
          i++;
          [f.prec, f.precPresent, argNum] = intFromArg(argNum);
          if (f.prec < 0) {
            f.prec = 0;
            f.precPresent = false;
          }
          if (!f.precPresent) this.out += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [f.prec, f.precPresent, i] = parseNum(i);
          if (!f.precPresent) {
            f.prec = 0;
            f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i >= end) {
        this.out += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') {
        this.out += '%';
      } else if (!this.goodArgNum) {
        this.out += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= args.length) {
        this.out += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'w') {
          this.badVerb(verb, args[argNum]);
        } else {
          if (verb === 'v') {
            f.sharpV = f.sharp;
            f.sharp = false;
            f.plusV = f.plus;
            f.plus = false;
          }
          this.printArg(args[argNum], verb);
        }
        argNum++;
      }
    }
    if (!reordered && argNum < args.length) {
      Object.assign(f, newFlags());
      this.out += '%!(EXTRA ';
      for (let k = argNum; k < args.length; k++) {
        if (k > argNum) this.out += ', ';
        const a = args[k];
        if (a === null || a === undefined) this.out += '<nil>';
        else {
          this.out += goTypeOf(a) + '=';
          this.printArg(a, 'v');
        }
      }
      this.out += ')';
    }
  }

  goodArgNum = true;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.out;
}

/** fmt.Sprint: operands as %v, a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const isString = isStringArg(a);
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.f = newFlags();
    p.printArg(a, 'v');
    prevString = isString;
  }
  return p.out;
}

/** fmt.Sprintln: operands as %v, always space-separated, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.out += ' ';
    p.f = newFlags();
    p.printArg(args[i], 'v');
  }
  return p.out + '\n';
}

/** One value as %v (what an action prints after the nil check; fmt.Sprint of one operand). */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v, 'g', -1);
  if (v instanceof GoInt) return v.v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return sprint([v]);
}
