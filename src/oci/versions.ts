// Choosing a chart version from a repository's tag list the way Helm does:
// tags mapped `_` -> `+`, only strict SemVer kept, newest first, then an
// exact match or the first version satisfying the constraint. Loaded only
// when a tag list is read (an exact --version needs none of it).
import semver from 'semver';
import { isSemver2, satisfiesConstraint } from '../chart/semver.js';
import { toNodeRange } from '../chart/semver.js';
import { RepoError } from '../errors.js';
import { tagToVersion } from './reference.js';

/** The chart versions a tag list holds: `_` read as `+`, strict SemVer only, highest first (Helm's Client.Tags). */
export function chartVersionsFromTags(tags: readonly string[]): string[] {
  const vs = tags.map(tagToVersion).filter(isSemver2);
  return [...new Set(vs)].sort((a, b) => semver.rcompare(a, b));
}

/**
 * Picks the version for `constraint` from `versions` (highest first): an
 * exact match, else the first satisfying the constraint; an empty
 * constraint means the newest stable one, or the newest of all with devel.
 * Throws RepoError for an invalid constraint or when nothing matches, naming
 * the nearest versions that exist.
 */
export function pickVersion(versions: readonly string[], constraint: string | undefined, devel: boolean, what: string): string {
  const c = constraint?.trim() ?? '';
  if (c && versions.includes(c)) return c;
  const effective = c || (devel ? '>0.0.0-0' : '*');
  if (toNodeRange(effective) === null) throw new RepoError(`invalid version constraint "${constraint}"`, { exitCode: 2 });
  for (const v of versions) {
    if (satisfiesConstraint(v, effective)) return v;
  }
  if (versions.length === 0) throw new RepoError(`${what}: the repository has no tags that are chart versions (strict SemVer)`);
  throw new RepoError(`${what}: no version matching ${c ? `"${c}"` : 'a stable version'}; nearest versions: ${nearest(versions, c).join(', ')}`, {
    hint: c ? undefined : 'use --devel to allow pre-release versions',
  });
}

/** Up to five existing versions closest to what was asked (by position in the sorted list), for messages. */
export function nearest(versions: readonly string[], wanted: string): string[] {
  if (versions.length <= 5) return [...versions];
  const base = semver.coerce(wanted)?.version;
  if (!base) return versions.slice(0, 5);
  let i = versions.findIndex((v) => semver.lte(v, base));
  if (i < 0) i = versions.length;
  const start = Math.max(0, Math.min(versions.length - 5, i - 2));
  return versions.slice(start, start + 5);
}
