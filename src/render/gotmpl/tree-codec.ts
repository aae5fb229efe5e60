// A compact JSON form of parsed templates, for the compiled-template cache:
// each text's trees are one flat JSON array of numbers and strings (every
// node a kind code, its position and its fields, children following their
// count), so a cached template decodes with one JSON.parse of a flat array
// and one pass over it instead of a lex and a parse. Decoded nodes are built
// with the parser's own property order (same object shapes for the
// executor). Each tree also carries its shape key (shape.ts), so a decoded
// template finds the closures of its shape without another walk; its
// literals are gathered as its nodes decode, in the shape's order. Anything
// that does not decode to a well-formed tree throws, and the caller parses
// the text instead.
import { shapeOf } from './shape.js';
import type { ListNode, Node, NumberNode, PipeNode, VariableNode, CommandNode } from './ast.js';
import type { Tree } from './parse.js';

/** Bump when the encoding or the parser's output changes shape. */
export const CODEC_VERSION = 3;

const KINDS = ['list', 'text', 'action', 'pipe', 'command', 'identifier', 'variable', 'dot', 'nil', 'field', 'chain', 'bool', 'number', 'string', 'if', 'range', 'with', 'break', 'continue', 'template', 'end', 'else'] as const;
const CODE: Record<string, number> = Object.fromEntries(KINDS.map((k, i) => [k, i]));

type Out = (number | string)[];

/** Text and quoted strings that are slices of the source at their position are kept as their length. */
function slice(src: string, pos: number, s: string): string | number {
  return src.startsWith(s, pos) ? s.length : s;
}

function enc(n: Node, src: string, out: Out): void {
  out.push(CODE[n.kind]!, n.pos);
  const e = (x: Node): void => enc(x, src, out);
  const all = (xs: readonly Node[]): void => {
    out.push(xs.length);
    xs.forEach(e);
  };
  const names = (xs: readonly string[]): void => {
    out.push(xs.length, ...xs);
  };
  switch (n.kind) {
    case 'list': all(n.nodes); return;
    case 'text': out.push(slice(src, n.pos, n.text)); return;
    case 'action': out.push(n.line); e(n.pipe); return;
    case 'pipe': out.push(n.line, n.isAssign ? 1 : 0); all(n.decl); all(n.cmds); return;
    case 'command': all(n.args); return;
    case 'identifier': out.push(n.ident); return;
    case 'variable': case 'field': names(n.ident); return;
    case 'dot': case 'nil': case 'end': return;
    case 'chain': e(n.node); names(n.field); return;
    case 'bool': out.push(n.value ? 1 : 0); return;
    case 'number': {
      const flags = (n.isInt ? 1 : 0) | (n.isUint ? 2 : 0) | (n.isFloat ? 4 : 0) | (n.isComplex ? 8 : 0);
      out.push(n.text, flags, n.int64.toString(), n.uint64.toString(), String(n.float64));
      return;
    }
    case 'string': out.push(slice(src, n.pos, n.quoted), n.text === n.quoted.slice(1, -1) ? 0 : n.text); return;
    case 'if': case 'range': case 'with':
      out.push(n.line);
      e(n.pipe);
      e(n.list);
      if (n.elseList) {
        out.push(1);
        e(n.elseList);
      } else out.push(0);
      return;
    case 'break': case 'continue': case 'else': out.push(n.line); return;
    case 'template':
      out.push(n.line, n.name);
      if (n.pipe) {
        out.push(1);
        e(n.pipe);
      } else out.push(0);
      return;
  }
}

class Malformed extends Error {}

const bad = (): never => {
  throw new Malformed('malformed cached template');
};

/** The flat array being decoded, the position in it, the source text its nodes came from, and the literals met so far. */
let a: unknown[] = [];
let at = 0;
let src = '';
let lits: string[] = [];

function num(): number {
  const v = a[at++];
  return typeof v === 'number' && Number.isFinite(v) ? v : bad();
}

function str(): string {
  const v = a[at++];
  return typeof v === 'string' ? v : bad();
}

function count(): number {
  const n = num();
  return Number.isInteger(n) && n >= 0 && n <= a.length - at ? n : bad();
}

function strs(): string[] {
  const n = count();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = str();
  return out;
}

function big(): bigint {
  const v = str();
  return /^-?\d+$/.test(v) ? BigInt(v) : bad();
}

/** A string kept as its length at `pos` (see slice), or as itself. */
function sliceAt(pos: number): string {
  const v = a[at++];
  if (typeof v === 'string') return v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || pos < 0 || pos + v > src.length) bad();
  return src.slice(pos, pos + (v as number));
}

function nodes(): Node[] {
  const n = count();
  const out = new Array<Node>(n);
  for (let i = 0; i < n; i++) out[i] = dec();
  return out;
}

function dec(): Node {
  const kind = KINDS[num()] ?? bad();
  const pos = num();
  switch (kind) {
    case 'list': return { kind, pos, nodes: nodes() };
    case 'text': { const text = sliceAt(pos); lits.push(text); return { kind, pos, text }; }
    case 'action': { const line = num(); return { kind, pos, line, pipe: decPipe() }; }
    case 'pipe': return pipeBody(pos);
    case 'command': return { kind, pos, args: nodes() } satisfies CommandNode;
    case 'identifier': return { kind, pos, ident: str() };
    case 'variable': case 'field': return { kind, pos, ident: strs() };
    case 'dot': case 'nil': case 'end': return { kind, pos };
    case 'chain': { const node = dec(); return { kind, pos, node, field: strs() }; }
    case 'bool': return { kind, pos, value: num() === 1 };
    case 'number': {
      const text = str();
      const flags = num();
      const int64 = big();
      const uint64 = big();
      const n: NumberNode = { kind, pos, text, isInt: (flags & 1) !== 0, isUint: (flags & 2) !== 0, isFloat: (flags & 4) !== 0, isComplex: (flags & 8) !== 0, int64, uint64, float64: Number(str()) };
      return n;
    }
    case 'string': {
      const quoted = sliceAt(pos);
      const t = a[at++];
      const text = t === 0 ? quoted.slice(1, -1) : typeof t === 'string' ? t : bad();
      lits.push(text);
      return { kind, pos, quoted, text };
    }
    case 'if': case 'range': case 'with': {
      const line = num();
      const pipe = decPipe();
      const list = decList();
      const elseList = num() === 1 ? decList() : null;
      return { kind, pos, line, pipe, list, elseList };
    }
    case 'break': case 'continue': case 'else': return { kind, pos, line: num() };
    case 'template': {
      const line = num();
      const name = str();
      return { kind, pos, line, name, pipe: num() === 1 ? decPipe() : null };
    }
  }
}

function decList(): ListNode {
  if (num() !== CODE.list) bad();
  return { kind: 'list', pos: num(), nodes: nodes() };
}

function decPipe(): PipeNode {
  if (num() !== CODE.pipe) bad();
  return pipeBody(num());
}

function pipeBody(pos: number): PipeNode {
  const line = num();
  const isAssign = num() === 1;
  const decl = nodes();
  const cmds = nodes();
  if (!decl.every((d) => d.kind === 'variable') || !cmds.every((c) => c.kind === 'command')) bad();
  return { kind: 'pipe', pos, line, isAssign, decl: decl as VariableNode[], cmds: cmds as CommandNode[] };
}

/** Encodes the trees one text parsed into (main template `main` and its defines), in their order. */
export function encodeTrees(main: string, trees: ReadonlyMap<string, Tree>): string {
  const out: Out = [trees.size];
  for (const [n, t] of trees) {
    out.push(n === main ? 0 : n, t.shape?.key ?? shapeOf(t.root).key);
    enc(t.root, t.text, out);
  }
  return JSON.stringify(out);
}

/**
 * Decodes encodeTrees' output as the trees of `text` parsed as template
 * `name` from file `parseName`. Throws when the form is not a well-formed
 * tree list (the caller then parses the text).
 */
export function decodeTrees(encoded: string, name: string, parseName: string, text: string): Map<string, Tree> {
  const out = new Map<string, Tree>();
  const v: unknown = JSON.parse(encoded);
  a = Array.isArray(v) ? v : bad();
  at = 0;
  src = text;
  try {
    const n = count();
    for (let i = 0; i < n; i++) {
      const tag = a[at++];
      const as = tag === 0 ? name : typeof tag === 'string' ? tag : bad();
      const key = str();
      lits = [];
      const root = decList();
      out.set(as, { name: as, parseName, root, text, shape: { key, lits } });
    }
    if (at !== a.length) bad();
  } finally {
    a = [];
    src = '';
    lits = [];
  }
  return out;
}
