// repo index: build DIR/index.yaml from the chart archives in DIR.
import { buildDirectoryIndex, indexDirectory, type IndexDirOptions, type IndexDirResult } from '../repo/index-dir.js';

export interface RepoIndexOptions extends IndexDirOptions {
  readonly dir: string;
}

/** Writes DIR/index.yaml (Helm's IndexDirectory with --url/--merge/--json; see src/repo/index-dir.ts). */
export async function repoIndex(opts: RepoIndexOptions): Promise<IndexDirResult & { file: string }> {
  return indexDirectory(opts.dir, opts);
}

/** Builds the index of DIR without writing it. */
export async function repoIndexPreview(opts: RepoIndexOptions): Promise<IndexDirResult> {
  return buildDirectoryIndex(opts.dir, opts);
}
