// Sprig's certificate, key, AES and password functions, reusing the
// implementations of ../../crypto-functions.ts (shared with the nunjucks
// engine) with Go-typed arguments; certificates are `sprig.certificate`
// structs with Cert and Key fields, as templates read them (.Cert, .Key).
import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import { bcrypt } from '../../bcrypt.js';
import { registerCryptoFunctions } from '../../crypto-functions.js';
import type { GoFunc } from '../func-types.js';
import { GoStruct } from '../value.js';
import { num, strval } from './convert.js';
import { fn, FuncError } from './define.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const impls: Record<string, (...args: any[]) => unknown> = {};
registerCryptoFunctions({
  def: (name, f) => { impls[name] = f; },
  s: (v) => (v instanceof GoStruct ? '' : strval(v)),
  list: (v) => {
    if (Array.isArray(v)) return v;
    if (v === null || v === undefined) return [];
    throw new FuncError(`expected a list, got ${strval(v)}`);
  },
  toInt: (v) => num(v),
  fail: (msg) => { throw new FuncError(msg); },
});

/** A certificate result as Go's struct; a certificate argument back to the shape the implementation reads. */
function cert(v: unknown): GoStruct {
  const c = v as { Cert: string; Key: string };
  return new GoStruct('sprig.certificate', { Cert: c.Cert, Key: c.Key });
}
function certArg(v: unknown): unknown {
  return v instanceof GoStruct ? { Cert: v.fields.Cert, Key: v.fields.Key } : v;
}

const S = 'string';
const I = 'int';
const CERT = 'sprig.certificate';
const call = (name: string) => impls[name]!;

const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno'],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const CHARS: Record<string, string> = {
  V: 'AEIOU', C: 'BCDFGHJKLMNPQRSTVWXYZ', v: 'aeiou', c: 'bcdfghjklmnpqrstvwxyz', A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', n: '0123456789', o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

/** Sprig's derivePassword (the Master Password algorithm: scrypt N=32768 r=8 p=2, then HMAC-SHA256). */
function derivePassword(counter: unknown, type: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const seed = 'com.lyndir.masterpassword';
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
  const salt = Buffer.concat([Buffer.from(seed), u32(Buffer.byteLength(user)), Buffer.from(user)]);
  const key = scryptSync(Buffer.from(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const msg = Buffer.concat([Buffer.from(seed), u32(Buffer.byteLength(site)), Buffer.from(site), u32(num(counter))]);
  const sum = createHmac('sha256', key).update(msg).digest();
  const temp = templates[sum[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const chars = CHARS[temp[i]!]!;
    out += chars[sum[i + 1]! % chars.length];
  }
  return out;
}

export const CRYPTO_FUNCS: Record<string, GoFunc> = {
  genCA: fn([S, I], [CERT, 'error'], (cn: string, days) => cert(call('genCA')(cn, days))),
  genCAWithKey: fn([S, I, S], [CERT, 'error'], (cn: string, days, key: string) => cert(call('genCAWithKey')(cn, days, key))),
  genSelfSignedCert: fn([S, '[]interface {}', '[]interface {}', I], [CERT, 'error'], (cn: string, ips, dns, days) => cert(call('genSelfSignedCert')(cn, ips, dns, days))),
  genSelfSignedCertWithKey: fn([S, '[]interface {}', '[]interface {}', I, S], [CERT, 'error'], (cn: string, ips, dns, days, key: string) => cert(call('genSelfSignedCertWithKey')(cn, ips, dns, days, key))),
  genSignedCert: fn([S, '[]interface {}', '[]interface {}', I, CERT], [CERT, 'error'], (cn: string, ips, dns, days, ca) => cert(call('genSignedCert')(cn, ips, dns, days, certArg(ca)))),
  genSignedCertWithKey: fn([S, '[]interface {}', '[]interface {}', I, CERT, S], [CERT, 'error'], (cn: string, ips, dns, days, ca, key: string) => cert(call('genSignedCertWithKey')(cn, ips, dns, days, certArg(ca), key))),
  genPrivateKey: fn([S], S, (t: string) => call('genPrivateKey')(t === '' ? 'rsa' : t)),
  buildCustomCert: fn([S, S], [CERT, 'error'], (c: string, k: string) => cert(call('buildCustomCert')(c, k))),
  encryptAES: fn([S, S], [S, 'error'], (p: string, t: string) => call('encryptAES')(p, t)),
  decryptAES: fn([S, S], [S, 'error'], (p: string, t: string) => call('decryptAES')(p, t)),
  htpasswd: fn([S, S], S, (u: string, p: string) => call('htpasswd')(u, p)),
  bcrypt: fn([S], S, (p: string) => bcrypt(p, randomBytes(16), 10)),
  derivePassword: fn(['uint32', S, S, S, S], S, derivePassword),
};

