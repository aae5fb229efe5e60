// Semantic-version helpers with the behaviour Helm gets from
// Masterminds/semver: constraints may use commas for AND and partial versions
// with a prerelease (">=1.19-0"), and a prerelease version satisfies a
// constraint only when the constraint itself mentions a prerelease.
// The semver library is required on first use: evaluating it (its regular
// expressions) costs a command ~5-8 ms of CPU, and an install or template of
// a chart without kubeVersion or dependency ranges never asks. In the bundle
// `require('semver')` is the bundled copy's lazy wrapper; under a plain ES
// module loader (tests) it is Node's require.
import { createRequire } from 'node:module';
import type { SemVer } from 'semver';

export { isSemver2 } from './version-syntax.js';

type Semver = typeof import('semver');
let lib: Semver | undefined;

/** The semver library, loaded on the first call. */
export function semverLib(): Semver {
  return (lib ??= typeof require === 'function' ? (require('semver') as Semver) : (createRequire(import.meta.url)('semver') as Semver));
}

/** Parses a version the way Masterminds' NewVersion does: optional "v", missing minor/patch are 0. */
export function parseLooseVersion(v: string): SemVer | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return null;
  return semverLib().parse(`${Number(m[1])}.${Number(m[2] ?? 0)}.${Number(m[3] ?? 0)}${m[4] ?? ''}${m[5] ?? ''}`);
}

/** Rewrites a Masterminds-style constraint into a node-semver range; null when it cannot be parsed. */
export function toNodeRange(constraint: string): string | null {
  const alternatives = constraint.split('||').map((alt) =>
    alt
      .replace(/,/g, ' ')
      .replace(/(^|[\s=<>~^])v(?=\d)/g, '$1')
      // "1.19-0" -> "1.19.0-0": node-semver needs all three numbers before a prerelease
      .replace(/(^|[\s=<>~^])(\d+)(?:\.(\d+))?-([0-9A-Za-z.-]+)/g, (_m, pre: string, a: string, b: string | undefined, p: string) => `${pre}${a}.${b ?? 0}.0-${p}`)
      .replace(/(^|[\s=<>~^])(\d+)\.(\d+)-([0-9A-Za-z.-]+)/g, (_m, pre: string, a: string, b: string, p: string) => `${pre}${a}.${b}.0-${p}`)
      .trim(),
  );
  const range = alternatives.join(' || ');
  return semverLib().validRange(range) === null ? null : range;
}

/**
 * Whether `version` satisfies the Masterminds-style `constraint`. Throws Error
 * when either cannot be parsed.
 */
export function satisfiesConstraint(version: string, constraint: string): boolean {
  // An umbrella chart asks the same questions once per subchart and again per dependency entry.
  const key = `${version}\n${constraint}`;
  const known = answers.get(key);
  if (known !== undefined) {
    if (known instanceof Error) throw known;
    return known;
  }
  let answer: boolean | Error;
  try {
    answer = satisfies(version, constraint);
  } catch (err) {
    answer = err as Error;
  }
  if (answers.size >= 4096) answers.clear();
  answers.set(key, answer);
  if (answer instanceof Error) throw answer;
  return answer;
}

const answers = new Map<string, boolean | Error>();

function satisfies(version: string, constraint: string): boolean {
  const v = parseLooseVersion(version);
  if (!v) throw new Error(`invalid version "${version}"`);
  const range = toNodeRange(constraint);
  if (range === null) throw new Error(`invalid constraint "${constraint}"`);
  if (v.prerelease.length > 0 && !/\d-[0-9A-Za-z]/.test(range)) return false;
  return semverLib().satisfies(v, range, { includePrerelease: true });
}
