// Parent side of the sandboxed render process. Rendering runs in a separate
// Node process started with the permission model (read access only to
// skiff's own dist/ and the three packages the engine loads; no writes, no
// child processes, no workers) and an empty environment, so even a template
// that escaped the language sandbox would find nothing worth stealing. Chart
// and values go in over stdin; `lookup` comes back over stdout as a narrow
// read-only request the parent answers.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Chart, Values } from '../chart/types.js';
import { RenderError, SandboxViolationError } from '../errors.js';
import { DEFAULT_LIMITS } from './engine.js';
import type { RenderedChart, RenderOptions } from './index.js';
import { primeManifests } from './manifests.js';
import { encodeFrame, toWireChart, type ChildMessage, type RenderRequest } from './protocol.js';

/** Where skiff is installed: the directory holding dist/ and node_modules/. */
export function skiffRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dist'))) return dir;
    dir = dirname(dir);
  }
  throw new RenderError('cannot locate skiff\'s dist/ directory for the render process');
}

/** The packages (with the ones they load) that the render process reads. */
const WORKER_PACKAGES = ['nunjucks', 'yaml', 'semver', 'a-sync-waterfall', 'asap'];

function packageDir(root: string, name: string): string | undefined {
  // Resolve the package's entry, then climb to the directory named after it.
  const req = createRequire(join(root, 'package.json'));
  let entry: string;
  try {
    entry = req.resolve(name);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (dir.endsWith(`/node_modules/${name}`)) return dir;
  }
  return undefined;
}

function nodeVersion(): [number, number] {
  const [maj, min] = process.versions.node.split('.').map(Number);
  return [maj ?? 0, min ?? 0];
}

/** The command that starts the render process: Node, its sandbox flags, the worker script and an empty environment. */
export function sandboxCommand(maxHeapMb: number): { command: string; args: string[]; env: Record<string, string>; cwd: string; script: string } {
  const root = skiffRoot();
  const script = join(root, 'dist', 'render-worker.js');
  if (!existsSync(script)) {
    throw new RenderError(`the render process is missing (${script}); build skiff first with "npm run build"`);
  }
  const readable = [join(root, 'dist'), ...WORKER_PACKAGES.map((p) => packageDir(root, p)).filter((d): d is string => d !== undefined)];
  const [maj, min] = nodeVersion();
  const modern = maj > 22 || (maj === 22 && min >= 13);
  const perm = modern ? ['--permission'] : ['--experimental-permission'];
  const files = [join(root, 'package.json')];
  // One flag per path: recent Node releases (20.20 included) reject comma-separated lists.
  const reads = [...readable.map((p) => (modern ? p : `${p}/*`)), ...files].map((p) => `--allow-fs-read=${p}`);
  return {
    command: process.execPath,
    args: [...perm, ...reads, '--no-warnings', '--frozen-intrinsics', `--max-old-space-size=${maxHeapMb}`],
    env: {},
    cwd: join(root, 'dist'),
    script,
  };
}

function toError(e: { name: string; message: string; template?: string; line?: number }): RenderError {
  const opts = { template: e.template, line: e.line };
  return e.name === 'SandboxViolationError' ? new SandboxViolationError(e.message, opts) : new RenderError(e.message, opts);
}

/** Renders in the sandboxed process; see renderChart. */
export function renderInSandbox(chart: Chart, values: Values, opts: RenderOptions): Promise<RenderedChart> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  const maxOutputBytes = opts.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes;
  const heapMb = Math.max(512, Math.ceil((8 * maxOutputBytes) / (1024 * 1024)) + 256);
  let cmd: ReturnType<typeof sandboxCommand>;
  try {
    cmd = sandboxCommand(heapMb);
  } catch (e) {
    return Promise.reject(e);
  }
  const request: RenderRequest = {
    type: 'render',
    chart: toWireChart(chart),
    values,
    options: {
      release: opts.release,
      ...(opts.capabilities !== undefined ? { capabilities: opts.capabilities } : {}),
      hasLookup: opts.lookup !== undefined,
      timeoutMs,
      maxOutputBytes,
      maxRecursionDepth: opts.maxRecursionDepth ?? DEFAULT_LIMITS.maxRecursionDepth,
      maxLoopIterations: opts.maxLoopIterations ?? DEFAULT_LIMITS.maxLoopIterations,
      renderSubchartNotes: opts.renderSubchartNotes === true,
      strict: opts.strict === true,
    },
  };
  let frame: Buffer;
  try {
    frame = encodeFrame(request);
  } catch (e) {
    return Promise.reject(new RenderError(`cannot send values to the render process: ${(e as Error).message}`));
  }

  return new Promise<RenderedChart>((resolve, reject) => {
    const child = spawn(cmd.command, [...cmd.args, cmd.script], { env: cmd.env, cwd: cmd.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let settled = false;
    let stderr = '';
    let pending: Buffer = Buffer.alloc(0);
    const files: Record<string, string> = {};
    const finish = (err: Error | undefined, value?: RenderedChart) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => {
      finish(new RenderError(`rendering took longer than ${timeoutMs} ms and was stopped (raise the limit with the --render-timeout flag or the timeoutMs option)`));
    }, timeoutMs);
    const answer = (msg: Extract<ChildMessage, { type: 'lookup' }>) => {
      const reply = (m: unknown) => { if (!settled) child.stdin.write(encodeFrame(m)); };
      const fn = opts.lookup;
      if (fn === undefined) { reply({ type: 'lookupResult', value: {} }); return; }
      fn(msg.apiVersion, msg.kind, msg.namespace, msg.name).then(
        (value) => reply({ type: 'lookupResult', value: value ?? {} }),
        (e: unknown) => reply({ type: 'lookupError', message: e instanceof Error ? e.message : String(e) }),
      );
    };
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const len = pending.readUInt32BE(0);
        if (pending.length < 4 + len) break;
        const body = pending.subarray(4, 4 + len).toString('utf8');
        pending = pending.subarray(4 + len);
        let msg: ChildMessage;
        try {
          msg = JSON.parse(body) as ChildMessage;
        } catch {
          finish(new RenderError('the render process sent a malformed message'));
          return;
        }
        if (msg.type === 'lookup') answer(msg);
        else if (msg.type === 'file') {
          files[msg.path] = msg.text;
          primeManifests(msg.path, msg.text);
        } else if (msg.type === 'result') finish(undefined, msg.notes !== undefined ? { files, notes: msg.notes } : { files });
        else if (msg.type === 'error') finish(toError(msg.error));
      }
    });
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 20_000) stderr += d.toString('utf8'); });
    child.stdin.on('error', () => { /* the close handler reports why the child went away */ });
    child.on('error', (e) => finish(new RenderError(`cannot start the render process (${cmd.command}): ${e.message}`)));
    child.on('close', (code, signal) => {
      if (settled) return;
      const tail = stderr.trim().split('\n').slice(-5).join('\n');
      if (/heap out of memory|Allocation failed/i.test(stderr)) {
        finish(new RenderError('the render process ran out of memory (the chart produces too much data; see maxOutputBytes)'));
      } else if (/bad option|permission/i.test(stderr) && code === 9) {
        finish(new RenderError(`this Node (${process.version}) cannot start the sandboxed render process with the permission model; refusing to render unsandboxed`, { hint: tail }));
      } else {
        finish(new RenderError(`the render process exited unexpectedly (${signal ?? `code ${code}`})${tail ? `: ${tail}` : ''}`));
      }
    });
    child.stdin.write(frame);
  });
}
