// Sprig's list functions. Most accept any slice and return []interface {}
// (a copy: the input is never altered); on a non-list the plain form panics
// and the must form returns the error, with Sprig's wording.
import { chargeLoop } from '../../budget.js';
import type { GoFunc } from '../func-types.js';
import { goKindOf, goTypeOf, sliceType } from '../value.js';
import { deepEqual, empty, num, toInt } from './convert.js';
import { ANY, fn, FuncError } from './define.js';

const LIST = '[]interface {}';

/** reflect.TypeOf(v).Kind() as Sprig reads it; nil has no type and Go panics on it. */
function kindOrPanic(v: unknown): string {
  if (v === null || v === undefined) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
  return goKindOf(v);
}

/** The elements of a slice, or Sprig's error `Cannot <what> on type <kind>`. */
function elems(v: unknown, what: string, text = `Cannot ${what} on type`): unknown[] {
  const k = kindOrPanic(v);
  if (!Array.isArray(v)) throw new FuncError(`${text} ${k}`);
  return v;
}

/** A list function and its must form: both fail the same way here (Sprig's plain form panics with the same error). */
function pair(name: string, mustName: string, params: string[], result: string, impl: (...args: any[]) => unknown, variadic = false): Record<string, GoFunc> {
  return { [name]: fn(params, result, impl, variadic), [mustName]: fn(params, [result, 'error'], impl, variadic) };
}

function chunk(size: number, list: unknown[]): unknown[][] {
  const l = list.length;
  // Sprig computes the chunk count in float64: size 0 gives +Inf/NaN and Go panics making the slice.
  if (size <= 0) throw new FuncError('runtime error: makeslice: len out of range');
  const out: unknown[][] = [];
  for (let i = 0; i < l; i += size) out.push(list.slice(i, i + size));
  return sliceType(out, '[][]interface {}');
}

function slice(list: unknown, ...indices: unknown[]): unknown {
  const k = kindOrPanic(list);
  if (!Array.isArray(list)) throw new FuncError(`list should be type of slice or array but ${k}`);
  const l = list.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? num(toInt(indices[0])) : 0;
  const end = indices.length < 2 ? l : num(toInt(indices[1]));
  if (end < 0 || end > l) throw new FuncError('reflect.Value.Slice: slice index out of bounds');
  if (start < 0 || start > end) throw new FuncError('reflect.Value.Slice: slice index out of bounds');
  const t = goTypeOf(list);
  return sliceType(list.slice(start, end), t.startsWith('[]') ? t : LIST);
}

export const LIST_FUNCS: Record<string, GoFunc> = {
  list: fn([ANY], LIST, (...vs: unknown[]) => vs, true),
  tuple: fn([ANY], LIST, (...vs: unknown[]) => vs, true),
  ...pair('append', 'mustAppend', [ANY, ANY], LIST, (l, v) => [...elems(l, 'push'), v]),
  ...pair('push', 'mustPush', [ANY, ANY], LIST, (l, v) => [...elems(l, 'push'), v]),
  ...pair('prepend', 'mustPrepend', [ANY, ANY], LIST, (l, v) => [v, ...elems(l, 'prepend')]),
  ...pair('first', 'mustFirst', [ANY], ANY, (l) => { const a = elems(l, 'find first'); return a.length === 0 ? null : a[0]; }),
  ...pair('last', 'mustLast', [ANY], ANY, (l) => { const a = elems(l, 'find last'); return a.length === 0 ? null : a[a.length - 1]; }),
  ...pair('rest', 'mustRest', [ANY], LIST, (l) => { const a = elems(l, 'find rest'); return a.slice(1); }),
  ...pair('initial', 'mustInitial', [ANY], LIST, (l) => { const a = elems(l, 'find initial'); return a.slice(0, -1); }),
  ...pair('reverse', 'mustReverse', [ANY], LIST, (l) => [...elems(l, 'find reverse')].reverse()),
  ...pair('compact', 'mustCompact', [ANY], LIST, (l) => elems(l, 'compact').filter((x) => !empty(x))),
  ...pair('uniq', 'mustUniq', [ANY], LIST, (l) => {
    const a = elems(l, 'find uniq');
    chargeLoop(a.length);
    const out: unknown[] = [];
    for (const x of a) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  }),
  ...pair('without', 'mustWithout', [ANY, ANY], LIST, (l, ...omit: unknown[]) => elems(l, 'find without').filter((x) => !omit.some((o) => deepEqual(x, o))), true),
  ...pair('has', 'mustHas', [ANY, ANY], 'bool', (needle, hay) => {
    if (hay === null || hay === undefined) return false;
    return elems(hay, 'find has').some((x) => deepEqual(needle, x));
  }),
  ...pair('slice', 'mustSlice', [ANY, ANY], ANY, slice, true),
  ...pair('chunk', 'mustChunk', ['int', ANY], '[][]interface {}', (size, l) => chunk(num(size), elems(l, 'chunk', 'Cannot chunk type'))),
  concat: fn([ANY], ANY, (...lists: unknown[]) => {
    const out: unknown[] = [];
    for (const l of lists) {
      const k = kindOrPanic(l);
      if (!Array.isArray(l)) throw new FuncError(`Cannot concat type ${k} as list`);
      out.push(...l);
    }
    return out;
  }, true),
};
