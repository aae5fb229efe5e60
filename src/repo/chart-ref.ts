// Resolving what a user typed as CHART to archive bytes: REPO/CHART from a
// configured repository's cached index, CHART with --repo URL, or an archive URL.
import { basename } from 'node:path';
import { ProvenanceError, RepoError } from '../errors.js';
import type { DownloadOptions } from './client.js';
import type { HttpOptions } from './http.js';
import type { RepoCredentials } from './http-common.js';
import { repoPaths } from './home.js';
import type { RepoEntry } from './repositories.js';
import type { Verification } from './provenance.js';
import type { CredentialFiles } from '../oci/credential-files.js';

// The HTTP client (undici), the index code and OpenPGP are loaded only by the paths that use them: an oci:// pull needs none.
const classic = () =>
  Promise.all([import('./client.js'), import('./http.js'), import('./repositories.js')]).then(([client, http, repos]) => ({ ...client, httpGet: http.httpGet, getRepo: repos.getRepo, loadRepoFile: repos.loadRepoFile, flagCredentials: repos.flagCredentials }));

/** Options for resolving a chart reference (Helm's CHART flag group). */
export interface ChartRefOptions extends RepoCredentials {
  readonly version?: string;
  readonly repo?: string;
  readonly devel?: boolean;
  readonly passCredentials?: boolean;
  /** The skiff home (default ~/.skiff; the CLI passes $SKIFF_HOME by resolveSkiffHome). */
  readonly home?: string;
  readonly onProgress?: HttpOptions['onProgress'];
  /** Verify the chart's provenance (.prov) against `keyring` before it is returned. */
  readonly verify?: boolean;
  /** Keyring of trusted public keys for `verify` (default: Helm's ~/.gnupg/pubring.gpg). */
  readonly keyring?: string;
  /** oci:// only: talk to the registry over plain HTTP (Helm's --plain-http). */
  readonly plainHttp?: boolean;
  /** oci:// only: also fetch the provenance layer, when there is one. */
  readonly withProv?: boolean;
  /** Receives warnings (e.g. a legacy OCI chart layer). */
  readonly warn?: (message: string) => void;
  /** oci:// only: where stored registry logins are read (default: Helm's and Docker's paths under the home directory). */
  readonly credentialFiles?: CredentialFiles;
}

/** A downloaded chart archive. */
export interface FetchedChart {
  readonly data: Buffer;
  readonly url: string;
  /** File name to save it under (NAME-VERSION.tgz). */
  readonly fileName: string;
  readonly name?: string;
  readonly version?: string;
  /** Fetches the chart's provenance file from where the archive came from. */
  readonly provenance?: () => Promise<Buffer>;
  /** Set when the fetch was asked to verify and the provenance checked out. */
  readonly verification?: Verification;
  /** oci:// only: the manifest digest. */
  readonly digest?: string;
  /** oci:// only: the provenance file, when asked for with withProv. */
  readonly prov?: Buffer;
}

/** Whether `ref` names a repository chart or URL rather than a local path. */
export function isRemoteRef(ref: string, opts: { repo?: string } = {}): boolean {
  if (opts.repo) return true;
  if (/^(https?|oci):\/\//.test(ref)) return true;
  if (ref.startsWith('.') || ref.startsWith('/') || ref.endsWith('.tgz') || ref.endsWith('.tar.gz')) return false;
  return /^[^/]+\/[^/]+$/.test(ref);
}

/**
 * Downloads the chart `ref` names: with `repo`, chart NAME from that
 * repository URL (index fetched now); an http(s) URL of an archive; or
 * REPO/NAME from the cached index of a configured repository. Versions
 * follow Helm's rules (exact match, else newest satisfying the constraint,
 * stable only unless devel). Throws RepoError for an unknown repository, no
 * matching version (listing those that exist), or a digest mismatch.
 */
export async function fetchChartRef(ref: string, opts: ChartRefOptions = {}): Promise<FetchedChart> {
  const fetched = await downloadChartRef(ref, opts);
  if (!opts.verify) return fetched;
  if (!fetched.provenance) throw new ProvenanceError(`${fetched.url} has no provenance file to verify`);
  const provenance = await fetched.provenance().catch((err: Error) => {
    throw new ProvenanceError(`failed to fetch provenance for ${fetched.url}: ${err.message}`, { cause: err, hint: 'the chart is not signed, or its .prov is not published next to it' });
  });
  const { verifyProvenance } = await import('./provenance.js');
  const verification = await verifyProvenance({ archive: fetched.data, provenance, fileName: fetched.fileName, keyring: opts.keyring, provenanceSource: `the provenance of ${fetched.url}` });
  return { ...fetched, verification };
}

/** Fetches ARCHIVE-URL.prov; the repository's credentials go along only to its own host (as for the archive). */
function provenanceGetter(url: string, repoURL: string, http: HttpOptions, passCredentials?: boolean): () => Promise<Buffer> {
  const host = (u: string) => URL.canParse(u) ? new URL(u).host : '';
  const creds = passCredentials || host(url) === host(repoURL) ? {} : { username: undefined, password: undefined };
  return async () => (await classic()).httpGet(`${url}.prov`, { ...http, ...creds, onProgress: undefined });
}

async function downloadChartRef(ref: string, opts: ChartRefOptions): Promise<FetchedChart> {
  const paths = repoPaths(opts.home);
  const get = { version: opts.version, devel: opts.devel };
  if (ref.startsWith('oci://') || opts.repo?.startsWith('oci://')) {
    const { pullOciChart } = await import('../oci/chart-pull.js');
    const full = opts.repo ? `${opts.repo.replace(/\/+$/, '')}/${ref}` : ref;
    const p = await pullOciChart(full, { ...opts, withProv: opts.withProv || opts.verify });
    const prov = p.prov;
    return { data: p.data, url: `oci://${p.ref}`, fileName: `${p.name}-${p.version}.tgz`, name: p.name, version: p.version, digest: p.digest, ...(prov ? { prov, provenance: async () => prov } : {}) };
  }
  const { fetchChart, fetchIndex, httpOptionsFor, loadCachedIndex, httpGet, getRepo, loadRepoFile, flagCredentials } = await classic();
  if (opts.repo) {
    const rf = await loadRepoFile(paths.repositoriesFile);
    const known = rf.repositories.find((r) => r.url.replace(/\/+$/, '') === opts.repo!.replace(/\/+$/, ''));
    const entry: Partial<RepoEntry> = { ...(known ?? {}), ...flagCredentials(opts) };
    const http = httpOptionsFor(entry, { onProgress: opts.onProgress });
    const { index } = await fetchIndex(opts.repo, httpOptionsFor(entry));
    const dl: DownloadOptions = { http, passCredentials: opts.passCredentials || known?.pass_credentials_all, cacheDir: paths.chartCacheDir };
    const r = await fetchChart(opts.repo, index, ref, get, dl, opts.repo);
    return { data: r.data, url: r.url, fileName: `${r.version.name}-${r.version.version}.tgz`, name: r.version.name, version: r.version.version, provenance: provenanceGetter(r.url, opts.repo, http, dl.passCredentials) };
  }
  if (/^https?:\/\//.test(ref)) {
    const http = httpOptionsFor(flagCredentials(opts), { onProgress: opts.onProgress });
    const data = await httpGet(ref, http);
    const file = basename(new URL(ref).pathname) || 'chart.tgz';
    return { data, url: ref, fileName: file, provenance: () => httpGet(`${ref}.prov`, http) };
  }
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) {
    throw new RepoError(`chart "${ref}" not found: give a path, REPO/CHART, an archive URL, or a chart name with --repo URL`);
  }
  const repoName = ref.slice(0, slash);
  const name = ref.slice(slash + 1);
  const rf = await loadRepoFile(paths.repositoriesFile);
  const entry = { ...getRepo(rf, repoName), ...flagCredentials(opts) };
  const index = await loadCachedIndex(paths, repoName);
  const dl: DownloadOptions = { http: httpOptionsFor(entry, { onProgress: opts.onProgress }), passCredentials: opts.passCredentials || entry.pass_credentials_all, cacheDir: paths.chartCacheDir };
  const r = await fetchChart(entry.url, index, name, get, dl, `repository "${repoName}"`);
  return { data: r.data, url: r.url, fileName: `${r.version.name}-${r.version.version}.tgz`, name: r.version.name, version: r.version.version, provenance: provenanceGetter(r.url, entry.url, dl.http, dl.passCredentials) };
}
