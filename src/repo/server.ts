// `skiff repo serve`: a chart repository over HTTP(S) with ChartMuseum's
// upload/delete API. Index updates are serialised and written atomically so
// concurrent uploads never lose an entry.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadChartArchive } from '../chart/index.js';
import { RepoError } from '../errors.js';
import { emptyIndex, nowStamp, parseIndex, serializeIndex, sortEntries, type IndexFile } from './index-file.js';
import { chartVersionFromArchive, indexDirectory } from './index-dir.js';
import { joinInside, writeFileAtomic } from './fs-util.js';

export interface ServeOptions {
  readonly dir: string;
  /** HOST:PORT (default 127.0.0.1:8879; port 0 picks a free port). */
  readonly address?: string;
  /** USER:PASS required on every request but /health. */
  readonly basicAuth?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  /** Let an upload replace an existing version. */
  readonly allowOverwrite?: boolean;
  /** Largest upload accepted (default 20 MiB). */
  readonly maxUploadBytes?: number;
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

/** Takes the chart bytes from a raw body or a multipart/form-data body (field "chart", as ChartMuseum accepts). */
function chartFromBody(req: IncomingMessage, body: Buffer): Buffer {
  const ct = req.headers['content-type'] ?? '';
  const m = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(ct);
  if (!m) return body;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let p = body.indexOf(boundary);
  while (p !== -1) {
    const headEnd = body.indexOf('\r\n\r\n', p);
    if (headEnd === -1) break;
    const head = body.toString('utf8', p, headEnd);
    const next = body.indexOf(boundary, headEnd);
    if (next === -1) break;
    if (/name="chart"/.test(head)) return body.subarray(headEnd + 4, next - 2);
    p = next;
  }
  throw new RepoError('multipart upload has no "chart" field');
}

/**
 * Starts serving DIR: GET /index.yaml (ETag, Last-Modified, gzip), GET of the
 * archives, GET /health, POST /api/charts (a .tgz body; 201 {"saved":true},
 * 409 when the version exists unless allowOverwrite, 400 with the reason for
 * an invalid or unsafe chart), DELETE /api/charts/NAME/VERSION. Builds
 * DIR/index.yaml first when it is missing. Throws RepoError when it cannot listen.
 */
export async function serveRepository(opts: ServeOptions): Promise<RepoServer> {
  const dir = resolve(opts.dir);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new RepoError(`${opts.dir} is not a directory`);
  const indexFile = join(dir, 'index.yaml');
  if (!(await stat(indexFile).catch(() => undefined))) await indexDirectory(dir);
  const { host, port } = parseAddress(opts.address ?? '127.0.0.1:8879');
  const maxUpload = opts.maxUploadBytes ?? 20 * 1024 * 1024;
  const expectedAuth = opts.basicAuth ? Buffer.from('Basic ' + Buffer.from(opts.basicAuth).toString('base64')) : undefined;
  if (opts.basicAuth && !opts.basicAuth.includes(':')) throw new RepoError('--basic-auth must be USER:PASS', { exitCode: 2 });
  if (!!opts.tlsCert !== !!opts.tlsKey) throw new RepoError('--tls-cert and --tls-key go together', { exitCode: 2 });

  // Index updates run one after another: each reads the current index, changes it and renames a new file into place.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn, fn);
    queue = p.catch(() => undefined);
    return p;
  };
  const readIndex = async (): Promise<IndexFile> => {
    const text = await readFile(indexFile, 'utf8').catch(() => undefined);
    return text === undefined ? emptyIndex() : parseIndex(text, indexFile);
  };
  const writeIndex = async (index: IndexFile) => {
    index.generated = nowStamp();
    sortEntries(index);
    await writeFileAtomic(indexFile, serializeIndex(index));
  };

  const authorized = (req: IncomingMessage): boolean => {
    if (!expectedAuth) return true;
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expectedAuth.length && timingSafeEqual(got, expectedAuth);
  };

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
    let data: Buffer;
    try {
      data = chartFromBody(req, await readBody(req, maxUpload));
      await loadChartArchive(data, 'uploaded chart');
    } catch (err) {
      return json(res, 400, { error: (err as Error).message });
    }
    const cv = await chartVersionFromArchive(data, 'uploaded chart');
    const file = `${cv.name}-${cv.version}.tgz`;
    const status = await serial(async () => {
      const index = await readIndex();
      const list = (index.entries[cv.name] ??= []);
      const at = list.findIndex((x) => x.version === cv.version);
      if (at !== -1 && !opts.allowOverwrite) return 409;
      await writeFileAtomic(joinInside(dir, file), data);
      cv.urls = [file];
      cv.created = nowStamp();
      if (at !== -1) list.splice(at, 1);
      list.push(cv);
      await writeIndex(index);
      return 201;
    });
    if (status === 409) return json(res, 409, { error: `${file} already exists` });
    json(res, 201, { saved: true });
  };

  const remove = async (res: ServerResponse, name: string, version: string) => {
    const found = await serial(async () => {
      const index = await readIndex();
      const list = index.entries[name];
      const at = list?.findIndex((x) => x.version === version) ?? -1;
      if (!list || at === -1) return false;
      const [cv] = list.splice(at, 1);
      if (list.length === 0) delete index.entries[name];
      await writeIndex(index);
      for (const u of cv!.urls) {
        if (/^[a-z]+:\/\//i.test(u)) continue;
        const f = resolve(dir, u);
        if (f.startsWith(dir + sep)) await rm(f, { force: true });
      }
      return true;
    });
    if (!found) return json(res, 404, { error: `${name}-${version} not found` });
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
    if (!authorized(req)) {
      res.setHeader('www-authenticate', 'Basic realm="skiff"');
      return json(res, 401, { error: 'unauthorized' });
    }
    if (path === '/api/charts' && req.method === 'POST') return upload(req, res);
    const del = /^\/api\/charts\/([^/]+)\/([^/]+)$/.exec(path);
    if (del && req.method === 'DELETE') return remove(res, del[1]!, del[2]!);
    if (path === '/api/charts' && req.method === 'GET') return json(res, 200, (await readIndex()).entries);
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
