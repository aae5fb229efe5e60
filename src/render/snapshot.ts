// The render process's startup snapshot. `npm run build` bundles the render
// process's code, with the packages it loads (nunjucks, yaml, semver), into
// one script (dist/render-snapshot.cjs) and runs it once under
// `node --build-snapshot`: the V8 heap it leaves, every module loaded and
// evaluated, is saved to dist/render-snapshot/<node>-<platform>-<arch>.blob.
// A render process started with `--snapshot-blob` deserializes that heap
// instead of loading and evaluating the modules, then runs the same main as
// dist/render-worker.js: the sandbox checks and the lockdown run in the new
// process, under its own flags, exactly as without the snapshot.
//
// V8 refuses (or crashes on) a blob built by another Node or under other V8
// flags, so dist/render-snapshot.json records what the blob was built for
// (Node version, platform, architecture, the render process's V8 flags) and
// the parent starts from it only when all match its own command; otherwise,
// and when the blob is missing, it starts dist/render-worker.js as before.
// A blob that fails to start a render process anyway (corrupt on disk) is
// not used again by this process: the render runs again without it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

/** The bundle the snapshot is built from, in dist/. */
export const SNAPSHOT_SCRIPT = 'render-snapshot.cjs';
const MANIFEST = 'render-snapshot.json';
const BLOB_DIR = 'render-snapshot';

/** What a blob was built for; a render process starts from it only when all of it matches. */
interface Manifest {
  readonly blob: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly v8Flags: readonly string[];
}

/** The render process's flags that V8 checks against the blob's (it refuses a blob built under others). */
export function snapshotV8Flags(args: readonly string[]): string[] {
  return args.filter((a) => a === '--disallow-code-generation-from-strings' || a.startsWith('--max-old-space-size=') || a.startsWith('--max-semi-space-size=') || a === '--no-concurrent-recompilation');
}

const manifests = new Map<string, Manifest | undefined>();
let failed = false;

function readManifest(dist: string): Manifest | undefined {
  if (!manifests.has(dist)) {
    let m: Manifest | undefined;
    try {
      const raw = JSON.parse(readFileSync(join(dist, MANIFEST), 'utf8')) as Partial<Manifest>;
      if (typeof raw.blob === 'string' && typeof raw.node === 'string' && typeof raw.platform === 'string' && typeof raw.arch === 'string' && Array.isArray(raw.v8Flags)) m = raw as Manifest;
    } catch {
      m = undefined;
    }
    manifests.set(dist, m);
  }
  return manifests.get(dist);
}

/**
 * The blob a render process with `args` (Node and V8 flags, no script) can
 * start from, or undefined: none built, built for another Node or other
 * flags, missing, or failed earlier in this process.
 */
export function snapshotBlob(dist: string, args: readonly string[]): string | undefined {
  if (failed) return undefined;
  const m = readManifest(dist);
  if (m === undefined || m.node !== process.version || m.platform !== process.platform || m.arch !== process.arch) return undefined;
  const flags = snapshotV8Flags(args);
  if (flags.length !== m.v8Flags.length || flags.some((f, i) => f !== m.v8Flags[i])) return undefined;
  if (m.blob.includes('/') || m.blob.includes('\\')) return undefined;
  const blob = join(dist, BLOB_DIR, m.blob);
  return existsSync(blob) ? blob : undefined;
}

/** Stops this process from starting render processes from the snapshot (one failed to start from it, as `why` says), with a warning once. */
export function snapshotFailed(why: string): void {
  if (failed) return;
  failed = true;
  process.emitWarning(`the render process could not start from its startup snapshot ${why}; rendering without it (rebuild skiff with "npm run build" to make a new one)`, { code: 'SKIFF_RENDER_SNAPSHOT' });
}

/**
 * Builds the snapshot of `dist` for this Node and the render process's
 * `args` (called by scripts/build.mjs after the bundles land). The old
 * manifest goes first and the new one is written last, so a half-done or
 * failed build leaves no manifest and render processes start without a
 * snapshot. Returns the blob's path, or throws with Node's output.
 */
export function buildSnapshot(dist: string, args: readonly string[]): string {
  rmSync(join(dist, MANIFEST), { force: true });
  manifests.delete(dist);
  const dir = join(dist, BLOB_DIR);
  mkdirSync(dir, { recursive: true });
  const name = `${process.version}-${process.platform}-${process.arch}.blob`;
  const tmp = join(dir, `${name}.tmp-${process.pid}`);
  const v8Flags = snapshotV8Flags(args);
  const r = spawnSync(process.execPath, [...v8Flags, '--snapshot-blob', tmp, '--build-snapshot', join(dist, SNAPSHOT_SCRIPT)], { cwd: dist, env: {}, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(tmp)) {
    rmSync(tmp, { force: true });
    throw new Error(`building the render process's startup snapshot failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${(r.stderr ?? '').trim().slice(-2000)}`);
  }
  renameSync(tmp, join(dir, name));
  // Blobs of other Node versions are never used by this build.
  for (const f of readdirSync(dir)) if (f !== name && !f.includes('.tmp-')) rmSync(join(dir, f), { force: true });
  const manifest: Manifest = { blob: name, node: process.version, platform: process.platform, arch: process.arch, v8Flags };
  writeFileSync(join(dist, `${MANIFEST}.tmp-${process.pid}`), JSON.stringify(manifest, null, 2) + '\n');
  renameSync(join(dist, `${MANIFEST}.tmp-${process.pid}`), join(dist, MANIFEST));
  return join(dir, name);
}
