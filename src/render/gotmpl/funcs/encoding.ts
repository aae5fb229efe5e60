// Sprig's encodings and digests: base64/base32 (decode errors come back as
// the text Go's decoder gives, as Sprig returns them), sha1/sha256/sha512,
// adler32, uuidv4 and randBytes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chargeBuilt } from '../../budget.js';
import { adler32 } from '../../crypto-functions.js';
import type { GoFunc } from '../func-types.js';
import { num } from './convert.js';
import { fn } from './define.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** encoding/base64 StdEncoding.DecodeString: the bytes as text, or Go's CorruptInputError text (decodeQuantum's offsets). */
function b64dec(str: string): string {
  const src = Buffer.from(str);
  const out: number[] = [];
  const bad = (at: number) => `illegal base64 data at input byte ${at}`;
  let si = 0;
  while (si < src.length) {
    const q: number[] = [];
    let j = 0;
    for (; j < 4; j++) {
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si === src.length) {
        if (j === 0) return Buffer.from(out).toString('utf8');
        return bad(si - j);
      }
      const c = src[si++]!;
      const d = B64.indexOf(String.fromCharCode(c));
      if (d >= 0) { q.push(d); continue; }
      if (c === 0x0a || c === 0x0d) { j--; continue; }
      if (c !== 0x3d) return bad(si - 1);
      // Padding: only after two or three characters, and "==" after two.
      if (j < 2) return bad(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) return bad(src.length);
        if (src[si] !== 0x3d) return bad(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) return bad(si);
      break;
    }
    const v = (q[0]! << 18) | ((q[1] ?? 0) << 12) | ((q[2] ?? 0) << 6) | (q[3] ?? 0);
    out.push((v >> 16) & 0xff);
    if (q.length > 2) out.push((v >> 8) & 0xff);
    if (q.length > 3) out.push(v & 0xff);
  }
  return Buffer.from(out).toString('utf8');
}

function b32enc(s: string): string {
  const buf = Buffer.from(s);
  let bits = 0;
  let val = 0;
  let out = '';
  for (const b of buf) {
    val = ((val << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) { out += B32[(val >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += B32[(val << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function b32dec(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 8 !== 0) return `illegal base32 data at input byte ${Math.floor(clean.length / 8) * 8}`;
  let bits = 0;
  let val = 0;
  const out: number[] = [];
  let end = clean.length;
  while (end > 0 && clean[end - 1] === '=') end--;
  const padLen = clean.length - end;
  if (![0, 1, 3, 4, 6].includes(padLen)) return `illegal base32 data at input byte ${end}`;
  for (let i = 0; i < end; i++) {
    const d = B32.indexOf(clean[i]!);
    if (d < 0) return `illegal base32 data at input byte ${i}`;
    val = ((val << 5) | d) & 0xffff;
    bits += 5;
    if (bits >= 8) { out.push((val >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out).toString('utf8');
}

const S = 'string';
const hash = (alg: string) => (s: string) => createHash(alg).update(Buffer.from(s)).digest('hex');

export const ENCODING_FUNCS: Record<string, GoFunc> = {
  b64enc: fn([S], S, (s: string) => Buffer.from(s).toString('base64')),
  b64dec: fn([S], S, b64dec),
  b32enc: fn([S], S, b32enc),
  b32dec: fn([S], S, b32dec),
  sha1sum: fn([S], S, hash('sha1')),
  sha256sum: fn([S], S, hash('sha256')),
  sha512sum: fn([S], S, hash('sha512')),
  adler32sum: fn([S], S, (s: string) => String(adler32(Buffer.from(s)))),
  uuidv4: fn([], S, () => randomUUID()),
  randBytes: fn(['int'], [S, 'error'], (n) => {
    const c = num(n);
    if (c < 0) throw new Error('runtime error: makeslice: len out of range');
    chargeBuilt(c);
    return randomBytes(c).toString('base64');
  }),
};
