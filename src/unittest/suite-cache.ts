// Parsed suites kept between runs: reading a suite with the positions its
// errors need is most of what `skiff unittest` spends before the first
// render. Under DIR/<build>/ (DIR is $SKIFF_HOME/cache/unittest for the CLI)
// one file per suite path holds the SHA-256 of the text it was parsed from
// and the parsed suite; a suite whose text changed is parsed again and
// rewritten. <build> is a hash of skiff's version and of the code holding the
// parser (in the built CLI its chunk, whose name is a hash of its content), so
// a cache is never read by another build; the directories of all but the
// most recently used other builds are deleted. Only suites that parsed
// cleanly and that JSON carries exactly (no -0, NaN or infinities, plain data
// only) are stored. Best effort: an entry that cannot be read, parsed or
// written is ignored and the suite is parsed as without a cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIFF_VERSION } from '../version.js';
import { pruneOtherBuilds } from '../util/build-dirs.js';
import { writePrivateFile } from '../util/private-dir.js';
import { parseSuite, type Suite } from './suite.js';


const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

let build: string | undefined;

function buildId(): string {
  build ??= sha256(`${SKIFF_VERSION}\0${readFileSync(fileURLToPath(import.meta.url), 'utf8')}\0${suiteModuleText()}`).slice(0, 32);
  return build;
}

/** The parser's own source when it is a separate file (running from TypeScript); in the built CLI it shares this chunk. */
function suiteModuleText(): string {
  const src = fileURLToPath(new URL('./suite.ts', import.meta.url));
  return existsSync(src) ? readFileSync(src, 'utf8') : '';
}

/** Whether JSON gives `v` back exactly. */
function plainData(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(plainData);
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  // A property set to undefined is left out by JSON and reads the same.
  return Object.values(v as Record<string, unknown>).every((x) => x === undefined || plainData(x));
}

/** Loads one suite file as loadSuite does, through the cache under `dir` when one is given. */
export function loadSuiteCached(file: string, display: string, dir: string | undefined): Suite {
  const text = readFileSync(file, 'utf8');
  if (dir === undefined) return parseSuite(text, display);
  const key = sha256(text);
  let entryFile: string | undefined;
  try {
    const buildDir = join(dir, buildId());
    if (!existsSync(buildDir)) {
      mkdirSync(buildDir, { recursive: true, mode: 0o700 });
      pruneOtherBuilds(dir, buildId());
    }
    entryFile = join(buildDir, `${sha256(display).slice(0, 32)}.json`);
    if (existsSync(entryFile)) {
      const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { key?: unknown; suite?: Suite };
      if (entry.key === key && entry.suite?.file === display && Array.isArray(entry.suite.tests)) return entry.suite;
    }
  } catch {
    // an unreadable or damaged entry: parse as without a cache
  }
  const suite = parseSuite(text, display);
  if (entryFile && plainData(suite)) {
    try {
      writePrivateFile(entryFile, JSON.stringify({ key, suite }));
    } catch {
      // best effort: the next run parses again
    }
  }
  return suite;
}
