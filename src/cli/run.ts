// The full CLI, which the entry point (src/cli/main.ts) loads for every
// command but a plain `skiff list`: pick the command, load only it, parse,
// run, map errors to exit codes. Commands parse and print; all logic lives in
// src/action.
import { COMMANDS, findCommand } from './commands.js';
import { addGlobalFlags } from './global-flags.js';
import { lightArgs } from './light-parse.js';
import { adoptDeferredExtraCa } from '../tls-trust.js';
import { reportError } from './report.js';
import { guardStream, writeErr } from './sink.js';
import { setBeforeUndici } from '../util/before-undici.js';

/** Runs the command line `argv`, whose command word is at `at` (-1: none); resolves with the exit code. */
export async function run(argv: string[], at: number, debug: boolean): Promise<number> {
  // A closed stdout (`skiff upgrade … | head -1`) must not kill an operation half-way.
  guardStream(process.stdout);
  guardStream(process.stderr);
  adoptDeferredExtraCa();
  const word = at >= 0 ? argv[at] : undefined;
  setBeforeUndici(quickWasm);
  if (word === 'search' && at === 0 && argv[1] === 'repo' && !argv.some((a) => a === '-h' || a === '--help')) {
    // The fast path: `skiff search repo` answers without loading the CLI framework.
    const { fastSearch } = await import('./fast-search.js');
    try {
      const code = await fastSearch(argv.slice(2));
      if (code !== undefined) return code;
    } catch (err) {
      return report(err, debug);
    }
  }
  const entry = findCommand(word);
  if (word && !entry) {
    writeErr(`Error: unknown command "${word}" for "skiff"\nRun 'skiff --help' for usage.\n`);
    return 2;
  }
  // Running one command needs only that command, and no help text: yargs
  // formats (and caches) help for what is registered on every run, which
  // costs start-up, so help is switched on only when asked for.
  const wantsHelp = argv.some((a) => a === '-h' || a === '--help');
  const loaded = entry && !wantsHelp ? await entry.load() : undefined;
  if (loaded && process.env.SKIFF_NO_FAST !== '1') {
    // A plain command line runs without yargs (src/cli/light-parse.ts).
    const args = lightArgs(loaded.command, word!, [...argv.slice(0, at), ...argv.slice(at + 1)]);
    if (args) {
      try {
        await loaded.command.handler(args as never);
        return typeof process.exitCode === 'number' ? process.exitCode : 0;
      } catch (err) {
        return report(err, debug);
      }
    }
  }
  const { default: yargs } = await import('yargs');
  let cli = addGlobalFlags(yargs(argv))
    .scriptName('skiff')
    .usage('The Kubernetes package manager with a bundled cluster.\n\nUsage: skiff <command> [flags]')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'a command is required; see skiff --help')
    .help(wantsHelp || !entry)
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(120, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw err ?? new CliUsageError(msg);
    });
  for (const c of COMMANDS) {
    if (entry && c !== entry && !wantsHelp) continue;
    if (entry && c === entry) {
      const mod = loaded ?? (await c.load());
      cli = cli.command({ ...mod.command, aliases: c.aliases as string[] | undefined });
    } else {
      cli = cli.command(c.name, c.describe, () => {}, () => {});
    }
  }
  if (!wantsHelp) skipHelpCache(cli as unknown as Parameters<typeof skipHelpCache>[0]);
  try {
    await cli.parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return report(err, debug);
  }
}

class CliUsageError extends Error {}

/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 compiles it
 * quickly (Liftoff), then recompiles the parser's hot functions with TurboFan
 * on a background thread, and Node waits for that job before the process may
 * exit: ~100 ms and ~35 MB on every command that makes one request. A CLI
 * process parses a few responses, for which the baseline code is plenty, so
 * it keeps to Liftoff. The flag is read when a module is compiled, which
 * undici does at its first connection: this runs just before that
 * (src/util/before-undici.ts), and costs nothing to the commands that never
 * connect with undici (loading node:v8 is a few milliseconds).
 */
function quickWasm(): void {
  process.getBuiltinModule('node:v8').setFlagsFromString('--liftoff-only');
}

/**
 * yargs formats and caches the whole help text of a command before running
 * it (to print should the handler fail): tens of milliseconds of string
 * measuring on every command. skiff prints its own errors, never that text,
 * so the cache is skipped when no help was asked for.
 */
function skipHelpCache(cli: { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }): void {
  const usage = cli.getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

function report(err: unknown, debug: boolean): number {
  if (err instanceof CliUsageError) {
    writeErr(`Error: ${err.message}\n`);
    return 2;
  }
  return reportError(err, debug);
}
