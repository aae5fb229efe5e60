// push: upload a chart archive to a skiff or ChartMuseum server (POST /api/charts).
import { readFile } from 'node:fs/promises';
import { loadChartArchive } from '../chart/load.js';
import { RepoError } from '../errors.js';
import type { RepoCredentials } from '../repo/http-common.js';
import type { HttpOptions } from '../repo/http.js';
import type { RepoEntry } from '../repo/repositories.js';

export interface PushOptions extends RepoCredentials {
  /** Path of the .tgz to upload. */
  readonly archive: string;
  /** An added repository's name or a server URL. */
  readonly target: string;
  readonly home?: string;
  readonly onProgress?: HttpOptions['onProgress'];
  /** oci:// only: plain HTTP (Helm's --plain-http). */
  readonly plainHttp?: boolean;
  /** oci:// only: the manifest's creation time (default now; the CLI passes SOURCE_DATE_EPOCH for reproducible pushes). */
  readonly created?: Date;
}

/**
 * Validates the archive locally, then uploads it (credentials from the
 * repository entry unless given). Throws ChartInvalidError/ArchiveError for a
 * bad archive, RepoError with the server's reason for a refused upload (409
 * when the version exists, 401 when unauthorized).
 */
export async function pushChart(opts: PushOptions): Promise<{ url: string; name: string; version: string; ref?: string; digest?: string }> {
  const data = await readFile(opts.archive).catch((err: NodeJS.ErrnoException) => {
    throw new RepoError(`cannot read ${opts.archive}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  const chart = await loadChartArchive(data, opts.archive);
  if (opts.target.startsWith('oci://')) {
    const { pushOciChart } = await import('../oci/chart-push.js');
    const prov = await readFile(`${opts.archive}.prov`).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw new RepoError(`cannot read ${opts.archive}.prov: ${err.message}`);
    });
    const r = await pushOciChart(opts.target, chart.metadata, data, prov, opts);
    return { url: opts.target, name: r.name, version: r.version, ref: r.ref, digest: r.digest };
  }
  // The repositories file (and its YAML reader) is read only for a repository server push.
  const [{ repoPaths }, { flagCredentials, getRepo, loadRepoFile }] = await Promise.all([import('../repo/home.js'), import('../repo/repositories.js')]);
  let entry: Partial<RepoEntry>;
  let base: string;
  if (/^https?:\/\//.test(opts.target)) {
    base = opts.target;
    const rf = await loadRepoFile(repoPaths(opts.home).repositoriesFile);
    entry = rf.repositories.find((r) => r.url.replace(/\/+$/, '') === base.replace(/\/+$/, '')) ?? {};
  } else {
    entry = getRepo(await loadRepoFile(repoPaths(opts.home).repositoriesFile), opts.target);
    base = entry.url!;
  }
  const creds: Partial<RepoEntry> = { ...entry, ...flagCredentials(opts) };
  // The classic HTTP client (undici) is loaded only here: an oci:// push does not need it.
  const [{ httpOptionsFor }, { httpRequest }, { urlJoin }] = await Promise.all([import('../repo/client.js'), import('../repo/http.js'), import('../repo/index-file.js')]);
  const url = urlJoin(base, 'api/charts');
  const res = await httpRequest('POST', url, httpOptionsFor(creds, { onProgress: opts.onProgress }), data, { 'content-type': 'application/gzip' });
  if (res.status >= 200 && res.status < 300) return { url: base, name: chart.metadata.name, version: chart.metadata.version };
  let reason = res.body.toString('utf8').trim();
  try {
    const j = JSON.parse(reason) as { error?: string; message?: string };
    reason = j.error ?? j.message ?? reason;
  } catch {
    /* not JSON */
  }
  throw new RepoError(`failed to push ${chart.metadata.name}-${chart.metadata.version}.tgz to ${base}: ${res.status} ${reason}`, {
    hint: res.status === 401 ? 'give --username/--password or add the repository with credentials' : res.status === 409 ? 'bump the chart version, or start the server with --allow-overwrite' : undefined,
  });
}
