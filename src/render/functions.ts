// The template function library: Helm's functions and the Sprig/Go-template
// functions real charts use, with Helm's meaning. Each is written in Helm's
// argument order, so `f(a, b)` is Helm's `f a b`; the filter form pipes the
// value into the position Helm pipes it (`x | f(a)` is Helm's `x | f a`,
// i.e. `f(a, x)`), except where the piped value reads as the subject: dicts
// and lists (hasKey, get, set, pick, omit, merge, index, append, concat, ...),
// comparisons (`x | lt(5)` is x < 5) and arithmetic (`x | sub(1)` is x - 1).
import { createHash, randomUUID } from 'node:crypto';
import { SandboxViolationError } from '../errors.js';
import { adler32, registerCryptoFunctions } from './crypto-functions.js';
import { toGoJson, toGoYaml } from './goyaml.js';
import { toToml } from './toml.js';
import { chargeBuilt } from './budget.js';
import { expose, FORBIDDEN_NAMES, truthy, violation } from './sandbox.js';

import { type FunctionDef, fail, s, num, toInt, isDict, list, isEmpty, checkKey, checkWritable, plainValue, deepCopy, kindOf, typeOf, goQuote, sprintf, goPrint, regex, goReplacement, padWidth, bounded, gen, untilStep, randomFrom, ALNUM, words, mergeInto, digIn, equal, semverCompare, goDate, b64dec, bytesOf, fromYaml, parseYaml, semverLib, type Fn, type Dict, type Pipe } from './functions-support.js';

export { s, isEmpty, deepCopy, kindOf, sprintf, type FunctionDef } from './functions-support.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
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
// replaceAll with a string (the pad holds no `$`), not a regular expression: the
// render process's frozen intrinsics send every RegExp call down V8's slow path.
def('indent', (n: unknown, v: unknown) => { const pad = ' '.repeat(padWidth(n)); return bounded(pad + s(v).replaceAll('\n', '\n' + pad)); });
def('nindent', (n: unknown, v: unknown) => { const pad = ' '.repeat(padWidth(n)); return bounded('\n' + pad + s(v).replaceAll('\n', '\n' + pad)); });
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

// The wrappers below pass arguments with `apply`, not spread calls: the render
// process runs with frozen intrinsics, under which V8 takes its slow,
// iterator-protocol path for every spread (ten times the cost of the call).

/** The filter form of a function: the piped value goes where Helm pipes it. */
export function asFilter(d: FunctionDef): Fn {
  const f = d.fn;
  if (d.pipe === 'first') return expose((...args: unknown[]) => (args.length === 0 ? f(undefined) : f.apply(undefined, args)));
  return expose((v: unknown, ...rest: unknown[]) => {
    rest.push(v);
    return f.apply(undefined, rest);
  });
}

/** The global (function-call) form: Helm's argument order. */
export function asGlobal(d: FunctionDef): Fn {
  const f = d.fn;
  return expose((...args: unknown[]) => f.apply(undefined, args));
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
