// nunjucks' lexer reads template text one character at a time, through four
// method calls and a one-character string concatenation per character; a
// chart's templates are mostly such text, and lexing was most of compiling
// them (the compiled-template cache's cold runs). This replaces its character
// run scan with one that finds the run's end (for template text, with indexOf
// for each delimiter) and takes it as one slice, then moves the line and
// column as nunjucks' forward() does character by character: the same tokens
// at the same positions.

/** Stop sets up to this size are searched with indexOf (larger ones, the short runs of code, character by character). */
const SEARCHED_STOPS = 4;

interface TokenizerState { str: string; index: number; len: number; lineno: number; colno: number }

/**
 * nunjucks' Tokenizer._extractMatching: from the current character, the run
 * of characters that are (breakOnMatch false) or are not (true) in
 * `charString`; '' when the first character ends the run, null at the end.
 */
function extractMatching(this: TokenizerState, breakOnMatch: boolean, charString: string): string | null {
  const { str, len } = this;
  const start = this.index;
  if (start >= len) return null;
  if ((charString.indexOf(str.charAt(start)) === -1) !== breakOnMatch) return '';
  let end = start + 1;
  if (breakOnMatch && charString.length <= SEARCHED_STOPS) {
    // Text up to the next tag delimiter: the nearest of a few characters, each found by indexOf.
    end = len;
    for (let k = 0; k < charString.length; k++) {
      if (charString.indexOf(charString.charAt(k)) !== k) continue;
      const at = str.indexOf(charString.charAt(k), start + 1);
      if (at !== -1 && at < end) end = at;
    }
  } else {
    while (end < len && (charString.indexOf(str.charAt(end)) === -1) === breakOnMatch) end++;
  }
  // forward() per character: a newline passed starts the next line at column 0.
  let lines = 0;
  let lastNewline = -1;
  for (let i = str.indexOf('\n', start); i >= 0 && i < end; i = str.indexOf('\n', i + 1)) {
    lines++;
    lastNewline = i;
  }
  if (lines === 0) this.colno += end - start;
  else {
    this.lineno += lines;
    this.colno = end - 1 - lastNewline;
  }
  this.index = end;
  return str.slice(start, end);
}

/** Installs the scan into nunjucks' lexer (the Tokenizer class of `lexer`, nunjucks/src/lexer). */
export function speedUpLexer(lexer: { lex: (src: string, opts: unknown) => unknown }): void {
  const proto = Object.getPrototypeOf(lexer.lex('', {})) as Record<string, unknown>;
  if (typeof proto._extractMatching !== 'function') throw new Error('nunjucks lexer without _extractMatching');
  proto._extractMatching = extractMatching;
}
