// Go's fmt (Sprint, Sprintln, Sprintf) over the value model of value.ts, as
// text/template's print/printf/println and Sprig's functions use it. Verbs,
// flags, width/precision (incl. `*` and `%[n]` argument indexes) and the
// error forms (`%!d(string=x)`, `%!(EXTRA string=x)`, `%!s(MISSING)`) follow
// Go's fmt/print.go and fmt/format.go.
import { GoFloat32, GoInt, GoStruct, goTypeOf, isMap } from './value.js';
import { compareStrings, formatFloat } from './strconv.js';
export { formatFloat, quote, quoteRune, compareStrings } from './strconv.js';
import { ScalarPrinter, newFlags, pad, isBytes, isStringArg } from './fmt-scalar.js';

/** One Printf/Sprint run (Go's pp). */
class Printer extends ScalarPrinter {
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
  const plain = plainStrings(format, args);
  if (plain !== undefined) return plain;
  const p = new Printer();
  p.doPrintf(format, args);
  return p.out;
}

/**
 * Sprintf of a format whose verbs are all a bare %s or %v, with one string
 * argument for each (the usual `printf "%s-%s" .Release.Name .Chart.Name`):
 * the strings put in place, as the Printer would. Undefined for any other
 * format or arguments.
 */
function plainStrings(format: string, args: readonly unknown[]): string | undefined {
  let out = '';
  let from = 0;
  let n = 0;
  for (let i = format.indexOf('%'); i >= 0; i = format.indexOf('%', from)) {
    const verb = format.charCodeAt(i + 1);
    if (verb !== 0x73 /* s */ && verb !== 0x76 /* v */) return undefined;
    const a = args[n++];
    if (typeof a !== 'string') return undefined;
    out += format.slice(from, i) + a;
    from = i + 2;
  }
  return n === args.length ? out + format.slice(from) : undefined;
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
