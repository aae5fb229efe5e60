// nunjucks templates compiled once per render and kept between renders.
// Compiled code does not depend on the template's path nor on the literal
// text between its tags (both are parameters, see sandbox.ts), so a text is
// compiled once per render wherever it appears (a library's helpers in 100
// subcharts), code shared by several texts is turned into functions once,
// and what an earlier run compiled (the compiled-template cache, kept by the
// parent process under $SKIFF_HOME) is used instead of parsing and compiling.
import type { StoredTrees } from './gotmpl/parse-cache.js';
import { textKey } from './gotmpl/parse-cache.js';
import { templateFactory, type CompiledFrom, type CompiledTemplate, type TemplateFactory } from './sandbox.js';

/**
 * A stored entry is `<code>NUL<texts as JSON>`, or, for a text whose code
 * another entry of the pack holds, `NUL<that entry's key>NUL<texts>` (1,000
 * templates of one structure store their code once). Code never holds a raw
 * NUL: its strings are JSON-escaped.
 */
const NUL = '\u0000';

/** The stored form of `c`; `ref` is the key of an entry holding the same code. */
function encode(c: CompiledTemplate, ref: string | undefined): string {
  return `${ref !== undefined ? NUL + ref : c.code}${NUL}${JSON.stringify(c.texts)}`;
}

/**
 * Reads a stored entry; `codeAt` gives the code of the entry a key names
 * (itself never a reference), one string per code.
 */
function decode(entry: string, key: string, codeAt: (key: string) => string | undefined): CompiledTemplate | undefined {
  const isRef = entry.startsWith(NUL);
  const at = entry.indexOf(NUL, isRef ? 1 : 0);
  if (at < 0) return undefined;
  const code = codeAt(isRef ? entry.slice(1, at) : key);
  if (code === undefined) return undefined;
  const texts: unknown = JSON.parse(entry.slice(at + 1));
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) return undefined;
  return { code, texts };
}

/** A template as the engine holds it: the functions of its code for one path. */
export type TemplateSource = { type: 'code'; obj: Record<string, unknown> };

export class CompiledTemplates {
  private readonly byText = new Map<string, CompiledTemplate>();
  /** For each code, the key of an entry that holds it in full (in the stored pack or stored by this render). */
  private readonly holder = new Map<string, string>();
  /**
   * The code of each stored entry that holds one, by key: every template
   * referring to it gets this one string, so the maps keyed by code hash and
   * compare it once instead of once per template.
   */
  private readonly codes = new Map<string, string>();
  private readonly prefix: string;
  private lastText: string | undefined;
  private lastKey = '';

  /**
   * `strict` (nunjucks' throwOnUndefined) changes the code, so it is part of
   * each key; `byCode` holds the functions made of each code in this render
   * (shared with the Environment, whose templates compiled from text use it too).
   */
  constructor(strict: boolean, private readonly byCode: Map<string, TemplateFactory>, private readonly stored?: StoredTrees) {
    this.prefix = strict ? 'njs:' : 'nj:';
  }

  /**
   * The template of `text` at `path`, from this render's or an earlier run's
   * compilation; undefined when the text has to be compiled (then `add` what
   * compiling it made).
   */
  find(text: string, path: string): TemplateSource | undefined {
    const key = this.keyOf(text);
    const known = this.byText.get(key);
    if (known !== undefined) return { type: 'code', obj: this.factory(known, path)(path, known.texts) };
    const entry = this.entry(key);
    if (entry === undefined) return undefined;
    try {
      const c = decode(entry, key, (k) => this.codeAt(k));
      if (c === undefined) return undefined;
      const obj = this.factory(c, path)(path, c.texts);
      this.byText.set(key, c);
      if (!entry.startsWith(NUL) && !this.holder.has(c.code)) this.holder.set(c.code, key);
      return { type: 'code', obj };
    } catch {
      return undefined; // a damaged entry is compiled again (and replaced)
    }
  }

  /** Keeps what compiling `text` made (a Template compiled from text: its factory is in `byCode`) for this render and the next runs. */
  add(text: string, template: CompiledFrom): void {
    const c = template.skiffCompiled;
    if (c === undefined) return;
    const key = this.keyOf(text);
    this.byText.set(key, c);
    const ref = this.holder.get(c.code);
    if (ref === undefined) this.holder.set(c.code, key);
    this.stored?.parsed(key, encode(c, ref !== key ? ref : undefined));
  }

  /** The key of `text` (the last one is kept: `add` follows a `find` of the same text). */
  private keyOf(text: string): string {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastKey = this.prefix + textKey(text);
    }
    return this.lastKey;
  }

  /** The code the stored entry `key` holds in full; undefined when it is missing or a reference itself. */
  private codeAt(key: string): string | undefined {
    let code = this.codes.get(key);
    if (code === undefined) {
      const target = key.startsWith(this.prefix) ? this.entry(key) : undefined;
      const end = target !== undefined && !target.startsWith(NUL) ? target.indexOf(NUL) : -1;
      if (end < 0) return undefined;
      code = target!.slice(0, end);
      this.codes.set(key, code);
    }
    return code;
  }

  private entry(key: string): string | undefined {
    const e = this.stored !== undefined && Object.hasOwn(this.stored.trees, key) ? this.stored.trees[key] : undefined;
    return typeof e === 'string' ? e : undefined;
  }

  private factory(c: CompiledTemplate, path: string): TemplateFactory {
    let make = this.byCode.get(c.code);
    if (make === undefined) {
      make = templateFactory(c.code, path);
      this.byCode.set(c.code, make);
    }
    return make;
  }
}
