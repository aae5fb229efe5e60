// `skiff dashboard`'s HTTP server: the bundled web app (dist/dashboard/), a
// small JSON API over the release actions and the cluster, and a stream of
// change notices (Server-Sent Events) fed by the backend's watches.
//
// It listens on a loopback address unless given a TLS certificate, and every
// request must carry the random token printed in the URL (query ?token=, an
// Authorization: Bearer header, or the HttpOnly SameSite=Strict cookie the
// token is exchanged for) or, when exposed with TLS, a bearer token of the
// cluster whose user may read release records (src/dashboard/access.ts). On
// loopback the Host header must name that address (no DNS rebinding; with TLS
// the certificate binds the name). A write is refused (403) unless the
// dashboard was started with allowWrites.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SkiffError, UsageError } from '../errors.js';
import { ApiStatusError } from '../kube/client.js';
import type { Configuration } from '../action/configuration.js';
import { releaseRoutes } from './release-api.js';
import { clusterRoutes } from './cluster-api.js';
import { LiveHub } from './live.js';
import { HttpError, type Route, type RouteContext } from './route.js';
import { Access, type Caller } from './access.js';

export interface DashboardOptions {
  readonly cfg: Configuration;
  /** "host:port"; a loopback host unless `tls` is given; port 0 picks a free one. */
  readonly address: string;
  /** Serve HTTPS with this certificate and key (PEM); required for a non-loopback address. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly allowWrites?: boolean;
  /** Shown in the header: which cluster this is. */
  readonly targetLabel: string;
  /** Where index.html, app.js and app.css are (default: dist/dashboard next to the built code). */
  readonly assetsDir?: string;
  /** Fixed token (tests); random otherwise. */
  readonly token?: string;
}

export interface Dashboard {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };
const ASSETS = ['index.html', 'app.js', 'app.css'];

/** Parses "host:port"; refuses a non-loopback host unless served over TLS; throws UsageError. */
export function parseAddress(address: string, withTls = false): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address.trim());
  if (!m) throw new UsageError(`invalid --address "${address}": expected HOST:PORT, e.g. 127.0.0.1:7474`);
  const host = m[1] ?? m[2]!;
  const port = Number(m[3]);
  if (port > 65535) throw new UsageError(`invalid --address "${address}": port ${port} is out of range`);
  if (!isLoopback(host) && !withTls) {
    throw new UsageError(`--address ${address}: without TLS the dashboard listens on a loopback address only (127.0.0.1, ::1 or localhost)`, {
      hint: 'to expose it, give --tls-cert-file and --tls-private-key-file; or forward the port over SSH (ssh -L)',
    });
  }
  return { host, port };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function defaultAssetsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // dist/chunks/*.js, dist/*.js, or src/dashboard/*.ts run from source.
  for (const rel of ['../dashboard', 'dashboard', '../../dist/dashboard']) {
    const dir = join(here, rel);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  throw new SkiffError('DASHBOARD_ASSETS', 'the dashboard web app is not built (dist/dashboard/index.html is missing)', { hint: 'run npm run build' });
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Starts the dashboard; resolves once it listens. */
export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const { host, port } = parseAddress(opts.address, !!opts.tls);
  const exposed = !isLoopback(host);
  const dir = opts.assetsDir ?? defaultAssetsDir();
  const assets = new Map(ASSETS.map((f) => [f, readFileSync(join(dir, f))]));
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const access = new Access(token, exposed ? opts.cfg.backend.client : undefined);
  const secure = opts.tls ? '; Secure' : '';
  const live = new LiveHub(opts.cfg.backend.client);
  const routes: Route[] = [...releaseRoutes(), ...clusterRoutes()];
  let cookieName = 'skiff_dashboard';
  let allowedHosts = new Set<string>();

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err) => sendError(res, err));
  };
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' }, listener) : createServer(listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    if (!exposed && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) throw new HttpError(421, `unexpected Host header "${req.headers.host ?? ''}"`);
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    const queryToken = url.searchParams.get('token') ?? undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const caller = (await access.caller(queryToken)) ?? (await access.caller(bearer)) ?? access.session(cookieValue(req, cookieName));
    if (!caller) {
      throw new HttpError(401, access.acceptsClusterCredentials ? 'this dashboard needs the token skiff dashboard printed, or a bearer token of the cluster whose user may list Secrets' : 'this dashboard needs the token from the URL skiff dashboard printed');
    }

    if (queryToken !== undefined && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // Trade the token in the address bar (and history) for a cookie scripts cannot read.
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${cookieName}=${access.openSession(caller)}; HttpOnly; SameSite=Strict; Path=/${secure}`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }

    if (url.pathname === '/api/live') {
      live.subscribe(req, res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      await api(req, res, url, caller);
      return;
    }
    const file = url.pathname === '/' || !extname(url.pathname) ? 'index.html' : url.pathname.slice(1);
    const body = assets.get(file);
    if (!body || req.method !== 'GET') throw new HttpError(404, `no such page: ${url.pathname}`);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(body);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<void> {
    const method = req.method ?? 'GET';
    if (url.pathname === '/api/info' && method === 'GET') {
      return sendJSON(res, { target: opts.cfg.backend.target, label: opts.targetLabel, allowWrites: !!opts.allowWrites && caller.canWrite, user: caller.user, defaultNamespace: opts.cfg.backend.defaultNamespace });
    }
    for (const r of routes) {
      const m = r.pattern.exec(url.pathname);
      if (!m) continue;
      if (r.method !== method) continue;
      if (method !== 'GET') {
        if (!opts.allowWrites) throw new HttpError(403, 'this dashboard is read-only: start it with --allow-writes to change releases');
        if (!caller.canWrite) throw new HttpError(403, `user "${caller.user}" may not change release records (the cluster does not allow it to create Secrets)`);
        // Browsers send Origin on every POST; a form or script from another site is refused.
        const origin = req.headers.origin;
        const own = exposed ? new Set([(req.headers.host ?? '').toLowerCase()]) : allowedHosts;
        if (origin !== undefined && !own.has(origin.replace(/^https?:\/\//, '').toLowerCase())) throw new HttpError(403, `cross-origin write refused (Origin ${origin})`);
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'writes take a JSON body (Content-Type: application/json)');
      }
      const ctx: RouteContext = { cfg: opts.cfg, params: m.slice(1).map(decodeURIComponent), query: url.searchParams, body: method === 'GET' ? undefined : await readJSON(req), req, res };
      const out = await r.run(ctx);
      if (out !== undefined) sendJSON(res, out);
      return;
    }
    throw new HttpError(routes.some((r) => r.pattern.test(url.pathname)) ? 405 : 404, `no such API: ${method} ${url.pathname}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new UsageError(`--address ${opts.address}: the port is already in use`, { hint: 'pick another with --address 127.0.0.1:PORT (0 = any free port)' }) : err),
    );
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as { port: number }).port;
  // Listening on every address: the URL names this machine instead of 0.0.0.0.
  const shown = host === '0.0.0.0' || host === '::' ? hostname() : host;
  const hostPart = shown.includes(':') ? `[${shown}]` : shown;
  cookieName = `skiff_dashboard_${bound}`;
  allowedHosts = new Set([`${hostPart}:${bound}`, `localhost:${bound}`, `127.0.0.1:${bound}`, `[::1]:${bound}`].map((h) => h.toLowerCase()));
  return {
    url: `${opts.tls ? 'https' : 'http'}://${hostPart}:${bound}/?token=${token}`,
    port: bound,
    close: async () => {
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJSON(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1 << 20) throw new HttpError(413, 'request body over 1 MiB');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, `request body is not JSON: ${(err as Error).message}`);
  }
}

function sendJSON(res: ServerResponse, value: unknown, code = 200): void {
  const body = JSON.stringify(value);
  res.writeHead(code, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  let code = 500;
  if (err instanceof HttpError) code = err.status;
  else if (err instanceof ApiStatusError) code = err.code >= 400 && err.code < 600 ? err.code : 502;
  else if (err instanceof SkiffError) code = err.code === 'RELEASE_NOT_FOUND' ? 404 : err.code === 'USAGE' ? 400 : err.code === 'RELEASE_CONFLICT' ? 409 : 500;
  const message = err instanceof Error ? err.message : String(err);
  sendJSON(res, { error: message, ...(err instanceof SkiffError && err.hint ? { hint: err.hint } : {}) }, code);
}
