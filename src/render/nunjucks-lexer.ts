// nunjucks' lexer reads template text one character at a time, through four
// method calls and a one-character string concatenation per character; a
// chart's templates are mostly such text, and lexing was most of compiling
// them (the compiled-template cache's cold runs). This replaces its character
// run scan with one that finds the run's end with a loop over the string and
// takes it as one slice, then moves the line and column as nunjucks' forward()
// does character by character: the same tokens at the same positions.

/* eslint-disable @typescript-eslint/no-explicit-any */

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
  const stops = (at: number): boolean => (charString.indexOf(str.charAt(at)) === -1) !== breakOnMatch;
  if (stops(start)) return '';
  let end = start + 1;
  while (end < len && !stops(end)) end++;
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
