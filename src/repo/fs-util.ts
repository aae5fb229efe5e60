// Atomic file writes: a temporary sibling then rename, so readers never see a
// partial file and a failure leaves the old one in place.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RepoError } from '../errors.js';

let seq = 0;

/** Writes `data` to `file` atomically (temp + rename), creating the directory. */
export async function writeFileAtomic(file: string, data: string | Buffer, mode?: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${++seq}.tmp`;
  try {
    await writeFile(tmp, data, mode === undefined ? undefined : { mode });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Joins `parts` onto `dir` and checks that the result stays inside `dir`:
 * the one way skiff builds a path from outside data (repository and chart
 * names, versions, URLs). Throws RepoError naming the offending part when it
 * would escape (`..`, an absolute part, a separator in a name).
 */
export function joinInside(dir: string, ...parts: string[]): string {
  const rel = relative(resolve(dir), resolve(dir, ...parts));
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel) || parts.some((p) => p.includes('\0'))) {
    throw new RepoError(`refusing to use a path outside ${dir}: ${JSON.stringify(parts.join('/'))} is not a plain file name`);
  }
  return join(dir, ...parts);
}
