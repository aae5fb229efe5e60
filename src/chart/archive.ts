// Safe reading, extraction and deterministic writing of chart archives
// (gzipped tar). Every consumer of untrusted archives (chart loading, pull
// --untar, repository uploads) goes through readArchiveFiles, which validates
// the whole archive before anything is returned or written.
import { gunzipSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { mkdir, writeFile, rm, rename, lstat, realpath } from 'node:fs/promises';
import { join, resolve, dirname, sep } from 'node:path';
import { ArchiveError } from '../errors.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';

export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits };

export interface ArchiveFile {
  /** Path inside the archive, forward slashes, including the top-level directory (e.g. `mychart/Chart.yaml`). */
  readonly name: string;
  readonly data: Buffer;
}

const BLOCK = 512;
const MiB = 1024 * 1024;

function fmtSize(n: number): string {
  return n % MiB === 0 ? `${n / MiB} MiB` : `${n} bytes`;
}

function resolveLimits(limits?: ArchiveLimits): Required<ArchiveLimits> {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined)) };
}

/**
 * Decompresses with a hard cap on the output so that a gzip bomb stops as soon
 * as it exceeds what a valid archive within the limits could need.
 */
function gunzipBounded(data: Buffer, l: Required<ArchiveLimits>, source: string): Buffer {
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new ArchiveError(`${source}: not a gzipped archive`);
  }
  // Tar framing adds at most one header and one padding block per entry (plus pax/long-name headers).
  const cap = l.maxTotalBytes + l.maxEntries * 4 * BLOCK + 2 * BLOCK;
  try {
    return gunzipSync(data, { maxOutputLength: cap });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new ArchiveError(`${source}: decompressed archive is larger than the maximum size ${fmtSize(l.maxTotalBytes)}`, { cause: err });
    }
    throw new ArchiveError(`${source}: corrupt gzip data: ${e.message}`, { cause: err });
  }
}

function readString(buf: Buffer, off: number, len: number): string {
  const end = buf.indexOf(0, off);
  return buf.toString('utf8', off, end === -1 || end > off + len ? off + len : end);
}

function readOctal(buf: Buffer, off: number, len: number, what: string, source: string): number {
  if (buf[off]! & 0x80) {
    // GNU base-256 encoding for large numbers.
    let n = 0;
    for (let i = off + 1; i < off + len; i++) n = n * 256 + buf[i]!;
    return n;
  }
  const s = readString(buf, off, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new ArchiveError(`${source}: malformed tar header (${what} "${s}")`);
  return parseInt(s, 8);
}

function checksumOk(h: Buffer): boolean {
  const stored = parseInt(readString(h, 148, 8).trim() || 'NaN', 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === stored;
}

function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let p = 0;
  while (p < body.length) {
    const space = body.indexOf(0x20, p);
    if (space === -1) break;
    const len = parseInt(body.toString('utf8', p, space), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = body.toString('utf8', space + 1, p + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    p += len;
  }
  return out;
}

/** Checks one entry name and returns it normalised; throws on anything that could escape the target. */
function safeName(raw: string, source: string): string {
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) {
    throw new ArchiveError(`${source}: archive illegally contains an absolute path: "${raw}"`);
  }
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) {
    throw new ArchiveError(`${source}: archive illegally references a parent directory: "${raw}"`);
  }
  if (parts.length === 0) throw new ArchiveError(`${source}: archive contains an entry with an empty name`);
  return parts.join('/');
}

/**
 * Reads every regular file of a gzipped tar archive into memory, after
 * checking the whole archive: no absolute paths, no `..`, no links, devices or
 * fifos, every entry under one top-level directory, and the size limits.
 * Throws ArchiveError naming the offending entry. Directory entries are not returned.
 */
export async function readArchiveFiles(data: Buffer, limits?: ArchiveLimits, source = 'archive'): Promise<ArchiveFile[]> {
  const l = resolveLimits(limits);
  const tar = gunzipBounded(data, l, source);
  const files: ArchiveFile[] = [];
  const seen = new Set<string>();
  let top: string | undefined;
  let total = 0;
  let entries = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let p = 0;
  while (p + BLOCK <= tar.length) {
    const h = tar.subarray(p, p + BLOCK);
    if (h.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(h)) throw new ArchiveError(`${source}: malformed tar header at offset ${p} (bad checksum)`);
    if (++entries > l.maxEntries) throw new ArchiveError(`${source}: archive has more than ${l.maxEntries} entries`);
    const type = String.fromCharCode(h[156]!) || '0';
    const size = pax.size !== undefined ? Number(pax.size) : readOctal(h, 124, 12, 'size', source);
    if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveError(`${source}: malformed tar header (size)`);
    const bodyStart = p + BLOCK;
    const bodyEnd = bodyStart + size;
    if (bodyEnd > tar.length) throw new ArchiveError(`${source}: truncated archive`);
    p = bodyStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > MiB) throw new ArchiveError(`${source}: oversized extended header`);
      const body = tar.subarray(bodyStart, bodyEnd);
      if (type === 'x') pax = parsePax(body);
      else if (type === 'L') longName = readString(body, 0, body.length);
      continue; // global headers and GNU long link names carry nothing we use
    }
    const ustar = h.toString('latin1', 257, 262) === 'ustar';
    const prefix = ustar ? readString(h, 345, 155) : '';
    const rawName = pax.path ?? longName ?? (prefix ? `${prefix}/${readString(h, 0, 100)}` : readString(h, 0, 100));
    const linkName = pax.linkpath ?? readString(h, 157, 100);
    pax = {};
    longName = undefined;
    const name = safeName(rawName, source);
    const topDir = name.split('/')[0]!;
    if (top === undefined) top = topDir;
    else if (top !== topDir) {
      throw new ArchiveError(`${source}: all entries must be under one top-level directory, found "${top}/" and "${topDir}/"`);
    }
    // Old tars mark directories only by a trailing slash on a regular entry.
    if (type === '5' || ((type === '0' || type === '\0') && size === 0 && /[/\\]$/.test(rawName))) continue;
    if (type === '1' || type === '2') {
      throw new ArchiveError(`${source}: archive contains a ${type === '2' ? 'symbolic' : 'hard'} link "${rawName}" -> "${linkName}"; links are not allowed in chart archives`);
    }
    if (type !== '0' && type !== '7' && type !== '\0') {
      const kind = { '3': 'character device', '4': 'block device', '6': 'fifo' }[type] ?? `entry of type "${type}"`;
      throw new ArchiveError(`${source}: archive contains a ${kind} "${rawName}"; only regular files are allowed`);
    }
    if (!name.includes('/')) {
      throw new ArchiveError(`${source}: file "${rawName}" is not inside the archive's top-level directory`);
    }
    if (size > l.maxFileBytes) {
      throw new ArchiveError(`${source}: chart file "${name}" is larger than the maximum file size ${fmtSize(l.maxFileBytes)}`);
    }
    total += size;
    if (total > l.maxTotalBytes) {
      throw new ArchiveError(`${source}: decompressed archive is larger than the maximum size ${fmtSize(l.maxTotalBytes)}`);
    }
    if (seen.has(name)) throw new ArchiveError(`${source}: archive contains "${name}" more than once`);
    seen.add(name);
    files.push({ name, data: Buffer.from(tar.subarray(bodyStart, bodyEnd)) });
  }
  if (files.length === 0) throw new ArchiveError(`${source}: no files in chart archive`);
  return files;
}

/**
 * Extracts a gzipped tar archive into destDir (creating `destDir/<top-level dir>/...`).
 * The archive is fully validated first; nothing at all is written when it is
 * unsafe. Files land in a temporary sibling directory which is renamed into
 * place, so a failure midway leaves no partial chart. Returns the path of the
 * extracted top-level directory. Throws ArchiveError, or when the target exists.
 */
export async function extractArchive(data: Buffer, destDir: string, limits?: ArchiveLimits): Promise<string> {
  const files = await readArchiveFiles(data, limits);
  const top = files[0]!.name.split('/')[0]!;
  const stagingName = `.${top}.extract-${process.pid}-${Date.now()}`;
  // Paths the file system cannot hold are refused before anything (even destDir) is created, with a short message.
  for (const f of files) {
    const long = f.name.split('/').find((p) => Buffer.byteLength(p) > MAX_NAME_BYTES);
    if (long !== undefined) throw new ArchiveError(`cannot extract "${abbreviate(f.name)}": a path component is ${Buffer.byteLength(long)} bytes long (the limit is ${MAX_NAME_BYTES})`);
    const full = Buffer.byteLength(join(resolve(destDir), stagingName, f.name.slice(top.length + 1)));
    if (full > MAX_PATH_BYTES) throw new ArchiveError(`cannot extract "${abbreviate(f.name)}": the path would be ${full} bytes long (the limit is ${MAX_PATH_BYTES})`);
  }
  await mkdir(destDir, { recursive: true });
  const base = await realpath(destDir);
  const target = join(base, top);
  const exists = await lstat(target).then(() => true, () => false);
  if (exists) throw new ArchiveError(`cannot extract: ${target} already exists`);
  const staging = join(base, stagingName);
  try {
    for (const f of files) {
      const out = resolve(staging, f.name.slice(top.length + 1));
      if (!out.startsWith(staging + sep)) throw new ArchiveError(`refusing to write outside ${destDir}: ${abbreviate(f.name)}`);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, f.data, { mode: 0o644, flag: 'wx' });
    }
    await rename(staging, target);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    if (err instanceof ArchiveError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new ArchiveError(`cannot extract into ${abbreviate(destDir)}: ${e.code ?? ''} ${abbreviate(e.message)}`.replace(/\s+/g, ' '), { cause: err });
  }
  return target;
}

/** Linux's NAME_MAX and PATH_MAX (minus the terminating NUL): what one path component and a whole path may hold. */
const MAX_NAME_BYTES = 255;
const MAX_PATH_BYTES = 4095;

/** Shortens a name or message for an error line: head … tail, with the full length. */
function abbreviate(s: string, max = 160): string {
  if (s.length <= max) return s;
  return `${s.slice(0, 100)}…${s.slice(-40)} (${s.length} characters)`;
}

/** Fixed header fields of the archives skiff writes, so identical input gives identical bytes. */
const FIXED_MTIME = 0;

function writeOctal(h: Buffer, off: number, len: number, n: number): void {
  h.write(n.toString(8).padStart(len - 1, '0') + '\0', off, len, 'latin1');
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return Buffer.from(`${len}${body}`);
}

function header(name: string, size: number, type: string, mode: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  writeOctal(h, 100, 8, mode);
  writeOctal(h, 108, 8, 0); // uid
  writeOctal(h, 116, 8, 0); // gid
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, FIXED_MTIME);
  h.write(type, 156, 1, 'latin1');
  h.write('ustar\0', 257, 6, 'latin1');
  h.write('00', 263, 2, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return h;
}

function pad(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/**
 * Builds a gzipped tar archive from files (paths with forward slashes,
 * including the top-level directory). Entries are written in the given order
 * with mode 0644, uid/gid 0, mtime 0 and a fixed gzip header, so the same
 * input always produces the same bytes.
 */
export function writeArchive(files: readonly ArchiveFile[]): Buffer {
  const chunks: Buffer[] = [];
  for (const f of files) {
    let name = f.name;
    if (Buffer.byteLength(name) > 100) {
      const rec = paxRecord('path', name);
      chunks.push(header('PaxHeader/' + name.slice(-80).replace(/[^\x20-\x7e]/g, '_'), rec.length, 'x', 0o644), rec, pad(rec.length));
      name = name.slice(0, 100);
      while (Buffer.byteLength(name) > 100) name = name.slice(0, -1);
    }
    chunks.push(header(name, f.data.length, '0', 0o644), f.data, pad(f.data.length));
  }
  chunks.push(Buffer.alloc(BLOCK * 2));
  const gz = gzipSync(Buffer.concat(chunks), { level: zlibConstants.Z_DEFAULT_COMPRESSION });
  gz.writeUInt32LE(0, 4); // MTIME
  gz[9] = 3; // OS = Unix, whatever the platform
  return gz;
}
