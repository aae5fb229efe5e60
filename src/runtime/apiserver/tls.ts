// The runtime's own PKI: a CA and a serving certificate for 127.0.0.1 /
// localhost, and an admin bearer token — generated at first start and kept
// in the data dir so kubeconfigs stay valid across restarts.
import { generateKeyPairSync, randomBytes, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificate, ExtKeyUsage, KeyUsage } from '../../x509.js';

export interface Credentials {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly token: string;
}

/** A new ECDSA P-256 key (what kubectl and client-go accept for CAs, servers and clients). */
export function newEcKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

export function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
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

/** Loads the data dir's CA, serving certificate and admin token, creating them on first use. */
export async function ensureCredentials(dir: string): Promise<Credentials> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = { ca: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), cert: join(dir, 'apiserver.crt'), key: join(dir, 'apiserver.key'), token: join(dir, 'admin.token') };
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
