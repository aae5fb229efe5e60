// A fast path for reading a manifest's head (apiVersion, kind, metadata.name,
// namespace, annotations) from the plain block YAML that charts overwhelmingly
// produce. It is deliberately conservative: it accepts a document only when
// every line is a simple mapping entry, sequence item, comment or block-scalar
// body with consistent indentation, and returns undefined for anything else
// (flow collections, anchors, tags, quoting with escapes, multi-line plain
// scalars, odd indentation or whitespace, a head field given twice as a
// collection ...), in which case the full YAML parser decides — including on
// what is an error and where.
//
// Every document a chart renders passes through here while the render
// processes stream, so it reads the document in place: sticky regular
// expressions check each line where it is, a run of sibling `key: value` lines
// (or `- value` items) outside the head is checked by one match, and no
// string is made but the head's own fields.

export interface FastHead {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  annotations: Record<string, string>;
}

// Whitespace other than space and newline, which JavaScript's trim and YAML
// treat differently (a non-breaking space is text to YAML): handed back whole.
const ODD_SPACE = /[\t\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

// The pieces of a simple line. A plain key and its colon (then a space or the line's end):
const KEY_SRC = '[A-Za-z0-9_][A-Za-z0-9_./-]*:(?= |\\n|$)';
// A one-line scalar. Double-quoted without escapes, single-quoted without '':
const DQ_SRC = '"[^"\\\\\\n]*"';
const SQ_SRC = "'[^'\\n]*'";
// A one-line flow sequence of simple items (`args: ["--debug", x]`, common in container specs), or `{}`:
const FLOW_ITEM = `(?:${DQ_SRC}|${SQ_SRC}|[A-Za-z0-9_][A-Za-z0-9_./=-]*)`;
const FLOW_SRC = `\\{\\}|\\[ *(?:${FLOW_ITEM} *(?:, *${FLOW_ITEM} *)*)?\\]`;
// Plain: not starting with a space or an indicator, no `: `, no ` #`, not ending in `:` (spaces after it are the line's).
// Written as runs of ordinary characters between the `:` and `#` that may stand, so that a long line does not
// grow the regular expression engine's backtracking stack by a frame per character.
const PLAIN_SRC = '(?=[^ \\n])(?![,[\\]{}#&*!|>%@`"\']|[-?:](?: |\\n|$))[^\\n:#]*(?:(?::(?=[^ \\n])|(?<! )#)[^\\n:#]*)*';
const LINE_END = ' *(?:\\n|$)';

const KEY = new RegExp(KEY_SRC, 'y');
const DOUBLE_QUOTED = new RegExp(DQ_SRC + LINE_END, 'y');
const SINGLE_QUOTED = new RegExp(SQ_SRC + LINE_END, 'y');
const FLOW = new RegExp(`(?:${FLOW_SRC})${LINE_END}`, 'y');
const PLAIN = new RegExp(PLAIN_SRC + LINE_END, 'y');
// What may follow `key:` for a block scalar: `|`, `>`, with an optional chomping indicator.
const BLOCK_SCALAR = new RegExp(`[|>][-+]?${LINE_END}`, 'y');
const VALUE_SRC = `(?:${DQ_SRC}|${SQ_SRC}|${FLOW_SRC}|${PLAIN_SRC})${LINE_END}`;
const NON_STRING = /^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?\.?[0-9].*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

// Runs of sibling lines at one indentation, by indentation: `key: value` lines and `- value` items (not `- key: ...`).
const mapRuns: RegExp[] = [];
const RUN = 200;
const seqRuns: RegExp[] = [];

/** Where the run of simple sibling lines at `indent` starting at `from` ends. */
function skipRun(runs: RegExp[], seq: boolean, doc: string, from: number, indent: number): number {
  if (indent > 64 || from >= doc.length) return from;
  let re = runs[indent];
  if (re === undefined) {
    const line = seq ? `- (?!${KEY_SRC})${VALUE_SRC}` : `${KEY_SRC} +${VALUE_SRC}`;
    // At most RUN lines at a time (each one a frame on the engine's backtracking stack); the scan takes up the next run.
    re = runs[indent] = new RegExp(`(?: {${indent}}${line}){0,${RUN}}`, 'y');
  }
  re.lastIndex = from;
  try {
    return re.test(doc) ? re.lastIndex : from;
  } catch {
    return from; // the engine's stack ran out (a line of many thousand `:`s): the lines are read one by one
  }
}

/** Kinds of scalar a value was read as. */
const enum Scalar { Invalid, Plain, Quoted, Flow }

/** Checks the one-line scalar from `at` to `end` (the line without its trailing spaces): what it is, or Invalid. */
function scalarAt(doc: string, at: number, end: number): Scalar {
  const c = doc.charCodeAt(at);
  let re = PLAIN;
  let kind = Scalar.Plain;
  if (c === 34 /* " */) { re = DOUBLE_QUOTED; kind = Scalar.Quoted; }
  else if (c === 39 /* ' */) { re = SINGLE_QUOTED; kind = Scalar.Quoted; }
  else if (c === 91 /* [ */ || c === 123 /* { */) { re = FLOW; kind = Scalar.Flow; }
  else if (end - at > LONG) return longPlain(doc, at, end) ? kind : Scalar.Invalid;
  re.lastIndex = at;
  try {
    return re.test(doc) ? kind : Scalar.Invalid;
  } catch {
    return Scalar.Invalid; // the engine's stack ran out: the full parser reads the line
  }
}

/** A line this long is checked with string searches (PLAIN's engine stack grows with each `:` and `#`). */
const LONG = 1000;

/** PLAIN for a long value, with string searches. */
function longPlain(doc: string, at: number, end: number): boolean {
  const c = doc.charCodeAt(at);
  if (' ,[]{}#&*!|>%@`"\''.includes(doc[at]!)) return false;
  if ((c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) && doc.charCodeAt(at + 1) === 32) return false;
  const v = doc.slice(at, end);
  return !v.includes(': ') && !v.endsWith(':') && !v.includes(' #');
}

export function fastHead(doc: string): FastHead | undefined {
  if (doc.startsWith('---') || doc.startsWith('%') || ODD_SPACE.test(doc)) return undefined;
  // The open collections, innermost at `top`: indentation, sequence or mapping,
  // the depth of their path and its first two names ("-" for a sequence item),
  // and whether a sequence sits at its key's own indentation (`key:\n- a`).
  const indents: number[] = [];
  const seqs: boolean[] = [];
  const depths: number[] = [];
  const firsts: string[] = [];
  const seconds: string[] = [];
  const sameIndent: boolean[] = [];
  let top = -1;
  let apiVersion: string | undefined;
  let kind: string | undefined;
  let name = '';
  let namespace: string | undefined;
  let sawMetadata = false;
  let sawAnnotations = false;
  const annotations: Record<string, string> = {};
  // A `key:` (or `-`) awaiting its block: its indentation, path, and whether a sequence may sit at that indentation.
  let openIndent = -1;
  let openDepth = 0;
  let openFirst = '';
  let openSecond = '';
  let openSeqSame = false;
  let openHead = false;
  let blockScalarIndent = -1; // > -1 while skipping a block scalar's body (lines indented deeper than this)
  let blockContentIndent = -1; // the body's indentation, set by its first non-empty line
  const length = doc.length;
  let next = 0;
  while (next <= length) {
    const start = next;
    let lineEnd = doc.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = length;
    next = lineEnd + 1;
    let end = lineEnd;
    while (end > start && doc.charCodeAt(end - 1) === 32) end--;
    let at = start;
    while (at < end && doc.charCodeAt(at) === 32) at++;
    if (at === end) {
      // Spaces-only lines before a block scalar's first content line have rules of their own.
      if (blockScalarIndent >= 0 && blockContentIndent < 0 && lineEnd > start) return undefined;
      continue;
    }
    const col = at - start;
    if (blockScalarIndent >= 0) {
      if (col > blockScalarIndent) {
        if (blockContentIndent < 0) blockContentIndent = col;
        else if (col < blockContentIndent) return undefined; // less indented than the first line: an error
        continue;
      }
      blockScalarIndent = -1;
    }
    const c = doc.charCodeAt(at);
    if (c === 35 /* # */) continue;
    if (c === 46 /* . */ && end - at === 3 && doc.startsWith('...', at)) return undefined;
    if (c === 45 /* - */ && doc.startsWith('---', at) && (end - at === 3 || doc.charCodeAt(at + 3) === 32)) return undefined;
    let isSeq = c === 45 && (end - at === 1 || doc.charCodeAt(at + 1) === 32);
    // Find the collection this line belongs to.
    while (top >= 0 && indents[top]! > col) top--;
    if (top >= 0 && indents[top] === col && seqs[top] && !isSeq && sameIndent[top]) top--;
    if (openIndent >= 0 && (col > openIndent || (col === openIndent && isSeq && openSeqSame))) {
      // A sequence as metadata or its annotations, a collection as a name, namespace or annotation: the full parser reads what that makes.
      if ((isSeq && openDepth <= 2 && openFirst === 'metadata') || openHead) return undefined;
      top++;
      indents[top] = col;
      seqs[top] = isSeq;
      depths[top] = openDepth;
      firsts[top] = openFirst;
      seconds[top] = openSecond;
      sameIndent[top] = col === openIndent;
      if (openFirst !== 'metadata' || (openDepth !== 1 && (openDepth !== 2 || openSecond !== 'annotations'))) {
        // A block outside the head that starts with simple lines: they are checked as one run.
        const past = skipRun(isSeq ? seqRuns : mapRuns, isSeq, doc, start, col);
        if (past > start) {
          openIndent = -1;
          next = past;
          continue;
        }
      }
    } else if (top < 0) {
      if (col !== 0 || isSeq) return undefined; // a manifest is a mapping at column 0
      top = 0;
      indents[0] = 0;
      seqs[0] = false;
      depths[0] = 0;
      firsts[0] = '';
      seconds[0] = '';
      sameIndent[0] = false;
    } else if (indents[top] !== col || seqs[top] !== isSeq) {
      return undefined;
    }
    openIndent = -1;
    let entry = at;
    let depth = depths[top]!;
    let first = firsts[top]!;
    let second = seconds[top]!;
    if (isSeq) {
      // The path of the item: one level deeper, named "-".
      if (depth === 0) first = '-';
      else if (depth === 1) second = '-';
      depth++;
      if (end - at === 1) {
        openIndent = col;
        openDepth = depth;
        openFirst = first;
        openSecond = second;
        openSeqSame = false;
        openHead = false;
        continue;
      }
      entry = at + 2;
      const e = doc.charCodeAt(entry);
      if (e === 32 || e === 35 /* # */ || (e === 45 /* - */ && (end - entry === 1 || doc.charCodeAt(entry + 1) === 32))) return undefined;
      KEY.lastIndex = entry;
      if (!KEY.test(doc)) {
        if (scalarAt(doc, entry, end) === Scalar.Invalid) return undefined;
        next = skipRun(seqRuns, true, doc, next, col);
        continue;
      }
      // `- key: value` opens a mapping inside the item, at the key's column.
      top++;
      indents[top] = entry - start;
      seqs[top] = false;
      depths[top] = depth;
      firsts[top] = first;
      seconds[top] = second;
      sameIndent[top] = false;
      isSeq = false;
    } else {
      KEY.lastIndex = entry;
      if (!KEY.test(doc)) return undefined;
    }
    const keyEnd = KEY.lastIndex - 1;
    const entryCol = entry - start;
    let value = keyEnd + 1;
    while (value < end && doc.charCodeAt(value) === 32) value++;
    // The key's path is the collection's plus the key: its depth and first two names are all that is read.
    const headish = depth === 0 || (depth <= 2 && first === 'metadata');
    const key = headish || depth === 1 ? doc.slice(entry, keyEnd) : '';
    if (depth === 0) first = key;
    const inAnnotations = depth === 2 && first === 'metadata' && second === 'annotations';
    // Which head field the key is: 1 apiVersion, 2 kind, 3 name, 4 namespace, 5 an annotation, 6 metadata, 7 annotations.
    let field = 0;
    if (depth === 0) {
      if (key === 'apiVersion') field = 1;
      else if (key === 'kind') field = 2;
      else if (key === 'metadata') field = 6;
    } else if (depth === 1 && first === 'metadata') {
      if (key === 'name') field = 3;
      else if (key === 'namespace') field = 4;
      else if (key === 'annotations') field = 7;
    } else if (inAnnotations) {
      field = 5;
    }
    if (value === end) {
      // Metadata or annotations given twice, apiVersion or kind without a value: the full parser reads them.
      if (field === 6) { if (sawMetadata) return undefined; sawMetadata = true; }
      else if (field === 7) { if (sawAnnotations) return undefined; sawAnnotations = true; }
      else if (field === 1 || field === 2) return undefined;
      // A name, namespace or annotation left empty is null, read as "" (no namespace); one holding a collection is handed back.
      else if (field === 3) name = '';
      else if (field === 4) namespace = undefined;
      else if (field === 5) annotations[key] = '';
      openHead = field >= 3 && field <= 5;
      openIndent = entryCol;
      openDepth = depth + 1;
      openFirst = first;
      openSecond = depth === 1 ? key : second;
      openSeqSame = true;
      continue;
    }
    BLOCK_SCALAR.lastIndex = value;
    if (BLOCK_SCALAR.test(doc)) {
      if (field !== 0) return undefined;
      blockScalarIndent = entryCol;
      blockContentIndent = -1;
      continue;
    }
    const read = scalarAt(doc, value, end);
    if (read === Scalar.Invalid) return undefined;
    if (field === 0) {
      // Siblings of a line outside the head: checked as one run.
      if (!headish || (depth === 2 && second !== 'annotations')) next = skipRun(mapRuns, false, doc, next, entryCol);
      continue;
    }
    if (field === 7 && !sawAnnotations && end - value === 2 && doc.startsWith('{}', value)) {
      sawAnnotations = true; // `annotations: {}`
      continue;
    }
    if (read === Scalar.Flow || field >= 6) return undefined; // metadata or annotations as a scalar, a field as a flow collection
    let s: string;
    if (read === Scalar.Quoted) {
      s = doc.slice(value + 1, end - 1);
    } else {
      s = doc.slice(value, end);
      if (NON_STRING.test(s)) return undefined;
    }
    if (field === 1) apiVersion = s;
    else if (field === 2) kind = s;
    else if (field === 3) name = s;
    else if (field === 4) namespace = s === '' ? undefined : s;
    else annotations[key] = s;
  }
  if (apiVersion === undefined || kind === undefined || top < 0) return undefined;
  const head: FastHead = { apiVersion, kind, name, annotations };
  if (namespace !== undefined) head.namespace = namespace;
  return head;
}
