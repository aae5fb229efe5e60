// The chart layer's public API: load, validate, package and create charts,
// and read chart archives safely.
export type { Chart, ChartFile, ChartMetadata, ChartDependency, ChartLock, Maintainer, Values } from './types.js';
export { loadChart, loadChartArchive, assertInstallable, checkDependencies, missingDependencies, type LoadOptions } from './load.js';
export { checkKubeVersion } from './kube-version.js';
export { readArchiveFiles, extractArchive, writeArchive, DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits, type ArchiveFile } from './archive.js';
export { packageChart, archiveChart, archiveDigest, chartArchiveFiles, withVersions, type PackageOptions, type PackageResult } from './package.js';
export { createChart, type CreateOptions } from './create.js';
export { IgnoreRules } from './ignore.js';
export { parseChartYaml } from './metadata.js';
export { satisfiesConstraint, isSemver2 } from './semver.js';
