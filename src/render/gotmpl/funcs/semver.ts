// Sprig's semver and semverCompare with Masterminds/semver v3.3.0's rules
// (not npm's): "v" prefixes and short versions accepted, x-ranges, ~ and ^,
// hyphen ranges, "," or space for AND and "||" for OR, and a prerelease
// version only matching a constraint that itself has a prerelease.
import type { GoFunc } from '../func-types.js';
import { GoInt, GoStruct } from '../value.js';
import { fn, FuncError } from './define.js';
import { withMarshaler } from './json.js';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
  original: string;
}

const SEMVER = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

const MAX_U64 = (1n << 64n) - 1n;

function segment(s: string): bigint {
  const v = BigInt(s);
  if (v > MAX_U64) throw new FuncError(`Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return v;
}

/** semver.NewVersion. */
export function parseVersion(s: string): Version {
  const m = SEMVER.exec(s);
  if (!m) throw new FuncError('Invalid Semantic Version');
  const v: Version = {
    major: segment(m[1]!),
    minor: m[2] ? segment(m[2].slice(1)) : 0n,
    patch: m[3] ? segment(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    meta: m[8] ?? '',
    original: s,
  };
  if (v.pre) for (const p of v.pre.split('.')) if (/^\d+$/.test(p) && p.length > 1 && p[0] === '0') throw new FuncError('Version segment starts with 0');
  return v;
}

function comparePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return 1;
  const sn = /^\d+$/.test(s);
  const on = /^\d+$/.test(o);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePre(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = comparePart(x[i] ?? '', y[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function compare(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  con: Version;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string | undefined) => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT.exec(c);
  if (!m) throw new FuncError(`improper constraint: ${c}`);
  let ver = m[2]!;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  const pre = m[6] ?? '';
  if (isX(m[3]) || !m[3]) { ver = `0.0.0${pre}`; dirty = true; }
  else if (isX(m[4]?.replace(/^\./, '')) || !m[4]) { minorDirty = true; dirty = true; ver = `${m[3]}.0.0${pre}`; }
  else if (isX(m[5]?.replace(/^\./, '')) || !m[5]) { dirty = true; patchDirty = true; ver = `${m[3]}${m[4]}.0${pre}`; }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new FuncError('constraint Parser Error');
  }
  return { op: m[1]!, con, dirty, minorDirty, patchDirty };
}

function check(v: Version, c: Constraint): boolean {
  const { con } = c;
  // Every operator refuses a prerelease version against a release constraint, except an exact "!=".
  if (v.pre !== '' && con.pre === '' && (c.op !== '!=' || c.dirty)) return false;
  switch (c.op) {
    case '': case '=':
      return c.dirty ? tilde(v, c) : compare(v, con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || con.pre !== '') && comparePre(v.pre, con.pre) !== 0;
      }
      return compare(v, con) !== 0;
    case '>':
      if (!c.dirty) return compare(v, con) === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return compare(v, con) === 1;
    case '<':
      return compare(v, con) < 0;
    case '>=': case '=>':
      return compare(v, con) >= 0;
    case '<=': case '=<':
      if (!c.dirty) return compare(v, con) <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~': case '~>':
      return tilde(v, c);
    default:
      return caret(v, c);
  }
}

function tilde(v: Version, c: Constraint): boolean {
  const { con } = c;
  if (compare(v, con) < 0) return false;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  return !(v.minor !== con.minor && !c.minorDirty);
}

function caret(v: Version, c: Constraint): boolean {
  const { con } = c;
  if (compare(v, con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (con.minor === 0n && v.minor > 0n) return false;
  return con.patch === v.patch;
}

/** semver.NewConstraint then Check. */
export function semverCompare(constraint: string, version: string): boolean {
  const c = constraint.replace(RANGE, (_m, ...g: string[]) => `>= ${g[0]}, <= ${g[10]} `);
  const ors = c.split('||').map((part) => {
    if (!VALID.test(part)) throw new FuncError(`improper constraint: ${part}`);
    const found = part.match(FIND) ?? [part];
    return found.map(parseConstraint);
  });
  const v = parseVersion(version);
  return ors.some((and) => and.every((x) => check(v, x)));
}

function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.meta ? `+${v.meta}` : ''}`;
}

/** A *semver.Version as templates see it: methods Major, Minor, Patch, Prerelease, Metadata, Original, String. */
function versionValue(v: Version): GoStruct {
  const m = (name: string, result: string, f: () => unknown) => ({ name, params: [], results: [result], call: f });
  const s = new GoStruct('*semver.Version', {}, {
    Major: m('Major', 'uint64', () => new GoInt('uint64', v.major)),
    Minor: m('Minor', 'uint64', () => new GoInt('uint64', v.minor)),
    Patch: m('Patch', 'uint64', () => new GoInt('uint64', v.patch)),
    Prerelease: m('Prerelease', 'string', () => v.pre),
    Metadata: m('Metadata', 'string', () => v.meta),
    Original: m('Original', 'string', () => v.original),
    String: m('String', 'string', () => versionString(v)),
  }, () => versionString(v));
  return withMarshaler(s, { marshalJSON: () => versionString(v) });
}

export const SEMVER_FUNCS: Record<string, GoFunc> = {
  semver: fn(['string'], ['*semver.Version', 'error'], (s: string) => versionValue(parseVersion(s))),
  semverCompare: fn(['string', 'string'], ['bool', 'error'], semverCompare),
};
