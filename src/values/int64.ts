// Go's int64 inside a values tree. Helm's strvals gives `--set n=1` the Go
// type int64 while values files, -f and --set-json give float64; templates
// see the difference (`eq .Values.n 1`, `printf "%d"`, typeOf). A --set
// integer is therefore kept as a SetInt from the parser to the render
// process: it is a leaf for coalescing (not a table), its exact digits
// survive (int64 reaches beyond 2^53), and everything that stores or
// prints values as JSON sees a plain number, as Helm's release record does.

/** An int64 given with --set; `digits` is its canonical base-10 form. */
export class SetInt {
  constructor(readonly digits: string) {}
  /** What JSON (the release record, -o json) stores: a plain number, as Helm's JSON of the int64. */
  toJSON(): number {
    return Number(this.digits);
  }
  valueOf(): number {
    return Number(this.digits);
  }
  toString(): string {
    return this.digits;
  }
}

/** Where a SetInt sits in a values tree (map keys and list indexes from the root) and its digits. */
export interface SetIntMark {
  path: (string | number)[];
  digits: string;
  /** Not a SetInt but a float64 -0 (a values file's `-0.0`, --set-json's `-0`), which JSON writes as 0. */
  negativeZero?: true;
}

/** Every SetInt (and float64 -0) of a values tree, so the tree can cross a JSON hop as plain numbers and be marked again. */
export function setIntMarks(v: unknown): SetIntMark[] {
  const out: SetIntMark[] = [];
  const path: (string | number)[] = [];
  const walk = (x: unknown): void => {
    if (x instanceof SetInt) out.push({ path: [...path], digits: x.digits });
    else if (Object.is(x, -0)) out.push({ path: [...path], digits: '-0', negativeZero: true });
    else if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        path.push(i);
        walk(x[i]);
        path.pop();
      }
    } else if (x !== null && typeof x === 'object') {
      for (const k of Object.keys(x)) {
        path.push(k);
        walk((x as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(v);
  return out;
}

/** Puts the SetInts recorded by setIntMarks back into a copy of the tree that crossed JSON (own keys only). */
export function applySetIntMarks(root: unknown, marks: readonly SetIntMark[]): void {
  for (const m of marks) {
    if (m.path.length === 0 || !/^-?[0-9]+$/.test(String(m.digits))) continue;
    const value = m.negativeZero === true ? -0 : new SetInt(String(m.digits));
    let at: unknown = root;
    for (let i = 0; i < m.path.length - 1 && at !== undefined; i++) at = child(at, m.path[i]!);
    const last = m.path[m.path.length - 1]!;
    if (Array.isArray(at) && typeof last === 'number' && last >= 0 && last < at.length) at[last] = value;
    else if (at !== null && typeof at === 'object' && !Array.isArray(at) && typeof last === 'string' && Object.hasOwn(at, last)) {
      Object.defineProperty(at, last, { value, writable: true, enumerable: true, configurable: true });
    }
  }
}

function child(at: unknown, key: string | number): unknown {
  if (Array.isArray(at)) return typeof key === 'number' ? at[key] : undefined;
  if (at !== null && typeof at === 'object' && typeof key === 'string' && Object.hasOwn(at, key)) return (at as Record<string, unknown>)[key];
  return undefined;
}

/** The tree with every SetInt as a plain number (for JSON-schema validation, which sees Go's int64 as an integer). */
export function withPlainNumbers<T>(v: T): T {
  if (v instanceof SetInt) return Number(v.digits) as T;
  if (Array.isArray(v)) return v.map(withPlainNumbers) as T;
  if (v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: withPlainNumbers((v as Record<string, unknown>)[k]), writable: true, enumerable: true, configurable: true });
    return out as T;
  }
  return v;
}

/**
 * JSON.stringify(v) as Go's encoding/json writes the numbers of a values
 * tree: a SetInt (Go int64) with its exact digits, even past 2^53, and a
 * float64 -0 as `-0` (JSON.stringify writes both as plain JS numbers). For
 * the release record, so that its `config` is what Helm would have written.
 */
export function stringifyExact(v: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown, inArray: boolean): void => {
    if (x instanceof SetInt) { out.push(/^-?[0-9]+$/.test(x.digits) ? x.digits : JSON.stringify(Number(x.digits))); return; }
    if (typeof x === 'number') { out.push(Object.is(x, -0) ? '-0' : JSON.stringify(x)); return; }
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') { if (inArray) out.push('null'); return; }
    if (x === null || typeof x !== 'object') { out.push(JSON.stringify(x)); return; }
    const j = (x as { toJSON?: unknown }).toJSON;
    if (typeof j === 'function') { walk((j as () => unknown).call(x), inArray); return; }
    if (Array.isArray(x)) {
      out.push('[');
      for (let i = 0; i < x.length; i++) {
        if (i > 0) out.push(',');
        walk(x[i], true);
      }
      out.push(']');
      return;
    }
    out.push('{');
    let first = true;
    for (const k of Object.keys(x)) {
      const e = (x as Record<string, unknown>)[k];
      if (e === undefined || typeof e === 'function' || typeof e === 'symbol') continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      walk(e, false);
    }
    out.push('}');
  };
  walk(v, false);
  return out.join('');
}
