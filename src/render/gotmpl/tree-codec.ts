// A compact JSON form of parsed templates, for the compiled-template cache.
// An entry is a header and, on the next line, a body (two JSON arrays). The
// header names each tree of the text and gives its shape key (shape.ts) and
// literals, which is all a template of an already-compiled shape needs to
// run (it runs the closures of its shape with its own literals); so a cached
// template decodes with one small JSON.parse, and its nodes are built only
// when something needs them (the first template of a shape, to compile it;
// an error, to quote the node; a redefinition, to test for an empty tree).
// The body holds the nodes: one flat array of numbers and strings (every
// node a kind code, its position and its fields, children following their
// count) decoded in one pass, built with the parser's own property order
// (same object shapes for the executor). Only the first text of each shape
// stores a body: the others (1,000 templates of one shape store one) parse
// their text if their nodes are ever needed. A header that is not well
// formed throws, and the caller parses the text instead; a body that does
// not decode to well-formed trees is replaced by parsing the text when its
// nodes are first needed.
import { shapeOf, type Shape } from './shape.js';
import type { ListNode, Node, NumberNode, PipeNode, VariableNode, CommandNode } from './ast.js';
import { parse, type Tree } from './parse.js';

export { CODEC_VERSION } from './codec-version.js';

const KINDS = ['list', 'text', 'action', 'pipe', 'command', 'identifier', 'variable', 'dot', 'nil', 'field', 'chain', 'bool', 'number', 'string', 'if', 'range', 'with', 'break', 'continue', 'template', 'end', 'else'] as const;
const CODE: Record<string, number> = Object.fromEntries(KINDS.map((k, i) => [k, i]));

type Out = (number | string)[];

/** Text and quoted strings that are slices of the source at their position are kept as their length. */
function slice(src: string, pos: number, s: string): string | number {
  return src.startsWith(s, pos) ? s.length : s;
}

function encAll(xs: readonly Node[], src: string, out: Out): void {
  out.push(xs.length);
  for (const x of xs) enc(x, src, out);
}

function encNames(xs: readonly string[], out: Out): void {
  out.push(xs.length);
  for (const x of xs) out.push(x);
}

function enc(n: Node, src: string, out: Out): void {
  out.push(CODE[n.kind]!, n.pos);
  switch (n.kind) {
    case 'list': encAll(n.nodes, src, out); return;
    case 'text': out.push(slice(src, n.pos, n.text)); return;
    case 'action': out.push(n.line); enc(n.pipe, src, out); return;
    case 'pipe': out.push(n.line, n.isAssign ? 1 : 0); encAll(n.decl, src, out); encAll(n.cmds, src, out); return;
    case 'command': encAll(n.args, src, out); return;
    case 'identifier': out.push(n.ident); return;
    case 'variable': case 'field': encNames(n.ident, out); return;
    case 'dot': case 'nil': case 'end': return;
    case 'chain': enc(n.node, src, out); encNames(n.field, out); return;
    case 'bool': out.push(n.value ? 1 : 0); return;
    case 'number': {
      const flags = (n.isInt ? 1 : 0) | (n.isUint ? 2 : 0) | (n.isFloat ? 4 : 0) | (n.isComplex ? 8 : 0);
      out.push(n.text, flags, n.int64.toString(), n.uint64.toString(), String(n.float64));
      return;
    }
    case 'string': out.push(slice(src, n.pos, n.quoted), n.text === n.quoted.slice(1, -1) ? 0 : n.text); return;
    case 'if': case 'range': case 'with':
      out.push(n.line);
      enc(n.pipe, src, out);
      enc(n.list, src, out);
      if (n.elseList) {
        out.push(1);
        enc(n.elseList, src, out);
      } else out.push(0);
      return;
    case 'break': case 'continue': case 'else': out.push(n.line); return;
    case 'template':
      out.push(n.line, n.name);
      if (n.pipe) {
        out.push(1);
        enc(n.pipe, src, out);
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
    case 'text': return { kind, pos, text: sliceAt(pos) };
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

/** Where a literal of the text is: its position when the text holds it there, else undefined. */
function litPos(n: Node, src: string): number | undefined {
  if (n.kind === 'text') return src.startsWith(n.text, n.pos) ? n.pos : undefined;
  if (n.kind === 'string') return src.startsWith(n.text, n.pos + 1) ? n.pos + 1 : undefined;
  return undefined;
}

/**
 * Encodes the trees one text parsed into (main template `main` and its
 * defines), in their order. `bodied` holds the shape keys whose nodes an
 * entry already holds: the body is left out when it holds every tree's key,
 * and the keys are added when it is stored. `shaped`, when given, receives
 * each tree with its shape (computed here anyway), so that compiling it
 * does not walk it again.
 */
export function encodeTrees(main: string, trees: ReadonlyMap<string, Tree>, bodied?: Set<string>, shaped?: Map<string, Tree>): string {
  const head: Out = [trees.size];
  const keys: string[] = [];
  for (const [n, t] of trees) {
    const litNodes: Node[] = [];
    const shape = shapeOf(t.root, litNodes);
    keys.push(shape.key);
    shaped?.set(n, { name: t.name, parseName: t.parseName, root: t.root, text: t.text, shape });
    head.push(n === main ? 0 : n, shape.key, shape.lits.length);
    // Each literal as its position and length in the text, or as itself.
    for (let k = 0; k < litNodes.length; k++) {
      const lit = shape.lits[k]!;
      const at = litPos(litNodes[k]!, t.text);
      if (at === undefined) head.push(lit);
      else head.push(at, lit.length);
    }
  }
  if (bodied !== undefined) {
    if (keys.every((k) => bodied.has(k))) return JSON.stringify(head);
    for (const k of keys) bodied.add(k);
  }
  const body: Out = [];
  for (const t of trees.values()) enc(t.root, t.text, body);
  return `${JSON.stringify(head)}\n${JSON.stringify(body)}`;
}

/**
 * The nodes of a stored entry's trees, decoded on first use; when the entry
 * has no body, or one that does not decode (a damaged entry), the text is
 * parsed again instead.
 */
class StoredBody {
  private roots: ListNode[] | undefined;

  constructor(private readonly body: string | undefined, private readonly text: string, private readonly names: readonly string[], private readonly reparse: () => ReadonlyMap<string, Tree>) {}

  root(i: number): ListNode {
    this.roots ??= this.decode();
    return this.roots[i]!;
  }

  private decode(): ListNode[] {
    if (this.body !== undefined) {
      try {
        return decodeBody(this.body, this.text, this.names.length);
      } catch (e) {
        if (!(e instanceof Malformed)) throw e;
      }
    }
    const trees = this.reparse();
    return this.names.map((n) => trees.get(n)?.root ?? bad());
  }
}

/** A tree decoded from the cache: everything but its nodes, which come from its entry's body when first asked for. */
class StoredTree implements Tree {
  constructor(readonly name: string, readonly parseName: string, readonly text: string, readonly shape: Shape, private readonly body: StoredBody, private readonly index: number) {}

  get root(): ListNode {
    return this.body.root(this.index);
  }

  /** The same tree under another template name and file name (its nodes are shared). */
  renamed(name: string, parseName: string): StoredTree {
    return new StoredTree(name, parseName, this.text, this.shape, this.body, this.index);
  }
}

/** `tree` under another template name and file name, its nodes shared (and still undecoded when they were). */
export function renamedTree(tree: Tree, name: string, parseName: string): Tree {
  if (tree instanceof StoredTree) return tree.renamed(name, parseName);
  return tree.shape ? { name, parseName, root: tree.root, text: tree.text, shape: tree.shape } : { name, parseName, root: tree.root, text: tree.text };
}

function decodeBody(body: string, text: string, n: number): ListNode[] {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    bad();
  }
  a = Array.isArray(v) ? v : bad();
  at = 0;
  src = text;
  try {
    const roots = new Array<ListNode>(n);
    for (let i = 0; i < n; i++) roots[i] = decList();
    if (at !== a.length) bad();
    return roots;
  } finally {
    a = [];
    src = '';
  }
}

/** A literal of the header: itself, or its position and length in the text. */
function lit(): string {
  const v = a[at++];
  if (typeof v === 'string') return v;
  const len = a[at++];
  if (typeof v !== 'number' || typeof len !== 'number' || !Number.isInteger(v) || !Number.isInteger(len) || v < 0 || len < 0 || v + len > src.length) bad();
  return src.slice(v as number, (v as number) + (len as number));
}

/**
 * Decodes encodeTrees' output as the trees of `text` parsed as template
 * `name` from file `parseName`. Throws when the header is not well formed
 * (the caller then parses the text); `hasFunction` is the parser's, for
 * parsing the text when the nodes are first needed and the entry has no
 * body or a damaged one. An entry with a body adds its shape keys to
 * `bodied` (see encodeTrees).
 */
export function decodeTrees(encoded: string, name: string, parseName: string, text: string, hasFunction: (name: string) => boolean, bodied?: Set<string>): Map<string, Tree> {
  const nl = encoded.indexOf('\n');
  let v: unknown;
  try {
    v = JSON.parse(nl < 0 ? encoded : encoded.slice(0, nl));
  } catch {
    bad();
  }
  a = Array.isArray(v) ? v : bad();
  at = 0;
  src = text;
  const heads: { as: string; shape: Shape }[] = [];
  try {
    const n = count();
    for (let i = 0; i < n; i++) {
      const tag = a[at++];
      const as = tag === 0 ? name : typeof tag === 'string' ? tag : bad();
      const key = str();
      const lits = new Array<string>(count());
      for (let j = 0; j < lits.length; j++) lits[j] = lit();
      heads.push({ as, shape: { key, lits } });
    }
    if (at !== a.length) bad();
  } finally {
    a = [];
    src = '';
  }
  if (nl >= 0 && bodied !== undefined) for (const h of heads) bodied.add(h.shape.key);
  const body = new StoredBody(nl < 0 ? undefined : encoded.slice(nl + 1), text, heads.map((h) => h.as), () => parse(name, text, hasFunction, parseName));
  const out = new Map<string, Tree>();
  heads.forEach((h, i) => out.set(h.as, new StoredTree(h.as, parseName, text, h.shape, body, i)));
  return out;
}
