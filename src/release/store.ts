// The smart layer over a dumb driver (Helm's storage.Storage): history,
// last, deployed, and max-history pruning that never removes the last
// deployed revision.
import { ReleaseNotFoundError } from '../errors.js';
import type { RecordHeader, RecordMeta, RecordQuery, ReleaseDriver } from './driver.js';
import type { Release } from './types.js';

/** Helm's HELM_MAX_HISTORY default: upgrades and rollbacks keep this many revisions. */
export const DEFAULT_MAX_HISTORY = 10;

export class ReleaseStore {
  readonly driver: ReleaseDriver;

  constructor(driver: ReleaseDriver) {
    this.driver = driver;
  }

  /**
   * Every revision of a release, oldest first (headers; `load()` decodes).
   * With `records` the records come in the same read, for callers that load
   * them (one request where headers then records take two).
   */
  async history(namespace: string, name: string, opts: { records?: boolean } = {}): Promise<RecordHeader[]> {
    const all = await this.driver.query({ namespace, name, ...(opts.records ? { records: true } : {}) });
    return all.sort((a, b) => a.version - b.version);
  }

  /** The newest revision, or undefined when the release has none; `records` as for history. */
  async last(namespace: string, name: string, opts: { records?: boolean } = {}): Promise<RecordHeader | undefined> {
    const h = await this.history(namespace, name, opts);
    return h[h.length - 1];
  }

  /** The highest revision whose status is deployed (read with its record), or undefined. */
  async deployed(namespace: string, name: string): Promise<RecordHeader | undefined> {
    const d = await this.driver.query({ namespace, name, status: 'deployed', records: true });
    return d.sort((a, b) => b.version - a.version)[0];
  }

  /** One revision, decoded; throws ReleaseNotFoundError when absent. */
  async get(namespace: string, name: string, version: number): Promise<Release> {
    const h = await this.driver.get(namespace, name, version);
    if (!h) throw new ReleaseNotFoundError(version ? `${name} (revision ${version})` : name);
    return h.load();
  }

  /** Headers matching a query (every namespace when namespace is undefined). */
  query(q: RecordQuery): Promise<RecordHeader[]> {
    return this.driver.query(q);
  }

  /** Fetches the records of many headers at once ahead of `load()` (see ReleaseDriver.prefetch). */
  async prefetch(headers: readonly RecordHeader[], of: readonly RecordHeader[]): Promise<void> {
    await this.driver.prefetch?.(headers, of);
  }

  /**
   * Writes a new revision (ReleaseConflictError when it exists), then prunes
   * the oldest revisions beyond `maxHistory` (0 or undefined: keep all). The
   * last deployed revision and the new one are never pruned; pruning is best
   * effort and reports what it could not delete through the returned list.
   * `priorRevisions`: how many revisions the caller read before this one,
   * under the lock this revision is (no one else adds revisions meanwhile):
   * when that many and this one fit in `maxHistory`, the history is not
   * listed again to find out.
   */
  async create(rel: Release, opts: RecordMeta & { maxHistory?: number; priorRevisions?: number } = {}): Promise<string[]> {
    const { priorRevisions, maxHistory, ...meta } = opts;
    await this.driver.create(rel, meta);
    if (!maxHistory || maxHistory <= 0) return [];
    if (priorRevisions !== undefined && priorRevisions + 1 <= maxHistory) return [];
    return this.prune(rel.namespace, rel.name, maxHistory, rel.version);
  }

  /** Rewrites an existing revision. */
  update(rel: Release, meta?: RecordMeta): Promise<void> {
    return this.driver.update(rel, meta);
  }

  /** Deletes one revision; resolves false when it was already gone. */
  delete(namespace: string, name: string, version: number): Promise<boolean> {
    return this.driver.delete(namespace, name, version);
  }

  private async prune(namespace: string, name: string, max: number, keep: number): Promise<string[]> {
    const hist = await this.history(namespace, name);
    if (hist.length <= max) return [];
    const lastDeployed = [...hist].reverse().find((h) => h.status === 'deployed')?.version;
    const protectedVersions = new Set([keep, lastDeployed]);
    const victims = hist.filter((h) => !protectedVersions.has(h.version)).slice(0, hist.length - max);
    const errors: string[] = [];
    // Deletions are independent; run a few at a time so a long history prunes quickly.
    for (let i = 0; i < victims.length; i += 16) {
      await Promise.all(
        victims.slice(i, i + 16).map((h) =>
          this.driver.delete(namespace, name, h.version).catch((err: unknown) => {
            errors.push(`revision ${h.version}: ${(err as Error).message}`);
          }),
        ),
      );
    }
    return errors;
  }
}
