// Client certificates for cluster users: CN = user name, O = groups, signed by
// the cluster CA with the clientAuth usage, as kube-apiserver's x509
// authenticator reads them; and the kubeconfig that carries one.
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { createCertificate, ExtKeyUsage, KeyUsage } from '../../../x509.js';
import { newEcKey, pkcs8Pem } from '../tls.js';

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

/** A kubeconfig for `user` on the cluster at `url`, authenticating with a client certificate. */
export function userKubeconfig(o: { clusterName: string; url: string; caPem: string; user: string; cert: UserCertificate; namespace?: string }): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const userName = `${o.user}@${o.clusterName}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${o.clusterName}`,
    '  cluster:',
    `    server: ${o.url}`,
    `    certificate-authority-data: ${b64(o.caPem)}`,
    'contexts:',
    `- name: ${JSON.stringify(userName)}`,
    '  context:',
    `    cluster: ${o.clusterName}`,
    `    user: ${JSON.stringify(userName)}`,
    `    namespace: ${o.namespace ?? 'default'}`,
    `current-context: ${JSON.stringify(userName)}`,
    'preferences: {}',
    'users:',
    `- name: ${JSON.stringify(userName)}`,
    '  user:',
    `    client-certificate-data: ${b64(o.cert.certPem)}`,
    `    client-key-data: ${b64(o.cert.keyPem)}`,
    '',
  ].join('\n');
}
