// The HTTP transport of KubeClient: Node's http/https with keep-alive pooling
// (src/kube/http-transport.ts), TLS from
// the kubeconfig, bearer/basic/exec/token-file auth, impersonation, retries
// with backoff, streaming watch, and Status errors surfaced as ApiStatusError.
import { readFileSync } from 'node:fs';
import { ClusterError } from '../errors.js';
import { SKIFF_VERSION } from '../version.js';
import { defaultTrust } from '../tls-trust.js';
import {
  ApiStatusError,
  PATCH_CONTENT_TYPES,
  type DeleteOptions,
  type KubeClient,
  type ListOptions,
  type PatchType,
  type ResourceRef,
  type WatchHandle,
  type WatchOptions,
  type WriteOptions,
} from './client.js';
import type { KubeList, KubeObject, ListMeta, Status, WatchEvent } from '../apimachinery/types.js';
import type { ClusterConfig } from './kubeconfig.js';
import { MetadataListReader, type ListReader } from './list-scan.js';
import { ProtobufListReader } from './list-protobuf.js';
import { ExecCredentialProvider } from './exec-credential.js';
import { BODY_TIMEOUT, CONNECT_TIMEOUT, HEADERS_TIMEOUT, HttpTransport, type Transport, type TransportResponse } from './http-transport.js';
import { SocketTransport } from './socket-transport.js';
import { resourcePath, METADATA_LIST_ACCEPT, COMPACT_METADATA_LIST_ACCEPT, listParams, watchParams, writeParams, deleteBody, query, jsonBody, parseJson, headerValue, parseRetryAfter, errorCode, describeError, sleep, streamHandle, type SendOptions } from './rest-support.js';

export { resourcePath } from './rest-support.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  readonly maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter (default 100 ms). */
  readonly baseDelayMs?: number;
  /** Cap for one backoff delay and for an honoured Retry-After (default 10 s). */
  readonly maxDelayMs?: number;
}

export interface RestClientOptions {
  /** Per-request time limit for headers and between body chunks (default 60 s; watches have no body limit). */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly userAgent?: string;
}

/** A GET of an arbitrary server path (discovery, /version, pod logs). */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  /** The decoded JSON for JSON responses, else the text. */
  readonly body: unknown;
  readonly text: string;
}

/** KubeClient over HTTP(S), plus raw GETs for discovery and a way to release its connections. */
export interface RestClient extends KubeClient {
  readonly server: string;
  /** GETs a path such as "/version" or "/apis" with the given Accept; non-2xx throws like any request. */
  getPath(path: string, opts?: { accept?: string }): Promise<RawResponse>;
  /** GETs a path whose answer is a text stream (pods/log?follow=true), handing each decoded chunk to onText until it ends or stop(). */
  streamPath(path: string, onText: (text: string) => void): WatchHandle;
  close(): Promise<void>;
}

/** Builds the HTTP client for one cluster; no request is made until a method is called. */
export function restClient(config: ClusterConfig, opts: RestClientOptions = {}): RestClient {
  return new HttpKubeClient(config, opts);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';


const IDEMPOTENT: ReadonlySet<Method> = new Set<Method>(['GET', 'PUT', 'DELETE']);
const TOKEN_FILE_TTL_MS = 60_000;
// Connection failures where the request never reached the server: safe to retry for any verb.
// (ENOENT: a unix socket that is not there.)
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOENT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', CONNECT_TIMEOUT]);
// Failures mid-exchange: retried only for idempotent verbs.
const MID_FLIGHT = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', HEADERS_TIMEOUT, BODY_TIMEOUT]);

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

class HttpKubeClient implements RestClient {
  readonly server: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly userAgent: string;
  private readonly exec?: ExecCredentialProvider;
  private readonly transports = new Map<string, Transport>();
  private tokenFileCache?: { token: string; readAt: number };
  private closed = false;

  constructor(private readonly config: ClusterConfig, opts: RestClientOptions) {
    const url = new URL(config.server);
    this.server = config.server;
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.maxRetries = opts.retry?.maxRetries ?? 4;
    this.baseDelayMs = opts.retry?.baseDelayMs ?? 100;
    this.maxDelayMs = opts.retry?.maxDelayMs ?? 10_000;
    this.userAgent = opts.userAgent ?? `skiff/${SKIFF_VERSION}`;
    if (config.auth.exec) {
      const tls = config.tls;
      this.exec = new ExecCredentialProvider(config.auth.exec, {
        server: config.server,
        ...(tls.serverName ? { 'tls-server-name': tls.serverName } : {}),
        ...(tls.insecureSkipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
        ...(tls.ca ? { 'certificate-authority-data': Buffer.from(tls.ca).toString('base64') } : {}),
      });
    }
  }

  async get<T extends KubeObject = KubeObject>(ref: ResourceRef): Promise<T> {
    return (await this.json('GET', resourcePath(ref), {})) as T;
  }

  async list<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: ListOptions = {}): Promise<KubeList<T>> {
    const path = resourcePath(ref) + query(listParams(opts));
    if (!opts.metadataOnly) return (await this.json('GET', path, {})) as KubeList<T>;
    if (!opts.compactMetadata) return (await this.json('GET', path, { accept: METADATA_LIST_ACCEPT })) as KubeList<T>;
    // Read as it arrives: the continue token is handed on at once, and only the kept fields of each item are built.
    const res = await this.send('GET', path, { accept: COMPACT_METADATA_LIST_ACCEPT });
    if (res.statusCode >= 300) throw this.toError(res.statusCode, await this.readText(res, 'GET', path), 'GET', path);
    const onContinue = opts.onContinue;
    const onMeta = onContinue && ((meta: ListMeta) => void (meta.continue && onContinue(meta.continue)));
    const contentType = headerValue(res.headers['content-type']);
    const reader: ListReader | undefined = !/;\s*as=PartialObjectMetadataList\b/.test(contentType)
      ? undefined
      : contentType.startsWith('application/vnd.kubernetes.protobuf')
        ? new ProtobufListReader(onMeta, opts.onItem)
        : new MetadataListReader(onMeta, opts.onItem);
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of res.body) {
        if (reader) reader.push(chunk);
        else {
          chunks.push(chunk);
          length += chunk.length;
        }
      }
    } catch (err) {
      throw this.unreachable('GET', path, err);
    }
    if (reader) {
      // Not the list expected: read again, whole (its bytes were not kept).
      const list = reader.end();
      if (list) return list as KubeList<T>;
      const whole = await this.list<T>(ref, { ...opts, compactMetadata: false });
      if (opts.onItem) {
        opts.onItem(undefined);
        for (const item of whole.items) opts.onItem(item);
        whole.items = [];
      }
      return whole;
    }
    return (length ? parseJson(Buffer.concat(chunks, length).toString('utf8'), 'GET', path) : undefined) as KubeList<T>;
  }

  async create<T extends KubeObject = KubeObject>(ref: ResourceRef, body: unknown, opts: WriteOptions = {}): Promise<T> {
    return (await this.json('POST', resourcePath(ref) + query(writeParams(opts, false)), jsonBody(body))) as T;
  }

  async update<T extends KubeObject = KubeObject>(ref: ResourceRef, body: unknown, opts: WriteOptions = {}): Promise<T> {
    return (await this.json('PUT', resourcePath(ref) + query(writeParams(opts, false)), jsonBody(body))) as T;
  }

  async patch<T extends KubeObject = KubeObject>(ref: ResourceRef, type: PatchType, body: unknown, opts: WriteOptions = {}): Promise<T> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return (await this.json('PATCH', resourcePath(ref) + query(writeParams(opts, type === 'apply')), {
      body: text,
      contentType: PATCH_CONTENT_TYPES[type],
    })) as T;
  }

  async delete(ref: ResourceRef, opts: DeleteOptions = {}): Promise<KubeObject | Status> {
    return (await this.json('DELETE', resourcePath(ref), jsonBody(deleteBody(opts)))) as KubeObject | Status;
  }

  async deleteCollection(ref: ResourceRef, opts: DeleteOptions & ListOptions = {}): Promise<KubeList | Status> {
    return (await this.json('DELETE', resourcePath(ref) + query(listParams(opts)), jsonBody(deleteBody(opts)))) as KubeList | Status;
  }

  async getPath(path: string, opts: { accept?: string } = {}): Promise<RawResponse> {
    const res = await this.send('GET', path, { accept: opts.accept });
    const text = await this.readText(res, 'GET', path);
    const contentType = headerValue(res.headers['content-type']);
    if (res.statusCode >= 300) throw this.toError(res.statusCode, text, 'GET', path);
    const json = /[/+]json\b/i.test(contentType) || contentType === '';
    return { status: res.statusCode, contentType, text, body: json ? (text ? parseJson(text, 'GET', path) : undefined) : text };
  }

  streamPath(path: string, onText: (text: string) => void): WatchHandle {
    return streamHandle(async (ac, isStopped) => {
      const res = await this.send('GET', path, { stream: true, signal: ac.signal, accept: '*/*' });
      if (res.statusCode >= 300) throw this.toError(res.statusCode, await res.body.text(), 'GET', path);
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body) {
          if (isStopped()) break;
          const text = decoder.decode(chunk as Uint8Array, { stream: true });
          if (text) onText(text);
        }
      } catch (err) {
        if (isStopped()) return;
        throw this.unreachable('GET', path, err);
      }
      const rest = decoder.decode();
      if (rest && !isStopped()) onText(rest);
    });
  }

  watch<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: WatchOptions, onEvent: (ev: WatchEvent<T>) => void): WatchHandle {
    const path = resourcePath(ref) + query({ ...listParams(opts), watch: 'true', ...watchParams(opts) });
    return streamHandle(async (ac, isStopped) => {
      const res = await this.send('GET', path, { stream: true, signal: ac.signal });
      if (res.statusCode >= 300) throw this.toError(res.statusCode, await res.body.text(), 'GET', path);
      const decoder = new TextDecoder();
      let buf = '';
      let ownError: unknown;
      const emit = (line: string): void => {
        if (line.trim() === '' || isStopped()) return;
        try {
          onEvent(parseJson(line, 'GET', path) as WatchEvent<T>);
        } catch (err) {
          ownError = err;
          throw err;
        }
      };
      try {
        for await (const chunk of res.body) {
          buf += decoder.decode(chunk as Uint8Array, { stream: true });
          let from = 0;
          let nl: number;
          while ((nl = buf.indexOf('\n', from)) >= 0) {
            emit(buf.slice(from, nl));
            from = nl + 1;
          }
          buf = buf.slice(from);
          if (isStopped()) break;
        }
      } catch (err) {
        // The handler's own errors and bad JSON pass through; a broken stream is a connection problem.
        if (err === ownError || isStopped()) throw err;
        throw this.unreachable('GET', path, err);
      }
      emit(buf + decoder.decode());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const transports = [...this.transports.values()];
    this.transports.clear();
    await Promise.all(transports.map((t) => t.close().catch(() => undefined)));
  }

  private async json(method: Method, path: string, opts: SendOptions): Promise<unknown> {
    const res = await this.send(method, path, opts);
    const text = await this.readText(res, method, path);
    if (res.statusCode >= 300) throw this.toError(res.statusCode, text, method, path);
    return text ? parseJson(text, method, path) : undefined;
  }

  /** The body as text; a connection that breaks or stalls mid-body is reported as unreachable. */
  private async readText(res: TransportResponse, method: Method, path: string): Promise<string> {
    try {
      return await res.body.text();
    } catch (err) {
      throw this.unreachable(method, path, err);
    }
  }

  /** One logical request: retries connection failures, 429 and (idempotent) 5xx; refreshes exec credentials once on 401. */
  private async send(method: Method, path: string, opts: SendOptions): Promise<TransportResponse> {
    if (this.closed) throw new ClusterError('the Kubernetes client has been closed');
    const idempotent = IDEMPOTENT.has(method);
    let refreshedCredential = false;
    for (let attempt = 0; ; attempt++) {
      const auth = await this.credentials();
      const headers: Record<string, string | string[]> = {
        'user-agent': this.userAgent,
        accept: opts.accept ?? 'application/json',
        ...auth.headers,
      };
      if (opts.contentType) headers['content-type'] = opts.contentType;
      let res: TransportResponse;
      try {
        res = await this.transportFor(auth.cert, auth.key).request({
          path: this.basePath + path,
          method,
          headers,
          body: opts.body,
          signal: opts.signal,
          timeoutMs: this.timeoutMs,
          stream: opts.stream,
        });
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        const code = errorCode(err);
        const retryable = NOT_SENT.has(code) || (idempotent && MID_FLIGHT.has(code));
        if (retryable && attempt < this.maxRetries) {
          await sleep(this.backoff(attempt), opts.signal);
          continue;
        }
        throw this.unreachable(method, path, err);
      }
      const status = res.statusCode;
      if (status === 401 && this.exec && !refreshedCredential) {
        refreshedCredential = true;
        this.exec.invalidate();
        await res.body.dump();
        attempt--;
        continue;
      }
      const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']));
      const retryable =
        (status === 429 && (idempotent || retryAfter !== undefined)) ||
        (idempotent && (status === 500 || status === 502 || status === 503 || status === 504));
      if (retryable && attempt < this.maxRetries && !opts.stream) {
        await res.body.dump();
        const delay = retryAfter !== undefined ? Math.min(retryAfter * 1000, this.maxDelayMs) : this.backoff(attempt);
        await sleep(delay, opts.signal);
        continue;
      }
      return res;
    }
  }

  private backoff(attempt: number): number {
    const d = Math.min(this.baseDelayMs * 2 ** attempt, this.maxDelayMs);
    return d / 2 + Math.random() * (d / 2);
  }

  private async credentials(): Promise<{ headers: Record<string, string | string[]>; cert?: string; key?: string }> {
    const { auth, impersonate } = this.config;
    const headers: Record<string, string | string[]> = {};
    let cert = this.config.tls.cert;
    let key = this.config.tls.key;
    let token = auth.token;
    if (this.exec) {
      const cred = await this.exec.get();
      if (cred.token) token = cred.token;
      if (cred.clientCertificateData && cred.clientKeyData) {
        cert = cred.clientCertificateData;
        key = cred.clientKeyData;
      }
    }
    if (!token && auth.tokenFile) token = this.readTokenFile(auth.tokenFile);
    if (token) headers.authorization = `Bearer ${token}`;
    else if (auth.username !== undefined || auth.password !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64')}`;
    }
    if (impersonate) {
      if (impersonate.user) headers['impersonate-user'] = impersonate.user;
      if (impersonate.uid) headers['impersonate-uid'] = impersonate.uid;
      if (impersonate.groups?.length) headers['impersonate-group'] = [...impersonate.groups];
      for (const [k, v] of Object.entries(impersonate.extra ?? {})) headers[`impersonate-extra-${encodeURIComponent(k)}`] = [...v];
    }
    return { headers, cert, key };
  }

  private readTokenFile(file: string): string {
    const c = this.tokenFileCache;
    if (c && Date.now() - c.readAt < TOKEN_FILE_TTL_MS) return c.token;
    let token: string;
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new ClusterError(`cannot read token file ${file}: ${(err as Error).message}`, { cause: err });
    }
    this.tokenFileCache = { token, readAt: Date.now() };
    return token;
  }

  /** One pooled transport per client certificate (exec plugins may rotate it). */
  private transportFor(cert?: string, key?: string): Transport {
    const id = cert ? `${cert}\0${key}` : '';
    let transport = this.transports.get(id);
    if (!transport) {
      for (const [k, old] of this.transports) {
        if (k !== '') {
          this.transports.delete(k);
          void old.close().catch(() => undefined);
        }
      }
      const tls = this.config.tls;
      // The bundled cluster's unix socket: plain HTTP, no TLS trust to build (defaultTrust may read a CA bundle).
      transport = this.config.socketPath !== undefined
        ? new SocketTransport(this.config.socketPath)
        : new HttpTransport(this.origin, {
            ca: tls.ca ?? defaultTrust(),
            cert,
            key,
            rejectUnauthorized: !tls.insecureSkipTLSVerify,
            servername: tls.serverName,
          });
      this.transports.set(id, transport);
    }
    return transport;
  }

  private unreachable(method: Method, path: string, err: unknown): ClusterError {
    const reason = describeError(err);
    const code = errorCode(err);
    const tlsProblem = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|ERR_OSSL/i.test(code);
    const timedOut = code === HEADERS_TIMEOUT || code === BODY_TIMEOUT;
    return new ClusterError(
      `Kubernetes cluster unreachable: ${this.server}: ${timedOut ? `${method} ${path} timed out after ${this.timeoutMs / 1000}s` : reason}`,
      {
        cause: err,
        hint: tlsProblem
          ? 'the server certificate could not be verified; check certificate-authority in the kubeconfig or pass --kube-ca-file'
          : 'check that the cluster is running and that the kubeconfig points at it',
      },
    );
  }

  private toError(status: number, text: string, method: Method, path: string): Error {
    let st: Status | undefined;
    try {
      const parsed = JSON.parse(text) as Partial<Status>;
      if (parsed && parsed.kind === 'Status') st = { ...parsed, code: parsed.code || status } as Status;
    } catch {
      // not JSON: synthesised below
    }
    if (!st) {
      const body = text.trim();
      st = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: REASONS[status] ?? 'Unknown',
        message:
          body && body.length < 500
            ? body
            : status === 404
              ? 'the server could not find the requested resource'
              : `the server responded with HTTP ${status} to ${method} ${path}`,
        code: status,
      };
    }
    const apiErr = new ApiStatusError(st);
    if (status === 401) {
      return new ClusterError(`Kubernetes cluster unauthorized: ${this.server}: ${st.message ?? 'Unauthorized'}`, {
        status,
        reason: st.reason ?? 'Unauthorized',
        cause: apiErr,
        hint: 'the credentials of the kubeconfig user (token, client certificate or exec plugin) were rejected',
      });
    }
    if (status === 403) {
      return new ClusterError(`forbidden: ${st.message ?? 'Forbidden'}`, { status, reason: st.reason ?? 'Forbidden', cause: apiErr });
    }
    return apiErr;
  }
}
