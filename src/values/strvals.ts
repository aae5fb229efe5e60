// Helm's strvals grammar (pkg/strvals): the language of --set, --set-string,
// --set-file, --set-json and --set-literal.
//
//   line   := assign (',' assign)* ','?
//   assign := key '=' value
//   key    := name ('.' name | '[' int ']')*      (\x escapes any rune)
//   value  := '{' item (',' item)* '}' | runes up to the next unescaped ','
//
// The port keeps Helm's control flow (including its quirks: `a={}` is [""],
// `noval[0]` is [], a trailing comma is fine, an empty assignment is not) so
// that every flag a Helm user types means the same thing here.
import type { Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { deepCopy, isTable, put, has } from './util.js';
import { SetInt } from './int64.js';

/** Largest list index `a[i]=x` accepts (Helm's MaxIndex). */
export const MAX_INDEX = 65536;
/** Deepest `a.b.c...` nesting accepted (Helm's MaxNestedNameLevel). */
export const MAX_NESTED_NAME_LEVEL = 30;

/** Reads the value of one `--set-file` assignment (a path, or `-` for stdin). */
export type SetFileReader = (path: string) => Promise<string> | string;

/** A parse failure with Helm's inner message (the flag prefix is added by the caller). */
class StrvalsError extends Error {}
/** What Go reports as a recovered panic: a type assertion on existing data failed. */
class StrvalsPanic extends Error {}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return '[]interface {}';
  if (isTable(v)) return 'map[string]interface {}';
  if (v instanceof SetInt) return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function conversionPanic(v: unknown, want: string): StrvalsPanic {
  return new StrvalsPanic(`interface conversion: interface {} is ${goTypeName(v)}, not ${want}`);
}

/** Go's strconv.Atoi on a 64-bit platform. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new StrvalsError(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) throw new StrvalsError(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return Number(n);
}

/**
 * Helm's typedVal for --set: true/false/null (any case), 0, and base-10
 * int64s that do not start with 0 become typed; everything else (floats,
 * leading zeros, hex, out-of-range ints) stays a string. Integers are
 * SetInts: Go's int64, exact beyond 2^53.
 */
export function typedValue(val: string, forceString: boolean): unknown {
  if (forceString) return val;
  const upper = val.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  if (upper === 'NULL') return null;
  if (val === '0') return new SetInt('0');
  if (val.length !== 0 && val[0] !== '0' && /^[+-]?[0-9]+$/.test(val)) {
    const n = BigInt(val);
    if (n >= INT64_MIN && n <= INT64_MAX) return new SetInt(n.toString());
  }
  return val;
}

class Scanner {
  private readonly runes: string[];
  private pos = 0;
  constructor(s: string) {
    this.runes = Array.from(s);
  }
  read(): string | undefined {
    return this.pos < this.runes.length ? this.runes[this.pos++] : undefined;
  }
  unread(): void {
    if (this.pos > 0) this.pos--;
  }
  rest(): string {
    return this.runes.slice(this.pos).join('');
  }
  /** Skips `n` UTF-16 code units of rest() (what a JSON decode consumed). */
  skipChars(n: number): void {
    let units = 0;
    while (units < n && this.pos < this.runes.length) units += this.runes[this.pos++].length;
  }
}

interface Until {
  v: string;
  last: string | undefined;
  eof: boolean;
}

function runesUntil(sc: Scanner, stop: string, escapes: boolean): Until {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { v, last: undefined, eof: true };
    if (stop.includes(r)) return { v, last: r, eof: false };
    if (escapes && r === '\\') {
      const next = sc.read();
      if (next === undefined) return { v, last: undefined, eof: true };
      v += next;
      continue;
    }
    v += r;
  }
}

function set(data: Values, key: string, val: unknown): void {
  if (key.length === 0) return;
  put(data, key, val);
}

function setIndex(list: unknown[], index: number, val: unknown): unknown[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = val;
  return list;
}

/**
 * How deep a --set-json value may nest. Go's decoder stops at 10000 levels
 * ("exceeded max depth"); values are copied, merged and rendered by recursive
 * code afterwards, so skiff stops earlier, with the same words and the limit.
 */
export const MAX_JSON_DEPTH = 1000;

/** Decodes the first JSON value of `s` the way Go's json.Decoder does; returns it and the characters consumed. */
export function decodeJsonPrefix(s: string): { value: unknown; consumed: number } {
  let i = 0;
  while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  const start = i;
  if (i >= s.length) throw new StrvalsError('unexpected EOF');
  const c = s[i];
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < s.length; i++) {
      const ch = s[i];
      if (ch === '"') {
        i++;
        while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
        if (i >= s.length) throw new StrvalsError('unexpected EOF');
      } else if (ch === '{' || ch === '[') {
        if (++depth > MAX_JSON_DEPTH) throw new StrvalsError(`exceeded max depth: a JSON value may nest at most ${MAX_JSON_DEPTH} levels`);
      }
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    if (depth !== 0) throw new StrvalsError('unexpected EOF');
  } else if (c === '"') {
    i++;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) throw new StrvalsError('unexpected EOF');
    i++;
  } else if (c === '-' || (c >= '0' && c <= '9')) {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(s.slice(i));
    if (!m) throw new StrvalsError(i + 1 >= s.length ? 'unexpected EOF' : `invalid character ${quoteChar(s[i + 1])} in numeric literal`);
    i += m[0].length;
    if (i < s.length && '.eE+-'.includes(s[i])) throw new StrvalsError(`invalid character ${quoteChar(s[i])} in numeric literal`);
  } else if (/[a-z]/.test(c)) {
    while (i < s.length && /[a-z]/.test(s[i])) i++;
    const word = s.slice(start, i);
    if (word !== 'true' && word !== 'false' && word !== 'null') {
      const lit = ['true', 'false', 'null'].find((w) => w[0] === c);
      if (!lit) throw new StrvalsError(`invalid character ${quoteChar(c)} looking for beginning of value`);
      let k = 0;
      while (k < word.length && word[k] === lit[k]) k++;
      if (start + k >= s.length) throw new StrvalsError('unexpected EOF');
      throw new StrvalsError(`invalid character ${quoteChar(s[start + k])} in literal ${lit} (expecting ${quoteChar(lit[k])})`);
    }
  } else {
    throw new StrvalsError(`invalid character ${quoteChar(c)} looking for beginning of value`);
  }
  try {
    return { value: JSON.parse(s.slice(start, i)), consumed: i };
  } catch (e) {
    throw new StrvalsError((e as Error).message);
  }
}

function quoteChar(c: string | undefined): string {
  return c === undefined ? 'EOF' : `'${c}'`;
}

type ValueReader = (rs: string) => unknown;

type ValList = { kind: 'list'; list: unknown[] } | { kind: 'eof' } | { kind: 'notlist' };

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: Values,
    private readonly reader: ValueReader | null,
    private readonly isJson: boolean,
  ) {}

  parse(): void {
    for (;;) {
      if (this.key(this.data, 0) === 'eof') return;
    }
  }

  /** One assignment into `data`; returns 'eof' at the end of input. */
  private key(data: Values, nestedNameLevel: number): 'eof' | undefined {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof StrvalsPanic) throw new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: Values, nestedNameLevel: number): 'eof' | undefined {
    const { v: k, last, eof } = runesUntil(this.sc, '=[,.', true);
    if (eof) {
      if (k.length === 0) return 'eof';
      throw new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        let list: unknown[] = [];
        if (has(data, k)) {
          const existing = data[k];
          if (!Array.isArray(existing)) throw conversionPanic(existing, '[]interface {}');
          list = existing;
        }
        const [out, atEnd] = this.listItem(list, i, nestedNameLevel);
        set(data, k, out);
        return atEnd ? 'eof' : undefined;
      }
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) {
            set(data, k, null);
            return undefined;
          }
          set(data, k, this.jsonValue());
          this.emptyVal();
          return undefined;
        }
        const vl = this.valList();
        if (vl.kind === 'list') {
          set(data, k, vl.list);
          return undefined;
        }
        if (vl.kind === 'eof') {
          set(data, k, '');
          return 'eof';
        }
        set(data, k, this.read(this.val()));
        return undefined;
      }
      case ',':
        set(data, k, '');
        throw new StrvalsError(`key ${goQuote(k)} has no value (cannot end with ,)`);
      default: {
        // '.': descend into (or create) a map.
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        }
        let inner: Values = {};
        if (has(data, k)) {
          const existing = data[k];
          if (!isTable(existing)) throw conversionPanic(existing, 'map[string]interface {}');
          inner = existing;
        }
        const r = this.key(inner, nestedNameLevel);
        const empty = Object.keys(inner).length === 0;
        if (r === undefined && empty) throw new StrvalsError(`key map ${goQuote(k)} has no value`);
        if (!empty) set(data, k, inner);
        return r;
      }
    }
  }

  private keyIndex(): number {
    const { v, eof } = runesUntil(this.sc, ']', true);
    try {
      if (eof) throw new StrvalsError('EOF');
      return atoi(v);
    } catch (e) {
      throw new StrvalsError(`error parsing index: ${(e as Error).message}`);
    }
  }

  /** Sets list[i] from what follows `]`; returns the list and whether input ended. */
  private listItem(list: unknown[], i: number, nestedNameLevel: number): [unknown[], boolean] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { v: k, last, eof } = runesUntil(this.sc, '[.=', true);
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${goQuote(k)}`);
    if (eof) return [list, true];
    switch (last) {
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) return [setIndex(list, i, null), false];
          const out = setIndex(list, i, this.jsonValue());
          this.emptyVal();
          return [out, false];
        }
        const vl = this.valList();
        if (vl.kind === 'list') return [setIndex(list, i, vl.list), false];
        if (vl.kind === 'eof') return [setIndex(list, i, ''), false];
        return [setIndex(list, i, this.read(this.val())), false];
      }
      case '[': {
        const nextI = this.keyIndex();
        let crt: unknown[] = [];
        if (list.length > i && list[i] !== null && list[i] !== undefined) {
          if (!Array.isArray(list[i])) throw conversionPanic(list[i], '[]interface {}');
          crt = list[i] as unknown[];
        }
        const [list2, atEnd] = this.listItem(crt, nextI, nestedNameLevel);
        if (atEnd) return [list, true];
        return [setIndex(list, i, list2), false];
      }
      default: {
        // '.': a map inside the list; a non-map already there is replaced.
        let inner: Values = {};
        if (list.length > i) {
          if (isTable(list[i])) inner = list[i] as Values;
          else list[i] = inner;
        }
        const r = this.key(inner, nestedNameLevel);
        if (r === 'eof') return [list, true];
        return [setIndex(list, i, inner), false];
      }
    }
  }

  private read(rs: string): unknown {
    return this.reader ? this.reader(rs) : rs;
  }

  /** Consumes blanks and one comma; true when the value is empty (comma or end). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private jsonValue(): unknown {
    const { value, consumed } = decodeJsonPrefix(this.sc.rest());
    this.sc.skipChars(consumed);
    return value;
  }

  private val(): string {
    return runesUntil(this.sc, ',', true).v;
  }

  private valList(): ValList {
    const r = this.sc.read();
    if (r === undefined) return { kind: 'eof' };
    if (r !== '{') {
      this.sc.unread();
      return { kind: 'notlist' };
    }
    const list: unknown[] = [];
    for (;;) {
      const { v: rs, last, eof } = runesUntil(this.sc, ',}', true);
      if (eof) throw new StrvalsError("list must terminate with '}'");
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        list.push(this.read(rs));
        return { kind: 'list', list };
      }
      list.push(this.read(rs));
    }
  }
}

/** --set-literal: the value is everything after the first `=`, untyped and unescaped. */
class LiteralParser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: Values,
  ) {}

  parse(): void {
    for (;;) {
      if (this.key(this.data, 0) === 'eof') return;
    }
  }

  private key(data: Values, nestedNameLevel: number): 'eof' | undefined {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof StrvalsPanic) throw new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: Values, nestedNameLevel: number): 'eof' | undefined {
    const { v: k, last, eof } = runesUntil(this.sc, '=[.', false);
    if (eof) {
      if (k.length === 0) return 'eof';
      throw new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    if (last === '=') {
      set(data, k, this.val());
      return undefined;
    }
    if (last === '.') {
      nestedNameLevel++;
      if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
        throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
      }
      let inner: Values = {};
      if (has(data, k)) {
        const existing = data[k];
        if (!isTable(existing)) throw conversionPanic(existing, 'map[string]interface {}');
        inner = existing;
      }
      const r = this.key(inner, nestedNameLevel);
      const empty = Object.keys(inner).length === 0;
      if (r === undefined && empty) throw new StrvalsError(`key map ${goQuote(k)} has no value`);
      if (!empty) set(data, k, inner);
      return r;
    }
    // '['
    const i = this.keyIndex();
    let list: unknown[] = [];
    if (has(data, k)) {
      const existing = data[k];
      if (!Array.isArray(existing)) throw conversionPanic(existing, '[]interface {}');
      list = existing;
    }
    const [out, atEnd] = this.listItem(list, i, nestedNameLevel);
    set(data, k, out);
    return atEnd ? 'eof' : undefined;
  }

  private keyIndex(): number {
    const { v, eof } = runesUntil(this.sc, ']', false);
    try {
      if (eof) throw new StrvalsError('EOF');
      return atoi(v);
    } catch (e) {
      throw new StrvalsError(`error parsing index: ${(e as Error).message}`);
    }
  }

  private listItem(list: unknown[], i: number, nestedNameLevel: number): [unknown[], boolean] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { v: k, last, eof } = runesUntil(this.sc, '[.=', false);
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${goQuote(k)}`);
    if (eof) return [list, true];
    if (last === '=') return [setIndex(list, i, this.val()), false];
    if (last === '.') {
      let inner: Values = {};
      if (list.length > i) {
        if (isTable(list[i])) inner = list[i] as Values;
        else list[i] = inner;
      }
      const r = this.key(inner, nestedNameLevel);
      if (r === 'eof') return [list, true];
      return [setIndex(list, i, inner), false];
    }
    const nextI = this.keyIndex();
    let crt: unknown[] = [];
    if (list.length > i && list[i] !== null && list[i] !== undefined) {
      if (!Array.isArray(list[i])) throw conversionPanic(list[i], '[]interface {}');
      crt = list[i] as unknown[];
    }
    const [list2, atEnd] = this.listItem(crt, nextI, nestedNameLevel);
    if (atEnd) return [list, true];
    return [setIndex(list, i, list2), false];
  }

  private val(): string {
    return runesUntil(this.sc, '', false).v;
  }
}

function run(flag: string, expr: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof StrvalsError) {
      // Helm's wording; --set-json's names the expression first and drops the cause, which we keep.
      const shown = expr.length > 200 ? `${expr.slice(0, 200)}… (${expr.length} characters)` : expr;
      const msg = flag === '--set-json' ? `failed parsing ${flag} data ${shown}: ${e.message}` : `failed parsing ${flag} data: ${e.message} (in ${goQuote(shown)})`;
      throw new ValuesError(msg, { cause: e });
    }
    throw e;
  }
}

/**
 * Parses one `--set` expression into `base` (mutated and returned), typing
 * values (bools, null, int64); throws ValuesError naming the expression.
 */
export function parseSet(expr: string, base: Values = {}): Values {
  run('--set', expr, () => new Parser(new Scanner(expr), base, (rs) => typedValue(rs, false), false).parse());
  return base;
}

/** Parses one `--set-string` expression into `base`; every value is a string. */
export function parseSetString(expr: string, base: Values = {}): Values {
  run('--set-string', expr, () => new Parser(new Scanner(expr), base, (rs) => rs, false).parse());
  return base;
}

/** Parses one `--set-json` expression into `base`; each value is a JSON document (empty means null). */
export function parseSetJSON(expr: string, base: Values = {}): Values {
  run('--set-json', expr, () => new Parser(new Scanner(expr), base, null, true).parse());
  return base;
}

/** Parses one `--set-literal` expression into `base`: everything after the first `=` is the string value. */
export function parseSetLiteral(expr: string, base: Values = {}): Values {
  run('--set-literal', expr, () => new LiteralParser(new Scanner(expr), base).parse());
  return base;
}

/**
 * Parses one `--set-file` expression into `base`: each value names a file
 * whose contents (a string) become the value; read errors propagate.
 */
export async function parseSetFile(expr: string, base: Values, readFile: SetFileReader): Promise<Values> {
  // The grammar is synchronous and reading is not: a first pass over a
  // scratch copy collects the paths in order (and finds grammar errors before
  // any file is read), then the real pass uses the contents.
  const paths: string[] = [];
  run('--set-file', expr, () =>
    new Parser(new Scanner(expr), deepCopy(base), (rs) => {
      paths.push(rs);
      return '';
    }, false).parse(),
  );
  const contents = new Map<string, string>();
  for (const p of paths) if (!contents.has(p)) contents.set(p, await readFile(p));
  run('--set-file', expr, () => new Parser(new Scanner(expr), base, (rs) => contents.get(rs) ?? '', false).parse());
  return base;
}
