// The shape of a parse tree: everything the executor's compiler decides on
// (node kinds, field and variable names, function names, numbers, booleans,
// template names) with the literal text and the quoted strings taken out,
// and positions left out. Templates of one shape compile to the same
// closures, which read their literals from the running instance (a chart of
// 1,000 templates that differ only in names compiles once; 100 subcharts of
// the same templates compile each template once). Errors map the node that
// failed onto the running instance's own tree (counterpart), so they quote
// its text and position exactly as a compile of that tree would.
import { hash } from 'node:crypto';
import type { Node } from './ast.js';

export interface Shape {
  /** Equal keys ⇔ trees that differ only in positions, text and string literals (the SHA-256 of a description of the tree without them). */
  readonly key: string;
  /** The text and string literals in walk order. */
  readonly lits: readonly string[];
}

// shapeOf's state while it walks: module-level, not closures made per call (it is not reentrant).
/** One string built as it goes (parts end in a space; names never hold one, numbers are quoted). */
let key = '';
let lits: string[] = [];
let litNodes: Node[] | undefined;

/** The shape of `root`; `nodes`, when given, receives the node of each literal (in `lits` order). */
export function shapeOf(root: Node, nodes?: Node[]): Shape {
  key = '';
  lits = [];
  litNodes = nodes;
  try {
    walk(root);
    // Hashed: the compiled-template cache stores a key with every template.
    return { key: hash('sha256', key, 'base64'), lits };
  } finally {
    key = '';
    lits = [];
    litNodes = undefined;
  }
}

function lit(n: Node, s: string): void {
  litNodes?.push(n);
  lits.push(s);
}

function names(xs: readonly string[]): string {
  let out = `${xs.length} `;
  for (const x of xs) out += x + ' ';
  return out;
}

function walk(n: Node): void {
  switch (n.kind) {
    case 'list': key += `L${n.nodes.length} `; for (const c of n.nodes) walk(c); return;
    case 'text': key += n.text.length === 0 ? 't ' : 'T '; lit(n, n.text); return;
    case 'action': key += 'A '; walk(n.pipe); return;
    case 'pipe':
      key += `P${n.isAssign ? 1 : 0} ${n.decl.length} ${n.cmds.length} `;
      for (const d of n.decl) walk(d);
      for (const c of n.cmds) walk(c);
      return;
    case 'command': key += `C${n.args.length} `; for (const a of n.args) walk(a); return;
    case 'identifier': key += `I ${n.ident} `; return;
    case 'variable': key += 'V' + names(n.ident); return;
    case 'field': key += 'F' + names(n.ident); return;
    case 'chain': key += 'H '; walk(n.node); key += names(n.field); return;
    case 'dot': key += 'D '; return;
    case 'nil': key += 'N '; return;
    case 'end': key += 'E '; return;
    case 'else': key += 'X '; return;
    case 'break': key += 'K '; return;
    case 'continue': key += 'O '; return;
    case 'bool': key += n.value ? 'B1 ' : 'B0 '; return;
    case 'number': key += `U${JSON.stringify(n.text)} `; return;
    case 'string': key += 'S '; lit(n, n.text); return;
    case 'if': case 'range': case 'with':
      key += `${n.kind}${n.elseList ? 1 : 0} `;
      walk(n.pipe);
      walk(n.list);
      if (n.elseList) walk(n.elseList);
      return;
    case 'template':
      key += `M${JSON.stringify(n.name)}${n.pipe ? 1 : 0} `;
      if (n.pipe) walk(n.pipe);
      return;
  }
}

/** The children of a node in walk order. */
function children(n: Node): readonly Node[] {
  switch (n.kind) {
    case 'list': return n.nodes;
    case 'action': return [n.pipe];
    case 'pipe': return [...n.decl, ...n.cmds];
    case 'command': return n.args;
    case 'chain': return [n.node];
    case 'if': case 'range': case 'with': return n.elseList ? [n.pipe, n.list, n.elseList] : [n.pipe, n.list];
    case 'template': return n.pipe ? [n.pipe] : [];
    default: return [];
  }
}

/**
 * The node of `to` at the place `target` has in `from` (two trees of one
 * shape). A node the compiler made up around a tree node (a command holding
 * one argument) maps to the same made-up node around that argument's
 * counterpart. Undefined when `target` is in neither form.
 */
export function counterpart(from: Node, to: Node, target: Node): Node | undefined {
  const find = (a: Node, b: Node): Node | undefined => {
    if (a === target) return b;
    const ca = children(a);
    const cb = children(b);
    for (let i = 0; i < ca.length && i < cb.length; i++) {
      const hit = find(ca[i]!, cb[i]!);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const hit = find(from, to);
  if (hit !== undefined || target.kind !== 'command' || target.args.length !== 1) return hit;
  const arg = counterpart(from, to, target.args[0]!);
  return arg === undefined ? undefined : { kind: 'command', pos: arg.pos, args: [arg] };
}
