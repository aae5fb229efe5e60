// Validation of one chart version read from a repository index, with the
// rules Helm applies when it loads an index (pkg/chart Metadata.Validate via
// repo loadIndex): strings are sanitised, and an entry whose name could be a
// path, whose version is not SemVer, or whose shape is wrong is skipped with a
// reason, never used. Names and versions from an index end up in file names
// (the download cache, `pull`), so this is the first line of defence against
// a hostile repository; joinInside is the second.
import { sanitize as sanitizeString } from '../chart/metadata.js';
import { parseLooseVersion } from '../chart/semver.js';

/** An index entry that was left out, and why (Helm logs these as warnings). */
export interface SkippedEntry {
  readonly name: string;
  readonly version: string;
  readonly reason: string;
}

const ALIAS = /^[a-zA-Z0-9_-]*$/;

/**
 * Why `name` cannot be a chart name (Helm: not empty, not "." or "..", and
 * its own base name), or undefined when it can. Backslashes are refused too,
 * as Chart.yaml's name check does, so a name is never a path on any platform.
 */
export function chartNameProblem(name: string): string | undefined {
  if (name === '') return 'chart.metadata.name is required';
  if (name === '.' || name === '..') return `chart.metadata.name "${name}" is not allowed`;
  if (/[/\\]/.test(name) || name.includes('\0')) return `chart.metadata.name "${name}" is invalid`;
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sanitizeField(cv: Record<string, unknown>, key: string): void {
  const v = cv[key];
  if (typeof v === 'string') cv[key] = sanitizeString(v);
}

function sanitizeList(cv: Record<string, unknown>, key: string): void {
  const v = cv[key];
  if (Array.isArray(v)) cv[key] = v.map((x) => (typeof x === 'string' ? sanitizeString(x) : x));
}

/**
 * Sanitises the entry in place and returns why it must be skipped, or
 * undefined when it is usable. `cv.name` and `cv.version` are already strings.
 */
export function entryProblem(cv: Record<string, unknown> & { name: string; version: string }): string | undefined {
  for (const k of ['description', 'home', 'icon', 'condition', 'tags', 'appVersion', 'kubeVersion']) sanitizeField(cv, k);
  sanitizeList(cv, 'sources');
  sanitizeList(cv, 'keywords');
  cv.name = sanitizeString(cv.name);
  const nameProblem = chartNameProblem(cv.name);
  if (nameProblem) return nameProblem;
  if (cv.version === '') return 'chart.metadata.version is required';
  if (parseLooseVersion(cv.version) === null) return `chart.metadata.version "${cv.version}" is invalid`;
  if (cv.type !== undefined && cv.type !== null && cv.type !== '' && cv.type !== 'application' && cv.type !== 'library') {
    return 'chart.metadata.type must be application or library';
  }
  if (cv.maintainers !== undefined && cv.maintainers !== null) {
    if (!Array.isArray(cv.maintainers)) return 'maintainers must be a list';
    if (cv.maintainers.some((m) => !isRecord(m))) return 'maintainers must not contain empty or null nodes';
  }
  if (cv.dependencies !== undefined && cv.dependencies !== null) {
    if (!Array.isArray(cv.dependencies)) return 'dependencies must be a list';
    for (const d of cv.dependencies) {
      if (!isRecord(d)) return 'dependencies must not contain empty or null nodes';
      if (typeof d.alias === 'string' && !ALIAS.test(d.alias)) return `dependency "${String(d.name ?? '')}" has disallowed characters in the alias`;
    }
  }
  return undefined;
}
