// Entry of the sandboxed render process (dist/render-worker.js). Started by
// src/render/process.ts under Node's permission model with an empty
// environment, from the script or from the startup snapshot built of the
// same code (dist/render-snapshot.cjs, see snapshot.ts); checks that the permission model is on and code generation
// from strings is off, strips the globals (lockdown.ts), then reads one
// render request from stdin, asks the parent for `lookup` answers
// synchronously over the same pipes, and writes one result.
import { Buffer } from 'node:buffer';
import { readSync, writeSync } from 'node:fs';
import process from 'node:process';
import { setFlagsFromString, startupSnapshot } from 'node:v8';
import { RenderError, SandboxViolationError } from '../errors.js';
import { renderTemplates } from './engine.js';
import { lockDown } from './lockdown.js';
import { nj } from './sandbox.js';
import { fromWireChart, splitBody, TREES_PREFIX, type ChildMessage, type ParentMessage } from './protocol.js';
import { applySetIntMarks } from '../values/int64.js';
import { requirePackage, usePackageEntries } from './packages.js';

/**
 * The pipes are non-blocking: a read with nothing to read (the process
 * waiting for its request while the parent loads the chart, or for a lookup
 * answer) or a write to a full pipe fails with EAGAIN. Retrying at once spun
 * a core the parent needed; this sleeps between tries instead, from 50 µs
 * doubling to 2 ms, and starts again short after each transfer.
 */
const pause = (() => {
  // Made on first use: a process building the startup snapshot has no SharedArrayBuffer.
  let cell: Int32Array | undefined;
  let ms = 0.05;
  return {
    wait(): void {
      cell ??= new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(cell, 0, 0, ms);
      ms = Math.min(ms * 2, 2);
    },
    reset(): void {
      ms = 0.05;
    },
  };
})();

/** Reads n bytes; undefined when stdin ends before the first byte and `atBoundary` (no more requests). */
function readExact(n: number, atBoundary = false): Buffer | undefined {
  const buf = Buffer.alloc(n);
  let off = 0;
  while (off < n) {
    let got: number;
    try {
      got = readSync(0, buf, off, n - off, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        pause.wait();
        continue;
      }
      throw e;
    }
    pause.reset();
    if (got === 0) {
      if (atBoundary && off === 0) return undefined;
      throw new Error('render request ended early');
    }
    off += got;
  }
  return buf;
}

function readFrame(): ParentMessage {
  const next = readNext();
  if (!next) throw new Error('render request ended early');
  return next;
}

/** The bytes after the JSON of the last message read (a render request's chart files). */
let contents: Buffer | undefined;

/** The next message, or undefined when the parent closed stdin between requests. */
function readNext(): ParentMessage | undefined {
  const head = readExact(4, true);
  if (!head) return undefined;
  const raw = readExact(head.readUInt32BE(0))!;
  // A stored tree pack comes from disk: one that does not parse is ignored (the templates are parsed instead).
  if (raw.subarray(0, TREES_PREFIX.length).toString('latin1') === TREES_PREFIX) {
    contents = undefined;
    try {
      return JSON.parse(raw.toString('utf8')) as ParentMessage;
    } catch {
      return { type: 'trees', trees: {} };
    }
  }
  const body = splitBody(raw);
  contents = body.contents;
  return JSON.parse(body.json) as ParentMessage;
}

/**
 * Rendered files wait here and go out together, 64 KiB at a time (or before
 * any other message): one pipe write, and one wake-up of the parent, per
 * batch instead of per file. Each frame is encoded straight into one batch
 * buffer (no buffer per file, nor joining them).
 */
const BATCH_BYTES = 64 * 1024;
let batch: Buffer | undefined;
let batched = 0;

function queue(msg: ChildMessage): void {
  const json = JSON.stringify(msg);
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  const most = 4 + 3 * json.length;
  batch ??= Buffer.alloc(4 * BATCH_BYTES);
  if (batched + most > batch.length) flush();
  if (most > batch.length) {
    const body = Buffer.from(json, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length, 0);
    write(head);
    write(body);
    return;
  }
  const n = batch.write(json, batched + 4, 'utf8');
  batch.writeUInt32BE(n, batched);
  batched += 4 + n;
  if (batched >= BATCH_BYTES) flush();
}

function flush(): void {
  if (batched === 0) return;
  const n = batched;
  batched = 0;
  write(batch!.subarray(0, n));
}

function send(msg: ChildMessage): void {
  queue(msg);
  flush();
}

function write(frame: Buffer): void {
  let off = 0;
  while (off < frame.length) {
    try {
      off += writeSync(1, frame, off, frame.length - off);
      pause.reset();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      pause.wait();
    }
  }
}

/**
 * V8's optimizing compiler. A render of a few hundred templates runs its code
 * for some 50-100 ms, too short for TurboFan's compiles of the hottest
 * functions (on a second thread) to repay their CPU: they were a quarter of
 * the render process's instructions on the bench's 1,000-template charts,
 * nunjucks and Go. Each render starts on V8's baseline compilers, and
 * TurboFan comes back once it has run LONG_RENDER_MS (checked after each file
 * and as the budget is charged, so inside one long template too): a
 * 20,000-document render was 20% slower without it.
 */
const LONG_RENDER_MS = 250;
let optimizing = true;

function setOptimizing(on: boolean): void {
  if (on === optimizing) return;
  optimizing = on;
  setFlagsFromString(on ? '--turbofan' : '--no-turbofan');
}

function permissionActive(): boolean {
  const p = (process as unknown as { permission?: { has(scope: string): boolean } }).permission;
  return p !== undefined && !p.has('fs.write') && !p.has('child') && !p.has('worker');
}

function codeGenerationDisabled(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    Function('return 1');
    return false;
  } catch {
    return true;
  }
}

function refuse(message: string): void {
  send({ type: 'error', error: { name: 'RenderError', message } });
}

function main(): void {
  // Fail closed: every layer below the template compiler must really be in place.
  if (!permissionActive()) {
    refuse('the render process is not running under the Node permission model; refusing to render');
    return;
  }
  if (!codeGenerationDisabled()) {
    refuse('the render process allows code generation from strings; refusing to render');
    return;
  }
  // nunjucks loads while the process waits for its first request (it is usually started ahead of
  // need, while the parent loads the chart): loading it on the request's path costs nunjucks
  // charts more than it saves Go-template charts.
  void [nj.runtime, nj.compiler, nj.parser, nj.lexer, nj.transformer, nj.nodes, nj.environment, nj.lib];
  const left = lockDown();
  if (left.length > 0) {
    refuse(`the render process could not remove the globals ${left.join(', ')}; refusing to render`);
    return;
  }
  // One request after another until the parent closes stdin: a process kept for the next render.
  let stored: Record<string, string> | undefined;
  for (let req = readNext(); req; req = readNext()) {
    if (req.type === 'trees') {
      stored = isRecord(req.trees) ? req.trees : undefined;
      continue;
    }
    if (req.type !== 'render') throw new Error(`unexpected message ${req.type}`);
    renderOne(req, stored);
    stored = undefined;
  }
}

function isRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Renders one request; `stored` holds the trees of earlier runs the parent sent ahead of it. */
function renderOne(req: Extract<ParentMessage, { type: 'render' }>, stored: Record<string, string> | undefined): void {
  const o = req.options;
  // Trees parsed here go back to the parent, which stores them for the next run.
  const parsed: Record<string, string> = Object.create(null) as Record<string, string>;
  let fresh = 0;
  setOptimizing(false);
  const longAt = Date.now() + LONG_RENDER_MS;
  try {
    const values = (req.values ?? {}) as Record<string, unknown>;
    if (req.setInts) applySetIntMarks(values, req.setInts);
    const chart = fromWireChart(req.chart, contents);
    contents = undefined;
    const result = renderTemplates(chart, values, {
      release: o.release,
      capabilities: o.capabilities,
      lookup: o.hasLookup
        ? (apiVersion, kind, namespace, name) => {
            send({ type: 'lookup', apiVersion, kind, namespace, name });
            const reply = readFrame();
            if (reply.type === 'lookupResult') return reply.value;
            if (reply.type === 'lookupError') throw new RenderError(`lookup ${apiVersion} ${kind} ${namespace}/${name}: ${reply.message}`);
            throw new Error('unexpected reply to lookup');
          }
        : undefined,
      getHostByName: o.hasResolver
        ? (name) => {
            send({ type: 'host', name });
            const reply = readFrame();
            if (reply.type === 'hostResult') return reply.address;
            if (reply.type === 'hostError') throw new RenderError(`getHostByName ${JSON.stringify(name)}: ${reply.message}`);
            throw new Error('unexpected reply to getHostByName');
          }
        : undefined,
      limits: { timeoutMs: o.timeoutMs, maxOutputBytes: o.maxOutputBytes, maxRecursionDepth: o.maxRecursionDepth, maxLoopIterations: o.maxLoopIterations },
      renderSubchartNotes: o.renderSubchartNotes,
      strict: o.strict,
      ...(o.lint ? { lint: true } : {}),
      ...(o.shard ? { shard: o.shard } : {}),
      // Stream each file so the parent can split and parse it while the rest renders.
      onFile: (path, text) => {
        queue({ type: 'file', path, text });
        if (!optimizing && Date.now() >= longAt) setOptimizing(true);
      },
      longRun: { afterMs: LONG_RENDER_MS, then: () => setOptimizing(true) },
      // The parent sends a pack (perhaps empty) only when it keeps a cache.
      ...(stored
        ? {
            storedTrees: {
              trees: stored,
              parsed: (key: string, encoded: string) => {
                parsed[key] = encoded;
                fresh++;
              },
            },
          }
        : {}),
    });
    if (fresh > 0) send({ type: 'trees', trees: parsed });
    send({ type: 'result', ...(result.notes !== undefined ? { notes: result.notes } : {}) });
  } catch (err) {
    const e = err as Error;
    const name = err instanceof SandboxViolationError ? 'SandboxViolationError' : err instanceof RenderError ? 'RenderError' : 'Error';
    const wire = err instanceof RenderError
      ? { name, message: e.message, ...(err.template !== undefined ? { template: err.template } : {}), ...(err.line !== undefined ? { line: err.line } : {}) }
      : { name, message: `internal render error: ${e?.message ?? String(err)}` };
    send({ type: 'error', error: wire });
  }
}

if (startupSnapshot.isBuildingSnapshot()) {
  // Building the startup snapshot: everything a render may load goes into it
  // now, and a process started from it begins at main (the checks and the
  // lockdown run then, in that process, under its own flags).
  void [nj.runtime, nj.compiler, nj.parser, nj.lexer, nj.transformer, nj.nodes, nj.environment, nj.lib, requirePackage('yaml'), requirePackage('semver')];
  startupSnapshot.setDeserializeMainFunction(main);
} else {
  // Started from the script: the parent names each package's entry file (command.ts).
  try {
    usePackageEntries(JSON.parse(process.argv[2] ?? 'null'));
  } catch {
    // no usable map: packages are looked up by name
  }
  main();
}
