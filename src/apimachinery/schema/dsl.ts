// The small language the API type catalog is written in. One `f(...)` line per
// field: JSON name, type, protobuf field number, then patch/apply metadata.
// Kept free of behaviour: catalog.ts resolves and indexes what these build.

/** Scalars as they appear on the wire (JSON type + protobuf wire type). */
export type ScalarKind = 'string' | 'int32' | 'int64' | 'boolean' | 'double' | 'bytes';

/**
 * Types with a special JSON form: Quantity ("500m"), IntOrString (1 or "25%"),
 * Time (RFC 3339), MicroTime, Duration ("1h2m"), FieldsV1 (managed fields set),
 * raw (any JSON, unknown fields preserved; protobuf: message { bytes raw = 1 }),
 * and apiextensions' JSON-or-schema unions.
 */
export type IntrinsicKind =
  | 'Quantity'
  | 'IntOrString'
  | 'Time'
  | 'MicroTime'
  | 'Duration'
  | 'FieldsV1'
  | 'raw'
  | 'JSONSchemaPropsOrArray'
  | 'JSONSchemaPropsOrBool'
  | 'JSONSchemaPropsOrStringArray';

export type TypeRef =
  | { readonly k: 'scalar'; readonly s: ScalarKind }
  | { readonly k: 'intrinsic'; readonly s: IntrinsicKind }
  /** A named type: "Container" (same package) or "meta.ObjectMeta" (package alias + name); fully qualified after resolution. */
  | { readonly k: 'ref'; readonly name: string }
  /** `wrapped`: protobuf carries the list inside a message { repeated T items = 1 } (ExtraValue, Verbs). */
  | { readonly k: 'list'; readonly of: TypeRef; readonly wrapped?: boolean }
  | { readonly k: 'map'; readonly of: TypeRef };

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface FieldOptions {
  /** x-kubernetes-patch-merge-key: the key that identifies list items for strategic merge. */
  readonly mergeKey?: string;
  /** x-kubernetes-patch-strategy. */
  readonly strategy?: PatchStrategy;
  /** x-kubernetes-list-type (server-side apply). */
  readonly listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys (server-side apply, listType map). */
  readonly keys?: readonly string[];
  /** x-kubernetes-map-type. */
  readonly mapType?: 'atomic' | 'granular';
  /** x-kubernetes-map-type for struct-valued fields. */
  readonly structType?: 'atomic' | 'granular';
  /** The field's type is embedded: its fields appear at this level in JSON (Go `json:",inline"`). */
  readonly inline?: boolean;
  readonly required?: boolean;
  /**
   * A zero value ("", 0, false) is meaningful for this scalar (a Go pointer or a
   * field without omitempty): protobuf decoding keeps it instead of dropping it.
   */
  readonly keepZero?: boolean;
  readonly desc?: string;
  /**
   * The `+default` of types.go: published as the OpenAPI `default`, and what
   * server-side apply assumes for a missing list-map key (1.21+ matching).
   */
  readonly default?: string | number | boolean;
  /** Allowed values, when the API fixes them. */
  readonly enum?: readonly string[];
}

export interface FieldDef extends FieldOptions {
  /** JSON name. */
  readonly name: string;
  readonly type: TypeRef;
  /** Protobuf field number; absent for apiVersion/kind, which protobuf carries in the envelope. */
  readonly proto?: number;
}

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface TypeDef {
  /** Short name within its package, e.g. "PodSpec". */
  readonly name: string;
  readonly desc: string;
  readonly fields: readonly FieldDef[];
  /** Set for top-level kinds (they also carry apiVersion and kind). */
  readonly gvk?: GroupVersionKind;
}

export interface PackageDef {
  /** Alias used in refs: "core", "apps", "meta", ... */
  readonly alias: string;
  /** OpenAPI component prefix, e.g. "io.k8s.api.core.v1". */
  readonly openapi: string;
  /** Protobuf package, e.g. "k8s.io.api.core.v1". */
  readonly protoPackage: string;
  readonly group: string;
  readonly version: string;
  readonly types: readonly TypeDef[];
}

const scalar = (s: ScalarKind): TypeRef => ({ k: 'scalar', s });
const intrinsic = (s: IntrinsicKind): TypeRef => ({ k: 'intrinsic', s });

export const str = scalar('string');
export const i32 = scalar('int32');
export const i64 = scalar('int64');
export const bool = scalar('boolean');
export const f64 = scalar('double');
export const bytes = scalar('bytes');
export const qty = intrinsic('Quantity');
export const ios = intrinsic('IntOrString');
export const time = intrinsic('Time');
export const mtime = intrinsic('MicroTime');
export const dur = intrinsic('Duration');
export const fieldsV1 = intrinsic('FieldsV1');
export const raw = intrinsic('raw');
export const jsonOr = (s: 'JSONSchemaPropsOrArray' | 'JSONSchemaPropsOrBool' | 'JSONSchemaPropsOrStringArray'): TypeRef => intrinsic(s);

export const ref = (name: string): TypeRef => ({ k: 'ref', name });
export const list = (of: TypeRef): TypeRef => ({ k: 'list', of });
export const listw = (of: TypeRef): TypeRef => ({ k: 'list', of, wrapped: true });
export const map = (of: TypeRef): TypeRef => ({ k: 'map', of });

/** One field: JSON name, type, protobuf number, options. */
export function f(name: string, type: TypeRef, proto: number | undefined, opts: FieldOptions = {}): FieldDef {
  return { name, type, proto, ...opts };
}

export interface PackageBuilder {
  /** A nested type. */
  type(name: string, desc: string, fields: readonly FieldDef[]): void;
  /** A top-level kind of this package's group/version; apiVersion and kind are added. */
  kind(name: string, desc: string, fields: readonly FieldDef[]): void;
}

/** Declares a package of types; its declarations run when its types are first read (a command reads a few packages, not all). */
export function pkg(
  info: { alias: string; openapi: string; protoPackage: string; group: string; version: string },
  body: (b: PackageBuilder) => void,
): PackageDef {
  let types: TypeDef[] | undefined;
  const declare = (): TypeDef[] => {
    const out: TypeDef[] = [];
    body({
      type(name, desc, fields) {
        out.push({ name, desc, fields });
      },
      kind(name, desc, fields) {
        const typeMeta = [
          f('apiVersion', str, undefined, { desc: 'Versioned schema of this object, e.g. "apps/v1".' }),
          f('kind', str, undefined, { desc: 'The REST kind of this object, in CamelCase.' }),
        ];
        out.push({ name, desc, fields: [...typeMeta, ...fields], gvk: { group: info.group, version: info.version, kind: name } });
      },
    });
    return out;
  };
  return {
    ...info,
    get types(): readonly TypeDef[] {
      return (types ??= declare());
    },
  };
}
