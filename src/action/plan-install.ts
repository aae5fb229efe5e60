// Planning `skiff install`: the release name, the revision number, the
// rendered pending revision and the settings execute() carries out (record
// revision 1 as the lock, hooks, apply, wait, outcome; --atomic uninstalls on
// any failure, a wait timeout included). Also the checks and helpers install
// and upgrade share.
import { randomInt } from 'node:crypto';
import type { Chart, Values } from '../chart/types.js';
import { ReleaseConflictError, UsageError } from '../errors.js';
import { formatManifests, type Manifest } from '../render/index.js';
import { chartRecord } from '../release/codec.js';
import { SYSTEM_LABELS, type Release } from '../release/types.js';
import type { Configuration, OperationOptions } from './configuration.js';
import { collectCrds, renderRelease, type RenderedRelease } from './render-release.js';
import type { CrdPolicy } from '../release/crd-policy.js';
import { checkOrder, recordedSubchartOrder } from '../release/order.js';
import type { PostRenderer } from './post-render.js';
import { validateReleaseName } from './release-name.js';
import { hookRecords, nowISO } from './release-ops.js';
import { clusterLookup, clusterCapabilities, prefetchCapabilities } from './cluster-info.js';
import { resolveSensitive } from '../release/sensitive.js';
import { commonSettings, readHistory, serverSideOf, type ApplyFlags, type ReleasePlan } from './plan.js';

export type DryRun = false | 'client' | 'server';

export interface InstallOptions extends OperationOptions, ApplyFlags {
  readonly chart: Chart;
  /** User-supplied values (mergeValueOptions of the values flags). */
  readonly values: Values;
  readonly namespace: string;
  readonly releaseName?: string;
  readonly generateName?: boolean;
  readonly nameTemplate?: string;
  readonly createNamespace?: boolean;
  readonly dryRun?: DryRun;
  readonly replace?: boolean;
  /** Helm's --skip-crds: an alias of crds 'skip'. */
  readonly skipCrds?: boolean;
  /** --crds (resolveCrdPolicy): what happens to the chart's crds/; default 'create'. */
  readonly crds?: CrdPolicy;
  readonly noHooks?: boolean;
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
  /**
   * --mark-sensitive paths (--set key syntax), checked against the values the
   * revision records — for an upgrade with --reuse-values the reused ones
   * too — and recorded with `sensitive`; ValuesError, before anything is
   * written, for a path that names no value.
   */
  readonly markSensitive?: readonly string[];
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
  readonly dry: DryRun;
  readonly warnings: string[];
  /** Records a warning and reports it as progress. */
  readonly report: (message: string) => void;
}

/** Validates the release name, labels and --hide-secret (dry runs only, as Helm), starts the renderer, and returns the operation's shared state. */
export function startOperation(cfg: Configuration, name: string, opts: InstallOptions): OperationStart {
  validateReleaseName(name);
  checkLabels(opts.labels);
  const dry = opts.dryRun ?? false;
  if (opts.hideSecret && !dry) throw new UsageError('Hiding Kubernetes secrets requires a dry-run mode');
  // The render comes after the cluster has been asked for its version and the release history: start its process now.
  cfg.renderer.prestart?.();
  // The cluster's capabilities are asked while the history is read (Helm asks for them first, then for the history).
  if (dry !== 'client') prefetchCapabilities(cfg);
  const warnings: string[] = [];
  const report = (m: string) => {
    warnings.push(m);
    opts.onProgress?.({ type: 'warning', message: m });
  };
  return { ns: opts.namespace, dry, warnings, report };
}

/** `sensitive` plus the pointers of the --mark-sensitive paths, checked against `values` (resolveSensitive). */
export function withMarks(sensitive: readonly string[] | undefined, marks: readonly string[] | undefined, chart: Chart, values: Values): string[] {
  const marked = marks?.length ? resolveSensitive({ chart, values, markSensitive: marks }) : [];
  return [...new Set([...(sensitive ?? []), ...marked])].sort();
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
 * The render both planners share: the cluster's capabilities (none asked for a
 * client dry run), the chart rendered as `revision` with the operation's
 * options, its warnings reported, and HIP-0025's order checked, so a cycle or
 * an unknown group refuses before anything is written.
 */
export async function renderPlanned(
  cfg: Configuration,
  opts: InstallOptions,
  at: { verb: 'install' | 'upgrade'; name: string; ns: string; revision: number; values: Values; dry: DryRun; report: (m: string) => void },
): Promise<{ rendered: RenderedRelease; subchartOrder: ReturnType<typeof recordedSubchartOrder> }> {
  const t0 = cfg.clock.now().getTime();
  const caps = await clusterCapabilities(cfg, at.dry === 'client');
  cfg.log(`${at.verb} ${at.name}: capabilities in ${cfg.clock.now().getTime() - t0} ms`);
  const rendered = await renderRelease({
    chart: opts.chart,
    userValues: at.values,
    releaseName: at.name,
    namespace: at.ns,
    revision: at.revision,
    isUpgrade: at.verb === 'upgrade',
    kubeVersion: caps.kubeVersion,
    apiVersions: caps.apiVersions,
    lookup: at.dry === 'client' ? undefined : clusterLookup(cfg.backend),
    skipSchemaValidation: opts.skipSchemaValidation,
    renderTimeoutMs: opts.renderTimeoutMs,
    enableDns: opts.enableDns,
    postRenderer: opts.postRenderer,
    renderer: cfg.renderer,
  });
  for (const w of rendered.warnings) at.report(w);
  cfg.log(`${at.verb} ${at.name}: rendered ${rendered.manifests.length} manifests and ${rendered.hooks.length} hooks at ${cfg.clock.now().getTime() - t0} ms`);
  const subchartOrder = recordedSubchartOrder(rendered.chart);
  checkOrder(rendered.manifests.filter((m) => !m.empty), rendered.chart.metadata.name, subchartOrder);
  return { rendered, subchartOrder };
}

/**
 * Plans an install: the name chosen, the history read (a live lock refuses
 * with ReleaseConflictError, as does a name in use unless --replace over an
 * uninstalled or failed release), capabilities asked, the chart rendered as
 * the pending revision. Writes nothing; a dry run's plan is its result.
 */
export async function planInstall(cfg: Configuration, opts: InstallOptions, inherited: readonly string[] = []): Promise<ReleasePlan> {
  const name = chooseName({ ...opts, now: cfg.clock.now().getTime() });
  const { ns, dry, warnings, report } = startOperation(cfg, name, opts);
  // A new release has nothing to latch on: server-side unless --server-side=false (Helm 4's install default).
  const serverSide = serverSideOf(opts, opts.serverSide === false ? 'csa' : 'ssa');
  warnings.unshift(...inherited);
  const sensitive = withMarks(opts.sensitive, opts.markSensitive, opts.chart, opts.values);
  const { last, stale } = await readHistory(cfg, ns, name, 'install', !!dry);
  let revision = 1;
  if (last) {
    const reusable = last.status === 'uninstalled' || last.status === 'failed';
    if (!(opts.replace && reusable) && !(stale && last.status === 'failed')) {
      throw new ReleaseConflictError(`cannot re-use a name that is still in use`, {
        hint: reusable ? `release "${name}" is ${last.status}; pass --replace to install over it` : `use "skiff upgrade ${name}" to change it`,
      });
    }
    revision = last.version + 1;
  }

  const crdPolicy = opts.crds ?? (opts.skipCrds ? 'skip' : 'create');
  const crds = crdPolicy === 'skip' ? [] : collectCrds(opts.chart, opts.chart.metadata.name);
  if (dry && crds.length) report('This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.');
  const { rendered, subchartOrder } = await renderPlanned(cfg, opts, { verb: 'install', name, ns, revision, values: opts.values, dry, report });
  const now = nowISO(cfg);
  const rel: Release = {
    name,
    namespace: ns,
    version: revision,
    info: { first_deployed: now, last_deployed: now, deleted: '', description: dry ? 'Dry run complete' : 'Initial install underway', status: 'pending-install', ...(rendered.notes ? { notes: rendered.notes } : {}) },
    chart: chartRecord(opts.chart),
    config: opts.values,
    manifest: releaseManifest(rendered.recorded, opts.hideSecret),
    hooks: hookRecords(rendered.hooks),
    labels: { ...(opts.labels ?? {}) },
    ...(sensitive.length ? { sensitive_values: sensitive } : {}),
    apply_method: serverSide ? 'ssa' : 'csa',
    ...(subchartOrder ? { subchart_order: subchartOrder } : {}),
  };
  return {
    verb: 'install',
    release: rel,
    ...(stale ? { stale } : {}),
    ...(last ? { replaces: last } : {}),
    crds: dry ? [] : crds,
    crdPolicy,
    settings: {
      ...commonSettings(opts, serverSide),
      takeOwnership: opts.takeOwnership,
      createNamespace: opts.createNamespace,
      atomic: opts.atomic,
      description: opts.description,
    },
    warnings,
  };
}
