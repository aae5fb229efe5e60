// The whitelist of template syntax skiff lets reach nunjucks' compiler.
// Nunjucks compiles a template to JavaScript source and pastes many
// template-supplied strings into it unescaped: names of variables, tests,
// filters, macros and their arguments, import aliases, loop and set targets,
// block names — and where the grammar expects a name it often accepts a
// string literal instead (`1 is "…"`, `import "t" as "…"`,
// `macro m("…"=1)`), so quotes in it become code. This module checks every
// node type nunjucks can produce, field by field: a node type or a node in a
// position not listed here is refused, every pasted name must be a plain
// ASCII identifier, and literals must be strings, finite numbers, booleans or
// none. It runs once over the parsed tree (with line numbers for the error)
// and again on each node as the compiler reaches it (so nodes the compiler
// or nunjucks' transformer make up are held to the same rules).
import { SandboxViolationError } from '../errors.js';
import { requirePackage } from './packages.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface NjNode { typename: string; fields: string[]; lineno: number; colno: number; [k: string]: any }

// Loaded on first use: a render of Go templates only never loads nunjucks.
let nodesModule: Record<string, any> | undefined;
let libModule: Record<string, any> | undefined;
const nodes = (): Record<string, any> => (nodesModule ??= requirePackage('nunjucks/src/nodes') as Record<string, any>);
const lib = (): Record<string, any> => (libModule ??= requirePackage('nunjucks/src/lib') as Record<string, any>);

/** Property names that lead from data to code; refused everywhere. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__',
  '__lookupGetter__', '__lookupSetter__',
]);

/**
 * Names that are plain data keys when looked up on a value (`Values.constructor`,
 * as Helm reads `.Values.constructor`): the runtime lookup returns only an own
 * data property that is not a function, so they cannot reach code there.
 */
export const DATA_LOOKUP_NAMES: ReadonlySet<string> = new Set(['constructor', 'prototype']);

/** What a name pasted into generated JavaScript may look like. */
export const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const COMPARE_OPS: ReadonlySet<unknown> = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=']);

/** Expression node types (what `{{ }}`, arguments and conditions may hold). */
const EXPRESSIONS: ReadonlySet<string> = new Set([
  'Literal', 'Symbol', 'Group', 'Array', 'Dict', 'FunCall', 'Filter', 'LookupVal', 'Compare', 'InlineIf',
  'In', 'Is', 'And', 'Or', 'Not', 'Add', 'Concat', 'Sub', 'Mul', 'Div', 'FloorDiv', 'Mod', 'Pow', 'Neg', 'Pos',
]);

/** Statement node types (what a template body may hold). */
const STATEMENTS: ReadonlySet<string> = new Set([
  'Output', 'If', 'For', 'Macro', 'Set', 'Import', 'FromImport', 'Block',
  'Define', 'Super', 'Extends', 'Include', 'Switch', 'NodeList',
]);

export function violationError(msg: string, n: { lineno?: number; colno?: number } | undefined): Error {
  const line = typeof n?.lineno === 'number' ? n.lineno + 1 : undefined;
  const col = typeof n?.colno === 'number' ? n.colno + 1 : undefined;
  const err = new (lib().TemplateError)(msg, line, col);
  err.cause_ = new SandboxViolationError(`sandbox: ${msg}`);
  return err;
}

function fail(msg: string, n: NjNode | undefined): never {
  throw violationError(msg, n);
}

function isNode(v: unknown): v is NjNode {
  return v instanceof nodes().Node;
}

function is(v: unknown, typename: string): v is NjNode {
  return isNode(v) && v.typename === typename;
}

function describe(v: unknown): string {
  if (isNode(v)) return v.typename === 'Literal' ? `the literal ${JSON.stringify(String(v.value)).slice(0, 60)}` : `a ${v.typename}`;
  return typeof v;
}

/** A string that nunjucks pastes into code: an identifier that is not a prototype-reaching name. */
export function checkName(value: unknown, what: string, at: NjNode | undefined): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    fail(`${what} must be a plain name (letters, digits, _ and $), not ${JSON.stringify(String(value)).slice(0, 80)}`, at);
  }
  if (FORBIDDEN_NAMES.has(value)) fail(`the name "${value}" is not allowed`, at);
  return value;
}

/** A node that must be a name (Symbol) at this position, e.g. an alias or a loop variable. */
function nameNode(v: unknown, what: string, parent: NjNode): NjNode {
  if (!is(v, 'Symbol')) fail(`${what} must be a plain name, not ${describe(v)}`, isNode(v) ? v : parent);
  checkName(v.value, what, v);
  return v;
}

function list(v: unknown, what: string, parent: NjNode): NjNode[] {
  if (!isNode(v) || !Array.isArray(v.children) || !(v.typename === 'NodeList' || v.typename === 'Root')) fail(`${what} is malformed`, parent);
  return v.children as NjNode[];
}

type Kind = 'expr' | 'stmt' | 'body' | 'output' | 'args' | 'kwargs' | 'signature' | 'any';

interface Visit { node: NjNode; kind: Kind; top: boolean }

/**
 * Checks one node's own fields and says which children to check next and as
 * what. Throws a TemplateError (with a SandboxViolationError cause) naming the
 * line on the first thing outside the whitelist.
 */
function checkNode(node: NjNode, kind: Kind, top: boolean, out: Visit[] | undefined): void {
  const t = node.typename;
  const push = (child: unknown, k: Kind, childTop = false) => {
    if (!isNode(child)) fail(`malformed template (${t} without ${k})`, node);
    if (out) out.push({ node: child, kind: k, top: childTop });
  };
  const expr = (child: unknown) => push(child, 'expr');
  const optExpr = (child: unknown) => { if (child !== null && child !== undefined) expr(child); };
  const body = (child: unknown, childTop = false) => push(child, 'body', childTop);
  const optBody = (child: unknown) => { if (child !== null && child !== undefined) body(child); };
  // Positions are pasted into the generated code as numbers.
  if (!(node.lineno === undefined || Number.isInteger(node.lineno)) || !(node.colno === undefined || Number.isInteger(node.colno))) fail('malformed template position', undefined);
  if (kind === 'expr' && !EXPRESSIONS.has(t)) fail(`${t} is not allowed in an expression`, node);
  if (kind === 'stmt' && !STATEMENTS.has(t)) fail(`${t} is not allowed here`, node);
  switch (t) {
    // ---- containers
    case 'Root':
    case 'NodeList':
      if (kind !== 'body' && kind !== 'stmt' && kind !== 'any') fail(`${t} is not allowed here`, node);
      for (const c of list(node, 'a template body', node)) push(c, 'stmt', top);
      return;
    case 'Output':
      for (const c of node.children as unknown[]) {
        if (is(c, 'TemplateData')) {
          if (typeof c.value !== 'string') fail('malformed template text', node);
        } else expr(c);
      }
      return;
    case 'Capture':
      body(node.body);
      return;
    // ---- leaves
    case 'TemplateData':
      if (typeof node.value !== 'string') fail('malformed template text', node);
      return;
    case 'Literal': {
      const v = node.value;
      if (v instanceof RegExp) fail('regular expression literals are not supported; pass a string to regexMatch and friends', node);
      if (!(typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v)))) fail(`unsupported literal ${String(v)}`, node);
      return;
    }
    case 'Symbol':
      checkName(node.value, 'a name', node);
      return;
    // ---- expressions
    case 'Group':
      if (!Array.isArray(node.children) || node.children.length === 0) fail('empty parentheses', node);
      for (const c of node.children as unknown[]) expr(c);
      return;
    case 'Array':
      for (const c of node.children as unknown[]) expr(c);
      return;
    case 'Dict':
      for (const p of node.children as unknown[]) {
        if (!is(p, 'Pair')) fail('a dict entry must be key: value', node);
        const key = p.key;
        if (is(key, 'Symbol')) checkName(key.value, 'a dict key', key);
        else if (!is(key, 'Literal') || typeof key.value !== 'string') fail(`a dict key must be a string or a name, not ${describe(key)}`, isNode(key) ? key : p);
        else if (FORBIDDEN_NAMES.has(key.value)) fail(`the key "${key.value}" is not allowed`, key);
        expr(p.value);
      }
      return;
    case 'LookupVal':
      expr(node.target);
      if (is(node.val, 'Literal') && FORBIDDEN_NAMES.has(String(node.val.value)) && !DATA_LOOKUP_NAMES.has(String(node.val.value))) fail(`access to "${node.val.value}" is not allowed`, node.val);
      expr(node.val);
      return;
    case 'FunCall':
      expr(node.name);
      push(node.args, 'args');
      return;
    case 'Filter':
      nameNode(node.name, 'a filter name', node);
      // `{% filter f %}…{% endfilter %}` passes the captured body as the first argument.
      {
        const args = list(node.args, 'filter arguments', node);
        args.forEach((a, i) => (i === 0 && is(a, 'Capture') ? push(a, 'any') : is(a, 'KeywordArgs') && i === args.length - 1 ? push(a, 'kwargs') : expr(a)));
      }
      return;
    case 'Is': {
      expr(node.left);
      const r = node.right;
      if (is(r, 'FunCall')) {
        nameNode(r.name, 'a test name', r);
        for (const a of list(r.args, 'test arguments', r)) expr(a);
      } else {
        nameNode(r, 'a test name', node);
      }
      return;
    }
    case 'Compare':
      expr(node.expr);
      if (!Array.isArray(node.ops)) fail('malformed comparison', node);
      for (const op of node.ops as unknown[]) {
        if (!is(op, 'CompareOperand') || !COMPARE_OPS.has(op.type)) fail('malformed comparison', node);
        expr(op.expr);
      }
      return;
    case 'InlineIf':
      expr(node.cond);
      expr(node.body);
      optExpr(node.else_);
      return;
    case 'In': case 'And': case 'Or': case 'Add': case 'Concat': case 'Sub': case 'Mul': case 'Div':
    case 'FloorDiv': case 'Mod': case 'Pow':
      expr(node.left);
      expr(node.right);
      return;
    case 'Not': case 'Neg': case 'Pos':
      expr(node.target);
      return;
    // ---- argument lists
    case 'Pair': {
      // Reached only as the compiler compiles a dict or keyword arguments (their parent checked it too).
      if (kind !== 'any') fail('a key: value pair is not allowed here', node);
      const key = node.key;
      if (is(key, 'Symbol')) checkName(key.value, 'a key', key);
      else if (!is(key, 'Literal') || typeof key.value !== 'string') fail(`a key must be a string or a name, not ${describe(key)}`, isNode(key) ? key : node);
      else if (FORBIDDEN_NAMES.has(key.value)) fail(`the key "${key.value}" is not allowed`, key);
      if (is(node.value, 'Caller')) push(node.value, 'any');
      else expr(node.value);
      return;
    }
    case 'KeywordArgs':
      if (kind !== 'kwargs') fail('keyword arguments are not allowed here', node);
      for (const p of node.children as unknown[]) {
        if (!is(p, 'Pair')) fail('malformed keyword argument', node);
        nameNode(p.key, 'a keyword argument name', p);
        if (is(p.value, 'Caller')) push(p.value, 'any');
        else expr(p.value);
      }
      return;
    case 'Caller':
    case 'Macro': {
      if (t === 'Caller' && kind !== 'any') fail('caller is not allowed here', node);
      if (t === 'Macro') nameNode(node.name, 'a macro name', node);
      else if (!is(node.name, 'Symbol') || node.name.value !== 'caller') fail('malformed call block', node);
      // Positional parameters are names; a last keyword group gives names with defaults.
      const params = list(node.args, 'macro parameters', node);
      params.forEach((p, i) => {
        if (is(p, 'KeywordArgs') && i === params.length - 1) {
          for (const pair of p.children as unknown[]) {
            if (!is(pair, 'Pair')) fail('malformed macro parameter', p);
            nameNode(pair.key, 'a macro parameter', pair);
            expr(pair.value);
          }
        } else {
          nameNode(p, 'a macro parameter', node);
        }
      });
      body(node.body);
      return;
    }
    // ---- statements
    case 'IfAsync':
    case 'AsyncEach':
    case 'AsyncAll':
      // Their generated code binds loop variables as bare JavaScript parameters; rendering is synchronous anyway.
      fail('ifAsync, asyncEach and asyncAll are not supported: use if and for', node);
      return;
    case 'If':
      expr(node.cond);
      body(node.body);
      optBody(node.else_);
      return;
    case 'For':
      if (is(node.name, 'Array')) {
        const names = node.name.children as unknown[];
        if (names.length < 2) fail('malformed loop variables', node);
        for (const n of names) nameNode(n, 'a loop variable', node);
      } else {
        nameNode(node.name, 'a loop variable', node);
      }
      expr(node.arr);
      body(node.body);
      optBody(node.else_);
      return;
    case 'Set':
      if (!Array.isArray(node.targets) || node.targets.length === 0) fail('malformed set', node);
      for (const target of node.targets as unknown[]) {
        if (!is(target, 'Symbol')) fail('set can only assign to plain names, not to members of objects (use the set function on a dict)', isNode(target) ? target : node);
        checkName(target.value, 'a set target', target);
      }
      if (node.value !== null && node.value !== undefined) expr(node.value);
      else if (is(node.body, 'Capture')) push(node.body, 'any');
      else fail('malformed set', node);
      return;
    case 'Import':
      expr(node.template);
      nameNode(node.target, 'an import alias', node);
      return;
    case 'FromImport':
      expr(node.template);
      for (const n of list(node.names, 'imported names', node)) {
        if (is(n, 'Pair')) {
          nameNode(n.key, 'an imported name', n);
          nameNode(n.value, 'an import alias', n);
        } else {
          nameNode(n, 'an imported name', node);
        }
      }
      return;
    case 'Block':
      nameNode(node.name, 'a block name', node);
      body(node.body);
      return;
    case 'Define':
      if (!top) fail('define must be at the top level of a template', node);
      nameNode(node.name, 'a helper block', node);
      body(node.body);
      return;
    case 'Super':
      nameNode(node.blockName, 'a block name', node);
      nameNode(node.symbol, 'a block result', node);
      return;
    case 'Extends':
    case 'Include':
      expr(node.template);
      return;
    case 'Switch':
      expr(node.expr);
      if (!Array.isArray(node.cases)) fail('malformed switch', node);
      for (const c of node.cases as unknown[]) {
        if (!is(c, 'Case')) fail('malformed switch', node);
        expr(c.cond);
        body(c.body);
      }
      optBody(node.default);
      return;
    default:
      fail(`${t} is not supported`, node);
  }
}

/** The arguments of a call: expressions, with keyword arguments last. */
function checkArgs(node: NjNode, out: Visit[] | undefined): void {
  const args = list(node, 'arguments', node);
  args.forEach((a, i) => {
    if (is(a, 'KeywordArgs') && i === args.length - 1) out?.push({ node: a, kind: 'kwargs', top: false });
    else {
      if (!isNode(a)) fail('malformed arguments', node);
      out?.push({ node: a, kind: 'expr', top: false });
    }
  });
}

function visit(v: Visit, out: Visit[] | undefined): void {
  if (v.kind === 'args') checkArgs(v.node, out);
  else checkNode(v.node, v.kind, v.top, out);
}

/**
 * Validates a whole parsed template against the whitelist. Returns whether
 * nunjucks' transformer has anything to do (`super()`); most templates need none.
 */
export function validateAst(root: NjNode): boolean {
  let needsTransform = false;
  const stack: Visit[] = [{ node: root, kind: 'body', top: true }];
  while (stack.length > 0) {
    const v = stack.pop()!;
    const n = v.node;
    if (n.typename === 'FunCall' && is(n.name, 'Symbol') && n.name.value === 'super') needsTransform = true;
    const children: Visit[] = [];
    visit(v, children);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return needsTransform;
}

/** The same rules for one node, as the compiler reaches it (its children are checked when they are compiled). */
export function checkCompiledNode(node: unknown): void {
  if (!isNode(node)) fail('malformed template', undefined);
  checkNode(node, node.typename === 'KeywordArgs' ? 'kwargs' : 'any', true, undefined);
}
