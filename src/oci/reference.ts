// oci:// references: parsing with the distribution reference grammar, and
// the chart-version <-> tag mapping (`+` is not allowed in tags, so Helm
// writes `_`, and reads `_` back as `+`).
import { RepoError } from '../errors.js';
import { isSemver2 } from '../chart/version-syntax.js';
import { isDigest } from './media.js';

/** A parsed `oci://HOST[:PORT]/REPOSITORY[:TAG][@DIGEST]`. */
export interface OciReference {
  /** host[:port] as typed (lower-cased). */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `ns/chart`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Whether `ref` is an `oci://` reference. */
export function isOciRef(ref: string | undefined): ref is string {
  return typeof ref === 'string' && ref.startsWith('oci://');
}

/** Maps a chart version to its tag (`+` -> `_`). */
export function versionToTag(version: string): string {
  return version.replace(/\+/g, '_');
}

/** Maps a tag back to the chart version it stands for (`_` -> `+`). */
export function tagToVersion(tag: string): string {
  return tag.replace(/_/g, '+');
}

/** Whether `v` names one exact version (so no tag listing is needed). */
export function isExactVersion(v: string | undefined): v is string {
  return v !== undefined && isSemver2(v.trim());
}

/** Checks a tag against the distribution grammar; throws RepoError (e.g. for `../x` or `a/b`). */
export function checkTag(tag: string, where: string): void {
  if (!TAG.test(tag)) {
    throw new RepoError(`invalid tag ${JSON.stringify(tag)} in ${where}: a tag is 1-128 letters, digits, "_", "." or "-", not starting with "." or "-"`);
  }
}

/** Checks a repository path against the distribution grammar (lower case, no empty, "." or ".." components). */
export function checkRepository(repository: string, where: string): void {
  if (repository.length === 0 || repository.length > 255 || !repository.split('/').every((c) => PATH_COMPONENT.test(c))) {
    throw new RepoError(`invalid repository name ${JSON.stringify(repository)} in ${where}: path components are lower-case letters and digits separated by ".", "_", "__" or "-"`);
  }
}

/**
 * Parses `oci://HOST/REPOSITORY[:TAG][@sha256:DIGEST]`. A `+` in the tag is
 * mapped to `_` as Helm does. Throws RepoError naming the reference for a
 * missing host or repository, a bad host, repository path, tag or digest
 * (path traversal such as `..` is refused here).
 */
export function parseOciRef(ref: string): OciReference {
  if (!isOciRef(ref)) throw new RepoError(`${JSON.stringify(ref)} is not an oci:// reference`);
  let rest = ref.slice('oci://'.length);
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) throw new RepoError(`invalid digest ${JSON.stringify(digest)} in ${ref}: expected sha256: and 64 lower-case hex digits`);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) throw new RepoError(`invalid OCI reference ${ref}: expected oci://HOST/REPOSITORY`);
  const registry = rest.slice(0, slash).toLowerCase();
  if (!HOST.test(registry)) throw new RepoError(`invalid registry host ${JSON.stringify(registry)} in ${ref}`);
  let repository = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = repository.lastIndexOf(':');
  if (colon >= 0) {
    tag = versionToTag(repository.slice(colon + 1));
    repository = repository.slice(0, colon);
    checkTag(tag, ref);
  }
  checkRepository(repository, ref);
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Formats a reference back as `HOST/REPOSITORY[:TAG][@DIGEST]` (no scheme, as Helm prints it). */
export function formatOciRef(r: OciReference): string {
  return `${r.registry}/${r.repository}${r.tag ? ':' + r.tag : ''}${r.digest ? '@' + r.digest : ''}`;
}

/** The last path component of the repository: the chart name. */
export function chartNameOf(r: OciReference): string {
  return r.repository.slice(r.repository.lastIndexOf('/') + 1);
}
