// The values flags shared by install, upgrade, template, lint and diff
// (Helm's VALUES group), and their conversion into the values layer's options.
import type { Argv } from 'yargs';
import type { ValueOptions } from '../values/index.js';

export interface ValuesArgs {
  values?: string[];
  set?: string[];
  'set-string'?: string[];
  'set-file'?: string[];
  'set-json'?: string[];
  'set-literal'?: string[];
  /** Only on install/upgrade (src/cli/sensitive.ts). */
  'set-sensitive'?: string[];
}

export function addValuesFlags<T>(y: Argv<T>): Argv<T & ValuesArgs> {
  return y
    .option('values', { alias: 'f', type: 'string', array: true, describe: 'specify values in a YAML file (can specify multiple; - for stdin)' })
    .option('set', { type: 'string', array: true, describe: 'set values on the command line (key1=val1,key2=val2)' })
    .option('set-string', { type: 'string', array: true, describe: 'set STRING values on the command line' })
    .option('set-file', { type: 'string', array: true, describe: 'set values from files (key1=path1,key2=path2)' })
    .option('set-json', { type: 'string', array: true, describe: 'set JSON values on the command line (key1=jsonval1)' })
    .option('set-literal', { type: 'string', array: true, describe: 'set a literal STRING value on the command line' }) as Argv<T & ValuesArgs>;
}

/** Helm's -f is a string slice: "a.yaml,b.yaml" names two files. */
export function valueOptionsFromArgs(args: ValuesArgs): ValueOptions {
  return {
    valueFiles: (args.values ?? []).flatMap((v) => String(v).split(',')).filter((v) => v !== ''),
    set: (args.set ?? []).map(String),
    setString: (args['set-string'] ?? []).map(String),
    setFile: (args['set-file'] ?? []).map(String),
    setJson: (args['set-json'] ?? []).map(String),
    setLiteral: (args['set-literal'] ?? []).map(String),
    setSensitive: (args['set-sensitive'] ?? []).map(String),
  };
}
