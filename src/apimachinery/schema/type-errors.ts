// Decode-time type errors: the first value of an object that does not fit
// its Go type, worded as encoding/json's UnmarshalTypeError that
// kube-apiserver returns for it.
import type { GroupVersionKind, TypeRef } from './dsl.js';
import { isPlainObject } from '../../util/json.js';
import { typeById, typeForGvk } from './catalog.js';

function jsonValueKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function goTypeName(t: TypeRef): string {
  switch (t.k) {
    case 'scalar':
      return { string: 'string', int32: 'int32', int64: 'int64', boolean: 'bool', double: 'float64', bytes: '[]uint8' }[t.s];
    case 'list':
      return `[]${goTypeName(t.of)}`;
    case 'map':
      return `map[string]${goTypeName(t.of)}`;
    case 'ref': {
      const type = typeById(t.name);
      return type ? `${type.pkg.version}.${type.def.name}` : t.name;
    }
    default:
      return t.s;
  }
}

/** Go's base64.StdEncoding.Decode error offset for `s`, or -1 when it decodes. */
function base64ErrorOffset(s: string): number {
  const alphabet = /[A-Za-z0-9+/]/;
  let si = 0;
  for (;;) {
    let j = 0;
    let quantumStart = si;
    while (j < 4) {
      if (si === s.length) {
        if (j === 0) return -1;
        return si - j;
      }
      const c = s[si++]!;
      if (alphabet.test(c)) {
        j++;
        continue;
      }
      if (c === '\n' || c === '\r') continue;
      if (c !== '=') return si - 1;
      // Padding: only after two or three characters of a quantum, and nothing but newlines after it.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
        if (si === s.length) return s.length;
        if (s[si] !== '=') return si - 1;
        si++;
      }
      while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
      if (si < s.length) return si;
      return -1;
    }
    quantumStart = si;
    void quantumStart;
  }
}

interface TypeErrorCtx {
  readonly structName: string;
  readonly path: string;
}

function checkValue(t: TypeRef, v: unknown, ctx: TypeErrorCtx): string | undefined {
  if (v === null || v === undefined) return undefined;
  const mismatch = (valueDesc: string) => `json: cannot unmarshal ${valueDesc} into Go struct field ${ctx.structName}.${ctx.path} of type ${goTypeName(t)}`;
  switch (t.k) {
    case 'scalar': {
      const kind = jsonValueKind(v);
      switch (t.s) {
        case 'string':
          return kind === 'string' ? undefined : mismatch(kind);
        case 'boolean':
          return kind === 'bool' ? undefined : mismatch(kind);
        case 'double':
          return kind === 'number' ? undefined : mismatch(kind);
        case 'int32':
        case 'int64': {
          if (kind !== 'number') return mismatch(kind);
          const n = v as number;
          const limit = t.s === 'int32' ? 2 ** 31 : 2 ** 63;
          if (!Number.isInteger(n) || n >= limit || n < -limit) return mismatch(`number ${String(n)}`);
          return undefined;
        }
        case 'bytes': {
          if (kind !== 'string') return mismatch(kind);
          const off = base64ErrorOffset(v as string);
          return off >= 0 ? `illegal base64 data at input byte ${off}` : undefined;
        }
      }
      return undefined;
    }
    case 'intrinsic':
      return undefined; // custom unmarshalers (Quantity, IntOrString, Time) have their own messages
    case 'list': {
      if (!Array.isArray(v)) return mismatch(jsonValueKind(v));
      for (const x of v) {
        const e = checkValue(t.of, x, ctx);
        if (e) return e;
      }
      return undefined;
    }
    case 'map': {
      if (!isPlainObject(v)) return mismatch(jsonValueKind(v));
      for (const x of Object.values(v)) {
        const e = checkValue(t.of, x, ctx);
        if (e) return e;
      }
      return undefined;
    }
    case 'ref': {
      if (!isPlainObject(v)) return mismatch(jsonValueKind(v));
      const type = typeById(t.name);
      if (!type) return undefined;
      for (const [k, x] of Object.entries(v)) {
        const fd = type.byName.get(k);
        if (!fd) continue;
        // Fields flattened from an embedded struct are reported against the embedded struct.
        const structName = fd.via?.length ? typeById((fd.via.at(-1)!.type as { name: string }).name)?.def.name ?? type.def.name : type.def.name;
        const e = checkValue(fd.type, x, { structName, path: ctx.path ? `${ctx.path}.${k}` : k });
        if (e) return e;
      }
      return undefined;
    }
  }
}

/**
 * The first value of `obj` whose JSON type does not fit its field, worded as
 * kube-apiserver's decoder reports it (`json: cannot unmarshal string into Go
 * struct field DeploymentSpec.spec.replicas of type int32`, or `illegal base64
 * data at input byte 4` for bytes); undefined when every value fits or the kind
 * is not in the catalog. kube-apiserver prefixes it with
 * `<Kind> in version "<version>" cannot be handled as a <Kind>: `.
 */
export function typeError(gvk: GroupVersionKind, obj: unknown): string | undefined {
  const t = typeForGvk(gvk);
  if (!t || !isPlainObject(obj)) return undefined;
  return checkValue({ k: 'ref', name: t.id }, obj, { structName: t.def.name, path: '' });
}
