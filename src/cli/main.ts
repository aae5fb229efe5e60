// skiff's entry point. It loads nothing up front: a plain `skiff list` runs
// from one file of its own (dist/fast-list.js), a plain push or pull of an
// oci:// chart from another (dist/fast-oci.js), and `skiff version` from its
// small module; every other command line goes to the full CLI (src/cli/run.ts).
// Each module file costs a command's start time, and the list fast path
// carries its own copies of what it shares with the full CLI.
import { commandIndex } from './command-word.js';

/** The commands that render a chart. */
const RENDERING = new Set(['template', 'install', 'upgrade', 'lint', 'diff']);

/** Flags whose value may be "-" (standard input); yargs would take a lone "-" for a positional. */
const STDIN_VALUE_FLAGS = new Set(['-f', '--values', '--passphrase-file']);

/** `-f -` becomes `-f=-`, so the "-" reaches the flag it belongs to. */
function joinStdinValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return out.concat(argv.slice(i));
    if (STDIN_VALUE_FLAGS.has(argv[i]!) && argv[i + 1] === '-') out.push(`${argv[i++]}=-`);
    else out.push(argv[i]!);
  }
  return out;
}

/**
 * The list fast path, imported by a name the bundler leaves alone: the build
 * makes it one file of its own (dist/fast-list.js), as one file loads
 * faster than the two dozen chunks it would otherwise be spread over.
 */
const FAST_LIST = './fast-list.js';

/** `skiff push`/`pull` of an oci:// chart, one file of its own too (dist/fast-oci.js, src/cli/fast-oci.ts). */
const FAST_OCI = './fast-oci.js';

async function main(rawArgv: string[]): Promise<number> {
  const argv = joinStdinValues(rawArgv);
  const debug = argv.includes('--debug') || process.env.SKIFF_DEBUG === '1';
  const at = commandIndex(argv);
  const word = at >= 0 ? argv[at] : undefined;
  const help = argv.some((a) => a === '-h' || a === '--help');
  if (word !== undefined && RENDERING.has(word) && !help) {
    // A render process takes ~50 ms of CPU to start: start it (both of them,
    // for a large local chart) first, from a module of its own, so its start
    // overlaps the loading of the CLI, the renderer, the chart and the values.
    const charts = argv.slice(at + 1).filter((a) => !a.startsWith('-'));
    void Promise.all([import('../render/pool.js'), import('./environment.js')]).then(([pool, env]) => {
      const processes = env.renderProcessesFromEnv();
      const templates = pool.localChartTemplates(charts);
      pool.prestartRenderProcess({ charts, templates, ...(processes !== undefined ? { processes } : {}) });
      // A small local chart's run is too short to repay optimizing compiles (src/render/baseline-code.ts).
      if (word === 'template' && templates >= 0 && templates < pool.SHARD_THRESHOLD) pool.keepToBaselineCode();
    }, () => undefined);
  }
  if (word === 'version' && !help) {
    // `skiff version` answers without loading the CLI framework.
    const { runVersion } = await import('./fast-version.js');
    const code = runVersion(argv);
    if (code !== undefined) return code;
  } else if ((word === 'list' || word === 'ls') && !debug && process.env.SKIFF_NO_FAST !== '1') {
    // A plain `skiff list` runs without the CLI framework and the full backend.
    const { runFastList } = (await import(FAST_LIST)) as typeof import('./fast-list.js');
    const code = await runFastList([...argv.slice(0, at), ...argv.slice(at + 1)]);
    if (code !== undefined) return code;
  } else if ((word === 'push' || word === 'pull') && !debug && process.env.SKIFF_NO_FAST !== '1' && argv.some((a) => a.startsWith('oci://'))) {
    // A plain push or pull of an oci:// chart runs from one file.
    const { runFastOci } = (await import(FAST_OCI)) as typeof import('./fast-oci.js');
    const code = await runFastOci(word, [...argv.slice(0, at), ...argv.slice(at + 1)]);
    if (code !== undefined) return code;
  }
  const { run } = await import('./run.js');
  return run(argv, at, debug);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`Error: ${(err as Error)?.message ?? err}\n`);
    process.exitCode = 1;
  },
);
