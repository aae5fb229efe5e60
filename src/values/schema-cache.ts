// Compiled values.schema.json validators kept between runs. Ajv turns a
// schema into JavaScript: for a large chart schema (Bitnami's run to tens of
// kilobytes) loading Ajv, checking the schema against its draft's meta-schema
// and generating the code was half or more of the CLI's own CPU in a `template`,
// `install` or `lint` of such a chart. The code Ajv generated
// the first time is stored as a module of its own (Ajv's standalone form) and
// later runs evaluate it instead, without loading Ajv.
//
// Layout: <dir>/<build>-<schema>.js (folder 0700, files 0600), where <build>
// hashes skiff's version, the cache format and the versions of Ajv and its
// plugins (the generated code calls their runtime helpers), and <schema> is
// the SHA-256 of the draft and the schema's JSON text. Entries of other builds
// are removed when a new entry is written. A file that does not evaluate to a
// validator is ignored and compiled again. The code runs in skiff's own
// process, as Ajv's freshly generated code does: the cache lives under
// $SKIFF_HOME, which only its owner can write.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { SKIFF_VERSION } from '../version.js';
import { usablePrivateDir, writePrivateFile } from '../util/private-dir.js';

const FORMAT = 1;
const lazyRequire = createRequire(import.meta.url);

// The modules generated code may require: Ajv's runtime helpers and the format checkers of ajv-formats.
const RUNTIME = /^ajv(?:-formats|-draft-04)?\/dist\/[A-Za-z0-9_/.-]+$/;

let build: string | undefined;

function packageVersion(name: string): string {
  try {
    return String((lazyRequire(`${name}/package.json`) as { version?: unknown }).version);
  } catch {
    return '';
  }
}

function buildTag(): string {
  build ??= createHash('sha256')
    .update([SKIFF_VERSION, String(FORMAT), ...['ajv', 'ajv-formats', 'ajv-draft-04'].map(packageVersion)].join('\0'))
    .digest('hex')
    .slice(0, 16);
  return build;
}

/** The cache key of a schema's JSON text compiled for `draft`. */
export function schemaKey(draft: string, text: string): string {
  return createHash('sha256').update(`${draft}\0${text}`).digest('hex').slice(0, 40);
}

function requireRuntime(id: string): unknown {
  if (!RUNTIME.test(id) || id.includes('..')) throw new Error(`a cached schema validator asked for "${id}"`);
  return lazyRequire(id);
}

/** Evaluates a standalone validator module's source; undefined when it does not yield a validate function. */
export function evaluateValidator(source: string): ValidateFunction | undefined {
  try {
    const module = { exports: {} as unknown };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('module', 'exports', 'require', source)(module, module.exports, requireRuntime);
    const fn = module.exports as ValidateFunction;
    return typeof fn === 'function' ? fn : undefined;
  } catch {
    return undefined;
  }
}

/** Compiled validators on disk under `dir`. Never throws: a cache that cannot be read or written is no cache. */
export class SchemaValidatorCache {
  private checked: boolean | undefined;

  constructor(private readonly dir: string) {}

  /** Whether the folder is ours and private (created 0700 if missing): its modules run in this process, so one others could write is not used. */
  private private(): boolean {
    this.checked ??= usablePrivateDir(this.dir);
    return this.checked;
  }

  private file(key: string): string {
    return join(this.dir, `${buildTag()}-${key}.js`);
  }

  /** The stored validator of `key`, or undefined (none, unreadable, or not a validator). */
  get(key: string): ValidateFunction | undefined {
    if (!this.private()) return undefined;
    let source: string;
    try {
      source = readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    return evaluateValidator(source);
  }

  /** Stores a validator's standalone source under `key` (written whole, then renamed into place). */
  put(key: string, source: string): void {
    try {
      if (!this.private()) return;
      const prefix = `${buildTag()}-`;
      for (const name of readdirSync(this.dir)) {
        if (!name.startsWith(prefix)) rmSync(join(this.dir, name), { force: true });
      }
      writePrivateFile(this.file(key), source);
    } catch {
      // A read-only or full disk only costs the next run a compile.
    }
  }
}

let cacheDir: string | undefined;
let current: SchemaValidatorCache | undefined;

/**
 * Keeps compiled validators under `dir` between runs, or stops (undefined).
 * The CLI sets $SKIFF_HOME/cache/schemas. Here rather than in schema.ts so
 * that setting it loads nothing of the values code.
 */
export function useSchemaCache(dir: string | undefined): void {
  cacheDir = dir;
  current = undefined;
}

/** The cache set by useSchemaCache, if any. */
export function schemaCache(): SchemaValidatorCache | undefined {
  if (cacheDir === undefined) return undefined;
  current ??= new SchemaValidatorCache(cacheDir);
  return current;
}
