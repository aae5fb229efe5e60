// Sprig's defaults and flow control (default, empty, coalesce, all, any,
// ternary, fail) and Helm's `required`.
import type { GoFunc } from '../func-types.js';
import { empty } from './convert.js';
import { ANY, fn, FuncError } from './define.js';

/** Helm's `required`: the value, or its message as an error when it is nil or an empty string. */
function required(warn: string, val: unknown): unknown {
  if (val === null || val === undefined) throw new FuncError(warn);
  if (typeof val === 'string' && val === '') throw new FuncError(warn);
  return val;
}

export const FLOW_FUNCS: Record<string, GoFunc> = {
  default: fn([ANY, ANY], ANY, (d: unknown, ...given: unknown[]) => (given.length === 0 || empty(given[0]) ? d : given[0]), true),
  empty: fn([ANY], 'bool', empty),
  coalesce: fn([ANY], ANY, (...vs: unknown[]) => vs.find((v) => !empty(v)) ?? null, true),
  all: fn([ANY], 'bool', (...vs: unknown[]) => vs.every((v) => !empty(v)), true),
  any: fn([ANY], 'bool', (...vs: unknown[]) => vs.some((v) => !empty(v)), true),
  ternary: fn([ANY, ANY, 'bool'], ANY, (t: unknown, f: unknown, c: boolean) => (c ? t : f)),
  fail: fn(['string'], ['string', 'error'], (msg: string) => { throw new FuncError(msg); }),
  required: fn(['string', ANY], [ANY, 'error'], required),
};
