// The optional-value flags of the release commands: --dry-run[=mode] and
// the helper that reads any flag whose value may be left out. A module of its
// own, so that `skiff template` reads its --dry-run without loading the
// release configuration (the storage drivers, readiness checks) it does not use.
import { UsageError } from '../errors.js';
import type { DryRun } from '../action/install.js';

/**
 * The value of a flag whose value is optional (undefined when absent, "" when
 * bare). yargs takes the word after a bare flag as its value; when that word
 * is not one of `valid` and stood apart on the command line, it was a
 * positional argument and is put back where it stood. A value given as
 * --flag=value is returned as it is, for the caller to check.
 */
export function takeFlagValue(flag: string, value: unknown, valid: readonly string[], positionals: string[], argv: readonly string[]): string | undefined {
  if (value === undefined || value === false) return undefined;
  const v = value === true ? '' : String(value);
  if (v === '' || valid.includes(v)) return v;
  const at = argv.findIndex((a, i) => a === v && argv[i - 1] === flag);
  if (at < 0) return v;
  const before = positionals.filter((p) => {
    const i = argv.indexOf(p);
    return i >= 0 && i < at;
  }).length;
  positionals.splice(before, 0, v);
  return '';
}

const DRY_RUN_MODES = ['', 'client', 'true', 'server', 'none', 'false'];

/**
 * Helm's --dry-run[=client|server] (bare = client). yargs takes the word after
 * a bare --dry-run as its value; when that word is not a mode it was a
 * positional argument, so it is put back where it stood on the command line.
 */
export function takeDryRun(value: unknown, positionals: string[], argv: readonly string[] = process.argv.slice(2)): DryRun {
  const v = takeFlagValue('--dry-run', value, DRY_RUN_MODES, positionals, argv);
  if (v === undefined) return false;
  if (!DRY_RUN_MODES.includes(v)) throw new UsageError(`invalid --dry-run "${v}": expected client, server or none`);
  return v === 'server' ? 'server' : v === 'none' || v === 'false' ? false : 'client';
}

/**
 * `template --dry-run`, as Helm 4 reads it: `client` (the default) or
 * `server`; a bare --dry-run and `true` mean client with Helm's deprecation
 * warning; `none` and `false` are refused, a template never applies.
 * `--validate` (deprecated) means server. Throws UsageError.
 */
export function takeTemplateDryRun(value: unknown, validate: boolean | undefined, positionals: string[], warn: (m: string) => void, argv: readonly string[] = process.argv.slice(2)): 'client' | 'server' {
  const v = takeFlagValue('--dry-run', value, DRY_RUN_MODES, positionals, argv);
  if (validate) {
    if (v !== undefined) throw new UsageError('if any flags in the group [validate dry-run] are set none of the others can be; [dry-run validate] were all set');
    warn("Flag --validate has been deprecated, use '--dry-run=server' instead");
    return 'server';
  }
  if (v === undefined || v === 'client') return 'client';
  if (v === 'server') return 'server';
  if (v === '') {
    warn("--dry-run is deprecated and should be replaced with '--dry-run=client'");
    return 'client';
  }
  if (v === 'true') {
    warn("boolean '--dry-run=true' flag is deprecated and must be replaced with '--dry-run=client'");
    return 'client';
  }
  throw new UsageError(`invalid dry-run value (${JSON.stringify(v)}). Must be "server" or "client"`);
}
