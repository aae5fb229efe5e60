// The bundled cluster's unix-socket transport (src/kube/socket-transport.ts),
// which speaks HTTP/1.1 itself instead of loading node:http: answers framed
// by Content-Length, chunked (split anywhere), or by the connection's end;
// streams; the time limits; aborts; and malformed answers, which fail
// rather than hang or mis-frame. Also through the REST client, against Node's
// own HTTP server, as the runtime answers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { SocketTransport, MAX_RESPONSE_HEAD_BYTES } from '../../src/kube/socket-transport.js';
import type { TransportRequest } from '../../src/kube/http-transport.js';
import { restClient } from '../../src/kube/rest-client.js';
import { socketClusterConfig } from '../../src/kube/local-socket.js';
import type { WatchEvent } from '../../src/apimachinery/types.js';
import { ApiStatusError } from '../../src/kube/client.js';
import { ClusterError } from '../../src/errors.js';
import { rejection } from '../support/releases.js';
import { tempDir } from '../support/cli.js';

const dir = tempDir('skiff-socktr-');
let n = 0;
const get = (over: Partial<TransportRequest> = {}): TransportRequest => ({ method: 'GET', path: '/x', headers: {}, timeoutMs: 5000, ...over });

/** A raw server on a fresh socket: `onRequest` gets each connection and the request bytes read so far. */
async function raw(onRequest: (s: Socket, head: string) => void): Promise<{ path: string; close(): Promise<void>; requests: string[] }> {
  const path = join(dir, `raw-${n++}.sock`);
  const requests: string[] = [];
  const server = createServer((s) => {
    let buf = '';
    let answered = false;
    s.on('data', (d) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0 || answered) return;
      const m = /content-length: (\d+)/i.exec(buf.slice(0, end));
      if (m && buf.length < end + 4 + Number(m[1])) return;
      answered = true;
      requests.push(buf);
      onRequest(s, buf);
    });
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(path, r));
  return { path, requests, close: () => new Promise((r) => server.close(() => r())) };
}

/** Writes `bytes` one byte at a time, then ends the connection. */
function trickle(s: Socket, bytes: string): void {
  let i = 0;
  const next = (): void => {
    if (i >= bytes.length) return void s.end();
    s.write(bytes[i++]!, 'latin1', next);
  };
  next();
}

async function http(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ path: string; close(): Promise<void> }> {
  const path = join(dir, `http-${n++}.sock`);
  const server = createHttpServer(handler);
  await new Promise<void>((r) => server.listen(path, r));
  return {
    path,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

test('Content-Length and chunked answers from Node\'s server; the request carries method, headers and a UTF-8 body', async () => {
  const srv = await http((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const echo = JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, group: req.headers['impersonate-group'], body, connection: req.headers.connection });
      if (req.url === '/chunked') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-twice': ['a', 'b'], 'set-cookie': ['c=1', 'd=2'] });
        for (const part of [echo.slice(0, 5), echo.slice(5)]) res.write(part);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(echo) });
        res.end(echo);
      }
    });
  });
  try {
    const t = new SocketTransport(srv.path);
    const a = await t.request(get({ method: 'POST', path: '/plain?q=1', headers: { authorization: 'Bearer tok', 'impersonate-group': ['g1', 'g2'] }, body: '{"name":"ünïcode"}' }));
    assert.is(a.statusCode, 200);
    assert.is(a.headers['content-type'], 'application/json');
    assert.equal(JSON.parse(await a.body.text()), { method: 'POST', url: '/plain?q=1', auth: 'Bearer tok', group: 'g1, g2', body: '{"name":"ünïcode"}', connection: 'close' });
    const b = await t.request(get({ path: '/chunked' }));
    assert.is(b.statusCode, 201);
    assert.is(b.headers['transfer-encoding'], 'chunked');
    assert.is(b.headers['x-twice'], 'a, b');
    assert.equal(b.headers['set-cookie'], ['c=1', 'd=2']);
    assert.is(JSON.parse(await b.body.text()).url, '/chunked');
    await t.close();
  } finally {
    await srv.close();
  }
});

test('chunked bodies split at every byte, with extensions and trailers; a 100 Continue before the answer; a body ended by the connection', async () => {
  const chunked = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n';
  const srv = await raw((s, head) => trickle(s, head.startsWith('GET /close') ? 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end' : chunked));
  try {
    const t = new SocketTransport(srv.path);
    const a = await t.request(get());
    assert.is(await a.body.text(), 'hello 0123456789');
    const b = await t.request(get({ path: '/close' }));
    assert.is(await b.body.text(), 'until the end');
    assert.match(srv.requests[0]!, /^GET \/x HTTP\/1\.1\r\nHost: localhost\r\nConnection: close\r\n\r\n$/);
  } finally {
    await srv.close();
  }
});

test('a stream hands over each chunk as it comes, outlives the time limit, and stopping early closes the connection', async () => {
  let closed!: () => void;
  const gone = new Promise<void>((r) => (closed = r));
  const srv = await http((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('one\n');
    setTimeout(() => res.write('two\n'), 300);
    req.socket.on('close', closed);
  });
  try {
    const t = new SocketTransport(srv.path);
    const r = await t.request(get({ stream: true, timeoutMs: 100 }));
    const seen: string[] = [];
    for await (const c of r.body) {
      seen.push(c.toString());
      if (seen.join('').includes('two')) break;
    }
    assert.is(seen.join(''), 'one\ntwo\n');
    await gone;
    await t.close();
  } finally {
    await srv.close();
  }
});

test('time limits: no answer, a body that stalls; an abort while waiting', async () => {
  const srv = await raw((s, head) => {
    if (head.startsWith('GET /stall')) s.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  });
  try {
    const t = new SocketTransport(srv.path);
    const h = await rejection(t.request(get({ timeoutMs: 150 })));
    assert.is((h as { code?: string }).code, 'SKIFF_HEADERS_TIMEOUT');
    const r = await t.request(get({ path: '/stall', timeoutMs: 150 }));
    const b = await rejection(r.body.text());
    assert.is((b as { code?: string }).code, 'SKIFF_BODY_TIMEOUT');
    const ac = new AbortController();
    const pending = t.request(get({ signal: ac.signal }));
    setTimeout(() => ac.abort(), 50);
    const a = await rejection(pending);
    assert.is((a as Error).name, 'AbortError');
    await t.close(); // nothing left in flight
  } finally {
    await srv.close();
  }
});

test('malformed or cut-off answers fail instead of being mis-read', async () => {
  const answers: Record<string, string> = {
    '/status': 'HTTP/2 200 OK\r\n\r\n',
    '/header': 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    '/size': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
    '/crlf': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n',
    '/length': 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
    '/te': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n',
    '/short': 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this',
    '/unfinished': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
    '/nohead': 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n',
    '/huge': `HTTP/1.1 200 OK\r\nX-Big: ${'x'.repeat(MAX_RESPONSE_HEAD_BYTES + 10)}\r\n\r\n`,
  };
  const srv = await raw((s, head) => s.end(answers[/^GET (\S+)/.exec(head)![1]!]!, 'latin1'));
  try {
    const t = new SocketTransport(srv.path);
    for (const [path, expected] of Object.entries({
      '/status': /not an HTTP\/1\.1 response/,
      '/header': /invalid response header line/,
      '/size': /invalid chunk size line/,
      '/crlf': /missing CRLF after a chunk/,
      '/length': /invalid content-length/,
      '/te': /unsupported transfer-encoding/,
      '/short': /closed before the response body ended/,
      '/unfinished': /closed before the response body ended/,
      '/nohead': /socket hang up/,
      '/huge': /response headers are too large/,
    })) {
      const e = await rejection(t.request(get({ path })).then((r) => r.body.text())).catch((x: Error) => new Error(`${path}: ${x.message}`));
      assert.match((e as Error).message, expected, path);
    }
  } finally {
    await srv.close();
  }
});

test('header values that would break the framing are refused before anything is sent', async () => {
  const srv = await raw((s) => s.end('HTTP/1.1 204 No Content\r\n\r\n'));
  try {
    const t = new SocketTransport(srv.path);
    assert.throws(() => t.request(get({ headers: { authorization: 'Bearer x\r\nimpersonate-user: admin' } })), /Invalid character in header content/);
    assert.throws(() => t.request(get({ headers: { 'bad name': 'v' } })), /valid HTTP token/);
    assert.throws(() => t.request(get({ path: '/x y' })), /invalid request/);
    assert.is((await t.request(get())).statusCode, 204);
    assert.is(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});

test('through the REST client: JSON, Status errors, a watch and a missing socket', async () => {
  const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
  const srv = await http((req, res) => {
    if (req.headers.authorization !== 'Bearer tok') {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', message: 'Unauthorized', code: 401 }));
    }
    if (req.url?.includes('watch=true')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(JSON.stringify({ type: 'ADDED', object: cm('a') }) + '\n');
      return setTimeout(() => res.end(JSON.stringify({ type: 'DELETED', object: cm('a') }) + '\n'), 50);
    }
    if (req.url?.endsWith('/missing')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', message: 'configmaps "missing" not found', code: 404 }));
    }
    const body = JSON.stringify(cm('x'));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  const ref = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' } as const;
  const c = restClient(socketClusterConfig('https://127.0.0.1:6443', { path: srv.path, token: 'tok' }), { retry: { maxRetries: 0 } });
  const bad = restClient(socketClusterConfig('https://127.0.0.1:6443', { path: srv.path, token: 'nope' }), { retry: { maxRetries: 0 } });
  const gone = restClient(socketClusterConfig('https://127.0.0.1:6443', { path: join(dir, 'none.sock'), token: 'tok' }), { retry: { maxRetries: 0 } });
  try {
    assert.is((await c.get({ ...ref, name: 'x' })).metadata.name, 'x');
    const nf = await rejection(c.get({ ...ref, name: 'missing' }));
    assert.instance(nf, ApiStatusError);
    const events: WatchEvent[] = [];
    await c.watch(ref, {}, (ev) => events.push(ev)).done;
    assert.equal(events.map((e) => e.type), ['ADDED', 'DELETED']);
    const un = await rejection(bad.get({ ...ref, name: 'x' }));
    assert.instance(un, ClusterError);
    assert.match((un as Error).message, /^Kubernetes cluster unauthorized: https:\/\/127\.0\.0\.1:6443/);
    const e = await rejection(gone.get({ ...ref, name: 'x' }));
    assert.instance(e, ClusterError);
    assert.match((e as Error).message, /^Kubernetes cluster unreachable: https:\/\/127\.0\.0\.1:6443: connect ENOENT /);
  } finally {
    await Promise.all([c.close(), bad.close(), gone.close()]);
    await srv.close();
  }
});

test.run();
