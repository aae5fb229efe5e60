// Building index.yaml from a directory of chart archives (Helm's
// IndexDirectory and `repo index --merge`), stable across runs: entries whose
// archive digest is unchanged keep their `created`, and `generated` only
// changes when the content does.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveDigest, parseChartYaml, readArchiveFiles } from '../chart/index.js';
import { RepoError } from '../errors.js';
import { emptyIndex, nowStamp, parseIndex, serializeIndex, sortEntries, urlJoin, type ChartVersion, type IndexFile } from './index-file.js';
import { writeFileAtomic } from './fs-util.js';

/** Reads the Chart.yaml of archive bytes into an index entry (digest, urls and created set by the caller). Throws on an invalid or unsafe archive. */
export async function chartVersionFromArchive(data: Buffer, source: string): Promise<ChartVersion> {
  const files = await readArchiveFiles(data, undefined, source);
  const top = files[0]!.name.split('/')[0]!;
  const cy = files.find((f) => f.name === `${top}/Chart.yaml`);
  if (!cy) throw new RepoError(`${source}: not a chart archive (no ${top}/Chart.yaml)`);
  const md = parseChartYaml(cy.data.toString('utf8'), `${source}/${top}/Chart.yaml`);
  return { ...md, urls: [], digest: archiveDigest(data) };
}

/** Lists DIR/*.tgz and DIR/*\/*.tgz (one directory level, as Helm's Glob), sorted, as paths relative to DIR. */
export async function findArchives(dir: string): Promise<string[]> {
  const out: string[] = [];
  const top = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new RepoError(`cannot read directory ${dir}: ${err.code === 'ENOENT' ? 'no such directory' : err.message}`);
  });
  for (const e of top) {
    if (e.isFile() && e.name.endsWith('.tgz')) out.push(e.name);
    else if (e.isDirectory() && !e.name.startsWith('.')) {
      for (const f of await readdir(join(dir, e.name), { withFileTypes: true })) if (f.isFile() && f.name.endsWith('.tgz')) out.push(`${e.name}/${f.name}`);
    }
  }
  return out.sort();
}

export interface IndexDirOptions {
  /** Base URL of the repository; archive URLs become URL/FILE (else the bare relative file name). */
  readonly url?: string;
  /** An existing index whose entries not found in DIR are kept (Helm's --merge). A missing file is an empty index. */
  readonly merge?: string;
  /** Write JSON instead of YAML. */
  readonly json?: boolean;
  /** The previous index of DIR, to keep `created` of unchanged archives (default: DIR/index.yaml when readable). */
  readonly previous?: IndexFile;
}

export interface IndexDirResult {
  readonly index: IndexFile;
  readonly text: string;
  /** Archives that were skipped (not a valid chart), with the reason. */
  readonly skipped: readonly { file: string; reason: string }[];
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function readPrevious(file: string): Promise<IndexFile | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return parseIndex(text, file);
  } catch {
    return undefined;
  }
}

/**
 * Builds the index of DIR without writing it: every valid archive becomes an
 * entry (invalid ones are reported in `skipped`, as Helm skips them),
 * `--merge` entries not in DIR are added, `created` is kept for archives whose
 * digest is unchanged since `previous`, and `generated` is kept when nothing changed.
 */
export async function buildDirectoryIndex(dir: string, opts: IndexDirOptions = {}): Promise<IndexDirResult> {
  const previous = opts.previous ?? (await readPrevious(join(dir, 'index.yaml')));
  const prevByKey = new Map<string, ChartVersion>();
  const prevByUrl = new Map<string, ChartVersion>();
  for (const list of Object.values(previous?.entries ?? {})) {
    for (const cv of list) {
      prevByKey.set(`${cv.name}\0${cv.version}`, cv);
      if (cv.urls[0] && cv.digest) prevByUrl.set(cv.urls[0], cv);
    }
  }
  const files = await findArchives(dir);
  const skipped: { file: string; reason: string }[] = [];
  const now = nowStamp();
  const scanned = await mapLimit(files, 16, async (rel) => {
    try {
      const data = await readFile(join(dir, rel));
      const url = opts.url ? urlJoin(opts.url, rel) : rel;
      // An archive indexed before with the same bytes keeps its entry (no need to unpack it again).
      const known = prevByUrl.get(url);
      if (known && known.digest === archiveDigest(data)) return { ...known };
      const cv = await chartVersionFromArchive(data, rel);
      cv.urls = [url];
      const prev = prevByKey.get(`${cv.name}\0${cv.version}`);
      cv.created = prev && prev.digest === cv.digest && prev.created ? prev.created : now;
      return cv;
    } catch (err) {
      skipped.push({ file: rel, reason: (err as Error).message });
      return undefined;
    }
  });
  const index = emptyIndex();
  for (const cv of scanned) {
    if (!cv) continue;
    const list = (index.entries[cv.name] ??= []);
    if (!list.some((x) => x.version === cv.version)) list.push(cv);
    else skipped.push({ file: cv.urls[0]!, reason: `duplicate of ${cv.name} ${cv.version}` });
  }
  if (opts.merge) {
    let merged: IndexFile;
    const text = await readFile(opts.merge, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw new RepoError(`cannot read ${opts.merge}: ${err.message}`);
    });
    merged = text === undefined ? emptyIndex() : parseIndex(text, opts.merge);
    for (const [name, list] of Object.entries(merged.entries)) {
      const target = (index.entries[name] ??= []);
      for (const cv of list) if (!target.some((x) => x.version === cv.version)) target.push(cv);
    }
  }
  sortEntries(index);
  if (previous) {
    index.generated = previous.generated;
    const same = serializeIndex(index, opts.json) === serializeIndex({ ...previous, apiVersion: 'v1' }, opts.json);
    if (!same) index.generated = now;
  }
  return { index, text: serializeIndex(index, opts.json), skipped };
}

/** Builds the index of DIR and writes DIR/index.yaml atomically (see buildDirectoryIndex). */
export async function indexDirectory(dir: string, opts: IndexDirOptions = {}): Promise<IndexDirResult & { file: string }> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new RepoError(`${dir} is not a directory`);
  const r = await buildDirectoryIndex(dir, opts);
  const file = join(dir, 'index.yaml');
  await writeFileAtomic(file, r.text);
  return { ...r, file };
}
