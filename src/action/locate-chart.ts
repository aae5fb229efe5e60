// Turns what a user typed as CHART into a loaded chart: a directory or a .tgz
// path, REPO/CHART from a configured repository, an archive URL, or a chart
// name with --repo URL (downloads are digest-verified by the repository layer).
import { existsSync } from 'node:fs';
import { loadChart, loadChartArchive } from '../chart/index.js';
import type { Chart } from '../chart/types.js';
import { ChartInvalidError } from '../errors.js';
import type { ChartRefOptions } from '../repo/chart-ref.js';

/** Helm's CHART flag group: --version, --repo, --devel and the repository credentials. */
export type LocateOptions = Omit<ChartRefOptions, 'home'>;

/**
 * Loads CHART from a local path, else from a repository (REPO/CHART, an
 * http(s) archive URL, or NAME with `repo`). Throws ChartInvalidError when a
 * path cannot be found, RepoError for repository problems (unknown repo, no
 * matching version, digest mismatch), ArchiveError for an unsafe archive.
 */
export async function locateChart(ref: string, opts: LocateOptions = {}): Promise<Chart> {
  if (!opts.repo && existsSync(ref)) return loadChart(ref);
  const { isRemoteRef, fetchChartRef } = await import('../repo/chart-ref.js');
  if (!isRemoteRef(ref, opts)) {
    throw new ChartInvalidError(`chart "${ref}" not found: no such directory or archive`, {
      hint: 'give the path of a chart directory or a .tgz archive, REPO/CHART from an added repository, or an archive URL',
    });
  }
  const fetched = await fetchChartRef(ref, opts);
  return loadChartArchive(fetched.data, fetched.url);
}
