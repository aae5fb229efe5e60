// The repository HTTP client (undici): TLS options from the repository entry,
// basic auth, timeouts, size bounds and clear errors naming the URL.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { RepoError } from '../errors.js';
import { defaultTrust } from '../tls-trust.js';

/** Credentials and TLS settings for a repository server (Helm's flag names). */
export interface RepoCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

/** Connection and credential options for one request. */
export interface HttpOptions extends RepoCredentials {
  /** Whole-request timeout (default 120 s). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 200 MiB). */
  readonly maxBytes?: number;
  /** Called as bytes arrive (total when the server sent Content-Length). */
  readonly onProgress?: (done: number, total: number | undefined) => void;
}

function readPem(file: string | undefined, what: string): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new RepoError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
}

function agentFor(opts: HttpOptions, timeout: number): Agent {
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

function describeNetworkError(url: string, err: unknown): RepoError {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e.code ?? e.cause?.code ?? '';
  const msg = e.cause?.message ?? e.message;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i.test(code + msg)) {
    return new RepoError(`TLS error talking to ${url}: ${msg}`, { hint: 'pass --ca-file with the server\'s CA, or --insecure-skip-tls-verify', cause: err });
  }
  if (/TIMEOUT/i.test(code) || e.name === 'AbortError' || /timeout/i.test(msg)) return new RepoError(`timed out talking to ${url}`, { cause: err });
  return new RepoError(`cannot reach ${url}: ${code ? code + ' ' : ''}${msg}`.trim(), { cause: err });
}

/** A response: status, headers and the whole body. */
export interface HttpResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * Sends one request and reads the whole body (bounded by maxBytes). Throws
 * RepoError for connection, TLS and timeout failures; HTTP error statuses are
 * returned, not thrown.
 */
export async function httpRequest(method: string, url: string, opts: HttpOptions = {}, body?: Buffer, headers: Record<string, string> = {}): Promise<HttpResponse> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RepoError(`invalid URL "${url}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RepoError(`unsupported URL scheme "${u.protocol}" in ${url} (only http and https)`);
  const timeout = opts.timeoutMs ?? 120_000;
  const dispatcher = agentFor(opts, timeout);
  const maxBytes = opts.maxBytes ?? 200 * 1024 * 1024;
  try {
    const res = await request(url, {
      method: method as 'GET',
      dispatcher,
      headers: { 'user-agent': 'skiff', ...authHeader(opts), ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      body: body && opts.onProgress ? Readable.from(chunked(body, opts.onProgress)) : body,
      signal: AbortSignal.timeout(timeout),
    });
    const lenHeader = res.headers['content-length'];
    const total = typeof lenHeader === 'string' ? Number(lenHeader) : undefined;
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
      if (!body) opts.onProgress?.(done, total);
    }
    return { status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers };
  } catch (err) {
    if (err instanceof RepoError) throw err;
    throw describeNetworkError(url, err);
  } finally {
    void dispatcher.close();
  }
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
