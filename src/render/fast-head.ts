// A fast path for reading a manifest's head (apiVersion, kind, metadata.name,
// namespace, annotations) from the plain block YAML that charts overwhelmingly
// produce. It is deliberately conservative: it accepts a document only when
// every line is a simple mapping entry, sequence item, comment or block-scalar
// body with consistent indentation, and returns undefined for anything else
// (flow collections, anchors, tags, quoting with escapes, multi-line plain
// scalars, odd indentation ...), in which case the full YAML parser decides —
// including on what is an error and where.

export interface FastHead {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  annotations: Record<string, string>;
}

const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.\/-]*):(?: (.*))?$/;
const NON_STRING = /^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?\.?[0-9].*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const BLOCK_SCALAR = /^[|>][-+]?$/;
// A one-line flow sequence of simple items (`args: ["--debug", x]`, common in
// container specs): quoted strings without escapes or plain words.
const FLOW_ITEM = `(?:"[^"\\\\]*"|'[^']*'|[A-Za-z0-9_][A-Za-z0-9_./=-]*)`;
const FLOW_SEQ = new RegExp(`^\\[ *(?:${FLOW_ITEM} *(?:, *${FLOW_ITEM} *)*)?\\]$`);

interface Frame { indent: number; kind: 'map' | 'seq'; path: string[]; sameIndentSeq?: boolean }

/** The scalar text of a simple value, or undefined when it is not simple. `''` for an empty (null) value. */
function scalar(v: string): string | undefined {
  if (v === '') return '';
  if (v.startsWith('"')) return /^"[^"\\]*"$/.test(v) ? v.slice(1, -1) : undefined;
  if (v.startsWith("'")) return /^'[^']*'$/.test(v) ? v.slice(1, -1) : undefined;
  if (v === '{}' || v === '[]') return v;
  if (v.startsWith('[')) return FLOW_SEQ.test(v) ? v : undefined;
  if (/^[,[\]{}#&*!|>%@`]/.test(v) || /^[-?:](?: |$)/.test(v)) return undefined;
  if (v.includes(': ') || v.endsWith(':') || v.includes(' #')) return undefined;
  return v;
}

export function fastHead(doc: string): FastHead | undefined {
  if (doc.includes('\t') || doc.includes('\r') || doc.startsWith('---') || doc.startsWith('%')) return undefined;
  const lines = doc.split('\n');
  const stack: Frame[] = [];
  const head: FastHead = { apiVersion: '', kind: '', name: '', annotations: {} };
  let sawApiVersion = false;
  let sawKind = false;
  let open: { indent: number; path: string[]; allowSeqAtSameIndent: boolean } | undefined; // a `key:` (or `-`) awaiting its block
  let blockScalarIndent = -1; // > -1 while skipping a block scalar's body (lines indented deeper than this)
  let blockContentIndent = -1; // the body's indentation, set by its first non-empty line
  for (const raw of lines) {
    const text = raw.trimEnd();
    const body = text.trimStart();
    const col = text.length - body.length;
    if (blockScalarIndent >= 0) {
      if (body === '') {
        // Spaces-only lines before the first content line have rules of their own.
        if (blockContentIndent < 0 && raw.length > 0) return undefined;
        continue;
      }
      if (col > blockScalarIndent) {
        if (blockContentIndent < 0) blockContentIndent = col;
        else if (col < blockContentIndent) return undefined; // less indented than the first line: an error
        continue;
      }
      blockScalarIndent = -1;
    }
    if (body === '' || body.startsWith('#')) continue;
    if (body === '...' || body.startsWith('--- ') || body === '---') return undefined;
    let isSeq = body === '-' || body.startsWith('- ');
    // Find the frame this line belongs to.
    while (stack.length > 0 && stack[stack.length - 1]!.indent > col) stack.pop();
    let top = stack[stack.length - 1];
    if (top !== undefined && top.indent === col && top.kind === 'seq' && !isSeq && top.sameIndentSeq) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (open !== undefined && (col > open.indent || (col === open.indent && isSeq && open.allowSeqAtSameIndent))) {
      const frame: Frame = { indent: col, kind: isSeq ? 'seq' : 'map', path: open.path, sameIndentSeq: col === open.indent };
      stack.push(frame);
      top = frame;
    } else if (top === undefined) {
      if (col !== 0 || isSeq) return undefined; // a manifest is a mapping at column 0
      top = { indent: 0, kind: 'map', path: [] };
      stack.push(top);
    } else if (top.indent !== col || top.kind !== (isSeq ? 'seq' : 'map')) {
      return undefined;
    }
    open = undefined;
    let entry = body;
    let entryCol = col;
    let path = top.path;
    if (isSeq) {
      if (body === '-') {
        open = { indent: col, path: [...path, '-'], allowSeqAtSameIndent: false };
        continue;
      }
      entry = body.slice(2);
      entryCol = col + 2;
      path = [...path, '-'];
      if (entry.startsWith('- ') || entry === '-' || entry.startsWith('#')) return undefined;
      const m = KEY.exec(entry);
      if (m === null) {
        if (scalar(entry) === undefined) return undefined;
        continue;
      }
      // `- key: value` opens a mapping inside the item, at the key's column.
      const frame: Frame = { indent: entryCol, kind: 'map', path };
      stack.push(frame);
      isSeq = false;
    }
    const m = KEY.exec(entry);
    if (m === null) return undefined;
    const key = m[1]!;
    const value = (m[2] ?? '').trim();
    // The key's path is `path` + key: its depth and first two names are all that is read (an array is made only for a block that opens).
    const depth = path.length + 1;
    const first = depth === 1 ? key : path[0];
    const inAnnotations = depth === 3 && first === 'metadata' && path[1] === 'annotations';
    if (value === '') {
      open = { indent: entryCol, path: [...path, key], allowSeqAtSameIndent: true };
      continue;
    }
    if (BLOCK_SCALAR.test(value)) {
      blockScalarIndent = entryCol;
      blockContentIndent = -1;
      if (inAnnotations) return undefined;
      if (depth === 1 || (depth === 2 && first === 'metadata')) return undefined;
      continue;
    }
    const s = scalar(value);
    if (s === undefined) return undefined;
    const headField = depth === 1 && (key === 'apiVersion' || key === 'kind' || key === 'metadata')
      || (depth === 2 && first === 'metadata' && (key === 'name' || key === 'namespace' || key === 'annotations'))
      || inAnnotations;
    if (headField) {
      const plain = !value.startsWith('"') && !value.startsWith("'");
      if ((plain && NON_STRING.test(s)) || s === '{}' || s.startsWith('[')) return undefined;
      if (depth === 1 && key === 'apiVersion') { head.apiVersion = s; sawApiVersion = true; }
      else if (depth === 1 && key === 'kind') { head.kind = s; sawKind = true; }
      else if (depth === 1) return undefined; // metadata: scalar
      else if (key === 'name' && depth === 2) head.name = s;
      else if (key === 'namespace' && depth === 2) { if (s !== '') head.namespace = s; }
      else if (depth === 2) return undefined; // annotations: scalar
      else head.annotations[key] = s;
    }
  }
  if (!sawApiVersion || !sawKind || stack.length === 0) return undefined;
  return head;
}
