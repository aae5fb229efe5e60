// The executor's value helpers (exec.go's indirect, validateType, zero values)
// and its accounting: output written against the budget, loop charges.
import { GoInt, GoStruct, goTypeOf, type GoMethod } from './value.js';
import { LimitError, MISSING, type Budget, type State } from './exec-types.js';

export function isMethod(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as GoMethod).call === 'function' && Array.isArray((v as GoMethod).params);
}

/** evalPipeline's dig: an interface holding nil becomes "no value". */
export function dig(v: unknown): unknown {
  return v === null ? undefined : v;
}

export function write(st: State, s: string): void {
  st.out += s;
  const b = st.env.budget;
  if (b !== undefined) {
    b.output += s.length;
    if (b.output > b.maxOutputBytes) throw new LimitError(`rendered output exceeds the limit of ${b.maxOutputBytes} bytes (option maxOutputBytes)`);
  }
}

let ticks = 0;
export function chargeLoops(b: Budget, n: number, reserveOnly: boolean): void {
  if (!reserveOnly) b.loops += n;
  if (b.loops + (reserveOnly ? n : 0) > b.maxLoopIterations) throw new LimitError(`loop iterations exceed the limit of ${b.maxLoopIterations} (option maxLoopIterations)`);
  if ((++ticks & 1023) === 0 && Date.now() > b.deadline) throw new LimitError('render time limit exceeded (raise it with the --render-timeout flag or the timeoutMs option)');
}

export function zeroElem(m: Record<string, unknown>): unknown {
  const t = goTypeOf(m);
  if (t === 'map[string]interface {}') return null;
  const elem = t.slice(t.indexOf(']') + 1);
  switch (elem) {
    case 'string': return '';
    case 'bool': return false;
    case 'float64': return 0;
  }
  if (/^u?int(8|16|32|64)?$/.test(elem)) return new GoInt(elem as GoInt['kind'], 0n);
  return null;
}

export function canBeNil(typ: string): boolean {
  return typ.startsWith('[]') || typ.startsWith('map[') || typ.startsWith('*') || typ.startsWith('func') || typ === 'interface {}' || typ === 'error';
}

/** validateType: is the value assignable to a parameter of Go type `typ`? */
export function validateType(v: unknown, typ: string, fail: (m: string) => never): unknown {
  if (v === MISSING) v = undefined;
  if (v === undefined) {
    if (canBeNil(typ) || typ === 'reflect.Value') return null;
    return fail(`invalid value; expected ${typ}`);
  }
  if (typ === 'interface {}' || typ === 'reflect.Value') return v;
  if (v === null) return fail(`wrong type for value; expected ${typ}; got interface {}`);
  const t = goTypeOf(v);
  if (t === typ) return v;
  if (typ === 'map[string]interface {}' && t === 'chartutil.Values') return v;
  if (typ === 'chartutil.Values' && t === 'map[string]interface {}') return v;
  if (typ.startsWith('*') && v instanceof GoStruct && v.typeName === typ.slice(1)) return v;
  return fail(`wrong type for value; expected ${typ}; got ${t}`);
}
