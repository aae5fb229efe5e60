// Sprig's string functions. Go strings are bytes: lengths and offsets (trunc,
// substr, abbrev, wrap) count UTF-8 bytes, as in Helm.
import { randomInt } from 'node:crypto';
import { chargeBuilt } from '../../budget.js';
import { compareStrings, quote as goQuote, sprint } from '../fmt.js';
import type { GoFunc } from '../func-types.js';
import { mapType, sliceType } from '../value.js';
import { num, strslice, strval } from './convert.js';
import { ANY, fn, FuncError } from './define.js';

const ASCII = /^[\x00-\x7f]*$/;

/** Go's len(s): UTF-8 bytes. */
export function byteLen(s: string): number {
  return ASCII.test(s) ? s.length : Buffer.byteLength(s);
}

/** Go's s[lo:hi] on bytes, with Go's panic text when out of range. */
export function byteSlice(s: string, lo: number, hi?: number): string {
  const len = byteLen(s);
  const h = hi ?? len;
  if (h < 0 || h > len) throw new FuncError(`runtime error: slice bounds out of range [:${h}] with length ${len}`);
  if (lo < 0 || lo > h) throw new FuncError(`runtime error: slice bounds out of range [${lo}:${h}]`);
  if (ASCII.test(s)) return s.slice(lo, h);
  return Buffer.from(s).subarray(lo, h).toString('utf8');
}

/** Text of a given size is about to be built: charged against the render's built-text bound first. */
function charge(n: number): void {
  if (n > 0) chargeBuilt(n);
}

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const len = byteLen(str);
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = '...';
  if (offset <= 4) return byteSlice(str, 0, maxWidth - 3) + marker;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return marker + abbreviateFull(byteSlice(str, offset), 0, maxWidth - 3);
  return marker + byteSlice(str, len - (maxWidth - 3));
}

const isSpace = (c: string) => /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
const isUpper = (c: string) => /^\p{Lu}$/u.test(c);
const isLower = (c: string) => /^\p{Ll}$/u.test(c);
const isTitle = (c: string) => /^\p{Lt}$/u.test(c);
const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isDigit = (c: string) => /^\p{Nd}$/u.test(c);
const isNumber = (c: string) => /^\p{N}$/u.test(c);
const isPunct = (c: string) => /^\p{P}$/u.test(c);
const toUpper = (c: string) => (c.toUpperCase().length === c.length ? c.toUpperCase() : c);
const toLower = (c: string) => (c === 'İ' ? 'i' : c.toLowerCase().length === c.length ? c.toLowerCase() : c);
// unicode.ToTitle: the titlecase mapping; for the characters that have one distinct from upper case.
const TITLE: Record<string, string> = { 'ǆ': 'ǅ', 'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǉ': 'ǈ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǌ': 'ǋ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǳ': 'ǲ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ' };
const toTitle = (c: string) => TITLE[c] ?? toUpper(c);

/** strings.Title: the first letter of each word (after a separator) to title case. */
function title(s: string): string {
  const sep = (r: string) => {
    if (r.length === 1 && r.charCodeAt(0) <= 0x7f) return !/[0-9A-Za-z_]/.test(r);
    if (isLetter(r) || isDigit(r)) return false;
    return isSpace(r);
  };
  let prev = ' ';
  let out = '';
  for (const r of s) {
    out += sep(prev) ? toTitle(r) : r;
    prev = r;
  }
  return out;
}

function untitle(s: string): string {
  let next = true;
  let out = '';
  for (const r of s) {
    if (isSpace(r)) { next = true; out += r; } else if (next) { out += toLower(r); next = false; } else out += r;
  }
  return out;
}

function swapcase(s: string): string {
  let ws = true;
  let out = '';
  for (const r of s) {
    if (isUpper(r) || isTitle(r)) { out += toLower(r); ws = false; }
    else if (isLower(r)) { out += ws ? toTitle(r) : toUpper(r); ws = false; }
    else { ws = isSpace(r); out += r; }
  }
  return out;
}

// goutils works byte by byte here: a non-ASCII byte becomes the rune of the same value (Latin-1).
function bytesAsRunes(s: string): string[] {
  return Array.from(Buffer.from(s).toString('latin1'));
}

function initials(s: string): string {
  if (s === '') return s;
  let gap = true;
  let out = '';
  for (const c of bytesAsRunes(s)) {
    if (isSpace(c)) gap = true;
    else if (gap) { out += c; gap = false; }
  }
  return out;
}

function nospace(s: string): string {
  const chars = bytesAsRunes(s);
  const kept = chars.filter((c) => !isSpace(c));
  return kept.length === chars.length ? s : kept.join('');
}

function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const b = Buffer.from(str);
  const len = b.length;
  const part = (a: number, z: number) => b.subarray(a, z).toString('utf8');
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (b[offset] === 0x20) { offset++; continue; }
    const end = Math.min(wrapLength + offset + 1, len);
    const at = b.subarray(offset, end).lastIndexOf(0x20);
    if (at >= 0) {
      out += part(offset, offset + at) + newLine;
      offset = offset + at + 1;
    } else if (wrapLong) {
      out += part(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const idx = b.subarray(e).indexOf(0x20);
      if (idx === -1) { out += part(offset, len); offset = len; } else { out += part(offset, idx + e) + newLine; offset = idx + e + 1; }
    }
  }
  return out + part(offset, len);
}

const isConnector = (r: string) => r === '-' || r === '_' || isSpace(r);

/** xstrings.ToPascalCase (Sprig's camelcase). */
function pascal(str: string): string {
  const rs = Array.from(str);
  if (rs.length === 0) return '';
  let out = '';
  let i = 0;
  let r0 = '';
  let firstUpper = false;
  for (; i < rs.length; i++) {
    r0 = rs[i]!;
    if (!isConnector(r0)) { firstUpper = isUpper(r0); r0 = toUpper(r0); i++; break; }
    out += r0;
  }
  if (i >= rs.length) return out + (isConnector(r0) ? '' : r0);
  for (; i < rs.length; i++) {
    const r1 = r0;
    r0 = rs[i]!;
    if (isConnector(r0) && isConnector(r1)) { out += r1; continue; }
    if (isConnector(r1)) { firstUpper = isUpper(r0); r0 = toUpper(r0); }
    else {
      if (firstUpper) { if (isUpper(r0)) r0 = toLower(r0); else firstUpper = false; }
      out += r1;
    }
  }
  return out + r0;
}

type WordType = 'invalid' | 'number' | 'upper' | 'alpha' | 'connector' | 'punct' | 'other';
/** xstrings' isAlphabet: a letter that is not a CJK ideograph. */
function isAlphabet(r: string): boolean {
  if (!isLetter(r)) return false;
  const c = r.codePointAt(0)!;
  if (c < 0x3400) return true;
  return !((c >= 0x4e00 && c <= 0x9fcc) || (c >= 0x3400 && c <= 0x4d85) || (c >= 0x20000 && c <= 0x2b81d));
}

function nextWord(rs: string[], at: number): [WordType, number] {
  if (at >= rs.length) return ['invalid', at];
  const r = rs[at]!;
  let i = at + 1;
  const run = (pred: (c: string) => boolean) => { while (i < rs.length && pred(rs[i]!)) i++; };
  if (isConnector(r)) { run(isConnector); return ['connector', i]; }
  if (isPunct(r)) { run(isPunct); return ['punct', i]; }
  if (isUpper(r)) {
    if (i < rs.length) {
      const c = rs[i]!;
      if (isUpper(c)) {
        let prev = i;
        i++;
        while (i < rs.length && isUpper(rs[i]!)) { prev = i; i++; }
        if (i < rs.length && isAlphabet(rs[i]!)) i = prev;
      } else if (isAlphabet(c)) {
        i++;
        run((x) => isAlphabet(x) && !isUpper(x));
      }
    }
    return ['upper', i];
  }
  if (isAlphabet(r)) { run((x) => isAlphabet(x) && !isUpper(x)); return ['alpha', i]; }
  if (isNumber(r)) { run(isNumber); return ['number', i]; }
  run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return ['other', i];
}

/** xstrings' camelCaseToLowerCase (snakecase, kebabcase). */
function lowerCase(str: string, conn: string): string {
  const rs = Array.from(str);
  if (rs.length === 0) return '';
  let out = '';
  const lower = (wt: WordType, a: number, b: number) => {
    const w = rs.slice(a, b);
    if (wt !== 'upper' && wt !== 'connector') { out += w.join(''); return; }
    for (const r of w) out += isConnector(r) ? conn : isUpper(r) ? toLower(r) : r;
  };
  let pos = 0;
  let [wt, end] = nextWord(rs, pos);
  let start = pos;
  pos = end;
  const next = () => { start = pos; [wt, end] = nextWord(rs, pos); pos = end; };
  while (pos < rs.length) {
    if (wt !== 'connector') lower(wt, start, pos);
    const prev = wt;
    const lastStart = start;
    const lastEnd = pos;
    next();
    switch (prev) {
      case 'number':
        while (wt === 'alpha' || wt === 'number') { lower(wt, start, pos); next(); }
        if (wt !== 'invalid' && wt !== 'punct' && wt !== 'connector') out += conn;
        break;
      case 'connector':
        lower(prev, lastStart, lastEnd);
        break;
      case 'punct':
        break;
      default: {
        if (wt !== 'number') {
          if ((wt as WordType) !== 'connector' && (wt as WordType) !== 'punct') out += conn;
          break;
        }
        if (pos >= rs.length) break;
        const ls = start;
        const le = pos;
        next();
        if ((wt as WordType) !== 'alpha') {
          lower('number', ls, le);
          if ((wt as WordType) !== 'connector' && (wt as WordType) !== 'punct') out += conn;
          break;
        }
        out += conn;
        lower('number', ls, le);
        while ((wt as WordType) === 'alpha' || (wt as WordType) === 'number') { lower(wt, start, pos); next(); }
        if ((wt as WordType) !== 'invalid' && (wt as WordType) !== 'connector' && (wt as WordType) !== 'punct') out += conn;
      }
    }
  }
  lower(wt, start, pos);
  return out;
}

function shuffle(s: string): string {
  const rs = Array.from(s);
  for (let i = rs.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rs[i], rs[j]] = [rs[j]!, rs[i]!];
  }
  return rs.join('');
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/** goutils' CryptoRandom over printable ASCII ranges (count < 0 is Sprig's error text "" as goutils refuses it). */
function random(count: number, alphabet: string): string {
  if (count <= 0) return '';
  charge(count);
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
const ASCII_PRINTABLE = Array.from({ length: 95 }, (_v, i) => String.fromCharCode(32 + i)).join('');

/** `quote` of one argument (the usual pipeline form): nil quotes as nothing. */
function quoteOne(v: unknown): string {
  return v === null || v === undefined ? '' : goQuote(strval(v));
}

function indent(spaces: number, v: string): string {
  if (spaces < 0) throw new FuncError('strings: negative Repeat count');
  let lines = 1;
  for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) lines++;
  charge(spaces * lines);
  const pad = ' '.repeat(spaces);
  return pad + v.replaceAll('\n', '\n' + pad);
}

function repeat(count: number, s: string): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  charge(count * s.length);
  return s.repeat(count);
}

/** strings.Trim with a cutset. */
function trimCutset(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const rs = Array.from(s);
  let a = 0;
  let b = rs.length;
  while (a < b && set.has(rs[a]!)) a++;
  while (b > a && set.has(rs[b - 1]!)) b--;
  return rs.slice(a, b).join('');
}

function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const rs = Array.from(s);
    if (n < 0 || n >= rs.length) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function indexed(parts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  parts.forEach((p, i) => { out[`_${i}`] = p; });
  return mapType(out, 'map[string]string');
}

const S = 'string';
const I = 'int';

export const STRING_FUNCS: Record<string, GoFunc> = {
  abbrev: fn([I, S], S, (w, s: string) => (num(w) < 4 ? s : abbreviateFull(s, 0, num(w)))),
  abbrevboth: fn([I, I, S], S, (l, r, s: string) => {
    const left = num(l);
    const right = num(r);
    return right < 4 || (left > 0 && right < 7) ? s : abbreviateFull(s, left, right);
  }),
  trunc: fn([I, S], S, (c, s: string) => {
    const n = num(c);
    const len = byteLen(s);
    if (n < 0 && len + n > 0) return byteSlice(s, len + n);
    if (n >= 0 && len > n) return byteSlice(s, 0, n);
    return s;
  }),
  trim: fn([S], S, (s: string) => s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '')),
  upper: fn([S], S, (s: string) => Array.from(s, toUpper).join('')),
  lower: fn([S], S, (s: string) => Array.from(s, toLower).join('')),
  title: fn([S], S, title),
  untitle: fn([S], S, untitle),
  substr: fn([I, I, S], S, (a, b, s: string) => {
    const start = num(a);
    const end = num(b);
    if (start < 0) return byteSlice(s, 0, end);
    if (end < 0 || end > byteLen(s)) return byteSlice(s, start);
    return byteSlice(s, start, end);
  }),
  repeat: fn([I, S], S, (c, s: string) => repeat(num(c), s)),
  trimall: fn([S, S], S, (a: string, b: string) => trimCutset(b, a)),
  trimAll: fn([S, S], S, (a: string, b: string) => trimCutset(b, a)),
  trimSuffix: fn([S, S], S, (a: string, b: string) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  trimPrefix: fn([S, S], S, (a: string, b: string) => (b.startsWith(a) ? b.slice(a.length) : b)),
  nospace: fn([S], S, nospace),
  initials: fn([S], S, initials),
  randAlphaNum: fn([I], S, (c) => random(num(c), ALPHA + DIGITS)),
  randAlpha: fn([I], S, (c) => random(num(c), ALPHA)),
  randAscii: fn([I], S, (c) => random(num(c), ASCII_PRINTABLE)),
  randNumeric: fn([I], S, (c) => random(num(c), DIGITS)),
  swapcase: fn([S], S, swapcase),
  shuffle: fn([S], S, shuffle),
  snakecase: fn([S], S, (s: string) => lowerCase(s, '_')),
  camelcase: fn([S], S, pascal),
  kebabcase: fn([S], S, (s: string) => lowerCase(s, '-')),
  wrap: fn([I, S], S, (l, s: string) => wrapCustom(s, num(l), '', false)),
  wrapWith: fn([I, S, S], S, (l, sep: string, s: string) => wrapCustom(s, num(l), sep, true)),
  contains: fn([S, S], 'bool', (sub: string, s: string) => s.includes(sub)),
  hasPrefix: fn([S, S], 'bool', (p: string, s: string) => s.startsWith(p)),
  hasSuffix: fn([S, S], 'bool', (p: string, s: string) => s.endsWith(p)),
  quote: fn([ANY], S, (...vs: unknown[]) => (vs.length === 1 ? quoteOne(vs[0]) : vs.filter((v) => v !== null && v !== undefined).map((v) => goQuote(strval(v))).join(' ')), true),
  squote: fn([ANY], S, (...vs: unknown[]) => vs.filter((v) => v !== null && v !== undefined).map((v) => `'${sprint([v])}'`).join(' '), true),
  cat: fn([ANY], S, (...vs: unknown[]) => vs.filter((v) => v !== null && v !== undefined).map((v) => sprint([v])).join(' '), true),
  indent: fn([I, S], S, (n, s: string) => indent(num(n), s)),
  nindent: fn([I, S], S, (n, s: string) => '\n' + indent(num(n), s)),
  replace: fn([S, S, S], S, (o: string, n: string, s: string) => {
    if (o === '') {
      const rs = Array.from(s);
      charge(n.length * (rs.length + 1));
      return n + rs.map((r) => r + n).join('');
    }
    return s.replaceAll(o, () => n);
  }),
  plural: fn([S, S, I], S, (one: string, many: string, c) => (num(c) === 1 ? one : many)),
  toString: fn([ANY], S, strval),
  split: fn([S, S], 'map[string]string', (sep: string, s: string) => indexed(goSplit(s, sep))),
  splitn: fn([S, I, S], 'map[string]string', (sep: string, n, s: string) => indexed(goSplit(s, sep, num(n)))),
  splitList: fn([S, S], '[]string', (sep: string, s: string) => sliceType(goSplit(s, sep), '[]string')),
  toStrings: fn([ANY], '[]string', strslice),
  join: fn([S, ANY], S, (sep: string, v: unknown) => strslice(v).join(sep)),
  sortAlpha: fn([ANY], '[]string', (v: unknown) => {
    if (!Array.isArray(v)) return sliceType([strval(v)], '[]string');
    return sliceType([...strslice(v)].sort(compareStrings), '[]string');
  }),
};
