// Lifecycle of the bundled cluster process: start (detached or foreground),
// stop, status and reset. Where its files live is src/cluster/layout.ts.
import { closeSync, existsSync, lstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterError, UsageError } from '../errors.js';
// node:child_process and node:https are loaded where they are used (process.getBuiltinModule):
// `skiff list` against a running cluster needs neither, and loading them costs every start.
import { runtimeProcessTls } from '../tls-trust.js';
import { ensurePrivateDir, repairPrivateFile, UnsafeDirError } from '../util/private-dir.js';
import type { LocalSocket } from '../kube/local-socket.js';
import { clearRuntimeState, clusterDir, clusterLayout, readRuntimeState, type ClusterLayout, type RuntimeState } from './layout.js';

export interface ClusterStatus {
  readonly running: boolean;
  readonly pid?: number;
  readonly port?: number;
  readonly url?: string;
  readonly kubeconfigPath?: string;
  readonly store?: string;
  readonly startedAt?: string;
  readonly dataDir: string;
}

export interface StartClusterOptions {
  readonly home: string;
  readonly port?: number;
  readonly store?: 'sqlite' | 'memory';
  /** How long to wait for /readyz (default 20 s). */
  readonly timeoutMs?: number;
  /** Simulated nodes created on the cluster's first start (default 3). */
  readonly nodes?: number;
  /** cpu and memory capacity of those nodes (default 4 and 8Gi). */
  readonly nodeCpu?: string;
  readonly nodeMemory?: string;
}

export interface StartClusterResult extends ClusterStatus {
  /** True when a runtime was already running and nothing was started. */
  readonly alreadyRunning: boolean;
  readonly logPath: string;
}

/**
 * What `pid` is: 'runtime' when it is a skiff runtime process, 'gone' when no
 * such process runs (or the pid now belongs to another program), 'unknown'
 * where the system cannot say (no /proc: macOS).
 */
function processOf(pid: number): 'runtime' | 'gone' | 'unknown' {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  // A stale runtime.json may name a pid the system has since given to another program.
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /runtime-main\.js|runtime[\/]main\.ts/.test(cmd) ? 'runtime' : 'gone';
  } catch {
    return 'unknown';
  }
}

function alive(pid: number): boolean {
  return processOf(pid) !== 'gone';
}

/** GET /readyz over HTTPS with the cluster CA; resolves true on "ok". */
function readyz(url: string, caPem: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = process.getBuiltinModule('node:https').request(`${url}/readyz`, { ca: caPem, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

function caOf(l: ClusterLayout): string | undefined {
  try {
    return readFileSync(l.pki.caCert, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether the runtime of `home` is running (its process is alive and answers /readyz). */
export async function clusterStatus(home: string): Promise<ClusterStatus> {
  const l = clusterLayout(clusterDir(home));
  const st = readRuntimeState(l);
  if (!st || !alive(st.pid)) return { running: false, dataDir: l.dir };
  const ca = caOf(l);
  const ok = ca ? await readyz(st.url, ca) : false;
  return { running: ok, pid: st.pid, port: st.port, url: st.url, kubeconfigPath: st.kubeconfig, store: st.store, startedAt: st.startedAt, dataDir: l.dir };
}

/** How to run the runtime process: the built dist/runtime-main.js, or the TypeScript entry under tsx. */
export function runtimeCommand(): { command: string; args: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'runtime-main.js'), join(here, '..', 'runtime-main.js'), join(here, '..', '..', 'dist', 'runtime-main.js')]) {
    if (existsSync(p)) return { command: process.execPath, args: [p] };
  }
  const src = join(here, '..', 'runtime', 'main.ts');
  if (existsSync(src)) return { command: process.execPath, args: ['--import', 'tsx', src] };
  throw new ClusterError('cannot find the runtime entry (dist/runtime-main.js)', { hint: 'build skiff first: node scripts/build.mjs' });
}

function runtimeArgs(dir: string, opts: { port?: number; store?: string; nodes?: number; nodeCpu?: string; nodeMemory?: string }): string[] {
  const args = ['--data-dir', dir];
  if (opts.port !== undefined) args.push('--port', String(opts.port));
  if (opts.store) args.push('--store', opts.store);
  if (opts.nodes !== undefined) args.push('--nodes', String(opts.nodes));
  if (opts.nodeCpu) args.push('--node-cpu', opts.nodeCpu);
  if (opts.nodeMemory) args.push('--node-memory', opts.nodeMemory);
  return args;
}

function checkOptions(opts: { port?: number; store?: string }): void {
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) {
    throw new UsageError(`invalid --port ${opts.port}: expected 0-65535`);
  }
  if (opts.store !== undefined && opts.store !== 'sqlite' && opts.store !== 'memory') {
    throw new UsageError(`invalid --store "${opts.store}": expected sqlite or memory`);
  }
}

/**
 * Checks that the home and its cluster folder are private (0700, this user's;
 * repairing what an older skiff left readable) before the cluster is used;
 * throws ClusterError when another user owns or can write either.
 */
export function securePrivateHome(home: string): void {
  try {
    ensurePrivateDir(home);
    ensurePrivateDir(clusterDir(home));
  } catch (err) {
    if (err instanceof UnsafeDirError) throw new ClusterError(err.message, { hint: err.hint });
    throw err;
  }
  repairPrivateFile(join(home, 'repositories.yaml'));
}

/** Starts the runtime detached (idempotent: an already running one is reported, not restarted). */
export async function startCluster(opts: StartClusterOptions): Promise<StartClusterResult> {
  checkOptions(opts);
  securePrivateHome(opts.home);
  const l = clusterLayout(clusterDir(opts.home));
  const logPath = l.runtimeLog;
  const cur = await clusterStatus(opts.home);
  if (cur.running) return { ...cur, alreadyRunning: true, logPath };
  clearRuntimeState(l);
  const { command, args } = runtimeCommand();
  const fd = openSync(logPath, 'a', 0o600);
  const tls = runtimeProcessTls();
  const child = process.getBuiltinModule('node:child_process').spawn(command, [...tls.nodeArgs, ...args, ...runtimeArgs(l.dir, opts)], { detached: true, stdio: ['ignore', fd, fd], env: tls.env });
  closeSync(fd);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    const st = readRuntimeState(l);
    if (st && st.pid === child.pid) {
      const status = await clusterStatus(opts.home);
      if (status.running) return { ...status, alreadyRunning: false, logPath };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
  if (exited === undefined && child.pid) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  throw new ClusterError(`the cluster did not start${tail ? `:\n${tail}` : ''}`, { hint: `see ${logPath}` });
}

/** Runs the runtime attached to this terminal until it exits; resolves with its exit code. */
export async function runClusterForeground(opts: StartClusterOptions): Promise<number> {
  checkOptions(opts);
  const cur = await clusterStatus(opts.home);
  if (cur.running) throw new ClusterError(`the cluster is already running (pid ${cur.pid}, ${cur.url})`, { hint: 'stop it first: skiff cluster stop' });
  securePrivateHome(opts.home);
  const { command, args } = runtimeCommand();
  const tls = runtimeProcessTls();
  const child = process.getBuiltinModule('node:child_process').spawn(command, [...tls.nodeArgs, ...args, ...runtimeArgs(clusterDir(opts.home), opts)], { stdio: 'inherit', env: tls.env });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Stops the runtime (SIGTERM, then SIGKILL after `timeoutMs`); resolves false when none was running. */
export async function stopCluster(home: string, timeoutMs = 10_000): Promise<{ stopped: boolean; pid?: number }> {
  const l = clusterLayout(clusterDir(home));
  const st = readRuntimeState(l);
  if (!st || !alive(st.pid)) {
    clearRuntimeState(l);
    return { stopped: false };
  }
  process.kill(st.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(st.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (alive(st.pid)) {
    process.kill(st.pid, 'SIGKILL');
    while (alive(st.pid)) await new Promise((r) => setTimeout(r, 25));
  }
  clearRuntimeState(l);
  return { stopped: true, pid: st.pid };
}

/**
 * Starts the cluster unless it runs; what the local backend calls on first use.
 * runtime.json is written only once the runtime serves and names a live
 * runtime process, so a running cluster is used without a /readyz round
 * trip of its own: the caller's first request is the proof. Where processes
 * cannot be inspected (no /proc), /readyz decides as before.
 */
export async function ensureClusterRunning(home: string): Promise<RunningCluster> {
  securePrivateHome(home);
  const l = clusterLayout(clusterDir(home));
  const st = readRuntimeState(l);
  if (st && processOf(st.pid) === 'runtime' && existsSync(st.kubeconfig)) return { kubeconfigPath: st.kubeconfig, url: st.url, ...localSocket(l, st) };
  const started = await startCluster({ home });
  return { kubeconfigPath: started.kubeconfigPath!, url: started.url!, ...localSocket(l, readRuntimeState(l)) };
}

/** How skiff's own commands reach the running bundled cluster. */
export interface RunningCluster {
  /** Its admin kubeconfig (HTTPS), what other clients use. */
  readonly kubeconfigPath: string;
  readonly url: string;
  /** Its unix socket and admin token (src/kube/local-socket.ts), when it serves one. */
  readonly socket?: LocalSocket;
}

/**
 * The socket runtime.json names, with the admin token (one small file rather
 * than the kubeconfig); nothing, so the caller keeps to the kubeconfig and
 * HTTPS, when there is none (a runtime of an older skiff), it is gone or the
 * token cannot be read. Only called after securePrivateHome: the folder is
 * this user's alone, so a socket in it is the runtime's.
 */
function localSocket(l: ClusterLayout, st: RuntimeState | undefined): { socket?: LocalSocket } {
  // Only the layout's own path: the one inside the folder securePrivateHome checked.
  if (!st?.socket || st.socket !== l.apiSocket) return {};
  try {
    if (!lstatSync(l.apiSocket).isSocket()) return {};
    const token = readFileSync(l.pki.adminToken, 'utf8').trim();
    return token ? { socket: { path: st.socket, token } } : {};
  } catch {
    return {};
  }
}

/** Stops the cluster and deletes all its state (objects, PKI, token). */
export async function resetCluster(home: string): Promise<{ removed: string }> {
  await stopCluster(home);
  const dir = clusterDir(home);
  rmSync(dir, { recursive: true, force: true });
  return { removed: dir };
}
