// The syntax of chart versions, without the semver library: Chart.yaml
// validation (every chart load) and exact OCI tags only ask whether a string
// is a version, and loading node-semver (its chunk and the regular
// expressions it builds at start) costs `skiff push`/`pull` several
// milliseconds of CPU for that. Comparisons and ranges stay in ./semver.ts.

const SEMVER2 =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const LOOSE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** node-semver's bound on a version's length. */
const MAX_LENGTH = 256;

/** Whether `v` is a strict SemVer 2 version (no leading "v", three numbers). */
export function isSemver2(v: string): boolean {
  return SEMVER2.test(v);
}

/**
 * `v` as Masterminds' NewVersion reads it (optional "v", missing minor and
 * patch are 0), written as a strict SemVer 2 string; undefined when it is not
 * a version. ./semver.ts's parseLooseVersion parses exactly the strings this
 * accepts (test/chart/version-syntax.test.ts compares them).
 */
export function normalizeLooseVersion(v: string): string | undefined {
  const m = LOOSE.exec(v.trim());
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const s = `${major}.${minor}.${patch}${m[4] ?? ''}${m[5] ?? ''}`;
  if (s.length > MAX_LENGTH || major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER || patch > Number.MAX_SAFE_INTEGER) return undefined;
  return SEMVER2.test(s) ? s : undefined;
}

/** Whether `v` is a version Helm accepts in Chart.yaml (see normalizeLooseVersion). */
export function isLooseVersion(v: string): boolean {
  return normalizeLooseVersion(v) !== undefined;
}
