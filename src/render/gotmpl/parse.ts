// The parser of Go's text/template/parse (parse.go): one template text →
// its trees (the main one plus every `define`/`block`), with Go's checks
// (undefined variables and functions, break outside range, ...) and Go's error
// texts: `template: NAME:LINE: unexpected "}" in operand`.
import type {
  ActionNode, ChainNode, CommandNode, ElseNode, EndNode, FieldNode, IfNode, ListNode, Node, NumberNode, PipeNode,
  RangeNode, TemplateNode, VariableNode, WithNode,
} from './ast.js';
import { isEmptyTree, nodeString } from './ast.js';
import { itemString, lex, T, type Item } from './lex.js';
import { quote as goQuote } from './strconv.js';

/** One parsed template: its name, root and the source it came from (for error positions). */
export interface Tree {
  readonly name: string;
  /** The file the text came from (Go's ParseName), used in error locations. */
  readonly parseName: string;
  readonly root: ListNode;
  readonly text: string;
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

/**
 * Parses `text` as template `name`. `hasFunction` says which identifiers are
 * functions (Go checks them at parse time). Returns every tree, keyed by
 * name; a `define` of a name already defined non-empty in the same text is an
 * error, as in Go.
 */
export function parse(name: string, text: string, hasFunction: (name: string) => boolean, parseName = name): Map<string, Tree> {
  const items = lex(text);
  const treeSet = new Map<string, Tree>();
  let p = 0; // next item
  let far = 0; // index of the furthest item read (Go's token[0]), whose line errors report
  let vars: string[] = ['$'];
  let rangeDepth = 0;
  let actionLine = 0;

  const fail = (msg: string): never => {
    const line = items[far]!.line;
    throw new Bail(new TemplateParseError(`template: ${parseName}:${line}: ${msg}`, parseName, line, msg));
  };
  const lastIdx = items.length - 1;
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
  }
}

function newVariable(pos: number, ident: string): VariableNode {
  return { kind: 'variable', pos, ident: ident.split('.') };
}

/** strconv.Unquote for "..." , `...` and '...' literals; undefined when invalid. */
export function goUnquote(s: string): string | undefined {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  if (!body.includes('\\')) {
    if (body.includes(q) || body.includes('\n')) return undefined;
    if (q === "'" && [...body].length !== 1) return undefined;
    return body;
  }
  const bytes: number[] = [];
  const pushStr = (str: string): void => {
    for (const b of Buffer.from(str, 'utf8')) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushStr(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(92); break;
      case "'": case '"':
        if (e !== q) return undefined;
        bytes.push(e.charCodeAt(0));
        break;
      case 'x': case 'u': case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        i += n;
        const v = parseInt(hex, 16);
        if (e === 'x') {
          if (q === "'") pushStr(String.fromCodePoint(v));
          else bytes.push(v);
        } else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
          pushStr(String.fromCodePoint(v));
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const oct = body.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) return undefined;
        const v = parseInt(oct, 8);
        if (v > 255) return undefined;
        i += 2;
        if (q === "'") pushStr(String.fromCodePoint(v));
        else bytes.push(v);
        break;
      }
      default:
        return undefined;
    }
  }
  const out = Buffer.from(bytes).toString('utf8');
  if (q === "'" && [...out].length !== 1) return undefined;
  return out;
}

/** parse.newNumber: a NumberNode, or an error message. */
function newNumber(pos: number, text: string, typ: T): NumberNode | string {
  const n: NumberNode = { kind: 'number', pos, text, isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0 };
  if (typ === T.CharConstant) {
    const r = goUnquote(text);
    if (r === undefined) return 'invalid syntax';
    const cp = BigInt(r.codePointAt(0)!);
    n.int64 = cp;
    n.uint64 = cp;
    n.float64 = Number(cp);
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === T.Complex) {
    n.isComplex = true;
    return n;
  }
  if (text.endsWith('i')) {
    n.isComplex = true;
    return n;
  }
  const u = parseGoInt(text, false);
  if (u !== undefined && u >= 0n && u < 1n << 64n) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseGoInt(text, true);
  if (i !== undefined && i >= -(1n << 63n) && i < 1n << 63n) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n && text[0] === '-') {
      n.isUint = true;
      n.uint64 = 0n;
    }
  } else if (n.isUint) {
    n.isInt = false;
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (!n.isInt && Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (!n.isUint && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

function underscoreOK(s: string): boolean {
  // Go: underscores only between digits or after a base prefix
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i++;
  let hex = false;
  let saw = '^';
  if (s.length - i >= 2 && s[i] === '0' && /[xXbBoO]/.test(s[i + 1]!)) {
    hex = /[xX]/.test(s[i + 1]!);
    i += 2;
    saw = '0';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseInt/ParseUint(s, 0, 64) without the range check; undefined when the syntax is wrong. */
function parseGoInt(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    if (!signed) return undefined;
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s.length === 0) return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === '0' && s.length > 1) {
    const b = s[1]!.toLowerCase();
    if (b === 'x') { base = 16; digits = s.slice(2); }
    else if (b === 'b') { base = 2; digits = s.slice(2); }
    else if (b === 'o') { base = 8; digits = s.slice(2); }
    else { base = 8; digits = s.slice(1); }
  }
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replace(/_/g, '');
  }
  if (digits.length === 0) return undefined;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

/** strconv.ParseFloat(s, 64) for Go syntax (decimal and hex floats, underscores); undefined when invalid. */
function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m && (m[2]! + m[3]!).length > 0) {
    const mant = parseInt((m[2]! || '0') + (m[3] ?? ''), 16) / 16 ** (m[3]?.length ?? 0);
    const v = mant * 2 ** Number(m[4]);
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}
