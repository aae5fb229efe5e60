// `skiff cluster user add`: a kubeconfig for a new user of the bundled
// cluster, authenticated by a client certificate signed by the cluster CA
// (CN = name, O = groups). What the user may do is RBAC's business: bind a
// Role or ClusterRole to the user or one of its groups.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ClusterError, UsageError } from '../errors.js';
import { clusterDir } from './cluster.js';
import { issueUserCertificate, userKubeconfig } from '../runtime/apiserver/auth/user-cert.js';

export interface AddClusterUserOptions {
  readonly home: string;
  readonly name: string;
  readonly groups?: readonly string[];
}

export interface AddClusterUserResult {
  readonly user: string;
  readonly groups: readonly string[];
  readonly kubeconfigPath: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@:-]*$/;

/**
 * Issues the user's certificate and writes `$SKIFF_HOME/cluster/users/NAME.kubeconfig`.
 * Throws UsageError for an invalid name or group, ClusterError when the cluster was never started.
 */
export async function addClusterUser(o: AddClusterUserOptions): Promise<AddClusterUserResult> {
  if (!NAME.test(o.name)) throw new UsageError(`invalid user name "${o.name}": use letters, digits and . _ @ : -`);
  const groups = [...(o.groups ?? [])];
  for (const g of groups) if (!NAME.test(g)) throw new UsageError(`invalid group "${g}": use letters, digits and . _ @ : -`);
  const dir = clusterDir(o.home);
  const pki = join(dir, 'pki');
  const adminKubeconfig = join(dir, 'kubeconfig');
  if (!existsSync(adminKubeconfig) || !existsSync(join(pki, 'ca.crt'))) {
    throw new ClusterError('the cluster has no credentials yet', { hint: 'start it first: skiff cluster start' });
  }
  if (!existsSync(join(pki, 'ca.key'))) {
    throw new ClusterError('the cluster CA key is missing, so no user certificate can be signed', { hint: 'recreate the cluster credentials: skiff cluster reset' });
  }
  const admin = parseYaml(readFileSync(adminKubeconfig, 'utf8')) as { clusters?: { cluster?: { server?: string } }[] };
  const url = admin.clusters?.[0]?.cluster?.server;
  if (!url) throw new ClusterError(`no server URL in ${adminKubeconfig}`);
  const caPem = readFileSync(join(pki, 'ca.crt'), 'utf8');
  const cert = await issueUserCertificate({ caPem, caKeyPem: readFileSync(join(pki, 'ca.key'), 'utf8'), user: o.name, groups });
  const usersDir = join(dir, 'users');
  mkdirSync(usersDir, { recursive: true, mode: 0o700 });
  const kubeconfigPath = join(usersDir, `${o.name}.kubeconfig`);
  writeFileSync(kubeconfigPath, userKubeconfig({ clusterName: 'skiff', url, caPem, user: o.name, cert }), { mode: 0o600 });
  return { user: o.name, groups, kubeconfigPath };
}
