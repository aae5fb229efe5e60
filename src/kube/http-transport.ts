// The wire under the REST client: Node's own http/https with a keep-alive
// agent per client certificate (the bundled cluster's unix socket has a
// transport of its own: src/kube/socket-transport.ts). Node's client is part
// of the runtime, so a command that makes one request loads no HTTP library
// and compiles no parser (undici's is WebAssembly: tens of milliseconds at
// every start).
// Time limits: connecting (TCP and TLS) within 10 s (or the request's limit
// if shorter), then the response
// headers and each gap between body chunks within the request's limit
// (none for streams once their headers arrive).
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Agent as HttpAgent } from 'node:http';
import type { SecureContext } from 'node:tls';
import { InFlight } from './in-flight.js';

/** Error codes of the limits above, for the client's retry and messages. */
export const CONNECT_TIMEOUT = 'SKIFF_CONNECT_TIMEOUT';
export const HEADERS_TIMEOUT = 'SKIFF_HEADERS_TIMEOUT';
export const BODY_TIMEOUT = 'SKIFF_BODY_TIMEOUT';

const CONNECT_TIMEOUT_MS = 10_000;

export interface TransportTls {
  /** PEM bundle to trust. */
  readonly ca?: string | readonly string[];
  readonly cert?: string;
  readonly key?: string;
  readonly rejectUnauthorized: boolean;
  readonly servername?: string;
}

export interface TransportRequest {
  readonly method: string;
  /** The path and query, as sent. */
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** Limit for the headers and between body chunks; 0 = none. */
  readonly timeoutMs: number;
  /** A stream (watch, log follow): no limit once the headers are in. */
  readonly stream?: boolean;
}

export interface ResponseBody extends AsyncIterable<Buffer> {
  /** The whole body as UTF-8. */
  text(): Promise<string>;
  /** Reads and discards the body, so the connection can be reused. */
  dump(): Promise<void>;
}

export interface TransportResponse {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: ResponseBody;
}

function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What the REST client sends its requests through. */
export interface Transport {
  /** One request; resolves with the status and headers, the body still to be read. */
  request(r: TransportRequest): Promise<TransportResponse>;
  /** Waits for the requests under way, then closes every connection. */
  close(): Promise<void>;
}

/** Pooled HTTP(S) connections to one server with one TLS identity. */
export class HttpTransport implements Transport {
  private agent?: HttpAgent;
  private readonly secure: boolean;
  private readonly hostname: string;
  private readonly port: number;
  private readonly inFlight = new InFlight();

  constructor(
    origin: string,
    private readonly tls: TransportTls,
  ) {
    const u = new URL(origin);
    this.secure = u.protocol === 'https:';
    this.hostname = u.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = u.port ? Number(u.port) : this.secure ? 443 : 80;
  }

  private agentNow(): HttpAgent {
    if (!this.agent) {
      // getBuiltinModule: only a command that makes a request loads the HTTP client.
      const common = { keepAlive: true, maxSockets: 32, maxFreeSockets: 32, scheduling: 'lifo' as const };
      if (this.secure) {
        const { Agent } = process.getBuiltinModule('node:https');
        const { ca, cert, key, rejectUnauthorized, servername } = this.tls;
        this.agent = new Agent({ ...common, ...reusableContext({ ca: ca as string | string[] | undefined, cert, key }), rejectUnauthorized, ...(servername ? { servername } : {}) });
      } else {
        const { Agent } = process.getBuiltinModule('node:http');
        this.agent = new Agent(common);
      }
    }
    return this.agent;
  }

  /** One request; resolves with the status and headers, the body still to be read. */
  request(r: TransportRequest): Promise<TransportResponse> {
    const agent = this.agentNow();
    const { request } = process.getBuiltinModule(this.secure ? 'node:https' : 'node:http') as typeof import('node:http');
    const headers: Record<string, string | string[] | number> = { ...r.headers };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    const finish = this.inFlight.begin();
    return new Promise<TransportResponse>((resolve, reject) => {
      const req = request({ agent, hostname: this.hostname, port: this.port, method: r.method, path: r.path, headers, signal: r.signal });
      let phase: 'connect' | 'headers' | 'body' = 'headers';
      let response: IncomingMessage | undefined;
      let connectTimer: NodeJS.Timeout | undefined;
      req.on('socket', (socket) => {
        const connecting = (socket as { connecting?: boolean }).connecting;
        if (connecting) {
          phase = 'connect';
          const limit = r.timeoutMs > 0 ? Math.min(r.timeoutMs, CONNECT_TIMEOUT_MS) : CONNECT_TIMEOUT_MS;
          connectTimer = setTimeout(() => req.destroy(codedError(CONNECT_TIMEOUT, `connecting timed out after ${limit / 1000}s`)), limit);
          socket.once(this.secure ? 'secureConnect' : 'connect', () => {
            clearTimeout(connectTimer);
            phase = 'headers';
            if (r.timeoutMs > 0) req.setTimeout(r.timeoutMs);
          });
        } else if (r.timeoutMs > 0) req.setTimeout(r.timeoutMs);
      });
      req.on('timeout', () => {
        if (phase === 'connect') return;
        // The body's reader sees this error (destroying the request would hand it a bare "aborted").
        if (response) response.destroy(codedError(BODY_TIMEOUT, 'timed out reading the response body'));
        else req.destroy(codedError(HEADERS_TIMEOUT, 'timed out waiting for the response headers'));
      });
      req.on('error', (err) => {
        clearTimeout(connectTimer);
        finish();
        reject(err);
      });
      req.on('response', (res: IncomingMessage) => {
        phase = 'body';
        response = res;
        if (r.stream) req.setTimeout(0);
        res.on('close', finish);
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: responseBody(res) });
      });
      req.end(r.body);
    });
  }

  /** Waits for the requests under way, then closes every connection. */
  async close(): Promise<void> {
    await this.inFlight.idle();
    this.agent?.destroy();
    this.agent = undefined;
  }
}

function responseBody(res: IncomingMessage): ResponseBody {
  return {
    [Symbol.asyncIterator]: () => res[Symbol.asyncIterator]() as AsyncIterator<Buffer>,
    async text() {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    async dump() {
      for await (const _ of res) void _;
    },
  };
}

type TlsMaterial = { ca?: string | string[]; cert?: string; key?: string };

/**
 * The CA bundle and client certificate as one TLS context made once and
 * shared by every connection of the agent: handed as raw options, each new
 * connection parses them (the whole system CA bundle included) again.
 * Material that does not load is handed raw, so the connection reports it as before.
 */
function reusableContext(material: TlsMaterial): { secureContext: SecureContext } | TlsMaterial {
  try {
    return { secureContext: process.getBuiltinModule('node:tls').createSecureContext(material) };
  } catch {
    return material;
  }
}
