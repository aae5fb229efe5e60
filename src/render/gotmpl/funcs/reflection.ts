// Sprig's reflection functions: Go type and kind names of template values.
import type { GoFunc } from '../func-types.js';
import { goKindOf, goTypeOf } from '../value.js';
import { deepEqual } from './convert.js';
import { ANY, fn } from './define.js';

const S = 'string';

export const REFLECTION_FUNCS: Record<string, GoFunc> = {
  typeOf: fn([ANY], S, goTypeOf),
  typeIs: fn([S, ANY], 'bool', (t: string, v: unknown) => t === goTypeOf(v)),
  typeIsLike: fn([S, ANY], 'bool', (t: string, v: unknown) => { const g = goTypeOf(v); return t === g || `*${t}` === g; }),
  kindOf: fn([ANY], S, goKindOf),
  kindIs: fn([S, ANY], 'bool', (k: string, v: unknown) => k === goKindOf(v)),
  deepEqual: fn([ANY, ANY], 'bool', deepEqual),
};
