// The bounds of reading a chart (archive or directory), a module of its own
// so that loading a chart directory does not load the archive reader.

/** Bounds applied while decompressing; Helm uses 100 MiB per chart and 5 MiB per file. */
export interface ArchiveLimits {
  /** Sum of the sizes of all files (default 100 MiB). */
  readonly maxTotalBytes?: number;
  /** Size of any one file (default 5 MiB). */
  readonly maxFileBytes?: number;
  /** Number of entries of any kind (default 10,000). */
  readonly maxEntries?: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Required<ArchiveLimits> = {
  maxTotalBytes: 100 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxEntries: 10_000,
};
