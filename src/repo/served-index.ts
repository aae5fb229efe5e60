// The index.yaml of a served directory and the archives it lists, changed by
// uploads (classic and OCI) and deletes. Changes run one after another: each
// reads the current index, changes it and renames a new file into place, so
// concurrent uploads never lose an entry and readers never see a partial file.
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { emptyIndex, nowStamp, parseIndex, serializeIndex, sortEntries, type ChartVersion, type IndexFile } from './index-file.js';
import { chartVersionFromArchive, indexDirectory } from './index-dir.js';
import { joinInside, writeFileAtomic } from './fs-util.js';

/** What adding a chart did. */
export type AddOutcome =
  | { readonly status: 'created' | 'replaced' | 'unchanged'; readonly version: ChartVersion; readonly file: string }
  | { readonly status: 'conflict'; readonly version: ChartVersion; readonly file: string };

/** The served directory's index and archives. */
export class ServedIndex {
  readonly dir: string;
  readonly indexFile: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.indexFile = join(this.dir, 'index.yaml');
  }

  /** Builds DIR/index.yaml from the archives when it is missing. */
  async ensure(): Promise<void> {
    if (!(await stat(this.indexFile).catch(() => undefined))) await indexDirectory(this.dir);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** The current index (empty when the file is missing). Throws RepoError for a malformed file. */
  async read(): Promise<IndexFile> {
    const text = await readFile(this.indexFile, 'utf8').catch(() => undefined);
    return text === undefined ? { ...emptyIndex(), entries: Object.create(null) as IndexFile['entries'] } : parseIndex(text, this.indexFile);
  }

  private async write(index: IndexFile): Promise<void> {
    index.generated = nowStamp();
    sortEntries(index);
    await writeFileAtomic(this.indexFile, serializeIndex(index));
  }

  /** The index entry of NAME at VERSION, if listed. */
  async find(name: string, version: string): Promise<ChartVersion | undefined> {
    const index = await this.read();
    return Object.hasOwn(index.entries, name) ? index.entries[name]!.find((x) => x.version === version) : undefined;
  }

  /** The local archive file of an entry (undefined for an absolute URL or one outside DIR). */
  archivePath(cv: ChartVersion): string | undefined {
    const u = cv.urls?.[0];
    if (!u || /^[a-z][a-z0-9+.-]*:/i.test(u)) return undefined;
    const f = resolve(this.dir, u);
    return f.startsWith(this.dir + sep) ? f : undefined;
  }

  /**
   * Stores a validated chart archive as DIR/NAME-VERSION.tgz (and its .prov)
   * and lists it. An existing version with the same digest is left as it is
   * ("unchanged"); with different content it is a "conflict" unless
   * `overwrite`. Throws on an invalid archive.
   */
  async add(data: Buffer, opts: { prov?: Buffer; overwrite?: boolean; source?: string } = {}): Promise<AddOutcome> {
    const cv = await chartVersionFromArchive(data, opts.source ?? 'uploaded chart');
    const file = `${cv.name}-${cv.version}.tgz`;
    return this.serial(async () => {
      const index = await this.read();
      if (!Object.hasOwn(index.entries, cv.name)) index.entries[cv.name] = [];
      const list = index.entries[cv.name]!;
      const at = list.findIndex((x) => x.version === cv.version);
      if (at !== -1 && list[at]!.digest === cv.digest) return { status: 'unchanged', version: list[at]!, file };
      if (at !== -1 && !opts.overwrite) return { status: 'conflict', version: list[at]!, file };
      await writeFileAtomic(joinInside(this.dir, file), data);
      if (opts.prov) await writeFileAtomic(joinInside(this.dir, `${file}.prov`), opts.prov);
      cv.urls = [file];
      cv.created = nowStamp();
      if (at !== -1) list.splice(at, 1);
      list.push(cv);
      await this.write(index);
      return { status: at === -1 ? 'created' : 'replaced', version: cv, file };
    });
  }

  /** Removes NAME at VERSION from the index and deletes its local archive and .prov; returns the entry, or undefined when not listed. */
  async remove(name: string, version: string, onlyDigest?: string): Promise<ChartVersion | undefined> {
    return this.serial(async () => {
      const index = await this.read();
      const list = Object.hasOwn(index.entries, name) ? index.entries[name] : undefined;
      const at = list?.findIndex((x) => x.version === version && (!onlyDigest || x.digest === onlyDigest)) ?? -1;
      if (!list || at === -1) return undefined;
      const [cv] = list.splice(at, 1);
      if (list.length === 0) delete index.entries[name];
      await this.write(index);
      const f = this.archivePath(cv!);
      if (f) await Promise.all([rm(f, { force: true }), rm(`${f}.prov`, { force: true })]);
      return cv;
    });
  }
}
