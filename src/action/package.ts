// `package CHART...`: chart directories to reproducible NAME-VERSION.tgz
// archives, optionally signed (NAME-VERSION.tgz.prov, Helm's provenance).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadChartArchive } from '../chart/index.js';
import { packageChart, type PackageResult } from '../chart/package.js';
import { toGoYaml } from '../render/goyaml.js';
import { writeFileAtomic } from '../repo/fs-util.js';
import type { SigningKeyOptions } from '../repo/provenance.js';
import type { CredentialFiles } from '../oci/credential-files.js';

export interface PackageActionOptions {
  readonly charts: readonly string[];
  readonly version?: string;
  readonly appVersion?: string;
  /** Output directory (default: the current directory). */
  readonly destination?: string;
  /** Run `dependency update` on each chart first (Helm's -u/--dependency-update). */
  readonly dependencyUpdate?: boolean;
  /** Sign each archive with this key (Helm's --sign --key --keyring --passphrase-file). */
  readonly sign?: SigningKeyOptions;
  /** Progress lines of the dependency update. */
  readonly log?: (line: string) => void;
  /** The skiff home whose repositories and caches the dependency update uses (default ~/.skiff). */
  readonly home?: string;
  /** Where the dependency update reads stored registry logins for oci:// dependencies. */
  readonly credentialFiles?: CredentialFiles;
}

export interface PackageActionResult extends PackageResult {
  /** Path of the written .prov when signing. */
  readonly provenance?: string;
}

/**
 * Packages each chart in turn, updating its dependencies first when asked;
 * with `sign`, the key is unlocked before anything is written and each
 * archive gets its .prov. Stops at the first failure (ChartInvalidError /
 * ArchiveError / RepoError / ProvenanceError).
 */
export async function packageCharts(opts: PackageActionOptions): Promise<PackageActionResult[]> {
  const prov = opts.sign ? await import('../repo/provenance.js') : undefined;
  const signer = opts.sign ? await prov!.loadSigningKey(opts.sign) : undefined;
  const results: PackageActionResult[] = [];
  for (const chart of opts.charts) {
    if (opts.dependencyUpdate) {
      const { dependencyUpdate } = await import('../repo/dependency.js');
      await dependencyUpdate(chart, { log: opts.log, home: opts.home, registry: { credentialFiles: opts.credentialFiles } });
    }
    const r = await packageChart(chart, { version: opts.version, appVersion: opts.appVersion, destination: opts.destination });
    if (!signer) {
      results.push(r);
      continue;
    }
    // Chart.yaml as Helm signs it: the packaged chart's metadata, keys sorted.
    const archive = await readFile(r.path);
    const { metadata } = await loadChartArchive(archive, r.path);
    const text = await prov!.signProvenance({ archive, fileName: basename(r.path), metadataYaml: `${toGoYaml(metadata)}\n`, signer });
    await writeFileAtomic(`${r.path}.prov`, text);
    results.push({ ...r, provenance: `${r.path}.prov` });
  }
  return results;
}
