// Atomic file writes: a temporary sibling then rename, so readers never see a
// partial file and a failure leaves the old one in place.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

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
