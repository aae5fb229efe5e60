// Chart packaging: a chart becomes NAME-VERSION.tgz with the top directory
// NAME/. Archives are reproducible: the same chart always gives the same bytes
// (sorted entries, fixed modes, owners and times, fixed gzip header).
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { ChartInvalidError } from '../errors.js';
import { writeArchive, type ArchiveFile } from './archive.js';
import { loadChart, checkDependencies } from './load.js';
import { isSemver2 } from './semver.js';
import type { Chart, ChartFile, ChartMetadata } from './types.js';

function rawFile(chart: Chart, name: string): Buffer | undefined {
  return chart.raw?.find((f) => f.name === name)?.data;
}

/** Chart.yaml for an in-memory chart that was not read from disk, in Helm's field order. */
function serializeMetadata(md: ChartMetadata): Buffer {
  const order: (keyof ChartMetadata)[] = ['apiVersion', 'name', 'version', 'kubeVersion', 'description', 'type', 'keywords', 'home', 'sources', 'dependencies', 'maintainers', 'icon', 'appVersion', 'deprecated', 'annotations'];
  const out: Record<string, unknown> = {};
  for (const k of order) if (md[k] !== undefined) out[k] = md[k];
  return Buffer.from(stringify(out, { lineWidth: 0 }));
}

/**
 * The files of a chart archive, with paths under `prefix` (default: the chart
 * name), subcharts written as directories under charts/, Chart.yaml first and
 * everything else sorted. Throws ChartInvalidError on duplicate subchart names.
 */
export function chartArchiveFiles(chart: Chart, prefix = chart.metadata.name): ArchiveFile[] {
  const out: ArchiveFile[] = [];
  const add = (name: string, data: Buffer) => out.push({ name: `${prefix}/${name}`, data });
  const chartYaml = rawFile(chart, 'Chart.yaml') ?? serializeMetadata(chart.metadata);
  add('Chart.yaml', chartYaml);
  const lock = rawFile(chart, 'Chart.lock') ?? (chart.lock && chart.metadata.apiVersion === 'v2' ? Buffer.from(stringify(chart.lock)) : undefined);
  if (lock) add('Chart.lock', lock);
  for (const name of ['requirements.yaml', 'requirements.lock']) {
    const data = rawFile(chart, name);
    if (data) add(name, data);
  }
  if (chart.rawValues !== undefined) add('values.yaml', Buffer.from(chart.rawValues));
  else if (Object.keys(chart.values).length > 0) add('values.yaml', Buffer.from(stringify(chart.values)));
  const schema = rawFile(chart, 'values.schema.json') ?? (chart.schema ? Buffer.from(JSON.stringify(chart.schema, null, 2) + '\n') : undefined);
  if (schema) add('values.schema.json', schema);
  for (const f of [...chart.templates, ...chart.files]) add(f.name, f.data);
  const seen = new Set<string>();
  for (const dep of chart.dependencies) {
    if (seen.has(dep.metadata.name)) {
      throw new ChartInvalidError(`chart ${chart.metadata.name} has two subcharts named "${dep.metadata.name}" in charts/`);
    }
    seen.add(dep.metadata.name);
    out.push(...chartArchiveFiles(dep, `${prefix}/charts/${dep.metadata.name}`));
  }
  const first = `${prefix}/Chart.yaml`;
  return out.sort((a, b) => (a.name === first ? -1 : b.name === first ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The gzipped tar bytes of a chart (reproducible: identical charts give identical bytes). */
export async function archiveChart(chart: Chart): Promise<Buffer> {
  return writeArchive(chartArchiveFiles(chart));
}

/** sha256 hex digest of archive bytes, as used in repository indexes. */
export function archiveDigest(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Returns a copy of the chart with version and/or appVersion replaced, in
 * both the metadata and the raw Chart.yaml (comments kept). Throws
 * ChartInvalidError when the version is not SemVer 2.
 */
export function withVersions(chart: Chart, opts: { version?: string; appVersion?: string }): Chart {
  if (opts.version === undefined && opts.appVersion === undefined) return chart;
  if (opts.version !== undefined && !isSemver2(opts.version)) {
    throw new ChartInvalidError(`--version "${opts.version}" is not a valid SemVer 2 version (e.g. 1.2.3)`);
  }
  const metadata: ChartMetadata = { ...chart.metadata };
  if (opts.version !== undefined) metadata.version = opts.version;
  if (opts.appVersion !== undefined) metadata.appVersion = opts.appVersion;
  const raw = rawFile(chart, 'Chart.yaml');
  let rawChartYaml: Buffer;
  if (raw) {
    const doc = parseDocument(raw.toString('utf8'));
    if (opts.version !== undefined) doc.set('version', opts.version);
    if (opts.appVersion !== undefined) doc.set('appVersion', opts.appVersion);
    rawChartYaml = Buffer.from(doc.toString({ lineWidth: 0 }));
  } else rawChartYaml = serializeMetadata(metadata);
  const others: ChartFile[] = (chart.raw ?? []).filter((f) => f.name !== 'Chart.yaml');
  return { ...chart, metadata, raw: [{ name: 'Chart.yaml', data: rawChartYaml }, ...others] };
}

export interface PackageOptions {
  /** Override the chart version (SemVer 2). */
  readonly version?: string;
  /** Override the appVersion. */
  readonly appVersion?: string;
  /** Directory for the archive (default: the current directory); created when missing. */
  readonly destination?: string;
}

export interface PackageResult {
  /** Path of the written archive (absolute when no destination was given). */
  readonly path: string;
  /** sha256 hex of the archive bytes. */
  readonly digest: string;
  readonly name: string;
  readonly version: string;
  /** Set when Chart.yaml marks the chart deprecated (Helm warns). */
  readonly deprecated: boolean;
}

/**
 * Packages the chart directory `dir` into DESTINATION/NAME-VERSION.tgz
 * (.helmignore honoured, dependencies must be present in charts/). Writes via
 * a temporary file and rename, so a failure leaves no partial archive. Throws
 * ChartInvalidError for a non-directory, an invalid chart or missing dependencies.
 */
export async function packageChart(dir: string, opts: PackageOptions = {}): Promise<PackageResult> {
  const st = await stat(dir).catch(() => undefined);
  if (!st) throw new ChartInvalidError(`path "${dir}" not found`);
  if (!st.isDirectory()) throw new ChartInvalidError(`"${dir}" is not a chart directory (only directories can be packaged)`);
  const chart = withVersions(await loadChart(dir), opts);
  checkDependencies(chart);
  const data = await archiveChart(chart);
  const destination = opts.destination === undefined || opts.destination === '.' ? process.cwd() : opts.destination;
  const dst = await stat(destination).catch(() => undefined);
  if (dst && !dst.isDirectory()) throw new ChartInvalidError(`destination "${destination}" is not a directory`);
  if (!dst) await mkdir(destination, { recursive: true });
  const file = join(destination, `${chart.metadata.name}-${chart.metadata.version}.tgz`);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return {
    path: isAbsolute(file) ? file : opts.destination === undefined ? resolve(file) : file,
    digest: archiveDigest(data),
    name: chart.metadata.name,
    version: chart.metadata.version,
    deprecated: chart.metadata.deprecated === true,
  };
}
