// pull: download a chart archive (REPO/CHART, URL, NAME with --repo, or a
// local .tgz) into a directory, optionally unpacked.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { extractArchive } from '../chart/archive.js';
import { loadChartArchive } from '../chart/load.js';
import { RepoError } from '../errors.js';
import { fetchChartRef, type ChartRefOptions } from '../repo/chart-ref.js';
import { joinInside, writeFileAtomic } from '../repo/fs-util.js';
import type { Verification } from '../repo/provenance.js';

export interface PullOptions extends ChartRefOptions {
  readonly ref: string;
  /** Where the archive goes (default "."). */
  readonly destination?: string;
  /** Unpack instead of saving the archive. */
  readonly untar?: boolean;
  /** Directory the chart is unpacked into, relative to destination (default "."). */
  readonly untardir?: string;
  /** Also save the chart's .prov without verifying it (Helm's --prov). */
  readonly prov?: boolean;
}

export interface PullResult {
  readonly path: string;
  readonly name: string;
  readonly version: string;
  /** Set with `verify`: who signed the chart. */
  readonly verification?: Verification;
  /** oci:// only: HOST/REPOSITORY:TAG and the manifest digest, as Helm prints them. */
  readonly ref?: string;
  readonly digest?: string;
}

/**
 * Downloads (digest-verified) and validates a chart, then saves
 * DESTINATION/NAME-VERSION.tgz, or with untar extracts it to
 * DESTINATION/UNTARDIR/NAME. Throws RepoError/ArchiveError/ChartInvalidError
 * with nothing written when the chart cannot be found, fetched or is unsafe.
 * With `verify`, the provenance is checked first (ProvenanceError, nothing
 * written, when it fails) and saved as PATH.prov next to the archive.
 */
export async function pullChart(opts: PullOptions): Promise<PullResult> {
  let data: Buffer;
  let fileName: string;
  let source: string;
  let verification: Verification | undefined;
  let provenance: Buffer | undefined;
  let oci: { ref: string; digest: string } | undefined;
  if (!opts.repo && existsSync(opts.ref)) {
    if ((await stat(opts.ref)).isDirectory()) throw new RepoError(`${opts.ref} is a directory; pull takes a chart archive, REPO/CHART or a URL (use "skiff package" for a directory)`);
    if (opts.verify) verification = await (await import('../repo/provenance.js')).verifyChartFile(opts.ref, opts.keyring);
    if (opts.verify || opts.prov) provenance = await readFile(`${opts.ref}.prov`);
    data = await readFile(opts.ref);
    fileName = basename(opts.ref);
    source = opts.ref;
  } else {
    const f = await fetchChartRef(opts.ref, { ...opts, withProv: opts.withProv || opts.prov });
    data = f.data;
    fileName = f.fileName;
    source = f.url;
    verification = f.verification;
    // Verified above; fetched again only to keep it next to the archive, as Helm does.
    if ((verification || opts.prov) && f.provenance) provenance = await f.provenance();
    if (f.digest) oci = { ref: f.url.replace(/^oci:\/\//, ''), digest: f.digest };
  }
  const chart = await loadChartArchive(data, source);
  const dest = opts.destination ?? '.';
  if (opts.untar) {
    const ud = opts.untardir ?? '.';
    const target = isAbsolute(ud) ? ud : join(dest, ud);
    const path = await extractArchive(data, target);
    return { path, name: chart.metadata.name, version: chart.metadata.version, verification, ...oci };
  }
  const name = fileName.endsWith('.tgz') ? fileName : `${chart.metadata.name}-${chart.metadata.version}.tgz`;
  const path = joinInside(dest, name);
  await writeFileAtomic(path, data);
  if (provenance) await writeFileAtomic(`${path}.prov`, provenance);
  return { path, name: chart.metadata.name, version: chart.metadata.version, verification, ...oci };
}
