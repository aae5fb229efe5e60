// `skiff push CHART oci://…` and `skiff pull oci://…` as one file
// (dist/fast-oci.js, built by scripts/build.mjs): the same command handlers
// and the same light command-line reader as always, but Node loads one file
// instead of the two dozen chunks the split build spreads them over (~20 ms
// of CPU, a fifth of a pull). The bundle keeps only the dynamic imports of
// this path; any other (the yaml library for a Chart.yaml or values.yaml the
// fast readers decline, provenance, classic repositories) is built as a
// module that throws the fallback mark, and the full CLI then runs the
// command from the start. Before such a point the path has written nothing
// but verified blobs to the OCI cache, so running again is safe; flags that
// lead there for sure, or to several outputs, are left to the full CLI.
import { adoptDeferredExtraCa } from '../tls-trust.js';
import { lightArgs } from './light-parse.js';
import { reportError } from './report.js';
import { guardStream } from './sink.js';
import { command as pullCommand } from './commands/pull.js';
import { command as pushCommand } from './commands/push.js';

/** The mark of the error the bundle's fallback modules throw (see scripts/build.mjs). */
const FALLBACK = Symbol.for('skiff.fast-oci-fallback');

/** Flags whose work is not on the fast path. */
const FULL_CLI_FLAGS = /^--(verify|prov|keyring|repo|pass-credentials|debug|help)(=|$)|^-h$/;

function isFallback(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[FALLBACK] === true;
}

/** The entry point's call: fastOci with the streams guarded, the deferred CA adopted and errors reported as the full CLI does. */
export async function runFastOci(word: 'push' | 'pull', argv: readonly string[]): Promise<number | undefined> {
  // A closed stderr must not crash the process.
  guardStream(process.stdout);
  guardStream(process.stderr);
  adoptDeferredExtraCa();
  try {
    return await fastOci(word, argv);
  } catch (err) {
    return reportError(err, false);
  }
}

/**
 * Runs a plain push to or pull from an OCI registry (`argv` without the
 * command word); undefined when the full CLI should run it instead.
 */
export async function fastOci(word: 'push' | 'pull', argv: readonly string[]): Promise<number | undefined> {
  if (argv.some((a) => FULL_CLI_FLAGS.test(a))) return undefined;
  const command = word === 'push' ? pushCommand : pullCommand;
  const args = lightArgs(command, word, argv);
  if (!args) return undefined;
  if (word === 'pull') {
    const charts = args.charts as unknown;
    // One chart: a fallback after a first chart was saved would save and print it twice.
    if (!Array.isArray(charts) || charts.length !== 1 || !String(charts[0]).startsWith('oci://')) return undefined;
  } else if (!String(args.remote).startsWith('oci://')) return undefined;
  try {
    await command.handler(args as never);
  } catch (err) {
    if (isFallback(err)) return undefined;
    throw err;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
