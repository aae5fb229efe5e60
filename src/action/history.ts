// `skiff history`: one row per revision (Helm's columns and JSON keys).
import { ReleaseNotFoundError } from '../errors.js';
import type { Release, ReleaseStatus } from '../release/types.js';
import type { Configuration } from './configuration.js';
import { isRecordDecodeError } from '../release/codec.js';
import { maskText, releaseSecrets } from '../release/sensitive.js';

export interface HistoryRow {
  readonly revision: number;
  readonly updated: string;
  readonly status: ReleaseStatus;
  readonly chart: string;
  readonly app_version: string;
  readonly description: string;
}

/** "name-version" as Helm prints a release's chart. */
export function chartName(rel: Release): string {
  return `${rel.chart.metadata.name}-${rel.chart.metadata.version}`;
}

/**
 * The newest `max` revisions (default 256), oldest first; throws
 * ReleaseNotFoundError when there are none. A revision whose record cannot be
 * decoded is left out and named through `onWarning`.
 */
export async function history(cfg: Configuration, opts: { releaseName: string; namespace: string; max?: number; showSensitive?: boolean; onWarning?: (message: string) => void }): Promise<HistoryRow[]> {
  const all = await cfg.releases.history(opts.namespace, opts.releaseName, { records: true });
  if (!all.length) throw new ReleaseNotFoundError(opts.releaseName);
  const shown = all.slice(-(opts.max ?? 256));
  const loaded = await Promise.all(
    shown.map((h) =>
      h.load().catch((err: unknown) => {
        if (!isRecordDecodeError(err)) throw err;
        opts.onWarning?.(`skipping revision ${h.version}: ${(err as Error).message}`);
        return undefined;
      }),
    ),
  );
  const rels = loaded.filter((r): r is Release => r !== undefined);
  return rels.map((r) => ({
    revision: r.version,
    updated: r.info.last_deployed,
    status: r.info.status,
    chart: chartName(r),
    app_version: r.chart.metadata.appVersion ?? '',
    // A failure's description may quote a sensitive value.
    description: opts.showSensitive ? r.info.description : maskText(r.info.description, releaseSecrets(r).masks),
  }));
}
