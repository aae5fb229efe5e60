// `skiff cluster user add`: a kubeconfig for a new user of the bundled
// cluster, authenticated by a client certificate signed by the cluster CA
// (CN = name, O = groups), as kube-apiserver's x509 authenticator reads it.
// What the user may do is RBAC's business: bind a Role or ClusterRole to the
// user or one of its groups.
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ClusterError, UsageError } from '../errors.js';
import { renderKubeconfig } from '../kube/kubeconfig-render.js';
import { createCertificate, ExtKeyUsage, KeyUsage, newEcKey, pkcs8Pem } from '../x509.js';
import { clusterDir, clusterLayout } from './layout.js';

export interface UserCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * Issues a client certificate for `user` (CN) in `groups` (one O each), signed
 * by the CA whose certificate and private key are given; valid for `days`.
 * Throws when the CA material cannot be read.
 */
export async function issueUserCertificate(o: { caPem: string; caKeyPem: string; user: string; groups: readonly string[]; days?: number }): Promise<UserCertificate> {
  const issuer = { cert: new X509Certificate(o.caPem), key: createPrivateKey(o.caKeyPem) };
  const key = newEcKey();
  const notBefore = new Date(Date.now() - 5 * 60_000);
  const certPem = createCertificate({
    subject: { o: o.groups, cn: o.user },
    key,
    issuer,
    serial: randomBytes(8),
    notBefore,
    notAfter: new Date(notBefore.getTime() + (o.days ?? 365) * 24 * 3600_000),
    isCA: false,
    keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyEncipherment],
    extKeyUsage: [ExtKeyUsage.clientAuth],
  });
  return { certPem, keyPem: pkcs8Pem(key) };
}

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
  const l = clusterLayout(clusterDir(o.home));
  if (!existsSync(l.kubeconfig) || !existsSync(l.pki.caCert)) {
    throw new ClusterError('the cluster has no credentials yet', { hint: 'start it first: skiff cluster start' });
  }
  if (!existsSync(l.pki.caKey)) {
    throw new ClusterError('the cluster CA key is missing, so no user certificate can be signed', { hint: 'recreate the cluster credentials: skiff cluster reset' });
  }
  const admin = parseYaml(readFileSync(l.kubeconfig, 'utf8')) as { clusters?: { cluster?: { server?: string } }[] };
  const url = admin.clusters?.[0]?.cluster?.server;
  if (!url) throw new ClusterError(`no server URL in ${l.kubeconfig}`);
  const caPem = readFileSync(l.pki.caCert, 'utf8');
  const cert = await issueUserCertificate({ caPem, caKeyPem: readFileSync(l.pki.caKey, 'utf8'), user: o.name, groups });
  mkdirSync(l.usersDir, { recursive: true, mode: 0o700 });
  const kubeconfigPath = l.userKubeconfig(o.name);
  const userName = `${o.name}@skiff`;
  writeFileSync(kubeconfigPath, renderKubeconfig({ clusterName: 'skiff', contextName: userName, userName, url, caPem, credentials: cert }), { mode: 0o600 });
  return { user: o.name, groups, kubeconfigPath };
}
