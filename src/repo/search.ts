// `skiff search repo`: Helm's literal/regexp search and scoring over the
// compact JSON form of the cached indexes. The import graph is kept tiny on
// purpose (no YAML parser, no HTTP client) so the command starts fast.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RepoError } from '../errors.js';
import type { SearchRow } from './client.js';

/** One search hit, with Helm's JSON field names. */
export interface SearchResult {
  readonly name: string;
  readonly version: string;
  readonly app_version: string;
  readonly description: string;
}

export interface SearchOptions {
  /** $SKIFF_HOME/cache/repository. */
  readonly cacheDir: string;
  readonly keyword?: string;
  readonly regexp?: boolean;
  /** Show every matching version, not only the newest. */
  readonly versions?: boolean;
  readonly devel?: boolean;
  /** A SemVer constraint the versions must satisfy. */
  readonly version?: string;
  /** Parses a cached index that has no compact form (lazily loaded so the fast path stays small). */
  readonly fallback?: (repo: string, file: string) => Promise<SearchRow[]>;
}

interface Candidate {
  readonly name: string;
  readonly row: SearchRow;
  readonly order: number;
  score: number;
}

const SEP = '\v';
const MAX_SCORE = 25;

function scoreOf(index: number, line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) === 11) {
      if (index <= i) return n;
      n++;
    }
  }
  return n;
}

function isStable(version: string): boolean {
  const core = version.split('+')[0]!;
  return !core.includes('-');
}

async function loadRows(opts: SearchOptions): Promise<{ repo: string; rows: SearchRow[] }[]> {
  let files: string[];
  try {
    files = readdirSync(opts.cacheDir);
  } catch {
    files = [];
  }
  const out: { repo: string; rows: SearchRow[] }[] = [];
  const withJson = new Set<string>();
  for (const f of files.sort()) {
    if (!f.endsWith('-search.json')) continue;
    const file = join(opts.cacheDir, f);
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { repo: string; rows: SearchRow[] };
      out.push(data);
      withJson.add(data.repo);
    } catch (err) {
      throw new RepoError(`${file}: corrupt search cache (${(err as Error).message})`, { hint: 'run "skiff repo update" to rebuild it' });
    }
  }
  for (const f of files) {
    if (!f.endsWith('-index.yaml')) continue;
    const repo = f.slice(0, -'-index.yaml'.length);
    if (withJson.has(repo) || !opts.fallback) continue;
    out.push({ repo, rows: await opts.fallback(repo, join(opts.cacheDir, f)) });
  }
  if (out.length === 0) throw new RepoError('no repositories configured', { hint: 'add one with "skiff repo add NAME URL"' });
  return out;
}

/**
 * Searches the cached indexes with Helm's rules: each version is matched
 * against "name, repo/name, description, keywords" (lower-cased); the score is
 * the field of the first match (0 = name); results are ordered by score, then
 * name, then newest version; then the version constraint (default: stable
 * only, or any with devel) keeps the newest satisfying version per chart
 * unless `versions`. Throws RepoError with no repositories or a bad regexp.
 */
export async function searchRepositories(opts: SearchOptions): Promise<SearchResult[]> {
  const repos = await loadRows(opts);
  let match: (line: string) => number;
  const kw = opts.keyword;
  if (kw === undefined || kw === '') match = () => 0;
  else if (opts.regexp) {
    let re: RegExp;
    try {
      re = new RegExp(kw);
    } catch (err) {
      throw new RepoError(`invalid regular expression "${kw}": ${(err as Error).message}`, { exitCode: 2 });
    }
    match = (line) => line.search(re);
  } else {
    const term = kw.toLowerCase();
    match = (line) => line.indexOf(term);
  }
  const cands: Candidate[] = [];
  let order = 0;
  for (const { repo, rows } of repos) {
    for (const row of rows) {
      const name = `${repo}/${row[0]}`;
      const line = `${row[0]}${SEP}${name}${SEP}${row[3]}${SEP}${row[4]}`.toLowerCase();
      const at = match(line);
      if (at === -1) continue;
      const score = kw ? scoreOf(at, line) : 0;
      if (score >= MAX_SCORE) continue;
      cands.push({ name, row, order: order++, score });
    }
  }
  // Rows of one chart are stored newest first, so `order` breaks ties by version.
  cands.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.order - b.order));
  let check: (v: string) => boolean;
  if (opts.version) {
    const { satisfiesConstraint, toNodeRange } = await import('../chart/semver.js');
    if (toNodeRange(opts.version) === null) throw new RepoError(`invalid version constraint "${opts.version}"`, { exitCode: 2 });
    check = (v) => {
      try {
        return satisfiesConstraint(v, opts.version!);
      } catch {
        return false;
      }
    };
  } else check = opts.devel ? () => true : isStable;
  const found = new Set<string>();
  const out: SearchResult[] = [];
  for (const c of cands) {
    if (!opts.versions && found.has(c.name)) continue;
    if (!check(c.row[1])) continue;
    found.add(c.name);
    out.push({ name: c.name, version: c.row[1], app_version: c.row[2], description: c.row[3] });
  }
  return out;
}
