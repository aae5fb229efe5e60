// What rendering needs from the cluster: Capabilities and the lookup function.
import type { Backend } from '../kube/backend.js';
import type { LookupFn } from '../render/index.js';
import { DEFAULT_KUBE_VERSION } from '../version.js';
import type { Configuration } from './configuration.js';

/**
 * The cluster's version and served API versions; the defaults (as `template`
 * uses) for a client dry run. Both are asked at once; a failure to read the
 * version is the one reported when both fail.
 */
export async function clusterCapabilities(cfg: Pick<Configuration, 'backend'>, offline: boolean): Promise<{ kubeVersion: string; apiVersions?: string[] }> {
  if (offline) return { kubeVersion: DEFAULT_KUBE_VERSION };
  const version = cfg.backend.discovery.serverVersion();
  const apiVersions = cfg.backend.discovery.apiVersions();
  // Handled here too, so a rejection while the version is awaited is not reported as unhandled.
  apiVersions.catch(() => undefined);
  const v = await version;
  return { kubeVersion: v.gitVersion, apiVersions: await apiVersions };
}

/**
 * Starts the requests clusterCapabilities will make, so they run while the
 * caller reads the release history and loads its renderer; their answers are
 * kept by the discovery cache. A failure is dropped here: the cache forgets
 * it, and clusterCapabilities asks again and reports it.
 */
export function prefetchCapabilities(cfg: Pick<Configuration, 'backend'>): void {
  const d = cfg.backend.discovery;
  Promise.all([d.serverVersion(), d.apiVersions()]).catch(() => undefined);
}

/** Backs the template `lookup` function with live reads; `{}` for what does not exist (Helm's behaviour). */
export function clusterLookup(backend: Backend): LookupFn {
  return async (apiVersion, kind, namespace, name) => {
    try {
      if (name) return ((await backend.get(apiVersion, kind, namespace || undefined, name)) ?? {}) as Record<string, unknown>;
      const info = await backend.discovery.resolve(apiVersion, kind);
      const list = await backend.client.list({ group: info.group, version: info.version, resource: info.resource, namespace: info.namespaced && namespace ? namespace : undefined });
      return list as unknown as Record<string, unknown>;
    } catch {
      return {};
    }
  };
}
