// Running a command without yargs. Loading and setting up yargs costs every
// command ~50-80 ms of CPU before it does anything (some sixty files, its
// locale and help-text machinery), more than many commands' own work. Most
// command lines are plain: known long flags, `-x value` short flags, and the
// positionals the command declares. For those, the command's own yargs
// builder is replayed against a recorder (which only notes each option's
// type, alias and default), the line is read by yargs' rules for those, and
// the command's handler gets the same argument object yargs would have built.
// Anything yargs could read differently (help, grouped short flags, --no-X,
// repeated flags, quoted `=` values, a boolean followed by true/false, an
// array flag followed by a positional, a builder using more than plain
// options...) answers undefined, and main.ts runs yargs as always, so help
// and every error message stay yargs' own. test/cli/light-parse.test.ts
// checks the answers against yargs on many command lines of every command.
import type { CommandModule } from 'yargs';
import { addGlobalFlags } from './global-flags.js';

type OptType = 'string' | 'boolean' | 'number';

interface OptSpec {
  readonly name: string;
  readonly type: OptType;
  readonly array: boolean;
  readonly aliases: readonly string[];
  readonly default?: unknown;
}

interface PositionalSpec {
  readonly name: string;
  readonly required: boolean;
  readonly variadic: boolean;
}

interface CommandSpec {
  readonly options: Map<string, OptSpec>;
  readonly positionals: readonly PositionalSpec[];
}

/** The option settings the recorder understands; any other (choices, coerce, nargs, ...) sends the command to yargs. */
const PLAIN_KEYS = new Set(['type', 'alias', 'describe', 'description', 'default', 'array', 'global', 'deprecated', 'hidden', 'demandOption']);

/** The declared shape of a command (its builder replayed), or undefined when the builder does more than declare plain options. */
function recordSpec(command: CommandModule<any, any>): CommandSpec | undefined {
  if (typeof command.command !== 'string' || (command as { middlewares?: unknown }).middlewares || command.deprecated) return undefined;
  const words = command.command.trim().split(/\s+/).slice(1);
  const positionals: PositionalSpec[] = [];
  for (const w of words) {
    const m = /^([<[])([a-z][a-z0-9-]*)(\.\.)?([>\]])$/.exec(w);
    if (!m || (m[1] === '<') !== (m[4] === '>')) return undefined;
    positionals.push({ name: m[2]!, required: m[1] === '<', variadic: !!m[3] });
  }
  const options = new Map<string, OptSpec>();
  const positionalTypes = new Map<string, { array: boolean }>();
  let plain = true;
  const recorder: Record<string, unknown> = {};
  const add = (name: unknown, o: unknown): void => {
    if (typeof name !== 'string' || !o || typeof o !== 'object') {
      plain = false;
      return;
    }
    const opt = o as Record<string, unknown>;
    if (Object.keys(opt).some((k) => !PLAIN_KEYS.has(k)) || opt.demandOption) plain = false;
    const type = opt.type;
    if (type !== 'string' && type !== 'boolean' && type !== 'number') plain = false;
    if (opt.array && type !== 'string') plain = false;
    const alias = opt.alias === undefined ? [] : Array.isArray(opt.alias) ? opt.alias : [opt.alias];
    if (alias.some((a) => typeof a !== 'string')) plain = false;
    if (options.has(name)) plain = false;
    options.set(name, { name, type: type as OptType, array: !!opt.array, aliases: alias as string[], ...('default' in opt ? { default: opt.default } : {}) });
  };
  for (const method of ['option', 'options']) recorder[method] = (name: unknown, o: unknown) => (add(name, o), recorder);
  recorder.positional = (name: unknown, o: unknown) => {
    const p = (o ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || p.type !== 'string' || Object.keys(p).some((k) => !['type', 'array', 'describe', 'description', 'demandOption'].includes(k))) plain = false;
    else positionalTypes.set(name, { array: !!p.array });
    return recorder;
  };
  // Help-only settings do not change how a line is read.
  for (const method of ['example', 'epilog', 'epilogue', 'usage', 'group', 'hide']) recorder[method] = () => recorder;
  const proxy = new Proxy(recorder, {
    get(target, key) {
      if (key in target) return target[key as string];
      plain = false;
      return () => proxy;
    },
  });
  try {
    addGlobalFlags(proxy as never);
    if (command.builder !== undefined) {
      if (typeof command.builder !== 'function') return undefined;
      command.builder(proxy as never);
    }
  } catch {
    return undefined;
  }
  if (!plain) return undefined;
  // Every positional of the command string is declared as a string (yargs would read an untyped one as a number).
  for (const p of positionals) {
    const t = positionalTypes.get(p.name);
    if (!t || t.array !== p.variadic) return undefined;
  }
  if (positionalTypes.size !== positionals.length) return undefined;
  // Optional positionals after a variadic one, or a required one after an optional one, are left to yargs.
  for (let i = 1; i < positionals.length; i++) {
    if (positionals[i - 1]!.variadic || (positionals[i]!.required && !positionals[i - 1]!.required)) return undefined;
  }
  return { options, positionals };
}

const camel = (s: string): string => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A plain non-negative integer, as yargs reads it for a number flag; undefined for anything else. */
function plainNumber(v: string): number | undefined {
  return /^(0|[1-9]\d{0,14})$/.test(v) ? Number(v) : undefined;
}

/** A word yargs reads as a value, not a flag: a negative number. */
const NEGATIVE = /^-([0-9]+(\.[0-9]+)?|\.[0-9]+)$/;

/**
 * The arguments yargs would give `command`'s handler for `argv` (the command
 * line without the command word `word`), or undefined when the line is not
 * plain enough to be sure of that.
 */
export function lightArgs(command: CommandModule<any, any>, word: string, argv: readonly string[]): Record<string, unknown> | undefined {
  const spec = recordSpec(command);
  if (!spec) return undefined;
  const byName = new Map<string, OptSpec>();
  for (const o of spec.options.values()) {
    for (const n of [o.name, ...o.aliases]) {
      if (byName.has(n)) return undefined;
      byName.set(n, o);
    }
  }
  const isWord = (a: string | undefined): boolean => a !== undefined && !a.startsWith('-');
  const given = new Map<OptSpec, unknown>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (isWord(a)) {
      words.push(a);
      continue;
    }
    // Grouped or attached short flags (-Aq, -nfoo, -n=foo), --, -, --no-X, negative numbers: yargs' own reading.
    const m = /^(?:--([a-z][a-z0-9-]*)(?:=([\s\S]*))?|-([a-zA-Z]))$/.exec(a);
    if (!m || a.startsWith('--no-') || a === '--help' || a === '-h') return undefined;
    const o = byName.get(m[1] ?? m[3]!);
    if (!o) return undefined;
    const inline = m[2];
    // yargs strips the quotes around a value given after "=".
    if (inline !== undefined && inline.length > 0 && (inline[0] === '"' || inline[0] === "'") && inline[inline.length - 1] === inline[0]) return undefined;
    if (given.has(o) && !o.array) return undefined;
    let value: unknown;
    if (o.type === 'boolean') {
      // --flag=x, and a bare flag followed by true/false, set the flag from that word.
      if (inline !== undefined || /^(true|false)$/.test(argv[i + 1] ?? '')) return undefined;
      value = true;
    } else {
      let v = inline;
      if (v === undefined) {
        const next = argv[i + 1];
        if (next !== undefined && NEGATIVE.test(next)) return undefined;
        if (next !== undefined && isWord(next)) {
          v = next;
          i++;
        }
      }
      if (o.type === 'number') {
        value = v === undefined ? undefined : plainNumber(v);
        if (value === undefined) return undefined;
      } else if (o.array) {
        // yargs' array flags take every word that follows (and a bare one, or a last --flag=, gives [] or its default).
        if (v === undefined || inline === '' || isWord(argv[i + 1])) return undefined;
        value = [...((given.get(o) as string[] | undefined) ?? []), v];
      } else {
        // A bare string flag is its default, else "".
        value = v ?? ('default' in o ? o.default : '');
      }
    }
    given.set(o, value);
  }
  const required = spec.positionals.filter((p) => p.required).length;
  const variadic = spec.positionals.some((p) => p.variadic);
  if (words.length < required || (!variadic && words.length > spec.positionals.length)) return undefined;

  const args: Record<string, unknown> = { _: [word] };
  const set = (key: string, value: unknown): void => {
    args[key] = value;
    if (key.includes('-')) args[camel(key)] = value;
  };
  for (const o of spec.options.values()) {
    if (!given.has(o) && !('default' in o)) continue;
    const value = given.has(o) ? given.get(o) : o.default;
    set(o.name, value);
    for (const a of o.aliases) set(a, value);
  }
  let at = 0;
  for (const p of spec.positionals) {
    if (p.variadic) {
      set(p.name, words.slice(at));
      at = words.length;
    } else if (at < words.length) set(p.name, words[at++]);
  }
  args.$0 = 'skiff';
  return args;
}
