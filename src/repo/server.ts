// `skiff repo serve`: a chart repository over HTTP(S) with ChartMuseum's
// upload/delete API, and an OCI registry (/v2/, src/repo/oci-server.ts) for
// the same charts. Index updates are serialised and written atomically so
// concurrent uploads never lose an entry.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadChartArchive } from '../chart/index.js';
import { RepoError } from '../errors.js';
import { versionToTag } from '../oci/index.js';
import { OciStore } from './oci-store.js';
import { OciAuth, TOKEN_PATH } from './oci-auth.js';
import { ociHandler } from './oci-server.js';
import { ServedIndex } from './served-index.js';

export interface ServeOptions {
  readonly dir: string;
  /** HOST:PORT (default 127.0.0.1:8879; port 0 picks a free port). */
  readonly address?: string;
  /** USER:PASS required on every request but /health (for OCI clients through bearer tokens from /token, or sent directly). */
  readonly basicAuth?: string;
  /** With basicAuth: GET/HEAD of the classic repository and OCI pulls need no credentials (anonymous pull tokens). */
  readonly anonymousGet?: boolean;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  /** Let an upload replace an existing version. */
  readonly allowOverwrite?: boolean;
  /** Largest upload accepted (default 20 MiB), classic or OCI blob. */
  readonly maxUploadBytes?: number;
  /** Allow OCI deletes of manifests, tags and blobs. */
  readonly allowDelete?: boolean;
  /** Called once per request (method, path, status). */
  readonly log?: (line: string) => void;
}

export interface RepoServer {
  /** The base URL the server listens on (e.g. http://127.0.0.1:8879). */
  readonly url: string;
  close(): Promise<void>;
}

function parseAddress(address: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(address);
  if (!m) throw new RepoError(`invalid --address "${address}": expected HOST:PORT, e.g. 127.0.0.1:8879`, { exitCode: 2 });
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port: Number(m[3]) };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > max) throw new RepoError(`upload is larger than the limit of ${max} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The chart (and .prov) from a raw body or a multipart/form-data body (fields "chart" and "prov", as ChartMuseum accepts). */
function chartFromBody(req: IncomingMessage, body: Buffer): { chart: Buffer; prov?: Buffer } {
  const ct = req.headers['content-type'] ?? '';
  const m = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(ct);
  if (!m) return { chart: body };
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const fields = new Map<string, Buffer>();
  let p = body.indexOf(boundary);
  while (p !== -1) {
    const headEnd = body.indexOf('\r\n\r\n', p);
    if (headEnd === -1) break;
    const head = body.toString('utf8', p, headEnd);
    const next = body.indexOf(boundary, headEnd);
    if (next === -1) break;
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (name) fields.set(name, body.subarray(headEnd + 4, next - 2));
    p = next;
  }
  const chart = fields.get('chart');
  if (!chart) throw new RepoError('multipart upload has no "chart" field');
  return { chart, prov: fields.get('prov') };
}

/**
 * Starts serving DIR: GET /index.yaml (ETag, Last-Modified, gzip), GET of the
 * archives, GET /health, POST /api/charts (a .tgz body; 201 {"saved":true},
 * 409 when the version exists unless allowOverwrite, 400 with the reason for
 * an invalid or unsafe chart), DELETE /api/charts/NAME/VERSION, and the OCI
 * distribution API under /v2/ for the same charts (src/repo/oci-server.ts),
 * behind the same authentication (OCI clients get bearer tokens from /token,
 * src/repo/oci-auth.ts) and TLS. Builds DIR/index.yaml first when
 * it is missing. Throws RepoError when it cannot listen.
 */
export async function serveRepository(opts: ServeOptions): Promise<RepoServer> {
  const dir = resolve(opts.dir);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new RepoError(`${opts.dir} is not a directory`);
  const served = new ServedIndex(dir);
  await served.ensure();
  const indexFile = served.indexFile;
  const { host, port } = parseAddress(opts.address ?? '127.0.0.1:8879');
  const maxUpload = opts.maxUploadBytes ?? 20 * 1024 * 1024;
  if (opts.basicAuth && !opts.basicAuth.includes(':')) throw new RepoError('--basic-auth must be USER:PASS', { exitCode: 2 });
  if (opts.anonymousGet && !opts.basicAuth) throw new RepoError('--auth-anonymous-get only makes sense with --basic-auth (without it every request is anonymous)', { exitCode: 2 });
  if (!!opts.tlsCert !== !!opts.tlsKey) throw new RepoError('--tls-cert and --tls-key go together', { exitCode: 2 });
  const store = new OciStore(dir);
  const oci = ociHandler({ store, index: served, maxBlobBytes: maxUpload, allowDelete: opts.allowDelete, allowOverwrite: opts.allowOverwrite });

  const auth = new OciAuth({ basicAuth: opts.basicAuth, anonymousGet: opts.anonymousGet, allowDelete: opts.allowDelete, tls: !!opts.tlsCert, log: opts.log });

  const sendFile = async (req: IncomingMessage, res: ServerResponse, file: string, type: string) => {
    const fst = await stat(file).catch(() => undefined);
    if (!fst?.isFile()) return json(res, 404, { error: 'not found' });
    const data = await readFile(file);
    const etag = `"${createHash('sha256').update(data).digest('hex').slice(0, 32)}"`;
    const headers: Record<string, string | number> = { 'content-type': type, etag, 'last-modified': fst.mtime.toUTCString(), 'cache-control': 'no-cache' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    let body = data;
    if (type !== 'application/gzip' && data.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(data);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const upload = async (req: IncomingMessage, res: ServerResponse) => {
    let parts: { chart: Buffer; prov?: Buffer };
    try {
      parts = chartFromBody(req, await readBody(req, maxUpload));
      await loadChartArchive(parts.chart, 'uploaded chart');
    } catch (err) {
      return json(res, 400, { error: (err as Error).message });
    }
    const r = await served.add(parts.chart, { prov: parts.prov, overwrite: opts.allowOverwrite });
    if (r.status === 'conflict' || (r.status === 'unchanged' && !opts.allowOverwrite)) return json(res, 409, { error: `${r.file} already exists` });
    json(res, 201, { saved: true });
  };

  const remove = async (res: ServerResponse, name: string, version: string) => {
    const cv = await served.remove(name, version);
    if (!cv) return json(res, 404, { error: `${name}-${version} not found` });
    // Gone from OCI as well: the tag of that version in every repository of that chart.
    for (const repo of await store.repositoriesNamed(name)) await store.deleteTag(repo, versionToTag(version));
    json(res, 200, { deleted: true });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return json(res, 400, { error: `invalid escape in URL path ${JSON.stringify(url.pathname)}` });
    }
    if (path === '/health') return json(res, 200, { healthy: true });
    if (path === TOKEN_PATH) return auth.token(req, res, url);
    if (path === '/v2' || path.startsWith('/v2/')) return auth.allow(req, res, url) ? oci(req, res, path, url) : undefined;
    const anonymousRead = opts.anonymousGet && (req.method === 'GET' || req.method === 'HEAD');
    if (!anonymousRead && !auth.basicOk(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Basic realm="skiff"');
      return json(res, 401, { error: 'unauthorized' });
    }
    if (path === '/api/charts' && req.method === 'POST') return upload(req, res);
    const del = /^\/api\/charts\/([^/]+)\/([^/]+)$/.exec(path);
    if (del && req.method === 'DELETE') return remove(res, del[1]!, del[2]!);
    if (path === '/api/charts' && req.method === 'GET') return json(res, 200, (await served.read()).entries);
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: `method ${req.method} not allowed` });
    if (path === '/' || path === '/index.yaml') return sendFile(req, res, indexFile, 'application/x-yaml');
    if (path.endsWith('.tgz') || path.endsWith('.prov')) {
      const file = resolve(dir, '.' + path);
      if (!file.startsWith(dir + sep)) return json(res, 404, { error: 'not found' });
      return sendFile(req, res, file, path.endsWith('.tgz') ? 'application/gzip' : 'application/octet-stream');
    }
    json(res, 404, { error: 'not found' });
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).then(
      () => opts.log?.(`${req.method} ${req.url} ${res.statusCode}`),
      (err) => {
        if (!res.headersSent) json(res, 500, { error: (err as Error).message });
        else res.destroy();
        opts.log?.(`${req.method} ${req.url} 500 ${(err as Error).message}`);
      },
    );
  };
  let server: Server;
  if (opts.tlsCert) {
    const [cert, key] = await Promise.all([readFile(opts.tlsCert), readFile(opts.tlsKey!)]).catch((err: Error) => {
      throw new RepoError(`cannot read TLS certificate or key: ${err.message}`);
    });
    server = createHttpsServer({ cert, key }, listener);
  } else server = createHttpServer(listener);
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => fail(new RepoError(`cannot listen on ${host}:${port}: ${err.code ?? err.message}`)));
    server.listen(port, host, () => ok());
  });
  const addr = server.address() as { address: string; port: number };
  const shownHost = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
  return {
    url: `${opts.tlsCert ? 'https' : 'http'}://${shownHost}:${addr.port}`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections?.();
      server.close(() => ok());
    }),
  };
}
