// `skiff get all|values|manifest|notes|hooks|metadata`.
import type { Values } from '../chart/types.js';
import type { Release } from '../release/types.js';
import { coalesceTables } from '../values/index.js';
import type { Configuration } from './configuration.js';
import { getRelease } from './status.js';
import { cloneJson } from '../util/json.js';

export interface ReleaseMetadata {
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly appVersion: string;
  readonly annotations?: Record<string, string>;
  readonly dependencies?: unknown[];
  readonly namespace: string;
  readonly revision: number;
  readonly status: string;
  readonly deployedAt: string;
}

/** The revision asked for (newest by default); throws ReleaseNotFoundError. */
export function get(cfg: Configuration, opts: { releaseName: string; namespace: string; revision?: number }): Promise<Release> {
  return getRelease(cfg, opts);
}

/** `get values`: the user-supplied values, or with `all` those coalesced over the chart's defaults. */
export function releaseValues(rel: Release, all = false): Values {
  if (!all) return rel.config ?? {};
  return coalesceTables(cloneJson(rel.config ?? {}), cloneJson(rel.chart.values ?? {})) ?? {};
}

/** `get metadata`, with Helm's JSON keys. */
export function releaseMetadata(rel: Release): ReleaseMetadata {
  const m = rel.chart.metadata;
  return {
    name: rel.name,
    chart: m.name,
    version: m.version,
    appVersion: m.appVersion ?? '',
    ...(m.annotations ? { annotations: m.annotations } : {}),
    ...(m.dependencies ? { dependencies: m.dependencies } : {}),
    namespace: rel.namespace,
    revision: rel.version,
    status: rel.info.status,
    deployedAt: rel.info.last_deployed,
  };
}
