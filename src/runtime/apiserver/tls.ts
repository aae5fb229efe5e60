// The runtime's own PKI: a CA and a serving certificate for 127.0.0.1 /
// localhost, and an admin bearer token — generated at first start and kept
// in the data dir so kubeconfigs stay valid across restarts.
import { randomBytes, timingSafeEqual, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
type KeyPair = { publicKey: webcrypto.CryptoKey; privateKey: webcrypto.CryptoKey };

export interface Credentials {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly token: string;
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

async function generate(): Promise<Omit<Credentials, 'token'> & { caKeyPem: string }> {
  // Loaded only on first start: the library is large and later starts reuse the files.
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as KeyPair;
  const notBefore = new Date(Date.now() - 60 * 60_000);
  const notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: 'CN=skiff-ca',
    keys: caKeys,
    signingAlgorithm: ALG,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  const serverKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as KeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: 'CN=skiff-apiserver',
    issuer: ca.subject,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '10.96.0.1' },
        { type: 'dns', value: 'kubernetes' },
        { type: 'dns', value: 'kubernetes.default' },
        { type: 'dns', value: 'kubernetes.default.svc' },
      ]),
    ],
  });
  return { caPem: ca.toString('pem') + '\n', certPem: cert.toString('pem') + '\n', keyPem: await keyPem(serverKeys.privateKey), caKeyPem: await keyPem(caKeys.privateKey) };
}

/** Loads the data dir's CA, serving certificate and admin token, creating them on first use. */
export async function ensureCredentials(dir: string): Promise<Credentials> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = { ca: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), cert: join(dir, 'apiserver.crt'), key: join(dir, 'apiserver.key'), token: join(dir, 'admin.token') };
  // The CA key signs user certificates (`skiff cluster user add`); a PKI without it is regenerated.
  if (!existsSync(files.ca) || !existsSync(files.caKey) || !existsSync(files.cert) || !existsSync(files.key)) {
    const g = await generate();
    writeFileSync(files.caKey, g.caKeyPem, { mode: 0o600 });
    writeFileSync(files.key, g.keyPem, { mode: 0o600 });
    writeFileSync(files.cert, g.certPem);
    writeFileSync(files.ca, g.caPem);
  }
  if (!existsSync(files.token)) writeFileSync(files.token, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
  return {
    caPem: readFileSync(files.ca, 'utf8'),
    certPem: readFileSync(files.cert, 'utf8'),
    keyPem: readFileSync(files.key, 'utf8'),
    token: readFileSync(files.token, 'utf8').trim(),
  };
}

/** Constant-time token comparison. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
