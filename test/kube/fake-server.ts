// A tiny scriptable HTTPS (or HTTP) server for transport tests: each test
// supplies the handler and reads back what the client sent.
import { createServer as createHttps } from 'node:https';
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The client certificate's subject CN under mutual TLS. */
  readonly clientCN?: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** TCP (or TLS) connections accepted so far. */
  readonly connections: () => number;
  handler: Handler;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  readonly tls?: { cert: string; key: string; ca?: string; requestCert?: boolean };
}

export async function startFakeServer(opts: FakeServerOptions, handler: Handler): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  const state = { handler };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const clientCN = peer && 'subject' in peer && peer.subject ? String(peer.subject.CN) : undefined;
      const r: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, clientCN };
      seen.push(r);
      Promise.resolve(state.handler(r, res)).catch((err: Error) => {
        res.statusCode = 599;
        res.end(err.message);
      });
    });
  };
  const server: Server = opts.tls
    ? createHttps({ cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca, requestCert: opts.tls.requestCert ?? false, rejectUnauthorized: false }, onRequest)
    : createHttp(onRequest);
  let connections = 0;
  server.on(opts.tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    connections: () => connections,
    get handler() {
      return state.handler;
    },
    set handler(h: Handler) {
      state.handler = h;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function statusBody(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
