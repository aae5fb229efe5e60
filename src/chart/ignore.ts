// .helmignore rules, with Helm's semantics (pkg/ignore): gitignore-like lines,
// `#` comments, `!` negation, a leading `/` anchors to the chart root, a
// trailing `/` matches directories only, a pattern without `/` matches the
// base name, globs follow Go's filepath.Match and `**` is refused.
import { ChartInvalidError } from '../errors.js';

interface Pattern {
  readonly raw: string;
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly baseOnly: boolean;
  readonly re: RegExp;
}

/** Translates a Go filepath.Match pattern to an anchored RegExp; throws on a malformed pattern. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= glob.length) throw new Error('syntax error in pattern');
      re += escapeRe(glob[i]!);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '';
      if (glob[j] === '^') {
        cls += '^';
        j++;
      }
      let first = true;
      while (j < glob.length && (glob[j] !== ']' || first)) {
        if (glob[j] === ']' && first) throw new Error('syntax error in pattern');
        first = false;
        if (glob[j] === '\\') {
          j++;
          if (j >= glob.length) throw new Error('syntax error in pattern');
        }
        cls += escapeClass(glob[j]!);
        j++;
        if (glob[j] === '-' && glob[j + 1] !== ']' && j + 1 < glob.length) {
          j++;
          if (glob[j] === '\\') j++;
          cls += '-' + escapeClass(glob[j]!);
          j++;
        }
      }
      if (j >= glob.length) throw new Error('syntax error in pattern');
      re += `(?!/)[${cls}]`;
      i = j;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

function escapeClass(c: string): string {
  return /[\]\\^-]/.test(c) ? '\\' + c : c;
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
    this.patterns.push({ raw, negate, mustDir, baseOnly, re: globToRegExp(rule) });
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
        if (!p.re.test(subject)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.re.test(subject)) return true;
    }
    return false;
  }
}
