// X.509 certificates assembled in DER and signed with node:crypto,
// synchronously and without a certificate library: the bundled cluster's CA,
// serving and user certificates, and the template functions genCA,
// genSignedCert and friends. Node can read certificates (X509Certificate)
// but not write them; this writes the fields those uses need.
import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, generateKeyPairSync, sign, type KeyObject, type X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

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
const bitString = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
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

/** Where the DER element at `at` starts, where its contents start, and where it ends. */
function element(raw: Buffer, at: number): { start: number; body: number; end: number } {
  const l = raw[at + 1]!;
  if (!(l & 0x80)) return { start: at, body: at + 2, end: at + 2 + l };
  let n = 0;
  for (let k = 0; k < (l & 0x7f); k++) n = n * 256 + raw[at + 2 + k]!;
  return { start: at, body: at + 2 + (l & 0x7f), end: at + 2 + (l & 0x7f) + n };
}

// ---- names, keys, extensions
export interface DistinguishedName {
  /** Organizations, one RDN each (Kubernetes reads them as groups). */
  readonly o?: readonly string[];
  readonly cn?: string;
}

function name(n: DistinguishedName): Buffer {
  const rdn = (type: string, v: string) => set(seq(oid(type), tlv(0x0c, Buffer.from(v, 'utf8'))));
  return seq(...(n.o ?? []).map((o) => rdn('2.5.4.10', o)), ...(n.cn ? [rdn('2.5.4.3', n.cn)] : []));
}

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

/** The subjectKeyIdentifier Go derives: SHA-1 of the public key bits of a SubjectPublicKeyInfo. */
function keyId(spki: Buffer): Buffer {
  const algorithm = element(spki, element(spki, 0).body);
  const key = element(spki, algorithm.end);
  return createHash('sha1').update(spki.subarray(key.body + 1, key.end)).digest();
}

/** The issuer's subject, exactly as encoded in its certificate (so chains verify byte for byte). */
function subjectOf(cert: X509Certificate): Buffer {
  // Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version, serial, signature, issuer, validity, subject, ... }, ... }
  const raw = cert.raw;
  const tbs = element(raw, element(raw, 0).body);
  let at = tbs.body;
  if (raw[at] === 0xa0) at = element(raw, at).end;
  for (let i = 0; i < 4; i++) at = element(raw, at).end; // serial, signature, issuer, validity
  const subject = element(raw, at);
  return Buffer.from(raw.subarray(subject.start, subject.end));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand "::" and write 8 groups.
  const [head, tail] = ip.includes('::') ? (ip.split('::') as [string, string]) : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; }));
}

/** Key usage bits (RFC 5280 §4.2.1.3). */
export const KeyUsage = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;
/** Extended key usages. */
export const ExtKeyUsage = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;

function keyUsage(bitNumbers: readonly number[]): Buffer {
  const bytes = Buffer.alloc(Math.floor(Math.max(...bitNumbers) / 8) + 1);
  for (const b of bitNumbers) bytes[b >> 3]! |= 0x80 >> (b & 7);
  const last = bytes[bytes.length - 1]!;
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return bitString(bytes, unused);
}

export interface CertificateSpec {
  readonly subject: DistinguishedName;
  /** The subject's key (its public half goes into the certificate). */
  readonly key: KeyObject;
  /** The signer: a CA certificate and its private key; absent for a self-signed certificate. */
  readonly issuer?: { readonly cert: X509Certificate; readonly key: KeyObject };
  readonly serial: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCA: boolean;
  readonly keyUsage: readonly number[];
  readonly extKeyUsage?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly ips?: readonly string[];
}

/** A signed certificate as PEM. Throws for an IP address that is not one. */
export function createCertificate(spec: CertificateSpec): string {
  const spki = createPublicKey(spec.key).export({ type: 'spki', format: 'der' });
  const signer = spec.issuer?.key ?? spec.key;
  const { alg, digest } = signatureAlgorithm(signer);
  const serial = Buffer.from(spec.serial);
  serial[0]! &= 0x7f;
  const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
  const exts: Buffer[] = [extension('2.5.29.15', true, keyUsage(spec.keyUsage))];
  if (spec.extKeyUsage?.length) exts.push(extension('2.5.29.37', false, seq(...spec.extKeyUsage.map(oid))));
  exts.push(extension('2.5.29.19', true, spec.isCA ? seq(bool(true)) : seq()));
  if (spec.isCA) exts.push(extension('2.5.29.14', false, octets(keyId(spki))));
  if (spec.issuer) exts.push(extension('2.5.29.35', false, seq(tlv(0x80, keyId(spec.issuer.cert.publicKey.export({ type: 'spki', format: 'der' }))))));
  for (const ip of spec.ips ?? []) if (!isIP(ip)) throw new Error(`not an IP address: ${ip}`);
  const sans = [...(spec.dnsNames ?? []).map((d) => tlv(0x82, Buffer.from(d, 'ascii'))), ...(spec.ips ?? []).map((ip) => tlv(0x87, ipBytes(ip)))];
  if (sans.length > 0) exts.push(extension('2.5.29.17', false, seq(...sans)));
  const issuerName = spec.issuer ? subjectOf(spec.issuer.cert) : name(spec.subject);
  const tbs = seq(explicit(0, integer(Buffer.from([2]))), integer(serial), alg, issuerName, seq(time(spec.notBefore), time(spec.notAfter)), name(spec.subject), spki, explicit(3, seq(...exts)));
  const der = seq(tbs, alg, bitString(sign(digest, tbs, signer)));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

/** A new ECDSA P-256 key (what kubectl and client-go accept for CAs, servers and clients). */
export function newEcKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** The key as an unencrypted PKCS#8 PEM. */
export function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}
