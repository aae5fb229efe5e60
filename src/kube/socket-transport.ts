// HTTP/1.1 over the bundled cluster's unix socket (src/kube/local-socket.ts)
// without node:http. Loading Node's HTTP client (agent, parser binding, and
// the server modules node:http brings along) costs a one-request command such
// as `skiff list` more than the request itself, so this transport speaks the
// protocol directly on a node:net socket. Its peer is skiff's own runtime (the
// socket's private folder says so), whose answers have a Content-Length or
// are chunked. Each request has a connection of its own (`Connection: close`):
// opening one on a local socket is cheaper than pooling.
// The same time limits as src/kube/http-transport.ts: connecting within 10 s
// (or the request's limit if shorter), then the response headers and each gap
// between body chunks within the request's limit (none for streams once their
// headers arrive).
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { BODY_TIMEOUT, CONNECT_TIMEOUT, HEADERS_TIMEOUT, type ResponseBody, type Transport, type TransportRequest, type TransportResponse } from './http-transport.js';
import { InFlight } from './in-flight.js';

const CONNECT_TIMEOUT_MS = 10_000;
/** Status line and headers of one response, at most (Node's own client takes 16 KiB). */
export const MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
/** Body bytes held for a reader that has not taken them, beyond which the socket is paused. */
const HIGH_WATER = 1 << 20;
const CRLF2 = Buffer.from('\r\n\r\n');

function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** One request per connection to the unix socket `path`. */
export class SocketTransport implements Transport {
  private readonly inFlight = new InFlight();

  constructor(private readonly path: string) {}

  request(r: TransportRequest): Promise<TransportResponse> {
    const head = requestHead(r);
    const finish = this.inFlight.begin();
    return new Promise<TransportResponse>((resolve, reject) => {
      if (r.signal?.aborted) {
        finish();
        return reject(abortError());
      }
      const socket: Socket = process.getBuiltinModule('node:net').connect({ path: this.path });
      let phase: 'connect' | 'headers' | 'body' | 'done' = 'connect';
      let timer: NodeJS.Timeout | undefined;
      let body: BodyQueue | undefined;
      const arm = (ms: number, code: string, message: string): void => {
        clearTimeout(timer);
        if (ms > 0) timer = setTimeout(() => fail(codedError(code, message)), ms);
      };
      const fail = (err: Error): void => {
        clearTimeout(timer);
        r.signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        if (phase === 'done') return;
        const was = phase;
        phase = 'done';
        finish();
        if (was === 'body') body!.end(err);
        else reject(err);
      };
      const onAbort = (): void => fail(abortError());
      r.signal?.addEventListener('abort', onAbort, { once: true });
      const connectLimit = r.timeoutMs > 0 ? Math.min(r.timeoutMs, CONNECT_TIMEOUT_MS) : CONNECT_TIMEOUT_MS;
      arm(connectLimit, CONNECT_TIMEOUT, `connecting timed out after ${connectLimit / 1000}s`);
      socket.on('error', fail);
      socket.once('connect', () => {
        phase = 'headers';
        arm(r.timeoutMs, HEADERS_TIMEOUT, 'timed out waiting for the response headers');
        socket.write(head);
        if (r.body !== undefined) socket.write(r.body);
      });
      let headBuf: Buffer = Buffer.alloc(0);
      let decoder: BodyDecoder | undefined;
      const done = (): void => {
        clearTimeout(timer);
        r.signal?.removeEventListener('abort', onAbort);
        phase = 'done';
        socket.destroy();
        body!.end();
        finish();
      };
      socket.on('data', (chunk: Buffer) => {
        if (phase === 'headers') {
          headBuf = headBuf.length ? Buffer.concat([headBuf, chunk]) : chunk;
          for (;;) {
            const end = headBuf.indexOf(CRLF2);
            if ((end < 0 ? headBuf.length : end) > MAX_RESPONSE_HEAD_BYTES) return fail(codedError('HPE_HEADER_OVERFLOW', 'the response headers are too large'));
            if (end < 0) return;
            let parsed: ParsedHead;
            try {
              parsed = parseHead(headBuf.subarray(0, end).toString('latin1'));
            } catch (err) {
              return fail(err as Error);
            }
            headBuf = headBuf.subarray(end + 4);
            if (parsed.status >= 100 && parsed.status < 200) continue; // 100 Continue and the like precede the answer
            try {
              decoder = bodyDecoder(parsed);
            } catch (err) {
              return fail(err as Error);
            }
            phase = 'body';
            body = new BodyQueue(
              () => socket.pause(),
              () => socket.resume(),
              () => fail(abortError()),
            );
            if (r.stream) clearTimeout(timer);
            else arm(r.timeoutMs, BODY_TIMEOUT, 'timed out reading the response body');
            resolve({ statusCode: parsed.status, headers: parsed.headers, body: body.reader() });
            chunk = headBuf;
            break;
          }
        }
        if (phase !== 'body') return;
        if (!r.stream) arm(r.timeoutMs, BODY_TIMEOUT, 'timed out reading the response body');
        try {
          if (decoder!.feed(chunk, (b) => body!.push(b))) done();
        } catch (err) {
          fail(err as Error);
        }
      });
      socket.on('end', () => {
        if (phase === 'body' && decoder!.untilClose) return done();
        fail(codedError('ECONNRESET', phase === 'body' ? 'the connection closed before the response body ended' : 'socket hang up'));
      });
      socket.on('close', () => fail(codedError('ECONNRESET', 'socket hang up')));
    });
  }

  /** Waits for the requests under way to end (their bodies read); nothing stays open between requests. */
  async close(): Promise<void> {
    await this.inFlight.idle();
  }
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The request line and headers; refuses what would break the framing (as node:http does). */
function requestHead(r: TransportRequest): string {
  if (!/^[A-Z]+$/.test(r.method) || !/^\/[\x21-\x7e]*$/.test(r.path)) throw codedError('ERR_INVALID_ARG_VALUE', `invalid request: ${r.method} ${r.path}`);
  let head = `${r.method} ${r.path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n`;
  for (const [name, value] of Object.entries(r.headers)) {
    if (!TOKEN.test(name)) throw codedError('ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (/[\r\n\0]/.test(v)) throw codedError('ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
      head += `${name}: ${v}\r\n`;
    }
  }
  if (r.body !== undefined) head += `content-length: ${Buffer.byteLength(r.body)}\r\n`;
  return head + '\r\n';
}

interface ParsedHead {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

function parseHead(text: string): ParsedHead {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!m) throw codedError('HPE_INVALID_CONSTANT', `not an HTTP/1.1 response: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const headers: Record<string, string | string[]> = Object.create(null);
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw codedError('HPE_INVALID_HEADER_TOKEN', `invalid response header line: ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = headers[name];
    if (name === 'set-cookie') headers[name] = [...((prev as string[] | undefined) ?? []), value];
    else headers[name] = prev === undefined ? value : `${prev as string}, ${value}`;
  }
  // A plain object, as node:http's headers are (the null prototype only kept names such as __proto__ plain while building).
  return { status: Number(m[1]), headers: { ...headers } as IncomingHttpHeaders };
}

interface BodyDecoder {
  /** Hands the body bytes in `chunk` to `out`; true once the body is complete. */
  feed(chunk: Buffer, out: (b: Buffer) => void): boolean;
  /** The body ends when the server closes the connection. */
  readonly untilClose: boolean;
}

function bodyDecoder(h: ParsedHead): BodyDecoder {
  const te = h.headers['transfer-encoding'];
  if (h.status === 204 || h.status === 304) return { untilClose: false, feed: () => true };
  if (typeof te === 'string' && te.toLowerCase() !== 'identity') {
    if (te.toLowerCase() !== 'chunked') throw codedError('HPE_INVALID_TRANSFER_ENCODING', `unsupported transfer-encoding: ${te}`);
    return chunkedDecoder();
  }
  const cl = h.headers['content-length'];
  if (cl !== undefined) {
    if (!/^\d{1,15}$/.test(cl)) throw codedError('HPE_INVALID_CONTENT_LENGTH', `invalid content-length: ${cl}`);
    let left = Number(cl);
    return {
      untilClose: false,
      feed(chunk, out) {
        if (left === 0) return true;
        const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
        left -= part.length;
        if (part.length) out(part);
        return left === 0;
      },
    };
  }
  return { untilClose: true, feed: (chunk, out) => (chunk.length && out(chunk), false) };
}

/** Transfer-Encoding: chunked, across any split of the bytes. */
function chunkedDecoder(): BodyDecoder {
  let state: 'size' | 'data' | 'data-end' | 'trailer' = 'size';
  let line = '';
  let left = 0;
  return {
    untilClose: false,
    feed(chunk, out) {
      let i = 0;
      while (i < chunk.length) {
        if (state === 'data') {
          const n = Math.min(left, chunk.length - i);
          out(chunk.subarray(i, i + n));
          i += n;
          left -= n;
          if (left === 0) state = 'data-end';
          continue;
        }
        const nl = chunk.indexOf(10, i);
        const end = nl < 0 ? chunk.length : nl + 1;
        line += chunk.toString('latin1', i, end);
        i = end;
        if (line.length > 4096) throw codedError('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'chunk header line too long');
        if (nl < 0) break;
        const text = line.replace(/\r?\n$/, '');
        line = '';
        if (state === 'data-end') {
          if (text !== '') throw codedError('HPE_STRICT', 'missing CRLF after a chunk');
          state = 'size';
        } else if (state === 'size') {
          const m = /^([0-9a-fA-F]{1,12})(?:;.*)?$/.exec(text.trim());
          if (!m) throw codedError('HPE_INVALID_CHUNK_SIZE', `invalid chunk size line: ${JSON.stringify(text.slice(0, 40))}`);
          left = parseInt(m[1]!, 16);
          state = left === 0 ? 'trailer' : 'data';
        } else if (text === '') {
          return true; // the empty line after the last chunk's trailers
        }
      }
      return false;
    },
  };
}

/** The body as it arrives, for one reader, pausing the socket while too much waits. */
class BodyQueue {
  private readonly chunks: Buffer[] = [];
  private held = 0;
  private ended = false;
  private error?: Error;
  private wake?: () => void;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
    private readonly abandon: () => void,
  ) {}

  push(b: Buffer): void {
    this.chunks.push(b);
    this.held += b.length;
    if (this.held > HIGH_WATER) this.pause();
    this.wake?.();
  }

  end(err?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.error = err;
    this.wake?.();
  }

  private async *iterate(): AsyncGenerator<Buffer> {
    let complete = false;
    try {
      for (;;) {
        const b = this.chunks.shift();
        if (b) {
          this.held -= b.length;
          if (this.held <= HIGH_WATER) this.resume();
          yield b;
        } else if (this.ended) {
          complete = true;
          if (this.error) throw this.error;
          return;
        } else await new Promise<void>((r) => (this.wake = r));
      }
    } finally {
      this.wake = undefined;
      // A reader that stops early (a watch ended by its caller) closes the connection.
      if (!complete) this.abandon();
    }
  }

  reader(): ResponseBody {
    const iterable = { [Symbol.asyncIterator]: () => this.iterate() };
    return {
      ...iterable,
      async text() {
        const parts: Buffer[] = [];
        for await (const c of iterable) parts.push(c);
        return Buffer.concat(parts).toString('utf8');
      },
      async dump() {
        for await (const _ of iterable) void _;
      },
    };
  }
}
