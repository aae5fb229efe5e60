// The template function library: Helm's functions and the Sprig/Go-template
// functions real charts use, with Helm's meaning. Each is written in Helm's
// argument order, so `f(a, b)` is Helm's `f a b`; the filter form pipes the
// value into the position Helm pipes it (`x | f(a)` is Helm's `x | f a`,
// i.e. `f(a, x)`), except where the piped value reads as the subject: dicts
// and lists (hasKey, get, set, pick, omit, merge, index, append, concat, ...),
// comparisons (`x | lt(5)` is x < 5) and arithmetic (`x | sub(1)` is x - 1).
import { Buffer } from 'node:buffer';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as SemverModule from 'semver';
import type * as YamlModule from 'yaml';
import { RenderError, SandboxViolationError } from '../errors.js';
import { registerCryptoFunctions } from './crypto-functions.js';
import { toGoJson, toGoYaml } from './goyaml.js';
import { toToml } from './toml.js';
import { chargeBuilt, chargeLoop, expose, FORBIDDEN_NAMES, nj, printable, truthy, violation } from './sandbox.js';
import { DATA_LOOKUP_NAMES } from './nunjucks-ast.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...args: any[]) => unknown;
type Dict = Record<string, unknown>;

/** Where the piped value goes: Helm's last argument, or the first (dict-first functions). */
type Pipe = 'last' | 'first';

export interface FunctionDef {
  readonly fn: Fn;
  readonly pipe: Pipe;
  /** Only a filter (not a global function). */
  readonly filterOnly?: boolean;
}

function fail(msg: string): never {
  throw new RenderError(msg);
}

/** A string from any template value (SafeString included). */
export function s(v: unknown): string {
  if (v instanceof nj.runtime.SafeString) return String((v as { val: string }).val);
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) return Buffer.from(v as number[]).toString('utf8');
  return printable(v);
}

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined || v === '') return 0;
  const n = Number(s(v));
  return Number.isNaN(n) ? 0 : n;
}

function toInt(v: unknown): number {
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16);
    const n = Number(t);
    return Number.isNaN(n) ? 0 : Math.trunc(n);
  }
  return Math.trunc(num(v));
}

function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof nj.runtime.SafeString);
}

function list(v: unknown): unknown[] {
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
function checkKey(k: string): string {
  if (FORBIDDEN_NAMES.has(k) && !DATA_LOOKUP_NAMES.has(k)) throw violation(`the key "${k}" is not allowed`);
  return k;
}

function checkWritable(d: unknown, fn: string): Dict {
  if (!isDict(d)) fail(`${fn}: expected a dict, got ${kindOf(d)}`);
  if (Object.isFrozen(d)) fail(`${fn}: cannot modify a read-only object (Values and built-in objects are read-only; copy first with deepCopy or build a dict)`);
  return d;
}

function plainValue(v: unknown): unknown {
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

function typeOf(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': return '<nil>';
    case 'slice': return '[]interface {}';
    case 'map': return 'map[string]interface {}';
    default: return kindOf(v);
  }
}

function goQuote(str: string): string {
  return JSON.stringify(str).replace(/\\u00([0-9a-f]{2})/g, (_m, h: string) => `\\x${h}`).replace(/\u007f/g, '\\x7f');
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

function goPrint(args: unknown[]): string {
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
function regex(pattern: unknown, extraFlags = ''): RegExp {
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

function goReplacement(repl: string): string {
  return repl.replace(/\$\{(\w+)\}/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`));
}

/** An indentation or padding width, charged as built text before it is built. */
function padWidth(n: unknown): number {
  const w = Math.max(0, toInt(n));
  chargeBuilt(w);
  return w;
}

function bounded(str: string): string {
  chargeBuilt(str.length);
  return str;
}

function gen(n: number): number[] {
  if (!Number.isFinite(n) || n <= 0) return [];
  chargeLoop(n, true);
  return Array.from({ length: Math.trunc(n) }, (_v, i) => i);
}

function untilStep(start: number, stop: number, step: number): number[] {
  if (step === 0) return [];
  const n = Math.max(0, Math.ceil((stop - start) / step));
  chargeLoop(n, true);
  return Array.from({ length: n }, (_v, i) => start + i * step);
}

function randomFrom(alphabet: string, n: number): string {
  const len = Math.max(0, toInt(n));
  chargeBuilt(len);
  const bytes = randomBytes(len * 2);
  let out = '';
  for (let i = 0; i < len; i++) out += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function words(str: string): string[] {
  return str.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.]+/).filter(Boolean);
}

function mergeInto(dst: Dict, src: unknown, overwrite: boolean): void {
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

function digIn(keys: unknown[], def: unknown, d: unknown): unknown {
  let cur: unknown = d;
  for (const k of keys) {
    const key = checkKey(s(k));
    if (!isDict(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return def;
    cur = cur[key];
  }
  return cur;
}

function equal(a: unknown, b: unknown): boolean {
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

function semverCompare(constraint: unknown, version: unknown): boolean {
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

const GO_LAYOUT: [string, (d: Date) => string][] = [
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

function goDate(layout: string, t: unknown): string {
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

function b64dec(v: unknown): string {
  const str = s(v);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(str) || str.length % 4 === 1) return 'illegal base64 data at input byte 0';
  return Buffer.from(str, 'base64').toString('utf8');
}

function bytesOf(v: unknown): Buffer {
  if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) return Buffer.from(v as number[]);
  return Buffer.from(s(v), 'utf8');
}

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of buf) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function fromYaml(str: unknown): unknown {
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
const lazyRequire = createRequire(import.meta.url);
let yamlModule: typeof YamlModule | undefined;
let semverModule: typeof SemverModule | undefined;
function parseYaml(text: string, opts: YamlModule.ParseOptions & YamlModule.DocumentOptions & YamlModule.SchemaOptions & YamlModule.ToJSOptions): unknown {
  yamlModule ??= lazyRequire('yaml') as typeof YamlModule;
  return yamlModule.parse(text, opts);
}
function semverLib(): typeof SemverModule {
  semverModule ??= lazyRequire('semver') as typeof SemverModule;
  return semverModule;
}

const defs: Record<string, FunctionDef> = {};
function def(name: string, fn: Fn, pipe: Pipe = 'last', filterOnly = false): void {
  defs[name] = { fn, pipe, filterOnly };
}

// ---- defaults, flow, errors
def('default', (d: unknown, given?: unknown) => (isEmpty(given) ? d : given));
def('empty', (v: unknown) => isEmpty(v));
def('coalesce', (...vs: unknown[]) => vs.find((v) => !isEmpty(v)));
def('ternary', (a: unknown, b: unknown, cond: unknown) => (truthy(cond) ? a : b));
def('required', (msg: unknown, v: unknown) => {
  if (v === undefined || v === null || (typeof v === 'string' && v === '')) fail(s(msg));
  return v;
});
def('fail', (msg: unknown) => fail(s(msg)));
def('all', (...vs: unknown[]) => vs.every(truthy));
def('any', (...vs: unknown[]) => vs.some(truthy));
// Go template built-ins
def('and', (...vs: unknown[]) => { for (const v of vs) if (!truthy(v)) return v; return vs[vs.length - 1]; });
def('or', (...vs: unknown[]) => { for (const v of vs) if (truthy(v)) return v; return vs[vs.length - 1]; });
def('not', (v: unknown) => !truthy(v));
def('eq', (a: unknown, ...bs: unknown[]) => bs.some((b) => equal(a, b)), 'first');
def('ne', (a: unknown, b: unknown) => !equal(a, b), 'first');
def('lt', (a: unknown, b: unknown) => (typeof a === 'string' ? a < s(b) : num(a) < num(b)), 'first');
def('le', (a: unknown, b: unknown) => (typeof a === 'string' ? a <= s(b) : num(a) <= num(b)), 'first');
def('gt', (a: unknown, b: unknown) => (typeof a === 'string' ? a > s(b) : num(a) > num(b)), 'first');
def('ge', (a: unknown, b: unknown) => (typeof a === 'string' ? a >= s(b) : num(a) >= num(b)), 'first');
def('len', (v: unknown) => (typeof v === 'string' ? v.length : Array.isArray(v) ? v.length : isDict(v) ? Object.keys(v).length : 0));
def('index', (coll: unknown, ...keys: unknown[]) => {
  let cur = coll;
  for (const k of keys) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur)) {
      const i = toInt(k);
      if (i < 0 || i >= cur.length) fail(`index out of range: ${i}`);
      cur = cur[i];
    } else if (isDict(cur)) {
      const key = checkKey(s(k));
      cur = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : undefined;
    } else fail(`cannot index ${kindOf(cur)}`);
  }
  return cur;
}, 'first');
def('print', (...vs: unknown[]) => goPrint(vs));
def('println', (...vs: unknown[]) => vs.map(s).join(' ') + '\n');
def('printf', (format: unknown, ...args: unknown[]) => bounded(sprintf(s(format), args)));

// ---- strings
def('quote', (...vs: unknown[]) => vs.filter((v) => v !== undefined && v !== null).map((v) => goQuote(s(v))).join(' '));
def('squote', (...vs: unknown[]) => vs.filter((v) => v !== undefined && v !== null).map((v) => `'${s(v)}'`).join(' '));
def('upper', (v: unknown) => s(v).toUpperCase());
def('lower', (v: unknown) => s(v).toLowerCase());
def('title', (v: unknown) => s(v).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()));
def('untitle', (v: unknown) => s(v).replace(/(^|\s)(\p{L})/gu, (_m, a: string, b: string) => a + b.toLowerCase()));
def('trim', (v: unknown) => s(v).trim());
def('trimAll', (cut: unknown, v: unknown) => {
  const chars = new Set(Array.from(s(cut)));
  const arr = Array.from(s(v));
  let a = 0;
  let b = arr.length;
  while (a < b && chars.has(arr[a]!)) a++;
  while (b > a && chars.has(arr[b - 1]!)) b--;
  return arr.slice(a, b).join('');
});
def('trimPrefix', (p: unknown, v: unknown) => { const str = s(v); const pre = s(p); return str.startsWith(pre) ? str.slice(pre.length) : str; });
def('trimSuffix', (p: unknown, v: unknown) => { const str = s(v); const suf = s(p); return suf !== '' && str.endsWith(suf) ? str.slice(0, str.length - suf.length) : str; });
def('trunc', (n: unknown, v: unknown) => {
  const str = s(v);
  const c = toInt(n);
  if (c < 0 && str.length + c > 0) return str.slice(str.length + c);
  if (c >= 0 && str.length > c) return str.slice(0, c);
  return str;
});
def('abbrev', (w: unknown, v: unknown) => { const str = s(v); const width = toInt(w); return width < 4 || str.length <= width ? str : str.slice(0, width - 3) + '...'; });
def('substr', (a: unknown, b: unknown, v: unknown) => { const str = s(v); const start = toInt(a); const end = toInt(b); return str.slice(Math.max(0, start), end < 0 || end > str.length ? str.length : end); });
def('indent', (n: unknown, v: unknown) => { const pad = ' '.repeat(padWidth(n)); return bounded(pad + s(v).replace(/\n/g, '\n' + pad)); });
def('nindent', (n: unknown, v: unknown) => { const pad = ' '.repeat(padWidth(n)); return bounded('\n' + pad + s(v).replace(/\n/g, '\n' + pad)); });
def('replace', (o: unknown, n: unknown, v: unknown) => bounded(s(v).split(s(o)).join(s(n))));
def('repeat', (n: unknown, v: unknown) => { const c = Math.max(0, toInt(n)); chargeBuilt(c * s(v).length); return s(v).repeat(c); });
def('contains', (sub: unknown, v: unknown) => s(v).includes(s(sub)));
def('hasPrefix', (p: unknown, v: unknown) => s(v).startsWith(s(p)));
def('hasSuffix', (p: unknown, v: unknown) => s(v).endsWith(s(p)));
def('nospace', (v: unknown) => s(v).replace(/\s+/g, ''));
def('cat', (...vs: unknown[]) => vs.filter((v) => v !== undefined && v !== null).map(s).join(' '));
def('toString', (v: unknown) => s(v));
def('toStrings', (v: unknown) => list(v).map(s));
def('int', (v: unknown) => toInt(v));
def('int64', (v: unknown) => toInt(v));
def('atoi', (v: unknown) => toInt(v));
def('float64', (v: unknown) => num(v));
def('toDecimal', (v: unknown) => Number.parseInt(s(v), 8) || 0);
def('split', (sep: unknown, v: unknown) => { const out: Dict = {}; s(v).split(s(sep)).forEach((p, i) => { out[`_${i}`] = p; }); return out; });
def('splitList', (sep: unknown, v: unknown) => s(v).split(s(sep)));
def('splitn', (sep: unknown, n: unknown, v: unknown) => {
  const parts = s(v).split(s(sep));
  const c = toInt(n);
  const arr = c > 0 && parts.length > c ? [...parts.slice(0, c - 1), parts.slice(c - 1).join(s(sep))] : parts;
  const out: Dict = {};
  arr.forEach((p, i) => { out[`_${i}`] = p; });
  return out;
});
def('join', (sep: unknown, v: unknown) => (Array.isArray(v) ? v.filter((x) => x !== undefined && x !== null).map(s).join(s(sep)) : s(v)));
def('sortAlpha', (v: unknown) => list(v).map(s).sort());
def('plural', (one: unknown, many: unknown, n: unknown) => (toInt(n) === 1 ? s(one) : s(many)));
def('snakecase', (v: unknown) => words(s(v)).map((w) => w.toLowerCase()).join('_'));
def('kebabcase', (v: unknown) => words(s(v)).map((w) => w.toLowerCase()).join('-'));
def('camelcase', (v: unknown) => s(v).split(/[_\s]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''));
def('swapcase', (v: unknown) => Array.from(s(v)).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
def('initials', (v: unknown) => s(v).split(/\s+/).filter(Boolean).map((w) => w[0]).join(''));
def('wrap', (n: unknown, v: unknown) => {
  const width = Math.max(1, toInt(n));
  const out: string[] = [];
  for (const line of s(v).split('\n')) {
    let cur = '';
    for (const w of line.split(' ')) {
      if (cur !== '' && cur.length + 1 + w.length > width) { out.push(cur); cur = w; } else cur = cur === '' ? w : `${cur} ${w}`;
    }
    out.push(cur);
  }
  return out.join('\n');
});
def('randAlphaNum', (n: unknown) => randomFrom(ALNUM, toInt(n)));
def('randAlpha', (n: unknown) => randomFrom(ALNUM.slice(0, 52), toInt(n)));
def('randNumeric', (n: unknown) => randomFrom('0123456789', toInt(n)));
def('randAscii', (n: unknown) => randomFrom(Array.from({ length: 94 }, (_v, i) => String.fromCharCode(33 + i)).join(''), toInt(n)));
def('uuidv4', () => randomUUID());

// ---- regular expressions (Go RE2 syntax, run as JS RegExp)
def('regexMatch', (re: unknown, v: unknown) => regex(re).test(s(v)));
def('regexFind', (re: unknown, v: unknown) => regex(re).exec(s(v))?.[0] ?? '');
def('regexFindAll', (re: unknown, v: unknown, n: unknown) => {
  const all = Array.from(s(v).matchAll(regex(re, 'g')), (m) => m[0]);
  const c = toInt(n);
  return c < 0 ? all : all.slice(0, c);
});
def('regexReplaceAll', (re: unknown, v: unknown, repl: unknown) => bounded(s(v).replace(regex(re, 'g'), goReplacement(s(repl)))));
def('regexReplaceAllLiteral', (re: unknown, v: unknown, repl: unknown) => bounded(s(v).replace(regex(re, 'g'), () => s(repl))));
def('regexSplit', (re: unknown, v: unknown, n: unknown) => { const parts = s(v).split(regex(re, 'g')); const c = toInt(n); return c < 0 ? parts : parts.slice(0, c); });
def('regexQuoteMeta', (v: unknown) => s(v).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'));

// ---- encoding and hashing
def('b64enc', (v: unknown) => bytesOf(v).toString('base64'));
def('b64dec', (v: unknown) => b64dec(v));
def('b32enc', (v: unknown) => {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const buf = bytesOf(v);
  let bits = 0; let val = 0; let out = '';
  for (const b of buf) { val = (val << 8) | b; bits += 8; while (bits >= 5) { out += A[(val >>> (bits - 5)) & 31]; bits -= 5; } }
  if (bits > 0) out += A[(val << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
});
def('sha256sum', (v: unknown) => createHash('sha256').update(bytesOf(v)).digest('hex'));
def('sha1sum', (v: unknown) => createHash('sha1').update(bytesOf(v)).digest('hex'));
def('sha512sum', (v: unknown) => createHash('sha512').update(bytesOf(v)).digest('hex'));
def('md5sum', (v: unknown) => createHash('md5').update(bytesOf(v)).digest('hex'));
def('adler32sum', (v: unknown) => String(adler32(bytesOf(v))));
def('toYaml', (v: unknown) => bounded(toGoYaml(deepCopy(v))));
def('toYamlPretty', (v: unknown) => bounded(toGoYaml(deepCopy(v))));
def('toJson', (v: unknown) => bounded(toGoJson(deepCopy(v))));
def('toToml', (v: unknown) => bounded(toToml(deepCopy(v))));
def('toRawJson', (v: unknown) => bounded(toGoJson(deepCopy(v), { raw: true })));
def('toPrettyJson', (v: unknown) => bounded(toGoJson(deepCopy(v), { indent: '  ' })));
def('fromYaml', (v: unknown) => { const r = fromYaml(v); return isDict(r) ? r : { Error: 'expected a YAML mapping' }; });
def('fromYamlArray', (v: unknown) => {
  try {
    const r = parseYaml(s(v), { version: '1.1', maxAliasCount: 100 }) as unknown;
    return Array.isArray(r) ? deepCopy(r) : [r === null || r === undefined ? 'expected a YAML sequence' : 'cannot unmarshal !!map into []interface {}'];
  } catch (e) {
    if (e instanceof SandboxViolationError) throw e;
    return [(e as Error).message.split('\n')[0]];
  }
});
def('fromJson', (v: unknown) => {
  let r: unknown;
  try { r = JSON.parse(s(v)); } catch (e) { return { Error: (e as Error).message }; }
  return isDict(r) ? deepCopy(r) : { Error: 'json: cannot unmarshal into map' };
});
def('fromJsonArray', (v: unknown) => {
  let r: unknown;
  try { r = JSON.parse(s(v)); } catch (e) { return [(e as Error).message]; }
  return Array.isArray(r) ? deepCopy(r) : ['json: cannot unmarshal into []interface {}'];
});

// ---- lists
def('list', (...vs: unknown[]) => vs.map(plainValue));
def('tuple', (...vs: unknown[]) => vs.map(plainValue));
def('first', (v: unknown) => (typeof v === 'string' ? v[0] : list(v)[0]));
def('last', (v: unknown) => { const l = typeof v === 'string' ? Array.from(v) : list(v); return l[l.length - 1]; });
def('rest', (v: unknown) => list(v).slice(1));
def('initial', (v: unknown) => list(v).slice(0, -1));
def('append', (l: unknown, v: unknown) => [...list(l), plainValue(v)], 'first');
def('push', (l: unknown, v: unknown) => [...list(l), plainValue(v)], 'first');
def('prepend', (l: unknown, v: unknown) => [plainValue(v), ...list(l)], 'first');
def('concat', (...ls: unknown[]) => ls.flatMap((l) => list(l)), 'first');
def('reverse', (v: unknown) => (typeof v === 'string' ? Array.from(v).reverse().join('') : [...list(v)].reverse()));
def('uniq', (v: unknown) => { const out: unknown[] = []; for (const x of list(v)) if (!out.some((y) => equal(x, y))) out.push(x); return out; });
def('without', (l: unknown, ...vs: unknown[]) => list(l).filter((x) => !vs.some((v) => equal(x, v))), 'first');
def('has', (needle: unknown, l: unknown) => list(l).some((x) => equal(x, needle)));
def('compact', (v: unknown) => list(v).filter((x) => !isEmpty(x)));
def('slice', (l: unknown, a?: unknown, b?: unknown) => { const arr = list(l); return arr.slice(a === undefined ? 0 : toInt(a), b === undefined ? arr.length : toInt(b)); }, 'first');
def('until', (n: unknown) => gen(toInt(n)));
def('untilStep', (a: unknown, b: unknown, c: unknown) => untilStep(toInt(a), toInt(b), toInt(c)));
def('seq', (...ns: unknown[]) => {
  const v = ns.map(toInt);
  if (v.length === 1) return untilStep(1, v[0]! + 1, 1).join(' ');
  if (v.length === 2) return (v[0]! <= v[1]! ? untilStep(v[0]!, v[1]! + 1, 1) : untilStep(v[0]!, v[1]! - 1, -1)).join(' ');
  return untilStep(v[0]!, v[2]! + Math.sign(v[1]!), v[1]!).join(' ');
}, 'first');
def('chunk', (n: unknown, l: unknown) => { const size = Math.max(1, toInt(n)); const arr = list(l); const out: unknown[][] = []; for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size)); return out; });

// ---- dicts
def('dict', (...kv: unknown[]) => {
  const out: Dict = {};
  for (let i = 0; i < kv.length; i += 2) out[checkKey(s(kv[i]))] = i + 1 < kv.length ? plainValue(kv[i + 1]) : '';
  return out;
});
def('get', (d: unknown, k: unknown) => { const key = checkKey(s(k)); return isDict(d) && Object.prototype.hasOwnProperty.call(d, key) ? d[key] : ''; }, 'first');
def('set', (d: unknown, k: unknown, v: unknown) => { const w = checkWritable(d, 'set'); w[checkKey(s(k))] = plainValue(v); return w; }, 'first');
def('unset', (d: unknown, k: unknown) => { const w = checkWritable(d, 'unset'); delete w[checkKey(s(k))]; return w; }, 'first');
def('hasKey', (d: unknown, k: unknown) => isDict(d) && Object.prototype.hasOwnProperty.call(d, s(k)), 'first');
def('pluck', (k: unknown, ...ds: unknown[]) => ds.filter((d) => isDict(d) && Object.prototype.hasOwnProperty.call(d, s(k))).map((d) => (d as Dict)[checkKey(s(k))]));
def('dig', (...args: unknown[]) => {
  if (args.length < 2) fail('dig: needs keys, a default and a dict');
  const d = args[args.length - 1];
  const dflt = args[args.length - 2];
  return digIn(args.slice(0, -2), dflt, d);
});
def('merge', (dst: unknown, ...srcs: unknown[]) => { const w = checkWritable(dst, 'merge'); for (const src of srcs) mergeInto(w, src, false); return w; }, 'first');
def('mustMerge', (dst: unknown, ...srcs: unknown[]) => { const w = checkWritable(dst, 'mustMerge'); for (const src of srcs) mergeInto(w, src, false); return w; }, 'first');
def('mergeOverwrite', (dst: unknown, ...srcs: unknown[]) => { const w = checkWritable(dst, 'mergeOverwrite'); for (const src of srcs) mergeInto(w, src, true); return w; }, 'first');
def('mustMergeOverwrite', (dst: unknown, ...srcs: unknown[]) => { const w = checkWritable(dst, 'mustMergeOverwrite'); for (const src of srcs) mergeInto(w, src, true); return w; }, 'first');
def('keys', (...ds: unknown[]) => [...new Set(ds.flatMap((d) => (isDict(d) ? Object.keys(d) : [])))].sort(), 'first');
def('values', (d: unknown) => (isDict(d) ? Object.keys(d).sort().map((k) => d[k]) : []), 'first');
def('pick', (d: unknown, ...ks: unknown[]) => { const out: Dict = {}; if (isDict(d)) for (const k of ks.map(s)) if (Object.prototype.hasOwnProperty.call(d, k)) out[checkKey(k)] = d[k]; return out; }, 'first');
def('omit', (d: unknown, ...ks: unknown[]) => { const out: Dict = {}; const drop = new Set(ks.map(s)); if (isDict(d)) for (const k of Object.keys(d)) if (!drop.has(k)) out[k] = d[k]; return out; }, 'first');
def('deepCopy', (v: unknown) => deepCopy(v));
def('mustDeepCopy', (v: unknown) => deepCopy(v));
def('deepEqual', (a: unknown, b: unknown) => equal(a, b), 'first');

// ---- math (integers unless the f variant)
def('add', (...ns: unknown[]) => ns.reduce<number>((a, b) => a + toInt(b), 0), 'first');
def('add1', (n: unknown) => toInt(n) + 1);
def('sub', (a: unknown, b: unknown) => toInt(a) - toInt(b), 'first');
def('mul', (...ns: unknown[]) => ns.reduce<number>((a, b) => a * toInt(b), 1), 'first');
def('div', (a: unknown, b: unknown) => { const d = toInt(b); if (d === 0) fail('div: division by zero'); return Math.trunc(toInt(a) / d); }, 'first');
def('mod', (a: unknown, b: unknown) => { const d = toInt(b); if (d === 0) fail('mod: division by zero'); return toInt(a) % d; }, 'first');
def('max', (...ns: unknown[]) => Math.max(...ns.map(toInt)), 'first');
def('min', (...ns: unknown[]) => Math.min(...ns.map(toInt)), 'first');
def('addf', (...ns: unknown[]) => ns.reduce<number>((a, b) => a + num(b), 0), 'first');
def('subf', (a: unknown, ...bs: unknown[]) => bs.reduce<number>((x, b) => x - num(b), num(a)), 'first');
def('mulf', (...ns: unknown[]) => ns.reduce<number>((a, b) => a * num(b), 1), 'first');
def('divf', (a: unknown, ...bs: unknown[]) => bs.reduce<number>((x, b) => x / num(b), num(a)), 'first');
def('maxf', (...ns: unknown[]) => Math.max(...ns.map(num)), 'first');
def('minf', (...ns: unknown[]) => Math.min(...ns.map(num)), 'first');
def('floor', (n: unknown) => Math.floor(num(n)));
def('ceil', (n: unknown) => Math.ceil(num(n)));
def('round', (n: unknown, p?: unknown) => { const f = 10 ** toInt(p ?? 0); return Math.round(num(n) * f) / f; }, 'first');

// ---- types, versions, time
def('kindOf', (v: unknown) => kindOf(v));
def('kindIs', (k: unknown, v: unknown) => kindOf(v) === s(k));
def('typeOf', (v: unknown) => typeOf(v));
def('typeIs', (t: unknown, v: unknown) => typeOf(v) === s(t));
def('semverCompare', (c: unknown, v: unknown) => semverCompare(c, v));
def('semver', (v: unknown) => {
  const p = semverLib().parse(s(v).replace(/^v/, ''));
  if (p === null) fail(`semver: invalid version ${JSON.stringify(s(v))}`);
  return { Major: p.major, Minor: p.minor, Patch: p.patch, Prerelease: p.prerelease.join('.'), Metadata: p.build.join('.'), Original: s(v) };
});
def('now', () => new Date().toISOString());
def('date', (layout: unknown, t: unknown) => goDate(s(layout), t));
def('dateInZone', (layout: unknown, t: unknown) => goDate(s(layout), t));
def('unixEpoch', (t: unknown) => String(Math.floor(new Date(s(t) || Date.now()).getTime() / 1000)));

// ---- certificates, keys, AES
registerCryptoFunctions({ def, s, list, toInt, fail });

/** Every library function, by name. */
export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = defs;

/** The filter form of a function: the piped value goes where Helm pipes it. */
export function asFilter(d: FunctionDef): Fn {
  const f = d.fn;
  if (d.pipe === 'first') return expose((v: unknown, ...rest: unknown[]) => f(v, ...rest));
  return expose((v: unknown, ...rest: unknown[]) => f(...rest, v));
}

/** The global (function-call) form: Helm's argument order. */
export function asGlobal(d: FunctionDef): Fn {
  const f = d.fn;
  return expose((...args: unknown[]) => f(...args));
}

/** nunjucks' own filters that are kept (those without a Helm meaning); attribute arguments are checked. */
export const KEPT_NUNJUCKS_FILTERS: readonly string[] = [
  'abs', 'batch', 'capitalize', 'center', 'dictsort', 'dump', 'escape', 'float', 'groupby', 'length', 'nl2br',
  'reject', 'rejectattr', 'safe', 'select', 'selectattr', 'sort', 'string', 'striptags', 'sum', 'truncate',
  'urlencode', 'wordcount',
];

/** Wraps a nunjucks built-in filter: attribute-path arguments may not name forbidden properties. */
export function guardNunjucksFilter(name: string, f: Fn): Fn {
  return expose(function (this: unknown, ...args: unknown[]) {
    for (const a of args) if (typeof a === 'function') throw violation(`filter ${name}: functions cannot be passed to it`);
    if (name === 'center' || name === 'batch') padWidth(args[1]);
    for (const a of args.slice(1)) {
      if (typeof a === 'string' && a.split('.').some((p) => FORBIDDEN_NAMES.has(p))) throw violation(`filter ${name}: access to "${a}" is not allowed`);
    }
    const r = f.apply(this, args);
    if (typeof r === 'function') throw violation(`filter ${name} returned a function`);
    return r;
  });
}
