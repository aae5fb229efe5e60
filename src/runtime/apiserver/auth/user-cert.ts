// Client certificates for cluster users: CN = user name, O = groups, signed by
// the cluster CA with the clientAuth usage, as kube-apiserver's x509
// authenticator reads them; and the kubeconfig that carries one.
import { randomBytes, webcrypto } from 'node:crypto';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface UserCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

function pemBody(pem: string, label: string): Buffer {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`no ${label} in PEM data`);
  return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

// RFC 4514 escaping for attribute values in a distinguished name string.
const dnValue = (v: string) => v.replace(/([,+"\\<>;=#])/g, '\\$1');

/**
 * Issues a client certificate for `user` (CN) in `groups` (one O each), signed
 * by the CA whose certificate and PKCS#8 EC key are given; valid for `days`.
 * Throws when the CA material cannot be read.
 */
export async function issueUserCertificate(o: { caPem: string; caKeyPem: string; user: string; groups: readonly string[]; days?: number }): Promise<UserCertificate> {
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const ca = new x509.X509Certificate(o.caPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', pemBody(o.caKeyPem, 'PRIVATE KEY'), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as { publicKey: webcrypto.CryptoKey; privateKey: webcrypto.CryptoKey };
  const subject = [...o.groups.map((g) => `O=${dnValue(g)}`), `CN=${dnValue(o.user)}`].join(', ');
  const notBefore = new Date(Date.now() - 5 * 60_000);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALG,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (o.days ?? 365) * 24 * 3600_000),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: toPem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY') };
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
