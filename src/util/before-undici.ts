// A process-wide hook that runs once, just before skiff's first undici
// connection (the classic repository client, values fetched from a URL). The
// CLI uses it to keep undici's WebAssembly HTTP parser on V8's baseline
// compiler (src/cli/main.ts): setting that V8 flag costs every command a few
// milliseconds, so it is done only by the commands that connect with undici.
// Library users set no hook and get V8's defaults. The hook lives on
// globalThis under a registered symbol, so every copy of this module in the
// process (the CLI's fast paths are bundles of their own) runs the same one.

const HOOK = Symbol.for('skiff.beforeUndici');

type Slots = Record<symbol, (() => void) | undefined>;

/** Sets the function to run before the first undici connection of the process. */
export function setBeforeUndici(fn: () => void): void {
  (globalThis as unknown as Slots)[HOOK] = fn;
}

/** Runs the hook, if one is set and it has not run yet. */
export function beforeUndici(): void {
  const slots = globalThis as unknown as Slots;
  const fn = slots[HOOK];
  if (!fn) return;
  slots[HOOK] = undefined;
  fn();
}
