// The runtime's own PKI: a CA and a serving certificate for 127.0.0.1 /
// localhost, and an admin bearer token — generated at first start and kept
// in the data dir so kubeconfigs stay valid across restarts.
import { randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { PkiFiles } from '../../cluster/layout.js';
import { createCertificate, ExtKeyUsage, KeyUsage, newEcKey, pkcs8Pem } from '../../x509.js';

export interface Credentials {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly token: string;
}

function generate(): Omit<Credentials, 'token'> & { caKeyPem: string } {
  const notBefore = new Date(Date.now() - 60 * 60_000);
  const notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const caKey = newEcKey();
  const caPem = createCertificate({
    subject: { cn: 'skiff-ca' },
    key: caKey,
    serial: randomBytes(8),
    notBefore,
    notAfter,
    isCA: true,
    keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyCertSign, KeyUsage.cRLSign],
  });
  const serverKey = newEcKey();
  const certPem = createCertificate({
    subject: { cn: 'skiff-apiserver' },
    key: serverKey,
    issuer: { cert: new X509Certificate(caPem), key: caKey },
    serial: randomBytes(8),
    notBefore,
    notAfter,
    isCA: false,
    keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyEncipherment],
    extKeyUsage: [ExtKeyUsage.serverAuth],
    ips: ['127.0.0.1', '::1', '10.96.0.1'],
    dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
  });
  return { caPem, certPem, keyPem: pkcs8Pem(serverKey), caKeyPem: pkcs8Pem(caKey) };
}

/** Loads the cluster's CA, serving certificate and admin token, creating them on first use. */
export async function ensureCredentials(pki: PkiFiles): Promise<Credentials> {
  mkdirSync(pki.dir, { recursive: true, mode: 0o700 });
  const files = { ca: pki.caCert, caKey: pki.caKey, cert: pki.serverCert, key: pki.serverKey, token: pki.adminToken };
  // The CA key signs user certificates (`skiff cluster user add`); a PKI without it is regenerated.
  if (!existsSync(files.ca) || !existsSync(files.caKey) || !existsSync(files.cert) || !existsSync(files.key)) {
    const g = generate();
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
  if (expected !== expectedText) {
    expectedText = expected;
    expectedBytes = Buffer.from(expected);
  }
  return a.length === expectedBytes.length && timingSafeEqual(a, expectedBytes);
}
let expectedText = '';
let expectedBytes = Buffer.alloc(0);
