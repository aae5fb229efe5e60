// The OCI artefact format Helm uses for charts (helm/helm pkg/registry
// constants.go), and content digests: one definition for the registry
// client and for `skiff repo serve`.
import { createHash } from 'node:crypto';
import { RepoError } from '../errors.js';

/** Media type of the config blob: Chart.yaml as JSON. */
export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
/** Media type of the chart archive layer. */
export const HELM_CHART_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** Media type of the optional provenance (.prov) layer. */
export const HELM_PROV_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.provenance.v1.prov';
/** Chart layer media type of charts pushed by Helm before 3.7; accepted on pull with a warning. */
export const LEGACY_CHART_LAYER_MEDIA_TYPE = 'application/tar+gzip';

/** The manifest media type Helm pushes with. */
export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** An OCI image index (multi-artefact); Helm 4 pulls charts through one. */
export const OCI_INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
/** Docker's schema 2 manifest, which some registries answer with. */
export const DOCKER_MANIFEST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
/** Docker's manifest list. */
export const DOCKER_MANIFEST_LIST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** The Accept header for manifest requests: the kinds skiff can read. */
export const MANIFEST_ACCEPT = [OCI_MANIFEST_MEDIA_TYPE, DOCKER_MANIFEST_MEDIA_TYPE, OCI_INDEX_MEDIA_TYPE, DOCKER_MANIFEST_LIST_MEDIA_TYPE].join(', ');

/** Container image config media types: an image is not a chart, and the error says so. */
export const IMAGE_CONFIG_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);

/** The `org.opencontainers.image.*` annotation keys Helm writes. */
export const ANNOTATION = {
  description: 'org.opencontainers.image.description',
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  url: 'org.opencontainers.image.url',
  created: 'org.opencontainers.image.created',
  source: 'org.opencontainers.image.source',
  authors: 'org.opencontainers.image.authors',
} as const;

/** Largest manifest skiff reads or accepts (the distribution spec suggests servers accept at least 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Largest config blob (Chart.yaml as JSON). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** Largest chart or provenance layer skiff downloads. */
export const MAX_LAYER_BYTES = 200 * 1024 * 1024;

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The `sha256:<hex>` digest of `data`. */
export function sha256Digest(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

/** Whether `d` is a well-formed sha256 digest (the only algorithm skiff accepts). */
export function isDigest(d: string): boolean {
  return DIGEST.test(d);
}

/**
 * Checks that `data` has digest `expected`; throws RepoError naming `what`
 * and both digests when it does not (a corrupted or tampered download).
 */
export function verifyDigest(data: Buffer, expected: string, what: string): void {
  const got = sha256Digest(data);
  if (got !== expected) {
    throw new RepoError(`digest mismatch for ${what}: expected ${expected} but the content is ${got}`, {
      hint: 'the registry returned different bytes than its manifest names; nothing was written',
    });
  }
}
