// Repository index files (Helm's pkg/repo/index.go): parsing with positions,
// Helm's ordering and output format, version lookup by constraint, and
// building an index from a directory of chart archives.
import semver from 'semver';
import { stringify } from 'yaml';
import { RepoError } from '../errors.js';
import { parseYamlWithPositions, type PositionedYaml } from '../chart/metadata.js';
import { parseLooseVersion, satisfiesConstraint, toNodeRange } from '../chart/semver.js';
import type { ChartMetadata } from '../chart/types.js';
import { fastYaml } from '../util/fast-yaml.js';
import { parseIndexYaml } from './index-yaml.js';
import { chartNameProblem, entryProblem, type SkippedEntry } from './index-entry.js';

/** One chart version in an index: every Chart.yaml field plus where and when. */
export interface ChartVersion extends ChartMetadata {
  urls: string[];
  created?: string;
  digest?: string;
  removed?: boolean;
}

/** A repository index (index.yaml). `entries` maps chart name to versions, newest first. */
export interface IndexFile {
  apiVersion: string;
  entries: Record<string, ChartVersion[]>;
  generated: string;
  serverInfo?: Record<string, unknown>;
  annotations?: Record<string, string>;
  /** Entries left out because they are invalid (Helm skips them with a warning); never serialised to index.yaml. */
  skipped?: SkippedEntry[];
}

/** Helm's timestamp form (RFC 3339 with fractional seconds, UTC). */
export function nowStamp(): string {
  return new Date().toISOString();
}

/** An empty index (apiVersion v1, generated now). */
export function emptyIndex(): IndexFile {
  return { apiVersion: 'v1', entries: {}, generated: nowStamp() };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stamp(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return v instanceof Date ? v.toISOString() : String(v);
}

function where(file: string, y: Pick<PositionedYaml, 'lineOf'> | undefined, path: (string | number)[]): string {
  const line = y?.lineOf(path);
  return line ? `${file}:${line}` : file;
}

/**
 * Parses an index from YAML or JSON text. Throws RepoError naming `file` and
 * the line of the problem: a syntax error, a missing apiVersion ("no API
 * version specified"), entries that are not a map of lists, or a version
 * without a name or version. Entries Helm would not load (a name that could
 * be a path, an unparsable version, ...) are skipped and listed in `skipped`.
 */
export function parseIndex(text: string, file: string): IndexFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark is not content
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new RepoError(`${file}: invalid JSON index: ${(err as Error).message}`);
    }
    return indexFromDoc(doc, file, undefined);
  }
  // Piece by piece (linear time, bounded parser memory) when the layout allows it, as every writer's does.
  const pieces = parseIndexYaml(text, file);
  if (pieces) return indexFromDoc(pieces.doc, file, pieces);
  const fast = fastYaml(text);
  if (fast !== undefined) {
    try {
      return indexFromDoc(fast, file, undefined);
    } catch (err) {
      if (!(err instanceof RepoError)) throw err; // parse again below, so the error names the line
    }
  }
  let y: PositionedYaml;
  try {
    y = parseYamlWithPositions(text, file);
  } catch (err) {
    throw new RepoError(`${(err as Error).message.replace('invalid YAML', 'invalid repository index YAML')}`);
  }
  return indexFromDoc(y.value, file, y);
}

function indexFromDoc(doc: unknown, file: string, y: Pick<PositionedYaml, 'lineOf'> | undefined): IndexFile {
  if (!isRecord(doc)) throw new RepoError(`${file}: not a repository index (expected a map with apiVersion and entries)`);
  if (!doc.apiVersion) throw new RepoError(`${file}: no API version specified`, { hint: 'a repository index starts with "apiVersion: v1"' });
  const entries: Record<string, ChartVersion[]> = Object.create(null) as Record<string, ChartVersion[]>;
  const skipped: SkippedEntry[] = [];
  if (doc.entries !== undefined && doc.entries !== null) {
    if (!isRecord(doc.entries)) throw new RepoError(`${where(file, y, ['entries'])}: "entries" must be a map of chart names to lists of versions`);
    for (const [name, list] of Object.entries(doc.entries)) {
      if (list === null) continue;
      if (!Array.isArray(list)) throw new RepoError(`${where(file, y, ['entries', name])}: entries.${name} must be a list of chart versions`);
      const out: ChartVersion[] = [];
      const keyProblem = chartNameProblem(name);
      list.forEach((raw, i) => {
        if (raw === null) return;
        if (!isRecord(raw)) throw new RepoError(`${where(file, y, ['entries', name, i])}: entries.${name}[${i}] must be a map`);
        const cv = { ...raw } as unknown as ChartVersion;
        cv.name = raw.name === undefined || raw.name === null ? name : String(raw.name);
        cv.version = raw.version === undefined || raw.version === null ? '' : String(raw.version);
        const problem = keyProblem ? `entries key: ${keyProblem}` : entryProblem(cv as unknown as Record<string, unknown> & ChartVersion);
        if (problem) {
          skipped.push({ name, version: cv.version, reason: problem });
          return;
        }
        if (!cv.apiVersion) cv.apiVersion = 'v1';
        if (raw.appVersion !== undefined && raw.appVersion !== null) cv.appVersion = String(raw.appVersion);
        if (raw.urls === undefined || raw.urls === null) cv.urls = [];
        else if (!Array.isArray(raw.urls)) throw new RepoError(`${where(file, y, ['entries', name, i, 'urls'])}: entries.${name}[${i}].urls must be a list`);
        else cv.urls = raw.urls.map(String);
        const created = stamp(raw.created);
        if (created !== undefined) cv.created = created;
        else delete cv.created;
        if (raw.digest !== undefined && raw.digest !== null) cv.digest = String(raw.digest);
        out.push(cv);
      });
      // A chart whose every version was skipped is left out entirely (completion and search never offer it).
      if (!keyProblem && (out.length > 0 || list.length === 0)) entries[name] = out;
    }
  }
  const index: IndexFile = { apiVersion: String(doc.apiVersion), entries, generated: stamp(doc.generated) ?? '' };
  if (skipped.length) index.skipped = skipped;
  if (isRecord(doc.serverInfo)) index.serverInfo = doc.serverInfo;
  if (isRecord(doc.annotations)) index.annotations = doc.annotations as Record<string, string>;
  sortEntries(index);
  return index;
}

/** Compares versions newest first; unparsable versions sort last. */
export function compareNewestFirst(a: string, b: string): number {
  const va = parseLooseVersion(a);
  const vb = parseLooseVersion(b);
  if (!va || !vb) return va ? -1 : vb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  const c = semver.compareBuild(vb, va);
  return c !== 0 ? c : a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts every chart's versions newest first (Helm's SortEntries). */
export function sortEntries(index: IndexFile): void {
  for (const list of Object.values(index.entries)) list.sort((x, y) => compareNewestFirst(x.version, y.version));
}

/** Key order of Helm's output (sigs.k8s.io/yaml sorts keys alphabetically). */
function sortedObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === undefined) continue;
    out[k] = isRecord(v) && k !== 'annotations' ? sortedObject(v) : Array.isArray(v) ? v.map((x) => (isRecord(x) ? sortedObject(x) : x)) : v;
  }
  return out;
}

/** The index in Helm's shape: keys sorted, chart names sorted, versions newest first. */
export function normalizeIndex(index: IndexFile): Record<string, unknown> {
  sortEntries(index);
  const entries: Record<string, unknown> = {};
  for (const name of Object.keys(index.entries).sort()) {
    entries[name] = index.entries[name]!.map((cv) => {
      const o = sortedObject(cv as unknown as Record<string, unknown>);
      if (cv.annotations) o.annotations = Object.fromEntries(Object.entries(cv.annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return o;
    });
  }
  const top: Record<string, unknown> = { annotations: index.annotations, apiVersion: index.apiVersion, entries, generated: index.generated, serverInfo: index.serverInfo };
  return Object.fromEntries(Object.entries(top).filter(([, v]) => v !== undefined));
}

/** Quotes `created:`/`generated:` timestamps as Go's YAML writer does, so YAML 1.1 readers keep them strings. */
export function quoteTimestamps(text: string): string {
  return text.replace(/^(\s*-?\s*(?:created|generated): )(\d{4}-\d\d-\d\dT[^\s"']+)$/gm, '$1"$2"');
}

const YAML_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const scalarMemo = new Map<string, string>();

/** One scalar as the yaml library would write it, with a fast path for the common plain strings. */
function scalar(v: unknown): string {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  if (/^[A-Za-z/][A-Za-z0-9 _./@,()+-]*$/.test(s) && !s.endsWith(' ') && !YAML_WORDS.test(s)) return s;
  if (s.includes('\n')) return JSON.stringify(s);
  let out = scalarMemo.get(s);
  if (out === undefined) {
    out = stringify(s, { lineWidth: 0, singleQuote: true }).replace(/\n$/, '');
    if (scalarMemo.size < 50_000) scalarMemo.set(s, out);
  }
  return out;
}

/** Block YAML in Go's yaml.v2 layout (sequences not indented under their key), keys in the given order. */
function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isRecord(item) && Object.keys(item).length > 0) {
        const lines: string[] = [];
        emit(item, indent + '  ', lines);
        out.push(indent + '- ' + lines[0]!.slice(indent.length + 2), ...lines.slice(1));
      } else if (Array.isArray(item) && item.length > 0) {
        const lines: string[] = [];
        emit(item, indent + '  ', lines);
        out.push(indent + '- ' + lines[0]!.slice(indent.length + 2), ...lines.slice(1));
      } else out.push(indent + '- ' + inline(item));
    }
    return;
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    const key = scalar(k);
    if (Array.isArray(val) && val.length > 0) {
      out.push(`${indent}${key}:`);
      emit(val, indent, out);
    } else if (isRecord(val) && Object.keys(val).length > 0) {
      out.push(`${indent}${key}:`);
      emit(val, indent + '  ', out);
    } else out.push(`${indent}${key}: ${inline(val)}`);
  }
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return '[]';
  if (isRecord(v)) return '{}';
  return scalar(v);
}

/** Serialises as Helm writes index.yaml (or JSON with `json`). Deterministic for the same content. */
export function serializeIndex(index: IndexFile, json = false): string {
  const n = normalizeIndex(index);
  if (json) return JSON.stringify(n, null, 2) + '\n';
  const lines: string[] = [];
  emit(n, '', lines);
  return quoteTimestamps(lines.join('\n') + '\n');
}

export interface GetOptions {
  /** A SemVer constraint or exact version; empty means the newest stable. */
  readonly version?: string;
  /** Also consider pre-releases when no version is given (Helm's --devel: ">0.0.0-0"). */
  readonly devel?: boolean;
}

/**
 * Finds the chart version Helm's IndexFile.Get would pick: an exact version
 * string match, else the newest satisfying the constraint (no constraint =
 * newest stable, or newest of all with devel). Throws RepoError for an
 * unknown chart, an invalid constraint, or no match (listing the versions that exist).
 */
export function findChartVersion(index: IndexFile, name: string, opts: GetOptions = {}, repoLabel = 'repository'): ChartVersion {
  const list = Object.prototype.hasOwnProperty.call(index.entries, name) ? index.entries[name] : undefined;
  if (!list || list.length === 0) {
    const bad = index.skipped?.find((s) => s.name === name);
    throw new RepoError(`chart "${name}" not found in ${repoLabel}${bad ? `: its index entry was skipped as invalid (${bad.reason})` : ''}`);
  }
  let constraint = opts.version?.trim() ?? '';
  if (constraint) {
    const exact = list.find((cv) => cv.version === constraint);
    if (exact) return exact;
  }
  if (!constraint) constraint = opts.devel ? '>0.0.0-0' : '*';
  if (toNodeRange(constraint) === null) throw new RepoError(`invalid version constraint "${opts.version}"`, { exitCode: 2 });
  for (const cv of list) {
    if (cv.removed) continue;
    try {
      if (satisfiesConstraint(cv.version, constraint)) return cv;
    } catch {
      /* unparsable version: skip */
    }
  }
  const versions = list.map((cv) => cv.version).join(', ');
  const wanted = opts.version ? `version "${opts.version}"` : 'a stable version';
  throw new RepoError(`chart "${name}" matching ${wanted} not found in ${repoLabel}; versions that exist: ${versions}`, {
    hint: opts.version ? undefined : 'use --devel to allow pre-release versions',
  });
}

/** Joins a repository URL and a path the way Helm's URLJoin does (keeps the query). */
export function urlJoin(base: string, ...parts: string[]): string {
  const u = new URL(base);
  const segs = [u.pathname.replace(/\/+$/, ''), ...parts.filter((p) => p !== '' && p !== '.').map((p) => p.replace(/^\/+|\/+$/g, ''))];
  u.pathname = segs.join('/');
  return u.toString();
}

/** Resolves an index URL (possibly relative) against the repository URL, as Helm's ResolveReferenceURL. */
export function resolveChartURL(repoURL: string, ref: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) return ref;
  const base = new URL(repoURL.endsWith('/') ? repoURL : repoURL + '/');
  return new URL(ref, base).toString();
}
