// The HTTP side of the distribution protocol: one connection pool per registry
// (TLS options as for classic repositories), the token dance
// (WWW-Authenticate: Bearer realm=... -> token, anonymous when no
// credentials), basic auth, redirects that never carry credentials to
// another origin, and retries with backoff on 408/429/5xx.
import { RepoError } from '../errors.js';
import { describeNetworkError, type RepoCredentials } from '../repo/http-common.js';
import { parseChallenges, type Challenge } from './challenge.js';
import { RegistryConnection, type StreamedResponse } from './connection.js';

/** A stored credential for a registry (from flags, `registry login` or a credential helper). */
export interface RegistryCredential {
  readonly username?: string;
  readonly password?: string;
  /** An OAuth2 refresh token (Docker's `identitytoken`). */
  readonly identityToken?: string;
}

/** How to reach one registry. */
export interface TransportOptions extends RepoCredentials {
  /** Speak HTTP instead of HTTPS (Helm's --plain-http). */
  readonly plainHttp?: boolean;
  /** Per-request timeout (default 120 s). */
  readonly timeoutMs?: number;
  /** Looks up stored credentials when --username/--password were not given. */
  readonly credentials?: (host: string) => Promise<RegistryCredential | undefined>;
  /** Retries after 408/429/5xx or a reset connection (default 4). */
  readonly retries?: number;
  /** First backoff delay, doubled each retry (default 250 ms); Retry-After wins when the server sends it. */
  readonly retryBaseMs?: number;
}

/** A registry response with its whole (bounded) body. */
export interface RegistryResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  /** The URL that answered (after redirects). */
  readonly url: string;
}

/** One request: method, path under the registry (or an absolute upload URL), the repository scope it needs. */
export interface RegistryRequest {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  /** Token scopes, e.g. `repository:ns/web:pull,push`; empty for /v2/. */
  readonly scopes: readonly string[];
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** Largest body read (default 4 MiB). */
  readonly maxBytes?: number;
  /** What the user asked for, for messages ("pull oci://..."). */
  readonly what: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRY = new Set([408, 429, 500, 502, 503, 504]);
const MAX_REDIRECTS = 10;

/** The API host of a registry name: Docker Hub's names point at registry-1.docker.io. */
export function apiHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** The message of a distribution error body (`{"errors":[{"code","message"}]}`), or the text itself. */
export function registryMessage(body: Buffer): string {
  const text = body.subarray(0, 4096).toString('utf8').trim();
  try {
    const j = JSON.parse(text) as { errors?: { code?: string; message?: string; detail?: unknown }[]; message?: string; error?: string; details?: string };
    if (Array.isArray(j.errors) && j.errors.length > 0) {
      return j.errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    }
    if (typeof j.message === 'string') return j.message;
    if (typeof j.error === 'string') return j.error;
    // Docker Hub's token service answers {"details": "incorrect username or password"}.
    if (typeof j.details === 'string') return j.details;
  } catch {
    /* not JSON */
  }
  return text.length > 300 ? text.slice(0, 300) + '...' : text;
}

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A connection to one registry host. Caches tokens per scope set (and
 * shares a fetch in flight), so a push does the token dance once. Call
 * close() when done.
 */
export class RegistryTransport {
  readonly registry: string;
  readonly base: URL;
  private readonly opts: TransportOptions;
  private readonly connection: RegistryConnection;
  private readonly tokens = new Map<string, string>();
  private readonly pendingTokens = new Map<string, Promise<string>>();
  private basic = false;
  private credential: RegistryCredential | null | undefined;

  constructor(registry: string, opts: TransportOptions = {}) {
    this.registry = registry;
    this.opts = opts;
    this.base = new URL(`${opts.plainHttp ? 'http' : 'https'}://${apiHost(registry)}/`);
    this.connection = new RegistryConnection(opts);
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    this.connection.close();
  }

  private async cred(): Promise<RegistryCredential | null> {
    if (this.credential !== undefined) return this.credential;
    if (this.opts.username !== undefined || this.opts.password !== undefined) {
      this.credential = { username: this.opts.username ?? '', password: this.opts.password ?? '' };
    } else {
      this.credential = (await this.opts.credentials?.(this.registry)) ?? null;
    }
    return this.credential;
  }

  /** Whether any credential (flags or stored) is known for this registry. */
  async hasCredential(): Promise<boolean> {
    return (await this.cred()) !== null;
  }

  /** Resolves `path` against the registry (absolute URLs, e.g. upload locations, are kept). */
  url(path: string): URL {
    return new URL(path, this.base);
  }

  /**
   * Sends `req`, answering an auth challenge once (bearer token or basic
   * credentials) and retrying transient failures. Returns every status; a
   * final 401/403 is left for the caller to word (see unauthorized()).
   */
  async send(req: RegistryRequest): Promise<RegistryResponse> {
    const key = req.scopes.join(' ');
    let res = await this.sendRetrying(req, this.authHeader(key));
    if (res.status !== 401) return res;
    const challenges = parseChallenges(res.headers['www-authenticate']);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      // Requests sent side by side that meet the same challenge share one token fetch.
      let pending = this.pendingTokens.get(key);
      if (!pending) {
        pending = this.fetchToken(bearer, req).finally(() => this.pendingTokens.delete(key));
        this.pendingTokens.set(key, pending);
      }
      this.tokens.set(key, await pending);
    } else if (basic) {
      if (!(await this.cred())) return res;
      this.basic = true;
    } else {
      return res;
    }
    res = await this.sendRetrying(req, this.authHeader(key));
    return res;
  }

  private authHeader(key: string): string | undefined {
    const token = this.tokens.get(key);
    if (token) return `Bearer ${token}`;
    const c = this.credential;
    if (this.basic && c) return 'Basic ' + Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64');
    return undefined;
  }

  private async fetchToken(ch: Challenge, req: RegistryRequest): Promise<string> {
    const realmText = ch.params.get('realm');
    if (!realmText) throw new RepoError(`${req.what}: the registry ${this.registry} asked for a bearer token without naming a realm`);
    let realm: URL;
    try {
      realm = new URL(realmText);
    } catch {
      throw new RepoError(`${req.what}: the registry ${this.registry} named an invalid token realm ${JSON.stringify(realmText)}`);
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new RepoError(`${req.what}: token realm ${realm} is not http(s)`);
    const cred = await this.cred();
    if (cred && this.base.protocol === 'https:' && realm.protocol === 'http:') {
      throw new RepoError(`${req.what}: refusing to send the credentials for ${this.registry} to the plain-HTTP token service ${realm.origin}`);
    }
    const service = ch.params.get('service');
    const scopes = new Set<string>(req.scopes);
    const asked = ch.params.get('scope');
    if (asked) for (const s of asked.split(' ')) if (s) scopes.add(s);
    const headers: Record<string, string> = {};
    let method: 'GET' | 'POST' = 'GET';
    let body: Buffer | undefined;
    if (cred?.identityToken) {
      method = 'POST';
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.identityToken, client_id: 'skiff' });
      if (service) form.set('service', service);
      for (const s of scopes) form.append('scope', s);
      body = Buffer.from(form.toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      if (service) realm.searchParams.set('service', service);
      for (const s of scopes) realm.searchParams.append('scope', s);
      if (cred) headers.authorization = 'Basic ' + Buffer.from(`${cred.username ?? ''}:${cred.password ?? ''}`).toString('base64');
    }
    const res = await this.sendRetrying({ method, url: realm.toString(), scopes: [], body, headers, what: req.what, maxBytes: 1024 * 1024 }, headers.authorization);
    if (res.status === 401 || res.status === 403) throw this.unauthorized(res, req.what);
    if (res.status < 200 || res.status >= 300) {
      throw new RepoError(`${req.what}: the token service ${realm.origin} answered ${res.status}: ${registryMessage(res.body)}`);
    }
    let token: unknown;
    try {
      const j = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      token = j.token ?? j.access_token;
    } catch {
      /* handled below */
    }
    if (typeof token !== 'string' || token === '') throw new RepoError(`${req.what}: the token service ${realm.origin} answered without a token`);
    return token;
  }

  /** The error for a final 401/403, with the registry's own message and what to do. */
  unauthorized(res: RegistryResponse, what: string): RepoError {
    let msg = registryMessage(res.body);
    if (!msg) {
      // HEAD answers carry no body: say what the registry asked for instead.
      const ch = parseChallenges(res.headers['www-authenticate'])[0];
      if (ch) msg = `authentication required (${ch.scheme} credentials${ch.params.get('realm') ? ` for realm "${ch.params.get('realm')}"` : ''})`;
    }
    const word = res.status === 401 ? 'Unauthorized' : 'Forbidden';
    const hint = this.credential
      ? `check the credentials for ${this.registry} (run "skiff registry login ${this.registry}" again, or pass --username/--password)`
      : `run "skiff registry login ${this.registry}" (or pass --username/--password)`;
    return new RepoError(`${what}: ${res.status} ${word}${msg ? `: ${msg}` : ''}`, { hint });
  }

  private async sendRetrying(req: RegistryRequest, auth: string | undefined): Promise<RegistryResponse> {
    const retries = this.opts.retries ?? 4;
    const base = this.opts.retryBaseMs ?? 250;
    for (let attempt = 0; ; attempt++) {
      let res: RegistryResponse | undefined;
      try {
        res = await this.sendFollowing(req, auth);
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code;
        if (attempt >= retries || !(code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')) throw err;
      }
      if (res && (!RETRY.has(res.status) || attempt >= retries)) return res;
      const after = res ? Number(res.headers['retry-after']) : NaN;
      const delay = Number.isFinite(after) && after >= 0 ? Math.min(after * 1000, 30_000) : base * 2 ** attempt;
      await sleep(delay);
    }
  }

  private async sendFollowing(req: RegistryRequest, auth: string | undefined): Promise<RegistryResponse> {
    const origin = this.url(req.url);
    let current = origin;
    let method: string = req.method;
    let body = req.body;
    const timeout = this.opts.timeoutMs ?? 120_000;
    for (let hops = 0; ; hops++) {
      const here = current.toString();
      const headers: Record<string, string> = { 'user-agent': 'skiff', ...(req.headers ?? {}) };
      delete headers.authorization;
      // Credentials go only to the origin the request was made to: never to blob storage a registry redirects to.
      if (auth && sameOrigin(current, origin)) headers.authorization = auth;
      if (body) headers['content-length'] = String(body.length);
      else if (method === 'PUT' || method === 'POST' || method === 'PATCH') headers['content-length'] = '0';
      let res: StreamedResponse;
      try {
        res = await this.connection.request(current, method, headers, body, AbortSignal.timeout(timeout));
      } catch (err) {
        throw this.networkError(here, err);
      }
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && typeof location === 'string' && location !== '' && method !== 'POST' && method !== 'PATCH' && !(method === 'PUT' && status !== 307 && status !== 308)) {
        res.resume();
        if (hops >= MAX_REDIRECTS) throw new RepoError(`${req.what}: stopped after ${MAX_REDIRECTS} redirects (last: ${here})`);
        let next: URL;
        try {
          next = new URL(location, here);
        } catch {
          throw new RepoError(`${req.what}: ${here} redirected to an invalid URL ${JSON.stringify(location)}`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new RepoError(`${req.what}: ${here} redirected to ${next.protocol} (only http and https are followed)`);
        if (status !== 307 && status !== 308 && method !== 'HEAD') {
          method = 'GET';
          body = undefined;
        }
        current = next;
        continue;
      }
      return { status, headers: res.headers, body: await this.readBody(res, status, here, req), url: here };
    }
  }

  private async readBody(res: StreamedResponse, status: number, url: string, req: RegistryRequest): Promise<Buffer> {
    const max = req.maxBytes ?? 4 * 1024 * 1024;
    res.on('error', () => undefined);
    const len = Number(res.headers['content-length']);
    const ok = status >= 200 && status < 300;
    if (ok && Number.isFinite(len) && len > max) {
      res.destroy();
      throw new RepoError(`${req.what}: ${url} is ${len} bytes, larger than the limit of ${max}`, { hint: 'nothing was written' });
    }
    const chunks: Buffer[] = [];
    let n = 0;
    try {
      for await (const c of res) {
        n += (c as Buffer).length;
        if (n > (ok ? max : 64 * 1024)) {
          res.destroy();
          if (!ok) break;
          throw new RepoError(`${req.what}: ${url} sent more than the limit of ${max} bytes`, { hint: 'nothing was written' });
        }
        chunks.push(c as Buffer);
      }
    } catch (err) {
      if (err instanceof RepoError) throw err;
      throw this.networkError(url, err);
    }
    return Buffer.concat(chunks);
  }

  private networkError(url: string, err: unknown): RepoError {
    const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    const code = e.code ?? e.cause?.code ?? '';
    const msg = e.cause?.message ?? e.message;
    const host = new URL(url).host;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new RepoError(`unknown host: cannot resolve registry host "${new URL(url).hostname}" (${url})`, { hint: 'check the spelling of the oci:// reference', cause: err });
    }
    if (code === 'ECONNREFUSED') return new RepoError(`cannot connect to ${host}: connection refused (${url})`, { hint: 'is the registry running, and is the port right?', cause: err });
    if (/wrong version number|EPROTO|packet length too long/i.test(code + ' ' + msg)) {
      return new RepoError(`TLS handshake with ${host} failed: the server does not speak HTTPS (${msg})`, { hint: 'pass --plain-http for a registry served over plain HTTP', cause: err });
    }
    return describeNetworkError(url, err);
  }
}
