// Go's literal syntax as text/template's parser reads it (parse/node.go
// newNumber, strconv.Unquote): quoted and raw strings, runes, and integer and
// float constants in every base, with underscores where Go allows them.
import type { NumberNode, VariableNode } from './ast.js';
import { T } from './lex.js';
import { quote as goQuote } from './strconv.js';

export function newVariable(pos: number, ident: string): VariableNode {
  return { kind: 'variable', pos, ident: ident.split('.') };
}

/** strconv.Unquote for "..." , `...` and '...' literals; undefined when invalid. */
export function goUnquote(s: string): string | undefined {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  if (!body.includes('\\')) {
    if (body.includes(q) || body.includes('\n')) return undefined;
    if (q === "'" && [...body].length !== 1) return undefined;
    return body;
  }
  const bytes: number[] = [];
  const pushStr = (str: string): void => {
    for (const b of Buffer.from(str, 'utf8')) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushStr(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(92); break;
      case "'": case '"':
        if (e !== q) return undefined;
        bytes.push(e.charCodeAt(0));
        break;
      case 'x': case 'u': case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        i += n;
        const v = parseInt(hex, 16);
        if (e === 'x') {
          if (q === "'") pushStr(String.fromCodePoint(v));
          else bytes.push(v);
        } else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
          pushStr(String.fromCodePoint(v));
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const oct = body.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) return undefined;
        const v = parseInt(oct, 8);
        if (v > 255) return undefined;
        i += 2;
        if (q === "'") pushStr(String.fromCodePoint(v));
        else bytes.push(v);
        break;
      }
      default:
        return undefined;
    }
  }
  const out = Buffer.from(bytes).toString('utf8');
  if (q === "'" && [...out].length !== 1) return undefined;
  return out;
}

/** parse.newNumber: a NumberNode, or an error message. */
export function newNumber(pos: number, text: string, typ: T): NumberNode | string {
  const n: NumberNode = { kind: 'number', pos, text, isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0 };
  if (typ === T.CharConstant) {
    const r = goUnquote(text);
    if (r === undefined) return 'invalid syntax';
    const cp = BigInt(r.codePointAt(0)!);
    n.int64 = cp;
    n.uint64 = cp;
    n.float64 = Number(cp);
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === T.Complex) {
    n.isComplex = true;
    return n;
  }
  if (text.endsWith('i')) {
    n.isComplex = true;
    return n;
  }
  const u = parseGoInt(text, false);
  if (u !== undefined && u >= 0n && u < 1n << 64n) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseGoInt(text, true);
  if (i !== undefined && i >= -(1n << 63n) && i < 1n << 63n) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n && text[0] === '-') {
      n.isUint = true;
      n.uint64 = 0n;
    }
  } else if (n.isUint) {
    n.isInt = false;
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (!n.isInt && Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (!n.isUint && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

export function underscoreOK(s: string): boolean {
  // Go: underscores only between digits or after a base prefix
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i++;
  let hex = false;
  let saw = '^';
  if (s.length - i >= 2 && s[i] === '0' && /[xXbBoO]/.test(s[i + 1]!)) {
    hex = /[xX]/.test(s[i + 1]!);
    i += 2;
    saw = '0';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseInt/ParseUint(s, 0, 64) without the range check; undefined when the syntax is wrong. */
export function parseGoInt(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    if (!signed) return undefined;
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s.length === 0) return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === '0' && s.length > 1) {
    const b = s[1]!.toLowerCase();
    if (b === 'x') { base = 16; digits = s.slice(2); }
    else if (b === 'b') { base = 2; digits = s.slice(2); }
    else if (b === 'o') { base = 8; digits = s.slice(2); }
    else { base = 8; digits = s.slice(1); }
  }
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replace(/_/g, '');
  }
  if (digits.length === 0) return undefined;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

/** strconv.ParseFloat(s, 64) for Go syntax (decimal and hex floats, underscores); undefined when invalid. */
export function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m && (m[2]! + m[3]!).length > 0) {
    const mant = parseInt((m[2]! || '0') + (m[3] ?? ''), 16) / 16 ** (m[3]?.length ?? 0);
    const v = mant * 2 ** Number(m[4]);
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}
