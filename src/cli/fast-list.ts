// `skiff list` without the CLI framework or the full backend: Node's own
// flag parser, the light REST client and the kube release driver, then the
// same action and the same printer as the list command. Anything it does not
// handle plainly (help, unknown or repeated flags, --debug, the memory
// driver, an odd value) returns undefined and the full CLI runs instead,
// which explains any mistake exactly as always.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { list } from '../action/list.js';
import { ensureClusterRunning } from '../cluster/process.js';
import { kubeconfigFiles, loadKubeConfigWith, type ClusterConfig, type KubeConfigOptions } from '../kube/kubeconfig-core.js';
import { parseSimpleKubeconfig } from '../kube/kubeconfig-text.js';
import { socketClusterConfig } from '../kube/local-socket.js';
import { restClient } from '../kube/rest-client.js';
import { realClock } from '../util/clock.js';
import { parseDriverName } from '../release/driver.js';
import { KubeDriver } from '../release/kube-driver.js';
import { ReleaseStore } from '../release/store.js';
import { backendTarget, kubeConfigOptions, skiffHome, type BackendArgs } from './backend-args.js';
import { listOptionsFromFlags, parseListFormat, printListRows, type ListFlags } from './list-output.js';
import { loadYaml } from './yaml-lazy.js';
import { reportError } from './report.js';
import { guardStream } from './sink.js';
import { adoptDeferredExtraCa } from '../tls-trust.js';

const OPTIONS = {
  all: { type: 'boolean', short: 'a' },
  'helm3-default': { type: 'boolean' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  filter: { type: 'string', short: 'f' },
  selector: { type: 'string', short: 'l' },
  deployed: { type: 'boolean' },
  failed: { type: 'boolean' },
  pending: { type: 'boolean' },
  superseded: { type: 'boolean' },
  uninstalled: { type: 'boolean' },
  uninstalling: { type: 'boolean' },
  date: { type: 'boolean', short: 'd' },
  reverse: { type: 'boolean', short: 'r' },
  'time-format': { type: 'string' },
  max: { type: 'string', short: 'm' },
  offset: { type: 'string' },
  short: { type: 'boolean', short: 'q' },
  'no-headers': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  'kube-context': { type: 'string' },
  'kube-token': { type: 'string' },
  'kube-apiserver': { type: 'string' },
  'kube-ca-file': { type: 'string' },
  'kube-insecure-skip-tls-verify': { type: 'boolean' },
} as const;

/** A count flag yargs would read as the same plain number; undefined otherwise. */
function count(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return /^(0|[1-9]\d{0,14})$/.test(value) ? Number(value) : undefined;
}

/** The parsed flags, or undefined when the command line is anything but a plain list. */
function parseListArgs(argv: readonly string[]) {
  // Grouped short flags (-Aq) and attached values (-nfoo, -n=foo) are left to the full parser.
  if (argv.some((a) => /^-[^-]./.test(a) || a === '--')) return undefined;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true, tokens: true });
  } catch {
    return undefined;
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) return undefined;
    seen.add(t.name);
  }
  const v = parsed.values;
  const max = count(v.max, 256);
  const offset = count(v.offset, 0);
  if (max === undefined || offset === undefined) return undefined;
  const flags: ListFlags & BackendArgs & { 'all-namespaces'?: boolean; short?: boolean; 'no-headers'?: boolean; output?: string } = { ...v, max, offset };
  return flags;
}

/**
 * src/kube/kubeconfig.ts's loadKubeConfig, loading the YAML library only when
 * a file is more than the plain reader takes (skiff's own kubeconfig never is).
 */
async function loadKubeConfig(opts: KubeConfigOptions): Promise<ClusterConfig> {
  const plain = kubeconfigFiles(opts).files.every((f) => {
    try {
      const text = readFileSync(f, 'utf8');
      return text.trim() === '' || parseSimpleKubeconfig(text) !== undefined;
    } catch {
      return false; // loadKubeConfigWith reports it
    }
  });
  const parse = plain
    ? () => {
        throw new Error('the file changed while it was read');
      }
    : (await loadYaml()).parse;
  return loadKubeConfigWith(opts, parse);
}

/**
 * The fast path as the whole command, as src/cli/run.ts runs one: the output
 * streams guarded, the deferred CA file adopted, a failure reported with its
 * exit code. argv is without the command word; undefined = let the full CLI
 * run it.
 */
export async function runFastList(argv: readonly string[]): Promise<number | undefined> {
  // A closed stdout (`skiff list | head -1`) must not crash the process.
  guardStream(process.stdout);
  guardStream(process.stderr);
  adoptDeferredExtraCa();
  try {
    return await fastList(argv);
  } catch (err) {
    return reportError(err, false);
  }
}

/** Runs a plain `skiff list` (argv without the command word); undefined = let the full CLI run it. */
export async function fastList(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<number | undefined> {
  const args = parseListArgs(argv);
  if (!args) return undefined;
  let driver, target, format;
  try {
    format = parseListFormat(args.output);
    driver = parseDriverName(env.SKIFF_DRIVER);
    target = backendTarget(args, env);
  } catch {
    return undefined;
  }
  if (driver === 'memory') return undefined;
  let config: ClusterConfig;
  if (target === 'kube') config = await loadKubeConfig(kubeConfigOptions(args, env));
  else {
    const { kubeconfigPath, url, socket } = await ensureClusterRunning(skiffHome(args, env));
    // As src/kube/backend-impl.ts's localBackend: the unix socket, else the kubeconfig with an empty env
    // (the user's KUBECONFIG/HOME must not leak into the local target).
    config = socket ? socketClusterConfig(url, socket, args.namespace) : await loadKubeConfig({ kubeconfig: kubeconfigPath, namespace: args.namespace, env: {} });
  }
  const client = restClient(config);
  let rows;
  try {
    const releases = new ReleaseStore(new KubeDriver({ client, kind: driver, now: () => realClock.now().getTime() }));
    const namespace = args.namespace || config.namespace || 'default';
    rows = await list({ releases }, { ...listOptionsFromFlags(args), namespace: args['all-namespaces'] ? undefined : namespace });
  } finally {
    await client.close().catch(() => {});
  }
  await printListRows(rows, format, { short: args.short, noHeaders: args['no-headers'], timeFormat: args['time-format'] });
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
