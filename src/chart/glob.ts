// Go's filepath.Match (Unix flavour: `\` escapes), as Helm's .helmignore uses
// it, without backtracking. Like Go, the pattern is split into chunks, each
// a run of single-character operators (literals, `?`, classes) optionally
// preceded by `*`; a starred chunk takes the first position where it
// matches (chunks have a fixed length, so the leftmost match is never worse),
// and only the last chunk must also end the name. Matching is therefore
// O(pattern × name) whatever the pattern: `*a*a*a*a*a*a*b` against a
// 200-character name costs a few thousand steps, where a backtracking regex
// never finishes.

/** Go's ErrBadPattern text. */
export const BAD_PATTERN = 'syntax error in pattern';

interface Chunk {
  readonly star: boolean;
  readonly ops: string;
}

/** Splits a pattern as Go's scanChunk does: stars, then everything up to the next star outside a class. */
function scanChunks(pattern: string): Chunk[] {
  const out: Chunk[] = [];
  let p = 0;
  while (p < pattern.length) {
    let star = false;
    while (p < pattern.length && pattern[p] === '*') {
      p++;
      star = true;
    }
    let inRange = false;
    let i = p;
    for (; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\') {
        if (i + 1 < pattern.length) i++;
      } else if (c === '[') inRange = true;
      else if (c === ']') inRange = false;
      else if (c === '*' && !inRange) break;
    }
    out.push({ star, ops: pattern.slice(p, i) });
    p = i;
  }
  return out;
}

/** Go's getEsc: one (possibly escaped) character of a class; returns it and the next index. */
function classChar(ops: string, i: number): [number, number] {
  if (i >= ops.length || ops[i] === '-' || ops[i] === ']') throw new Error(BAD_PATTERN);
  if (ops[i] === '\\') {
    i++;
    if (i >= ops.length) throw new Error(BAD_PATTERN);
  }
  const cp = ops.codePointAt(i)!;
  const next = i + (cp > 0xffff ? 2 : 1);
  if (next >= ops.length) throw new Error(BAD_PATTERN);
  return [cp, next];
}

/**
 * Go's matchChunk: matches `ops` at `name[at]`; returns the index after the
 * match, or -1. The whole chunk is always parsed, so a malformed pattern
 * throws whether or not the name matched so far.
 */
function matchChunk(ops: string, name: string, at: number): number {
  let failed = false;
  let s = at;
  let i = 0;
  while (i < ops.length) {
    if (!failed && s >= name.length) failed = true;
    const c = ops[i];
    if (c === '[') {
      let r = -1;
      if (!failed) {
        r = name.codePointAt(s)!;
        s += r > 0xffff ? 2 : 1;
      }
      i++;
      let negated = false;
      if (i < ops.length && ops[i] === '^') {
        negated = true;
        i++;
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (i < ops.length && ops[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        const [lo, afterLo] = classChar(ops, i);
        let hi = lo;
        i = afterLo;
        if (ops[i] === '-') [hi, i] = classChar(ops, i + 1);
        if (lo <= r && r <= hi) match = true;
        ranges++;
      }
      if (match === negated) failed = true;
    } else if (c === '?') {
      if (!failed) {
        if (name[s] === '/') failed = true;
        s += name.codePointAt(s)! > 0xffff ? 2 : 1;
      }
      i++;
    } else {
      if (c === '\\') {
        i++;
        if (i >= ops.length) throw new Error(BAD_PATTERN);
      }
      if (!failed) {
        if (ops[i] !== name[s]) failed = true;
        s++;
      }
      i++;
    }
  }
  return failed ? -1 : s;
}

/** A compiled pattern: `test(name)` says whether it matches all of `name`. */
export interface Glob {
  test(name: string): boolean;
}

/**
 * Compiles a Go filepath.Match pattern (`*`, `?`, `[...]` with `^` negation
 * and ranges, `\` escapes; `*` and `?` never match `/`). Throws Error
 * "syntax error in pattern" for a malformed pattern, as Go's Match reports it.
 */
export function compileGlob(pattern: string): Glob {
  const chunks = scanChunks(pattern);
  for (const c of chunks) matchChunk(c.ops, '', 0); // parse every chunk once, so errors surface now
  return {
    test(name: string): boolean {
      let pos = 0;
      for (let k = 0; k < chunks.length; k++) {
        const { star, ops } = chunks[k]!;
        const last = k === chunks.length - 1;
        if (star && ops === '') return name.indexOf('/', pos) === -1;
        const t = matchChunk(ops, name, pos);
        if (t >= 0 && (t === name.length || !last)) {
          pos = t;
          continue;
        }
        if (!star) return false;
        let found = -1;
        for (let i = pos; i < name.length && name[i] !== '/'; i++) {
          const t2 = matchChunk(ops, name, i + 1);
          if (t2 >= 0 && (!last || t2 === name.length)) {
            found = t2;
            break;
          }
        }
        if (found < 0) return false;
        pos = found;
      }
      return pos === name.length;
    },
  };
}
