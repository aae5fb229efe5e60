// Kubeconfig loading (src/kube/kubeconfig-core.ts) with the YAML library at
// hand for the files the plain reader declines. `skiff list`'s fast path
// uses the core directly and loads the library only when a file needs it.
import { parse } from 'yaml';
import { loadKubeConfigWith, type ClusterConfig, type KubeConfigOptions } from './kubeconfig-core.js';

export * from './kubeconfig-core.js';

/**
 * Loads and merges kubeconfig files, picks the context and applies the
 * overrides. Throws KubeConfigError naming the file and key for a missing
 * file, malformed YAML, an unknown context/cluster/user, or an unreadable or
 * invalid certificate, key or token file.
 */
export function loadKubeConfig(opts: KubeConfigOptions = {}): ClusterConfig {
  return loadKubeConfigWith(opts, parse);
}
