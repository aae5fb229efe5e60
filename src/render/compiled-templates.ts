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

/** Separates the code from the texts in a stored entry: code never holds a raw NUL (its strings are JSON-escaped). */
const SEPARATOR = '\u0000';

function encode(c: CompiledTemplate): string {
  return `${c.code}${SEPARATOR}${JSON.stringify(c.texts)}`;
}

function decode(entry: string): CompiledTemplate | undefined {
  const at = entry.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  const texts: unknown = JSON.parse(entry.slice(at + 1));
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) return undefined;
  return { code: entry.slice(0, at), texts };
}

/** A template as the engine holds it: the functions of its code for one path. */
export type TemplateSource = { type: 'code'; obj: Record<string, unknown> };

export class CompiledTemplates {
  private readonly byText = new Map<string, CompiledTemplate>();
  private readonly prefix: string;

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
    const key = this.prefix + textKey(text);
    const known = this.byText.get(key);
    if (known !== undefined) return { type: 'code', obj: this.factory(known, path)(path, known.texts) };
    const entry = this.stored !== undefined && Object.hasOwn(this.stored.trees, key) ? this.stored.trees[key] : undefined;
    if (typeof entry !== 'string') return undefined;
    try {
      const c = decode(entry);
      if (c === undefined) return undefined;
      const obj = this.factory(c, path)(path, c.texts);
      this.byText.set(key, c);
      return { type: 'code', obj };
    } catch {
      return undefined; // a damaged entry is compiled again (and replaced)
    }
  }

  /** Keeps what compiling `text` made (a Template compiled from text: its factory is in `byCode`) for this render and the next runs. */
  add(text: string, template: CompiledFrom): void {
    const c = template.skiffCompiled;
    if (c === undefined) return;
    const key = this.prefix + textKey(text);
    this.byText.set(key, c);
    this.stored?.parsed(key, encode(c));
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
