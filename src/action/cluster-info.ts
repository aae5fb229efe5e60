// What rendering needs from the cluster: Capabilities and the lookup function.
import type { Backend } from '../kube/backend.js';
import type { LookupFn } from '../render/index.js';
import { DEFAULT_KUBE_VERSION } from '../version.js';
import type { Configuration } from './configuration.js';

/** The cluster's version and served API versions; the defaults (as `template` uses) for a client dry run. */
export async function clusterCapabilities(cfg: Pick<Configuration, 'backend'>, offline: boolean): Promise<{ kubeVersion: string; apiVersions?: string[] }> {
  if (offline) return { kubeVersion: DEFAULT_KUBE_VERSION };
  const v = await cfg.backend.discovery.serverVersion();
  return { kubeVersion: v.gitVersion, apiVersions: await cfg.backend.discovery.apiVersions() };
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
