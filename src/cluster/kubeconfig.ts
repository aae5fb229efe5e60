// `skiff cluster kubeconfig`: where the bundled cluster's admin kubeconfig
// is, and, with --merge, its cluster/context/user "skiff" merged into the
// user's kubeconfig (~/.kube/config), replacing entries of the same name.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ClusterError } from '../errors.js';
import { clusterDir, clusterLayout } from './layout.js';

export interface KubeconfigResult {
  readonly path: string;
  /** The file the skiff context was merged into, with --merge. */
  readonly mergedInto?: string;
}

type Named = { name: string; [k: string]: unknown };

/**
 * The kubeconfig path of the cluster; with `merge`, also writes context/cluster/user
 * "skiff" into `target` (~/.kube/config). Throws ClusterError before the first start
 * or when `target` is not valid YAML.
 */
export function clusterKubeconfig(home: string, opts: { merge?: boolean; target?: string } = {}): KubeconfigResult {
  const path = clusterLayout(clusterDir(home)).kubeconfig;
  if (!existsSync(path)) {
    throw new ClusterError('the cluster has no kubeconfig yet', { hint: 'start it first: skiff cluster start' });
  }
  if (!opts.merge) return { path };
  const target = opts.target ?? join(homedir(), '.kube', 'config');
  const ours = parseYaml(readFileSync(path, 'utf8')) as Record<string, Named[] | string>;
  let theirs: Record<string, unknown> = { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], preferences: {} };
  if (existsSync(target)) {
    try {
      theirs = (parseYaml(readFileSync(target, 'utf8')) as Record<string, unknown>) ?? theirs;
    } catch (err) {
      throw new ClusterError(`${target}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  for (const key of ['clusters', 'contexts', 'users'] as const) {
    const list = (Array.isArray(theirs[key]) ? theirs[key] : []) as Named[];
    for (const entry of ours[key] as Named[]) {
      const i = list.findIndex((e) => e?.name === entry.name);
      if (i >= 0) list[i] = entry;
      else list.push(entry);
    }
    theirs[key] = list;
  }
  if (!theirs['current-context']) theirs['current-context'] = 'skiff';
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.skiff-tmp`, stringifyYaml(theirs), { mode: 0o600 });
  renameSync(`${target}.skiff-tmp`, target);
  return { path, mergedInto: target };
}
