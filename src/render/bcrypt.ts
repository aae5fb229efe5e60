// bcrypt ($2a$, as Go's golang.org/x/crypto/bcrypt writes it) for the
// template function htpasswd. Blowfish's initial state is the fractional part
// of pi in hexadecimal; it is computed here once (Machin's formula on BigInt)
// rather than carried as a table of 1,042 constants.
import { TextEncoder } from 'node:util';

const P_WORDS = 18;
const S_WORDS = 4 * 256;

let initial: Uint32Array | undefined;

/** The first `words` 32-bit words of pi's fractional part. */
function piWords(words: number): Uint32Array {
  const bits = BigInt(words * 32 + 64);
  const one = 1n << bits;
  const atanInv = (x: bigint): bigint => {
    // atan(1/x) = sum (-1)^k / ((2k+1) x^(2k+1))
    let term = one / x;
    const x2 = x * x;
    let sum = 0n;
    for (let k = 0n; term !== 0n; k++) {
      const t = term / (2n * k + 1n);
      sum += k % 2n === 0n ? t : -t;
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  let frac = (pi - 3n * one) >> 64n;
  const out = new Uint32Array(words);
  for (let i = words - 1; i >= 0; i--) {
    out[i] = Number(frac & 0xffffffffn);
    frac >>= 32n;
  }
  return out;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  constructor() {
    initial ??= piWords(P_WORDS + S_WORDS);
    this.p = initial.slice(0, P_WORDS);
    this.s = initial.slice(P_WORDS);
  }

  private f(x: number): number {
    const s = this.s;
    return ((((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) | 0) ^ s[512 + ((x >>> 8) & 0xff)]!) + s[768 + (x & 0xff)]!) | 0;
  }

  /** Encrypts the 64-bit block lr[at], lr[at + 1] in place. */
  encrypt(lr: Uint32Array, at: number): void {
    let l = lr[at]!;
    let r = lr[at + 1]!;
    const p = this.p;
    l ^= p[0]!;
    for (let i = 1; i <= 16; i += 2) {
      r ^= this.f(l) ^ p[i]!;
      l ^= this.f(r) ^ p[i + 1]!;
    }
    lr[at] = (r ^ p[17]!) >>> 0;
    lr[at + 1] = l >>> 0;
  }

  /** Blowfish's key expansion with bcrypt's salt mixing (no salt: plain expansion). */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    let kp = 0;
    const word = (src: Uint8Array, pos: { at: number }): number => {
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = (w << 8) | src[pos.at]!;
        pos.at = (pos.at + 1) % src.length;
      }
      return w >>> 0;
    };
    const keyPos = { at: kp };
    for (let i = 0; i < P_WORDS; i++) this.p[i] = (this.p[i]! ^ word(key, keyPos)) >>> 0;
    kp = keyPos.at;
    const saltPos = { at: 0 };
    const lr = new Uint32Array(2);
    const mix = () => {
      if (salt) {
        lr[0] = (lr[0]! ^ word(salt, saltPos)) >>> 0;
        lr[1] = (lr[1]! ^ word(salt, saltPos)) >>> 0;
      }
      this.encrypt(lr, 0);
    };
    for (let i = 0; i < P_WORDS; i += 2) {
      mix();
      this.p[i] = lr[0]!;
      this.p[i + 1] = lr[1]!;
    }
    for (let i = 0; i < S_WORDS; i += 2) {
      mix();
      this.s[i] = lr[0]!;
      this.s[i + 1] = lr[1]!;
    }
  }
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's own base64 (its alphabet, no padding). */
function encode64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += BCRYPT_ALPHABET[b0 >> 2];
    out += BCRYPT_ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)];
    if (b1 === undefined) break;
    out += BCRYPT_ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)];
    if (b2 === undefined) break;
    out += BCRYPT_ALPHABET[b2 & 63];
  }
  return out;
}

function decode64(text: string, length: number): Uint8Array {
  const vals = [...text].map((c) => {
    const v = BCRYPT_ALPHABET.indexOf(c);
    if (v < 0) throw new Error(`invalid bcrypt base64 character ${JSON.stringify(c)}`);
    return v;
  });
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < vals.length && o < length; i += 4) {
    const [a, b, c, d] = [vals[i]!, vals[i + 1] ?? 0, vals[i + 2] ?? 0, vals[i + 3] ?? 0];
    out[o++] = (a << 2) | (b >> 4);
    if (o < length) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (o < length) out[o++] = ((c & 3) << 6) | d;
  }
  return out;
}

const MAGIC = new TextEncoder().encode('OrpheanBeholderScryDoubt');

/**
 * bcrypt of `password` with a 16-byte `salt` and `cost` (4..31): the
 * `$2a$NN$` + 22 salt characters + 31 hash characters Go writes. The
 * password is cut at 72 bytes, as bcrypt does.
 */
export function bcrypt(password: string, salt: Uint8Array, cost = 10): string {
  if (salt.length !== 16) throw new Error('bcrypt: the salt must be 16 bytes');
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new Error(`bcrypt: cost ${cost} is outside 4..31`);
  const pw = new TextEncoder().encode(password);
  const key = new Uint8Array(Math.min(pw.length + 1, 72));
  key.set(pw.subarray(0, key.length - (pw.length + 1 > 72 ? 0 : 1)));
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let i = 0, rounds = 2 ** cost; i < rounds; i++) {
    bf.expand(key);
    bf.expand(salt);
  }
  const text = new Uint32Array(6);
  for (let i = 0; i < 6; i++) text[i] = ((MAGIC[4 * i]! << 24) | (MAGIC[4 * i + 1]! << 16) | (MAGIC[4 * i + 2]! << 8) | MAGIC[4 * i + 3]!) >>> 0;
  for (let i = 0; i < 64; i++) for (let j = 0; j < 6; j += 2) bf.encrypt(text, j);
  const out = new Uint8Array(24);
  for (let i = 0; i < 6; i++) {
    out[4 * i] = text[i]! >>> 24;
    out[4 * i + 1] = (text[i]! >>> 16) & 0xff;
    out[4 * i + 2] = (text[i]! >>> 8) & 0xff;
    out[4 * i + 3] = text[i]! & 0xff;
  }
  return `$2a$${String(cost).padStart(2, '0')}$${encode64(salt)}${encode64(out.subarray(0, 23))}`;
}

/** The 16 salt bytes written in a bcrypt hash's 22 salt characters. */
export function bcryptSalt(text22: string): Uint8Array {
  return decode64(text22, 16);
}
