// CLI glue shared by the release commands: the Configuration from the global
// flags (backend) and SKIFF_DRIVER (record storage), the flags install and
// upgrade share, and Helm's release summary.
import type { Argv } from 'yargs';
import { DEFAULT_TIMEOUT_MS, newConfiguration, parseDriverName, type Configuration } from '../action/configuration.js';
import { backendFromArgs, type BackendArgs } from './backend-args.js';
import type { Release } from '../release/types.js';
import { resolveCrdPolicy } from '../release/crd-policy.js';
import { UsageError } from '../errors.js';
import { parseDuration } from './duration.js';
import { addPostRendererFlags, postRendererFromArgs } from './post-renderer-flags.js';
import { rendererFromEnv } from './renderer.js';
import { addRegistryFlags, type RegistryArgs } from './registry-flags.js';
import { writeErr } from './sink.js';
import { addApplyFlags, applyOptionsFromArgs, type ApplyArgs } from './apply-flags.js';
export { takeDryRun, takeTemplateDryRun } from './dry-run-flags.js';
import { operationInterrupt } from './interrupt.js';
import { formatGoDuration } from '../util/duration.js';

export interface ReleaseContext {
  readonly cfg: Configuration;
  readonly namespace: string;
  close(): Promise<void>;
}

/** Opens the backend the flags select and the record store SKIFF_DRIVER names (secret by default). */
export async function releaseContext(args: BackendArgs & { debug?: boolean }, env: Readonly<Record<string, string | undefined>> = process.env, interrupt?: AbortSignal): Promise<ReleaseContext> {
  const driver = parseDriverName(env.SKIFF_DRIVER);
  const backend = await backendFromArgs(args, env);
  const log = args.debug ? (m: string) => writeErr(`debug: ${m}\n`) : () => {};
  const cfg = newConfiguration({ backend, driver, log, interrupt, renderer: rendererFromEnv(env) });
  return { cfg, namespace: args.namespace || backend.defaultNamespace || 'default', close: () => backend.close() };
}

/**
 * Runs `fn` with a release context and always closes the backend. An
 * `operation` (install, upgrade, rollback, uninstall) also turns SIGINT and
 * SIGTERM into a stop request the action honours between steps.
 */
export async function withRelease<T>(args: BackendArgs, fn: (ctx: ReleaseContext) => Promise<T>, opts: { operation?: boolean } = {}): Promise<T> {
  const stop = opts.operation ? operationInterrupt() : undefined;
  try {
    const ctx = await releaseContext(args, process.env, stop?.signal);
    try {
      return await fn(ctx);
    } finally {
      await ctx.close().catch(() => {});
    }
  } finally {
    stop?.dispose();
  }
}

/** -l/--labels k=v,k2=v2 into a map; throws UsageError naming the bad pair. */
export function parseLabels(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const pair of values.flatMap((v) => String(v).split(','))) {
    if (!pair.trim()) continue;
    const i = pair.indexOf('=');
    if (i <= 0) throw new UsageError(`invalid label "${pair}": expected key=value`);
    out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return out;
}

/** The parsed values of addDeployFlags. */
export interface DeployArgs extends RegistryArgs, ApplyArgs {
  'dry-run'?: string;
  timeout: string;
  'no-hooks'?: boolean;
  description?: string;
  labels?: string[];
  'take-ownership'?: boolean;
  'skip-schema-validation'?: boolean;
  'render-timeout'?: string;
  'enable-dns'?: boolean;
  'create-namespace'?: boolean;
  'skip-crds'?: boolean;
  crds?: string;
  version?: string;
  repo?: string;
  devel?: boolean;
  verify?: boolean;
  keyring?: string;
  'dependency-update'?: boolean;
  output?: string;
  'post-renderer'?: string;
  'post-renderer-args'?: string[];
  'hide-secret'?: boolean;
}

/** Flags of install and upgrade (Helm's INST group, as far as skiff supports it). */
export function addDeployFlags<T>(y: Argv<T>, verb: 'install' | 'upgrade'): Argv<T> {
  const deploy = addApplyFlags(y, verb)
    .option('dry-run', { type: 'string', describe: 'simulate: client (default when bare) renders without the cluster, server also reads it' })
    .option('timeout', { type: 'string', default: formatGoDuration(DEFAULT_TIMEOUT_MS), describe: 'time to wait for any individual Kubernetes operation (hooks, waits)' })
    .option('no-hooks', { type: 'boolean', describe: 'do not run hooks' })
    .option('description', { type: 'string', describe: 'a custom description for the revision' })
    .option('labels', { alias: 'l', type: 'string', array: true, describe: 'labels added to the release record (k=v,...)' })
    .option('take-ownership', { type: 'boolean', describe: 'adopt existing resources even if they belong to no release or another one' })
    .option('skip-schema-validation', { type: 'boolean', describe: 'disable JSON schema validation' })
    .option('render-timeout', { type: 'string', describe: 'time limit for rendering (default 30s)' })
    .option('enable-dns', { type: 'boolean', describe: 'let getHostByName resolve names (it returns "" otherwise)' })
    .option('create-namespace', { type: 'boolean', describe: 'create the release namespace if absent' })
    .option('skip-crds', { type: 'boolean', describe: 'do not install the CRDs in crds/ (alias of --crds=skip)' })
    .option('crds', { type: 'string', describe: "the chart's crds/: skip, create (default: create the absent ones) or upgrade (also update existing ones when compatible)" })
    .option('version', { type: 'string', describe: 'chart version constraint (repository charts)' })
    .option('repo', { type: 'string', describe: 'chart repository URL where to locate the chart' })
    .option('devel', { type: 'boolean', describe: 'use development versions too' })
    .option('verify', { type: 'boolean', describe: 'verify the package (its .prov signature and hash) before rendering it' })
    .option('keyring', { type: 'string', describe: 'location of public keys used for verification (default "~/.gnupg/pubring.gpg")' })
    .option('dependency-update', { type: 'boolean', describe: 'update dependencies if they are missing before installing the chart' })
    .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' })
    .option('hide-secret', { type: 'boolean', describe: 'hide Kubernetes Secrets when also using the --dry-run flag' }) as Argv<T>;
  return addRegistryFlags(addPostRendererFlags(deploy));
}

/**
 * The action options that install and upgrade take alike from the deploy
 * flags (call it before counting `positionals`: a bare --wait or --server-side
 * may give one back).
 */
export function deployOptionsFromArgs(args: DeployArgs, positionals: string[], verb: 'install' | 'upgrade') {
  return {
    ...applyOptionsFromArgs(args, positionals, verb),
    skipCrds: args['skip-crds'],
    crds: resolveCrdPolicy(args.crds, args['skip-crds']),
    noHooks: args['no-hooks'],
    description: args.description,
    labels: parseLabels(args.labels),
    takeOwnership: args['take-ownership'],
    skipSchemaValidation: args['skip-schema-validation'],
    renderTimeoutMs: args['render-timeout'] ? parseDuration(args['render-timeout'], '--render-timeout') : undefined,
    enableDns: args['enable-dns'],
    postRenderer: postRendererFromArgs(args),
    hideSecret: args['hide-secret'],
  };
}

/** Go's time.ANSIC layout, which Helm prints for LAST DEPLOYED. */
export function ansiDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

/** Helm's release summary (install, upgrade, status). */
export function releaseSummary(rel: Release, opts: { showDescription?: boolean; hideNotes?: boolean } = {}): string {
  const lines = [
    `NAME: ${rel.name}`,
    `LAST DEPLOYED: ${ansiDate(rel.info.last_deployed)}`,
    `NAMESPACE: ${rel.namespace}`,
    `STATUS: ${rel.info.status}`,
    `REVISION: ${rel.version}`,
  ];
  if (opts.showDescription) lines.push(`DESCRIPTION: ${rel.info.description}`);
  const tests = rel.hooks.filter((h) => h.events.includes('test'));
  if (!tests.some((t) => t.last_run.started_at)) lines.push('TEST SUITE: None');
  else {
    lines.push('TEST SUITE:');
    for (const t of tests) {
      lines.push(`Last Started:   ${t.last_run.started_at ? ansiDate(t.last_run.started_at) : ''}`);
      lines.push(`Last Completed: ${t.last_run.completed_at ? ansiDate(t.last_run.completed_at) : ''}`);
      lines.push(`Phase:          ${t.last_run.phase}`);
      lines.push(`Name:           ${t.name}`);
    }
  }
  let out = lines.join('\n') + '\n';
  if (rel.info.notes && !opts.hideNotes) out += `NOTES:\n${rel.info.notes.trimEnd()}\n`;
  return out;
}

/** The release as `-o json|yaml` shows it: Helm's JSON (labels are not part of it). */
export function releaseJSON(rel: Release): Omit<Release, 'labels'> {
  const { labels: _l, ...rest } = rel;
  return rest;
}
