// The on-disk registry of `skiff repo serve`, under DIR/.oci (a directory the
// classic indexer skips):
//   blobs/sha256/HEX                       content-addressed blobs and manifests
//   uploads/ID                             blob uploads in progress
//   repositories/REPO/_manifests/tags/TAG  the manifest digest a tag points at
//   repositories/REPO/_manifests/revisions/HEX   manifests that belong to REPO
// Every write is a temporary file renamed into place, so a crash or two
// concurrent pushes never leave a partial blob, tag or manifest; a blob only
// enters blobs/ once its digest has been checked.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { writeFileAtomic } from './fs-util.js';

const HEX = /^[a-f0-9]{64}$/;
const UPLOAD_ID = /^[a-f0-9-]{36}$/;

/** A request body larger than allowed: the caller answers 413. */
export class TooLargeError extends Error {}

/** Blobs, uploads, tags and manifest links of the served registry. */
export class OciStore {
  readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, '.oci');
  }

  private blobFile(digest: string): string {
    const hex = digest.slice('sha256:'.length);
    if (!digest.startsWith('sha256:') || !HEX.test(hex)) throw new Error(`not a sha256 digest: ${digest}`);
    return join(this.root, 'blobs', 'sha256', hex);
  }

  /** The size of a stored blob, or undefined. */
  async blobSize(digest: string): Promise<number | undefined> {
    const st = await stat(this.blobFile(digest)).catch(() => undefined);
    return st?.isFile() ? st.size : undefined;
  }

  readBlob(digest: string): Promise<Buffer> {
    return readFile(this.blobFile(digest));
  }

  blobStream(digest: string): Readable {
    return createReadStream(this.blobFile(digest));
  }

  /** Stores bytes whose digest the caller computed. */
  async putBlob(digest: string, data: Buffer): Promise<void> {
    if ((await this.blobSize(digest)) === data.length) return;
    await writeFileAtomic(this.blobFile(digest), data);
  }

  async deleteBlob(digest: string): Promise<boolean> {
    const f = this.blobFile(digest);
    const had = (await this.blobSize(digest)) !== undefined;
    await rm(f, { force: true });
    return had;
  }

  private uploadFile(id: string): string {
    if (!UPLOAD_ID.test(id)) throw new Error(`not an upload id: ${id}`);
    return join(this.root, 'uploads', id);
  }

  /** Starts an empty upload and returns its id. */
  async startUpload(): Promise<string> {
    const id = randomUUID();
    await mkdir(join(this.root, 'uploads'), { recursive: true });
    await writeFileAtomic(this.uploadFile(id), Buffer.alloc(0));
    return id;
  }

  /** Bytes received so far, or undefined for an unknown upload. */
  async uploadSize(id: string): Promise<number | undefined> {
    if (!UPLOAD_ID.test(id)) return undefined;
    const st = await stat(this.uploadFile(id)).catch(() => undefined);
    return st?.isFile() ? st.size : undefined;
  }

  /** Appends a request body to an upload, refusing (TooLargeError) once the upload would pass `max` bytes; returns the new size. */
  async appendUpload(id: string, body: Readable, max: number): Promise<number> {
    let size = (await this.uploadSize(id)) ?? 0;
    const limit = async function* (src: Readable) {
      for await (const chunk of src) {
        size += (chunk as Buffer).length;
        if (size > max) throw new TooLargeError(`blob upload is larger than the limit of ${max} bytes`);
        yield chunk as Buffer;
      }
    };
    await pipeline(body, limit, createWriteStream(this.uploadFile(id), { flags: 'a' }));
    return size;
  }

  /** The sha256 digest of an upload's bytes. */
  async uploadDigest(id: string): Promise<string> {
    const h = createHash('sha256');
    await pipeline(createReadStream(this.uploadFile(id)), h);
    return 'sha256:' + h.digest('hex');
  }

  /** Moves a checked upload into the blob store (an atomic rename). */
  async commitUpload(id: string, digest: string): Promise<void> {
    const dst = this.blobFile(digest);
    await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
    await rename(this.uploadFile(id), dst);
  }

  async cancelUpload(id: string): Promise<void> {
    if (UPLOAD_ID.test(id)) await rm(this.uploadFile(id), { force: true });
  }

  private repoDir(repo: string): string {
    // The caller has checked `repo` against the distribution grammar: no "..", no empty component.
    return join(this.root, 'repositories', ...repo.split('/'), '_manifests');
  }

  /** Records manifest `digest` as part of `repo` and, when given, points `tag` at it. */
  async linkManifest(repo: string, digest: string, tag?: string): Promise<void> {
    await writeFileAtomic(join(this.repoDir(repo), 'revisions', digest.slice(7)), digest);
    if (tag !== undefined) await writeFileAtomic(join(this.repoDir(repo), 'tags', tag), digest);
  }

  async hasManifest(repo: string, digest: string): Promise<boolean> {
    if (!HEX.test(digest.slice(7))) return false;
    return (await stat(join(this.repoDir(repo), 'revisions', digest.slice(7))).catch(() => undefined)) !== undefined;
  }

  /** The digest `tag` points at in `repo`. */
  async tagDigest(repo: string, tag: string): Promise<string | undefined> {
    const d = await readFile(join(this.repoDir(repo), 'tags', tag), 'utf8').catch(() => undefined);
    return d && HEX.test(d.slice(7)) ? d : undefined;
  }

  async tags(repo: string): Promise<string[]> {
    const names = await readdir(join(this.repoDir(repo), 'tags')).catch(() => [] as string[]);
    return names.filter((n) => !n.endsWith('.tmp'));
  }

  async deleteTag(repo: string, tag: string): Promise<boolean> {
    const had = (await this.tagDigest(repo, tag)) !== undefined;
    await rm(join(this.repoDir(repo), 'tags', tag), { force: true });
    return had;
  }

  /** Unlinks a manifest from `repo` and removes the tags pointing at it; returns the tags removed. */
  async unlinkManifest(repo: string, digest: string): Promise<string[]> {
    const removed: string[] = [];
    for (const t of await this.tags(repo)) {
      if ((await this.tagDigest(repo, t)) === digest) {
        await this.deleteTag(repo, t);
        removed.push(t);
      }
    }
    await rm(join(this.repoDir(repo), 'revisions', digest.slice(7)), { force: true });
    return removed;
  }

  /** Every repository whose last path component is `name` (where a chart called `name` may be pushed). */
  async repositoriesNamed(name: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, prefix: string[]): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (!e.isDirectory()) continue;
        if (e.name === '_manifests') {
          if (prefix[prefix.length - 1] === name) out.push(prefix.join('/'));
          continue;
        }
        await walk(join(dir, e.name), [...prefix, e.name]);
      }
    };
    await walk(join(this.root, 'repositories'), []);
    return out;
  }
}
