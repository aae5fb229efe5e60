// Turns what a user typed as CHART into a loaded chart: a directory or a
// .tgz path here; repository references (REPO/CHART, URLs, --repo) are
// resolved by the repository layer.
import { existsSync } from 'node:fs';
import { loadChart } from '../chart/index.js';
import type { Chart } from '../chart/types.js';
import { ChartInvalidError } from '../errors.js';

export interface LocateOptions {
  /** --version constraint (repository charts). */
  readonly version?: string;
  /** --repo URL (repository charts). */
  readonly repo?: string;
  readonly devel?: boolean;
}

/** Loads CHART from a path. Throws ChartInvalidError naming the reference when it cannot be found. */
export async function locateChart(ref: string, _opts: LocateOptions = {}): Promise<Chart> {
  if (existsSync(ref)) return loadChart(ref);
  throw new ChartInvalidError(`chart "${ref}" not found: no such directory or archive`, {
    hint: 'give the path of a chart directory or a .tgz archive',
  });
}
