// The command line that starts a render process: Node with the permission
// model (read access only to skiff's own dist/ and the packages the engine
// loads; no writes, no child processes, no workers), frozen intrinsics, no
// code generation from strings, a heap sized for the output limit with a
// small young generation, an empty environment, and either the worker
// script or its start-up snapshot (snapshot.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RenderError } from '../errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import { RENDERER_PACKAGES } from './packages.js';
import { snapshotBlob } from './snapshot.js';

/** Where skiff is installed: the directory holding dist/ and node_modules/. */
export function skiffRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dist'))) return dir;
    dir = dirname(dir);
  }
  throw new RenderError('cannot locate skiff\'s dist/ directory for the render process');
}

/**
 * The render process's young generation (V8's semi-space, in MB). A render
 * is one short burst whose data mostly lives until its end, so V8's default
 * (a semi-space that grew to 8 MB) bought no speed and cost 12-14 MB of
 * resident memory per process; a small one keeps each render process
 * below Helm's peak ("Memory" in docs/security.md). The process also has
 * TurboFan compile on its own thread (--no-concurrent-recompilation):
 * concurrent compiles raised its peak by 1-3 MB for no less CPU.
 */
export const RENDER_SEMI_SPACE_MB = 2;

/** The packages (with the ones they load) that the render process reads. */
const WORKER_PACKAGES = ['nunjucks', 'yaml', 'semver', 'a-sync-waterfall', 'asap'];

/** Package directories found, by root and name: a command asks once for the render process it starts ahead and again for its render. */
const packageDirs = new Map<string, string | undefined>();

function packageDir(root: string, name: string): string | undefined {
  const key = `${root}\0${name}`;
  if (!packageDirs.has(key)) packageDirs.set(key, findPackageDir(root, name));
  return packageDirs.get(key);
}

function findPackageDir(root: string, name: string): string | undefined {
  // Where Node's resolution looks first, when the package is there: a stat and a realpath instead of a resolution (~10 ms for the five).
  const direct = join(root, 'node_modules', name);
  try {
    if (statSync(join(direct, 'package.json')).isFile()) {
      const real = realpathSync(direct);
      if (real.endsWith(`/node_modules/${name}`)) return real;
    }
  } catch {
    // not there: resolved below
  }
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

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function nodeVersion(): [number, number] {
  const [maj, min] = process.versions.node.split('.').map(Number);
  return [maj ?? 0, min ?? 0];
}

/**
 * The command that starts the render process: Node, its sandbox flags, the
 * worker script and an empty environment; `snapshot` is the startup
 * snapshot (snapshot.ts) it starts from instead of the script when one was
 * built for this Node and these flags.
 */
export function sandboxCommand(maxHeapMb: number): { command: string; args: string[]; env: Record<string, string>; cwd: string; script: string; snapshot?: string } {
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
  // A node_modules that is a symbolic link (a worktree sharing another checkout's packages) is read as a link first.
  const modules = join(root, 'node_modules');
  if (isSymlink(modules)) {
    files.push(modules);
    readable.push(...WORKER_PACKAGES.map((p) => join(modules, p)).filter((d) => existsSync(d)));
  }
  // One flag per path: recent Node releases (20.20 included) reject comma-separated lists.
  const reads = [...readable.map((p) => (modern ? p : `${p}/*`)), ...files].map((p) => `--allow-fs-read=${p}`);
  const args = [...perm, ...reads, '--no-warnings', '--frozen-intrinsics', '--disallow-code-generation-from-strings', `--max-old-space-size=${maxHeapMb}`, `--max-semi-space-size=${RENDER_SEMI_SPACE_MB}`, '--no-concurrent-recompilation'];
  const snapshot = snapshotBlob(join(root, 'dist'), args);
  return { command: process.execPath, args, env: {}, cwd: join(root, 'dist'), script, ...(snapshot !== undefined ? { snapshot } : {}) };
}

/** The command of a render process with the default limits (the one started ahead of need, and the one the snapshot is built for). */
export function defaultSandboxCommand(): SandboxCommand {
  return sandboxCommand(heapFor(DEFAULT_LIMITS.maxOutputBytes));
}

/** The heap a render process gets for an output limit: room for the output several times over. */
export function heapFor(maxOutputBytes: number): number {
  return Math.max(512, Math.ceil((8 * maxOutputBytes) / (1024 * 1024)) + 256);
}

export type SandboxCommand = ReturnType<typeof sandboxCommand>;

let entries: string | undefined;

/** The renderer's packages' entry files (real paths), as JSON for the worker (packages.ts usePackageEntries). */
function packageEntries(root: string): string {
  if (entries === undefined) {
    const req = createRequire(join(root, 'package.json'));
    const map: Record<string, string> = {};
    for (const id of RENDERER_PACKAGES) {
      try {
        map[id] = req.resolve(id);
      } catch {
        // left to the worker's own lookup, which reports it
      }
    }
    entries = JSON.stringify(map);
  }
  return entries;
}

export function spawnSandbox(cmd: SandboxCommand): ChildProcessWithoutNullStreams {
  const start = cmd.snapshot !== undefined ? ['--snapshot-blob', cmd.snapshot] : [cmd.script, packageEntries(dirname(cmd.cwd))];
  return spawn(cmd.command, [...cmd.args, ...start], { env: cmd.env, cwd: cmd.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}
