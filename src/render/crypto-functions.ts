// Sprig's certificate, key and AES functions as Helm charts use them
// (admission-webhook charts make their own CA and serving certificate):
// genCA, genSelfSignedCert, genSignedCert (and their ...WithKey forms),
// genPrivateKey, buildCustomCert, encryptAES, decryptAES, htpasswd (bcrypt). Certificates are
// assembled in DER here and signed with node:crypto, synchronously, as a
// template function must be; the fields follow Sprig's templates (RSA 2048
// keys, a random 128-bit serial, server and client auth, CA bit and key
// usages as Sprig sets them).
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bcrypt } from './bcrypt.js';

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

// ---- DER
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const explicit = (n: number, ...parts: Buffer[]) => tlv(0xa0 + n, ...parts);
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const NULL = tlv(0x05);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0 && !(b[i + 1]! & 0x80)) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const name = (cn: string) => (cn === '' ? seq() : seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8'))))));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

// ---- keys and signing
function signatureAlgorithm(key: KeyObject): { alg: Buffer; digest: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { alg: seq(oid('1.2.840.113549.1.1.11'), NULL), digest: 'sha256' };
    case 'ec':
      return { alg: seq(oid('1.2.840.10045.4.3.2')), digest: 'sha256' };
    case 'ed25519':
      return { alg: seq(oid('1.3.101.112')), digest: null };
    default:
      throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
  }
}

function keyPem(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return key.export({ type: 'pkcs1', format: 'pem' }) as string;
  if (key.asymmetricKeyType === 'ec') return key.export({ type: 'sec1', format: 'pem' }) as string;
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

function rsaKey(bitsLen: number): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: bitsLen }).privateKey;
}

/** Where the DER element at `at` starts, where its contents start, and where it ends. */
function element(raw: Buffer, at: number): { start: number; body: number; end: number } {
  const l = raw[at + 1]!;
  if (!(l & 0x80)) return { start: at, body: at + 2, end: at + 2 + l };
  let n = 0;
  for (let k = 0; k < (l & 0x7f); k++) n = n * 256 + raw[at + 2 + k]!;
  return { start: at, body: at + 2 + (l & 0x7f), end: at + 2 + (l & 0x7f) + n };
}

/** The subjectKeyIdentifier Go derives: SHA-1 of the public key bits of a SubjectPublicKeyInfo. */
function keyId(spki: Buffer): Buffer {
  const algorithm = element(spki, element(spki, 0).body);
  const key = element(spki, algorithm.end);
  return createHash('sha1').update(spki.subarray(key.body + 1, key.end)).digest();
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

function buildCertificate(spec: CertSpec): Certificate {
  const spki = createPublicKey(spec.key).export({ type: 'spki', format: 'der' });
  const signer = spec.issuer?.key ?? spec.key;
  const { alg, digest } = signatureAlgorithm(signer);
  const now = new Date();
  const notAfter = new Date(now.getTime() + spec.days * 24 * 3600 * 1000);
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const exts: Buffer[] = [
    // digitalSignature | keyEncipherment (| keyCertSign for a CA), as Sprig sets them.
    extension('2.5.29.15', true, spec.isCA ? bits(Buffer.from([0xa4]), 2) : bits(Buffer.from([0xa0]), 5)),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.19', true, spec.isCA ? seq(bool(true)) : seq()),
  ];
  if (spec.isCA) exts.push(extension('2.5.29.14', false, octets(keyId(spki))));
  if (spec.issuer) {
    const issuerSpki = spec.issuer.cert.publicKey.export({ type: 'spki', format: 'der' });
    exts.push(extension('2.5.29.35', false, seq(tlv(0x80, keyId(issuerSpki)))));
  }
  const sans = [
    ...spec.dns.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...spec.ips.map((ip) => tlv(0x87, ipBytes(ip))),
  ];
  if (sans.length > 0) exts.push(extension('2.5.29.17', false, seq(...sans)));
  const issuerName = spec.issuer ? issuerNameDer(spec.issuer.cert) : name(spec.cn);
  const tbs = seq(explicit(0, integer(Buffer.from([2]))), integer(serial), alg, issuerName, seq(time(now), time(notAfter)), name(spec.cn), spki, explicit(3, seq(...exts)));
  const signature = sign(digest, tbs, signer);
  const der = seq(tbs, alg, bits(signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  return { Cert: pem, Key: keyPem(spec.key) };
}

function ipBytes(ip: string): Buffer {
  const v = isIP(ip);
  if (v === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand "::" and write 8 groups.
  const [head, tail] = ip.includes('::') ? ip.split('::') as [string, string] : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; }));
}

/** The issuer's subject, exactly as encoded in its certificate (so chains verify byte for byte). */
function issuerNameDer(cert: X509Certificate): Buffer {
  // Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version, serial, signature, issuer, validity, subject, ... }, ... }
  const raw = cert.raw;
  const tbs = element(raw, element(raw, 0).body);
  let at = tbs.body;
  if (raw[at] === 0xa0) at = element(raw, at).end;
  for (let i = 0; i < 4; i++) at = element(raw, at).end; // serial, signature, issuer, validity
  const subject = element(raw, at);
  return Buffer.from(raw.subarray(subject.start, subject.end));
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
