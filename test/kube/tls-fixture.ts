// A throwaway PKI for tests: a CA, a server certificate for 127.0.0.1 /
// localhost (and an extra name for tls-server-name tests), and client
// certificates for mutual TLS.
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

export interface TestPki {
  readonly ca: Pem;
  readonly server: Pem;
  /** A client certificate with CN=user (O=group). */
  readonly client: Pem;
  issue(cn: string, org?: string): Promise<Pem>;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

async function keys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
}

/** Creates a CA and a server certificate valid for 127.0.0.1, localhost and kube.test. */
export async function createPki(): Promise<TestPki> {
  const caKeys = await keys();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=skiff-test-ca',
    keys: caKeys,
    signingAlgorithm: ALG,
    notBefore: new Date(Date.now() - 60_000),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const issue = async (cn: string, org?: string, server = false): Promise<Pem> => {
    const k = await keys();
    const cert = await x509.X509CertificateGenerator.create({
      subject: org ? `CN=${cn}, O=${org}` : `CN=${cn}`,
      issuer: caCert.subject,
      publicKey: k.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALG,
      notBefore: new Date(Date.now() - 60_000),
      extensions: server
        ? [
            new x509.SubjectAlternativeNameExtension([
              { type: 'ip', value: '127.0.0.1' },
              { type: 'dns', value: 'localhost' },
              { type: 'dns', value: 'kube.test' },
            ]),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          ]
        : [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
    });
    return { cert: cert.toString('pem'), key: await keyPem(k.privateKey) };
  };
  return {
    ca: { cert: caCert.toString('pem'), key: await keyPem(caKeys.privateKey) },
    server: await issue('127.0.0.1', undefined, true),
    client: await issue('user', 'group'),
    issue: (cn, org) => issue(cn, org),
  };
}
