// A reader for the plain YAML that kubeconfig writers emit (skiff, kubectl,
// kind, k3s, cloud CLIs): block mappings and sequences, plain and simply
// quoted scalars, `{}` and `[]`. It reads those in a fraction of the time the
// full YAML library takes to warm up, which every command pays at start.
// Anything else — comments after values, escapes, anchors, tags, flow
// collections, multi-line scalars, documents, duplicate keys, numbers other
// than plain integers — makes it answer undefined, and the caller parses the
// text with the YAML library instead. When it answers, the answer is the
// library's (YAML 1.2 core schema), as test/kube/kubeconfig-text.test.ts checks.

type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

class Unsupported extends Error {}

interface Line {
  indent: number;
  text: string;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: +(.*))?$/;
// Plain scalars the core schema reads as something other than a string.
const NULL = /^(?:~|null|Null|NULL)$/;
const TRUE = /^(?:true|True|TRUE)$/;
const FALSE = /^(?:false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** The document, or undefined when the text is more than this reader handles. */
export function parseSimpleKubeconfig(text: string): Record<string, unknown> | undefined {
  if (text.includes('\r') || text.includes('\t') || text.includes('#')) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const body = raw.trimEnd();
    if (body === '') continue;
    const text = body.trimStart();
    lines.push({ indent: body.length - text.length, text });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0 || isItem(lines[0]!.text)) return undefined;
  try {
    const at = { i: 0 };
    const doc = mapping(lines, at, 0);
    return at.i === lines.length ? doc : undefined;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

const isItem = (t: string) => t === '-' || t.startsWith('- ');

function mapping(lines: Line[], at: { i: number }, indent: number): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  while (at.i < lines.length) {
    const line = lines[at.i]!;
    if (line.indent < indent) break;
    if (line.indent > indent || isItem(line.text)) throw new Unsupported();
    const m = KEY.exec(line.text);
    // Keys the core schema reads as null or a boolean become other strings ("", "true"); __proto__ is left to the library.
    if (!m || m[1] === '__proto__' || NULL.test(m[1]!) || TRUE.test(m[1]!) || FALSE.test(m[1]!) || Object.prototype.hasOwnProperty.call(out, m[1]!)) throw new Unsupported();
    at.i++;
    out[m[1]!] = m[2] !== undefined ? scalar(m[2]) : nested(lines, at, indent, true);
  }
  return out;
}

function sequence(lines: Line[], at: { i: number }, indent: number): Value[] {
  const out: Value[] = [];
  while (at.i < lines.length) {
    const line = lines[at.i]!;
    if (line.indent < indent || (line.indent === indent && !isItem(line.text))) break;
    if (line.indent > indent) throw new Unsupported();
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      at.i++;
      out.push(nested(lines, at, indent, false));
    } else if (isItem(rest)) {
      throw new Unsupported();
    } else if (KEY.test(rest)) {
      // "- key: value": a mapping whose first line starts after the dash.
      const column = line.indent + (line.text.length - rest.length);
      lines[at.i] = { indent: column, text: rest };
      out.push(mapping(lines, at, column));
    } else {
      at.i++;
      out.push(scalar(rest));
    }
  }
  return out;
}

/** The value on the lines after "key:" or "-": a deeper block, a same-column sequence (mapping values only), or null. */
function nested(lines: Line[], at: { i: number }, indent: number, mapValue: boolean): Value {
  const next = lines[at.i];
  if (!next || next.indent < indent) return null;
  if (next.indent === indent) return mapValue && isItem(next.text) ? sequence(lines, at, indent) : null;
  return isItem(next.text) ? sequence(lines, at, next.indent) : mapping(lines, at, next.indent);
}

function scalar(s: string): Value {
  if (s === '{}') return {};
  if (s === '[]') return [];
  if (s.startsWith('"')) {
    if (s.length < 2 || !s.endsWith('"') || /["\\]/.test(s.slice(1, -1))) throw new Unsupported();
    return s.slice(1, -1);
  }
  if (s.startsWith("'")) {
    if (s.length < 2 || !s.endsWith("'") || s.slice(1, -1).includes("'")) throw new Unsupported();
    return s.slice(1, -1);
  }
  // Indicators that start something other than a plain scalar, and plain scalars that are not simple.
  if (/^-( |$)|^[?:,[\]{}&*!|>%@`]/.test(s) || s.includes(': ') || s.endsWith(':')) throw new Unsupported();
  if (NULL.test(s)) return null;
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  if (INT.test(s)) {
    const n = Number(s);
    if (!Number.isSafeInteger(n) || /^[-+]?0[0-9]/.test(s)) throw new Unsupported();
    return n;
  }
  if (OTHER_NUMBER.test(s)) throw new Unsupported();
  return s;
}
