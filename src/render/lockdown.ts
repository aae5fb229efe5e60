// Layer 2 inside the render process: before any chart is read, every global
// that is not a plain ECMAScript built-in is removed, so code that got past
// the template compiler (it should never) finds no `process` (and with it no
// `getBuiltinModule`, `binding`, `kill`, `env`, `dlopen`), no `Buffer`, no
// `fetch`/`WebSocket`/`Request`, no `console` writing to the protocol pipe,
// no `require` and no `WebAssembly`. The process is also started with
// `--disallow-code-generation-from-strings` (so `Function`, reached through
// any `x.constructor.constructor`, and `eval` throw) and
// `--frozen-intrinsics` (so built-in prototypes and `Error.prepareStackTrace`
// cannot be changed); template code is compiled with vm's API, which gives it
// no dynamic `import()`. What skiff's own code needs from Node it holds in
// module bindings (`import … from 'node:…'`), which template code cannot name.
// The Go-template engine runs in the same process after the same lockdown.

/**
 * The globals that stay: what ECMAScript defines, plus the host's pure data
 * helpers (text and URL codecs, base64, structured copies) that hold no
 * capability. Everything else on globalThis is the host's and goes.
 */
const KEPT_GLOBALS: ReadonlySet<string> = new Set([
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'atob', 'btoa', 'structuredClone',
  'globalThis', 'Infinity', 'NaN', 'undefined', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape',
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Promise',
  'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'JSON', 'Math', 'Intl', 'Reflect', 'Proxy', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]);

/** Host globals that must be gone after lockDown (checked, so a Node that keeps one fails closed). */
export const REMOVED_GLOBALS = ['process', 'Buffer', 'require', 'module', 'fetch', 'WebSocket', 'Request', 'Response', 'WebAssembly', 'eval', 'global', 'setTimeout', 'queueMicrotask', 'navigator'];

/**
 * Strips globalThis down to the ECMAScript built-ins and pure helpers (plus a `console` that
 * writes nothing: libraries may warn, and the real one writes into the
 * protocol pipe). Returns the names it could not remove (empty on success).
 */
export function lockDown(): string[] {
  const g = globalThis as Record<string, unknown>;
  const left: string[] = [];
  for (const name of Object.getOwnPropertyNames(g)) {
    if (KEPT_GLOBALS.has(name)) continue;
    try {
      if (!delete g[name]) left.push(name);
    } catch {
      left.push(name);
    }
  }
  // Symbol-keyed globals too (e.g. undici's dispatcher, once anything fetched).
  for (const sym of Object.getOwnPropertySymbols(g)) {
    if (sym === Symbol.toStringTag) continue;
    try {
      if (!delete (g as Record<symbol, unknown>)[sym]) left.push(String(sym));
    } catch {
      left.push(String(sym));
    }
  }
  const silent = (): undefined => undefined;
  const quiet = Object.freeze({ log: silent, info: silent, warn: silent, error: silent, debug: silent, trace: silent, dir: silent });
  Object.defineProperty(g, 'console', { value: quiet, writable: false, configurable: false, enumerable: false });
  for (const name of REMOVED_GLOBALS) if (name in g && !left.includes(name)) left.push(name);
  return left;
}
