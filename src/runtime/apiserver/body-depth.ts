// How deeply a request body may nest. Every later step (field tracking,
// patches, defaulting, validation) walks objects recursively, and the YAML
// parser recurses while it reads nested collections (running out of stack
// there can abort the whole process): a few kilobytes of brackets must be a
// 400, never a failed request (500) or a crashed server. Manifests, CRD
// schemas included, stay far below the bound.

/** The deepest nesting of arrays and objects a request body may have. */
export const MAX_BODY_DEPTH = 256;

/**
 * Where a JSON or YAML text goes past `limit` levels of nesting: the
 * character there and its offset, or undefined. Counts `[`/`{` outside quoted
 * strings ("..." with backslash escapes; '...' and comments too for YAML); for
 * YAML each line also counts its indentation and leading `- `/`? `/`: `
 * indicators, an upper bound of its block nesting.
 */
export function depthExceeded(text: string, yaml: boolean, limit = MAX_BODY_DEPTH): { char: string; offset: number } | undefined {
  return yaml ? yamlDepthExceeded(text, limit) : jsonDepthExceeded(text, limit);
}

/** JSON: jumps from bracket to bracket (and over strings) with native searches. */
function jsonDepthExceeded(text: string, limit: number): { char: string; offset: number } | undefined {
  const next = /["[\]{}]/g;
  let depth = 0;
  for (let m = next.exec(text); m; m = next.exec(text)) {
    const c = m[0];
    if (c === '"') {
      let end = m.index;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return undefined; // unterminated: the parser reports it
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
      }
      next.lastIndex = end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return { char: c, offset: m.index };
    } else if (depth > 0) depth--;
  }
  return undefined;
}

/** YAML: flow brackets as in JSON, plus each line's indentation and leading block indicators. */
function yamlDepthExceeded(text: string, limit: number): { char: string; offset: number } | undefined {
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text.charCodeAt(j) === 0x20) j++;
      let block = j - i;
      while (/^[-?:](?:[ \t]|$)/m.test(text.slice(j, j + 2))) {
        block++;
        j++;
        while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
      }
      if (depth + block > limit) return { char: text[j] ?? ' ', offset: j };
    }
    const c = text.charCodeAt(i);
    if (c === 0x0a) lineStart = true;
    else if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x27 /* ' */) {
      for (i++; i < text.length; i++) {
        if (text.charCodeAt(i) !== 0x27) continue;
        if (text.charCodeAt(i + 1) === 0x27) i++;
        else break;
      }
    } else if (c === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) i++;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return { char: text[i]!, offset: i };
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}
