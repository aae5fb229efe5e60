// encoding/json for template values (Sprig's and Helm's toJson family), and
// the JSON-shaped tree sigs.k8s.io/yaml marshals through (toYaml goes Go
// value -> JSON -> YAML, so ints stay ints and everything else is a float64).
import { GoFloat32, GoInt, GoStruct, goTypeOf, isMap } from '../value.js';
import { formatFloat } from '../fmt.js';
import { chargeLoop } from '../../sandbox.js';
import { FuncError } from './define.js';

/** A value a Go type can marshal itself as (time.Time, semver versions): JSON text and YAML scalar. */
export interface SelfMarshaler {
  /** The value json.Marshal writes (a string for time.Time and *semver.Version). */
  marshalJSON(): unknown;
}

const selfMarshalers = new WeakMap<GoStruct, SelfMarshaler>();

/** Registers how a struct value marshals (MarshalJSON), as Go types with a custom marshaler do. */
export function withMarshaler<T extends GoStruct>(s: T, m: SelfMarshaler): T {
  selfMarshalers.set(s, m);
  return s;
}

/** The bytes of a []byte value, which encoding/json writes as base64. */
function bytesOf(v: unknown[]): Buffer {
  return Buffer.from(v.map((b) => Number(b instanceof GoInt ? b.v : b)));
}

/** json.Marshal's error for values JSON cannot hold. */
export class JsonError extends FuncError {}

function floatText(n: number, bits: 32 | 64): string {
  if (!Number.isFinite(n)) throw new JsonError(`json: unsupported value: ${formatFloat(n, 'g', -1, bits)}`);
  if (bits === 64) return String(n);
  // float32: shortest 32-bit digits, 'f' unless the exponent is < -6 or >= 21.
  const abs = Math.abs(n);
  const fmt = abs !== 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
  let s = formatFloat(n, fmt, -1, 32);
  if (fmt === 'e') s = s.replace(/e([-+])0(\d)$/, 'e$1$2');
  return s;
}

/**
 * The JSON-shaped tree of a value: maps with sorted keys (struct fields in
 * declaration order), ints as bigint, floats as number, []byte as base64.
 * Throws JsonError where json.Marshal fails (NaN, ±Inf).
 */
export function toJsonTree(v: unknown, forYaml = false, depth = 0): unknown {
  if (depth > 10_000) throw new JsonError('json: unsupported value: encountered a cycle');
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': case 'boolean': return v;
    case 'number': floatText(v, 64); return v;
  }
  if (v instanceof GoInt) return v.v;
  if (v instanceof GoFloat32) return Number(floatText(v.v, 32));
  if (v instanceof GoStruct) {
    const m = selfMarshalers.get(v);
    if (m) return toJsonTree(m.marshalJSON(), forYaml, depth + 1);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v.fields)) out[k] = toJsonTree(v.fields[k], forYaml, depth + 1);
    return forYaml ? out : new StructFields(out);
  }
  if (Array.isArray(v)) {
    chargeLoop(v.length);
    if (goTypeOf(v) === '[]uint8') return bytesOf(v).toString('base64');
    return v.map((x) => toJsonTree(x, forYaml, depth + 1));
  }
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (isMap(v)) {
    chargeLoop(1);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = toJsonTree(v[k], forYaml, depth + 1);
      if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
      else out[k] = x;
    }
    return out;
  }
  throw new JsonError(`json: unsupported type: ${goTypeOf(v)}`);
}

/** A struct's fields: JSON keeps their order, YAML sorts them like map keys. */
export class StructFields {
  constructor(readonly fields: Record<string, unknown>) {}
}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = JSON.stringify(s);
  if (escapeHtml) out = out.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return out.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Go's string order for map keys (byte order of UTF-8). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** json.Marshal (indent '' ) or json.MarshalIndent(v, '', indent); `escapeHtml` false for toRawJson. */
export function marshalJson(v: unknown, opts: { indent?: string; escapeHtml?: boolean } = {}): string {
  const tree = toJsonTree(v);
  const ind = opts.indent ?? '';
  const esc = opts.escapeHtml ?? true;
  const walk = (x: unknown, depth: number): string => {
    if (x === null) return 'null';
    if (typeof x === 'string') return jsonString(x, esc);
    if (typeof x === 'number') return String(x);
    if (typeof x === 'bigint' || typeof x === 'boolean') return String(x);
    const nl = ind ? '\n' + ind.repeat(depth + 1) : '';
    const end = ind ? '\n' + ind.repeat(depth) : '';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return `[${nl}${x.map((e) => walk(e, depth + 1)).join(`,${nl}`)}${end}]`;
    }
    const struct = x instanceof StructFields;
    const o = (struct ? x.fields : x) as Record<string, unknown>;
    const keys = struct ? Object.keys(o) : Object.keys(o).sort(byteOrder);
    if (keys.length === 0) return '{}';
    const sep = ind ? ': ' : ':';
    return `{${nl}${keys.map((k) => `${jsonString(k, esc)}${sep}${walk(o[k], depth + 1)}`).join(`,${nl}`)}${end}}`;
  };
  return walk(tree, 0);
}
