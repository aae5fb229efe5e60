// Go's regexp (RE2 syntax) on JavaScript's RegExp. The pattern is parsed and
// rewritten so that it means what Go means: `.` excludes only \n, \s is
// [\t\n\f\r ], inline flags (?i) (?s) (?m) (?U) apply to their group,
// \A \z \Q..\E \pN \x{...} octal and POSIX classes are Go's, and what RE2
// refuses (backreferences, lookaround, bad repeats) is refused with Go's
// error text. Matching is leftmost-first in both engines.

/** A compiled Go regexp: the JS form and the names of its groups (Go allows names JS does not). */
export interface GoRegexp {
  readonly source: string;
  readonly re: RegExp;
  readonly names: readonly string[];
}

export class RegexpError extends Error {}

const err = (code: string, frag: string) => new RegexpError(`error parsing regexp: ${code}: \`${frag}\``);

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const PERL: Record<string, [string, string]> = {
  d: ['0-9', '\\d'], w: ['0-9A-Za-z_', '\\w'], s: ['\\t\\n\\f\\r ', ''],
};
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));
const GENERAL_CATEGORIES = /^(C|Cc|Cf|Co|Cs|L|Ll|Lm|Lo|Lt|Lu|M|Mc|Me|Mn|N|Nd|Nl|No|P|Pc|Pd|Pe|Pf|Pi|Po|Ps|S|Sc|Sk|Sm|So|Z|Zl|Zp|Zs)$/;

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

function lit(cp: number, inClass: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (/[A-Za-z0-9_ ]/.test(ch) || (cp > 0x7f && cp !== 0x2028 && cp !== 0x2029)) return ch;
  // Unicode-mode JS accepts `\-` only inside a class; outside one `-` is plain.
  if (ch === '-' && !inClass) return ch;
  if (JS_SYNTAX.has(ch) || (inClass && ch === ']')) return '\\' + ch;
  return `\\u{${cp.toString(16)}}`;
}

function caseFold(cp: number): string {
  const ch = String.fromCodePoint(cp);
  const u = ch.toUpperCase();
  const l = ch.toLowerCase();
  if (u === l || u.length !== ch.length || l.length !== ch.length) return lit(cp, false);
  return `[${lit(l.codePointAt(0)!, true)}${lit(u.codePointAt(0)!, true)}]`;
}

function unicodeClass(name: string, negate: boolean, frag: string): string {
  if (name === 'Any') return negate ? '[^\\s\\S]' : '[\\s\\S]';
  let prop: string;
  if (GENERAL_CATEGORIES.test(name)) prop = name;
  else if (/^[A-Z][A-Za-z_]*$/.test(name)) prop = `Script=${name}`;
  else throw err('invalid character class range', frag);
  try {
    new RegExp(`\\p{${prop}}`, 'u');
  } catch {
    throw err('invalid character class range', frag);
  }
  return `\\${negate ? 'P' : 'p'}{${prop}}`;
}

/** Translates a Go pattern; throws RegexpError with Go's message when Go would refuse it. */
export function compileGo(pattern: string): GoRegexp {
  const p = Array.from(pattern);
  const names: string[] = [];
  let i = 0;
  let out = '';
  const flagStack: Flags[] = [];
  let flags: Flags = { i: false, m: false, s: false, U: false };
  let depth = 0;
  // Whether the last item can take a repetition operator, and whether it already has one.
  let canRepeat = false;
  let repeated = false;
  // The text of the last repetition operator, for Go's "invalid nested repetition operator: `**`".
  let lastRepeat = '';

  const rest = () => p.slice(i).join('');

  // Parses an escape at p[i] === '\\'; returns [JS text, code point or -1 for a class].
  const escape = (inClass: boolean): [string, number] => {
    const start = i;
    const c = p[i + 1];
    if (c === undefined) throw err('trailing backslash at end of expression', '');
    i += 2;
    if (c >= '1' && c <= '7' && !(p[i] !== undefined && p[i]! >= '0' && p[i]! <= '7')) throw err('invalid escape sequence', `\\${c}`);
    if (c >= '0' && c <= '7') {
      let digits = c;
      while (digits.length < 3 && p[i] !== undefined && p[i]! >= '0' && p[i]! <= '7') digits += p[i++];
      const cp = Number.parseInt(digits, 8);
      return [lit(cp, inClass), cp];
    }
    switch (c) {
      case 'a': return [lit(7, inClass), 7];
      case 'f': return ['\\f', 12];
      case 't': return ['\\t', 9];
      case 'n': return ['\\n', 10];
      case 'r': return ['\\r', 13];
      case 'v': return ['\\v', 11];
      case 'x': {
        if (p[i] === '{') {
          const end = p.indexOf('}', i);
          const hex = end < 0 ? '' : p.slice(i + 1, end).join('');
          if (end < 0 || !/^[0-9A-Fa-f]+$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff) throw err('invalid escape sequence', p.slice(start, end < 0 ? p.length : end + 1).join(''));
          i = end + 1;
          const cp = Number.parseInt(hex, 16);
          return [lit(cp, inClass), cp];
        }
        const hex = p.slice(i, i + 2).join('');
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw err('invalid escape sequence', p.slice(start, i + 2).join(''));
        i += 2;
        const cp = Number.parseInt(hex, 16);
        return [lit(cp, inClass), cp];
      }
      case 'd': case 'w': return [inClass ? PERL[c]![0] : PERL[c]![1], -1];
      case 'D': case 'W': return [inClass ? `\\${c}` : `\\${c}`, -1];
      case 's': return [inClass ? PERL.s![0] : '[\\t\\n\\f\\r ]', -1];
      case 'S': if (inClass) throw err('invalid character class range', '\\S'); return ['[^\\t\\n\\f\\r ]', -1];
      case 'p': case 'P': {
        let name: string;
        if (p[i] === '{') {
          const end = p.indexOf('}', i);
          if (end < 0) throw err('invalid character class range', p.slice(start).join(''));
          name = p.slice(i + 1, end).join('');
          i = end + 1;
        } else {
          if (p[i] === undefined) throw err('invalid character class range', p.slice(start).join(''));
          name = p[i++]!;
        }
        let neg = c === 'P';
        if (name.startsWith('^')) { neg = !neg; name = name.slice(1); }
        return [unicodeClass(name, neg, p.slice(start, i).join('')), -1];
      }
    }
    if (!inClass) {
      if (c === 'A') return ['(?<![\\s\\S])', -2];
      if (c === 'z') return ['(?![\\s\\S])', -2];
      if (c === 'b') return ['\\b', -2];
      if (c === 'B') return ['\\B', -2];
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return [lit(cp, inClass), cp];
    throw err('invalid escape sequence', `\\${c}`);
  };

  const parseClass = (): string => {
    const start = i;
    i++;
    let neg = false;
    if (p[i] === '^') { neg = true; i++; }
    let body = '';
    let first = true;
    for (;;) {
      if (i >= p.length) throw err('missing closing ]', p.slice(start).join(''));
      const c = p[i]!;
      if (c === ']' && !first) { i++; break; }
      first = false;
      if (c === '[' && p[i + 1] === ':') {
        const end = p.slice(i).join('').indexOf(':]');
        const m = end > 0 ? /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i, i + end + 2).join('')) : null;
        if (m) {
          const set = POSIX[m[2]!];
          if (set === undefined) throw err('invalid character class range', m[0]);
          body += m[1] ? `&&NEG[${set}]` : set;
          i += end + 2;
          continue;
        }
      }
      let lo: string;
      let loCp: number;
      if (c === '\\') [lo, loCp] = escape(true);
      else { loCp = c.codePointAt(0)!; lo = lit(loCp, true); i++; }
      if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']' && loCp >= 0) {
        const rs = i;
        i++;
        let hi: string;
        let hiCp: number;
        if (p[i] === '\\') [hi, hiCp] = escape(true);
        else { hiCp = p[i]!.codePointAt(0)!; hi = lit(hiCp, true); i++; }
        if (hiCp < 0 || hiCp < loCp) throw err('invalid character class range', p.slice(rs - 1, i).join('').replace(/^\\?/, (m) => m));
        body += `${lo}-${hi}`;
        if (flags.i) body += foldRange(loCp, hiCp);
      } else {
        body += lo;
        if (flags.i && loCp >= 0) body += foldRange(loCp, loCp);
      }
    }
    // A negated POSIX class inside a bracket: [^...] pieces joined as an alternation.
    if (body.includes('&&NEG[')) {
      const parts: string[] = [];
      body = body.replace(/&&NEG\[([^\]]*)\]/g, (_m, set: string) => { parts.push(`[^${set}]`); return ''; });
      const alt = [...(body ? [`[${body}]`] : []), ...parts].join('|');
      return neg ? `(?:(?!${alt})[\\s\\S])` : `(?:${alt})`;
    }
    if (body === '' && !neg) return '[^\\s\\S]';
    return `[${neg ? '^' : ''}${body}${neg && !flags.s ? '' : ''}]`;
  };

  const addRepeat = (op: string, frag: string) => {
    if (!canRepeat) throw err('missing argument to repetition operator', frag);
    let lazy = false;
    if (p[i] === '?') { lazy = true; i++; }
    if (repeated) throw err('invalid nested repetition operator', lastRepeat + op + (lazy ? '?' : ''));
    lastRepeat = op + (lazy ? '?' : '');
    if (flags.U) lazy = !lazy;
    out += op + (lazy ? '?' : '');
    repeated = true;
  };

  while (i < p.length) {
    const c = p[i]!;
    switch (c) {
      case '\\': {
        if (p[i + 1] === 'Q') {
          // \Q...\E: literal text up to \E (or the end).
          i += 2;
          let any = false;
          while (i < p.length && !(p[i] === '\\' && p[i + 1] === 'E')) {
            const cp = p[i]!.codePointAt(0)!;
            out += flags.i ? caseFold(cp) : lit(cp, false);
            i++;
            any = true;
          }
          if (i < p.length) i += 2;
          if (any) { canRepeat = true; repeated = false; }
          continue;
        }
        const [js, cp] = escape(false);
        out += flags.i && cp >= 0 ? caseFold(cp) : cp === -2 ? `(?:${js})` : js;
        canRepeat = true;
        repeated = false;
        continue;
      }
      case '[':
        out += parseClass();
        canRepeat = true;
        repeated = false;
        continue;
      case '(': {
        if (p[i + 1] === '?') {
          const tail = rest();
          const named = /^\(\?P?<([^>]*)>/.exec(tail);
          if (named) {
            if (!/^[A-Za-z0-9_]+$/.test(named[1]!)) throw err('invalid named capture', named[0]);
            names.push(named[1]!);
            i += named[0].length;
            out += '(';
            flagStack.push(flags);
            depth++;
            canRepeat = false;
            repeated = false;
            continue;
          }
          const fl = /^\(\?([imsU]*(?:-[imsU]*)?)([:)])/.exec(tail);
          if (!fl || (fl[2] === ')' && fl[1] === '') || fl[1]!.endsWith('-')) {
            throw err('invalid or unsupported Perl syntax', tail.slice(0, Math.min(tail.length, 3)));
          }
          const next: Flags = { ...flags };
          let on = true;
          for (const f of fl![1]!) {
            if (f === '-') { on = false; continue; }
            next[f as keyof Flags] = on;
          }
          i += fl![0].length;
          if (fl![2] === ')') {
            flags = next;
            canRepeat = false;
            repeated = false;
            continue;
          }
          flagStack.push(flags);
          flags = next;
          out += '(?:';
          depth++;
          canRepeat = false;
          repeated = false;
          continue;
        }
        names.push('');
        flagStack.push(flags);
        out += '(';
        depth++;
        i++;
        canRepeat = false;
        repeated = false;
        continue;
      }
      case ')':
        if (depth === 0) throw err('unexpected )', pattern);
        depth--;
        flags = flagStack.pop()!;
        out += ')';
        i++;
        canRepeat = true;
        repeated = false;
        continue;
      case '|':
        out += '|';
        i++;
        canRepeat = false;
        repeated = false;
        continue;
      case '*': case '+': case '?':
        i++;
        addRepeat(c, c + (p[i] === '*' || p[i] === '+' || p[i] === '?' ? p[i] : ''));
        continue;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(rest());
        if (m) {
          const lo = Number(m[1]);
          const hi = m[3] === undefined || m[3] === '' ? lo : Number(m[3]);
          if (lo > 1000 || hi > 1000 || (m[3] !== undefined && m[3] !== '' && hi < lo)) throw err('invalid repeat count', m[0]);
          i += m[0].length;
          addRepeat(m[0], m[0]);
          continue;
        }
        out += '\\{';
        i++;
        canRepeat = true;
        repeated = false;
        continue;
      }
      case '.':
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
        i++;
        canRepeat = true;
        repeated = false;
        continue;
      case '^':
        out += flags.m ? '(?:(?<![\\s\\S])|(?<=\\n))' : '(?:(?<![\\s\\S]))';
        i++;
        canRepeat = true;
        repeated = false;
        continue;
      case '$':
        out += flags.m ? '(?:(?=\\n|(?![\\s\\S])))' : '(?:(?![\\s\\S]))';
        i++;
        canRepeat = true;
        repeated = false;
        continue;
      default: {
        const cp = c.codePointAt(0)!;
        out += flags.i ? caseFold(cp) : lit(cp, false);
        i++;
        canRepeat = true;
        repeated = false;
      }
    }
  }
  if (depth > 0) throw err('missing closing )', pattern);
  return { source: pattern, re: new RegExp(out, 'gu'), names };
}

/** The other case of the letters in [lo, hi], as extra class ranges (for (?i) inside a class). */
function foldRange(lo: number, hi: number): string {
  let extra = '';
  const a = Math.max(lo, 0x41);
  const b = Math.min(hi, 0x7a);
  for (let cp = a; cp <= b; cp++) {
    const ch = String.fromCharCode(cp);
    const other = ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
    if (other !== ch) extra += other;
  }
  return extra;
}

/** Every match as [start, end, group spans...], Go's way: an empty match right after a match is skipped. */
export function findAll(g: GoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  const re = g.re;
  re.lastIndex = 0;
  let prevEnd = -1;
  while (n < 0 || out.length < n) {
    if (re.lastIndex > s.length) break;
    const m = re.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      // Step past the empty match by one code point.
      const cp = s.codePointAt(m.index);
      re.lastIndex = m.index + (cp !== undefined && cp > 0xffff ? 2 : 1);
      if (m.index === prevEnd) continue;
    }
    out.push(m);
    prevEnd = end;
  }
  return out;
}

/** regexp.Expand: $1, ${1}, $name, ${name}, $$ (a malformed $ stays literal). */
export function expand(template: string, m: RegExpExecArray, names: readonly string[]): string {
  let out = '';
  let t = template;
  for (;;) {
    const at = t.indexOf('$');
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t.startsWith('$')) { out += '$'; t = t.slice(1); continue; }
    let name: string;
    let restT: string;
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(t);
    const bare = /^[A-Za-z0-9_]+/.exec(t);
    if (t.startsWith('{')) {
      if (!braced) { out += '$'; continue; }
      name = braced[1]!;
      restT = t.slice(braced[0].length);
    } else if (bare) {
      name = bare[0];
      restT = t.slice(name.length);
    } else { out += '$'; continue; }
    t = restT;
    if (/^\d+$/.test(name)) {
      const k = Number(name);
      if (k < m.length && m[k] !== undefined) out += m[k];
    } else {
      // The first group of that name that took part in the match.
      const k = names.findIndex((n, j) => n === name && m[j + 1] !== undefined);
      if (k >= 0) out += m[k + 1];
    }
  }
  return out + t;
}
