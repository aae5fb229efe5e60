// Sprig's arithmetic: int64 results (wrapping as Go's int64 does) from
// add/sub/mul/div/mod/max/min, float64 from the f-forms, which Sprig computes
// in shopspring/decimal (so `addf 0.1 0.2` is 0.3), plus until/untilStep/seq,
// round/floor/ceil, randInt, toDecimal and the int/int64/float64/atoi casts.
import { chargeLoop } from '../../budget.js';
import type { GoFunc } from '../func-types.js';
import { GoInt, int, int64, sliceType } from '../value.js';
import { sprint } from '../fmt.js';
import { castFloat64, castInt64, num, toInt, toInt64 } from './convert.js';
import { ANY, fn, FuncError } from './define.js';

const wrap64 = (v: bigint) => BigInt.asIntN(64, v);

/** A shopspring decimal: value × 10^exp. */
interface Dec {
  v: bigint;
  e: number;
}

function decFromFloat(f: number): Dec {
  if (Number.isNaN(f)) throw new FuncError('Cannot create a Decimal from NaN');
  if (!Number.isFinite(f)) throw new FuncError(`Cannot create a Decimal from ${f > 0 ? '+Inf' : '-Inf'}`);
  const [mant, expPart] = f.toExponential().split('e') as [string, string];
  const [ip, fp = ''] = mant.split('.') as [string, string?];
  return { v: BigInt(ip + fp), e: Number(expPart) - fp.length };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.v * 10n ** BigInt(a.e - e), b.v * 10n ** BigInt(b.e - e), e];
}

const DIV_PRECISION = 16;

function decDiv(a: Dec, b: Dec): Dec {
  if (b.v === 0n) throw new FuncError('decimal division by 0');
  // Quotient truncated to 16 places, then rounded half away from zero on the remainder.
  const scale = DIV_PRECISION;
  // q = trunc(a / b * 10^scale)
  let num = a.v;
  let den = b.v;
  const shift = a.e - b.e + scale;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { v: q, e: -scale };
}

function decToFloat(d: Dec): number {
  return Number(`${d.v}e${d.e}`);
}

type DecOp = (a: Dec, b: Dec) => Dec;
const decAdd: DecOp = (a, b) => { const [x, y, e] = align(a, b); return { v: x + y, e }; };
const decSub: DecOp = (a, b) => { const [x, y, e] = align(a, b); return { v: x - y, e }; };
const decMul: DecOp = (a, b) => ({ v: a.v * b.v, e: a.e + b.e });

function decimalOp(a: unknown, bs: unknown[], op: DecOp): number {
  let acc = decFromFloat(castFloat64(a));
  for (const b of bs) acc = op(acc, decFromFloat(castFloat64(b)));
  return decToFloat(acc);
}

function untilStep(start: number, stop: number, step: number): GoInt[] {
  const out: GoInt[] = [];
  const n = stop < start ? (step >= 0 ? 0 : Math.ceil((start - stop) / -step)) : step <= 0 ? 0 : Math.ceil((stop - start) / step);
  chargeLoop(n, true);
  for (let i = 0; i < n; i++) out.push(int(start + i * step));
  return sliceType(out, '[]int');
}

function seq(...ps: GoInt[]): string {
  const p = ps.map(num);
  let list: GoInt[];
  switch (p.length) {
    case 1: {
      const end = p[0]!;
      const inc = end < 1 ? -1 : 1;
      list = untilStep(1, end + inc, inc);
      break;
    }
    case 2: {
      const [start, end] = p as [number, number];
      const step = end < start ? -1 : 1;
      list = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = p as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      list = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return list.join(' ');
}

function round(a: unknown, p: GoInt, ...opt: number[]): number {
  const roundOn = opt.length > 0 ? opt[0]! : 0.5;
  const val = castFloat64(a);
  const pow = 10 ** num(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** Go's math.Max / math.Min (NaN wins; +0 beats -0 for Max). */
function fmax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}
function fmin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

/** strconv.Atoi with Sprig's ignored error: 0 on bad syntax, the clamped value on overflow. */
function atoi(s: string): GoInt {
  if (!/^[-+]?\d+$/.test(s)) return int(0);
  const v = BigInt(s);
  const max = (1n << 63n) - 1n;
  return int(v > max ? max : v < -max - 1n ? -max - 1n : v);
}

function toDecimal(v: unknown): GoInt {
  const s = sprint([v]);
  if (!/^[-+]?[0-7]+$/.test(s)) return int64(0);
  const mag = BigInt('0o' + s.replace(/^[-+]/, ''));
  const r = s.startsWith('-') ? -mag : mag;
  return int64(r === wrap64(r) ? r : 0n);
}

const I64 = 'int64';
const F64 = 'float64';

export const MATH_FUNCS: Record<string, GoFunc> = {
  add1: fn([ANY], I64, (i: unknown) => int64(wrap64(castInt64(i) + 1n))),
  add: fn([ANY], I64, (...vs: unknown[]) => int64(vs.reduce<bigint>((a, b) => wrap64(a + castInt64(b)), 0n)), true),
  sub: fn([ANY, ANY], I64, (a, b) => int64(wrap64(castInt64(a) - castInt64(b)))),
  mul: fn([ANY, ANY], I64, (a, ...vs: unknown[]) => int64(vs.reduce<bigint>((x, b) => wrap64(x * castInt64(b)), castInt64(a))), true),
  div: fn([ANY, ANY], I64, (a, b) => {
    const d = castInt64(b);
    if (d === 0n) throw new FuncError('runtime error: integer divide by zero');
    return int64(wrap64(castInt64(a) / d));
  }),
  mod: fn([ANY, ANY], I64, (a, b) => {
    const d = castInt64(b);
    if (d === 0n) throw new FuncError('runtime error: integer divide by zero');
    return int64(castInt64(a) % d);
  }),
  max: fn([ANY, ANY], I64, (a, ...vs: unknown[]) => int64(vs.reduce<bigint>((x, b) => { const y = castInt64(b); return y > x ? y : x; }, castInt64(a))), true),
  biggest: fn([ANY, ANY], I64, (a, ...vs: unknown[]) => int64(vs.reduce<bigint>((x, b) => { const y = castInt64(b); return y > x ? y : x; }, castInt64(a))), true),
  min: fn([ANY, ANY], I64, (a, ...vs: unknown[]) => int64(vs.reduce<bigint>((x, b) => { const y = castInt64(b); return y < x ? y : x; }, castInt64(a))), true),
  maxf: fn([ANY, ANY], F64, (a, ...vs: unknown[]) => vs.reduce<number>((x, b) => fmax(x, castFloat64(b)), castFloat64(a)), true),
  minf: fn([ANY, ANY], F64, (a, ...vs: unknown[]) => vs.reduce<number>((x, b) => fmin(x, castFloat64(b)), castFloat64(a)), true),
  add1f: fn([ANY], F64, (i: unknown) => decimalOp(i, [int(1)], decAdd)),
  addf: fn([ANY], F64, (...vs: unknown[]) => decimalOp(0, vs, decAdd), true),
  subf: fn([ANY, ANY], F64, (a, ...vs: unknown[]) => decimalOp(a, vs, decSub), true),
  mulf: fn([ANY, ANY], F64, (a, ...vs: unknown[]) => decimalOp(a, vs, decMul), true),
  divf: fn([ANY, ANY], F64, (a, ...vs: unknown[]) => decimalOp(a, vs, decDiv), true),
  floor: fn([ANY], F64, (a) => Math.floor(castFloat64(a))),
  ceil: fn([ANY], F64, (a) => Math.ceil(castFloat64(a))),
  round: fn([ANY, 'int', F64], F64, round, true),
  randInt: fn(['int', 'int'], 'int', (lo: GoInt, hi: GoInt) => {
    const n = num(hi) - num(lo);
    if (n <= 0) throw new FuncError('invalid argument to Intn');
    return int(Math.floor(Math.random() * n) + num(lo));
  }),
  until: fn(['int'], '[]int', (c: GoInt) => { const n = num(c); return untilStep(0, n, n < 0 ? -1 : 1); }),
  untilStep: fn(['int', 'int', 'int'], '[]int', (a: GoInt, b: GoInt, c: GoInt) => untilStep(num(a), num(b), num(c))),
  seq: fn(['int'], 'string', seq, true),
  atoi: fn(['string'], 'int', atoi),
  int: fn([ANY], 'int', toInt),
  int64: fn([ANY], I64, toInt64),
  float64: fn([ANY], F64, castFloat64),
  toDecimal: fn([ANY], I64, toDecimal),
};

