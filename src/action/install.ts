// `skiff install`: render a chart, record revision 1 (pending-install, which
// is also the operation lock), run hooks, apply, optionally wait, and record
// the outcome. --atomic uninstalls on any failure, a wait timeout included.
import { randomInt } from 'node:crypto';
import type { Chart, Values } from '../chart/types.js';
import { ReleaseConflictError, SkiffError, UsageError } from '../errors.js';
import { formatManifests, prestartRenderProcess, type Manifest } from '../render/index.js';
import { lockAnnotations } from '../release/lock.js';
import { splitManifest, toResources, type Resource } from '../release/resources.js';
import { chartRecord } from '../release/codec.js';
import { waitForReady } from '../release/wait.js';
import { SYSTEM_LABELS, type Release } from '../release/types.js';
import { DEFAULT_TIMEOUT_MS, type Configuration, type OperationOptions } from './configuration.js';
import { collectCrds, renderRelease } from './render-release.js';
import type { PostRenderer } from './post-render.js';
import { validateReleaseName } from './release-name.js';
import { acquire, exitOf, createPending, deploy, errMessage, hookRecords, nowISO, uninterruptible, unlocked } from './release-ops.js';
import { uninstall } from './uninstall.js';
import { clusterLookup, clusterCapabilities } from './cluster-info.js';

export type DryRun = false | 'client' | 'server';

export interface InstallOptions extends OperationOptions {
  readonly chart: Chart;
  /** User-supplied values (mergeValueOptions of the values flags). */
  readonly values: Values;
  readonly namespace: string;
  readonly releaseName?: string;
  readonly generateName?: boolean;
  readonly nameTemplate?: string;
  readonly createNamespace?: boolean;
  readonly dryRun?: DryRun;
  readonly wait?: boolean;
  readonly waitForJobs?: boolean;
  /** Uninstall on failure (implies wait). */
  readonly atomic?: boolean;
  readonly replace?: boolean;
  readonly skipCrds?: boolean;
  readonly noHooks?: boolean;
  readonly force?: boolean;
  readonly description?: string;
  readonly labels?: Record<string, string>;
  readonly takeOwnership?: boolean;
  readonly skipSchemaValidation?: boolean;
  readonly renderTimeoutMs?: number;
  /** --enable-dns: `getHostByName` resolves names. */
  readonly enableDns?: boolean;
  /** --hide-secret: in a dry run, show Secrets as a comment instead of their data. */
  readonly hideSecret?: boolean;
  /** --post-renderer: manifests pass through this program before they are applied and recorded. */
  readonly postRenderer?: PostRenderer;
  /** JSON pointers of sensitive values (resolveSensitive), recorded in the revision. */
  readonly sensitive?: readonly string[];
}

export interface ReleaseResult {
  readonly release: Release;
  /** Things the user should read (recovered locks, kept resources, warnings). */
  readonly warnings: readonly string[];
  /** Which action actually ran (upgrade --install may install). */
  readonly action: 'install' | 'upgrade' | 'rollback';
}

/** Refuses labels that collide with the storage layer's own (Helm's rule). */
export function checkLabels(labels: Record<string, string> | undefined): void {
  for (const k of Object.keys(labels ?? {})) {
    if ((SYSTEM_LABELS as readonly string[]).includes(k)) {
      throw new UsageError(`user-defined labels must not contain the system label "${k}" (reserved: ${SYSTEM_LABELS.join(', ')})`);
    }
  }
}

/** What install and upgrade set up alike before they touch anything: checked flags, the warning list, the dry-run mode. */
export interface OperationStart {
  readonly ns: string;
  readonly timeoutMs: number;
  readonly dry: DryRun;
  readonly warnings: string[];
  /** Records a warning and reports it as progress. */
  readonly report: (message: string) => void;
}

/** Validates the release name, labels and --hide-secret (dry runs only, as Helm), starts the render process, and returns the operation's shared state. */
export function startOperation(name: string, opts: InstallOptions): OperationStart {
  validateReleaseName(name);
  checkLabels(opts.labels);
  const dry = opts.dryRun ?? false;
  if (opts.hideSecret && !dry) throw new UsageError('Hiding Kubernetes secrets requires a dry-run mode');
  // The render comes after the cluster has been asked for its version and the release history: start its process now.
  prestartRenderProcess();
  const warnings: string[] = [];
  const report = (m: string) => {
    warnings.push(m);
    opts.onProgress?.({ type: 'warning', message: m });
  };
  return { ns: opts.namespace, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, dry, warnings, report };
}

/** The manifest text a release records or a dry run shows: --hide-secret replaces each Secret's body, as Helm does. */
export function releaseManifest(manifests: readonly Manifest[], hideSecret?: boolean): string {
  if (!hideSecret) return formatManifests(manifests);
  return formatManifests(manifests.map((m) => (m.kind === 'Secret' && m.apiVersion === 'v1' ? { ...m, content: '# HIDDEN: The Secret output has been suppressed' } : m)));
}

/** The release name from NAME, --generate-name or --name-template (rand* helpers with lower/upper). */
export function chooseName(opts: { releaseName?: string; generateName?: boolean; nameTemplate?: string; chart: Chart; now: number }): string {
  if (opts.nameTemplate) {
    const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const sets: Record<string, string> = { randAlpha: alpha, randAlphaNum: alpha + '0123456789', randNumeric: '0123456789' };
    return opts.nameTemplate.replace(/\{\{-?\s*(\w+)\s+(\d+)\s*((?:\|\s*\w+\s*)*)-?\}\}/g, (whole, fn: string, n: string, pipes: string) => {
      const set = sets[fn];
      if (!set) throw new UsageError(`--name-template: unsupported function "${fn}" in ${whole} (supported: randAlpha, randAlphaNum, randNumeric with | lower, | upper)`);
      let s = Array.from({ length: Number(n) }, () => set[randomInt(set.length)]).join('');
      for (const p of pipes.split('|').map((x) => x.trim()).filter(Boolean)) s = p === 'lower' ? s.toLowerCase() : p === 'upper' ? s.toUpperCase() : s;
      return s;
    });
  }
  if (opts.generateName) {
    if (opts.releaseName) throw new UsageError('cannot give a release name together with --generate-name');
    return `${opts.chart.metadata.name.split('.')[0]}-${Math.floor(opts.now / 1000)}`;
  }
  if (!opts.releaseName) throw new UsageError('must either provide a name or specify --generate-name');
  return opts.releaseName;
}

/**
 * Installs a chart as a new release. Throws ReleaseConflictError when the
 * name is in use (unless --replace over an uninstalled or failed release) or
 * locked, SkiffError OWNERSHIP for objects owned elsewhere, and the
 * operation's error on failure (with "has been uninstalled due to atomic
 * being set" under --atomic).
 */
export async function install(cfg: Configuration, opts: InstallOptions): Promise<ReleaseResult> {
  const name = chooseName({ ...opts, now: cfg.clock.now() });
  const { ns, timeoutMs, dry, warnings, report } = startOperation(name, opts);
  let { last, recovered } = dry ? { last: await cfg.releases.last(ns, name), recovered: undefined } : await acquire(cfg, ns, name, 'install', opts.onProgress);
  if (recovered) warnings.push(recovered);
  let revision = 1;
  if (last) {
    const reusable = last.status === 'uninstalled' || last.status === 'failed';
    if (!(opts.replace && reusable) && !(recovered && last.status === 'failed')) {
      throw new ReleaseConflictError(`cannot re-use a name that is still in use`, {
        hint: last.status === 'uninstalled' || last.status === 'failed' ? `release "${name}" is ${last.status}; pass --replace to install over it` : `use "skiff upgrade ${name}" to change it`,
      });
    }
    revision = last.version + 1;
  }

  const t0 = cfg.clock.now();
  const caps = await clusterCapabilities(cfg, dry === 'client');
  cfg.log(`install ${name}: capabilities in ${cfg.clock.now() - t0} ms`);
  if (!opts.skipCrds && !dry) await installCrds(cfg, opts.chart, opts.onProgress);
  else if (dry && opts.chart.files.some((f) => f.name.startsWith('crds/'))) report('This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.');

  const rendered = await renderRelease({
    chart: opts.chart,
    userValues: opts.values,
    releaseName: name,
    namespace: ns,
    revision,
    isUpgrade: false,
    kubeVersion: caps.kubeVersion,
    apiVersions: caps.apiVersions,
    lookup: dry === 'client' ? undefined : clusterLookup(cfg.backend),
    skipSchemaValidation: opts.skipSchemaValidation,
    renderTimeoutMs: opts.renderTimeoutMs,
    enableDns: opts.enableDns,
    postRenderer: opts.postRenderer,
  });
  for (const w of rendered.warnings) report(w);
  cfg.log(`install ${name}: rendered ${rendered.manifests.length} manifests and ${rendered.hooks.length} hooks at ${cfg.clock.now() - t0} ms`);
  const now = nowISO(cfg);
  const rel: Release = {
    name,
    namespace: ns,
    version: revision,
    info: { first_deployed: now, last_deployed: now, deleted: '', description: 'Initial install underway', status: 'pending-install', ...(rendered.notes ? { notes: rendered.notes } : {}) },
    chart: chartRecord(opts.chart),
    config: opts.values,
    manifest: releaseManifest(rendered.manifests, opts.hideSecret),
    hooks: hookRecords(rendered.hooks),
    labels: { ...(opts.labels ?? {}) },
    ...(opts.sensitive?.length ? { sensitive_values: [...opts.sensitive] } : {}),
  };
  if (dry) {
    rel.info.description = 'Dry run complete';
    return { release: rel, warnings, action: 'install' };
  }

  if (opts.createNamespace) await ensureNamespace(cfg, ns);
  else if (!(await cfg.backend.get('v1', 'Namespace', undefined, ns))) {
    throw new SkiffError('NAMESPACE_NOT_FOUND', `namespace "${ns}" not found`, { hint: 'pass --create-namespace to create it' });
  }
  const target = await toResources(splitManifest(rel.manifest), cfg.backend, ns);
  const lock = lockAnnotations('install', timeoutMs, cfg.clock.now());
  await createPending(cfg, rel, { annotations: lock }, 'install');
  cfg.log(`install ${name}: pending record written at ${cfg.clock.now() - t0} ms`);
  if (last && last.status !== 'failed') {
    const prev = await last.load();
    prev.info.status = 'superseded';
    await cfg.releases.update(prev, { annotations: unlocked(last) });
  }
  const created: Resource[] = [];
  try {
    await deploy(cfg, {
      rel,
      event: 'install',
      target,
      original: [],
      lock,
      noHooks: opts.noHooks,
      wait: opts.wait || opts.atomic,
      waitForJobs: opts.waitForJobs,
      timeoutMs,
      takeOwnership: opts.takeOwnership,
      force: opts.force,
      onProgress: opts.onProgress,
      created,
    });
  } catch (err) {
    rel.info.status = 'failed';
    rel.info.description = `Release "${name}" failed: ${errMessage(err)}`;
    rel.info.last_deployed = nowISO(cfg);
    await cfg.releases.update(rel);
    if (opts.atomic) {
      try {
        await uninstall(uninterruptible(cfg), { names: [name], namespace: ns, timeoutMs, wait: true, noHooks: opts.noHooks });
      } catch (cleanupErr) {
        throw new SkiffError('INSTALL_FAILED', `release ${name} failed, and the uninstall that --atomic asked for failed too: ${errMessage(cleanupErr)}; original error: ${errMessage(err)}`, { cause: err, ...exitOf(err) });
      }
      throw new SkiffError('INSTALL_FAILED', `release ${name} failed, and has been uninstalled due to atomic being set: ${errMessage(err)}`, { cause: err, ...exitOf(err) });
    }
    throw err;
  }
  cfg.log(`install ${name}: deployed at ${cfg.clock.now() - t0} ms`);
  rel.info.status = 'deployed';
  rel.info.description = opts.description || 'Install complete';
  rel.info.last_deployed = nowISO(cfg);
  await cfg.releases.update(rel);
  return { release: rel, warnings, action: 'install' };
}

async function ensureNamespace(cfg: Configuration, ns: string): Promise<void> {
  if (await cfg.backend.get('v1', 'Namespace', undefined, ns)) return;
  await cfg.backend.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { name: ns } } });
}

/** Helm's installCRDs: create the chart's crds/ objects that are absent, wait until Established, refresh discovery. */
async function installCrds(cfg: Configuration, chart: Chart, onProgress: InstallOptions['onProgress']): Promise<void> {
  const files = collectCrds(chart, chart.metadata.name);
  if (!files.length) return;
  const docs = files.flatMap((f) => splitManifest(f.content).map((d) => ({ ...d, source: f.source })));
  const crds = await toResources(docs, cfg.backend, '');
  const created: Resource[] = [];
  for (const r of crds) {
    if (await cfg.backend.get(r.obj.apiVersion, r.obj.kind, undefined, r.obj.metadata.name ?? '')) continue;
    await cfg.backend.apply(r.obj);
    created.push(r);
  }
  if (!created.length) return;
  onProgress?.({ type: 'step', message: `Installed ${created.length} CRD(s) from crds/` });
  await waitForReady(cfg.backend, created, { timeoutMs: 60_000, clock: cfg.clock, onProgress });
  cfg.backend.discovery.invalidate();
}

