// The parser of Go's text/template/parse (parse.go): one template text →
// its trees (the main one plus every `define`/`block`), with Go's checks
// (undefined variables and functions, break outside range, ...) and Go's error
// texts: `template: NAME:LINE: unexpected "}" in operand`.
import type {
  ActionNode, ChainNode, CommandNode, ElseNode, EndNode, FieldNode, IfNode, ListNode, Node, NumberNode, PipeNode,
  RangeNode, TemplateNode, VariableNode, WithNode,
} from './ast.js';
import { isEmptyTree, nodeString } from './ast.js';
import type { Shape } from './shape.js';
import { itemString, lex, T, type Item } from './lex.js';
import { quote as goQuote } from './strconv.js';
import { newVariable, goUnquote, newNumber } from './parse-literals.js';

export { goUnquote } from './parse-literals.js';

/** One parsed template: its name, root and the source it came from (for error positions). */
export interface Tree {
  readonly name: string;
  /** The file the text came from (Go's ParseName), used in error locations. */
  readonly parseName: string;
  readonly root: ListNode;
  readonly text: string;
  /** The root's shape (shape.ts), when known already (a tree decoded from the cache). */
  readonly shape?: Shape;
}

/** A parse error, already in Go's wording. */
export class TemplateParseError extends Error {
  constructor(message: string, readonly parseName: string, readonly line: number, readonly detail: string) {
    super(message);
  }
}

class Bail {
  constructor(readonly err: TemplateParseError) {}
}

// The parser's state: module-level, not closures made per call (parse is
// not reentrant; one text is parsed at a time).
let text = '';
let parseName = '';
const NO_FUNCTIONS = (): boolean => false;
const NO_TREES: ReadonlyMap<string, Tree> = new Map();
let hasFunction: (name: string) => boolean = NO_FUNCTIONS;
let items: Item[] = [];
let lastIdx = 0;
let treeSet = NO_TREES as Map<string, Tree>;
let p = 0; // next item
let far = 0; // index of the furthest item read (Go's token[0]), whose line errors report
let vars: string[] = ['$'];
let rangeDepth = 0;
let actionLine = 0;


const fail = (msg: string): never => {
  const line = items[far]!.line;
  throw new Bail(new TemplateParseError(`template: ${parseName}:${line}: ${msg}`, parseName, line, msg));
};
const next = (): Item => {
  const i = p < lastIdx ? p : lastIdx;
  if (i > far) far = i;
  p++;
  return items[i]!;
};
const backup = (): void => {
  p--;
};
const peek = (): Item => items[p < lastIdx ? p : lastIdx]!;
const nextNonSpace = (): Item => {
  let t = next();
  while (t.typ === T.Space) t = next();
  return t;
};
const peekNonSpace = (): Item => {
  const t = nextNonSpace();
  backup();
  return t;
};
const unexpected = (token: Item, context: string): never => {
  if (token.typ === T.Error) {
    let extra = '';
    if (actionLine !== 0 && actionLine !== token.line) {
      extra = ` in action started at ${parseName}:${actionLine}`;
      if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
    }
    return fail(`${itemString(token)}${extra}`);
  }
  return fail(`unexpected ${itemString(token)} in ${context}`);
};
const expect = (typ: T, context: string): Item => {
  const t = nextNonSpace();
  if (t.typ !== typ) unexpected(t, context);
  return t;
};

const add = (tname: string, root: ListNode): void => {
  const tree = treeSet.get(tname);
  if (tree === undefined || isEmptyTree(tree.root)) {
    treeSet.set(tname, { name: tname, parseName, root, text });
    return;
  }
  if (!isEmptyTree(root)) fail(`template: multiple definition of template ${goQuote(tname)}`);
};

const itemList = (): [ListNode, Node] => {
  const list: ListNode = { kind: 'list', pos: peekNonSpace().pos, nodes: [] };
  while (peekNonSpace().typ !== T.EOF) {
    const n = textOrAction();
    if (n.kind === 'end' || n.kind === 'else') return [list, n];
    list.nodes.push(n);
  }
  return fail('unexpected EOF');
};

const textOrAction = (): Node => {
  const token = nextNonSpace();
  switch (token.typ) {
    case T.Text: return { kind: 'text', pos: token.pos, text: token.val };
    case T.LeftDelim: {
      actionLine = token.line;
      try {
        return action();
      } finally {
        actionLine = 0;
      }
    }
  }
  return unexpected(token, 'input');
};

const action = (): Node => {
  const token = nextNonSpace();
  switch (token.typ) {
    case T.Block: return blockControl();
    case T.Break: return loopControl(token, 'break');
    case T.Continue: return loopControl(token, 'continue');
    case T.Else: return elseControl();
    case T.End: return { kind: 'end', pos: expect(T.RightDelim, 'end').pos } satisfies EndNode;
    case T.If: return control('if') as IfNode;
    case T.Range: return control('range') as RangeNode;
    case T.Template: return templateControl();
    case T.With: return control('with') as WithNode;
  }
  backup();
  const tok = peek();
  return { kind: 'action', pos: tok.pos, line: tok.line, pipe: pipeline('command', T.RightDelim) } satisfies ActionNode;
};

const loopControl = (token: Item, word: 'break' | 'continue'): Node => {
  const t = nextNonSpace();
  if (t.typ !== T.RightDelim) unexpected(t, `{{${word}}}`);
  if (rangeDepth === 0) fail(`{{${word}}} outside {{range}}`);
  return { kind: word, pos: token.pos, line: token.line };
};

const elseControl = (): Node => {
  const pk = peekNonSpace();
  if (pk.typ === T.If || pk.typ === T.With) return { kind: 'else', pos: pk.pos, line: pk.line } satisfies ElseNode;
  const token = expect(T.RightDelim, 'else');
  return { kind: 'else', pos: token.pos, line: token.line } satisfies ElseNode;
};

const control = (context: 'if' | 'range' | 'with'): IfNode | RangeNode | WithNode => {
  const depth = vars.length;
  try {
    const pipe = pipeline(context, T.RightDelim);
    if (context === 'range') rangeDepth++;
    let [list, nextNode] = itemList();
    if (context === 'range') rangeDepth--;
    let elseList: ListNode | null = null;
    if (nextNode.kind === 'else') {
      if (context === 'if' && peek().typ === T.If) {
        next();
        elseList = { kind: 'list', pos: nextNode.pos, nodes: [control('if')] };
      } else if (context === 'with' && peek().typ === T.With) {
        next();
        elseList = { kind: 'list', pos: nextNode.pos, nodes: [control('with')] };
      } else {
        [elseList, nextNode] = itemList();
        if (nextNode.kind !== 'end') fail(`expected end; found ${nodeString(nextNode)}`);
      }
    }
    return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList } as IfNode | RangeNode | WithNode;
  } finally {
    vars = vars.slice(0, depth);
  }
};

const parseTemplateName = (token: Item, context: string): string => {
  if (token.typ === T.String || token.typ === T.RawString) return unquote(token.val);
  return unexpected(token, context);
};

const templateControl = (): Node => {
  const context = 'template clause';
  const token = nextNonSpace();
  const tname = parseTemplateName(token, context);
  let pipe: PipeNode | null = null;
  if (nextNonSpace().typ !== T.RightDelim) {
    backup();
    pipe = pipeline(context, T.RightDelim);
  }
  return { kind: 'template', pos: token.pos, line: token.line, name: tname, pipe } satisfies TemplateNode;
};

const blockControl = (): Node => {
  const context = 'block clause';
  const token = nextNonSpace();
  const tname = parseTemplateName(token, context);
  const pipe = pipeline(context, T.RightDelim);
  const savedVars = vars;
  const savedDepth = rangeDepth;
  vars = ['$'];
  rangeDepth = 0;
  const [root, end] = itemList();
  if (end.kind !== 'end') fail(`unexpected ${nodeString(end)} in ${context}`);
  add(tname, root);
  vars = savedVars;
  rangeDepth = savedDepth;
  return { kind: 'template', pos: token.pos, line: token.line, name: tname, pipe } satisfies TemplateNode;
};

const parseDefinition = (): void => {
  const context = 'define clause';
  const token = nextNonSpace();
  if (token.typ !== T.String && token.typ !== T.RawString) unexpected(token, context);
  const tname = unquote(token.val);
  expect(T.RightDelim, context);
  const savedVars = vars;
  vars = ['$'];
  const [root, end] = itemList();
  if (end.kind !== 'end') fail(`unexpected ${nodeString(end)} in ${context}`);
  add(tname, root);
  vars = savedVars;
};

const pipeline = (context: string, end: T): PipeNode => {
  const token = peekNonSpace();
  const pipe: PipeNode = { kind: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
  decls: for (;;) {
    const v = peekNonSpace();
    if (v.typ !== T.Variable) break;
    const vIdx = p;
    next();
    const tokenAfterVariable = peek();
    const nx = peekNonSpace();
    if (nx.typ === T.Assign || nx.typ === T.Declare) {
      pipe.isAssign = nx.typ === T.Assign;
      nextNonSpace();
      pipe.decl.push(newVariable(v.pos, v.val));
      vars.push(v.val);
    } else if (nx.typ === T.Char && nx.val === ',') {
      nextNonSpace();
      pipe.decl.push(newVariable(v.pos, v.val));
      vars.push(v.val);
      if (context === 'range' && pipe.decl.length < 2) {
        const t = peekNonSpace().typ;
        if (t === T.Variable || t === T.RightDelim || t === T.RightParen) continue decls;
        fail('range can only initialize variables');
      }
      fail(`too many declarations in ${context}`);
    } else {
      // "$x foo" or "$x}}": an operand, not a declaration; put it back
      void tokenAfterVariable;
      p = vIdx;
    }
    break;
  }
  for (;;) {
    const t = nextNonSpace();
    switch (t.typ) {
      case end:
        checkPipeline(pipe, context);
        return pipe;
      case T.Bool: case T.CharConstant: case T.Complex: case T.Dot: case T.Field: case T.Identifier:
      case T.Number: case T.Nil: case T.RawString: case T.String: case T.Variable: case T.LeftParen:
        backup();
        pipe.cmds.push(command());
        break;
      default:
        unexpected(t, context);
    }
  }
};

const checkPipeline = (pipe: PipeNode, context: string): void => {
  if (pipe.cmds.length === 0) fail(`missing value for ${context}`);
  for (let i = 1; i < pipe.cmds.length; i++) {
    const k = pipe.cmds[i]!.args[0]!.kind;
    if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') fail(`non executable command in pipeline stage ${i + 1}`);
  }
};

const command = (): CommandNode => {
  const cmd: CommandNode = { kind: 'command', pos: peekNonSpace().pos, args: [] };
  for (;;) {
    peekNonSpace();
    const op = operand();
    if (op !== null) cmd.args.push(op);
    const token = next();
    if (token.typ === T.Space) continue;
    if (token.typ === T.RightDelim || token.typ === T.RightParen) backup();
    else if (token.typ !== T.Pipe) unexpected(token, 'operand');
    break;
  }
  if (cmd.args.length === 0) fail('empty command');
  return cmd;
};

const operand = (): Node | null => {
  const node = term();
  if (node === null) return null;
  if (peek().typ === T.Field) {
    const chain: ChainNode = { kind: 'chain', pos: peek().pos, node, field: [] };
    while (peek().typ === T.Field) chain.field.push(next().val.slice(1));
    switch (node.kind) {
      case 'field': return { kind: 'field', pos: chain.pos, ident: [...node.ident, ...chain.field] } satisfies FieldNode;
      case 'variable': return { kind: 'variable', pos: chain.pos, ident: [...node.ident, ...chain.field] } satisfies VariableNode;
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        return fail(`unexpected . after term ${goQuote(nodeString(node))}`);
    }
    return chain;
  }
  return node;
};

const useVar = (pos: number, nameText: string): VariableNode => {
  const v = newVariable(pos, nameText);
  if (!vars.includes(v.ident[0]!)) fail(`undefined variable ${goQuote(v.ident[0])}`);
  return v;
};

const term = (): Node | null => {
  const token = nextNonSpace();
  switch (token.typ) {
    case T.Identifier:
      if (!hasFunction(token.val)) fail(`function ${goQuote(token.val)} not defined`);
      return { kind: 'identifier', pos: token.pos, ident: token.val };
    case T.Dot: return { kind: 'dot', pos: token.pos };
    case T.Nil: return { kind: 'nil', pos: token.pos };
    case T.Variable: return useVar(token.pos, token.val);
    case T.Field: return { kind: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
    case T.Bool: return { kind: 'bool', pos: token.pos, value: token.val === 'true' };
    case T.CharConstant: case T.Complex: case T.Number: {
      const r = newNumber(token.pos, token.val, token.typ);
      if (typeof r === 'string') fail(r);
      return r as NumberNode;
    }
    case T.LeftParen: return pipeline('parenthesized pipeline', T.RightParen);
    case T.String: case T.RawString: {
      const s = unquoteOrFail(token.val);
      return { kind: 'string', pos: token.pos, quoted: token.val, text: s };
    }
  }
  backup();
  return null;
};

const unquote = (s: string): string => unquoteOrFail(s);
const unquoteOrFail = (s: string): string => {
  const r = goUnquote(s);
  if (r === undefined) fail('invalid syntax');
  return r!;
};

/**
 * Parses `text` as template `name`. `hasFunction` says which identifiers are
 * functions (Go checks them at parse time). Returns every tree, keyed by
 * name; a `define` of a name already defined non-empty in the same text is an
 * error, as in Go.
 */
export function parse(name: string, source: string, isFunction: (name: string) => boolean, fileName = name): Map<string, Tree> {
  text = source;
  parseName = fileName;
  hasFunction = isFunction;
  items = lex(source);
  lastIdx = items.length - 1;
  treeSet = new Map<string, Tree>();
  p = 0;
  far = 0;
  vars = ['$'];
  rangeDepth = 0;
  actionLine = 0;
  try {
    // Tree.parse
    const root: ListNode = { kind: 'list', pos: peek().pos, nodes: [] };
    while (peek().typ !== T.EOF) {
      if (peek().typ === T.LeftDelim) {
        const save = p;
        next();
        if (nextNonSpace().typ === T.Define) {
          parseDefinition();
          continue;
        }
        p = save;
      }
      const n = textOrAction();
      if (n.kind === 'end' || n.kind === 'else') fail(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    add(name, root);
    return treeSet;
  } catch (e) {
    if (e instanceof Bail) throw e.err;
    throw e;
  } finally {
    // Nothing of this text is held past the call.
    text = '';
    items = [];
    treeSet = NO_TREES as Map<string, Tree>;
    hasFunction = NO_FUNCTIONS;
  }
}
