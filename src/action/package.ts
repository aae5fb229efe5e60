// `package CHART...`: chart directories to reproducible NAME-VERSION.tgz archives.
import { packageChart, type PackageResult } from '../chart/package.js';

export interface PackageActionOptions {
  readonly charts: readonly string[];
  readonly version?: string;
  readonly appVersion?: string;
  /** Output directory (default: the current directory). */
  readonly destination?: string;
  /** Run `dependency update` on each chart first (Helm's -u/--dependency-update). */
  readonly dependencyUpdate?: boolean;
  /** Progress lines of the dependency update. */
  readonly log?: (line: string) => void;
}

/**
 * Packages each chart in turn, updating its dependencies first when asked;
 * stops at the first failure (ChartInvalidError / ArchiveError / RepoError).
 */
export async function packageCharts(opts: PackageActionOptions): Promise<PackageResult[]> {
  const results: PackageResult[] = [];
  for (const chart of opts.charts) {
    if (opts.dependencyUpdate) {
      const { dependencyUpdate } = await import('../repo/dependency.js');
      await dependencyUpdate(chart, { log: opts.log });
    }
    results.push(await packageChart(chart, { version: opts.version, appVersion: opts.appVersion, destination: opts.destination }));
  }
  return results;
}
