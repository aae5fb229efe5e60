// The pipe protocol between skiff and its render process: length-prefixed
// JSON frames (4-byte big-endian length, then UTF-8 JSON) in both directions.
// A render request's frame carries its chart's file contents as they are,
// after the JSON and a newline (JSON.stringify never writes a raw newline):
// the JSON gives each file's name and size, in order (no base64 copies of
// the chart in either process).
import { Buffer } from 'node:buffer';
import type { Chart, ChartFile } from '../chart/types.js';
import type { SetIntMark } from '../values/int64.js';

/** A chart file in a request's JSON: its bytes are the next `size` bytes after the JSON. */
export interface WireFile { name: string; size: number }
export interface WireChart { metadata: Chart['metadata']; templates: WireFile[]; files: WireFile[]; dependencies: WireChart[] }

export interface RenderRequest {
  type: 'render';
  chart: WireChart;
  values: unknown;
  /** Where `values` held --set integers (Go int64s), which JSON carries as plain numbers. */
  setInts?: SetIntMark[];
  options: {
    release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean; service?: string };
    capabilities?: { kubeVersion?: string; apiVersions?: string[]; extraApiVersions?: string[] };
    hasLookup: boolean;
    hasResolver?: boolean;
    timeoutMs: number;
    maxOutputBytes: number;
    maxRecursionDepth: number;
    maxLoopIterations: number;
    renderSubchartNotes: boolean;
    strict: boolean;
    lint?: boolean;
    /** Render only this share of the manifest templates (see EngineOptions.shard). */
    shard?: { index: number; count: number };
  };
}

export interface WireError { name: string; message: string; template?: string; line?: number }

export type ChildMessage =
  | { type: 'lookup'; apiVersion: string; kind: string; namespace: string; name: string }
  | { type: 'host'; name: string }
  | { type: 'file'; path: string; text: string }
  | { type: 'result'; notes?: string }
  /** Go-template trees parsed in this render, by text key, for the parent to store (sent before the result). */
  | { type: 'trees'; trees: Record<string, string> }
  | { type: 'error'; error: WireError };

/** Trees stored by earlier runs (text key → encoded trees), sent ahead of a render request; see treesFrame. */
export interface TreesMessage { type: 'trees'; trees: Record<string, string> }

export type ParentMessage =
  | RenderRequest
  | TreesMessage
  | { type: 'lookupResult'; value: Record<string, unknown> }
  | { type: 'lookupError'; message: string }
  | { type: 'hostResult'; address: string }
  | { type: 'hostError'; message: string };

export function encodeFrame(msg: unknown): Buffer {
  return frameOf(JSON.stringify(msg));
}

/**
 * The frame carrying a stored tree pack (the JSON object text of a
 * TreesMessage's `trees`) as it is on disk, without parsing or copying it
 * here (the frame is the returned pieces in order): the render process
 * ignores a pack that does not parse.
 */
export function treesFrame(pack: Buffer): Buffer[] {
  const prefix = Buffer.from(TREES_PREFIX, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(prefix.length + pack.length + 1, 0);
  return [Buffer.concat([head, prefix]), pack, Buffer.from('}', 'utf8')];
}

/** How a trees frame's body starts (the render process recognises it before parsing it). */
export const TREES_PREFIX = '{"type":"trees","trees":';

function frameOf(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/**
 * One render request frame per entry of `options` (the shares of a split
 * render), each as its pieces in order: the chart and values are serialised
 * and encoded once, into one buffer that every frame writes (a copy per
 * share held a second copy of the chart until the processes read it).
 */
export function encodeRenderFrames(req: Omit<RenderRequest, 'options' | 'chart'> & { chart: Chart }, options: RenderRequest['options'][]): Buffer[][] {
  const bytes: Buffer[] = [];
  const json = JSON.stringify({ ...req, chart: toWireChart(req.chart, bytes) });
  const shared = Buffer.from(json.slice(0, -1), 'utf8');
  const contents = Buffer.concat(bytes);
  return options.map((o) => {
    const tail = Buffer.from(`,"options":${JSON.stringify(o)}}\n`, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(shared.length + tail.length + contents.length, 0);
    return [head, shared, tail, contents];
  });
}

/** A frame body as the render process reads it: the JSON message, and the bytes after its newline (a render request's chart files). */
export function splitBody(body: Buffer): { json: string; contents?: Buffer } {
  const nl = body.indexOf(0x0a);
  return nl < 0 ? { json: body.toString('utf8') } : { json: body.toString('utf8', 0, nl), contents: body.subarray(nl + 1) };
}

/**
 * Splits a byte stream into frame bodies in linear time: chunks are kept in a
 * list and joined once per frame (joining the pending bytes with every
 * incoming 64 KiB chunk made a 50 MB file take quadratic time).
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private need = -1;
  /** Bytes received in total. */
  received = 0;

  /** Adds bytes; returns the bodies of the frames they complete, in order. */
  push(chunk: Buffer): Buffer[] {
    this.received += chunk.length;
    this.chunks.push(chunk);
    this.size += chunk.length;
    const bodies: Buffer[] = [];
    for (;;) {
      if (this.need < 0) {
        if (this.size < 4) break;
        if (this.chunks[0]!.length < 4) this.chunks = [Buffer.concat(this.chunks)];
        this.need = this.chunks[0]!.readUInt32BE(0);
      }
      if (this.size < 4 + this.need) break;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
      bodies.push(all.subarray(4, 4 + this.need));
      const rest = all.subarray(4 + this.need);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.size = rest.length;
      this.need = -1;
    }
    return bodies;
  }

  /** True between frames: nothing received that is not yet a whole frame. */
  get empty(): boolean {
    return this.size === 0 && this.need < 0;
  }

  /** Bytes of the frame still being received (0 between frames). */
  get pendingBytes(): number {
    return this.size;
  }
}

function toWireFiles(files: readonly ChartFile[], bytes: Buffer[]): WireFile[] {
  return files.map((f) => {
    const data = bufferView(f.data);
    bytes.push(data);
    return { name: f.name, size: data.length };
  });
}

/** `data` as a Buffer without copying it (a chart file's bytes may come as a plain Uint8Array). */
function bufferView(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The chart for a request's JSON; its files' bytes are added to `bytes`, in the order the JSON lists them. */
function toWireChart(c: Chart, bytes: Buffer[]): WireChart {
  return { metadata: c.metadata, templates: toWireFiles(c.templates, bytes), files: toWireFiles(c.files, bytes), dependencies: c.dependencies.map((d) => toWireChart(d, bytes)) };
}

/** The chart of a request, its files' data views of `contents` (the bytes after the request's JSON), read in the order toWireChart wrote them. */
export function fromWireChart(w: WireChart, contents: Buffer = Buffer.alloc(0)): Chart {
  let at = 0;
  const files = (l: WireFile[]): ChartFile[] =>
    l.map((f) => {
      const size = f.size;
      if (!Number.isInteger(size) || size < 0 || at + size > contents.length) throw new Error('render request ended early');
      const data = contents.subarray(at, at + size);
      at += size;
      return { name: String(f.name), data };
    });
  const chart = (c: WireChart): Chart => ({ metadata: c.metadata, templates: files(c.templates), files: files(c.files), dependencies: c.dependencies.map(chart), values: {} });
  return chart(w);
}
