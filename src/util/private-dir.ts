// $SKIFF_HOME and its cluster folder hold the whole cluster: every Secret's
// value sits in state.db and its WAL, next to the admin token, the CA and
// serving keys, user kubeconfigs and repository credentials. They are private
// to their owner: folders 0700, files 0600. Installations made before this
// rule are repaired when the cluster starts; a folder another user can write
// (who could have replaced any file in it) is refused, never silently reused.
import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A private folder that cannot be used safely: not ours, or writable by others. */
export class UnsafeDirError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'UnsafeDirError';
    this.hint = hint;
  }
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/**
 * Creates `dir` (and missing parents) as 0700, or checks an existing one:
 * throws UnsafeDirError when another user owns it or when group or others
 * may write it; takes read and search access away from group and others.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  if (!st.isDirectory()) throw new UnsafeDirError(`${dir} is not a directory`, 'point SKIFF_HOME at a directory');
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new UnsafeDirError(`refusing to use ${dir}: it belongs to uid ${st.uid}, not to this user (uid ${uid})`, `use your own SKIFF_HOME, or run skiff as the user who owns ${dir}`);
  }
  if (st.mode & 0o022) {
    throw new UnsafeDirError(
      `refusing to use ${dir}: other users can write to it (mode ${octal(st.mode)}), so they could have replaced the cluster's files`,
      `check what is inside, then make it private: chmod 700 ${dir}`,
    );
  }
  if (st.mode & 0o077) chmodSync(dir, 0o700);
}

/**
 * Takes group and other access away from every file (0600) and folder
 * (0700) under `dir`, without following symbolic links; what this user does
 * not own is left alone (ensurePrivateDir refuses such a folder itself).
 */
export function repairPrivateTree(dir: string): void {
  const uid = process.getuid?.();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const st = lstatSync(path);
    if (uid !== undefined && st.uid !== uid) continue;
    if (entry.isDirectory()) {
      if (st.mode & 0o077) chmodSync(path, 0o700);
      repairPrivateTree(path);
    } else if (entry.isFile() && st.mode & 0o077) {
      chmodSync(path, 0o600);
    }
  }
}

/** Makes a single file private (0600) when it exists and is ours. */
export function repairPrivateFile(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (st.isFile() && st.mode & 0o077 && st.uid === (process.getuid?.() ?? st.uid)) chmodSync(path, 0o600);
}

/**
 * Writes `data` to `path` as a private file (0600) in one step: a reader sees
 * the old file or the whole new one, never half of it.
 */
export function writePrivateFile(path: string, data: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Whether `dir` can be used as a private folder (ensurePrivateDir without throwing): a cache that cannot is simply not used. */
export function usablePrivateDir(dir: string): boolean {
  try {
    ensurePrivateDir(dir);
    return true;
  } catch {
    return false;
  }
}
