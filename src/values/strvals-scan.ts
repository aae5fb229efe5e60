// strvals' shared pieces: Helm's limits and errors, the rune scanner, and
// setting map keys and list indexes the way pkg/strvals does.
import type { Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { isTable, put } from './util.js';
import { SetInt } from './int64.js';

/** Largest list index `a[i]=x` accepts (Helm's MaxIndex). */
export const MAX_INDEX = 65536;
/** Deepest `a.b.c...` nesting accepted (Helm's MaxNestedNameLevel). */
export const MAX_NESTED_NAME_LEVEL = 30;

/** Reads the value of one `--set-file` assignment (a path, or `-` for stdin). */
export type SetFileReader = (path: string) => Promise<string> | string;

/** A parse failure with Helm's inner message (the flag prefix is added by the caller). */
export class StrvalsError extends Error {}
/** What Go reports as a recovered panic: a type assertion on existing data failed. */
export class StrvalsPanic extends Error {}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return '[]interface {}';
  if (isTable(v)) return 'map[string]interface {}';
  if (v instanceof SetInt) return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

export function conversionPanic(v: unknown, want: string): StrvalsPanic {
  return new StrvalsPanic(`interface conversion: interface {} is ${goTypeName(v)}, not ${want}`);
}

/** Go's strconv.Atoi on a 64-bit platform. */
export function atoi(s: string): number {
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

export class Scanner {
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

export interface Until {
  v: string;
  last: string | undefined;
  eof: boolean;
}

export function runesUntil(sc: Scanner, stop: string, escapes: boolean): Until {
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

export function set(data: Values, key: string, val: unknown): void {
  if (key.length === 0) return;
  put(data, key, val);
}

export function setIndex(list: unknown[], index: number, val: unknown): unknown[] {
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

export function quoteChar(c: string | undefined): string {
  return c === undefined ? 'EOF' : `'${c}'`;
}
