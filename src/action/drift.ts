// `skiff diff release NAME`, `status --drift` and `upgrade --reset-drift`:
// the deployed revision's manifest against the live objects
// (src/release/drift.ts compares), and putting drifted fields back.
import { parseApiVersion } from '../apimachinery/types.js';
import { ReleaseNotFoundError } from '../errors.js';
import { compareObject, DRIFT_IGNORE_ANNOTATION, ignoreMatcher, parseIgnoreList, resetPatch, type IgnoreRule, type ObjectDrift } from '../release/drift.js';
import { setOwnership, type Resource } from '../release/resources.js';
import type { Release } from '../release/types.js';
import type { Configuration } from './configuration.js';
import { releaseResources } from './release-ops.js';

export interface DriftOptions {
  readonly releaseName: string;
  readonly namespace: string;
  /** --ignore rules, added to the chart's (Chart.yaml annotation) and each object's (manifest annotation). */
  readonly ignore?: readonly IgnoreRule[];
  /** Compare with this revision instead of the deployed one. */
  readonly release?: Release;
}

export interface DriftResult {
  /** The deployed revision compared. */
  readonly release: Release;
  /** Objects compared. */
  readonly checked: number;
  /** Objects that drifted or are missing, in manifest order. */
  readonly drifts: readonly ObjectDrift[];
}

interface Compared {
  readonly result: DriftResult;
  readonly objects: readonly { readonly resource: Resource; readonly drift: ObjectDrift }[];
}

async function deployed(cfg: Configuration, opts: DriftOptions): Promise<Release> {
  const head = await cfg.releases.deployed(opts.namespace, opts.releaseName);
  if (!head) {
    const any = await cfg.releases.last(opts.namespace, opts.releaseName);
    throw new ReleaseNotFoundError(opts.releaseName, any ? { hint: `release "${opts.releaseName}" has no deployed revision (revision ${any.version} is ${any.status}); nothing to compare` } : {});
  }
  return head.load();
}

async function compare(cfg: Configuration, opts: DriftOptions): Promise<Compared> {
  const rel = opts.release ?? (await deployed(cfg, opts));
  const chartRules = parseIgnoreList(rel.chart.metadata.annotations?.[DRIFT_IGNORE_ANNOTATION], `Chart.yaml annotation ${DRIFT_IGNORE_ANNOTATION}`);
  const rules = [...chartRules, ...(opts.ignore ?? [])];
  const resources = await releaseResources(cfg, rel);
  const objects: { resource: Resource; drift: ObjectDrift }[] = [];
  for (const r of resources) {
    const { apiVersion, kind, metadata } = r.obj;
    const id = { apiVersion, kind, ...(metadata.namespace ? { namespace: metadata.namespace } : {}), name: metadata.name! };
    const live = await cfg.backend.get(apiVersion, kind, metadata.namespace, metadata.name!);
    if (!live) {
      objects.push({ resource: r, drift: { ...id, missing: true, fields: [] } });
      continue;
    }
    const fields = compareObject(r.obj, live, ignoreMatcher(r.obj, rules));
    if (fields.length) objects.push({ resource: r, drift: { ...id, fields } });
  }
  return { result: { release: rel, checked: resources.length, drifts: objects.map((o) => o.drift) }, objects };
}

/** What changed outside skiff since the deployed revision; writes nothing. */
export async function detectDrift(cfg: Configuration, opts: DriftOptions): Promise<DriftResult> {
  return (await compare(cfg, opts)).result;
}

/**
 * Puts drifted fields back to the deployed manifest (a JSON patch of exactly
 * those fields) and re-creates missing objects; returns what was reset.
 */
export async function resetDrift(cfg: Configuration, opts: DriftOptions): Promise<DriftResult> {
  const { result, objects } = await compare(cfg, opts);
  for (const { resource, drift } of objects) {
    if (drift.missing) {
      await cfg.backend.apply(setOwnership(resource.obj, result.release.name, result.release.namespace));
      continue;
    }
    const info = await cfg.backend.discovery.resolve(drift.apiVersion, drift.kind);
    const { group, version } = parseApiVersion(drift.apiVersion);
    const ref = { group, version, resource: info.resource, ...(drift.namespace ? { namespace: drift.namespace } : {}), name: drift.name };
    await cfg.backend.client.patch(ref, 'json', resetPatch(drift.fields));
  }
  return result;
}

/** upgrade --reset-drift (execute.ts, under the lock): resets drift from `baseline`; one message per object put back. */
export async function resetDriftOf(cfg: Configuration, baseline: Release): Promise<string[]> {
  const r = await resetDrift(cfg, { releaseName: baseline.name, namespace: baseline.namespace, release: baseline });
  return r.drifts.map((d) => `Reset drift: ${d.kind}/${d.name}: ${d.missing ? 're-created (it was missing)' : `put back ${d.fields.map((f) => f.path).join(', ')}`}`);
}
