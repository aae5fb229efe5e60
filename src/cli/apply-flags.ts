// Helm 4's flags for how install, upgrade and rollback apply and wait:
// --wait[=watcher|legacy|hookOnly], --wait-for-jobs, --server-side,
// --force-conflicts, --rollback-on-failure and --force-replace, with Helm 3's
// --atomic and --force kept as deprecated aliases (a warning on stderr, as
// Helm 4 prints it).
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { ApplyFlags, ServerSide } from '../action/plan.js';
import { parseWaitStrategy } from '../release/wait.js';
import { writeErr } from './sink.js';
import { takeFlagValue } from './dry-run-flags.js';

export { takeFlagValue };

export interface ApplyArgs {
  wait?: string;
  'wait-for-jobs'?: boolean;
  'rollback-on-failure'?: boolean;
  atomic?: boolean;
  'force-replace'?: boolean;
  force?: boolean;
  'server-side'?: string;
  'force-conflicts'?: boolean;
}

/** Adds the flags; `verb` decides the --server-side default (install: true; upgrade, rollback: auto). */
export function addApplyFlags<T>(y: Argv<T>, verb: 'install' | 'upgrade' | 'rollback'): Argv<T> {
  const undo = verb === 'install' ? 'uninstall the release' : verb === 'upgrade' ? 'roll back to the last deployed revision' : 'nothing to undo; accepted for symmetry';
  let out = y
    .option('wait', { type: 'string', describe: "wait until resources are ready (up to --timeout): bare --wait = watcher (kstatus, watches), or --wait=legacy (Helm 3's rules) or --wait=hookOnly; without the flag only hooks are awaited" })
    .option('wait-for-jobs', { type: 'boolean', describe: 'also wait for Jobs to complete' })
    .option('force-replace', { type: 'boolean', describe: 'replace resources (PUT) instead of applying or patching them' })
    .option('force', { type: 'boolean', describe: 'deprecated: use --force-replace', deprecated: 'use --force-replace' })
    .option('server-side', {
      type: 'string',
      describe: verb === 'install' ? 'apply server-side (true, the default) or with client-side three-way patches (false)' : 'true, false or auto (default): auto keeps the apply method the release was installed with',
    })
    .option('force-conflicts', { type: 'boolean', describe: 'with server-side apply, take over fields other field managers own instead of failing' });
  if (verb !== 'rollback') {
    out = out
      .option('rollback-on-failure', { type: 'boolean', describe: `on failure ${undo}; waits (watcher) when --wait is not given` })
      .option('atomic', { type: 'boolean', describe: 'deprecated: use --rollback-on-failure', deprecated: 'use --rollback-on-failure' });
  }
  return out as Argv<T>;
}

/**
 * The action options of the flags. Flags that take an optional value (--wait,
 * --server-side) given bare before a positional argument get that argument
 * back, as with --dry-run. Throws UsageError for an unknown strategy or
 * method, or --force-replace with --force-conflicts, before anything runs.
 */
export function applyOptionsFromArgs(args: ApplyArgs, positionals: string[], verb: 'install' | 'upgrade' | 'rollback', argv: readonly string[] = process.argv.slice(2)): ApplyFlags {
  const warn = (m: string) => writeErr(`${m}\n`);
  if (args.atomic) warn('Flag --atomic has been deprecated, use --rollback-on-failure instead');
  if (args.force) warn('Flag --force has been deprecated, use --force-replace instead');
  const wait = takeFlagValue('--wait', args.wait, ['watcher', 'legacy', 'hookOnly', 'true', 'false', 'ordered'], positionals, argv);
  let waitStrategy: ApplyFlags['waitStrategy'] = 'hookOnly';
  if (wait !== undefined) {
    const parsed = parseWaitStrategy(wait === '' ? 'watcher' : wait);
    if (parsed.deprecated) warn(parsed.deprecated);
    waitStrategy = parsed.strategy;
  }
  const methods = verb === 'install' ? ['true', 'false'] : ['true', 'false', 'auto'];
  const side = takeFlagValue('--server-side', args['server-side'], methods, positionals, argv);
  if (side !== undefined && side !== '' && !methods.includes(side)) {
    throw new UsageError(`invalid --server-side "${side}": must be ${methods.map((m) => `"${m}"`).join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
  }
  const serverSide: ServerSide = side === undefined ? (verb === 'install' ? true : 'auto') : side === '' || side === 'true' ? true : side === 'false' ? false : 'auto';
  const force = !!(args['force-replace'] || args.force);
  if (force && args['force-conflicts']) throw new UsageError('--force-replace (or --force) and --force-conflicts cannot be used together');
  return {
    waitStrategy,
    waitForJobs: args['wait-for-jobs'],
    atomic: !!(args['rollback-on-failure'] || args.atomic),
    force,
    serverSide,
    forceConflicts: args['force-conflicts'],
  };
}
