// `skiff status`: a revision's record and, with --show-resources, each
// object's live readiness.
import type { Release } from '../release/types.js';
import type { Configuration } from './configuration.js';
import { releaseResources } from './release-ops.js';
import { bareMessage } from '../release/resources.js';
import { ReleaseNotFoundError } from '../errors.js';

export interface ResourceStatus {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly exists: boolean;
  readonly ready: boolean;
  readonly message: string;
}

export interface StatusResult {
  readonly release: Release;
  readonly resources?: readonly ResourceStatus[];
}

/** Loads one revision (the newest by default); throws ReleaseNotFoundError. */
export async function getRelease(cfg: Configuration, opts: { releaseName: string; namespace: string; revision?: number }): Promise<Release> {
  if (opts.revision) return cfg.releases.get(opts.namespace, opts.releaseName, opts.revision);
  const last = await cfg.releases.last(opts.namespace, opts.releaseName, { records: true });
  if (!last) throw new ReleaseNotFoundError(opts.releaseName);
  return last.load();
}

/** The status of a release; with showResources, every object of its manifest with its readiness. */
export async function status(cfg: Configuration, opts: { releaseName: string; namespace: string; revision?: number; showResources?: boolean }): Promise<StatusResult> {
  const release = await getRelease(cfg, opts);
  if (!opts.showResources) return { release };
  const objs = await releaseResources(cfg, release);
  const resources = await Promise.all(
    objs.map(async (r): Promise<ResourceStatus> => {
      const base = { apiVersion: r.obj.apiVersion, kind: r.obj.kind, name: r.obj.metadata.name ?? '', ...(r.obj.metadata.namespace ? { namespace: r.obj.metadata.namespace } : {}) };
      const live = await cfg.backend.get(r.obj.apiVersion, r.obj.kind, r.obj.metadata.namespace, base.name);
      if (!live) return { ...base, exists: false, ready: false, message: 'not found' };
      const rd = await cfg.backend.readiness(r.obj);
      return { ...base, exists: true, ready: rd.ready, message: bareMessage(r.obj, rd.message) };
    }),
  );
  return { release, resources };
}
