// `package CHART...`: chart directories to reproducible NAME-VERSION.tgz archives.
import { packageChart, type PackageResult } from '../chart/package.js';

export interface PackageActionOptions {
  readonly charts: readonly string[];
  readonly version?: string;
  readonly appVersion?: string;
  /** Output directory (default: the current directory). */
  readonly destination?: string;
}

/** Packages each chart in turn; stops at the first failure (ChartInvalidError / ArchiveError). */
export async function packageCharts(opts: PackageActionOptions): Promise<PackageResult[]> {
  const results: PackageResult[] = [];
  for (const chart of opts.charts) {
    results.push(await packageChart(chart, { version: opts.version, appVersion: opts.appVersion, destination: opts.destination }));
  }
  return results;
}
