// .helmignore rules, with Helm's semantics (pkg/ignore): gitignore-like lines,
// `#` comments, `!` negation, a leading `/` anchors to the chart root, a
// trailing `/` matches directories only, a pattern without `/` matches the
// base name, globs follow Go's filepath.Match (glob.ts, linear time) and `**`
// is refused.
import { ChartInvalidError } from '../errors.js';
import { compileGlob, type Glob } from './glob.js';

interface Pattern {
  readonly raw: string;
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly baseOnly: boolean;
  readonly glob: Glob;
}

/** A parsed .helmignore. */
export class IgnoreRules {
  private readonly patterns: Pattern[] = [];

  /** Parses .helmignore text; `file` names it in errors (ChartInvalidError with the line number). */
  static parse(text: string, file = '.helmignore'): IgnoreRules {
    const rules = new IgnoreRules();
    text.split(/\r?\n/).forEach((line, i) => {
      try {
        rules.add(line);
      } catch (err) {
        throw new ChartInvalidError(`${file}:${i + 1}: ${(err as Error).message}: "${line.trim()}"`);
      }
    });
    return rules;
  }

  /** Adds Helm's default rule: dotfiles directly in templates/ are ignored. */
  addDefaults(): this {
    this.add('templates/.?*');
    return this;
  }

  /** Adds one rule line; throws Error on `**` or a malformed glob. */
  add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    const raw = rule;
    let negate = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    let mustDir = false;
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let baseOnly = false;
    if (rule.startsWith('/')) rule = rule.slice(1);
    else if (!rule.includes('/')) baseOnly = true;
    this.patterns.push({ raw, negate, mustDir, baseOnly, glob: compileGlob(rule) });
  }

  get size(): number {
    return this.patterns.length;
  }

  /**
   * Whether `path` (relative to the chart root, forward slashes) is ignored.
   * Rules are evaluated in order and the first decisive one wins, exactly as
   * Helm does: a negated rule that does not match the path ignores it.
   */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    const clean = path.replace(/\/+$/, '');
    for (const p of this.patterns) {
      const subject = p.baseOnly ? clean.slice(clean.lastIndexOf('/') + 1) : clean;
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.glob.test(subject)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.glob.test(subject)) return true;
    }
    return false;
  }
}
