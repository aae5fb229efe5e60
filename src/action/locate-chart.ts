// Turns what a user typed as CHART into a loaded chart: a directory or a .tgz
// path, REPO/CHART from a configured repository, an archive URL, or a chart
// name with --repo URL (downloads are digest-verified by the repository layer).
import { existsSync, statSync } from 'node:fs';
import { loadChart, loadChartArchive, missingDependencies } from '../chart/load.js';
import type { Chart } from '../chart/types.js';
import { ChartInvalidError } from '../errors.js';
import type { ChartRefOptions } from '../repo/chart-ref.js';

/** Helm's CHART flag group: --version, --repo, --devel and the repository credentials. */
export type LocateOptions = ChartRefOptions & {
  /** --dependency-update: for a chart directory whose charts/ lacks declared dependencies, run `dependency update` first. */
  readonly dependencyUpdate?: boolean;
};

/**
 * Loads CHART from a local path, else from a repository (REPO/CHART, an
 * http(s) archive URL, or NAME with `repo`). Throws ChartInvalidError when a
 * path cannot be found, RepoError for repository problems (unknown repo, no
 * matching version, digest mismatch), ArchiveError for an unsafe archive;
 * with `verify`, ProvenanceError unless the chart's .prov is signed by a key
 * of `keyring` and matches the archive (checked before the chart is loaded).
 */
export async function locateChart(ref: string, opts: LocateOptions = {}): Promise<Chart> {
  if (!opts.repo && existsSync(ref)) {
    if (opts.verify) await (await import('../repo/provenance.js')).verifyChartFile(ref, opts.keyring);
    const chart = await loadChart(ref);
    if (!opts.dependencyUpdate || missingDependencies(chart).length === 0 || !statSync(ref).isDirectory()) return chart;
    const { dependencyUpdate } = await import('./dependency.js');
    await dependencyUpdate(ref, { home: opts.home, registry: { credentialFiles: opts.credentialFiles } });
    return loadChart(ref);
  }
  const { isRemoteRef, fetchChartRef } = await import('../repo/chart-ref.js');
  if (!isRemoteRef(ref, opts)) {
    throw new ChartInvalidError(`chart "${ref}" not found: no such directory or archive`, {
      hint: 'give the path of a chart directory or a .tgz archive, REPO/CHART from an added repository, or an archive URL',
    });
  }
  const fetched = await fetchChartRef(ref, opts);
  return loadChartArchive(fetched.data, fetched.url);
}
