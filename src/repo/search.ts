// `skiff search repo`: Helm's literal/regexp search and scoring over the
// compact text form of the cached indexes (NAME-search.json). The import graph is kept tiny on
// purpose (no YAML parser, no HTTP client) so the command starts fast.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RepoError } from '../errors.js';

/** Separates the fields of one record of the search cache (see searchText in client.ts). */
export const SEARCH_FIELD_SEP = '\x1f';
/** Separates the records of the search cache. */
export const SEARCH_RECORD_SEP = '\x1e';

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
  /** Builds the search text of a cached index that has no compact form (lazily loaded so the fast path stays small). */
  readonly fallback?: (repo: string, file: string) => Promise<string>;
}

interface Candidate {
  readonly name: string;
  /** The repository's search text and where the record lies in it (fields are split only when shown). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly order: number;
  readonly score: number;
}

/** The record's fields: name, description, keywords, version, appVersion. */
const fieldsOf = (c: Candidate) => c.text.slice(c.start, c.end).split(SEARCH_FIELD_SEP);

/** The version field alone (the fourth), without splitting the record. */
function versionOf(c: Candidate): string {
  let at = c.start;
  for (let i = 0; i < 3; i++) at = c.text.indexOf(SEARCH_FIELD_SEP, at) + 1;
  const end = c.text.indexOf(SEARCH_FIELD_SEP, at);
  return c.text.slice(at, end < 0 || end > c.end ? c.end : end);
}

interface CachedRepo {
  readonly repo: string;
  readonly text: string;
}

const MAX_SCORE = 25;

function isStable(version: string): boolean {
  const core = version.split('+')[0]!;
  return !core.includes('-');
}

async function loadRepos(opts: SearchOptions): Promise<CachedRepo[]> {
  let files: string[];
  try {
    files = readdirSync(opts.cacheDir);
  } catch {
    files = [];
  }
  const out: CachedRepo[] = [];
  const withJson = new Set<string>();
  for (const f of files.sort()) {
    if (!f.endsWith('-search.json')) continue;
    const file = join(opts.cacheDir, f);
    let data: { repo?: unknown; text?: unknown };
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new RepoError(`${file}: corrupt search cache (${(err as Error).message})`, { hint: 'run "skiff repo update" to rebuild it' });
    }
    // A cache written before the text form has no `text`: the index itself is read instead.
    if (typeof data.repo !== 'string' || typeof data.text !== 'string') continue;
    out.push({ repo: data.repo, text: data.text });
    withJson.add(data.repo);
  }
  for (const f of files) {
    if (!f.endsWith('-index.yaml')) continue;
    const repo = f.slice(0, -'-index.yaml'.length);
    if (withJson.has(repo) || !opts.fallback) continue;
    out.push({ repo, text: await opts.fallback(repo, join(opts.cacheDir, f)) });
  }
  if (out.length === 0) throw new RepoError('no repositories configured', { hint: 'add one with "skiff repo add NAME URL"' });
  return out;
}

/** The field a position of a record falls in (0 name, 1 description, 2 keywords, 3+ not searched). */
function fieldAt(text: string, from: number, at: number): number {
  let n = 0;
  for (let i = text.indexOf(SEARCH_FIELD_SEP, from); i !== -1 && i < at; i = text.indexOf(SEARCH_FIELD_SEP, i + 1)) n++;
  return n;
}

/** Helm's score of a field: its position in the line "name, repo/name, description, keywords". */
const SCORE_OF_FIELD = [0, 2, 3];

/**
 * Finds the records of one repository that match: yields [start, end, score]
 * for each, in record order. Helm matches the line
 * "name\vrepo/name\vdescription\vkeywords" (lower-cased, with the keyword,
 * for a literal search; as written for a regexp) and scores the field of the
 * first match; a literal keyword is found by one scan of the lower-cased text, and
 * only the matching records are split into fields later.
 */
function* matches(repo: string, text: string, kw: string | undefined, re: RegExp | undefined): Generator<[number, number, number]> {
  const recordEnd = (from: number) => {
    const e = text.indexOf(SEARCH_RECORD_SEP, from);
    return e === -1 ? text.length : e;
  };
  if (re || kw === undefined || kw === '') {
    for (let start = 0; start < text.length; ) {
      const end = recordEnd(start);
      let score = 0;
      if (re) {
        const f = text.slice(start, end).split(SEARCH_FIELD_SEP);
        // Helm lower-cases the line for a literal keyword only: a regexp sees the case as written.
        const line = `${f[0]}\v${repo}/${f[0]}\v${f[1]}\v${f[2]}`;
        const at = line.search(re);
        score = at === -1 ? -1 : line.slice(0, at).split('\v').length - 1;
      }
      if (score >= 0 && score < MAX_SCORE) yield [start, end, score];
      start = end + 1;
    }
    return;
  }
  const term = kw.toLowerCase();
  const lower = text.toLowerCase();
  // A match in "repo/name" that is not inside the name starts in "repo/": only
  // possible when the keyword overlaps that prefix.
  const prefix = `${repo.toLowerCase()}/`;
  let viaRepo = prefix.includes(term);
  for (let k = 0; !viaRepo && k < prefix.length; k++) viaRepo = term.startsWith(prefix.slice(k));
  if (viaRepo) {
    for (let start = 0; start < text.length; ) {
      const end = recordEnd(start);
      const sep = lower.indexOf(SEARCH_FIELD_SEP, start);
      const name = lower.slice(start, sep);
      let score = name.includes(term) ? 0 : (prefix + name).includes(term) ? 1 : -1;
      if (score === -1) {
        const at = lower.indexOf(term, sep + 1);
        const field = at === -1 || at >= end ? 99 : fieldAt(lower, start, at);
        if (field <= 2) score = SCORE_OF_FIELD[field]!;
      }
      if (score >= 0) yield [start, end, score];
      start = end + 1;
    }
    return;
  }
  let lastEnd = -1;
  for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
    if (at < lastEnd) continue;
    const start = lower.lastIndexOf(SEARCH_RECORD_SEP, at) + 1;
    const end = recordEnd(at);
    lastEnd = end;
    if (at + term.length > end) continue; // spans two records
    const field = fieldAt(lower, start, at);
    if (field <= 2) yield [start, end, SCORE_OF_FIELD[field]!];
  }
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
  const repos = await loadRepos(opts);
  const kw = opts.keyword;
  let re: RegExp | undefined;
  if (opts.regexp && kw) {
    try {
      re = new RegExp(kw);
    } catch (err) {
      throw new RepoError(`invalid regular expression "${kw}": ${(err as Error).message}`, { exitCode: 2 });
    }
  }
  const cands: Candidate[] = [];
  let order = 0;
  for (const { repo, text } of repos) {
    for (const [start, end, score] of matches(repo, text, kw, re)) {
      const nameEnd = text.indexOf(SEARCH_FIELD_SEP, start);
      cands.push({ name: `${repo}/${text.slice(start, nameEnd < 0 || nameEnd > end ? end : nameEnd)}`, text, start, end, order: order++, score: kw ? score : 0 });
    }
  }
  // Records of one chart are stored newest first, so `order` breaks ties by version.
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
    if (!check(versionOf(c))) continue;
    const [, description = '', , version = '', appVersion = ''] = fieldsOf(c);
    found.add(c.name);
    out.push({ name: c.name, version, app_version: appVersion, description });
  }
  return out;
}
