// Field paths and field errors worded as kube-apiserver words them
// (k8s.io/apimachinery/pkg/util/validation/field): the message of a cause is
// the error "body" — type text, the offending value for Invalid/NotSupported/
// Duplicate, then ": detail".
import type { FieldError } from './types.js';
import { setOwn } from '../../../util/own-keys.js';
import { jsonEqual } from '../../../util/json.js';

/** An immutable field path: `spec.template.spec.containers[0].image`, `data[key]`. */
export class Path {
  private constructor(private readonly text: string) {}

  static root(...names: string[]): Path {
    return new Path('').child(...names);
  }

  child(...names: string[]): Path {
    let t = this.text;
    for (const n of names) t = t === '' ? n : `${t}.${n}`;
    return new Path(t);
  }

  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

type P = Path | string;

/** Formats a bad value as Go's `%v`/`%q`/`%#v` would in ErrorBody. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    if (v.every((x) => typeof x === 'number')) return `[]int32{${v.join(', ')}}`;
    return JSON.stringify(v);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.every((k) => typeof o[k] === 'string')) {
      return `map[string]string{${keys.sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k])}`).join(', ')}}`;
    }
    return JSON.stringify(v);
  }
  return String(v);
}

function make(type: string, field: P, head: string, detail: string | undefined, value?: unknown): FieldError {
  const message = detail ? `${head}: ${detail}` : head;
  return value === undefined ? { type, field: String(field), message } : { type, field: String(field), message, value };
}

/** field.Required: "Required value[: detail]". */
export function required(field: P, detail = ''): FieldError {
  return make('FieldValueRequired', field, 'Required value', detail);
}

/** field.Invalid: `Invalid value: <value>[: detail]`. */
export function invalid(field: P, value: unknown, detail = ''): FieldError {
  return make('FieldValueInvalid', field, `Invalid value: ${formatValue(value)}`, detail, value ?? null);
}

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: P, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length ? `supported values: ${valid.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return make('FieldValueNotSupported', field, `Unsupported value: ${formatValue(value)}`, detail, value ?? null);
}

/** field.Duplicate: `Duplicate value: <value>`. */
export function duplicate(field: P, value: unknown): FieldError {
  return make('FieldValueDuplicate', field, `Duplicate value: ${formatValue(value)}`, '', value ?? null);
}

/** field.NotFound: `Not found: <value>`. */
export function notFound(field: P, value: unknown): FieldError {
  return make('FieldValueNotFound', field, `Not found: ${formatValue(value)}`, '', value ?? null);
}

/** field.Forbidden: "Forbidden: detail". */
export function forbidden(field: P, detail: string): FieldError {
  return make('FieldValueForbidden', field, 'Forbidden', detail);
}

/** field.TooLong: "Too long: may not be more than N bytes". */
export function tooLong(field: P, max: number): FieldError {
  return make('FieldValueTooLong', field, 'Too long', max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long');
}

/** field.TooMany: "Too many: N: must have at most M items". */
export function tooMany(field: P, actual: number, max: number): FieldError {
  return make('FieldValueTooMany', field, `Too many: ${actual}`, `must have at most ${max} ${max === 1 ? 'item' : 'items'}`);
}

/** ValidateImmutableField: `Invalid value: <new>: field is immutable`. */
export function immutable(field: P, value: unknown): FieldError {
  return invalid(field, value, 'field is immutable');
}

export { jsonEqual as deepEqual } from '../../../util/json.js';

/** Semantic equality as apiequality.Semantic: empty map/list/string/zero count as unset. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return jsonEqual(prune(a), prune(b));
}

function prune(v: unknown): unknown {
  if (v === null || v === undefined || v === '' || v === false || v === 0) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(prune);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = prune(x);
      if (p !== undefined) setOwn(out, k, p);
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** field.Invalid whose value is shown pre-formatted (e.g. Go's %#v of a struct). */
export function invalidShown(field: P, shown: string, value: unknown, detail = ''): FieldError {
  return make('FieldValueInvalid', field, `Invalid value: ${shown}`, detail, value ?? null);
}
