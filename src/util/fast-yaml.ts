// A fast reader for the block YAML that Helm (Go's yaml.v2), chart
// repositories and skiff write for repository indexes: block maps and "- "
// sequences, plain, single- and double-quoted scalars — on one line or folded
// over several, as yaml.v2 wraps long strings at 80 columns — literal block
// scalars (with chomping and indentation indicators), comments, [] and {}.
// It reads lines in one pass without backtracking, so its time is linear in
// the input. Anything outside that subset (anchors, tags, flow maps, tabs,
// ...) makes it decline (undefined); callers then
// use the full YAML parser, which also produces the positioned error
// messages, so it never decides what is valid YAML.
// Plain scalars are read by YAML 1.2's core schema unless the caller passes
// its own (PlainScalars): Chart.yaml and values.yaml (src/chart/fast-chart-yaml.ts)
// use it to read only what their schema leaves no doubt about.

import { YamlLines } from './yaml-lines.js';

export { YamlLines };

class Bail extends Error {}
const BAIL = new Bail();
function bail(): never {
  throw BAIL;
}

export const INT = /^[-+]?(0|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const KEY_START = /[#{}[\],&*!|>'"%@`]/;

/** Returned by PlainScalars.value to make the reader decline the whole text. */
export const DECLINE: unique symbol = Symbol('decline');

/** How plain scalars resolve (the caller's YAML schema). */
export interface PlainScalars {
  /** The value of plain scalar `s` (already checked for YAML syntax), or DECLINE. */
  value(s: string): unknown;
  /** Whether plain key `k` is read as the string it is written as (a key the schema resolves otherwise declines). */
  keyIsString(k: string): boolean;
}

/** A plain scalar under `schema`: the structural checks of plain(), then the schema's reading. */
function plainWith(s: string, schema: PlainScalars | undefined): unknown {
  if (!schema) return plain(s);
  if (INDICATOR.test(s) && !/^-[^\s]/.test(s)) bail();
  if (s.includes(' #') || s.includes(': ') || s.endsWith(':')) bail();
  const v = schema.value(s);
  if (v === DECLINE) bail();
  return v;
}

/** A plain scalar by YAML 1.2's core schema; bails (inside fastYaml's reading only) on what the reader leaves to the full parser. */
export function plain(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INT.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  if (FLOAT.test(s)) return Number(s);
  if (INDICATOR.test(s) && !/^-[^\s]/.test(s)) bail();
  if (s.includes(' #') || s.includes(': ') || s.endsWith(':') || /^[-+]?\.(inf|nan)$/i.test(s) || /^0[xo]/.test(s)) bail();
  return s;
}

/** Index of the quote closing a single-quoted scalar that starts before `from`, or -1. */
function singleClose(s: string, from: number): number {
  for (let k = s.indexOf("'", from); k !== -1; k = s.indexOf("'", k + 2)) if (s.charCodeAt(k + 1) !== 39) return k;
  return -1;
}

/** Index of the quote closing a double-quoted scalar that starts before `from`, or -1. */
function doubleClose(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 34) return k;
  }
  return -1;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Decodes the escapes of a double-quoted scalar's content (YAML 1.2's table). */
function unescapeDouble(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let last = 0;
  for (let k = s.indexOf('\\'); k !== -1; k = s.indexOf('\\', last)) {
    out += s.slice(last, k);
    const e = s[k + 1];
    if (e === undefined) bail();
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      last = k + 2;
      continue;
    }
    const n = HEX_LEN[e];
    const hex = n ? s.slice(k + 2, k + 2 + n) : '';
    if (!n || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) bail();
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) bail();
    out += String.fromCodePoint(cp);
    last = k + 2 + n;
  }
  return out + s.slice(last);
}

/**
 * A one-line flow list ("[a, b]", `["ALL"]`, "[ ]") of plain scalars and of
 * quoted strings without escapes; anything richer (nesting, escapes, a `#`,
 * an empty item) is left to the full parser.
 */
function flowList(s: string, schema: PlainScalars | undefined): unknown[] {
  if (!s.endsWith(']')) bail();
  const inner = s.slice(1, -1);
  if (/[[\]{}#\\]/.test(inner)) bail();
  const out: unknown[] = [];
  if (inner.trim() === '') return out;
  let k = 0;
  const skipSpaces = () => {
    while (inner.charCodeAt(k) === 32) k++;
  };
  for (;;) {
    skipSpaces();
    const q = inner[k];
    if (q === '"' || q === "'") {
      const close = inner.indexOf(q, k + 1);
      // '' inside a single-quoted item is an escaped quote: left to the full parser.
      if (close < 0 || inner[close + 1] === q) bail();
      out.push(inner.slice(k + 1, close));
      k = close + 1;
    } else {
      let end = inner.indexOf(',', k);
      if (end < 0) end = inner.length;
      const t = inner.slice(k, end).trim();
      if (t === '' || t.includes(':') || t.includes('"') || t.includes("'")) bail();
      out.push(plainWith(t, schema));
      k = end;
    }
    skipSpaces();
    if (k === inner.length) return out;
    if (inner[k] !== ',') bail();
    k++;
  }
}

/**
 * The content of a folded (`>`) block from its first `count` lines (indentation
 * removed): a break between two plain lines becomes a space, empty lines
 * become newlines, and breaks next to more-indented lines are kept.
 */
function fold(lines: readonly string[], count: number): string {
  let out = '';
  let empty = 0;
  let started = false;
  let prevMore = false;
  for (let k = 0; k < count; k++) {
    const line = lines[k]!;
    if (line === '') {
      empty++;
      continue;
    }
    const more = line[0] === ' ';
    if (!started) out += '\n'.repeat(empty);
    else if (more || prevMore) out += '\n'.repeat(empty + 1);
    else out += empty === 0 ? ' ' : '\n'.repeat(empty);
    out += line;
    started = true;
    prevMore = more;
    empty = 0;
  }
  return out;
}

/** What may follow a closing quote on its line: nothing, or a comment. */
function onlyCommentAfter(s: string): boolean {
  const t = s.trimStart();
  return t === '' || (t.startsWith('#') && t.length < s.length);
}

class Reader {
  private i: number;

  constructor(
    private readonly lines: YamlLines,
    start: number,
    private readonly end: number,
    private readonly schema?: PlainScalars,
  ) {
    this.i = start;
  }

  private skipBlank(): void {
    while (this.i < this.end && this.lines.indents[this.i] === -1) this.i++;
  }

  /** Reads the whole range as one node; bails unless it is exactly one block map or sequence. */
  document(): unknown {
    this.skipBlank();
    if (this.i >= this.end) bail();
    const indent = this.lines.indents[this.i]!;
    if (indent < 0) bail();
    const body = this.lines.bodies[this.i]!;
    const result = body.startsWith('- ') || body === '-' ? this.seq(indent) : this.map(indent);
    this.skipBlank();
    if (this.i < this.end) bail();
    return result;
  }

  keyOf(t: string): [string, string] {
    return this.splitKey(t);
  }

  private splitKey(t: string): [string, string] {
    let key: string;
    let rest: string;
    if (t.startsWith('"') || t.startsWith("'")) {
      const close = t[0] === '"' ? doubleClose(t, 1) : singleClose(t, 1);
      if (close === -1 || t[close + 1] !== ':') bail();
      key = t[0] === '"' ? unescapeDouble(t.slice(1, close)) : t.slice(1, close).replace(/''/g, "'");
      rest = t.slice(close + 2);
      if (rest !== '' && !rest.startsWith(' ')) bail();
    } else {
      const at = t.indexOf(': ');
      if (at === -1) {
        if (!t.endsWith(':')) bail();
        key = t.slice(0, -1);
        rest = '';
      } else {
        key = t.slice(0, at);
        rest = t.slice(at + 2);
      }
      if (KEY_START.test(key[0] ?? '') || key.includes(' #') || key.endsWith(' ') || key === '' || (key[0] === '-' && (key.length === 1 || key[1] === ' ')) || key[0] === '?' || key[0] === ':') bail();
      if (this.schema && !this.schema.keyIsString(key)) bail();
    }
    rest = rest.trimStart();
    if (rest.startsWith('#')) rest = '';
    return [key, rest];
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipBlank();
      if (this.i >= this.end) return out;
      const ind = this.lines.indents[this.i]!;
      if (ind === -2) bail();
      if (ind < indent) return out;
      const body = this.lines.bodies[this.i]!;
      if (ind > indent || body.startsWith('- ') || body === '-') bail();
      const [k, rest] = this.splitKey(body);
      if (Object.prototype.hasOwnProperty.call(out, k) || k === '__proto__' || k === '<<') bail();
      this.i++;
      out[k] = this.value(rest, indent, false);
    }
  }

  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.end) return out;
      const ind = this.lines.indents[this.i]!;
      if (ind === -2) bail();
      if (ind < indent) return out;
      if (ind > indent) bail();
      const body = this.lines.bodies[this.i]!;
      if (!(body.startsWith('- ') || body === '-')) return out;
      const rest = body === '-' ? '' : body.slice(2).trimStart();
      const itemIndent = indent + (body.length - rest.length);
      if (rest !== '' && !rest.startsWith('|') && !rest.startsWith('>') && !rest.startsWith('[') && !rest.startsWith('{') && /^("[^"]*"|'[^']*'|[^"'\s#][^:]*?):( |$)/.test(rest)) {
        // "- key: value" starts a map whose keys sit at itemIndent: read that first line as if it stood alone.
        const [k, first] = this.splitKey(rest);
        if (k === '__proto__' || k === '<<') bail();
        this.i++;
        const item: Record<string, unknown> = { [k]: this.value(first, itemIndent, false) };
        const more = this.map(itemIndent);
        for (const key of Object.keys(more)) {
          if (Object.prototype.hasOwnProperty.call(item, key)) bail();
          item[key] = more[key];
        }
        out.push(item);
      } else {
        this.i++;
        out.push(this.value(rest, indent, true));
      }
    }
  }

  /** The value after "key:" or "- " (already consumed); `parent` is the indentation of the collection holding it. */
  private value(rest: string, parent: number, inSeq: boolean): unknown {
    if (rest === '') {
      this.skipBlank();
      if (this.i >= this.end) return null;
      const ind = this.lines.indents[this.i]!;
      if (ind === -2) bail();
      const body = this.lines.bodies[this.i]!;
      if (body.startsWith('- ') || body === '-') {
        if (ind < parent || (inSeq && ind === parent)) return null;
        return this.seq(ind);
      }
      if (ind > parent) return this.map(ind);
      return null;
    }
    const c = rest[0];
    if (c === '|' || c === '>') return this.literal(rest, parent, inSeq);
    if (c === '"') return this.doubleQuoted(rest, parent);
    if (c === "'") return this.singleQuoted(rest, parent);
    if (rest === '[]' || rest === '{}') return rest === '[]' ? [] : {};
    if (c === '[') return flowList(rest, this.schema);
    if (/^\{ +\}$/.test(rest)) return {};
    if (c === '&' || c === '*' || c === '!' || c === '{') bail();
    return this.plainScalar(rest, parent);
  }

  /** Lines after the current one that continue a flow scalar (deeper than `parent`), folded as YAML folds them. */
  private plainScalar(first: string, parent: number): unknown {
    let out = first.trimEnd();
    let blanks = 0;
    for (let j = this.i; j < this.end; j++) {
      const ind = this.lines.indents[j]!;
      if (ind === -2) bail();
      if (ind === -1) {
        if (this.lines.isComment(j)) break;
        blanks++;
        continue;
      }
      if (ind <= parent) break;
      const body = this.lines.bodies[j]!.trimEnd();
      if (INDICATOR.test(body) || body.includes(': ') || body.endsWith(':') || body.includes(' #')) bail();
      out += (blanks ? '\n'.repeat(blanks) : ' ') + body;
      blanks = 0;
      this.i = j + 1;
    }
    return plainWith(out, this.schema);
  }

  private singleQuoted(first: string, parent: number): string {
    const close = singleClose(first, 1);
    if (close !== -1) {
      if (!onlyCommentAfter(first.slice(close + 1))) bail();
      return first.slice(1, close).replace(/''/g, "'");
    }
    let out = first.slice(1).trimEnd();
    let blanks = 0;
    for (let j = this.i; j < this.end; j++) {
      const raw = this.lines.raw(j);
      const body = raw.trim();
      if (body === '') {
        blanks++;
        continue;
      }
      if (raw.length - raw.trimStart().length <= parent || raw.includes('\t')) bail();
      const sep = blanks ? '\n'.repeat(blanks) : ' ';
      blanks = 0;
      const end = singleClose(body, 0);
      if (end === -1) {
        out += sep + body;
        continue;
      }
      if (!onlyCommentAfter(body.slice(end + 1))) bail();
      this.i = j + 1;
      return (out + sep + body.slice(0, end)).replace(/''/g, "'");
    }
    return bail();
  }

  private doubleQuoted(first: string, parent: number): string {
    const close = doubleClose(first, 1);
    if (close !== -1) {
      if (!onlyCommentAfter(first.slice(close + 1))) bail();
      return unescapeDouble(first.slice(1, close));
    }
    let out = '';
    let pending = first.slice(1);
    let blanks = 0;
    for (let j = this.i; j < this.end; j++) {
      const raw = this.lines.raw(j);
      const body = raw.trim();
      if (body === '') {
        blanks++;
        continue;
      }
      if (raw.length - raw.trimStart().length <= parent || raw.includes('\t')) bail();
      // The break after `pending`: escaped (a trailing odd run of backslashes) joins the lines directly.
      const trimmed = pending.trimEnd();
      const slashes = trimmed.length - trimmed.replace(/\\+$/, '').length;
      if (slashes % 2 === 1) {
        if (trimmed !== pending) bail(); // "\ " before the break: leave such spacing to the full parser
        out += pending.slice(0, -1) + '\n'.repeat(blanks);
      } else out += trimmed + (blanks ? '\n'.repeat(blanks) : ' ');
      blanks = 0;
      const end = doubleClose(body, 0);
      if (end === -1) {
        pending = body;
        continue;
      }
      if (!onlyCommentAfter(body.slice(end + 1))) bail();
      this.i = j + 1;
      return unescapeDouble(out + body.slice(0, end));
    }
    return bail();
  }

  /** A block scalar, literal (`|`, `|-`, `|+`, `|2-` ...) or folded (`>` ...). */
  private literal(header: string, parent: number, inSeq: boolean): string {
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)(?:\s+#.*)?\s*$/.exec(header);
    if (!m || (m[2] && m[4])) bail();
    const folded = m[1] === '>';
    const chomp = m[2] || m[4];
    let ind = -1;
    if (m[3]) {
      if (inSeq) bail();
      ind = parent + Number(m[3]);
    }
    const body: string[] = [];
    let j = this.i;
    for (; j < this.end; j++) {
      const raw = this.lines.raw(j);
      let sp = 0;
      while (raw.charCodeAt(sp) === 32) sp++;
      if (sp === raw.length) {
        body.push(ind >= 0 && raw.length > ind ? raw.slice(ind) : '');
        continue;
      }
      if (ind === -1) {
        if (sp <= parent) break;
        ind = sp;
      }
      if (sp < ind) {
        if (sp > parent && raw.charCodeAt(sp) !== 35) bail();
        break;
      }
      body.push(raw.slice(ind));
    }
    this.i = j;
    let last = body.length;
    while (last > 0 && body[last - 1] === '') last--;
    const content = folded ? fold(body, last) : body.slice(0, last).join('\n');
    if (chomp === '-') return content;
    if (last === 0) return chomp === '+' ? '\n'.repeat(body.length) : '';
    return content + '\n' + (chomp === '+' ? '\n'.repeat(body.length - last) : '');
  }
}

/** Splits a map line ("key: rest") as the fast reader does; undefined when the key is outside its subset. */
export function splitKeyLine(lines: YamlLines, line: number): [string, string] | undefined {
  try {
    return new Reader(lines, line, line + 1).keyOf(lines.bodies[line]!);
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}

/**
 * Reads lines [start, end) of `lines` as one block map or sequence (its
 * indentation taken from its first line); undefined when anything in it is
 * outside the fast reader's subset.
 */
export function readBlock(lines: YamlLines, start: number, end: number, schema?: PlainScalars): unknown {
  try {
    return new Reader(lines, start, end, schema).document();
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}

/**
 * Parses `text` if it is entirely in the simple subset (one document,
 * optionally opened by "---"), plain scalars read by `schema` (default: YAML
 * 1.2 core); undefined otherwise.
 */
export function fastYaml(text: string, schema?: PlainScalars): unknown {
  const lines = new YamlLines(text);
  let start = 0;
  while (start < lines.count && lines.indents[start] === -1) start++;
  if (start < lines.count && lines.bodies[start] === '---' && lines.indents[start] === 0) start++;
  let end = lines.count;
  for (let i = start; i < lines.count; i++) {
    if (lines.indents[i] !== 0) continue;
    const b = lines.bodies[i]!;
    if (b === '...') {
      end = i;
      for (let k = i + 1; k < lines.count; k++) if (lines.indents[k] !== -1) return undefined;
      break;
    }
    if (b.startsWith('---') || b.startsWith('%')) return undefined;
  }
  return readBlock(lines, start, end, schema);
}
