// A content-addressed cache of pulled artefacts under
// $SKIFF_HOME/cache/oci/blobs/sha256/<hex>: manifests, configs, charts and
// .prov files keyed by digest, so installing a chart already pulled reads it
// from disk. Entries are re-hashed on read; a damaged entry is ignored.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../repo/fs-util.js';
import { repoPaths } from '../repo/home.js';
import { isDigest, sha256Digest } from './media.js';

/** The cache directory for `home` (default ~/.skiff). */
export function ociCacheDir(home?: string): string {
  return join(repoPaths(home).home, 'cache', 'oci');
}

function blobPath(dir: string, digest: string): string | undefined {
  return isDigest(digest) ? join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)) : undefined;
}

/** The cached content of `digest`, or undefined when absent or damaged. */
export async function readCachedBlob(dir: string, digest: string): Promise<Buffer | undefined> {
  const p = blobPath(dir, digest);
  if (!p) return undefined;
  const data = await readFile(p).catch(() => undefined);
  if (!data) return undefined;
  if (sha256Digest(data) !== digest) {
    await rm(p, { force: true });
    return undefined;
  }
  return data;
}

/** Stores verified content under its digest (atomically); `digest` is the data's, when the caller has already checked it. */
export async function writeCachedBlob(dir: string, data: Buffer, digest = sha256Digest(data)): Promise<void> {
  const p = blobPath(dir, digest)!;
  await writeFileAtomic(p, data);
}
