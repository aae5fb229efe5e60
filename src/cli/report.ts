// How a failed command ends: the error on stderr (with its hint, and the
// stack with --debug) and the exit code its kind calls for. Shared by the full
// CLI (src/cli/run.ts) and the list fast path, which is a bundle of its own.
import { isSkiffError } from '../errors.js';
import { writeErr } from './sink.js';

/** Prints `err` as skiff does and returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  if (isSkiffError(err)) {
    writeErr(`Error: ${err.message}\n`);
    if (err.hint) writeErr(`Hint: ${err.hint}\n`);
    if (debug && err.stack) writeErr(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  writeErr(`Error: ${e?.message ?? String(err)}\n`);
  if (debug && e?.stack) writeErr(e.stack + '\n');
  else writeErr('Hint: run again with --debug for details\n');
  return 1;
}
