// Talking to a test runtime over HTTPS the way kubectl does (bearer token, the
// runtime's CA), plus a line-by-line watch reader.
import { request } from 'node:https';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly text: string;
  json<T = any>(): T;
}

export interface Conn {
  readonly url: string;
  readonly caPem: string;
  readonly token?: string;
}

export function http(c: Conn, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const h: Record<string, string | number> = { Accept: 'application/json', ...headers };
    if (c.token) h.Authorization = `Bearer ${c.token}`;
    if (data !== undefined) {
      h['Content-Type'] ??= 'application/json';
      h['Content-Length'] = Buffer.byteLength(data);
    }
    const req = request(`${c.url}${path}`, { method, ca: c.caPem, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export interface WatchReader {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** Resolves with the next event line (parsed), or undefined when the stream ended. */
  next(timeoutMs?: number): Promise<any | undefined>;
  close(): void;
  readonly ended: Promise<void>;
}

/** Opens a watch and resolves once the response headers arrive. */
export function openWatch(c: Conn, path: string, headers: Record<string, string> = {}): Promise<WatchReader> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { Accept: 'application/json', ...headers };
    if (c.token) h.Authorization = `Bearer ${c.token}`;
    const req = request(`${c.url}${path}`, { method: 'GET', ca: c.caPem, headers: h }, (res) => {
      const lines: any[] = [];
      const waiters: ((v: any) => void)[] = [];
      let buf = '';
      let done = false;
      let endResolve!: () => void;
      const ended = new Promise<void>((r) => (endResolve = r));
      const push = (v: any) => {
        const w = waiters.shift();
        if (w) w(v);
        else lines.push(v);
      };
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) push(JSON.parse(line));
        }
      });
      const finish = () => {
        if (done) return;
        done = true;
        endResolve();
        while (waiters.length) waiters.shift()!(undefined);
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ended,
        next(timeoutMs = 3000) {
          if (lines.length) return Promise.resolve(lines.shift());
          if (done) return Promise.resolve(undefined);
          return new Promise((r, rej) => {
            const t = setTimeout(() => {
              const i = waiters.indexOf(w);
              if (i >= 0) waiters.splice(i, 1);
              rej(new Error(`no watch event within ${timeoutMs} ms`));
            }, timeoutMs);
            const w = (v: any) => {
              clearTimeout(t);
              r(v);
            };
            waiters.push(w);
          });
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls `fn` every 50 ms until it returns something truthy (returned), or fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `fn` under a fake clock, advancing it by `stepMs` between tries (and letting real time pass for the work it wakes). */
export async function untilAdvancing<T>(clock: { advance(ms: number): void }, what: string, fn: () => Promise<T | undefined | false>, stepMs = 0, tries = 400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    if (stepMs) clock.advance(stepMs);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
