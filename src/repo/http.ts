// The repository HTTP client (undici): TLS options from the repository entry,
// basic auth, timeouts, size bounds and clear errors naming the URL.
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { RepoError } from '../errors.js';
import { defaultTrust } from '../tls-trust.js';
import { beforeUndici } from '../util/before-undici.js';
import { describeNetworkError, readPem, type RepoCredentials } from './http-common.js';

export { describeNetworkError, readPem, type RepoCredentials } from './http-common.js';

/** Connection and credential options for one request. */
export interface HttpOptions extends RepoCredentials {
  /** Whole-request timeout (default 120 s). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 200 MiB). */
  readonly maxBytes?: number;
  /** Called as bytes arrive (total when the server sent Content-Length). */
  readonly onProgress?: (done: number, total: number | undefined) => void;
}

/** An undici Agent with the TLS options of `opts` (CA, client certificate, skip-verify) and `timeout` for connect, headers and body. */
export function agentFor(opts: HttpOptions, timeout: number): Agent {
  beforeUndici();
  return new Agent({
    connect: {
      ca: readPem(opts.caFile, 'CA file') ?? defaultTrust(),
      cert: readPem(opts.certFile, 'certificate file'),
      key: readPem(opts.keyFile, 'key file'),
      rejectUnauthorized: !opts.insecureSkipTlsVerify,
      timeout,
    },
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
}

function authHeader(opts: HttpOptions): Record<string, string> {
  if (opts.username === undefined && opts.password === undefined) return {};
  return { authorization: 'Basic ' + Buffer.from(`${opts.username ?? ''}:${opts.password ?? ''}`).toString('base64') };
}

/** A response: status, headers and the whole body. */
export interface HttpResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: Record<string, string | string[] | undefined>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Go's http.Client gives up after 10 redirects; so does skiff. */
const MAX_REDIRECTS = 10;

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

function checkedURL(url: string, from?: string): URL {
  let u: URL;
  try {
    u = new URL(url, from);
  } catch {
    throw new RepoError(from ? `${from} redirected to an invalid URL "${url}"` : `invalid URL "${url}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new RepoError(from ? `${from} redirected to ${u} (only http and https are followed)` : `unsupported URL scheme "${u.protocol}" in ${url} (only http and https)`);
  }
  return u;
}

/**
 * Sends one request and reads the whole body (bounded by maxBytes),
 * following up to 10 redirects as Helm's Go client does (301/302/303 turn
 * into a GET without body, 307/308 repeat the request). Credentials go only
 * to the origin (scheme, host and port) of `url`: a redirect to any other
 * origin is followed without them. Throws RepoError for connection, TLS and
 * timeout failures and too many redirects, naming the URL; HTTP error
 * statuses are returned, not thrown.
 */
export async function httpRequest(method: string, url: string, opts: HttpOptions = {}, body?: Buffer, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const origin = checkedURL(url);
  const timeout = opts.timeoutMs ?? 120_000;
  const dispatcher = agentFor(opts, timeout);
  const maxBytes = opts.maxBytes ?? 200 * 1024 * 1024;
  const signal = AbortSignal.timeout(timeout);
  let current = origin;
  let hops = 0;
  try {
    for (;;) {
      const here = current.toString();
      try {
        const auth = sameOrigin(current, origin) ? authHeader(opts) : {};
        const res = await request(here, {
          method: method as 'GET',
          dispatcher,
          headers: { 'user-agent': 'skiff', ...auth, ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          body: body && opts.onProgress ? Readable.from(chunked(body, opts.onProgress)) : body,
          signal,
        });
        const location = res.headers.location;
        if (REDIRECTS.has(res.statusCode) && typeof location === 'string' && location !== '') {
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          if (++hops > MAX_REDIRECTS) throw new RepoError(`${url}: stopped after ${MAX_REDIRECTS} redirects (last: ${here})`);
          current = checkedURL(location, here);
          if (res.statusCode !== 307 && res.statusCode !== 308) {
            if (method !== 'HEAD') method = 'GET';
            body = undefined;
          }
          continue;
        }
        return await readBody(res, here, maxBytes, body ? undefined : opts.onProgress);
      } catch (err) {
        if (err instanceof RepoError) throw err;
        throw describeNetworkError(here, err);
      }
    }
  } finally {
    void dispatcher.close();
  }
}

async function readBody(res: Dispatcher.ResponseData, url: string, maxBytes: number, onProgress: HttpOptions['onProgress']): Promise<HttpResponse> {
  const lenHeader = res.headers['content-length'];
  const total = typeof lenHeader === 'string' ? Number(lenHeader) : undefined;
  res.body.on('error', () => undefined); // destroying the body below must not surface as an unhandled error
  if (total !== undefined && total > maxBytes) {
    res.body.destroy();
    throw new RepoError(`${url}: response of ${total} bytes is larger than the limit of ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let done = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    done += b.length;
    if (done > maxBytes) {
      res.body.destroy();
      throw new RepoError(`${url}: response is larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(b);
    onProgress?.(done, total);
  }
  return { status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers };
}

async function* chunked(body: Buffer, onProgress: (done: number, total: number) => void): AsyncGenerator<Buffer> {
  const step = 64 * 1024;
  for (let i = 0; i < body.length; i += step) {
    yield body.subarray(i, i + step);
    onProgress(Math.min(body.length, i + step), body.length);
  }
}

/** GETs `url` and returns the body; throws RepoError for any non-2xx status, naming the URL. */
export async function httpGet(url: string, opts: HttpOptions = {}): Promise<Buffer> {
  const res = await httpRequest('GET', url, opts);
  if (res.status === 401 || res.status === 403) {
    throw new RepoError(`failed to fetch ${url} : ${res.status} ${res.status === 401 ? 'Unauthorized' : 'Forbidden'}`, { hint: 'check --username/--password for this repository' });
  }
  if (res.status < 200 || res.status >= 300) throw new RepoError(`failed to fetch ${url} : ${res.status} ${statusText(res.status)}`);
  return res.body;
}

function statusText(s: number): string {
  return ({ 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' } as Record<number, string>)[s] ?? '';
}
