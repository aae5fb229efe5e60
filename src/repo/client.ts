// Fetching repository indexes and chart archives: the cache under SKIFF_HOME,
// credentials from the repository entry, and digest verification.
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { RepoError, SkiffError } from '../errors.js';
import { archiveDigest, readArchiveFiles } from '../chart/index.js';
import { findChartVersion, parseIndex, resolveChartURL, sortEntries, urlJoin, type ChartVersion, type GetOptions, type IndexFile } from './index-file.js';
import { httpGet, type HttpOptions } from './http.js';
import { chartsCacheFile, indexCacheFile, indexJsonCacheFile, searchCacheFile, type RepoPaths } from './home.js';
import { joinInside, writeFileAtomic } from './fs-util.js';
import { SEARCH_FIELD_SEP, SEARCH_RECORD_SEP } from './search.js';
import type { RepoEntry } from './repositories.js';

/** HTTP options for a repository entry (its credentials and TLS files), with per-call extras. */
export function httpOptionsFor(entry: Partial<RepoEntry>, extra: Partial<HttpOptions> = {}): HttpOptions {
  return {
    username: entry.username,
    password: entry.password,
    caFile: entry.caFile,
    certFile: entry.certFile,
    keyFile: entry.keyFile,
    insecureSkipTlsVerify: entry.insecure_skip_tls_verify,
    ...extra,
  };
}

/** Downloads and parses URL/index.yaml. Throws RepoError when unreachable or not a valid index (naming the URL and line). */
export async function fetchIndex(repoURL: string, opts: HttpOptions): Promise<{ index: IndexFile; text: string }> {
  const url = urlJoin(repoURL, 'index.yaml');
  let body: Buffer;
  try {
    body = await httpGet(url, opts);
  } catch (err) {
    const e = err as RepoError;
    throw new RepoError(`looks like "${repoURL}" is not a valid chart repository or cannot be reached: ${e.message}`, { hint: e.hint, cause: err });
  }
  const text = body.toString('utf8');
  return { index: parseIndex(text, url), text };
}

/**
 * The compact search form of an index: one record per chart version, grouped
 * by chart (names sorted), newest version first; fields `name, description,
 * keywords, version, appVersion` joined by SEARCH_FIELD_SEP, records joined
 * by SEARCH_RECORD_SEP (both characters are replaced by spaces inside fields).
 * The search fields come first so one scan of the text finds the matches.
 */
export function searchText(index: IndexFile): string {
  sortEntries(index);
  const clean = (v: unknown) => String(v ?? '').replace(/[\x1e\x1f]/g, ' ');
  const records: string[] = [];
  for (const name of Object.keys(index.entries).sort()) {
    for (const cv of index.entries[name]!) {
      records.push([cv.name ?? name, cv.description, (cv.keywords ?? []).join(' '), cv.version, cv.appVersion].map(clean).join(SEARCH_FIELD_SEP));
    }
  }
  return records.join(SEARCH_RECORD_SEP);
}

/** Writes the cache files of repository `name`: NAME-index.yaml (as fetched), NAME-charts.txt and NAME-search.json. */
export async function writeRepoCache(paths: RepoPaths, name: string, index: IndexFile, text: string): Promise<void> {
  await writeFileAtomic(indexCacheFile(paths, name), text);
  await writeFileAtomic(chartsCacheFile(paths, name), Object.keys(index.entries).sort().join('\n') + '\n');
  await writeFileAtomic(indexJsonCacheFile(paths, name), JSON.stringify(index));
  await writeFileAtomic(searchCacheFile(paths, name), JSON.stringify({ repo: name, text: searchText(index) }));
}

/** Removes the cache files of repository `name`. */
export async function removeRepoCache(paths: RepoPaths, name: string): Promise<void> {
  for (const f of [indexCacheFile(paths, name), indexJsonCacheFile(paths, name), chartsCacheFile(paths, name), searchCacheFile(paths, name)]) await rm(f, { force: true });
}

/** Fetches the index of `entry` and refreshes its cache; returns the index. */
export async function updateRepo(paths: RepoPaths, entry: RepoEntry, extra: Partial<HttpOptions> = {}): Promise<IndexFile> {
  const { index, text } = await fetchIndex(entry.url, httpOptionsFor(entry, extra));
  await writeRepoCache(paths, entry.name, index, text);
  return index;
}

/** Reads the cached index of repository `name`. Throws RepoError when there is none (run repo update) or it is malformed. */
export async function loadCachedIndex(paths: RepoPaths, name: string): Promise<IndexFile> {
  const file = indexCacheFile(paths, name);
  // The JSON twin written at update time is much faster to load; it is used only while it is not older than the YAML.
  const jsonFile = indexJsonCacheFile(paths, name);
  const [ys, js] = await Promise.all([stat(file).catch(() => undefined), stat(jsonFile).catch(() => undefined)]);
  if (ys && js && js.mtimeMs >= ys.mtimeMs) {
    try {
      return JSON.parse(await readFile(jsonFile, 'utf8')) as IndexFile;
    } catch {
      /* fall back to the YAML */
    }
  }
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new RepoError(`no cached repository index for "${name}" found (${file})`, { hint: `run "skiff repo update ${name}"` });
  }
  return parseIndex(text, file);
}

/** Names of the repositories that have a cached index, for messages. */
export async function cachedRepoNames(paths: RepoPaths): Promise<string[]> {
  const files = await readdir(paths.cacheDir).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('-index.yaml')).map((f) => f.slice(0, -'-index.yaml'.length));
}

function sameHost(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host;
  } catch {
    return false;
  }
}

export interface DownloadOptions {
  readonly http: HttpOptions;
  /** Send the repository's credentials to a chart URL on another host (Helm's --pass-credentials). */
  readonly passCredentials?: boolean;
  /** Directory of already downloaded archives (reused when the digest matches). */
  readonly cacheDir?: string;
}

/** Checks that `data` is a gzipped tar chart archive (safe entries, a Chart.yaml at its top); throws RepoError naming `url`. */
async function assertChartArchive(data: Buffer, url: string): Promise<void> {
  try {
    const files = await readArchiveFiles(data, undefined, url);
    const top = files[0]!.name.split('/')[0]!;
    if (!files.some((f) => f.name === `${top}/Chart.yaml`)) throw new RepoError(`${url}: Chart.yaml file is missing`);
  } catch (err) {
    if (!(err instanceof SkiffError)) throw err;
    throw new RepoError(`the download from ${url} is not a valid chart archive: ${err.message}`, { cause: err });
  }
}

/**
 * Downloads the archive of index entry `cv` from repository `repoURL`
 * (relative URLs resolved against it) and verifies it before anything is
 * written: the sha256 against the index digest, then that it is a safe chart
 * archive. Only a verified archive is cached (temporary file, then rename,
 * inside the cache folder). Throws RepoError on a digest mismatch, a
 * download that is not a chart archive, or a failed download.
 */
export async function downloadChartVersion(repoURL: string, cv: ChartVersion, opts: DownloadOptions): Promise<{ data: Buffer; url: string }> {
  if (!cv.urls || cv.urls.length === 0) throw new RepoError(`chart "${cv.name}" version ${cv.version} has no download URL in the index of ${repoURL}`);
  const url = resolveChartURL(repoURL, cv.urls[0]!);
  const expected = cv.digest?.replace(/^sha256:/, '').toLowerCase();
  const cached = opts.cacheDir && expected ? joinInside(opts.cacheDir, `${cv.name}-${cv.version}.tgz`) : undefined;
  if (cached) {
    const data = await readFile(cached).catch(() => undefined);
    if (data && archiveDigest(data) === expected) return { data, url };
  }
  const creds = opts.passCredentials || sameHost(url, repoURL) ? {} : { username: undefined, password: undefined };
  const data = await httpGet(url, { ...opts.http, ...creds });
  if (expected) {
    const got = archiveDigest(data);
    if (got !== expected) {
      throw new RepoError(`digest mismatch for ${url}: the index says sha256:${expected} but the download is sha256:${got}`, {
        hint: 'the archive on the server does not match the repository index; run "skiff repo update" or ask the repository owner to re-index',
      });
    }
  }
  await assertChartArchive(data, url);
  if (cached) await writeFileAtomic(cached, data);
  return { data, url };
}

/** Picks a version from `index` (Helm's Get semantics) and downloads it with digest verification. */
export async function fetchChart(repoURL: string, index: IndexFile, name: string, get: GetOptions, opts: DownloadOptions, label: string): Promise<{ data: Buffer; url: string; version: ChartVersion }> {
  const cv = findChartVersion(index, name, get, label);
  const { data, url } = await downloadChartVersion(repoURL, cv, opts);
  return { data, url, version: cv };
}
