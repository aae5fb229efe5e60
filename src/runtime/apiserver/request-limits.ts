// What one untrusted client may cost the server: request bodies, headers,
// the output a connection or a watch may leave unread, and the
// keep-alive body handling that must never drop a connection. Every refusal
// is a Kubernetes Status, as kube-apiserver answers it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import * as E from './status.js';

/** kube-apiserver's request body limit (MaxRequestBodyBytes, 3 MiB): larger bodies are answered 413. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Largest request head (request line and headers) a client may send; kubectl's and Helm's are a few KiB. */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Response bytes a connection may leave unread before its next request is
 * refused: a client that pipelines requests without reading the answers is
 * cut off instead of having them buffered without bound.
 */
export const MAX_CONNECTION_BACKLOG = 16 * 1024 * 1024;

/**
 * Reads a request body, at most MAX_BODY_BYTES. Throws a 413 Status beyond
 * that (the connection is then closed, the rest is never read).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(E.tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        failed = true;
        req.off('data', onData);
        reject(E.tooLarge(limit));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => !failed && resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', (e) => !failed && reject(e));
    req.on('aborted', () => !failed && reject(E.badRequest('the request body was not sent completely')));
  });
}

/**
 * Node pauses a keep-alive connection's HTTP parser when a new request
 * arrives while the previous response is still draining, and resumes it on
 * 'drain'. Over TLS the parser reads the socket directly, so body bytes that
 * are already decrypted reach the paused parser, which fails with HPE_PAUSED
 * and drops the connection (the client sees a reset or EOF; with 64 KiB
 * bodies on a busy server, a few percent of requests). The server reads every
 * body as it arrives and bounds unread output itself (guardConnection), so
 * the pause is undone before the parser sees it.
 */
export function keepParserRunning(req: IncomingMessage): void {
  const socket = req.socket as Socket & { _paused?: boolean };
  if (socket._paused) {
    socket._paused = false;
    socket.resume();
  }
}

/**
 * True when the connection may take another request: a client that leaves
 * more than MAX_CONNECTION_BACKLOG of answers unread is disconnected.
 */
export function guardConnection(req: IncomingMessage): boolean {
  if (req.socket.writableLength <= MAX_CONNECTION_BACKLOG) return true;
  req.socket.destroy();
  return false;
}

/** Answers a refused request head (too large, malformed) with a Status, as Go's server does, then closes. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge
    ? E.failure(431, 'RequestHeaderFieldsTooLarge', `request header fields too large: limit is ${MAX_HEADER_BYTES}`).status
    : E.badRequest(`malformed HTTP request: ${err.code ?? err.message}`).status;
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${status.code} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Marks a response as the connection's last one (used when the request body is left unread). */
export function closeAfter(res: ServerResponse): void {
  res.shouldKeepAlive = false;
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

/** Unread watch output on a socket beyond which a watch counts as behind: new events wait instead of being written. */
export const WATCH_BEHIND_BYTES = 1024 * 1024;
/** Events one watch that is behind may hold before it is closed (kube-apiserver closes a watcher that stops keeping up). */
export const MAX_WATCH_PENDING_BYTES = 4 * 1024 * 1024;
/** Events all watches that are behind may hold together before the one that adds to them is closed. */
export const MAX_TOTAL_WATCH_PENDING_BYTES = 64 * 1024 * 1024;

/** The events every watch of one server holds unwritten (what MAX_TOTAL_WATCH_PENDING_BYTES bounds). */
export class WatchBudget {
  pending = 0;

  /**
   * True when a watch holding `own` pending bytes (after adding its latest
   * event), on a socket with `unread` bytes not yet taken by the client, must
   * be closed. A watch is only ever closed while its client is behind: a
   * fast client may receive a large initial list at once.
   */
  overdrawn(own: number, unread: number): boolean {
    if (unread <= WATCH_BEHIND_BYTES) return false;
    return own > MAX_WATCH_PENDING_BYTES || (this.pending > MAX_TOTAL_WATCH_PENDING_BYTES && own > WATCH_BEHIND_BYTES / 4);
  }
}
