// repo add, list, remove and update: repositories.yaml and the index cache
// under SKIFF_HOME, with Helm's rules.
import { RepoError } from '../errors.js';
import { repoPaths } from '../repo/home.js';
import { loadRepoFile, saveRepoFile, type RepoEntry } from '../repo/repositories.js';
import { removeRepoCache, updateRepo } from '../repo/client.js';
import { fetchIndex, httpOptionsFor, writeRepoCache } from '../repo/client.js';
import type { RepoCredentials } from '../repo/http.js';
import type { SkippedEntry } from '../repo/index-entry.js';

export interface RepoAddOptions extends RepoCredentials {
  readonly name: string;
  readonly url: string;
  readonly passCredentials?: boolean;
  /** Replace an existing entry of the same name with a different configuration. */
  readonly forceUpdate?: boolean;
  readonly timeoutMs?: number;
  readonly home?: string;
}

/**
 * Adds a repository: fetches and validates its index first (nothing is written
 * when that fails), caches it, then saves repositories.yaml. Returns
 * "unchanged" when the same name is already configured identically. Throws
 * RepoError for a name in use with another configuration (unless forceUpdate),
 * a name containing "/", or a URL that is not a chart repository.
 */
export async function repoAdd(opts: RepoAddOptions): Promise<{ status: 'added' | 'unchanged'; skipped?: readonly SkippedEntry[] }> {
  if (opts.name.includes('/')) throw new RepoError(`repository name (${opts.name}) contains '/', please specify a different name without '/'`);
  if (!/^https?:\/\//.test(opts.url)) {
    throw new RepoError(`could not add repository "${opts.name}": "${opts.url}" is not an http(s) URL`, { hint: opts.url.startsWith('oci://') ? 'OCI registries are not supported' : undefined });
  }
  const paths = repoPaths(opts.home);
  const rf = await loadRepoFile(paths.repositoriesFile);
  const entry: RepoEntry = { name: opts.name, url: opts.url.replace(/\/+$/, '') };
  if (opts.username) entry.username = opts.username;
  if (opts.password) entry.password = opts.password;
  if (opts.caFile) entry.caFile = opts.caFile;
  if (opts.certFile) entry.certFile = opts.certFile;
  if (opts.keyFile) entry.keyFile = opts.keyFile;
  if (opts.insecureSkipTlsVerify) entry.insecure_skip_tls_verify = true;
  if (opts.passCredentials) entry.pass_credentials_all = true;
  const existing = rf.repositories.find((r) => r.name === opts.name);
  if (existing && !opts.forceUpdate) {
    if (JSON.stringify(existing) === JSON.stringify(entry)) return { status: 'unchanged' };
    throw new RepoError(`repository name (${opts.name}) already exists, please specify a different name`, { hint: 'use --force-update to replace it' });
  }
  const { index, text } = await fetchIndex(entry.url, httpOptionsFor(entry, { timeoutMs: opts.timeoutMs }));
  await writeRepoCache(paths, entry.name, index, text);
  rf.repositories = existing ? rf.repositories.map((r) => (r.name === opts.name ? entry : r)) : [...rf.repositories, entry];
  await saveRepoFile(paths.repositoriesFile, rf);
  return { status: 'added', skipped: index.skipped };
}

/** The configured repositories (name and URL). */
export async function repoList(opts: { home?: string } = {}): Promise<{ name: string; url: string }[]> {
  const rf = await loadRepoFile(repoPaths(opts.home).repositoriesFile);
  return rf.repositories.map((r) => ({ name: r.name, url: r.url }));
}

/** Removes repositories and their caches. Throws RepoError (nothing removed) when any name is unknown. */
export async function repoRemove(names: readonly string[], opts: { home?: string } = {}): Promise<string[]> {
  const paths = repoPaths(opts.home);
  const rf = await loadRepoFile(paths.repositoriesFile);
  if (rf.repositories.length === 0) throw new RepoError('no repositories configured');
  for (const n of names) if (!rf.repositories.some((r) => r.name === n)) throw new RepoError(`no repo named "${n}" found`);
  rf.repositories = rf.repositories.filter((r) => !names.includes(r.name));
  await saveRepoFile(paths.repositoriesFile, rf);
  for (const n of names) await removeRepoCache(paths, n);
  return [...names];
}

/** The outcome of updating one repository. */
export interface RepoUpdateResult {
  readonly name: string;
  readonly url: string;
  readonly ok: boolean;
  readonly error?: string;
  /** Index entries left out as invalid. */
  readonly skipped?: readonly SkippedEntry[];
}

/**
 * Refreshes the cached index of the named repositories (all when none are
 * named), in parallel. Throws RepoError when no repositories exist or a
 * named one is unknown; per-repository failures are reported in the results.
 */
export async function repoUpdate(names: readonly string[] = [], opts: { home?: string; timeoutMs?: number } = {}): Promise<RepoUpdateResult[]> {
  const paths = repoPaths(opts.home);
  const rf = await loadRepoFile(paths.repositoriesFile);
  if (rf.repositories.length === 0) throw new RepoError('no repositories found. You must add one before updating', { hint: 'skiff repo add NAME URL' });
  const unknown = names.filter((n) => !rf.repositories.some((r) => r.name === n));
  if (unknown.length) throw new RepoError(`no repositories found matching '${unknown.join(', ')}'. Nothing will be updated`);
  const chosen = names.length ? rf.repositories.filter((r) => names.includes(r.name)) : rf.repositories;
  return Promise.all(
    chosen.map(async (r): Promise<RepoUpdateResult> => {
      try {
        const index = await updateRepo(paths, r, { timeoutMs: opts.timeoutMs });
        return { name: r.name, url: r.url, ok: true, skipped: index.skipped };
      } catch (err) {
        return { name: r.name, url: r.url, ok: false, error: (err as Error).message };
      }
    }),
  );
}
