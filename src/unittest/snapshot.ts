// helm-unittest's snapshot files (tests/__snapshot__/SUITE.snap): a YAML map
// of test name -> {assertion counter: content as YAML}, byte-compatible with
// what helm-unittest writes. -u rewrites them; in CI a missing or obsolete
// snapshot is a failure instead of a silent write.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDocument, Document, isMap } from 'yaml';
import { SuiteError } from './suite.js';
import { toYaml } from './assertions.js';

/** Natural key order (digits compared as numbers), as yaml.v3 sorts map keys. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant', caseFirst: 'upper' });
}

export interface SnapshotSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly vanished: number;
  readonly failed: number;
  readonly written: boolean;
  /** In CI: what is missing or obsolete, one a line. */
  readonly problems: readonly string[];
}

/** The snapshot cache of one suite file. */
export class SnapshotFile {
  readonly path: string;
  private readonly cached = new Map<string, Map<number, string>>();
  private readonly current = new Map<string, Map<number, string>>();
  private readonly counters = new Map<string, number>();
  private inserted = 0;
  private updated = 0;
  private readonly missing: string[] = [];

  /** Reads SUITE_DIR/__snapshot__/SUITE.snap when it exists; throws SuiteError (file:line) when it is not a snapshot YAML map. */
  constructor(suitePath: string, private readonly opts: { update: boolean; ci: boolean }) {
    this.path = join(dirname(suitePath), '__snapshot__', `${basename(suitePath)}.snap`);
    if (!existsSync(this.path)) return;
    const doc = parseDocument(readFileSync(this.path, 'utf8'));
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      throw new SuiteError(this.path, e.linePos?.[0]?.line, `snapshot file is not valid YAML: ${e.message.split('\n')[0]}`);
    }
    if (doc.contents === null) return;
    if (!isMap(doc.contents)) throw new SuiteError(this.path, 1, 'snapshot file must be a mapping of test names to snapshots');
    const data = doc.toJS() as Record<string, unknown>;
    for (const [test, entries] of Object.entries(data)) {
      if (!entries || typeof entries !== 'object' || Array.isArray(entries)) throw new SuiteError(this.path, undefined, `snapshot of test "${test}" must be a mapping of numbers to text`);
      const m = new Map<number, string>();
      for (const [k, v] of Object.entries(entries)) m.set(Number(k), String(v));
      this.cached.set(test, m);
    }
  }

  /** Compares `content` with the test's next stored snapshot (helm-unittest counts them per test from 1). */
  compare(test: string, content: unknown): { ok: boolean; cached?: string; actual: string } {
    const idx = (this.counters.get(test) ?? 0) + 1;
    this.counters.set(test, idx);
    const actual = toYaml(content);
    const cached = this.cached.get(test)?.get(idx);
    let ok = true;
    if (cached === undefined) {
      this.inserted++;
      if (this.opts.ci && !this.opts.update) {
        ok = false;
        this.missing.push(`missing snapshot: "${test}" #${idx}`);
      }
    } else if (cached !== actual) {
      this.updated++;
      ok = this.opts.update;
    }
    let cur = this.current.get(test);
    if (!cur) this.current.set(test, (cur = new Map()));
    cur.set(idx, this.opts.update || cached === undefined ? actual : cached);
    return { ok, ...(cached !== undefined ? { cached } : {}), actual };
  }

  /** Writes the file when helm-unittest would (updating, new snapshots, vanished ones), except in CI without -u. */
  finish(): SnapshotSummary {
    const vanished: string[] = [];
    for (const [test, m] of this.cached) for (const idx of m.keys()) if (!this.current.get(test)?.has(idx)) vanished.push(`obsolete snapshot: "${test}" #${idx}`);
    const failed = this.opts.update ? 0 : this.updated;
    const problems = this.opts.ci && !this.opts.update ? [...this.missing, ...vanished] : [];
    let written = false;
    const changed = this.opts.update ? this.updated + this.inserted + vanished.length > 0 : this.inserted + vanished.length > 0;
    if (changed && problems.length === 0 && (this.current.size > 0 || this.cached.size > 0)) {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(this.path, this.render());
      written = true;
    }
    return { inserted: this.inserted, updated: this.updated, vanished: vanished.length, failed, written, problems };
  }

  private render(): string {
    const tests = [...this.current.keys()].sort(naturalCompare);
    // Indexes are integer keys (1:), texts literal blocks, as yaml.v3 writes them.
    const obj = new Map(tests.map((t) => [t, new Map([...this.current.get(t)!.entries()].sort((a, b) => a[0] - b[0]))]));
    return new Document(obj).toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, blockQuote: 'literal' });
  }
}
