// Parse trees shared by content. Within one render, a library chart's
// _helpers.tpl copied into 100 subcharts, or the same template text under
// several paths, is lexed and parsed once. Across renders, trees stored by
// an earlier run (the compiled-template cache, kept by the parent process
// under $SKIFF_HOME) are decoded instead of parsed, and trees parsed afresh
// are handed back for storing. A tree holds no name-dependent node (names
// live on the Tree wrapper), so a hit is the same nodes under new wrappers
// carrying the new template and file names.
import { hash } from 'node:crypto';
import { parse, type Tree } from './parse.js';
import { decodeTrees, encodeTrees, renamedTree } from './tree-codec.js';

interface Entry {
  /** Name of the main template the text was parsed as. */
  readonly main: string;
  readonly trees: ReadonlyMap<string, Tree>;
}

/** Trees of earlier runs (by text key) and the receiver of trees parsed in this one. */
export interface StoredTrees {
  readonly trees: Readonly<Record<string, string>>;
  /** Called once per text parsed in this run with its key and encoded trees. */
  readonly parsed: (key: string, encoded: string) => void;
}

/** The cache key of a template text: its SHA-256, hex (one-shot: a Hash object per template cost more than the hashing). */
export function textKey(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * A content-keyed cache of successful parses. Only sets whose function
 * names are the same may share one (Go checks function names at parse
 * time), and stored trees must come from the same skiff build. `keep`
 * decides which texts are held in memory (those that occur more than once),
 * so trees of one-off templates still die young.
 */
export class ParseCache {
  private readonly byText = new Map<string, Entry>();
  /** Shape keys whose nodes a stored entry holds (see encodeTrees). */
  private readonly bodied = new Set<string>();

  constructor(private readonly keep: (text: string) => boolean, private readonly stored?: StoredTrees) {}

  /** parse() with lookups first; throws TemplateParseError as parse() does (errors are never cached). */
  parse(name: string, text: string, hasFunction: (name: string) => boolean, parseName: string): Map<string, Tree> {
    // A text that mentions its own template name may `define` that name: its trees are not a renaming away.
    if (text.includes(name)) return parse(name, text, hasFunction, parseName);
    const hit = this.byText.get(text);
    if (hit !== undefined) return rename(hit, name, parseName);
    const trees = this.stored ? this.fromStore(name, text, hasFunction, parseName) : parse(name, text, hasFunction, parseName);
    if (this.keep(text)) this.byText.set(text, { main: name, trees });
    return trees;
  }

  private fromStore(name: string, text: string, hasFunction: (name: string) => boolean, parseName: string): Map<string, Tree> {
    const stored = this.stored!;
    const key = textKey(text);
    const encoded = Object.hasOwn(stored.trees, key) ? stored.trees[key] : undefined;
    if (typeof encoded === 'string') {
      try {
        return decodeTrees(encoded, name, parseName, text, hasFunction, this.bodied);
      } catch {
        // A damaged entry is parsed again (and replaced).
      }
    }
    const shaped = new Map<string, Tree>();
    stored.parsed(key, encodeTrees(name, parse(name, text, hasFunction, parseName), this.bodied, shaped));
    return shaped;
  }
}

/** The cached trees as if parsed under `name` from file `parseName`. */
function rename(hit: Entry, name: string, parseName: string): Map<string, Tree> {
  const out = new Map<string, Tree>();
  for (const [n, tree] of hit.trees) {
    const as = n === hit.main ? name : n;
    out.set(as, renamedTree(tree, as, parseName));
  }
  return out;
}
