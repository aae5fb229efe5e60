// Where the command word is on a command line: read by the entry point before
// anything else loads (src/cli/main.ts), so it imports nothing.

/** The global flags that take a value (Helm's, long and short spellings). */
const VALUE_FLAGS = new Set(['--namespace', '-n', '--kubeconfig', '--kube-context', '--kube-token', '--kube-apiserver', '--kube-ca-file']);

/**
 * The position of the command word: the first argument that is neither a
 * flag nor the value of a global flag written before it, so that
 * `skiff --kubeconfig X list` runs `list` as Helm does. -1 when there is none.
 */
export function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (VALUE_FLAGS.has(a)) i++;
  }
  return -1;
}
