// A compact JSON form of parsed templates, for the compiled-template cache:
// each node is an array led by a kind code, so a cached template decodes
// with one JSON.parse and one walk instead of a lex and a parse. Decoded
// nodes are built with the parser's own property order (same object shapes
// for the executor). Anything that does not decode to a well-formed tree
// throws, and the caller parses the text instead.
import type { ListNode, Node, NumberNode, PipeNode, VariableNode, CommandNode } from './ast.js';
import type { Tree } from './parse.js';

/** Bump when the encoding or the parser's output changes shape. */
export const CODEC_VERSION = 1;

const KINDS = ['list', 'text', 'action', 'pipe', 'command', 'identifier', 'variable', 'dot', 'nil', 'field', 'chain', 'bool', 'number', 'string', 'if', 'range', 'with', 'break', 'continue', 'template', 'end', 'else'] as const;
const CODE: Record<string, number> = Object.fromEntries(KINDS.map((k, i) => [k, i]));

type Enc = unknown[];

/** Text and quoted strings that are slices of the source at their position are kept as their length. */
function slice(src: string, pos: number, s: string): string | number {
  return src.startsWith(s, pos) ? s.length : s;
}

function enc(n: Node, src: string): Enc {
  const c = CODE[n.kind]!;
  const e = (x: Node): Enc => enc(x, src);
  switch (n.kind) {
    case 'list': return [c, n.pos, n.nodes.map(e)];
    case 'text': return [c, n.pos, slice(src, n.pos, n.text)];
    case 'action': return [c, n.pos, n.line, e(n.pipe)];
    case 'pipe': return [c, n.pos, n.line, n.isAssign ? 1 : 0, n.decl.map(e), n.cmds.map(e)];
    case 'command': return [c, n.pos, n.args.map(e)];
    case 'identifier': return [c, n.pos, n.ident];
    case 'variable': case 'field': return [c, n.pos, n.ident];
    case 'dot': case 'nil': case 'end': return [c, n.pos];
    case 'chain': return [c, n.pos, e(n.node), n.field];
    case 'bool': return [c, n.pos, n.value ? 1 : 0];
    case 'number': {
      const flags = (n.isInt ? 1 : 0) | (n.isUint ? 2 : 0) | (n.isFloat ? 4 : 0) | (n.isComplex ? 8 : 0);
      return [c, n.pos, n.text, flags, n.int64.toString(), n.uint64.toString(), String(n.float64)];
    }
    case 'string': return [c, n.pos, slice(src, n.pos, n.quoted), n.text === n.quoted.slice(1, -1) ? 0 : n.text];
    case 'if': case 'range': case 'with': return [c, n.pos, n.line, e(n.pipe), e(n.list), n.elseList ? e(n.elseList) : null];
    case 'break': case 'continue': case 'else': return [c, n.pos, n.line];
    case 'template': return [c, n.pos, n.line, n.name, n.pipe ? e(n.pipe) : null];
  }
}

class Malformed extends Error {}

const bad = (): never => {
  throw new Malformed('malformed cached template');
};
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : bad());
const str = (v: unknown): string => (typeof v === 'string' ? v : bad());
const strs = (v: unknown): string[] => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : bad());
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : bad());
const big = (v: unknown): bigint => (typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : bad());

/** The source text the nodes being decoded came from. */
let src = '';

/** A string kept as its length at `pos` (see slice), or as itself. */
function sliceOf(v: unknown, pos: number): string {
  if (typeof v === 'string') return v;
  const n = num(v);
  if (n < 0 || pos + n > src.length) bad();
  return src.slice(pos, pos + n);
}

function dec(e: unknown): Node {
  const a = arr(e);
  const kind = KINDS[num(a[0])] ?? bad();
  const pos = num(a[1]);
  switch (kind) {
    case 'list': return decList(a);
    case 'text': return { kind, pos, text: sliceOf(a[2], pos) };
    case 'action': return { kind, pos, line: num(a[2]), pipe: decPipe(a[3]) };
    case 'pipe': return decPipe(a);
    case 'command': return { kind, pos, args: arr(a[2]).map(dec) } satisfies CommandNode;
    case 'identifier': return { kind, pos, ident: str(a[2]) };
    case 'variable': case 'field': return { kind, pos, ident: strs(a[2]) };
    case 'dot': case 'nil': case 'end': return { kind, pos };
    case 'chain': return { kind, pos, node: dec(a[2]), field: strs(a[3]) };
    case 'bool': return { kind, pos, value: a[2] === 1 };
    case 'number': {
      const flags = num(a[3]);
      const f = Number(str(a[6]));
      const n: NumberNode = { kind, pos, text: str(a[2]), isInt: (flags & 1) !== 0, isUint: (flags & 2) !== 0, isFloat: (flags & 4) !== 0, isComplex: (flags & 8) !== 0, int64: big(a[4]), uint64: big(a[5]), float64: f };
      return n;
    }
    case 'string': {
      const quoted = sliceOf(a[2], pos);
      return { kind, pos, quoted, text: a[3] === 0 ? quoted.slice(1, -1) : str(a[3]) };
    }
    case 'if': case 'range': case 'with':
      return { kind, pos, line: num(a[2]), pipe: decPipe(a[3]), list: decList(arr(a[4])), elseList: a[5] === null ? null : decList(arr(a[5])) };
    case 'break': case 'continue': case 'else': return { kind, pos, line: num(a[2]) };
    case 'template': return { kind, pos, line: num(a[2]), name: str(a[3]), pipe: a[4] === null ? null : decPipe(a[4]) };
  }
}

function decList(a: unknown[]): ListNode {
  if (a[0] !== CODE.list) bad();
  return { kind: 'list', pos: num(a[1]), nodes: arr(a[2]).map(dec) };
}

function decPipe(e: unknown): PipeNode {
  const a = arr(e);
  if (a[0] !== CODE.pipe) bad();
  const decl = arr(a[4]).map(dec);
  const cmds = arr(a[5]).map(dec);
  if (!decl.every((d) => d.kind === 'variable') || !cmds.every((c) => c.kind === 'command')) bad();
  return { kind: 'pipe', pos: num(a[1]), line: num(a[2]), isAssign: a[3] === 1, decl: decl as VariableNode[], cmds: cmds as CommandNode[] };
}

/** Encodes the trees one text parsed into (main template `main` and its defines), in their order. */
export function encodeTrees(main: string, trees: ReadonlyMap<string, Tree>): string {
  return JSON.stringify([...trees].map(([n, t]) => [n === main ? null : n, enc(t.root, t.text)]));
}

/**
 * Decodes encodeTrees' output as the trees of `text` parsed as template
 * `name` from file `parseName`. Throws when the form is not a well-formed
 * tree list (the caller then parses the text).
 */
export function decodeTrees(encoded: string, name: string, parseName: string, text: string): Map<string, Tree> {
  const out = new Map<string, Tree>();
  src = text;
  try {
    for (const entry of arr(JSON.parse(encoded))) {
      const [n, root] = arr(entry);
      const as = n === null ? name : str(n);
      out.set(as, { name: as, parseName, root: decList(arr(root)), text });
    }
  } finally {
    src = '';
  }
  return out;
}
