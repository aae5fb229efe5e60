// Sprig's regular-expression functions with Go's regexp semantics (see
// re2.ts). The plain forms panic on a bad pattern as regexp.MustCompile does
// (`regexp: Compile(...): ...`); the must forms return the error; regexMatch
// answers false.
import { chargeBuilt } from '../../budget.js';
import type { GoFunc } from '../func-types.js';
import { sliceType } from '../value.js';
import { num } from './convert.js';
import { fn, FuncError } from './define.js';
import { compileGo, expand, findAll, RegexpError, type GoRegexp } from './re2.js';
import { quote } from '../fmt.js';

const cache = new Map<string, GoRegexp | RegexpError>();

function compile(pattern: string): GoRegexp {
  let r = cache.get(pattern);
  if (r === undefined) {
    try {
      r = compileGo(pattern);
    } catch (e) {
      if (!(e instanceof RegexpError)) throw new FuncError(`error parsing regexp: ${(e as Error).message}`);
      r = e;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, r);
  }
  if (r instanceof RegexpError) throw new FuncError(r.message);
  return r;
}

/** regexp.MustCompile: a bad pattern panics with the pattern quoted. */
function mustCompile(pattern: string): GoRegexp {
  try {
    return compile(pattern);
  } catch (e) {
    throw new FuncError(`regexp: Compile(${quoteForCompile(pattern)}): ${(e as Error).message}`);
  }
}

// regexp.MustCompile quotes with strconv.Quote (quote() in regexp.go: backquote when possible).
function quoteForCompile(s: string): string {
  if (!s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)) return '`' + s + '`';
  return quote(s);
}

function replaceAll(g: GoRegexp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(g, s, -1)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
    chargeBuilt(0);
  }
  out += s.slice(last);
  chargeBuilt(Math.max(0, out.length - s.length));
  return out;
}

function split(g: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return sliceType([], '[]string');
  if (g.source.length > 0 && s.length === 0) return sliceType([''], '[]string');
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(g, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return sliceType(out, '[]string');
}

const S = 'string';
type Compile = (p: string) => GoRegexp;

function family(c: Compile, must: boolean): Record<string, GoFunc> {
  const r = (t: string) => (must ? [t, 'error'] : t);
  const pre = must ? 'mustRegex' : 'regex';
  return {
    [`${pre}FindAll`]: fn([S, S, 'int'], r('[]string'), (re: string, s: string, n) => sliceType(findAll(c(re), s, num(n)).map((m) => m[0]), '[]string')),
    [`${pre}Find`]: fn([S, S], r(S), (re: string, s: string) => findAll(c(re), s, 1)[0]?.[0] ?? ''),
    [`${pre}ReplaceAll`]: fn([S, S, S], r(S), (re: string, s: string, repl: string) => { const g = c(re); return replaceAll(g, s, (m) => expand(repl, m, g.names)); }),
    [`${pre}ReplaceAllLiteral`]: fn([S, S, S], r(S), (re: string, s: string, repl: string) => replaceAll(c(re), s, () => repl)),
    [`${pre}Split`]: fn([S, S, 'int'], r('[]string'), (re: string, s: string, n) => split(c(re), s, num(n))),
  };
}

export const REGEX_FUNCS: Record<string, GoFunc> = {
  regexMatch: fn([S, S], 'bool', (re: string, s: string) => {
    try {
      return findAll(compile(re), s, 1).length > 0;
    } catch {
      return false;
    }
  }),
  mustRegexMatch: fn([S, S], ['bool', 'error'], (re: string, s: string) => findAll(compile(re), s, 1).length > 0),
  ...family(mustCompile, false),
  ...family(compile, true),
  regexQuoteMeta: fn([S], S, (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};
