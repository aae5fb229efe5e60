// Watch streams: each event encoded once for all watchers of a resource,
// written in batches paced by the WatchFlusher, and a watcher whose client
// stops reading closed before its backlog costs the server more than
// request-limits allows.
import type { ServerResponse } from 'node:http';
import type { KubeObject, Status, WatchEvent } from '../../apimachinery/types.js';
import type { ServedResource } from './catalog.js';
import { buildTable, type IncludeObject } from './table.js';
import type { WatchFlusher } from './watch-flusher.js';
import { jsonText } from '../store/json-text.js';
import { WATCH_BEHIND_BYTES, type WatchBudget } from './request-limits.js';

/** The shape events are sent in (JSON objects, Table rows or PartialObjectMetadata). */
export type WatchAnswer = { as: 'json' } | { as: 'table'; version: 'v1' | 'v1beta1' } | { as: 'partial'; version: 'v1' | 'v1beta1' };

// Watchers of one resource receive each event in one synchronous fan-out from the store, so the
// last line encoded is the one the next watcher asks for: each event's line is encoded once for
// all of them. Only that line is kept: a cache per object kept a copy of the text of every
// version the store's history holds (and of every object a watch listed at its start).
let lastLine: { readonly o: object; readonly type: string; readonly line: Buffer } | undefined;
function eventLine(type: string, o: object): Buffer {
  if (lastLine?.o === o && lastLine.type === type) return lastLine.line;
  const line = Buffer.from(`{"type":"${type}","object":${jsonText(o)}}\n`);
  lastLine = { o, type, line };
  return line;
}

/** Streams a watch's events to `res` until either side ends it. */
export function streamWatch(
  o: { readonly now: () => Date; readonly log?: (line: string) => void },
  flusher: WatchFlusher,
  budget: WatchBudget,
  res: ServerResponse,
  result: { def: ServedResource; start: (sink: { event(ev: WatchEvent<KubeObject | Status>): void; end(): void }) => () => void },
  answer: WatchAnswer,
  include: IncludeObject,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  // Headers go out now, before any event: informers block until the watch is established.
  res.flushHeaders();
  let headersSent = false;
  let stop: (() => void) | undefined;
  let ended = false;
  let waitingForDrain = false;
  // Pending event lines, written as one HTTP chunk straight to the socket: one buffer, one
  // TLS record and one syscall per flush (ServerResponse.write would queue four pieces per chunk).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const release = () => {
    budget.pending -= pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  const unread = () => res.socket?.writableLength ?? 0;
  const target = {
    flush() {
      if (pendingBytes === 0 || res.destroyed) return;
      const socket = res.socket;
      if (!socket) return;
      // A client that has not taken what it was sent gets more once it has.
      if (socket.writableLength > WATCH_BEHIND_BYTES) {
        if (!waitingForDrain) {
          waitingForDrain = true;
          socket.once('drain', () => {
            waitingForDrain = false;
            if (!ended) flusher.mark(target);
          });
        }
        return;
      }
      const chunk = Buffer.allocUnsafe(pendingBytes + 12);
      let at = chunk.write(`${pendingBytes.toString(16)}\r\n`, 0, 'latin1');
      for (const b of pending) at += b.copy(chunk, at);
      at += chunk.write('\r\n', at, 'latin1');
      release();
      socket.write(chunk.subarray(0, at));
    },
  };
  // A watcher that stopped reading is closed, as kube-apiserver closes one that falls behind; its
  // client sees the stream end and watches again from its last resourceVersion.
  const cut = () => {
    o.log?.(`watch closed: the client fell behind by ${pendingBytes} bytes of events (${unread()} unread)`);
    ended = true;
    flusher.forget(target);
    release();
    stop?.();
    res.destroy();
  };
  const push = (line: Buffer) => {
    pending.push(line);
    pendingBytes += line.length;
    budget.pending += line.length;
    if (budget.overdrawn(pendingBytes, unread())) cut();
    else flusher.mark(target);
  };
  const sink = {
    event(ev: WatchEvent<KubeObject | Status>) {
      if (ended) return;
      let object: unknown = ev.object;
      if (answer.as === 'table' && ev.type !== 'BOOKMARK' && ev.type !== 'ERROR') {
        object = buildTable(result.def, [ev.object as KubeObject], { now: o.now(), include, apiVersion: `meta.k8s.io/${answer.version}`, noHeaders: headersSent });
        headersSent = true;
      } else if (answer.as === 'partial' && ev.type !== 'ERROR') {
        object = { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${answer.version}`, metadata: (ev.object as KubeObject).metadata };
      }
      if (object === ev.object && ev.type !== 'BOOKMARK' && ev.type !== 'ERROR') push(eventLine(ev.type, object as object));
      else push(Buffer.from(`{"type":"${ev.type}","object":${JSON.stringify(object)}}\n`));
    },
    end() {
      if (ended) return;
      flusher.forget(target);
      target.flush();
      ended = true;
      stop?.();
      res.end();
    },
  };
  res.on('close', () => {
    ended = true;
    flusher.forget(target);
    release();
    stop?.();
  });
  stop = result.start(sink);
  if (ended) stop();
}
