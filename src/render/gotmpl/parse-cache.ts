// Parse trees shared by content within one render: a library chart's
// _helpers.tpl copied into 100 subcharts, or the same template text under
// several paths, is lexed and parsed once. A tree holds no name-dependent
// node (names live on the Tree wrapper), so a hit is the same nodes under new
// wrappers carrying the new template and file names.
import { parse, type Tree } from './parse.js';

interface Entry {
  /** Name of the main template the text was parsed as. */
  readonly main: string;
  readonly trees: ReadonlyMap<string, Tree>;
}

/**
 * A content-keyed cache of successful parses. Only sets whose function
 * names are the same may share one (Go checks function names at parse
 * time). `keep` decides which texts are held in memory (those that occur
 * more than once), so trees of one-off templates still die young.
 */
export class ParseCache {
  private readonly byText = new Map<string, Entry>();

  constructor(private readonly keep: (text: string) => boolean) {}

  /** parse() with lookups first; throws TemplateParseError as parse() does (errors are never cached). */
  parse(name: string, text: string, hasFunction: (name: string) => boolean, parseName: string): Map<string, Tree> {
    // A text that mentions its own template name may `define` that name: its trees are not a renaming away.
    if (text.includes(name)) return parse(name, text, hasFunction, parseName);
    const hit = this.byText.get(text);
    if (hit !== undefined) return rename(hit, name, parseName);
    const trees = parse(name, text, hasFunction, parseName);
    if (this.keep(text)) this.byText.set(text, { main: name, trees });
    return trees;
  }
}

/** The cached trees as if parsed under `name` from file `parseName`. */
function rename(hit: Entry, name: string, parseName: string): Map<string, Tree> {
  const out = new Map<string, Tree>();
  for (const [n, tree] of hit.trees) {
    const as = n === hit.main ? name : n;
    out.set(as, { name: as, parseName, root: tree.root, text: tree.text });
  }
  return out;
}
