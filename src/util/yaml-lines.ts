// A YAML text indexed by line once (offsets, indentation, content), for the
// fast readers of src/util/fast-yaml.ts and src/repo/index-yaml.ts.

/** The lines of a YAML text, indexed once: offsets, indentation and content. */
export class YamlLines {
  readonly count: number;
  /** Offset of each line's first character; one extra entry for the end. */
  private readonly starts: number[] = [];
  /** Spaces before the content; -1 for a blank or comment-only line, -2 for a line with a tab or a bare CR. */
  readonly indents: Int32Array;
  /** Content after the indentation, without the line break (and without a trailing CR). */
  readonly bodies: string[] = [];

  constructor(readonly text: string) {
    const starts = this.starts;
    starts.push(0);
    for (let p = text.indexOf('\n'); p !== -1; p = text.indexOf('\n', p + 1)) starts.push(p + 1);
    if (text.length > 0 && starts[starts.length - 1] === text.length) starts.pop();
    this.count = starts.length;
    // Sentinel: one past the last line's break (its "\n" when the text ends with one).
    starts.push(text.endsWith('\n') ? text.length : text.length + 1);
    this.indents = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const raw = this.raw(i);
      let sp = 0;
      while (raw.charCodeAt(sp) === 32) sp++;
      const body = raw.slice(sp);
      this.bodies.push(body);
      if (raw.includes('\t') || raw.includes('\r')) this.indents[i] = -2;
      else this.indents[i] = body === '' || body.charCodeAt(0) === 35 /* # */ ? -1 : sp;
    }
  }

  /** Line `i` as written, without its line break (a CRLF's CR removed). */
  raw(i: number): string {
    const end = this.starts[i + 1]! - 1;
    const crlf = end < this.text.length && end > this.starts[i]! && this.text.charCodeAt(end - 1) === 13;
    return this.text.slice(this.starts[i]!, crlf ? end - 1 : end);
  }

  /** The text of lines [from, to), line breaks included. */
  slice(from: number, to: number): string {
    return this.text.slice(this.starts[from]!, Math.min(this.starts[to]!, this.text.length));
  }

  /** Whether line `i` holds only a comment. */
  isComment(i: number): boolean {
    return this.indents[i] === -1 && this.bodies[i]!.charCodeAt(0) === 35;
  }
}
