// Sprig's dict functions on map[string]interface {} (Go maps are references:
// set, unset, merge and mergeOverwrite change the map they are given, as in
// Helm). merge/mergeOverwrite follow dario.cat/mergo v1.0.1 on maps of
// interface values; keys and values come back in sorted key order (Go's map
// order is random; charts sort them).
import { chargeLoop } from '../../budget.js';
import type { GoFunc } from '../func-types.js';
import { GoStruct, goTypeOf, isMap, mapType, sliceType } from '../value.js';
import { empty, strval } from './convert.js';
import { compareStrings } from '../fmt.js';
import { ANY, fn, FuncError, MAP } from './define.js';

type Dict = Record<string, unknown>;

/** Sets an own key, `__proto__` included, without touching the prototype. */
export function put(d: Dict, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(d, k, { value: v, enumerable: true, writable: true, configurable: true });
  else d[k] = v;
}

// Counts the changes templates make to maps they did not just build (set,
// unset, merge, mergeOverwrite), so that what was computed from a map can be
// reused until something changes (see toYaml in helm.ts).
let mutations = 0;

/** How many times a template changed a map in place, in this process so far. */
export function mapMutations(): number {
  return mutations;
}

const has = (d: Dict | null | undefined, k: string): d is Dict => d !== null && d !== undefined && Object.hasOwn(d, k);

function writable(d: Dict | null | undefined): Dict {
  if (d === null || d === undefined) throw new FuncError('assignment to entry in nil map');
  return d;
}

/** A Go type assertion `v.(map[string]interface{})`, with Go's panic text. */
function assertMap(v: unknown): Dict {
  if (isMap(v) && goTypeOf(v) === MAP) return v;
  throw new FuncError(`interface conversion: interface {} is ${v === null || v === undefined ? 'nil' : goTypeOf(v)}, not map[string]interface {}`);
}

function assertString(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new FuncError(`interface conversion: interface {} is ${v === null || v === undefined ? 'nil' : goTypeOf(v)}, not string`);
}

/** mergo's isEmptyValue, dereferencing interfaces. */
const isEmptyValue = (v: unknown) => (v instanceof GoStruct ? false : empty(v));

/** mergo's deepMerge of a map of interface values into another, in place. */
function mergeMaps(dst: Dict, src: Dict, overwrite: boolean, depth = 0): void {
  if (depth > 10_000) throw new FuncError('merge: maps nested too deeply');
  mutations++;
  chargeLoop(1);
  const dstWasEmpty = Object.keys(dst).length === 0;
  for (const key of Object.keys(src)) {
    const s = src[key];
    const present = Object.hasOwn(dst, key);
    const d = present ? dst[key] : undefined;
    if (s === null || s === undefined) {
      if (overwrite) put(dst, key, null);
      continue;
    }
    if (isMap(s)) {
      if (present && isMap(d)) mergeMaps(d, s, overwrite, depth + 1);
    } else if (Array.isArray(s)) {
      // mergo reads "is the destination map empty" and "is the source map empty" here, not the elements.
      let slice: unknown = present && d !== null && d !== undefined ? d : sliceType([], goTypeOf(s));
      if (overwrite || dstWasEmpty) slice = s;
      put(dst, key, slice);
    }
    if (present && !isEmptyValue(d)) {
      if (Array.isArray(s)) continue;
      if (isMap(s) && isMap(d)) continue;
    }
    if (overwrite || !present || isEmptyValue(d)) put(dst, key, s);
  }
}

function merge(overwrite: boolean) {
  return (dst: Dict | null, ...srcs: (Dict | null)[]): Dict => {
    let out: Dict = dst ?? {};
    for (const src of srcs) {
      if (src === null || src === undefined) continue;
      if (dst === null) out = dst = {};
      mergeMaps(out, src, overwrite);
    }
    return out;
  };
}

/** copystructure.Copy for template values: maps and slices copied deeply, keeping their Go types. */
export function deepCopy(v: unknown, depth = 0): unknown {
  if (depth > 10_000) throw new FuncError('deepCopy: value nested too deeply');
  if (Array.isArray(v)) {
    chargeLoop(v.length);
    const t = goTypeOf(v);
    const out = v.map((x) => deepCopy(x, depth + 1));
    return t === '[]interface {}' ? out : sliceType(out, t);
  }
  if (isMap(v)) {
    chargeLoop(1);
    const out: Dict = {};
    for (const k of Object.keys(v)) put(out, k, deepCopy(v[k], depth + 1));
    const t = goTypeOf(v);
    return t === MAP ? out : mapType(out, t);
  }
  return v;
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
  let dict = assertMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map(assertString);
  for (let i = 0; ; i++) {
    const k = ks[i]!;
    if (!Object.hasOwn(dict, k)) return def;
    if (i === ks.length - 1) return dict[k];
    dict = assertMap(dict[k]);
  }
}

const sortedKeys = (d: Dict) => Object.keys(d).sort(compareStrings);

export const DICT_FUNCS: Record<string, GoFunc> = {
  dict: fn([ANY], MAP, (...kv: unknown[]) => {
    const out: Dict = {};
    for (let i = 0; i < kv.length; i += 2) put(out, strval(kv[i]), i + 1 < kv.length ? kv[i + 1] : '');
    return out;
  }, true),
  get: fn([MAP, 'string'], ANY, (d: Dict | null, k: string) => (has(d, k) ? d[k] : '')),
  set: fn([MAP, 'string', ANY], MAP, (d: Dict | null, k: string, v: unknown) => { const w = writable(d); mutations++; put(w, k, v); return w; }),
  unset: fn([MAP, 'string'], MAP, (d: Dict | null, k: string) => { mutations++; if (d) delete d[k]; return d; }),
  hasKey: fn([MAP, 'string'], 'bool', (d: Dict | null, k: string) => has(d, k)),
  pluck: fn(['string', MAP], '[]interface {}', (k: string, ...ds: (Dict | null)[]) => ds.filter((d) => has(d, k)).map((d) => d![k]), true),
  keys: fn([MAP], '[]string', (...ds: (Dict | null)[]) => sliceType(ds.flatMap((d) => (d ? sortedKeys(d) : [])), '[]string'), true),
  values: fn([MAP], '[]interface {}', (d: Dict | null) => (d ? sortedKeys(d).map((k) => d[k]) : [])),
  pick: fn([MAP, 'string'], MAP, (d: Dict | null, ...ks: string[]) => {
    const out: Dict = {};
    for (const k of ks) if (has(d, k)) put(out, k, d[k]);
    return out;
  }, true),
  omit: fn([MAP, 'string'], MAP, (d: Dict | null, ...ks: string[]) => {
    const out: Dict = {};
    const drop = new Set(ks);
    if (d) for (const k of Object.keys(d)) if (!drop.has(k)) put(out, k, d[k]);
    return out;
  }, true),
  merge: fn([MAP, MAP], ANY, merge(false), true),
  mustMerge: fn([MAP, MAP], [ANY, 'error'], merge(false), true),
  mergeOverwrite: fn([MAP, MAP], ANY, merge(true), true),
  mustMergeOverwrite: fn([MAP, MAP], [ANY, 'error'], merge(true), true),
  deepCopy: fn([ANY], ANY, (v: unknown) => {
    if (v === null || v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
    return deepCopy(v);
  }),
  mustDeepCopy: fn([ANY], [ANY, 'error'], (v: unknown) => {
    if (v === null || v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
    return deepCopy(v);
  }),
  dig: fn([ANY], [ANY, 'error'], dig, true),
};
