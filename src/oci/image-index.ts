// Charts referenced through an image index (OCI index or Docker manifest
// list). Helm 4 pulls such a reference by walking the index and keeping the
// Helm config and chart layers of the manifests below it; Helm 3.17 fails on
// it. skiff walks it the same way but picks deliberately: the one manifest
// below the index that is a Helm chart is used (the digest reported stays
// the index's, as Helm prints it); none, or several different charts, is an
// error naming what the index holds.
import { RepoError } from '../errors.js';
import { DOCKER_MANIFEST_LIST_MEDIA_TYPE, DOCKER_MANIFEST_MEDIA_TYPE, HELM_CONFIG_MEDIA_TYPE, isDigest, MAX_MANIFEST_BYTES, OCI_INDEX_MEDIA_TYPE, OCI_MANIFEST_MEDIA_TYPE } from './media.js';

/** One entry of an image index. */
interface IndexEntry {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
}

/** How many manifests below one reference are looked at, at most. */
const MAX_ENTRIES = 64;
/** How deep nested indexes are followed. */
const MAX_DEPTH = 3;

/** The entries of DATA when it is an image index; undefined for anything else (left to the manifest parser). */
function indexEntries(data: Buffer, where: string): IndexEntry[] | undefined {
  let j: { mediaType?: unknown; manifests?: unknown; config?: unknown };
  try {
    j = JSON.parse(data.toString('utf8')) as typeof j;
  } catch {
    return undefined;
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) return undefined;
  const isIndex = j.mediaType === OCI_INDEX_MEDIA_TYPE || j.mediaType === DOCKER_MANIFEST_LIST_MEDIA_TYPE || (j.config === undefined && Array.isArray(j.manifests));
  if (!isIndex) return undefined;
  if (!Array.isArray(j.manifests)) throw new RepoError(`${where}: the image index has no manifests list`);
  return j.manifests.map((m: unknown, i) => {
    const e = m as Partial<IndexEntry> | null;
    if (!e || typeof e !== 'object' || typeof e.mediaType !== 'string' || typeof e.digest !== 'string' || !isDigest(e.digest) || typeof e.size !== 'number') {
      throw new RepoError(`${where}: manifests[${i}] of the image index needs mediaType, a sha256 digest and size`);
    }
    return e as IndexEntry;
  });
}

const describe = (e: IndexEntry): string => {
  const p = e.platform;
  if (p?.os || p?.architecture) return `a container image for ${[p.os, p.architecture, p.variant].filter(Boolean).join('/')}`;
  return e.artifactType ? `an artefact of type ${e.artifactType}` : `a ${e.mediaType}`;
};

/** A manifest found below an index, with its bytes (fetched and digest-checked by the caller). */
export interface SelectedManifest {
  readonly data: Buffer;
  readonly digest: string;
}

/**
 * The chart manifest REF names: DATA itself when it is a manifest, else the
 * one manifest below the image index DATA whose config is Helm's (nested
 * indexes followed; entries whose artifactType says they are something else
 * are not fetched). FETCH returns a child manifest by digest. Throws
 * RepoError when the index holds no chart, or several different ones
 * (listing their digests so the user can pick one by digest).
 */
export async function selectChartManifest(data: Buffer, digest: string, where: string, fetch: (digest: string) => Promise<Buffer>): Promise<SelectedManifest> {
  const top = indexEntries(data, where);
  if (!top) return { data, digest };
  const charts = new Map<string, SelectedManifest>();
  const others: string[] = [];
  let seen = 0;
  const walk = async (entries: readonly IndexEntry[], depth: number): Promise<void> => {
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) throw new RepoError(`${where}: the image index lists more than ${MAX_ENTRIES} manifests`);
      if (e.size > MAX_MANIFEST_BYTES) throw new RepoError(`${where}: manifest ${e.digest} of ${e.size} bytes is larger than the limit of ${MAX_MANIFEST_BYTES}`);
      const nested = e.mediaType === OCI_INDEX_MEDIA_TYPE || e.mediaType === DOCKER_MANIFEST_LIST_MEDIA_TYPE;
      const manifest = e.mediaType === OCI_MANIFEST_MEDIA_TYPE || e.mediaType === DOCKER_MANIFEST_MEDIA_TYPE;
      if ((!nested && !manifest) || (e.artifactType && e.artifactType !== HELM_CONFIG_MEDIA_TYPE)) {
        others.push(describe(e));
        continue;
      }
      const child = await fetch(e.digest);
      if (nested) {
        if (depth >= MAX_DEPTH) throw new RepoError(`${where}: image indexes nested more than ${MAX_DEPTH} deep`);
        await walk(indexEntries(child, `${where} (index ${e.digest})`) ?? [], depth + 1);
        continue;
      }
      let config: unknown;
      try {
        config = (JSON.parse(child.toString('utf8')) as { config?: { mediaType?: unknown } }).config?.mediaType;
      } catch {
        throw new RepoError(`${where}: manifest ${e.digest} of the image index is not valid JSON`);
      }
      if (config === HELM_CONFIG_MEDIA_TYPE) charts.set(e.digest, { data: child, digest: e.digest });
      else others.push(describe(e));
    }
  };
  await walk(top, 1);
  if (charts.size === 1) return [...charts.values()][0]!;
  const held = others.length > 0 ? ` (it holds ${[...new Set(others)].join(', ')})` : '';
  if (charts.size === 0) {
    throw new RepoError(`${where} is an image index with no Helm chart among its ${seen} manifest${seen === 1 ? '' : 's'}${held}`, {
      hint: 'check the reference: charts and images often live side by side in one registry',
    });
  }
  const base = where.replace(/[:@][^/]*$/, '');
  throw new RepoError(`${where} is an image index with ${charts.size} different Helm charts; pick one by digest: ${[...charts.keys()].map((d) => `${base}@${d}`).join(', ')}`);
}
