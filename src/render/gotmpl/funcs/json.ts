// encoding/json for template values (Sprig's and Helm's toJson family), and
// the JSON-shaped tree sigs.k8s.io/yaml marshals through (toYaml goes Go
// value -> JSON -> YAML, so ints stay ints and everything else is a float64).
import { GoFloat32, GoInt, GoStruct, goTypeOf, isMap } from '../value.js';
import { compareStrings, formatFloat } from '../fmt.js';
import { chargeLoop } from '../../budget.js';
import { FuncError } from './define.js';
import { jsonString } from '../../goyaml.js';

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
  if (Object.is(n, -0)) return '-0';
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

/** Go's string order for map keys (byte order of UTF-8, which is code point order). */
const byteOrder = compareStrings;

/** json.Marshal (indent '') or json.MarshalIndent(v, '', indent); `escapeHtml` false for toRawJson. */
export function marshalJson(v: unknown, opts: { indent?: string; escapeHtml?: boolean } = {}): string {
  const ind = opts.indent ?? '';
  const esc = opts.escapeHtml ?? true;
  const sep = ind ? ': ' : ':';
  // One pass over the Go value, appending to one string (no intermediate tree).
  let out = '';
  const nl = (depth: number) => {
    if (ind) out += '\n' + ind.repeat(depth);
  };
  const walk = (x: unknown, depth: number): void => {
    if (depth > 10_000) throw new JsonError('json: unsupported value: encountered a cycle');
    if (x === null || x === undefined) { out += 'null'; return; }
    switch (typeof x) {
      case 'string': out += jsonString(x, esc); return;
      case 'number': out += floatText(x, 64); return;
      case 'boolean': out += x ? 'true' : 'false'; return;
      case 'bigint': out += String(x); return;
    }
    if (x instanceof GoInt) { out += String(x.v); return; }
    if (x instanceof GoFloat32) { out += floatText(x.v, 32); return; }
    if (x instanceof StructFields) { object(x.fields, Object.keys(x.fields), depth); return; }
    if (x instanceof GoStruct) {
      const m = selfMarshalers.get(x);
      if (m) { walk(m.marshalJSON(), depth); return; }
      object(x.fields, Object.keys(x.fields), depth);
      return;
    }
    if (Array.isArray(x)) {
      chargeLoop(x.length);
      if (goTypeOf(x) === '[]uint8') { out += `"${bytesOf(x).toString('base64')}"`; return; }
      if (x.length === 0) { out += '[]'; return; }
      out += '[';
      for (let i = 0; i < x.length; i++) {
        if (i > 0) out += ',';
        nl(depth + 1);
        walk(x[i], depth + 1);
      }
      nl(depth);
      out += ']';
      return;
    }
    if (Buffer.isBuffer(x)) { out += `"${x.toString('base64')}"`; return; }
    if (isMap(x)) {
      chargeLoop(1);
      const keys = Object.keys(x);
      if (keys.length > 1) keys.sort(byteOrder);
      object(x, keys, depth);
      return;
    }
    throw new JsonError(`json: unsupported type: ${goTypeOf(x)}`);
  };
  const object = (o: Record<string, unknown>, keys: string[], depth: number) => {
    if (keys.length === 0) { out += '{}'; return; }
    out += '{';
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out += ',';
      nl(depth + 1);
      out += jsonString(keys[i]!, esc) + sep;
      walk(o[keys[i]!], depth + 1);
    }
    nl(depth);
    out += '}';
  };
  walk(v, 0);
  return out;
}
