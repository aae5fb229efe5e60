// Go's value model for the Go-template engine. Output depends on Go types
// (float64 1000000 prints "1e+06", int 8080 prints "8080", `eq 1 1.0` is an
// error), so every value a template sees carries the Go type it would have in
// Helm. The representation keeps the common cases as plain JS values:
//
//   Go                          JS
//   nil (interface{})           null        (undefined: a missing map key; both print "<no value>")
//   bool                        boolean
//   string                      string
//   float64                     number      (what values files, --set-json and JSON give)
//   int, int64, uint8, ...      GoInt       (template constants, --set integers, len, Sprig arithmetic)
//   float32                     GoFloat32
//   []interface{}               Array
//   []string, []int, []byte...  Array tagged with sliceType(arr, '[]string')
//   map[string]interface{}      plain object (own enumerable keys; looked up with Object.hasOwn)
//   map[string]string, ...      plain object tagged with mapType(obj, 'map[string]string')
//   structs (.Chart, .Capabilities, .Files, ...)  GoStruct
//   func values / methods       GoMethod on a GoStruct
//
// Nothing here imports the engine: the executor, fmt and the function
// library all build on these definitions.

/** Go's integer kinds that templates meet. */
export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

/** A Go integer of a given kind. `v` is exact (bigint); use `num` for arithmetic that fits a double. */
export class GoInt {
  constructor(readonly kind: IntKind, readonly v: bigint) {}
  get num(): number {
    return Number(this.v);
  }
  toString(): string {
    return this.v.toString();
  }
}

/** A Go float32 (rare: only from explicit conversions); `v` holds the rounded value. */
export class GoFloat32 {
  readonly v: number;
  constructor(v: number) {
    this.v = Math.fround(v);
  }
}

export function int(v: number | bigint): GoInt {
  return new GoInt('int', BigInt(v));
}

export function int64(v: number | bigint): GoInt {
  return new GoInt('int64', BigInt(v));
}

/** A method or function value reachable from a struct: `.Files.Get "x"`, `.Capabilities.APIVersions.Has "v1"`. */
export interface GoMethod {
  readonly name: string;
  /** Go parameter types, for argument checks and error wording ("wrong number of args for Get: want 1 got 0"). */
  readonly params: readonly string[];
  /** Go result type(s): one value, or value + error (a thrown Error is the error). */
  readonly results: readonly string[];
  readonly variadic?: boolean;
  readonly call: (...args: unknown[]) => unknown;
}

/**
 * A Go struct or pointer to one (`*chart.Metadata`, `chartutil.Capabilities`,
 * `engine.files`...). `fields` holds exported fields by their Go name; methods
 * are looked up after fields, as text/template does. Accessing anything else
 * is an execution error naming `typeName`.
 */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Readonly<Record<string, unknown>>,
    readonly methods: Readonly<Record<string, GoMethod>> = {},
    /** What %v prints (Go's fmt of the struct, or its String() method). */
    readonly print?: () => string,
  ) {}
}

/**
 * A Go map type with methods (Helm's `engine.files`, a map[string][]byte):
 * methods like a struct, and `range`, `len` and `index` see its entries.
 */
export class GoMapStruct extends GoStruct {
  constructor(typeName: string, methods: Readonly<Record<string, GoMethod>>, readonly entries: () => Record<string, unknown>, print?: () => string) {
    super(typeName, {}, methods, print);
  }
}

const SLICE_TYPE = Symbol('go.sliceType');
const MAP_TYPE = Symbol('go.mapType');

/** Tags an array with its Go slice type ('[]string', '[]int', '[]uint8', ...); returns the array. */
export function sliceType<T extends unknown[]>(arr: T, type: string): T {
  Object.defineProperty(arr, SLICE_TYPE, { value: type, enumerable: false });
  return arr;
}

const METHODS = Symbol('go.methods');

/** Gives a typed slice methods (Helm's chartutil.VersionSet and its Has); returns the array. */
export function withMethods<T extends unknown[]>(arr: T, methods: Readonly<Record<string, GoMethod>>): T {
  Object.defineProperty(arr, METHODS, { value: methods, enumerable: false });
  return arr;
}

/** The methods of a value: a struct's, or a typed slice's (see withMethods). */
export function methodsOf(v: unknown): Readonly<Record<string, GoMethod>> | undefined {
  if (v instanceof GoStruct) return v.methods;
  if (Array.isArray(v)) return (v as unknown as Record<symbol, Readonly<Record<string, GoMethod>> | undefined>)[METHODS];
  return undefined;
}

/** Tags an object with its Go map type ('map[string]string', ...); returns the object. */
export function mapType<T extends object>(obj: T, type: string): T {
  Object.defineProperty(obj, MAP_TYPE, { value: type, enumerable: false });
  return obj;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoFloat32) && !(v instanceof GoStruct) && !Buffer.isBuffer(v);
}

/** Go's type name for a value, as %T and Sprig's typeOf print it. */
export function goTypeOf(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'string': return 'string';
    case 'number': return 'float64';
    case 'function': return 'func';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoFloat32) return 'float32';
  if (v instanceof GoStruct) return v.typeName;
  if (Array.isArray(v)) return (v as unknown as Record<symbol, string>)[SLICE_TYPE] ?? '[]interface {}';
  return (v as Record<symbol, string>)[MAP_TYPE] ?? 'map[string]interface {}';
}

/** Go's reflect.Kind name for a value, as Sprig's kindOf prints it: a scalar's is its type name, a composite's its kind. */
export function goKindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v !== 'object' || v instanceof GoInt || v instanceof GoFloat32) return goTypeOf(v);
  if (v instanceof GoStruct) return v.typeName.startsWith('*') ? 'ptr' : 'struct';
  return Array.isArray(v) ? 'slice' : 'map';
}

/** text/template's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function truth(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean': return v;
    case 'string': return v.length > 0;
    case 'number': return v !== 0;
  }
  if (v instanceof GoInt) return v.v !== 0n;
  if (v instanceof GoFloat32) return v.v !== 0;
  if (v instanceof GoMapStruct) return Object.keys(v.entries()).length > 0;
  if (v instanceof GoStruct) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (Buffer.isBuffer(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}
