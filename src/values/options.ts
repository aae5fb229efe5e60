// Building the user-supplied values from -f files and the --set family
// (Helm's pkg/cli/values/options.go MergeValues).
import { readFile as fsReadFile } from 'node:fs/promises';
import type { Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { defaultTrust } from '../tls-trust.js';
import { beforeUndici } from '../util/before-undici.js';
import { parseSet, parseSetFile, parseSetJSON, parseSetLiteral, parseSetString } from './strvals.js';
import { mergeMaps, parseValuesDocuments } from '../chart/values-yaml.js';

export { mergeMaps };

/** The values flags of install/upgrade/template/lint, as typed. */
export interface ValueOptions {
  /** -f/--values: paths, URLs, or `-` for stdin. */
  valueFiles?: string[];
  set?: string[];
  setString?: string[];
  setFile?: string[];
  setJson?: string[];
  setLiteral?: string[];
  /** --set-sensitive: as --set, applied last; the paths are marked sensitive (src/release/sensitive.ts). */
  setSensitive?: string[];
}

/** Where file contents come from (injectable for tests). */
export interface ValueIO {
  readFile?: (p: string) => Promise<string>;
  readStdin?: () => Promise<string>;
}

async function defaultReadFile(p: string): Promise<string> {
  if (/^https?:\/\//i.test(p)) {
    const ca = defaultTrust();
    const { fetch, Agent } = await import('undici');
    beforeUndici();
    try {
      const res = await fetch(p, ca ? { dispatcher: new Agent({ connect: { ca } }) } : {});
      if (!res.ok) throw new ValuesError(`failed to fetch ${p}: ${res.status} ${res.statusText}`);
      return await res.text();
    } catch (err) {
      if (err instanceof ValuesError) throw err;
      // undici says only "fetch failed"; the reason (refused, DNS, TLS) is its cause.
      const cause = (err as { cause?: NodeJS.ErrnoException }).cause;
      const why = cause ? (cause.code && !cause.message.includes(cause.code) ? `${cause.code} ${cause.message}` : cause.message) : (err as Error).message;
      throw new ValuesError(`failed to fetch ${p}: ${why}`, { cause: err });
    }
  }
  try {
    return await fsReadFile(p, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new ValuesError(`open ${p}: ${why}`, { cause: e });
  }
}

async function defaultReadStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Builds the user-supplied values the way Helm does, by flag type and not by
 * position: every -f file left to right (deep merge, rightmost wins, `-` is
 * stdin; the documents of a file merged in order, as Helm 4), then each --set-json, --set, --set-string, --set-file and
 * --set-literal in that order, each written into the result. Throws
 * ValuesError naming the file (with the document, line and column for YAML
 * errors, or when a document is not a map) or the offending --set expression.
 */
export async function mergeValueOptions(opts: ValueOptions, io: ValueIO = {}): Promise<Values> {
  const readFile = io.readFile ?? defaultReadFile;
  const readStdin = io.readStdin ?? defaultReadStdin;
  let stdinUsed: string | undefined;
  const read = async (p: string): Promise<string> => {
    if (p.trim() === '-') {
      stdinUsed ??= await readStdin();
      return stdinUsed;
    }
    return readFile(p);
  };

  let base: Values = {};
  for (const file of opts.valueFiles ?? []) {
    const text = await read(file);
    const name = file.trim() === '-' ? '<stdin>' : file;
    base = mergeMaps(base, parseValuesDocuments(text, name));
  }
  for (const expr of opts.setJson ?? []) parseSetJSON(expr, base);
  for (const expr of opts.set ?? []) parseSet(expr, base);
  for (const expr of opts.setString ?? []) parseSetString(expr, base);
  for (const expr of opts.setFile ?? []) await parseSetFile(expr, base, read);
  for (const expr of opts.setLiteral ?? []) parseSetLiteral(expr, base);
  for (const expr of opts.setSensitive ?? []) parseSet(expr, base);
  return base;
}
