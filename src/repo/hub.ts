// `search hub`: finding charts on Artifact Hub (or any hub with a
// Monocular-compatible search API). Helm asks the Monocular-compatible
// endpoint, GET ENDPOINT/api/chartsvc/v1/charts/search?q=KEYWORD, which
// Artifact Hub serves for backwards compatibility; skiff asks it first too,
// and when a hub answers 404 there, asks Artifact Hub's own search API
// (GET ENDPOINT/api/v1/packages/search?ts_query_web=KEYWORD&kind=0).
import { RepoError } from '../errors.js';
import { httpRequest, type HttpOptions } from './http.js';

/** One result, in Helm's `search hub` output shape. */
export interface HubResult {
  /** The chart's page on the hub. */
  readonly url: string;
  readonly version: string;
  readonly app_version: string;
  readonly description: string;
  /** The repository to install from: an http(s) chart repository or an oci:// registry namespace. */
  readonly repository: { readonly url: string; readonly name: string };
}

/** Helm's default endpoint (it redirects to Artifact Hub). */
export const DEFAULT_HUB = 'https://hub.helm.sh';

const MONOCULAR_SEARCH = 'api/chartsvc/v1/charts/search';
const ARTIFACT_HUB_SEARCH = 'api/v1/packages/search';
/** Artifact Hub's largest page. */
const PAGE = 60;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function endpointURL(endpoint: string, path: string, query: Record<string, string>): string {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    throw new RepoError(`unable to create connection to "${endpoint}": not a URL`, { exitCode: 2 });
  }
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/${path}`;
  u.search = new URLSearchParams(query).toString();
  return u.toString();
}

function parseBody(body: Buffer, url: string): Record<string, unknown> {
  try {
    return obj(JSON.parse(body.toString('utf8')));
  } catch (err) {
    throw new RepoError(`unable to perform search against ${url}: the response is not JSON (${(err as Error).message})`);
  }
}

/** Monocular's `data[]`: attributes.{description,repo}, relationships.latestChartVersion.data.{version,app_version}, artifactHub.packageUrl. */
function fromMonocular(doc: Record<string, unknown>, endpoint: string): HubResult[] {
  const data = Array.isArray(doc.data) ? doc.data : [];
  return data.map((item): HubResult => {
    const r = obj(item);
    const attrs = obj(r.attributes);
    const repo = obj(attrs.repo);
    const latest = obj(obj(obj(r.relationships).latestChartVersion).data);
    const pkg = str(obj(r.artifactHub).packageUrl);
    return {
      url: pkg || `${endpoint}/charts/${str(r.id)}`,
      version: str(latest.version),
      app_version: str(latest.app_version),
      description: str(attrs.description),
      repository: { url: str(repo.url), name: str(repo.name) },
    };
  });
}

/** Artifact Hub's `packages[]`: name, version, app_version, description, repository.{name,url}. */
function fromArtifactHub(doc: Record<string, unknown>, endpoint: string): HubResult[] {
  const packages = Array.isArray(doc.packages) ? doc.packages : [];
  return packages.map((item): HubResult => {
    const p = obj(item);
    const repo = obj(p.repository);
    return {
      url: `${endpoint.replace(/\/+$/, '')}/packages/helm/${encodeURIComponent(str(repo.name))}/${encodeURIComponent(str(p.name))}`,
      version: str(p.version),
      app_version: str(p.app_version),
      description: str(p.description),
      repository: { url: str(repo.url), name: str(repo.name) },
    };
  });
}

/**
 * Searches the hub at `endpoint` for `keyword` and returns the charts found,
 * in the hub's order. Throws RepoError naming the endpoint when it cannot be
 * reached, answers an error status, or sends something that is not a search
 * response.
 */
export async function searchHub(endpoint: string, keyword: string, http: HttpOptions = {}): Promise<HubResult[]> {
  const monocular = endpointURL(endpoint, MONOCULAR_SEARCH, { q: keyword });
  const fail = (url: string, status: number) => new RepoError(`unable to perform search against "${endpoint}": ${url} answered ${status}`);
  let res = await httpRequest('GET', monocular, { maxBytes: 32 * 1024 * 1024, ...http });
  if (res.status === 200) return fromMonocular(parseBody(res.body, monocular), endpoint);
  if (res.status !== 404) throw fail(monocular, res.status);
  const native = endpointURL(endpoint, ARTIFACT_HUB_SEARCH, { ts_query_web: keyword, kind: '0', facets: 'false', limit: String(PAGE), offset: '0' });
  res = await httpRequest('GET', native, { maxBytes: 32 * 1024 * 1024, ...http });
  if (res.status !== 200) throw fail(native, res.status);
  return fromArtifactHub(parseBody(res.body, native), endpoint);
}
