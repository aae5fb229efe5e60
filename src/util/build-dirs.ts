// Caches kept per skiff build (DIR/<build>/...): a new build keeps the
// directories of the few most recently written other builds, so two skiff
// builds sharing one home do not wipe each other's caches, and removes the rest.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How many builds' directories a cache keeps, the current one included. */
export const KEEP_BUILDS = 3;

/** Removes the build directories under `dir` other than `current` and the KEEP_BUILDS - 1 most recently written others. */
export function pruneOtherBuilds(dir: string, current: string): void {
  const others = readdirSync(dir)
    .filter((name) => name !== current)
    .map((name) => {
      try {
        return { name, at: statSync(join(dir, name)).mtimeMs };
      } catch {
        return { name, at: 0 };
      }
    })
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEEP_BUILDS - 1)) rmSync(join(dir, old.name), { recursive: true, force: true });
}
