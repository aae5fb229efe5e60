// Chart provenance, as Helm writes and checks it: NAME-VERSION.tgz.prov is an
// OpenPGP clear-signed message (SHA512) whose text is the chart's Chart.yaml,
// a `...` line, and a YAML `files:` map of the archive's file name to its
// sha256. Keys come from GnuPG keyrings: the legacy binary packet stream
// (`gpg --export[-secret-keys] > ring.gpg`), ASCII armour, or a GnuPG 2.1+
// keybox (pubring.kbx). The OpenPGP work is done by the openpgp library.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { Key, PrivateKey } from 'openpgp';
import { parse as parseYaml } from 'yaml';
import { ProvenanceError } from '../errors.js';
import { getOwn } from '../util/own-keys.js';

/** Helm's default keyring for `env`: $GNUPGHOME/pubring.gpg, else ~/.gnupg/pubring.gpg (the CLI passes its environment). */
export function defaultKeyring(env: Readonly<Record<string, string | undefined>>): string {
  return join(env.GNUPGHOME || join(homedir(), '.gnupg'), 'pubring.gpg');
}

const openpgp = () => import('openpgp');

/** The OpenPGP keyblocks of a GnuPG keybox (blobs of type 2 not flagged ephemeral), concatenated. */
function keyboxKeyblocks(data: Buffer, file: string): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length; ) {
    if (data.length - at < 5) throw new ProvenanceError(`keyring ${file}: truncated keybox blob at offset ${at}`);
    const len = data.readUInt32BE(at);
    if (len < 5 || len > data.length - at) throw new ProvenanceError(`keyring ${file}: invalid keybox blob length ${len} at offset ${at}`);
    if (data[at + 4] === 2) {
      if (len < 16) throw new ProvenanceError(`keyring ${file}: keybox OpenPGP blob at offset ${at} is too short`);
      const flags = data.readUInt16BE(at + 6);
      const off = data.readUInt32BE(at + 8);
      const klen = data.readUInt32BE(at + 12);
      if (off + klen > len) throw new ProvenanceError(`keyring ${file}: keybox OpenPGP blob at offset ${at} has an out-of-range keyblock`);
      if ((flags & 2) === 0) out.push(data.subarray(at + off, at + off + klen));
    }
    at += len;
  }
  return Buffer.concat(out);
}

/**
 * Reads every key of a keyring file (binary packet stream, armoured — several
 * concatenated blocks allowed — or GnuPG keybox). Throws ProvenanceError
 * naming the file when it cannot be read or holds no usable key.
 */
export async function loadKeyring(file: string): Promise<Key[]> {
  const data = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new ProvenanceError(`cannot read keyring ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, {
      hint: err.code === 'ENOENT' ? 'give --keyring FILE (export one with "gpg --export > pubring.gpg", or "gpg --export-secret-keys > secring.gpg" to sign)' : undefined,
    });
  });
  const pgp = await openpgp();
  const keys: Key[] = [];
  try {
    const text = data.toString('latin1').trimStart();
    if (text.startsWith('-----BEGIN PGP')) {
      for (const block of data.toString('utf8').split(/(?=-----BEGIN PGP)/).filter((b) => b.startsWith('-----BEGIN PGP'))) {
        keys.push(...(await pgp.readKeys({ armoredKeys: block })));
      }
    } else {
      const isKeybox = data.length >= 12 && data[4] === 1 && data.toString('latin1', 8, 12) === 'KBXf';
      const binary = isKeybox ? keyboxKeyblocks(data, file) : data;
      if (binary.length > 0) keys.push(...(await pgp.readKeys({ binaryKeys: binary })));
    }
  } catch (err) {
    if (err instanceof ProvenanceError) throw err;
    throw new ProvenanceError(`cannot read keyring ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (keys.length === 0) throw new ProvenanceError(`keyring ${file} holds no OpenPGP keys`);
  return keys;
}

function userIds(key: Key): string[] {
  return key.users.map((u) => u.userID?.userID).filter((u): u is string => !!u);
}

function describeKey(key: Key): string {
  const ids = userIds(key);
  return `${ids[0] ?? 'a key without user ID'} (${key.getFingerprint().toUpperCase()})`;
}

/**
 * The key whose user ID equals `id`, else the one user ID containing it (as
 * GnuPG and Helm select keys). Throws ProvenanceError when none or several match.
 */
export function selectKey(keys: readonly Key[], id: string, file: string): Key {
  const exact = keys.find((k) => userIds(k).includes(id));
  if (exact) return exact;
  const matches = keys.filter((k) => userIds(k).some((u) => u.includes(id)));
  if (matches.length > 1) throw new ProvenanceError(`more than one key in ${file} contains "${id}": ${matches.map(describeKey).join(', ')}`, { hint: 'give more of the user ID, e.g. the whole e-mail address' });
  if (matches.length === 0) {
    throw new ProvenanceError(`no key in ${file} has a user ID containing "${id}"`, { hint: `keys there: ${keys.map(describeKey).join(', ')}` });
  }
  return matches[0]!;
}

/** sha256 hex of bytes. */
function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The signed text of a .prov: Chart.yaml as YAML, `...`, then the files block (no final newline: clear-signing drops it). */
export function provenanceText(metadataYaml: string, archive: Buffer, fileName: string): string {
  const body = metadataYaml.endsWith('\n') ? metadataYaml : `${metadataYaml}\n`;
  return `${body}\n...\nfiles:\n  ${fileName}: sha256:${sha256(archive)}`;
}

export interface SigningKeyOptions {
  /** Keyring holding the secret key, and the user ID (or part of it) that selects the key. */
  readonly keyring: string;
  readonly key: string;
  /** Passphrase of a protected key. */
  readonly passphrase?: string;
}

/**
 * Finds and unlocks the secret key to sign with. Throws ProvenanceError when
 * the key cannot be found, is public only, needs a passphrase that was not
 * given, or the passphrase is wrong.
 */
export async function loadSigningKey(opts: SigningKeyOptions): Promise<PrivateKey> {
  const pgp = await openpgp();
  const key = selectKey(await loadKeyring(opts.keyring), opts.key, opts.keyring);
  if (!key.isPrivate()) {
    throw new ProvenanceError(`the key ${describeKey(key)} in ${opts.keyring} is a public key: signing needs its secret key`, {
      hint: 'export a secret keyring with "gpg --export-secret-keys > secring.gpg" and give it with --keyring',
    });
  }
  const signer = key as PrivateKey;
  if (signer.isDecrypted()) return signer;
  if (opts.passphrase === undefined) {
    throw new ProvenanceError(`the key ${describeKey(key)} is protected by a passphrase`, { hint: 'give it with --passphrase-file FILE (or "-" to read it from standard input)' });
  }
  try {
    return await pgp.decryptKey({ privateKey: signer, passphrase: opts.passphrase });
  } catch (err) {
    throw new ProvenanceError(`cannot unlock the key ${describeKey(key)}: ${(err as Error).message}`, { cause: err });
  }
}

export interface SignOptions {
  /** The archive bytes and the file name the .prov names it by (NAME-VERSION.tgz). */
  readonly archive: Buffer;
  readonly fileName: string;
  /** Chart.yaml as Helm serialises it (sorted keys). */
  readonly metadataYaml: string;
  /** An unlocked key from loadSigningKey. */
  readonly signer: PrivateKey;
}

/** Clear-signs the provenance of an archive with SHA512 and returns the .prov text. Throws ProvenanceError when signing fails. */
export async function signProvenance(opts: SignOptions): Promise<string> {
  const pgp = await openpgp();
  const message = await pgp.createCleartextMessage({ text: provenanceText(opts.metadataYaml, opts.archive, opts.fileName) });
  try {
    const signed = await pgp.sign({ message, signingKeys: opts.signer, config: { preferredHashAlgorithm: pgp.enums.hash.sha512 } });
    // Line ends as GnuPG and Helm write them; the signature covers the canonical (CRLF) text either way.
    const text = signed.replace(/\r\n/g, '\n');
    return text.endsWith('\n') ? text : `${text}\n`;
  } catch (err) {
    throw new ProvenanceError(`cannot sign with the key ${describeKey(opts.signer)}: ${(err as Error).message}`, { cause: err });
  }
}

/** What a successful verification established. */
export interface Verification {
  /** User IDs of the signing key. */
  readonly signedBy: readonly string[];
  /** Fingerprint of the signing key's primary key, upper-case hex. */
  readonly fingerprint: string;
  /** `sha256:HEX` of the archive, as the .prov states it. */
  readonly fileHash: string;
  readonly fileName: string;
}

export interface VerifyOptions {
  readonly archive: Buffer;
  /** The .prov text. */
  readonly provenance: Buffer | string;
  /** Name the .prov must list the archive under (NAME-VERSION.tgz). */
  readonly fileName: string;
  /** Keyring of trusted public keys (default ~/.gnupg/pubring.gpg; the CLI passes $GNUPGHOME's). */
  readonly keyring?: string;
  /** Where the .prov came from, for messages. */
  readonly provenanceSource?: string;
}

/**
 * Checks that the .prov is validly signed by a key of the keyring and that it
 * lists the archive's sha256 under `fileName`. Throws ProvenanceError naming
 * the key (or its ID when it is not in the keyring) and the mismatch.
 */
export async function verifyProvenance(opts: VerifyOptions): Promise<Verification> {
  const pgp = await openpgp();
  const source = opts.provenanceSource ?? `${opts.fileName}.prov`;
  const keyringFile = opts.keyring ?? defaultKeyring({});
  const keys = await loadKeyring(keyringFile);
  let message;
  try {
    message = await pgp.readCleartextMessage({ cleartextMessage: opts.provenance.toString() });
  } catch (err) {
    throw new ProvenanceError(`${source} is not a clear-signed OpenPGP message: ${(err as Error).message}`, { cause: err });
  }
  const result = await pgp.verify({ message, verificationKeys: keys });
  const sig = result.signatures[0];
  if (!sig) throw new ProvenanceError(`${source} holds no signature`);
  const signer = keys.find((k) => k.getKeys(sig.keyID).length > 0);
  if (!signer) {
    throw new ProvenanceError(`${source} is signed by key ${sig.keyID.toHex().toUpperCase()}, which is not in the keyring ${keyringFile}`, {
      hint: 'import the publisher\'s public key and export it into the keyring ("gpg --export > pubring.gpg"), or give --keyring',
    });
  }
  try {
    await sig.verified;
  } catch (err) {
    throw new ProvenanceError(`the signature in ${source} by ${describeKey(signer)} does not match its content: the provenance file was altered (${(err as Error).message})`, { cause: err });
  }
  const text = result.data;
  const parts = text.split('\n...\n');
  if (parts.length < 2) throw new ProvenanceError(`${source}: the signed message has no "..." line separating Chart.yaml from the files block`);
  let sums: unknown;
  try {
    sums = parseYaml(parts[1]!);
  } catch (err) {
    throw new ProvenanceError(`${source}: the files block is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const files = sums && typeof sums === 'object' ? (sums as { files?: unknown }).files : undefined;
  const listed = files && typeof files === 'object' && !Array.isArray(files) ? getOwn(files as Record<string, unknown>, opts.fileName) : undefined;
  if (typeof listed !== 'string') throw new ProvenanceError(`${source} (signed by ${describeKey(signer)}) does not contain a sha256 for a file named "${opts.fileName}"`);
  const actual = `sha256:${sha256(opts.archive)}`;
  if (listed !== actual) {
    throw new ProvenanceError(`sha256 sum does not match for ${opts.fileName}: ${source} (signed by ${describeKey(signer)}) says ${listed} but the archive is ${actual}`, {
      hint: 'the archive is not the one that was signed',
    });
  }
  return { signedBy: userIds(signer), fingerprint: signer.getFingerprint().toUpperCase(), fileHash: actual, fileName: opts.fileName };
}

/** Helm's verification report: `Signed by:` per user ID, the fingerprint, the hash. */
export function formatVerification(v: Verification): string {
  return `${v.signedBy.map((u) => `Signed by: ${u}\n`).join('')}Using Key With Fingerprint: ${v.fingerprint}\nChart Hash Verified: ${v.fileHash}\n`;
}

/**
 * Verifies a chart archive on disk against PATH.prov next to it (Helm's
 * `verify`). Throws ProvenanceError for a directory, a missing archive or
 * .prov, or a failed verification.
 */
export async function verifyChartFile(path: string, keyring?: string): Promise<Verification> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new ProvenanceError(`${path}: no such chart archive`);
  if (st.isDirectory()) throw new ProvenanceError(`${path} is a directory: unpacked charts cannot be verified`, { hint: 'verify the packaged .tgz and its .prov' });
  const archive = await readFile(path);
  const provenance = await readFile(`${path}.prov`).catch((err: NodeJS.ErrnoException) => {
    throw new ProvenanceError(`could not load provenance file ${path}.prov: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, {
      hint: 'sign the chart with "skiff package --sign" (or "helm package --sign"), or download the .prov with the archive',
    });
  });
  return verifyProvenance({ archive, provenance, fileName: basename(path), keyring, provenanceSource: `${path}.prov` });
}
