// The CLI side of sensitive values (src/release/sensitive.ts): the flags, the
// marks an install or upgrade records, and redaction of every record printed.
import type { Argv } from 'yargs';
import type { Chart, Values } from '../chart/types.js';
import { coalesceTables } from '../values/coalesce.js';
import { redactRelease, releaseSecrets, resolveSensitive, secretStrings } from '../release/sensitive.js';
import type { Release } from '../release/types.js';
import type { Configuration } from '../action/configuration.js';
import { maskOutput } from './sink.js';

export interface ShowSensitiveArgs {
  'show-sensitive'?: boolean;
}

export interface SensitiveArgs extends ShowSensitiveArgs {
  'set-sensitive'?: string[];
  'mark-sensitive'?: string[];
}

export function addShowSensitiveFlag<T>(y: Argv<T>): Argv<T & ShowSensitiveArgs> {
  return y.option('show-sensitive', { type: 'boolean', describe: 'print sensitive values in clear instead of <redacted>' }) as Argv<T & ShowSensitiveArgs>;
}

/** install/upgrade: --set-sensitive, --mark-sensitive, --show-sensitive. */
export function addSensitiveFlags<T>(y: Argv<T>): Argv<T & SensitiveArgs> {
  return addShowSensitiveFlag(y)
    .option('set-sensitive', { type: 'string', array: true, describe: 'as --set, and mark the values sensitive: redacted in every output (key1=val1,key2=val2)' })
    .option('mark-sensitive', { type: 'string', array: true, describe: 'mark a value from a values file or the chart sensitive (key in --set syntax, e.g. db.password)' }) as Argv<T & SensitiveArgs>;
}

/**
 * The sensitive pointers an install or upgrade records; checks --mark-sensitive
 * paths (an error before anything is written) and, unless --show-sensitive,
 * masks the values in everything printed from now on.
 */
export function operationSensitive(chart: Chart, values: Values, args: SensitiveArgs): string[] {
  const pointers = resolveSensitive({ chart, values, setSensitive: args['set-sensitive']?.map(String), markSensitive: args['mark-sensitive']?.map(String) });
  if (!args['show-sensitive'] && pointers.length) {
    const all = coalesceTables(structuredClone(values), structuredClone(chart.values ?? {})) ?? {};
    maskOutput(secretStrings(all, pointers));
  }
  return pointers;
}

/** The record as printed: redacted (and its secrets masked in all later output) unless --show-sensitive. */
export function shownRelease(rel: Release, args: ShowSensitiveArgs): Release {
  if (args['show-sensitive']) return rel;
  maskOutput(releaseSecrets(rel).masks);
  return redactRelease(rel);
}

/** Masks, unless --show-sensitive, the sensitive values of every stored revision of a release (diff output may quote any of them). */
export async function maskReleaseSecrets(cfg: Configuration, namespace: string, name: string, args: ShowSensitiveArgs): Promise<void> {
  if (args['show-sensitive']) return;
  for (const h of await cfg.releases.history(namespace, name, { records: true })) {
    const rel = await h.load().catch(() => undefined);
    if (rel) maskOutput(releaseSecrets(rel).masks);
  }
}
