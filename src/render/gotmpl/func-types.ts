// The contract between the Go-template executor and the function library
// (Sprig, Helm's functions, and the engine's own include/tpl/lookup). A
// function declares its Go signature so that the executor can check and
// convert arguments exactly as text/template does (`wrong number of args for
// trunc: want 2 got 1`, `wrong type for value; expected int; got float64`),
// then calls it with values in the model of value.ts.

/** What a function may ask of the render it runs in (bridges answered by the parent process). */
export interface FuncContext {
  /** Helm's `lookup`: the object, or {} when absent / no cluster. */
  readonly lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;
  /** Sprig's `getHostByName` through the parent (Helm's --enable-dns); undefined: DNS is off. */
  readonly getHostByName?: (name: string) => string;
}

/**
 * A template function. `params` are Go types ('string', 'int', 'interface {}',
 * 'map[string]interface {}', 'time.Time', ...); with `variadic`, the last one
 * is the element type of `...T`. `results` is one type, or a type and 'error'.
 * `call` receives converted arguments (an int param gets a GoInt, a string
 * param a string, an interface {} param the value as is) and returns the
 * result; a thrown Error is the function's error (or panic), which the
 * executor reports as `error calling NAME: MESSAGE`.
 */
export interface GoFunc {
  readonly params: readonly string[];
  readonly variadic?: boolean;
  readonly results: readonly string[];
  readonly call: (ctx: FuncContext, ...args: unknown[]) => unknown;
  /** The same function without the context, for functions that do not use it (called directly, one call less). */
  readonly direct?: (...args: unknown[]) => unknown;
}

/** Functions by template name. */
export type FuncMap = Readonly<Record<string, GoFunc>>;
