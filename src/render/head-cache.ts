// Heads of large rendered documents kept between runs. Every rendered
// document's head (apiVersion, kind, name, namespace, annotations) decides
// its order and whether it is a hook, and Helm reads it by parsing the whole
// document, so an invalid one fails the render. The fast head scan
// (fast-head.ts) reads plain block YAML; what it declines goes to the yaml
// library, whose full parse of a large document (a CustomResourceDefinition of
// hundreds of kilobytes, as argo-cd and kube-prometheus-stack render) was most
// of the CLI's CPU on such charts. A document whose exact text parsed before
// gets the head that parse gave.
//
// Layout: <dir>/<build>-<sha256 of the text>.json (folder 0700, files 0600),
// only for documents of HEAD_CACHE_MIN_BYTES or more that the fast scan
// declined and that parsed without error (an invalid document is parsed, and
// fails, on every run). <build> hashes skiff's version, the cache format and
// the code of the module that reads heads (its bundle chunk's name and text
// change with the code it imports), so a head read by other code is never
// used; entries of other builds are removed when one is written. An entry
// that does not read back as a head is ignored and the document parsed again.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIFF_VERSION } from '../version.js';
import { setOwn } from '../util/own-keys.js';
import { usablePrivateDir, writePrivateFile } from '../util/private-dir.js';

const FORMAT = 1;

/** Documents shorter than this are parsed each time: their parse costs less than a file read. */
export const HEAD_CACHE_MIN_BYTES = 4096;

/** Entries kept: past this, the first write of a process removes the oldest half. */
export const HEAD_CACHE_MAX_ENTRIES = 4000;

export interface DocumentHead {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  annotations: Record<string, string>;
  empty?: true;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A head read back from JSON, or undefined when `v` is not exactly one. */
function headFrom(v: unknown): DocumentHead | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.name !== 'string') return undefined;
  if (o.namespace !== undefined && typeof o.namespace !== 'string') return undefined;
  if (o.empty !== undefined && o.empty !== true) return undefined;
  const a = o.annotations;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return undefined;
  const annotations: Record<string, string> = {};
  for (const k of Object.keys(a)) {
    const s = (a as Record<string, unknown>)[k];
    if (typeof s !== 'string') return undefined;
    setOwn(annotations, k, s);
  }
  const head: DocumentHead = { apiVersion: o.apiVersion, kind: o.kind, name: o.name, annotations };
  if (o.namespace !== undefined) head.namespace = o.namespace as string;
  if (o.empty === true) head.empty = true;
  return head;
}

/** Heads on disk under `dir`, for the head-reading code at `codeUrl`. Never throws: a cache that cannot be used is no cache. */
export class HeadCache {
  private build: string | undefined;
  private cleaned = false;
  private checked: boolean | undefined;

  /** Whether the folder is ours and private (created 0700 if missing): one others could write is not used. */
  private private(): boolean {
    this.checked ??= usablePrivateDir(this.dir);
    return this.checked;
  }

  constructor(
    readonly dir: string,
    readonly codeUrl: string,
  ) {}

  private tag(): string {
    if (this.build === undefined) {
      let code = '';
      try {
        code = readFileSync(fileURLToPath(this.codeUrl), 'utf8');
      } catch {
        // No file to read (an unusual loader): the version and format still separate builds.
      }
      this.build = sha256(`${SKIFF_VERSION}\0${FORMAT}\0${this.codeUrl.slice(this.codeUrl.lastIndexOf('/') + 1)}\0${code}`).slice(0, 16);
    }
    return this.build;
  }

  /** The key of a document's text. */
  key(doc: string): string {
    return sha256(doc);
  }

  private file(key: string): string {
    return join(this.dir, `${this.tag()}-${key}.json`);
  }

  get(key: string): DocumentHead | undefined {
    if (!this.private()) return undefined;
    try {
      return headFrom(JSON.parse(readFileSync(this.file(key), 'utf8')));
    } catch {
      return undefined;
    }
  }

  /** Removes entries of other builds, and the oldest half of this build's when there are more than HEAD_CACHE_MAX_ENTRIES. */
  private prune(): void {
    const prefix = `${this.tag()}-`;
    const mine: { name: string; at: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (!name.startsWith(prefix)) rmSync(path, { force: true });
      else mine.push({ name, at: 0 });
    }
    if (mine.length <= HEAD_CACHE_MAX_ENTRIES) return;
    for (const e of mine) {
      try {
        e.at = statSync(join(this.dir, e.name)).mtimeMs;
      } catch {
        // gone meanwhile: sorts first, removed with force
      }
    }
    mine.sort((a, b) => a.at - b.at);
    for (const e of mine.slice(0, mine.length - HEAD_CACHE_MAX_ENTRIES / 2)) rmSync(join(this.dir, e.name), { force: true });
  }

  put(key: string, head: DocumentHead): void {
    try {
      if (!this.private()) return;
      if (!this.cleaned) {
        this.cleaned = true;
        this.prune();
      }
      writePrivateFile(this.file(key), JSON.stringify(head));
    } catch {
      // A read-only or full disk only costs the next run a parse.
    }
  }
}

let cacheDir: string | undefined;
let current: HeadCache | undefined;

/**
 * Keeps heads under `dir` between runs, or stops (undefined). The CLI sets
 * $SKIFF_HOME/cache/heads. A module of its own so that setting it loads
 * neither the manifest reader nor the yaml library.
 */
export function useHeadCache(dir: string | undefined): void {
  cacheDir = dir;
  current = undefined;
}

/** The cache for the head-reading code at `codeUrl` (its module's import.meta.url), when one is set. */
export function headCache(codeUrl: string): HeadCache | undefined {
  if (cacheDir === undefined) return undefined;
  if (current === undefined || current.dir !== cacheDir || current.codeUrl !== codeUrl) current = new HeadCache(cacheDir, codeUrl);
  return current;
}
