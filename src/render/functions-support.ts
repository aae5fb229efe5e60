// The template function library's building blocks: Go's value rules
// (truthiness, kinds, printing, comparisons), dict access that never walks a
// prototype, and the helpers the function table (functions.ts) is made of.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type * as SemverModule from 'semver';
import type * as YamlModule from 'yaml';
import { RenderError, SandboxViolationError } from '../errors.js';
import { chargeBuilt, chargeLoop } from './budget.js';
import { FORBIDDEN_NAMES, nj, printable, truthy, violation } from './sandbox.js';
import { DATA_LOOKUP_NAMES } from './nunjucks-ast.js';
import { requirePackage } from './packages.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Fn = (...args: any[]) => unknown;
export type Dict = Record<string, unknown>;

/** Where the piped value goes: Helm's last argument, or the first (dict-first functions). */
export type Pipe = 'last' | 'first';

export interface FunctionDef {
  readonly fn: Fn;
  readonly pipe: Pipe;
  /** Only a filter (not a global function). */
  readonly filterOnly?: boolean;
}

export function fail(msg: string): never {
  throw new RenderError(msg);
}

/** A string from any template value (SafeString included). */
export function s(v: unknown): string {
  if (v instanceof nj.runtime.SafeString) return String((v as { val: string }).val);
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) return Buffer.from(v as number[]).toString('utf8');
  return printable(v);
}

export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined || v === '') return 0;
  const n = Number(s(v));
  return Number.isNaN(n) ? 0 : n;
}

export function toInt(v: unknown): number {
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16);
    const n = Number(t);
    return Number.isNaN(n) ? 0 : Math.trunc(n);
  }
  return Math.trunc(num(v));
}

export function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof nj.runtime.SafeString);
}

export function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  fail(`expected a list, got ${kindOf(v)}`);
}

/** Helm's notion of empty (what `default` and `empty` test). */
export function isEmpty(v: unknown): boolean {
  return !truthy(v);
}

// `constructor` and `prototype` are ordinary keys of a dict (Helm accepts them
// in values): every read below is own-property only and every write creates an
// own data property. `__proto__` and the accessor helpers stay refused.
export function checkKey(k: string): string {
  if (FORBIDDEN_NAMES.has(k) && !DATA_LOOKUP_NAMES.has(k)) throw violation(`the key "${k}" is not allowed`);
  return k;
}

export function checkWritable(d: unknown, fn: string): Dict {
  if (!isDict(d)) fail(`${fn}: expected a dict, got ${kindOf(d)}`);
  if (Object.isFrozen(d)) fail(`${fn}: cannot modify a read-only object (Values and built-in objects are read-only; copy first with deepCopy or build a dict)`);
  return d;
}

export function plainValue(v: unknown): unknown {
  if (typeof v === 'function') throw violation('functions cannot be stored in data');
  if (v instanceof nj.runtime.SafeString) return s(v);
  return v;
}

/** A deep, mutable copy of plain data. */
export function deepCopy(v: unknown): unknown {
  // Lists and dicts can share children, so a few lines of template can build a
  // structure whose copy (or serialisation) is exponential: every node copied
  // counts against the render's iteration budget.
  if (Array.isArray(v)) {
    chargeLoop(v.length);
    return v.map(deepCopy);
  }
  if (isDict(v)) {
    chargeLoop(1);
    const out: Dict = {};
    for (const k of Object.keys(v)) out[checkKey(k)] = deepCopy(v[k]);
    return out;
  }
  return plainValue(v);
}

export function kindOf(v: unknown): string {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string' || v instanceof nj.runtime.SafeString) return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'function') return 'func';
  return 'map';
}

export function typeOf(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': return '<nil>';
    case 'slice': return '[]interface {}';
    case 'map': return 'map[string]interface {}';
    default: return kindOf(v);
  }
}

export function goQuote(str: string): string {
  let q = JSON.stringify(str);
  // Most quoted strings need neither replacement (regular expressions are slow under the render process's frozen intrinsics).
  if (q.includes('\\u00')) q = q.replace(/\\u00([0-9a-f]{2})/g, (_m, h: string) => `\\x${h}`);
  if (q.includes('\u007f')) q = q.replace(/\u007f/g, '\\x7f');
  return q;
}

/** Go's fmt verbs, enough for charts: %s %v %d %q %f %g %e %x %X %o %b %t %c %%, flags, width, precision. */
export function sprintf(format: string, args: unknown[]): string {
  let ai = 0;
  const out = format.replace(/%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])/g, (m, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (width === '*') width = String(toInt(args[ai++]));
    if (prec === '*') prec = String(toInt(args[ai++]));
    if (ai >= args.length) return `%!${verb}(MISSING)`;
    const a = args[ai++];
    let r: string;
    switch (verb) {
      case 's': case 'v': r = s(a); if (prec !== undefined) r = r.slice(0, Number(prec)); break;
      case 'q': r = goQuote(s(a)); break;
      case 'd': r = typeof a === 'number' || typeof a === 'boolean' ? String(Math.trunc(num(a))) : `%!d(${typeOf(a)}=${s(a)})`; break;
      case 'f': case 'F': r = num(a).toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': r = num(a).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2'); break;
      case 'g': r = prec === undefined ? String(num(a)) : String(Number(num(a).toPrecision(Number(prec)))); break;
      case 'x': r = typeof a === 'number' ? Math.trunc(a).toString(16) : Buffer.from(s(a)).toString('hex'); break;
      case 'X': r = (typeof a === 'number' ? Math.trunc(a).toString(16) : Buffer.from(s(a)).toString('hex')).toUpperCase(); break;
      case 'o': r = Math.trunc(num(a)).toString(8); break;
      case 'b': r = Math.trunc(num(a)).toString(2); break;
      case 't': r = typeof a === 'boolean' ? String(a) : `%!t(${typeOf(a)}=${s(a)})`; break;
      case 'c': r = String.fromCodePoint(toInt(a)); break;
      case 'T': r = typeOf(a); break;
      default: return m;
    }
    if (flags.includes('+') && /^[0-9]/.test(r) && 'dfFeg'.includes(verb)) r = '+' + r;
    const w = width === undefined ? 0 : padWidth(width);
    if (r.length < w) {
      if (flags.includes('-')) r = r.padEnd(w);
      else if (flags.includes('0') && 'dfFegxXob'.includes(verb)) r = r.startsWith('-') ? '-' + r.slice(1).padStart(w - 1, '0') : r.padStart(w, '0');
      else r = r.padStart(w);
    }
    return r;
  });
  if (ai < args.length) return `${out}%!(EXTRA ${args.slice(ai).map((a) => `${typeOf(a)}=${s(a)}`).join(', ')})`;
  return out;
}

export function goPrint(args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const prevIsString = i > 0 && typeof args[i - 1] === 'string';
    if (i > 0 && !prevIsString && typeof a !== 'string') out += ' ';
    out += s(a);
  }
  return out;
}

/** Go RE2 pattern to a JS RegExp: leading (?flags) become JS flags. */
export function regex(pattern: unknown, extraFlags = ''): RegExp {
  let p = s(pattern);
  let flags = extraFlags;
  const m = /^\(\?([imsU]+)\)/.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    for (const f of m[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  p = p.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(p, flags + 'u');
  } catch (e) {
    return fail(`invalid regular expression ${JSON.stringify(s(pattern))}: ${(e as Error).message}`);
  }
}

export function goReplacement(repl: string): string {
  return repl.replace(/\$\{(\w+)\}/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`));
}

/** An indentation or padding width, charged as built text before it is built. */
export function padWidth(n: unknown): number {
  const w = Math.max(0, toInt(n));
  chargeBuilt(w);
  return w;
}

export function bounded(str: string): string {
  chargeBuilt(str.length);
  return str;
}

export function gen(n: number): number[] {
  if (!Number.isFinite(n) || n <= 0) return [];
  chargeLoop(n, true);
  return Array.from({ length: Math.trunc(n) }, (_v, i) => i);
}

export function untilStep(start: number, stop: number, step: number): number[] {
  if (step === 0) return [];
  const n = Math.max(0, Math.ceil((stop - start) / step));
  chargeLoop(n, true);
  return Array.from({ length: n }, (_v, i) => start + i * step);
}

export function randomFrom(alphabet: string, n: number): string {
  const len = Math.max(0, toInt(n));
  chargeBuilt(len);
  const bytes = randomBytes(len * 2);
  let out = '';
  for (let i = 0; i < len; i++) out += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
  return out;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function words(str: string): string[] {
  return str.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.]+/).filter(Boolean);
}

export function mergeInto(dst: Dict, src: unknown, overwrite: boolean): void {
  if (!isDict(src)) return;
  for (const k of Object.keys(src)) {
    checkKey(k);
    const sv = src[k];
    const own = Object.prototype.hasOwnProperty.call(dst, k);
    const dv = own ? dst[k] : undefined;
    if (isDict(dv) && isDict(sv)) {
      if (Object.isFrozen(dv)) {
        const copy = deepCopy(dv) as Dict;
        mergeInto(copy, sv, overwrite);
        dst[k] = copy;
      } else mergeInto(dv, sv, overwrite);
    } else if (!own || dv === undefined || dv === null) {
      dst[k] = deepCopy(sv);
    } else if (overwrite && !isEmpty(sv)) {
      // mergo's WithOverride: an empty source value never replaces a set one.
      dst[k] = deepCopy(sv);
    }
  }
}

export function digIn(keys: unknown[], def: unknown, d: unknown): unknown {
  let cur: unknown = d;
  for (const k of keys) {
    const key = checkKey(s(k));
    if (!isDict(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return def;
    cur = cur[key];
  }
  return cur;
}

export function equal(a: unknown, b: unknown): boolean {
  if (a instanceof nj.runtime.SafeString) a = s(a);
  if (b instanceof nj.runtime.SafeString) b = s(b);
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return equal(ka, kb) && ka.every((k) => equal(a[k], b[k]));
  }
  return (a === undefined || a === null) && (b === undefined || b === null);
}

export function semverCompare(constraint: unknown, version: unknown): boolean {
  const semver = semverLib();
  const c = s(constraint).replace(/,/g, ' ').replace(/(\d+)\.(\d+)-/g, '$1.$2.0-').replace(/(^|[\s<>=~^])v(\d)/g, '$1$2');
  const vs = s(version).trim().replace(/^v/, '');
  const v = semver.parse(vs) ?? semver.coerce(vs);
  if (v === null) fail(`semverCompare: invalid semantic version ${JSON.stringify(s(version))}`);
  let range: SemverModule.Range;
  try {
    range = new semver.Range(c, { includePrerelease: c.includes('-'), loose: true });
  } catch {
    return fail(`semverCompare: invalid constraint ${JSON.stringify(s(constraint))}`);
  }
  return range.test(v);
}

export const GO_LAYOUT: [string, (d: Date) => string][] = [
  ['2006', (d) => String(d.getUTCFullYear())],
  ['January', (d) => d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })],
  ['Jan', (d) => d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })],
  ['Monday', (d) => d.toLocaleString('en-US', { weekday: 'long', timeZone: 'UTC' })],
  ['Mon', (d) => d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' })],
  ['MST', () => 'UTC'],
  ['Z07:00', () => 'Z'],
  ['-0700', () => '+0000'],
  ['.000', (d) => '.' + String(d.getUTCMilliseconds()).padStart(3, '0')],
  ['01', (d) => String(d.getUTCMonth() + 1).padStart(2, '0')],
  ['02', (d) => String(d.getUTCDate()).padStart(2, '0')],
  ['15', (d) => String(d.getUTCHours()).padStart(2, '0')],
  ['03', (d) => String(((d.getUTCHours() + 11) % 12) + 1).padStart(2, '0')],
  ['04', (d) => String(d.getUTCMinutes()).padStart(2, '0')],
  ['05', (d) => String(d.getUTCSeconds()).padStart(2, '0')],
  ['06', (d) => String(d.getUTCFullYear() % 100).padStart(2, '0')],
  ['PM', (d) => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
];

export function goDate(layout: string, t: unknown): string {
  const d = t === undefined || t === null || t === '' ? new Date() : new Date(typeof t === 'number' ? t * 1000 : s(t));
  if (Number.isNaN(d.getTime())) fail(`date: invalid time ${JSON.stringify(s(t))}`);
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [tok, f] of GO_LAYOUT) {
      if (layout.startsWith(tok, i)) {
        out += f(d);
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i++];
  }
  return out;
}

export function b64dec(v: unknown): string {
  const str = s(v);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(str) || str.length % 4 === 1) return 'illegal base64 data at input byte 0';
  return Buffer.from(str, 'base64').toString('utf8');
}

export function bytesOf(v: unknown): Buffer {
  if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) return Buffer.from(v as number[]);
  return Buffer.from(s(v), 'utf8');
}

export function fromYaml(str: unknown): unknown {
  try {
    const v = parseYaml(s(str), { version: '1.1', maxAliasCount: 100 }) as unknown;
    return deepCopy(v ?? {});
  } catch (e) {
    if (e instanceof SandboxViolationError) throw e;
    return { Error: (e as Error).message.split('\n')[0] };
  }
}

// yaml and semver are loaded on first use: most renders never need them, and
// loading them is a noticeable part of the render process's start-up.
let yamlModule: typeof YamlModule | undefined;
let semverModule: typeof SemverModule | undefined;
export function parseYaml(text: string, opts: YamlModule.ParseOptions & YamlModule.DocumentOptions & YamlModule.SchemaOptions & YamlModule.ToJSOptions): unknown {
  yamlModule ??= requirePackage('yaml') as typeof YamlModule;
  return yamlModule.parse(text, opts);
}
export function semverLib(): typeof SemverModule {
  semverModule ??= requirePackage('semver') as typeof SemverModule;
  return semverModule;
}
