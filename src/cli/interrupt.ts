// SIGINT and SIGTERM during a release operation (install, upgrade, rollback,
// uninstall). Being killed half-way would leave the release pending (locked)
// with some objects changed and nothing recorded, so the first signal only asks
// the operation to stop: it finishes the step it is in, then records the
// outcome (failed, or rolled back / uninstalled with --atomic) and exits with
// the signal's status. A second signal exits at once, as a user pressing
// Ctrl-C twice expects.
import { writeErr } from './sink.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const STATUS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143 };

/** Starts handling SIGINT/SIGTERM for one operation; `signal` aborts (reason: the signal's name) on the first; `dispose` restores the defaults. */
export function operationInterrupt(): { readonly signal: AbortSignal; dispose(): void } {
  return interrupt(
    (sig) => `${sig} received: stopping after the current step and recording the outcome (send it again to exit at once)\n`,
    (sig) => `${sig} received again: exiting now; the release may be left pending until its lock expires\n`,
  );
}

/**
 * SIGINT/SIGTERM for a command that must clean up before it exits (`skiff
 * test chart` stops its clusters and removes their data, which holds keys):
 * the first signal aborts `signal`, a second exits at once.
 */
export function cleanupInterrupt(what: string): { readonly signal: AbortSignal; dispose(): void } {
  return interrupt(
    (sig) => `${sig} received: interrupted; ${what} (send it again to exit at once)\n`,
    (sig) => `${sig} received again: exiting now\n`,
  );
}

function interrupt(first: (sig: string) => string, again: (sig: string) => string): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = SIGNALS.map((sig) => {
    const fn = () => {
      if (controller.signal.aborted) {
        writeErr(again(sig));
        process.exit(STATUS[sig]);
      }
      writeErr(first(sig));
      controller.abort(sig);
    };
    process.on(sig, fn);
    return [sig, fn] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [sig, fn] of handlers) process.off(sig, fn);
    },
  };
}
