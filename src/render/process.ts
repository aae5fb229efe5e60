// Parent side of the sandboxed render process. Rendering runs in a separate
// Node process started with the permission model and an empty environment
// (command.ts), so even a template that escaped the language sandbox would
// find nothing worth stealing. Chart
// and values go in over stdin; `lookup` comes back over stdout as a narrow
// read-only request the parent answers.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Chart, Values } from '../chart/types.js';
import { RenderError, SandboxViolationError } from '../errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { RenderedChart, RenderOptions } from './index.js';
import { primeManifests } from './manifests.js';
import { encodeFrame, encodeRenderFrames, FrameReader, treesFrame, type ChildMessage, type ParentMessage, type RenderRequest } from './protocol.js';
import { heapFor, sandboxCommand, type SandboxCommand } from './command.js';
import { answered, park, SHARD_THRESHOLD, shardsWanted, startSandbox } from './pool.js';
import { snapshotFailed } from './snapshot.js';
import { TemplateCache } from './template-cache.js';
import { setIntMarks } from '../values/int64.js';

export { expectedRenderProcesses, prestartRenderProcess, readyRenderProcesses, type PrestartHint } from './pool.js';

function toError(e: { name: string; message: string; template?: string; line?: number }): RenderError {
  const opts = { template: e.template, line: e.line };
  return e.name === 'SandboxViolationError' ? new SandboxViolationError(e.message, opts) : new RenderError(e.message, opts);
}

/** Renders in the sandboxed process; see renderChart. */
export function renderInSandbox(chart: Chart, values: Values, opts: RenderOptions): Promise<RenderedChart> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  const maxOutputBytes = opts.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes;
  let cmd: SandboxCommand;
  try {
    cmd = sandboxCommand(heapFor(maxOutputBytes));
  } catch (e) {
    return Promise.reject(e);
  }
  const options: RenderRequest['options'] = {
    release: opts.release,
    ...(opts.capabilities !== undefined ? { capabilities: opts.capabilities } : {}),
    hasLookup: opts.lookup !== undefined,
    hasResolver: opts.resolveHost !== undefined,
    timeoutMs,
    maxOutputBytes,
    maxRecursionDepth: opts.maxRecursionDepth ?? DEFAULT_LIMITS.maxRecursionDepth,
    maxLoopIterations: opts.maxLoopIterations ?? DEFAULT_LIMITS.maxLoopIterations,
    renderSubchartNotes: opts.renderSubchartNotes === true,
    strict: opts.strict === true,
    ...(opts.lint ? { lint: true } : {}),
  };
  const shards = shardCount(chart, opts.processes);
  let frames: Buffer[][];
  try {
    const shares = shards > 1 ? Array.from({ length: shards }, (_, index) => ({ ...options, shard: { index, count: shards } })) : [options];
    frames = encodeRenderFrames({ type: 'render', chart, values, setInts: setIntMarks(values) }, shares);
  } catch (e) {
    return Promise.reject(new RenderError(`cannot send values to the render process: ${(e as Error).message}`));
  }
  // The compiled-template cache: stored trees go ahead of each request; fresh ones come back.
  const cache = opts.templateCacheDir !== undefined ? TemplateCache.open(opts.templateCacheDir, chart, cmd.script) : undefined;
  // One buffer written ahead of every request (not copied into each).
  let lead = cache ? treesFrame(cache.pack()) : undefined;
  const fresh: Record<string, string> = Object.create(null) as Record<string, string>;
  const stored = <T>(v: T): T => {
    if (cache && Object.keys(fresh).length > 0) cache.store(fresh);
    return v;
  };
  const files: Record<string, string> = {};
  return whenProcessFree().then(() => {
    // Handed over, not kept here: the request and the stored trees are let go once written to the processes.
    const request = frames;
    const trees = lead;
    frames = [];
    lead = undefined;
    const rendered = renderFrames(cmd, request, timeoutMs, maxOutputBytes, opts, { files, fresh, stored, lead: trees });
    rendered.then(processFreed, processFreed);
    return rendered;
  });
}

// Renders beyond one per core wait for a render process to come free instead
// of starting more: a process start costs more than most renders, and on a
// busy machine (skiff test chart runs values files in parallel, unittest runs
// suites at once) extra processes only compete for the same cores. A process
// that finishes cleanly is parked before its render settles, so the next
// render in line takes it over without a start.
const RENDER_SLOTS = Math.max(2, availableParallelism());
let rendersRunning = 0;
const rendersWaiting: (() => void)[] = [];

function whenProcessFree(): Promise<void> {
  if (rendersRunning < RENDER_SLOTS) {
    rendersRunning++;
    return Promise.resolve();
  }
  return new Promise((resolve) => rendersWaiting.push(resolve));
}

function processFreed(): void {
  const next = rendersWaiting.shift();
  if (next) next();
  else rendersRunning--;
}

/** Where a render's results go: its files, the freshly compiled templates, and the step that stores them. */
interface RenderSink {
  readonly files: Record<string, string>;
  readonly fresh: Record<string, string>;
  readonly stored: <T>(v: T) => T;
  /** Written ahead of every request (the stored template trees). */
  readonly lead?: readonly Buffer[];
}

function renderFrames(cmd: SandboxCommand, frames: Buffer[][], timeoutMs: number, maxOutputBytes: number, opts: RenderOptions, sink: RenderSink): Promise<RenderedChart> {
  const { files, fresh, stored, lead } = sink;
  const runs: WorkerRun[] = [];
  for (const frame of frames) runs.push(runWorker(cmd, lead ? [...lead, ...frame] : frame.slice(), timeoutMs, opts, files, fresh));
  if (runs.length === 1) return runs[0]!.done.then((notes) => stored(notes !== undefined ? { files, notes } : { files }));
  return Promise.all(runs.map((r) => r.done)).then(
    (notes) => {
      const total = Object.values(files).reduce((n, t) => n + Buffer.byteLength(t), 0);
      if (total > maxOutputBytes) throw new RenderError(`rendered output exceeds the limit of ${maxOutputBytes} bytes (see maxOutputBytes)`);
      const n = notes.find((x) => x !== undefined);
      return stored(n !== undefined ? { files, notes: n } : { files });
    },
    (err: unknown) => {
      for (const r of runs) r.kill();
      throw err;
    },
  );
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}

function shardCount(chart: Chart, processes: number | undefined): number {
  let n = 0;
  const count = (c: Chart): void => {
    for (const t of c.templates) if (!t.name.slice(t.name.lastIndexOf('/') + 1).startsWith('_')) n++;
    c.dependencies.forEach(count);
  };
  count(chart);
  return n >= SHARD_THRESHOLD ? shardsWanted(processes) : 1;
}

interface WorkerRun {
  /** Resolves with the rendered notes (if this worker rendered them). */
  readonly done: Promise<string | undefined>;
  kill(): void;
}

/**
 * Runs one render process on the request `frames` (the pieces of its
 * frames, emptied once written, so the request is not held for the whole
 * render), adding streamed files to
 * `files` and freshly parsed template trees to `trees`.
 */
function runWorker(cmd: SandboxCommand, frames: Buffer[], timeoutMs: number, opts: RenderOptions, files: Record<string, string>, trees: Record<string, string>): WorkerRun {
  let kill = (): void => {};
  const done = new Promise<string | undefined>((resolve, reject) => {
    const child = startSandbox(cmd);
    // Kept until a process new from the snapshot answers, to run the request again without the snapshot if it cannot start from it.
    let resend = cmd.snapshot !== undefined && !answered.has(child) ? frames.slice() : undefined;
    let settled = false;
    let stderr = '';
    const reader = new FrameReader();
    let filesReceived = 0;
    kill = () => finish(new RenderError('rendering was stopped'));
    /** Settles the run; `reusable` when the process answered in full and waits for the next request. */
    /** Stops listening to the process. */
    const detach = () => {
      settled = true;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onStderr);
      child.off('error', onError);
      child.off('close', onClose);
    };
    const finish = (err: Error | undefined, value?: string, reusable = false) => {
      if (settled) return;
      detach();
      if (reusable) park(cmd, child);
      else if (child.exitCode === null) child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => {
      const got = reader.received > 0 ? ` after sending ${filesReceived} rendered file(s), ${mib(reader.received)} in all` : '';
      finish(new RenderError(`rendering took longer than ${timeoutMs} ms and was stopped${got} (raise the limit with the --render-timeout flag or the timeoutMs option)`));
    }, timeoutMs);
    // The child waits on its pipe for each answer: lookup and getHostByName are asked of the caller.
    const reply = (m: ParentMessage) => { if (!settled) child.stdin.write(encodeFrame(m)); };
    const failure = (e: unknown) => (e instanceof Error ? e.message : String(e));
    const answer = (msg: Extract<ChildMessage, { type: 'lookup' }>) => {
      const fn = opts.lookup;
      if (fn === undefined) { reply({ type: 'lookupResult', value: {} }); return; }
      fn(msg.apiVersion, msg.kind, msg.namespace, msg.name).then(
        (value) => reply({ type: 'lookupResult', value: value ?? {} }),
        (e: unknown) => reply({ type: 'lookupError', message: failure(e) }),
      );
    };
    const answerHost = (name: string) => {
      const fn = opts.resolveHost;
      if (fn === undefined) { reply({ type: 'hostResult', address: '' }); return; }
      fn(name).then(
        (address) => reply({ type: 'hostResult', address }),
        (e: unknown) => reply({ type: 'hostError', message: failure(e) }),
      );
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      resend = undefined;
      for (const body of reader.push(chunk)) {
        let msg: ChildMessage;
        try {
          msg = JSON.parse(body.toString('utf8')) as ChildMessage;
        } catch {
          finish(new RenderError('the render process sent a malformed message'));
          return;
        }
        if (msg.type === 'lookup') answer(msg);
        else if (msg.type === 'host') answerHost(msg.name);
        else if (msg.type === 'file') {
          filesReceived++;
          files[msg.path] = msg.text;
          primeManifests(msg.path, msg.text);
        } else if (msg.type === 'trees') {
          for (const [k, v] of Object.entries(msg.trees)) if (typeof v === 'string') trees[k] = v;
        } else if (msg.type === 'result') finish(undefined, msg.notes, reader.empty);
        // A template's own error leaves the process sound; a sandbox violation or an internal error does not.
        else if (msg.type === 'error') finish(toError(msg.error), undefined, reader.empty && msg.error.name === 'RenderError' && !msg.error.message.startsWith('internal render error'));
      }
    };
    const onStderr = (d: Buffer) => { if (stderr.length < 20_000) stderr += d.toString('utf8'); };
    const onError = (e: Error) => finish(new RenderError(`cannot start the render process (${cmd.command}): ${e.message}`));
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      const tail = stderr.trim().split('\n').slice(-5).join('\n');
      if (resend !== undefined && !/heap out of memory|Allocation failed/i.test(stderr)) {
        // Ended without a word, started from the snapshot: a blob that does not load (corrupt on
        // disk) ends the process before any code runs. This request, and every later render of
        // this process, starts from the script instead.
        const frames = resend;
        resend = undefined;
        snapshotFailed(`${cmd.snapshot} (${signal ?? `exit code ${code}`}${tail ? `: ${tail.split('\n')[0]}` : ''})`);
        const plain: SandboxCommand = { ...cmd };
        delete plain.snapshot;
        detach();
        const again = runWorker(plain, frames, timeoutMs, opts, files, trees);
        kill = again.kill;
        again.done.then(resolve, reject);
        return;
      }
      if (/heap out of memory|Allocation failed/i.test(stderr)) {
        finish(new RenderError('the render process ran out of memory (the chart produces too much data; see maxOutputBytes)'));
      } else if (/bad option|permission/i.test(stderr) && code === 9) {
        finish(new RenderError(`this Node (${process.version}) cannot start the sandboxed render process with the permission model; refusing to render unsandboxed`, { hint: tail }));
      } else {
        finish(new RenderError(`the render process exited unexpectedly (${signal ?? `code ${code}`})${tail ? `: ${tail}` : ''}`));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onStderr);
    if (child.stdin.listenerCount('error') === 0) child.stdin.on('error', () => { /* the close handler reports why the child went away */ });
    child.on('error', onError);
    child.on('close', onClose);
    for (const frame of frames) child.stdin.write(frame);
    frames.length = 0;
  });
  return { done, kill: () => kill() };
}
