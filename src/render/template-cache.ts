// The compiled-template cache: the parse trees of Go templates and the
// generated code of nunjucks templates, kept between runs under
// DIR/<build>/<chart>.json (DIR is $SKIFF_HOME/cache/templates for the CLI)
// and keyed by the SHA-256 of each template's text, so a chart rendered
// again is decoded instead of lexed, parsed and compiled. Safe when the chart
// changes (a changed text has a new key; entries of texts no longer in the
// chart are dropped when the pack is rewritten) and never trusted across
// skiff builds: <build> is a hash of skiff's version, the tree encoding,
// nunjucks' version and the render process's code; packs of builds other
// than the few most recently used are deleted (two builds sharing a home
// keep theirs). The
// render process cannot touch the disk: this side reads the pack, hands it
// over unparsed, and stores the trees the render process sends back. The
// cache is best effort: a pack that cannot be read, parsed or written is
// ignored and the templates are parsed as without it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Chart } from '../chart/types.js';
import { ensurePrivateDir, writePrivateFile } from '../util/private-dir.js';
import { pruneOtherBuilds } from '../util/build-dirs.js';
import { SKIFF_VERSION } from '../version.js';
import { CODEC_VERSION } from './gotmpl/codec-version.js';

/** A pack bigger than this is not read (it is rebuilt). */
const MAX_PACK_BYTES = 128 * 1024 * 1024;

const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

let buildIds: Map<string, string> | undefined;

/** The version of the nunjucks the render process loads: its compiler generates the stored code of nunjucks templates. */
function nunjucksVersion(): string {
  try {
    return String((createRequire(import.meta.url)('nunjucks/package.json') as { version?: unknown }).version);
  } catch {
    return '';
  }
}

/** The identity of this skiff build's render process: version, tree encoding, nunjucks' version and the worker's code (its chunk names are content hashes). */
function buildId(workerScript: string): string {
  buildIds ??= new Map();
  let id = buildIds.get(workerScript);
  if (id === undefined) {
    id = sha256(`${SKIFF_VERSION}\0${CODEC_VERSION}\0${nunjucksVersion()}\0${readFileSync(workerScript, 'utf8')}`).slice(0, 32);
    buildIds.set(workerScript, id);
  }
  return id;
}

/** The pack of one chart (by name and version) for this build. */
export class TemplateCache {
  private constructor(private readonly file: string, private readonly chart: Chart) {}

  /** Opens the pack of `chart` under `dir`, removing packs of other builds; undefined when the directory cannot be used. */
  static open(dir: string, chart: Chart, workerScript: string): TemplateCache | undefined {
    try {
      const id = buildId(workerScript);
      const build = join(dir, id);
      if (!existsSync(build)) {
        makeDirs(dir);
        ensurePrivateDir(dir);
        pruneOtherBuilds(dir, id);
        ensurePrivateDir(build);
      }
      const name = sha256(`${chart.metadata.name}\0${chart.metadata.version}`).slice(0, 32);
      return new TemplateCache(join(build, `${name}.json`), chart);
    } catch {
      return undefined;
    }
  }

  /** The stored pack's bytes (a JSON object: text key → encoded trees), `{}` when there is none. */
  pack(): Buffer {
    try {
      if (statSync(this.file).size <= MAX_PACK_BYTES) return readFileSync(this.file);
    } catch {
      // no pack yet
    }
    return Buffer.from('{}');
  }

  /**
   * Adds the trees a render parsed afresh to the pack and writes it back
   * (atomically, 0600), keeping only entries of texts the chart still has.
   */
  store(fresh: Readonly<Record<string, string>>): void {
    try {
      const keys = new Set<string>();
      const walk = (c: Chart): void => {
        for (const t of c.templates) keys.add(textKeyOf(t.data));
        c.dependencies.forEach(walk);
      };
      walk(this.chart);
      const out: Record<string, string> = Object.create(null) as Record<string, string>;
      const old = parsePack(this.pack());
      // A key is a text's key, perhaps after an engine's prefix ("nj:<text key>").
      const current = (k: string): boolean => keys.has(k.slice(k.indexOf(':') + 1));
      for (const k of Object.keys(old)) if (current(k) && typeof old[k] === 'string') out[k] = old[k];
      for (const k of Object.keys(fresh)) if (current(k) && typeof fresh[k] === 'string') out[k] = fresh[k];
      writePrivateFile(this.file, JSON.stringify(out));
    } catch {
      // best effort: the next run parses again
    }
  }
}

/** Creates `dir` and its missing parents one level at a time (0700); throws when one cannot be made. */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    if (dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) mkdirSync(d, { mode: 0o700 });
}

/** The key the render process gives a template text (gotmpl/parse-cache.ts textKey). */
function textKeyOf(data: Buffer): string {
  return sha256(data.toString('utf8'));
}

function parsePack(b: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(b.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
