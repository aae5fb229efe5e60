// Pulling a chart from an OCI registry: resolve the version (exact tag, a
// range over the tag list, or a digest), fetch and check the manifest,
// then the config and chart layers (and .prov), each verified against its
// digest and size bound and cached by digest.
import { RepoError } from '../errors.js';
import type { ChartMetadata } from '../chart/types.js';
import { ociCacheDir, readCachedBlob, writeCachedBlob } from './cache.js';
import { lookupCredential, type CredentialFiles } from './credentials.js';
import { selectChartManifest } from './image-index.js';
import { chartManifest, parseManifest, type Descriptor } from './manifest.js';
import { MAX_CONFIG_BYTES, MAX_LAYER_BYTES } from './media.js';
import { chartNameOf, formatOciRef, isExactVersion, parseOciRef, tagToVersion, versionToTag, type OciReference } from './reference.js';
import { RegistryClient, type RegistryClientOptions } from './registry-client.js';

/** Options of an OCI pull: connection, version choice, cache and credential files. */
export interface OciPullOptions extends RegistryClientOptions {
  /** Exact version or range (Helm's --version). */
  readonly version?: string;
  /** Allow pre-releases when no version is given. */
  readonly devel?: boolean;
  /** Also fetch the provenance layer, when the manifest has one. */
  readonly withProv?: boolean;
  /** The skiff home of the cache (default ~/.skiff; the CLI passes $SKIFF_HOME by resolveSkiffHome). */
  readonly home?: string;
  readonly credentialFiles?: CredentialFiles;
  /** Receives warnings (a legacy chart layer). */
  readonly warn?: (message: string) => void;
}

/** A pulled chart. */
export interface PulledChart {
  readonly data: Buffer;
  readonly prov?: Buffer;
  /** host/repository:tag (or @digest), as Helm prints after "Pulled:". */
  readonly ref: string;
  /** The manifest digest. */
  readonly digest: string;
  readonly name: string;
  readonly version: string;
  readonly metadata: ChartMetadata;
}

/**
 * The version of chart `name` in `oci://host/ns` that `constraint` selects:
 * an exact version as given, else the highest strict-SemVer tag matching it
 * (Helm's dependency resolver). Throws RepoError naming the nearest versions.
 */
export async function resolveOciVersion(repository: string, name: string, constraint: string | undefined, opts: OciPullOptions = {}): Promise<string> {
  const r = parseOciRef(`${repository.replace(/\/+$/, '')}/${name}`);
  if (isExactVersion(constraint)) return constraint.trim();
  const what = `oci://${formatOciRef(r)}`;
  const client = registryClientFor(r.registry, opts);
  try {
    const tags = await client.listTags(r.repository, what);
    const { chartVersionsFromTags, pickVersion } = await import('./versions.js');
    return pickVersion(chartVersionsFromTags(tags), constraint, opts.devel === true, what);
  } finally {
    await client.close();
  }
}

/** A RegistryClient for `registry` that finds credentials from `registry login` when none are given. */
export function registryClientFor(registry: string, opts: RegistryClientOptions & { credentialFiles?: CredentialFiles }): RegistryClient {
  return new RegistryClient(registry, { credentials: (host) => lookupCredential(host, opts.credentialFiles), ...opts });
}

async function blob(client: RegistryClient, cacheDir: string, repository: string, d: Descriptor, max: number, what: string): Promise<Buffer> {
  if (d.size > max) throw new RepoError(`${what}: layer ${d.digest} of ${d.size} bytes is larger than the limit of ${max}`, { hint: 'nothing was written' });
  const cached = await readCachedBlob(cacheDir, d.digest);
  if (cached) return cached;
  const data = await client.getBlob(repository, d.digest, max, what);
  if (data.length !== d.size) throw new RepoError(`${what}: blob ${d.digest} is ${data.length} bytes but the manifest says ${d.size}`);
  await writeCachedBlob(cacheDir, data, d.digest);
  return data;
}

async function resolveTag(client: RegistryClient, r: OciReference, opts: OciPullOptions, what: string): Promise<string> {
  if (r.tag) {
    if (opts.version && tagToVersion(r.tag) !== opts.version && r.tag !== opts.version) {
      throw new RepoError(`chart reference and version mismatch: ${tagToVersion(r.tag)} is not ${opts.version}`);
    }
    return r.tag;
  }
  if (isExactVersion(opts.version)) return versionToTag(opts.version.trim());
  const tags = await client.listTags(r.repository, what);
  const { chartVersionsFromTags, pickVersion } = await import('./versions.js');
  return versionToTag(pickVersion(chartVersionsFromTags(tags), opts.version, opts.devel === true, what));
}

/**
 * Pulls the chart `ref` names (`oci://host/repo[:tag][@digest]`). Without a
 * tag the version comes from --version (exact, or a range resolved over the
 * tag list as Helm does); with a digest the manifest must match it (and
 * with --version too, the tag must resolve to that digest). Throws RepoError
 * for a missing tag (listing the nearest versions), an artefact that is not
 * a chart, a digest mismatch, a size bound, or an auth/network failure.
 * Nothing is written except verified blobs to the cache.
 */
export async function pullOciChart(ref: string, opts: OciPullOptions = {}): Promise<PulledChart> {
  const r = parseOciRef(ref);
  const what = `oci://${formatOciRef(r)}`;
  const cacheDir = ociCacheDir(opts.home);
  const client = registryClientFor(r.registry, opts);
  try {
    let manifestData: Buffer | undefined;
    let digest: string;
    let tag: string | undefined;
    if (r.digest) {
      digest = r.digest;
      if (opts.version || r.tag) {
        tag = await resolveTag(client, r, opts, what);
        const m = await client.getManifest(r.repository, tag, `${what} (tag ${tag})`);
        if (!m) throw await missingTag(client, r, tag, what);
        if (m.digest !== r.digest) throw new RepoError(`digest mismatch for ${what}: tag ${tag} is ${m.digest}, not ${r.digest}`);
        manifestData = m.data;
      } else {
        manifestData = await readCachedBlob(cacheDir, digest);
        if (!manifestData) {
          const m = await client.getManifest(r.repository, digest, what);
          if (!m) throw new RepoError(`${what}: manifest not found`);
          manifestData = m.data;
        }
      }
    } else {
      tag = await resolveTag(client, r, opts, what);
      const m = await client.getManifest(r.repository, tag, what);
      if (!m) throw await missingTag(client, r, tag, what);
      manifestData = m.data;
      digest = m.digest;
    }
    // A tag or digest may name an image index: the chart is the one manifest below it that is a chart.
    const selected = await selectChartManifest(manifestData, digest, what, (d) => manifestByDigest(client, cacheDir, r.repository, d, what));
    const cm = chartManifest(parseManifest(selected.data, what), what);
    if (cm.legacy) opts.warn?.(`${what} uses the legacy chart layer media type application/tar+gzip; push it again with a current Helm or skiff`);
    // The blobs side by side (the token is already there from the manifest request).
    const [configData, data, prov] = await Promise.all([
      blob(client, cacheDir, r.repository, cm.config, MAX_CONFIG_BYTES, what),
      blob(client, cacheDir, r.repository, cm.chart, MAX_LAYER_BYTES, what),
      cm.prov && opts.withProv ? blob(client, cacheDir, r.repository, cm.prov, MAX_LAYER_BYTES, what) : undefined,
    ]);
    const metadata = parseConfig(configData, what);
    await writeCachedBlob(cacheDir, manifestData);
    const printed = formatOciRef({ registry: r.registry, repository: r.repository, ...(tag ? { tag } : { digest }) });
    return { data, ...(prov ? { prov } : {}), ref: printed, digest, name: metadata.name || chartNameOf(r), version: metadata.version, metadata };
  } finally {
    await client.close();
  }
}

/** A manifest an image index lists, from the cache or the registry (checked against its digest), cached. */
async function manifestByDigest(client: RegistryClient, cacheDir: string, repository: string, digest: string, what: string): Promise<Buffer> {
  const cached = await readCachedBlob(cacheDir, digest);
  if (cached) return cached;
  const m = await client.getManifest(repository, digest, `${what} (manifest ${digest})`);
  if (!m) throw new RepoError(`${what}: manifest ${digest} listed by the image index is missing from ${client.registry}/${repository}`);
  await writeCachedBlob(cacheDir, m.data);
  return m.data;
}

function parseConfig(data: Buffer, what: string): ChartMetadata {
  let j: unknown;
  try {
    j = JSON.parse(data.toString('utf8'));
  } catch {
    throw new RepoError(`${what}: the chart config is not valid JSON`);
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) throw new RepoError(`${what}: the chart config is not a JSON object`);
  const m = j as Partial<ChartMetadata>;
  if (typeof m.name !== 'string' || typeof m.version !== 'string') throw new RepoError(`${what}: the chart config lacks name or version`);
  return m as ChartMetadata;
}

/** The error for a tag the registry does not have, naming the nearest chart versions it does have. */
async function missingTag(client: RegistryClient, r: OciReference, tag: string, what: string): Promise<RepoError> {
  const tags = await client.listTags(r.repository, what).catch(() => [] as string[]);
  const { chartVersionsFromTags, nearest } = await import('./versions.js');
  const versions = chartVersionsFromTags(tags);
  const wanted = tagToVersion(tag);
  if (versions.length === 0) return new RepoError(`${what}: not found: ${r.registry}/${r.repository}:${tag} (the repository has no chart versions)`);
  return new RepoError(`${what}: not found: ${r.registry}/${r.repository}:${tag}; nearest versions: ${nearest(versions, wanted).join(', ')}`);
}
