// Registry operations over RegistryTransport: manifests, blobs (HEAD before
// upload, cross-repository mount, monolithic or chunked upload), tag lists
// with pagination. Every body read is bounded and every blob is checked
// against its digest before it is returned.
import { RepoError } from '../errors.js';
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES, OCI_MANIFEST_MEDIA_TYPE, sha256Digest, verifyDigest, isDigest } from './media.js';
import { registryMessage, RegistryTransport, type RegistryResponse, type TransportOptions } from './transport.js';

/** Options of a RegistryClient: how to reach the registry plus upload tuning. */
export interface RegistryClientOptions extends TransportOptions {
  /** Blobs larger than this are uploaded in chunks of this size (PATCH); default 8 MiB. */
  readonly chunkSize?: number;
}

/** A fetched manifest: its bytes, digest and media type. */
export interface FetchedManifest {
  readonly data: Buffer;
  readonly digest: string;
  readonly mediaType: string;
}

const MAX_TAG_PAGES = 100;

/** A client for one registry host. */
export class RegistryClient {
  readonly transport: RegistryTransport;
  private readonly chunkSize: number;

  constructor(registry: string, opts: RegistryClientOptions = {}) {
    this.transport = new RegistryTransport(registry, opts);
    this.chunkSize = opts.chunkSize ?? 8 * 1024 * 1024;
  }

  get registry(): string {
    return this.transport.registry;
  }

  /** Closes the connections. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private fail(res: RegistryResponse, what: string): RepoError {
    if (res.status === 401 || res.status === 403) return this.transport.unauthorized(res, what);
    const msg = registryMessage(res.body);
    if (res.status === 400 && /HTTP request to an HTTPS server/i.test(msg)) {
      return new RepoError(`${what}: the registry ${this.registry} speaks HTTPS`, { hint: 'drop --plain-http' });
    }
    return new RepoError(`${what}: ${res.status}${msg ? ` ${msg}` : ''}`);
  }

  /** GET /v2/: checks that the registry is reachable and the credentials are accepted (for `registry login`). */
  async ping(): Promise<void> {
    const what = `login to ${this.registry}`;
    const res = await this.transport.send({ method: 'GET', url: '/v2/', scopes: [], what });
    if (res.status === 401 && !(await this.transport.hasCredential())) throw this.transport.unauthorized(res, what);
    if (res.status !== 200) throw this.fail(res, what);
  }

  /**
   * Fetches manifest `reference` (tag or digest) of `repository`; null when
   * the registry answers 404. A manifest asked for by digest is checked
   * against it. Throws RepoError for other failures, an oversized manifest,
   * or a digest mismatch.
   */
  async getManifest(repository: string, reference: string, what: string): Promise<FetchedManifest | null> {
    const res = await this.transport.send({
      method: 'GET',
      url: `/v2/${repository}/manifests/${reference}`,
      scopes: [`repository:${repository}:pull`],
      headers: { accept: MANIFEST_ACCEPT },
      maxBytes: MAX_MANIFEST_BYTES,
      what,
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.fail(res, what);
    const digest = sha256Digest(res.body);
    if (isDigest(reference)) verifyDigest(res.body, reference, `the manifest of ${what}`);
    const header = res.headers['docker-content-digest'];
    if (typeof header === 'string' && header.startsWith('sha256:') && header !== digest) {
      throw new RepoError(`digest mismatch for the manifest of ${what}: the registry says ${header} but the content is ${digest}`);
    }
    const ct = res.headers['content-type'];
    return { data: res.body, digest, mediaType: typeof ct === 'string' ? ct.split(';')[0]!.trim() : '' };
  }

  /** Downloads blob `digest` (at most `maxBytes`), verifying its digest; redirects to blob storage are followed without credentials. */
  async getBlob(repository: string, digest: string, maxBytes: number, what: string): Promise<Buffer> {
    const res = await this.transport.send({ method: 'GET', url: `/v2/${repository}/blobs/${digest}`, scopes: [`repository:${repository}:pull`], maxBytes, what });
    if (res.status === 404) throw new RepoError(`${what}: blob ${digest} is missing from ${this.registry}/${repository}`);
    if (res.status !== 200) throw this.fail(res, what);
    verifyDigest(res.body, digest, `blob ${digest} of ${what}`);
    return res.body;
  }

  /** Whether blob `digest` exists in `repository` (HEAD). */
  async hasBlob(repository: string, digest: string, what: string, scopes: readonly string[]): Promise<boolean> {
    const res = await this.transport.send({ method: 'HEAD', url: `/v2/${repository}/blobs/${digest}`, scopes, what });
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw this.fail(res, what);
  }

  /**
   * Uploads blob `data` unless `repository` already has it: HEAD first, then
   * a cross-repository mount from `mountFrom` when given, else a monolithic
   * PUT, or PATCH chunks for blobs over the chunk size. Returns how the blob
   * got there. `digest` is the data's, when the caller has already computed it.
   */
  async pushBlob(repository: string, data: Buffer, what: string, mountFrom?: string, digest = sha256Digest(data)): Promise<'exists' | 'mounted' | 'uploaded'> {
    const scopes = [`repository:${repository}:pull,push`, ...(mountFrom && mountFrom !== repository ? [`repository:${mountFrom}:pull`] : [])];
    if (await this.hasBlob(repository, digest, what, scopes)) return 'exists';
    let start: RegistryResponse;
    if (mountFrom && mountFrom !== repository) {
      start = await this.transport.send({ method: 'POST', url: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(mountFrom)}`, scopes, what });
      if (start.status === 201) return 'mounted';
    } else {
      start = await this.transport.send({ method: 'POST', url: `/v2/${repository}/blobs/uploads/`, scopes, what });
    }
    if (start.status !== 202) throw this.fail(start, what);
    let location = this.location(start, what);
    if (data.length > this.chunkSize) {
      for (let off = 0; off < data.length; off += this.chunkSize) {
        const chunk = data.subarray(off, Math.min(data.length, off + this.chunkSize));
        const res = await this.transport.send({
          method: 'PATCH',
          url: location,
          scopes,
          body: chunk,
          headers: { 'content-type': 'application/octet-stream', 'content-range': `${off}-${off + chunk.length - 1}` },
          what,
        });
        if (res.status !== 202) throw this.fail(res, what);
        location = this.location(res, what);
      }
      const done = await this.transport.send({ method: 'PUT', url: withQuery(location, 'digest', digest), scopes, what });
      if (done.status !== 201) throw this.fail(done, what);
      return 'uploaded';
    }
    const put = await this.transport.send({
      method: 'PUT',
      url: withQuery(location, 'digest', digest),
      scopes,
      body: data,
      headers: { 'content-type': 'application/octet-stream' },
      what,
    });
    if (put.status !== 201) throw this.fail(put, what);
    return 'uploaded';
  }

  private location(res: RegistryResponse, what: string): string {
    const loc = res.headers.location;
    if (typeof loc !== 'string' || loc === '') throw new RepoError(`${what}: the registry started an upload without a Location`);
    return new URL(loc, res.url).toString();
  }

  /** PUTs manifest `data` under `reference` (a tag); returns the digest the registry reports (checked against the content). */
  async putManifest(repository: string, reference: string, data: Buffer, what: string, mediaType = OCI_MANIFEST_MEDIA_TYPE): Promise<string> {
    const res = await this.transport.send({
      method: 'PUT',
      url: `/v2/${repository}/manifests/${reference}`,
      scopes: [`repository:${repository}:pull,push`],
      body: data,
      headers: { 'content-type': mediaType },
      what,
    });
    if (res.status !== 201 && res.status !== 200) throw this.fail(res, what);
    const digest = sha256Digest(data);
    const header = res.headers['docker-content-digest'];
    if (typeof header === 'string' && header !== '' && header !== digest) {
      throw new RepoError(`${what}: the registry stored the manifest as ${header}, but its content is ${digest}`);
    }
    return digest;
  }

  /** All tags of `repository` (following Link pagination); an empty list when the repository does not exist. */
  async listTags(repository: string, what: string): Promise<string[]> {
    const tags: string[] = [];
    let url: string | undefined = `/v2/${repository}/tags/list?n=1000`;
    for (let page = 0; url && page < MAX_TAG_PAGES; page++) {
      const res = await this.transport.send({ method: 'GET', url, scopes: [`repository:${repository}:pull`], what });
      if (res.status === 404) return tags;
      if (res.status !== 200) throw this.fail(res, what);
      let j: { tags?: unknown };
      try {
        j = JSON.parse(res.body.toString('utf8')) as { tags?: unknown };
      } catch {
        throw new RepoError(`${what}: the tag list of ${this.registry}/${repository} is not valid JSON`);
      }
      if (Array.isArray(j.tags)) for (const t of j.tags) if (typeof t === 'string') tags.push(t);
      url = nextLink(res.headers.link, res.url);
    }
    return tags;
  }
}

function withQuery(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

/** The rel="next" target of a Link header, resolved against the URL that sent it. */
function nextLink(link: string | string[] | undefined, base: string): string | undefined {
  const v = Array.isArray(link) ? link.join(', ') : link;
  if (!v) return undefined;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(v);
  return m ? new URL(m[1]!, base).toString() : undefined;
}
