// text/template's comparison builtins (eq ne lt le gt ge) and the other
// builtins that look at Go kinds (len, index, slice), with Go's error texts.
import { GoFloat32, GoInt, GoMapStruct, GoStruct, goTypeOf, isMap } from './value.js';

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid' | 'other';

function basicKind(v: unknown): BasicKind {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'string': return 'string';
    case 'number': return 'float';
  }
  if (v instanceof GoInt) return v.kind.startsWith('u') ? 'uint' : 'int';
  if (v instanceof GoFloat32) return 'float';
  return 'other';
}

const errBadComparison = 'incompatible types for comparison';
const errBadComparisonType = 'invalid type for comparison';

function num(v: unknown): number {
  return v instanceof GoFloat32 ? v.v : (v as number);
}

/** `eq arg1 arg2...`: true when arg1 equals any of the others (Go 1.18+ rules). */
export function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = (arg1 as GoInt).v >= 0n && (arg1 as GoInt).v === (arg as GoInt).v;
      else if (k1 === 'uint' && k2 === 'int') truth = (arg as GoInt).v >= 0n && (arg1 as GoInt).v === (arg as GoInt).v;
      else if (k1 !== 'invalid' && k2 !== 'invalid') throw new Error(errBadComparison);
    } else {
      switch (k1) {
        case 'bool': case 'string': truth = arg1 === arg; break;
        case 'float': truth = num(arg1) === num(arg); break;
        case 'int': case 'uint': truth = (arg1 as GoInt).v === (arg as GoInt).v; break;
        case 'invalid': truth = true; break;
        default: {
          if (Array.isArray(arg1) || isMap(arg1) || Array.isArray(arg) || isMap(arg)) {
            const bad = Array.isArray(arg) || isMap(arg) ? arg : arg1;
            throw new Error(`non-comparable type ${printShort(bad)}: ${goTypeOf(bad)}`);
          }
          truth = arg1 === arg;
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function printShort(v: unknown): string {
  return `<${goTypeOf(v)} Value>`;
}

/** `lt a b` with Go's kind rules. */
export function lt(arg1: unknown, arg2: unknown): boolean {
  const k1 = basicKind(arg1);
  if (k1 === 'invalid' || k1 === 'other') throw new Error(errBadComparisonType);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid' || k2 === 'other') throw new Error(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (arg1 as GoInt).v < 0n || (arg1 as GoInt).v < (arg2 as GoInt).v;
    if (k1 === 'uint' && k2 === 'int') return (arg2 as GoInt).v >= 0n && (arg1 as GoInt).v < (arg2 as GoInt).v;
    throw new Error(errBadComparison);
  }
  switch (k1) {
    case 'bool': throw new Error(errBadComparisonType);
    case 'float': return num(arg1) < num(arg2);
    case 'int': case 'uint': return (arg1 as GoInt).v < (arg2 as GoInt).v;
    case 'string': return compareBytes(arg1 as string, arg2 as string) < 0;
  }
  return false;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

/** `len x`: bytes of a string, elements of a slice or map. */
export function goLen(v: unknown): GoInt {
  if (v === null || v === undefined) throw new Error('len of nil pointer');
  if (typeof v === 'string') return new GoInt('int', BigInt(Buffer.byteLength(v, 'utf8')));
  if (Array.isArray(v)) return new GoInt('int', BigInt(v.length));
  if (Buffer.isBuffer(v)) return new GoInt('int', BigInt(v.length));
  if (isMap(v)) return new GoInt('int', BigInt(Object.keys(v).length));
  if (v instanceof GoMapStruct) return new GoInt('int', BigInt(Object.keys(v.entries()).length));
  throw new Error(`len of type ${goTypeOf(v)}`);
}

function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  if (index instanceof GoInt) x = index.v;
  else if (index === null || index === undefined) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${goTypeOf(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

/** `index x i j...`. */
export function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new Error('index of untyped nil');
  for (const ix of indexes) {
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = Buffer.from(item, 'utf8');
      const x = indexArg(ix, bytes.length);
      if (x >= bytes.length) throw new Error(`reflect: string index out of range`);
      item = new GoInt('uint8', BigInt(bytes[x]!));
    } else if (Array.isArray(item) || Buffer.isBuffer(item)) {
      const x = indexArg(ix, item.length);
      if (x >= item.length) throw new Error(`reflect: slice index out of range`);
      const e = (item as ArrayLike<unknown>)[x];
      item = Buffer.isBuffer(item) ? new GoInt('uint8', BigInt(e as number)) : e;
      if (item === undefined) item = null;
    } else if (isMap(item)) {
      if (typeof ix !== 'string') {
        if (ix === null || ix === undefined) throw new Error(`value is nil; should be of type string`);
        throw new Error(`value has type ${goTypeOf(ix)}; should be string`);
      }
      const m = item;
      if (Object.hasOwn(m, ix)) item = m[ix] === undefined ? null : m[ix];
      else item = zeroOf(goTypeOf(m));
    } else if (item instanceof GoStruct) {
      throw new Error(`can't index item of type ${item.typeName}`);
    } else throw new Error(`can't index item of type ${goTypeOf(item)}`);
  }
  return item;
}

/** The zero value of a map's element type. */
function zeroOf(mapTypeName: string): unknown {
  const elem = mapTypeName.slice(mapTypeName.indexOf(']') + 1);
  switch (elem) {
    case 'string': return '';
    case 'bool': return false;
    case 'float64': return 0;
    case 'int': case 'int64': case 'int32': case 'uint8': return new GoInt(elem, 0n);
  }
  return null;
}

/** `slice x i j k`. */
export function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    cap = Buffer.byteLength(item, 'utf8');
  } else if (Array.isArray(item)) cap = item.length;
  else throw new Error(`can't slice item of type ${goTypeOf(item)}`);
  const idx = [0, cap];
  for (let i = 0; i < indexes.length; i++) {
    const x = indexArg(indexes[i], cap);
    idx[i] = x;
  }
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length < 3) {
    if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8');
    return retag(item as unknown[], (item as unknown[]).slice(idx[0], idx[1]));
  }
  if (idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return retag(item as unknown[], (item as unknown[]).slice(idx[0], idx[1]));
}

function retag(from: unknown[], to: unknown[]): unknown[] {
  const t = goTypeOf(from);
  if (t !== '[]interface {}') {
    for (const sym of Object.getOwnPropertySymbols(from)) Object.defineProperty(to, sym, { value: (from as unknown as Record<symbol, unknown>)[sym], enumerable: false });
  }
  return to;
}
