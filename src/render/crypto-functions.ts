// Sprig's certificate, key and AES functions as Helm charts use them
// (admission-webhook charts make their own CA and serving certificate):
// genCA, genSelfSignedCert, genSignedCert (and their ...WithKey forms),
// genPrivateKey, buildCustomCert, encryptAES, decryptAES, htpasswd (bcrypt).
// Certificates are written by src/x509.ts synchronously, as a template
// function must be; the fields follow Sprig's templates (RSA 2048 keys, a
// random 128-bit serial, server and client auth, CA bit and key usages as
// Sprig sets them).
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bcrypt } from './bcrypt.js';
import { createCertificate, ExtKeyUsage, KeyUsage } from '../x509.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...args: any[]) => unknown;

/** What the function library lends this module (kept there so the coercions are Helm's everywhere). */
export interface CryptoHelpers {
  readonly def: (name: string, fn: Fn) => void;
  readonly s: (v: unknown) => string;
  readonly list: (v: unknown) => unknown[];
  readonly toInt: (v: unknown) => number;
  readonly fail: (msg: string) => never;
}

function keyPem(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return key.export({ type: 'pkcs1', format: 'pem' }) as string;
  if (key.asymmetricKeyType === 'ec') return key.export({ type: 'sec1', format: 'pem' }) as string;
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

function rsaKey(bitsLen: number): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: bitsLen }).privateKey;
}

interface Certificate {
  readonly Cert: string;
  readonly Key: string;
}

interface CertSpec {
  readonly cn: string;
  readonly ips: string[];
  readonly dns: string[];
  readonly days: number;
  readonly isCA: boolean;
  readonly key: KeyObject;
  /** The signer; undefined for a self-signed certificate. */
  readonly issuer?: { readonly cert: X509Certificate; readonly key: KeyObject };
}

/** A certificate with Sprig's fields: random 128-bit serial, valid from now for `days`, server and client auth. */
function buildCertificate(spec: CertSpec): Certificate {
  const now = new Date();
  const cert = createCertificate({
    subject: { cn: spec.cn },
    key: spec.key,
    issuer: spec.issuer,
    serial: randomBytes(16),
    notBefore: now,
    notAfter: new Date(now.getTime() + spec.days * 24 * 3600 * 1000),
    isCA: spec.isCA,
    keyUsage: spec.isCA ? [KeyUsage.digitalSignature, KeyUsage.keyEncipherment, KeyUsage.keyCertSign] : [KeyUsage.digitalSignature, KeyUsage.keyEncipherment],
    extKeyUsage: [ExtKeyUsage.serverAuth, ExtKeyUsage.clientAuth],
    dnsNames: spec.dns,
    ips: spec.ips,
  });
  return { Cert: cert, Key: keyPem(spec.key) };
}

export function registerCryptoFunctions(h: CryptoHelpers): void {
  const { def, s, list, toInt, fail } = h;
  const parseKey = (fn: string, pem: unknown): KeyObject => {
    try {
      return createPrivateKey(s(pem));
    } catch (err) {
      return fail(`${fn}: error parsing private key: ${(err as Error).message}`);
    }
  };
  const strings = (fn: string, what: string, v: unknown): string[] => {
    const xs = v === undefined || v === null ? [] : list(v).map(s);
    if (what === 'ip') for (const ip of xs) if (!isIP(ip)) fail(`${fn}: error parsing ip: ${ip}`);
    return xs;
  };
  const caOf = (fn: string, ca: unknown): { cert: X509Certificate; key: KeyObject } => {
    const c = (ca ?? {}) as Partial<Certificate>;
    if (typeof c !== 'object' || !c.Cert || !c.Key) fail(`${fn}: the CA must be a certificate from genCA or buildCustomCert (with Cert and Key)`);
    try {
      return { cert: new X509Certificate(s(c.Cert)), key: parseKey(fn, c.Key) };
    } catch (err) {
      return fail(`${fn}: error parsing the CA certificate: ${(err as Error).message}`);
    }
  };
  const freeze = (c: Certificate) => Object.freeze({ ...c });

  def('genCA', (cn: unknown, days: unknown) => freeze(buildCertificate({ cn: s(cn), ips: [], dns: [], days: toInt(days), isCA: true, key: rsaKey(2048) })));
  def('genCAWithKey', (cn: unknown, days: unknown, key: unknown) => freeze(buildCertificate({ cn: s(cn), ips: [], dns: [], days: toInt(days), isCA: true, key: parseKey('genCAWithKey', key) })));
  def('genSelfSignedCert', (cn: unknown, ips: unknown, dns: unknown, days: unknown) =>
    freeze(buildCertificate({ cn: s(cn), ips: strings('genSelfSignedCert', 'ip', ips), dns: strings('genSelfSignedCert', 'dns', dns), days: toInt(days), isCA: false, key: rsaKey(2048) })));
  def('genSelfSignedCertWithKey', (cn: unknown, ips: unknown, dns: unknown, days: unknown, key: unknown) =>
    freeze(buildCertificate({ cn: s(cn), ips: strings('genSelfSignedCertWithKey', 'ip', ips), dns: strings('genSelfSignedCertWithKey', 'dns', dns), days: toInt(days), isCA: false, key: parseKey('genSelfSignedCertWithKey', key) })));
  def('genSignedCert', (cn: unknown, ips: unknown, dns: unknown, days: unknown, ca: unknown) =>
    freeze(buildCertificate({ cn: s(cn), ips: strings('genSignedCert', 'ip', ips), dns: strings('genSignedCert', 'dns', dns), days: toInt(days), isCA: false, key: rsaKey(2048), issuer: caOf('genSignedCert', ca) })));
  def('genSignedCertWithKey', (cn: unknown, ips: unknown, dns: unknown, days: unknown, ca: unknown, key: unknown) =>
    freeze(buildCertificate({ cn: s(cn), ips: strings('genSignedCertWithKey', 'ip', ips), dns: strings('genSignedCertWithKey', 'dns', dns), days: toInt(days), isCA: false, key: parseKey('genSignedCertWithKey', key), issuer: caOf('genSignedCertWithKey', ca) })));
  def('genPrivateKey', (typ: unknown) => {
    switch (s(typ)) {
      case 'rsa':
        return keyPem(rsaKey(4096));
      case 'ecdsa':
        return keyPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
      case 'ed25519':
        return keyPem(generateKeyPairSync('ed25519').privateKey);
      case 'dsa':
        return generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      default:
        // Sprig answers an unknown type with this text, not an error.
        return `Unknown type ${s(typ)}`;
    }
  });
  def('buildCustomCert', (cert: unknown, key: unknown) => {
    const c = Buffer.from(s(cert), 'base64').toString('utf8');
    const k = Buffer.from(s(key), 'base64').toString('utf8');
    try {
      new X509Certificate(c);
    } catch (err) {
      fail(`buildCustomCert: error parsing certificate: ${(err as Error).message}`);
    }
    parseKey('buildCustomCert', k);
    return freeze({ Cert: c, Key: k });
  });
  def('htpasswd', (user: unknown, password: unknown) => {
    const u = s(user);
    // Sprig's answer to a name htpasswd files cannot hold, returned as text like Helm.
    if (u.includes(':')) return `invalid username: ${u}`;
    return `${u}:${bcrypt(s(password), randomBytes(16), 10)}`;
  });
  const aesKey = (password: unknown) => {
    const key = Buffer.alloc(32);
    Buffer.from(s(password), 'utf8').copy(key, 0, 0, 32);
    return key;
  };
  def('encryptAES', (password: unknown, plaintext: unknown) => {
    const text = s(plaintext);
    if (text === '') return '';
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', aesKey(password), iv);
    return Buffer.concat([iv, c.update(text, 'utf8'), c.final()]).toString('base64');
  });
  def('decryptAES', (password: unknown, encoded: unknown) => {
    const data = Buffer.from(s(encoded), 'base64');
    if (data.length < 16 || data.length % 16 !== 0) fail('decryptAES: the ciphertext is not a multiple of the block size');
    try {
      const d = createDecipheriv('aes-256-cbc', aesKey(password), data.subarray(0, 16));
      return Buffer.concat([d.update(data.subarray(16)), d.final()]).toString('utf8');
    } catch (err) {
      return fail(`decryptAES: ${(err as Error).message}`);
    }
  });
}

/** Sprig's adler32sum (crypto.go): the Adler-32 checksum of the bytes. */
export function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of buf) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
