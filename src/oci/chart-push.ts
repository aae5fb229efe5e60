// Pushing a chart archive (and its .prov) to an OCI registry as Helm does:
// strict naming REPO/NAME:VERSION with `+` -> `_`, config, layers, then the
// manifest; blobs the registry already has are not uploaded again.
import type { ChartMetadata } from '../chart/types.js';
import { RepoError } from '../errors.js';
import type { CredentialFiles } from './credentials.js';
import { buildChartArtifact } from './manifest.js';
import { checkRepository, formatOciRef, parseOciRef, versionToTag } from './reference.js';
import type { RegistryClientOptions } from './registry-client.js';
import { registryClientFor } from './chart-pull.js';

/** Options of an OCI push. */
export interface OciPushOptions extends RegistryClientOptions {
  readonly credentialFiles?: CredentialFiles;
  /** Fixed creation time for the manifest annotation (reproducible pushes). */
  readonly created?: Date;
  /** A repository in the same registry that may already hold the blobs (cross-repository mount). */
  readonly mountFrom?: string;
}

/** What a push did. */
export interface OciPushResult {
  /** host/ns/name:tag */
  readonly ref: string;
  readonly digest: string;
  readonly name: string;
  readonly version: string;
  readonly tag: string;
}

/**
 * Pushes chart archive `chart` (metadata `meta`, optional `prov`) to
 * `remote` = `oci://host/ns`, as `host/ns/NAME:VERSION` (`+` becomes `_`).
 * Throws RepoError when the remote already names a tag or digest (Helm
 * appends name and version itself), or the registry refuses.
 */
export async function pushOciChart(remote: string, meta: ChartMetadata, chart: Buffer, prov: Buffer | undefined, opts: OciPushOptions = {}): Promise<OciPushResult> {
  const base = parseOciRef(remote.replace(/\/+$/, '') + '/' + meta.name);
  if (base.tag || base.digest) throw new RepoError(`${remote}: give the registry namespace only (oci://HOST/NAMESPACE); the chart name and version are added from Chart.yaml`);
  checkRepository(base.repository, remote);
  const tag = versionToTag(meta.version);
  const ref = formatOciRef({ ...base, tag });
  const what = `push ${ref}`;
  const art = buildChartArtifact(meta, chart, prov, opts.created);
  const client = registryClientFor(base.registry, opts);
  try {
    const mount = opts.mountFrom;
    const blobs = [art.config, art.chart, ...(art.prov ? [art.prov] : [])];
    // Side by side, as Helm uploads them: one token serves all (the transport shares a token fetch in flight).
    await Promise.all(blobs.map((b) => client.pushBlob(base.repository, b.data, what, mount, b.descriptor.digest)));
    const digest = await client.putManifest(base.repository, tag, art.manifest, what);
    return { ref, digest, name: meta.name, version: meta.version, tag };
  } finally {
    await client.close();
  }
}
