// The OCI distribution API of `skiff repo serve`, for the charts it hosts:
// /v2/ (the version check clients log in with), blob uploads (POST, PATCH,
// PUT; monolithic and chunked; cross-repository mount), blobs, manifests by
// tag and digest, tag lists with pagination, and deletes when enabled.
// It stores Helm charts only, and keeps the classic index.yaml in step: a
// chart pushed here is listed in the index, and a chart of the index is
// pullable as oci://HOST/NAME (its manifest is built on first request,
// reproducibly, from the archive and the entry's `created`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadChartArchive } from '../chart/index.js';
import { RepoError } from '../errors.js';
import {
  buildChartArtifact,
  chartManifest,
  checkRepository,
  checkTag,
  DOCKER_MANIFEST_MEDIA_TYPE,
  isDigest,
  MAX_MANIFEST_BYTES,
  OCI_MANIFEST_MEDIA_TYPE,
  parseManifest,
  sha256Digest,
  tagToVersion,
  versionToTag,
} from '../oci/index.js';
import { chartVersionFromArchive } from './index-dir.js';
import { OciStore, TooLargeError } from './oci-store.js';
import type { ServedIndex } from './served-index.js';

export interface OciServeOptions {
  readonly store: OciStore;
  readonly index: ServedIndex;
  /** Largest blob accepted. */
  readonly maxBlobBytes: number;
  /** Allow DELETE of manifests, tags and blobs. */
  readonly allowDelete?: boolean;
  /** Let a push replace a chart version the index lists with other content. */
  readonly allowOverwrite?: boolean;
}

type Send = (status: number, headers?: Record<string, string | number>, body?: Buffer | string) => void;

/** The distribution spec's error body. */
export function ociError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [{ code, message, detail: null }] });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'docker-distribution-api-version': 'registry/2.0', ...headers });
  res.end(body);
}

class OciFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const fail = (status: number, code: string, message: string): never => {
  throw new OciFailure(status, code, message);
};

const ROUTE = /^\/v2\/(.+?)\/(blobs\/uploads\/?([^/]*)|blobs\/([^/]+)|manifests\/([^/]+)|tags\/list)$/;

async function readLimited(req: IncomingMessage, max: number, what: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) fail(413, what === 'manifest' ? 'MANIFEST_INVALID' : 'SIZE_INVALID', `${what} of ${declared} bytes is larger than the limit of ${max} bytes`);
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > max) fail(413, what === 'manifest' ? 'MANIFEST_INVALID' : 'SIZE_INVALID', `${what} is larger than the limit of ${max} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Creates the handler for /v2 paths (authorization already checked). */
export function ociHandler(opts: OciServeOptions): (req: IncomingMessage, res: ServerResponse, path: string, url: URL) => Promise<void> {
  const { store, index } = opts;

  /** A chart of the classic index, as a manifest of repository NAME (built and stored on first use). */
  const fromIndex = async (repo: string, tag: string): Promise<string | undefined> => {
    if (repo.includes('/')) return undefined;
    const cv = await index.find(repo, tagToVersion(tag));
    const file = cv && index.archivePath(cv);
    if (!cv || !file) return undefined;
    const { readFile } = await import('node:fs/promises');
    const data = await readFile(file).catch(() => undefined);
    if (!data) return undefined;
    const prov = await readFile(`${file}.prov`).catch(() => undefined);
    const meta = await chartVersionFromArchive(data, file);
    const created = cv.created && !Number.isNaN(Date.parse(cv.created)) ? new Date(cv.created) : new Date(0);
    const art = buildChartArtifact(meta, data, prov, created);
    for (const b of [art.config, art.chart, ...(art.prov ? [art.prov] : [])]) await store.putBlob(b.descriptor.digest, b.data);
    await store.putBlob(art.manifestDigest, art.manifest);
    await store.linkManifest(repo, art.manifestDigest, tag);
    return art.manifestDigest;
  };

  const resolveRef = async (repo: string, ref: string): Promise<string | undefined> => {
    if (ref.startsWith('sha256:')) {
      if (!isDigest(ref)) fail(400, 'DIGEST_INVALID', `invalid digest ${JSON.stringify(ref)}`);
      return (await store.hasManifest(repo, ref)) ? ref : undefined;
    }
    checkRefTag(ref);
    return (await store.tagDigest(repo, ref)) ?? (await fromIndex(repo, ref));
  };

  const checkRefTag = (tag: string) => {
    try {
      checkTag(tag, 'the request');
    } catch (err) {
      fail(400, 'TAG_INVALID', (err as Error).message);
    }
  };

  /** Tags of REPO: those pushed, and for a top-level repository the versions of that chart in the index. */
  const allTags = async (repo: string): Promise<string[]> => {
    const tags = new Set(await store.tags(repo));
    if (!repo.includes('/')) {
      const idx = await index.read();
      for (const cv of Object.hasOwn(idx.entries, repo) ? idx.entries[repo]! : []) if (index.archivePath(cv)) tags.add(versionToTag(cv.version));
    }
    return [...tags].sort();
  };

  const putManifest = async (req: IncomingMessage, repo: string, ref: string, send: Send) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const body = await readLimited(req, MAX_MANIFEST_BYTES, 'manifest');
    const digest = sha256Digest(body);
    if (ref.startsWith('sha256:') && ref !== digest) fail(400, 'DIGEST_INVALID', `the manifest's digest is ${digest}, not ${ref}`);
    if (!ref.startsWith('sha256:')) checkRefTag(ref);
    let chart;
    try {
      const m = parseManifest(body, `manifest ${repo}:${ref}`);
      if (type && type !== OCI_MANIFEST_MEDIA_TYPE && type !== DOCKER_MANIFEST_MEDIA_TYPE) fail(400, 'MANIFEST_INVALID', `unsupported manifest media type ${type}: this registry stores Helm charts (${OCI_MANIFEST_MEDIA_TYPE})`);
      chart = chartManifest(m, `manifest ${repo}:${ref}`);
    } catch (err) {
      if (err instanceof OciFailure) throw err;
      fail(400, 'MANIFEST_INVALID', (err as Error).message);
    }
    for (const d of [chart!.config, ...chart!.manifest.layers]) {
      const size = await store.blobSize(d.digest);
      if (size === undefined) fail(400, 'MANIFEST_BLOB_UNKNOWN', `blob ${d.digest} (${d.mediaType}) named by the manifest was not uploaded`);
      if (size !== d.size) fail(400, 'MANIFEST_INVALID', `blob ${d.digest} has ${size} bytes but the manifest says ${d.size}`);
    }
    const archive = await store.readBlob(chart!.chart.digest);
    let meta;
    try {
      meta = (await loadChartArchive(archive, `chart layer of ${repo}:${ref}`)).metadata;
    } catch (err) {
      fail(400, 'MANIFEST_INVALID', `the chart layer is not a valid chart: ${(err as Error).message}`);
    }
    const config = JSON.parse((await store.readBlob(chart!.config.digest)).toString('utf8') || '{}') as { name?: unknown; version?: unknown };
    if (config.name !== meta!.name || config.version !== meta!.version) {
      fail(400, 'MANIFEST_INVALID', `the config says ${String(config.name)} ${String(config.version)} but the chart layer holds ${meta!.name} ${meta!.version}`);
    }
    const base = repo.slice(repo.lastIndexOf('/') + 1);
    if (meta!.name !== base) fail(400, 'NAME_INVALID', `chart "${meta!.name}" cannot be pushed to repository ${repo}: the last path component must be the chart name`);
    const prov = chart!.prov ? await store.readBlob(chart!.prov.digest) : undefined;
    let added;
    try {
      added = await index.add(archive, { prov, overwrite: opts.allowOverwrite, source: `chart layer of ${repo}:${ref}` });
    } catch (err) {
      fail(400, 'MANIFEST_INVALID', (err as Error).message);
    }
    if (added!.status === 'conflict') {
      fail(409, 'DENIED', `${added!.file} already exists with other content (sha256:${added!.version.digest}); bump the chart version, or start the server with --allow-overwrite`);
    }
    await store.putBlob(digest, body);
    await store.linkManifest(repo, digest, ref.startsWith('sha256:') ? undefined : ref);
    send(201, { location: `/v2/${repo}/manifests/${digest}`, 'docker-content-digest': digest });
  };

  const deleteManifest = async (repo: string, ref: string, send: Send) => {
    if (!opts.allowDelete) fail(405, 'UNSUPPORTED', 'deletes are disabled on this server (start it with --allow-delete)');
    const digest = await resolveRef(repo, ref);
    if (!digest) fail(404, 'MANIFEST_UNKNOWN', `manifest ${ref} not found in ${repo}`);
    if (!ref.startsWith('sha256:')) {
      await store.deleteTag(repo, ref);
      return send(202);
    }
    await store.unlinkManifest(repo, digest!);
    // The chart leaves the index too, when the index lists this very archive.
    try {
      const c = chartManifest(parseManifest(await store.readBlob(digest!), digest!), digest!);
      const meta = JSON.parse((await store.readBlob(c.config.digest)).toString('utf8')) as { name?: string; version?: string };
      if (meta.name && meta.version) await index.remove(meta.name, meta.version, c.chart.digest.slice(7));
    } catch {
      /* not readable as a chart any more: nothing to unlist */
    }
    send(202);
  };

  const startUpload = async (repo: string, url: URL, req: IncomingMessage, send: Send) => {
    const mount = url.searchParams.get('mount');
    const from = url.searchParams.get('from');
    if (mount && from && isDigest(mount)) {
      try {
        checkRepository(from, 'the mount request');
      } catch (err) {
        fail(400, 'NAME_INVALID', (err as Error).message);
      }
      if ((await store.blobSize(mount)) !== undefined) return send(201, { location: `/v2/${repo}/blobs/${mount}`, 'docker-content-digest': mount });
    }
    const id = await store.startUpload();
    const digest = url.searchParams.get('digest');
    if (digest) return finishUpload(repo, id, digest, req, send);
    // A POST without ?digest has no body worth keeping; drain it.
    req.resume();
    send(202, { location: `/v2/${repo}/blobs/uploads/${id}`, range: '0-0', 'docker-upload-uuid': id });
  };

  const finishUpload = async (repo: string, id: string, digest: string, req: IncomingMessage, send: Send) => {
    if (!isDigest(digest)) {
      await store.cancelUpload(id);
      fail(400, 'DIGEST_INVALID', `invalid digest ${JSON.stringify(digest)} (sha256:<64 hex> expected)`);
    }
    await store.appendUpload(id, req, opts.maxBlobBytes);
    const got = await store.uploadDigest(id);
    if (got !== digest) {
      await store.cancelUpload(id);
      fail(400, 'DIGEST_INVALID', `the uploaded content has digest ${got}, not ${digest}; nothing was stored`);
    }
    await store.commitUpload(id, digest);
    send(201, { location: `/v2/${repo}/blobs/${digest}`, 'docker-content-digest': digest });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string, url: URL, send: Send) => {
    const method = req.method ?? 'GET';
    if (path === '/v2' || path === '/v2/') return send(200, { 'content-type': 'application/json' }, '{}');
    // Matched on the raw path and decoded per part, so an escaped "/" stays inside the name or tag it was sent in (and is refused there).
    const raw = ROUTE.exec(url.pathname);
    if (!raw) fail(404, 'NOT_FOUND', `no such endpoint ${path}`);
    let m: (string | undefined)[];
    try {
      m = raw!.map((g) => (g === undefined ? undefined : decodeURIComponent(g)));
    } catch {
      fail(400, 'NAME_INVALID', `invalid escape in ${url.pathname}`);
    }
    const repo = m![1]!;
    try {
      checkRepository(repo, 'the request');
    } catch (err) {
      fail(400, 'NAME_INVALID', (err as Error).message);
    }
    const [, , , uploadId, blobDigest, manifestRef] = m!;
    if (m![2] === 'tags/list') {
      if (method !== 'GET') fail(405, 'UNSUPPORTED', `method ${method} not allowed`);
      const all = await allTags(repo);
      if (all.length === 0) fail(404, 'NAME_UNKNOWN', `repository ${repo} not known to this registry`);
      const last = url.searchParams.get('last');
      const nParam = url.searchParams.get('n');
      const n = nParam === null ? undefined : Number(nParam);
      if (n !== undefined && (!Number.isInteger(n) || n < 0)) fail(400, 'PAGINATION_NUMBER_INVALID', `invalid n=${nParam}`);
      let tags = last ? all.filter((t) => t > last) : all;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (n !== undefined && tags.length > n) {
        tags = tags.slice(0, n);
        headers.link = `</v2/${repo}/tags/list?n=${n}&last=${encodeURIComponent(tags[tags.length - 1] ?? '')}>; rel="next"`;
      }
      return send(200, headers, JSON.stringify({ name: repo, tags }));
    }
    if (m![2]!.startsWith('blobs/uploads')) {
      if (method === 'POST' && !uploadId) return startUpload(repo, url, req, send);
      if (!uploadId) fail(405, 'UNSUPPORTED', `method ${method} not allowed`);
      const size = await store.uploadSize(uploadId!);
      if (size === undefined) fail(404, 'BLOB_UPLOAD_UNKNOWN', `upload ${uploadId} not found`);
      const location = `/v2/${repo}/blobs/uploads/${uploadId}`;
      if (method === 'GET') return send(204, { location, range: `0-${Math.max(size! - 1, 0)}`, 'docker-upload-uuid': uploadId! });
      if (method === 'DELETE') {
        await store.cancelUpload(uploadId!);
        return send(204);
      }
      if (method === 'PATCH') {
        const range = /^(\d+)-(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
        if (range && Number(range[1]) !== size) fail(416, 'BLOB_UPLOAD_INVALID', `chunk starts at ${range[1]} but ${size} bytes were received so far`);
        const total = await store.appendUpload(uploadId!, req, opts.maxBlobBytes);
        return send(202, { location, range: `0-${Math.max(total - 1, 0)}`, 'docker-upload-uuid': uploadId! });
      }
      if (method === 'PUT') return finishUpload(repo, uploadId!, url.searchParams.get('digest') ?? '', req, send);
      fail(405, 'UNSUPPORTED', `method ${method} not allowed`);
    }
    if (blobDigest !== undefined) {
      if (!isDigest(blobDigest)) fail(400, 'DIGEST_INVALID', `invalid digest ${JSON.stringify(blobDigest)}`);
      if (method === 'DELETE') {
        if (!opts.allowDelete) fail(405, 'UNSUPPORTED', 'deletes are disabled on this server (start it with --allow-delete)');
        if (!(await store.deleteBlob(blobDigest))) fail(404, 'BLOB_UNKNOWN', `blob ${blobDigest} not found`);
        return send(202);
      }
      if (method !== 'GET' && method !== 'HEAD') fail(405, 'UNSUPPORTED', `method ${method} not allowed`);
      const size = await store.blobSize(blobDigest);
      if (size === undefined) fail(404, 'BLOB_UNKNOWN', `blob ${blobDigest} not found`);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size!, 'docker-content-digest': blobDigest, etag: `"${blobDigest}"`, 'docker-distribution-api-version': 'registry/2.0' });
      if (method === 'HEAD') return void res.end();
      store.blobStream(blobDigest).pipe(res);
      return;
    }
    const ref = manifestRef!;
    if (method === 'PUT') return putManifest(req, repo, ref, send);
    if (method === 'DELETE') return deleteManifest(repo, ref, send);
    if (method !== 'GET' && method !== 'HEAD') fail(405, 'UNSUPPORTED', `method ${method} not allowed`);
    const digest = await resolveRef(repo, ref);
    if (!digest || (await store.blobSize(digest)) === undefined) fail(404, 'MANIFEST_UNKNOWN', `manifest ${ref} not found in ${repo}`);
    const body = await store.readBlob(digest!);
    let type = OCI_MANIFEST_MEDIA_TYPE;
    try {
      type = (JSON.parse(body.toString('utf8')) as { mediaType?: string }).mediaType ?? OCI_MANIFEST_MEDIA_TYPE;
    } catch {
      /* stored manifests are JSON */
    }
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'docker-content-digest': digest!, etag: `"${digest}"`, 'docker-distribution-api-version': 'registry/2.0' });
    res.end(method === 'HEAD' ? undefined : body);
  };

  return async (req, res, path, url) => {
    const send: Send = (status, headers = {}, body) => {
      res.writeHead(status, { 'docker-distribution-api-version': 'registry/2.0', 'content-length': body === undefined ? 0 : Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    try {
      await handle(req, res, path, url, send);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof OciFailure) return ociError(res, err.status, err.code, err.message);
      if (err instanceof TooLargeError) return ociError(res, 413, 'SIZE_INVALID', err.message);
      if (err instanceof RepoError) return ociError(res, 400, 'UNSUPPORTED', err.message);
      throw err;
    }
  };
}
