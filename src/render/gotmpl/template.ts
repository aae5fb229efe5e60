// A set of associated templates (Go's *template.Template with its common
// namespace): parse texts into it, look templates up by name, execute one.
// Trees compile to closures on first use and are reused for every execution.
import type { FuncContext, GoFunc } from './func-types.js';
import { compile, type Budget, type Compiled, type ExecEnv, type MissingKey, type ShapeBody, type State } from './exec.js';
import { isEmptyTree } from './ast.js';
import { parse, type Tree } from './parse.js';
import type { ParseCache } from './parse-cache.js';
import { quote as goQuote } from './strconv.js';

/** text/template's builtin function names (always defined). */
export const BUILTINS = new Set(['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'html', 'js', 'urlquery', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'call']);

export interface TemplateSetOptions {
  funcs: Readonly<Record<string, GoFunc>>;
  missingKey?: MissingKey;
  ctx?: FuncContext;
  budget?: Budget;
  /** Name of the set itself (Helm's is "gotpl"), used in "no template" errors. */
  name?: string;
  /** Parses shared by content with other sets of the same function names. */
  parseCache?: ParseCache;
}

/** A template namespace; `parent` (for tpl) is consulted after this set's own templates. */
export class TemplateSet implements ExecEnv {
  readonly trees = new Map<string, Tree>();
  /** Texts parsed on first use (templates that define nothing, outside this render's share). */
  private readonly lazy = new Map<string, string>();
  private readonly compiled = new Map<string, Compiled>();
  /** Closures by tree shape: templates that differ only in text and string literals compile once. */
  private readonly shapes = new Map<string, ShapeBody>();
  funcs: Readonly<Record<string, GoFunc>>;
  readonly missingKey: MissingKey;
  readonly ctx: FuncContext;
  readonly budget?: Budget;
  readonly name: string;
  private readonly parseCache?: ParseCache;

  constructor(opts: TemplateSetOptions, readonly parent?: TemplateSet) {
    this.funcs = opts.funcs;
    this.parseCache = opts.parseCache;
    this.missingKey = opts.missingKey ?? 'default';
    this.ctx = opts.ctx ?? {};
    this.budget = opts.budget;
    this.name = opts.name ?? parent?.name ?? '';
  }

  hasFunction = (name: string): boolean => BUILTINS.has(name) || Object.hasOwn(this.funcs, name);

  /**
   * Parses `text` as template `name` (and its defines) into the set. A
   * template that is empty does not replace an existing one (Go's
   * associate); otherwise the later definition wins. Throws
   * TemplateParseError.
   */
  parse(name: string, text: string, parseName = name): void {
    const trees = this.parseCache ? this.parseCache.parse(name, text, this.hasFunction, parseName) : parse(name, text, this.hasFunction, parseName);
    for (const [n, tree] of trees) {
      const old = this.trees.get(n);
      if (old !== undefined && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
      this.compiled.delete(n);
    }
  }

  /** Registers a template to parse only if it is executed; only for texts without `define`/`block`. */
  parseLater(name: string, text: string): void {
    this.lazy.set(name, text);
  }

  lookup(name: string): Compiled | undefined {
    let c = this.compiled.get(name);
    if (c !== undefined) return c;
    const later = this.lazy.get(name);
    if (later !== undefined) {
      this.lazy.delete(name);
      if (!this.trees.has(name)) this.parse(name, later);
    }
    const tree = this.trees.get(name);
    if (tree === undefined) return this.parent?.lookup(name);
    c = compile(name, tree, () => this, this.shapes);
    this.compiled.set(name, c);
    return c;
  }

  /**
   * Drops the parsed and compiled form of a template that defines nothing
   * once it has run, keeping only its text (parsed again if something
   * executes it later): its tree and closures die young instead of
   * surviving into the old generation for the rest of the render.
   */
  forget(name: string): void {
    const tree = this.trees.get(name);
    if (tree === undefined) return;
    this.trees.delete(name);
    this.compiled.delete(name);
    this.lazy.set(name, tree.text);
  }

  /** Parses template `name` if it was registered with parseLater and never parsed; throws its parse error. */
  parsePendingOne(name: string): void {
    const text = this.lazy.get(name);
    if (text !== undefined && !this.trees.has(name)) parse(name, text, this.hasFunction, name);
  }

  has(name: string): boolean {
    return this.trees.has(name) || this.lazy.has(name) || (this.parent?.has(name) ?? false);
  }

  /** Executes template `name` with `dot`; returns the output. Throws TemplateExecError. */
  execute(name: string, dot: unknown, depth = 0): string {
    const t = this.lookup(name);
    if (t === undefined) throw new Error(`template: no template ${goQuote(name)} associated with template ${goQuote(this.name)}`);
    const st: State = { out: '', depth, env: this };
    t.run(st, dot);
    return st.out;
  }
}
