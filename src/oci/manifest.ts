// Building and reading Helm chart manifests: the config blob (Chart.yaml as
// JSON, in the field order and escaping of Go's encoding/json so a push is
// byte-identical to Helm's), the layers sorted by digest, and the
// annotations Helm derives from Chart.yaml.
import type { ChartMetadata } from '../chart/types.js';
import { RepoError } from '../errors.js';
import {
  ANNOTATION,
  HELM_CHART_LAYER_MEDIA_TYPE,
  HELM_CONFIG_MEDIA_TYPE,
  HELM_PROV_LAYER_MEDIA_TYPE,
  IMAGE_CONFIG_MEDIA_TYPES,
  isDigest,
  LEGACY_CHART_LAYER_MEDIA_TYPE,
  MAX_MANIFEST_BYTES,
  OCI_INDEX_MEDIA_TYPE,
  DOCKER_MANIFEST_LIST_MEDIA_TYPE,
  sha256Digest,
} from './media.js';
import { formatRFC3339 } from '../util/time.js';

/** An OCI content descriptor. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An OCI image manifest as Helm writes it (no mediaType or artifactType field). */
export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One blob of a chart artefact with its descriptor. */
export interface Blob {
  readonly descriptor: Descriptor;
  readonly data: Buffer;
}

/** Everything a push uploads: config and layer blobs, then the manifest bytes. */
export interface ChartArtifact {
  readonly config: Blob;
  readonly chart: Blob;
  readonly prov?: Blob;
  readonly manifest: Buffer;
  readonly manifestDigest: string;
}

/** Go's encoding/json escapes these; JSON.stringify does not. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function sortedMap(m: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!m) return undefined;
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const k of keys) out[k] = m[k]!;
  return out;
}

function nonEmpty<T>(v: T | undefined | null | ''): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  return v;
}

/**
 * Chart.yaml as the JSON Helm stores in the config blob: json.Marshal of
 * Helm's chart.Metadata (its field order, empty fields left out, map keys
 * sorted, `<>&` escaped).
 */
export function chartConfigJSON(meta: ChartMetadata): Buffer {
  const m = meta as ChartMetadata & { condition?: string; tags?: string };
  const deps = m.dependencies?.map((d) => ({
    name: d.name,
    version: nonEmpty(d.version),
    repository: d.repository ?? '',
    condition: nonEmpty(d.condition),
    tags: nonEmpty(d.tags),
    enabled: d.enabled || undefined,
    'import-values': nonEmpty(d['import-values']),
    alias: nonEmpty(d.alias),
  }));
  const ordered = {
    name: nonEmpty(m.name),
    home: nonEmpty(m.home),
    sources: nonEmpty(m.sources),
    version: nonEmpty(m.version),
    description: nonEmpty(m.description),
    keywords: nonEmpty(m.keywords),
    maintainers: nonEmpty(m.maintainers?.map((x) => ({ name: nonEmpty(x.name), email: nonEmpty(x.email), url: nonEmpty(x.url) }))),
    icon: nonEmpty(m.icon),
    apiVersion: nonEmpty(m.apiVersion),
    condition: nonEmpty(m.condition),
    tags: nonEmpty(m.tags),
    appVersion: nonEmpty(m.appVersion),
    deprecated: m.deprecated || undefined,
    annotations: sortedMap(m.annotations),
    kubeVersion: nonEmpty(m.kubeVersion),
    dependencies: nonEmpty(deps),
    type: nonEmpty(m.type),
  };
  return Buffer.from(goEscape(JSON.stringify(ordered)));
}

/**
 * The manifest annotations Helm writes: description, title, version, url,
 * created, source (first of sources) and authors ("Name (email), ..."), each
 * only when non-blank, then every Chart.yaml annotation except ones that would
 * override title or version.
 */
export function chartAnnotations(meta: ChartMetadata, created: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const add = (k: string, v: string | undefined) => {
    if (v !== undefined && v.trim() !== '') out[k] = v;
  };
  add(ANNOTATION.description, meta.description);
  add(ANNOTATION.title, meta.name);
  add(ANNOTATION.version, meta.version);
  add(ANNOTATION.url, meta.home);
  add(ANNOTATION.created, created);
  if (meta.sources && meta.sources.length > 0) add(ANNOTATION.source, meta.sources[0]);
  if (meta.maintainers && meta.maintainers.length > 0) {
    add(ANNOTATION.authors, meta.maintainers.map((x) => (x.name ?? '') + (x.email ? ` (${x.email})` : '')).join(', '));
  }
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    if (k === ANNOTATION.title || k === ANNOTATION.version) continue;
    out[k] = String(v);
  }
  return out;
}

function blob(mediaType: string, data: Buffer): Blob {
  return { descriptor: { mediaType, digest: sha256Digest(data), size: data.length }, data };
}

/**
 * Builds the artefact Helm would push for chart archive `chart` with
 * metadata `meta` (and `prov` when given): config, layers sorted by digest,
 * annotations, the manifest bytes and its digest. `created` defaults to now
 * (a fixed time, as the CLI's SOURCE_DATE_EPOCH gives, makes pushes reproducible).
 */
export function buildChartArtifact(meta: ChartMetadata, chart: Buffer, prov?: Buffer, created?: Date): ChartArtifact {
  const when = created ?? new Date();
  const config = blob(HELM_CONFIG_MEDIA_TYPE, chartConfigJSON(meta));
  const chartBlob = blob(HELM_CHART_LAYER_MEDIA_TYPE, chart);
  const provBlob = prov ? blob(HELM_PROV_LAYER_MEDIA_TYPE, prov) : undefined;
  const layers = [chartBlob.descriptor, ...(provBlob ? [provBlob.descriptor] : [])].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  const manifest = {
    schemaVersion: 2,
    config: config.descriptor,
    layers,
    annotations: sortedMap(chartAnnotations(meta, formatRFC3339(when))),
  };
  const bytes = Buffer.from(goEscape(JSON.stringify(manifest)));
  return { config, chart: chartBlob, ...(provBlob ? { prov: provBlob } : {}), manifest: bytes, manifestDigest: sha256Digest(bytes) };
}

/** What a chart manifest points at. */
export interface ChartManifest {
  readonly manifest: ImageManifest;
  readonly config: Descriptor;
  readonly chart: Descriptor;
  readonly prov?: Descriptor;
  /** Set when the chart layer has the pre-3.7 media type. */
  readonly legacy: boolean;
}

function checkDescriptor(d: unknown, where: string): Descriptor {
  const o = d as Partial<Descriptor> | null;
  if (!o || typeof o !== 'object' || typeof o.mediaType !== 'string' || typeof o.digest !== 'string' || typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0) {
    throw new RepoError(`${where}: a descriptor needs mediaType, digest and a non-negative size`);
  }
  if (!isDigest(o.digest)) throw new RepoError(`${where}: unsupported or malformed digest ${JSON.stringify(o.digest)} (skiff accepts sha256)`);
  return o as Descriptor;
}

/** Reads manifest JSON; throws RepoError for oversized, malformed or non-image-manifest content. */
export function parseManifest(data: Buffer, where: string): ImageManifest {
  if (data.length > MAX_MANIFEST_BYTES) throw new RepoError(`${where}: manifest of ${data.length} bytes is larger than the limit of ${MAX_MANIFEST_BYTES}`);
  let m: Partial<ImageManifest> & { manifests?: unknown };
  try {
    m = JSON.parse(data.toString('utf8')) as typeof m;
  } catch (err) {
    throw new RepoError(`${where}: the manifest is not valid JSON: ${(err as Error).message}`);
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw new RepoError(`${where}: the manifest is not a JSON object`);
  if (m.mediaType === OCI_INDEX_MEDIA_TYPE || m.mediaType === DOCKER_MANIFEST_LIST_MEDIA_TYPE || Array.isArray(m.manifests)) {
    throw new RepoError(`${where} is an image index, not a chart manifest`);
  }
  if (m.schemaVersion !== 2) throw new RepoError(`${where}: unsupported manifest schemaVersion ${JSON.stringify(m.schemaVersion)} (expected 2)`);
  const config = checkDescriptor(m.config, `${where}: config`);
  if (!Array.isArray(m.layers)) throw new RepoError(`${where}: the manifest has no layers list`);
  const layers = m.layers.map((l, i) => checkDescriptor(l, `${where}: layers[${i}]`));
  return { ...(m as ImageManifest), config, layers };
}

/**
 * Finds the config, chart and provenance descriptors of a Helm chart
 * manifest. Throws RepoError when the artefact is not a Helm chart (a
 * container image config names itself as such), or has no chart layer or
 * more than one.
 */
export function chartManifest(manifest: ImageManifest, where: string): ChartManifest {
  const ct = manifest.config.mediaType;
  if (ct !== HELM_CONFIG_MEDIA_TYPE) {
    const what = IMAGE_CONFIG_MEDIA_TYPES.has(ct) ? 'a container image' : `an artefact with config media type ${ct}`;
    throw new RepoError(`${where} is ${what}, not a Helm chart (expected config media type ${HELM_CONFIG_MEDIA_TYPE})`, {
      hint: 'check the reference: charts and images often live side by side in one registry',
    });
  }
  const charts = manifest.layers.filter((l) => l.mediaType === HELM_CHART_LAYER_MEDIA_TYPE || l.mediaType === LEGACY_CHART_LAYER_MEDIA_TYPE);
  if (charts.length !== 1) {
    throw new RepoError(`${where}: expected exactly one chart layer (${HELM_CHART_LAYER_MEDIA_TYPE}), found ${charts.length}`);
  }
  const provs = manifest.layers.filter((l) => l.mediaType === HELM_PROV_LAYER_MEDIA_TYPE);
  if (provs.length > 1) throw new RepoError(`${where}: more than one provenance layer`);
  return { manifest, config: manifest.config, chart: charts[0]!, ...(provs[0] ? { prov: provs[0] } : {}), legacy: charts[0]!.mediaType === LEGACY_CHART_LAYER_MEDIA_TYPE };
}
