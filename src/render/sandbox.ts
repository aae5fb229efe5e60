// Closes nunjucks' language holes. Nunjucks compiles templates to JavaScript
// that reaches data through runtime.memberLookup / contextOrFrameLookup and
// calls through runtime.callWrap; plain nunjucks lets `range.constructor(...)`
// reach Function and from there the process. Here every lookup is own-property
// only and refuses prototype-reaching names, only functions skiff registered
// can be called, object and array literals cannot carry functions, and every
// loop, output chunk and call is charged against the render's limits.
import vm from 'node:vm';
import { RenderError, SandboxViolationError } from '../errors.js';
import { chargeLoop, chargeOutput, tick } from './budget.js';
import { requirePackage } from './packages.js';
import { speedUpLexer } from './nunjucks-lexer.js';
import { checkCompiledNode, checkName as checkPastedName, DATA_LOOKUP_NAMES, FORBIDDEN_NAMES, IDENTIFIER, validateAst, type NjNode } from './nunjucks-ast.js';

export { FORBIDDEN_NAMES };

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyFn = (...args: any[]) => any;

type NunjucksModules = {
  runtime: Record<string, any>;
  compiler: { compile: AnyFn; Compiler: any };
  parser: { parse: AnyFn };
  lexer: { lex: (src: string, opts: unknown) => unknown };
  transformer: { transform: AnyFn };
  nodes: Record<string, any>;
  environment: { Environment: any; Template: any };
  lib: Record<string, any>;
};

const loaded: Partial<NunjucksModules> = {};
function lazy<K extends keyof NunjucksModules>(key: K): NunjucksModules[K] {
  return (loaded[key] ??= requirePackage(`nunjucks/src/${key}`) as NunjucksModules[K]);
}

/** nunjucks' modules, each loaded on first use (a render of Go templates only never loads them). */
export const nj: Readonly<NunjucksModules> = {
  get runtime() { return lazy('runtime'); },
  get compiler() { return lazy('compiler'); },
  get parser() { return lazy('parser'); },
  get lexer() { return lazy('lexer'); },
  get transformer() { return lazy('transformer'); },
  get nodes() { return lazy('nodes'); },
  get environment() { return lazy('environment'); },
  get lib() { return lazy('lib'); },
};

const allowedFunctions = new WeakSet<object>();

/** Registers a function as callable from templates and returns it. */
export function expose<T extends AnyFn>(fn: T): T {
  allowedFunctions.add(fn);
  return fn;
}

export function isExposed(fn: unknown): boolean {
  return typeof fn === 'function' && allowedFunctions.has(fn);
}

export function violation(what: string): SandboxViolationError {
  return new SandboxViolationError(`sandbox: ${what}`);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function checkName(name: unknown): string {
  if (typeof name === 'symbol') throw violation('symbol-keyed access is not allowed');
  const k = String(name);
  if (FORBIDDEN_NAMES.has(k)) throw violation(`access to "${k}" is not allowed`);
  return k;
}

function checkFunctionValue(v: unknown, name: string): unknown {
  if (typeof v === 'function' && !allowedFunctions.has(v)) throw violation(`"${name}" is a function skiff does not expose`);
  return v;
}

/** Own-property lookup that refuses prototype-reaching names and unexposed functions. */
export function memberLookup(obj: unknown, key: unknown): unknown {
  const k = typeof key === 'string' && DATA_LOOKUP_NAMES.has(key) ? key : checkName(key);
  if (obj === undefined || obj === null) return undefined;
  if (typeof obj === 'function') throw violation(`property "${k}" of a function is not accessible`);
  if (typeof obj === 'string') {
    if (k === 'length') return obj.length;
    return /^\d+$/.test(k) ? obj[Number(k)] : undefined;
  }
  if (typeof obj !== 'object') return undefined; // numbers and booleans have no data properties
  if (!hasOwn(obj, k)) return undefined;
  const desc = Object.getOwnPropertyDescriptor(obj, k);
  if (desc === undefined || desc.get !== undefined || desc.set !== undefined) throw violation(`accessor property "${k}" is not accessible`);
  return checkFunctionValue(desc.value, k);
}

interface FrameLike { variables: Record<string, unknown>; parent?: FrameLike | null }
interface ContextLike { ctx: Record<string, unknown>; env: { globals: Record<string, unknown> } }

function contextOrFrameLookup(context: ContextLike, frame: FrameLike, name: string): unknown {
  checkName(name);
  for (let f: FrameLike | null | undefined = frame; f; f = f.parent) {
    if (hasOwn(f.variables, name)) {
      const v = f.variables[name];
      if (v !== undefined) return checkFunctionValue(v, name);
    }
  }
  if (hasOwn(context.ctx, name)) {
    const v = context.ctx[name];
    if (v !== undefined) return checkFunctionValue(v, name);
  }
  const g = context.env.globals;
  if (hasOwn(g, name)) return checkFunctionValue(g[name], name);
  return undefined;
}

function callWrap(fn: unknown, name: string, context: unknown, args: unknown[]): unknown {
  if (fn === undefined || fn === null || fn === false) throw new RenderError(`function "${name}" not defined`);
  if (typeof fn !== 'function') throw new RenderError(`"${name}" is not a function`);
  if (!allowedFunctions.has(fn)) throw violation(`calling "${name}" is not allowed: it is not a function skiff exposes`);
  tick();
  return (fn as AnyFn).apply(context, args);
}

function fromIterator(arr: unknown): unknown {
  if (arr !== null && typeof arr === 'object') {
    if (Array.isArray(arr)) chargeLoop(arr.length);
    else chargeLoop(Object.keys(arr).length);
    if (!Array.isArray(arr)) {
      // `for k, v in obj` enumerates with for..in: only own, data properties may show.
      const proto = Object.getPrototypeOf(arr);
      if (proto !== null && proto !== Object.prototype) throw violation('iterating over a non-plain object is not allowed');
    }
  } else if (typeof arr === 'string') {
    chargeLoop(arr.length);
  } else if (typeof arr === 'function') {
    throw violation('iterating over a function is not allowed');
  }
  return arr;
}

/** Go's empty-is-false truth: undefined, null, false, 0, "", [] and {} are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '' || Number.isNaN(v)) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof nj.runtime.SafeString) return String((v as { val: string }).val) !== '';
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Text of a printed value: Go-like for lists and maps, never calls user-reachable toString. */
export function printable(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof nj.runtime.SafeString) return String((v as { val: string }).val);
  if (typeof v === 'function') throw violation('a function cannot be printed');
  if (Array.isArray(v)) {
    chargeLoop(v.length);
    return `[${v.map(printable).join(' ')}]`;
  }
  const o = v as Record<string, unknown>;
  chargeLoop(1);
  return `map[${Object.keys(o).sort().map((k) => `${k}:${printable(o[k])}`).join(' ')}]`;
}

function suppressValue(v: unknown): string {
  const s = printable(v);
  chargeOutput(s.length);
  return s;
}

function countText(s: string): string {
  chargeOutput(s.length);
  return s;
}

function checkData(v: unknown): unknown {
  if (typeof v === 'function') throw violation('functions cannot be stored in a dict or list');
  return v;
}

function skiffDict(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) checkData(o[k]);
  return o;
}

function skiffArray(a: unknown[]): unknown[] {
  for (const v of a) checkData(v);
  return a;
}

function inOperator(key: unknown, val: unknown): boolean {
  if (Array.isArray(val) || typeof val === 'string') return (val as unknown[]).indexOf(key) !== -1;
  if (val !== null && typeof val === 'object') return hasOwn(val, String(key));
  throw new RenderError(`cannot use "in" operator to search for "${String(key)}" in unexpected types`);
}

function andOp(a: unknown, b: () => unknown): unknown {
  return truthy(a) ? b() : a;
}

function orOp(a: unknown, b: () => unknown): unknown {
  return truthy(a) ? a : b();
}


/** A JavaScript string literal for any text (JSON escaping, plus the two line separators). */
function jsString(text: string): string {
  const json = JSON.stringify(text);
  // Most texts hold neither separator (regular expressions are slow under the render process's frozen intrinsics).
  return json.includes('\u2028') || json.includes('\u2029') ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}

/** A literal's value as JavaScript; only the value types the parser makes. */
function jsLiteral(v: unknown): string {
  if (typeof v === 'string') return jsString(v);
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isFinite(v)) return Object.is(v, -0) ? '-0' : String(v);
  throw violation(`unsupported literal ${typeof v}`);
}

/** A source position pasted into the generated code: always a plain integer. */
function position(n: unknown): string {
  return Number.isInteger(n) ? String(n) : '0';
}

/** What a call's callee is called in error messages ("x", "Values.f", "the return value of (g)"). */
function calleeName(n: NjNode): string {
  switch (n.typename) {
    case 'Symbol': return String(n.value);
    case 'Literal': return String(n.value);
    case 'FunCall': return `the return value of (${calleeName(n.name)})`;
    case 'LookupVal': return `${calleeName(n.target)}["${calleeName(n.val)}"]`;
    default: return '--expression--';
  }
}

/**
 * The parameters through which compiled code names its own template (for
 * include/import/extends relative to it) and reaches its template text (the
 * literal text between tags, passed in as an array): the code is then the
 * same for one text under any path, and for texts that differ only between
 * their tags, so it is compiled once for all of them and can be cached by
 * content. Never names nunjucks generates (t_N, b_<block>, its runtime
 * arguments).
 */
const TEMPLATE_NAME_PARAM = '__skiffTemplateName';
const TEXTS_PARAM = '__skiffTexts';

/** A template compiled to code: the code and the template text it prints (see TEXTS_PARAM). */
export interface CompiledTemplate {
  readonly code: string;
  readonly texts: readonly string[];
}

/** Makes a template's functions (its `root` and blocks) for the template of a given name and text. */
export type TemplateFactory = (name: unknown, texts: readonly string[]) => Record<string, unknown>;

/**
 * Turns generated template code into its functions without `new Function`:
 * the render process runs with code generation from strings disabled, so
 * `x.constructor.constructor("…")` and `eval` fail there even for injected
 * code; vm's compile is an API call, not eval, and gives the code no dynamic
 * `import()` (it has no module loader to import with). The code is compiled
 * once; each call of the factory makes the functions for one template (and
 * freezes the texts it is given).
 */
export function templateFactory(source: string, filename: string): TemplateFactory {
  let fn: (name: unknown, texts: readonly string[]) => Record<string, unknown>;
  try {
    fn = vm.compileFunction(source, [TEMPLATE_NAME_PARAM, TEXTS_PARAM], { filename: `template:${filename}` }) as typeof fn;
  } catch (e) {
    // The whitelist should make this impossible: say so rather than pass on a JavaScript parse error.
    throw new RenderError(`internal error: the template compiled to invalid code (${(e as Error).message}); please report this template`);
  }
  return (name, texts) => {
    // Frozen in place (a compiled template's texts are never changed after compiling): one array for every path of a text.
    const props = fn(name, Object.isFrozen(texts) ? texts : Object.freeze(texts));
    if (props === null || typeof props !== 'object' || typeof props.root !== 'function') throw new RenderError('internal error: compiled template code has no root function');
    return props;
  };
}

/** What hardened nunjucks keeps on a Template it compiled from text: what it compiled to. */
export interface CompiledFrom { skiffCompiled?: CompiledTemplate }

/** Compiles a template text with the hardened compiler (after hardenNunjucks); throws nunjucks' errors. */
function compileText(src: string, asyncFilters: unknown, extensions: unknown[], name: string, opts: { throwOnUndefined?: boolean } = {}): CompiledTemplate {
  const c = new (SkiffCompiler as any)(name, opts.throwOnUndefined);
  c.skiffTexts = [];
  const ast = nj.parser.parse(src, extensions, opts) as NjNode;
  const needsTransform = validateAst(ast);
  c.compile(needsTransform || (Array.isArray(asyncFilters) && asyncFilters.length > 0) ? nj.transformer.transform(ast, asyncFilters, name) : ast);
  return { code: c.getCode() as string, texts: c.skiffTexts as string[] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let SkiffCompiler: any;

let hardened = false;

/** Installs the hardened runtime and compiler into nunjucks (idempotent, process-wide). */
export function hardenNunjucks(): void {
  if (hardened) return;
  hardened = true;
  const { runtime, compiler, nodes } = nj;
  speedUpLexer(nj.lexer);
  Object.assign(runtime, {
    memberLookup, contextOrFrameLookup, callWrap, fromIterator, suppressValue, inOperator,
    skiffText: countText, skiffDict, skiffArray, skiffTruthy: truthy, skiffAnd: andOp, skiffOr: orOp,
  });
  const makeMacro = runtime.makeMacro as AnyFn;
  runtime.makeMacro = (...args: unknown[]) => expose(makeMacro(...args));

  const Base = compiler.Compiler;
  const proto = Object.create(Base.prototype);
  const baseCompileDict = Base.prototype.compileDict;
  const baseCompileArray = Base.prototype.compileArray;
  Object.assign(proto, {
    // Every node the compiler reaches is checked against the whitelist again
    // (nunjucks-ast.ts), including nodes the transformer or this compiler made.
    compile(this: any, node: NjNode, frame: unknown) {
      checkCompiledNode(node);
      Base.prototype.compile.call(this, node, frame);
    },
    compileRoot(this: any, node: NjNode, frame: unknown) {
      // Block names become function names (b_<name>) in the generated code.
      for (const block of node.findAll(nodes.Block) as NjNode[]) checkPastedName(block.name?.value, 'a block name', block);
      Base.prototype.compileRoot.call(this, node, frame);
    },
    compileLiteral(this: any, node: NjNode) {
      this._emit(jsLiteral(node.value));
    },
    compileSymbol(this: any, node: NjNode, frame: any) {
      const name = checkPastedName(node.value, 'a name', node);
      const v = frame.lookup(name);
      if (typeof v === 'string' && IDENTIFIER.test(v)) this._emit(v);
      else if (v !== undefined && v !== null) throw new nj.lib.TemplateError(`internal: unexpected binding for "${name}"`, node.lineno + 1, node.colno + 1);
      else this._emit(`runtime.contextOrFrameLookup(context, frame, ${jsString(name)})`);
    },
    compileIs(this: any, node: NjNode, frame: unknown) {
      const right = node.right as NjNode;
      const test = right.typename === 'FunCall' ? right.name as NjNode : right;
      const name = checkPastedName(test.value, 'a test name', test);
      this._emit(`env.getTest(${jsString(name)}).call(context, `);
      this.compile(node.left, frame);
      if (right.typename === 'FunCall') {
        for (const arg of right.args.children as NjNode[]) {
          this._emit(', ');
          this.compile(arg, frame);
        }
      }
      this._emit(') === true');
    },
    compileOutput(this: any, node: NjNode, frame: unknown) {
      for (const child of node.children as NjNode[]) {
        if (child instanceof nodes.TemplateData) {
          if (child.value) {
            if (typeof child.value !== 'string') throw violation(`unsupported template text ${typeof child.value}`);
            const at = (this.skiffTexts as string[]).push(child.value) - 1;
            this._emitLine(`${this.buffer} += runtime.skiffText(${TEXTS_PARAM}[${at}]);`);
          }
        } else {
          this._emitLine(`lineno = ${position(child.lineno)}; colno = ${position(child.colno)};`);
          this._emit(`${this.buffer} += runtime.suppressValue(`);
          if (this.throwOnUndefined) this._emit('runtime.ensureDefined(');
          this.compile(child, frame);
          if (this.throwOnUndefined) this._emit(`,${position(node.lineno)},${position(node.colno)})`);
          this._emit(');\n');
        }
      }
    },
    compileFilter(this: any, node: NjNode, frame: unknown) {
      this._emit(`(lineno = ${position(node.lineno)}, colno = ${position(node.colno)}, `);
      Base.prototype.compileFilter.call(this, node, frame);
      this._emit(')');
    },
    compileLookupVal(this: any, node: NjNode, frame: unknown) {
      this._emit(`(lineno = ${position(node.lineno)}, colno = ${position(node.colno)}, `);
      Base.prototype.compileLookupVal.call(this, node, frame);
      this._emit(')');
    },
    compileKeywordArgs(this: any, node: NjNode, frame: unknown) {
      // Keyword arguments may carry functions (a {% call %} block's caller).
      this._emit('runtime.makeKeywordArgs(');
      baseCompileDict.call(this, node, frame);
      this._emit(')');
    },
    compileSet(this: any, node: NjNode, frame: unknown) {
      for (const target of node.targets as NjNode[]) {
        if (target.typename !== 'Symbol') {
          throw new nj.lib.TemplateError('set can only assign to plain names, not to members of objects (use the set function on a dict)', target.lineno + 1, target.colno + 1);
        }
      }
      Base.prototype.compileSet.call(this, node, frame);
    },
    compileDict(this: any, node: NjNode, frame: unknown) {
      this._emit('runtime.skiffDict(');
      baseCompileDict.call(this, node, frame);
      this._emit(')');
    },
    compileArray(this: any, node: NjNode, frame: unknown) {
      this._emit('runtime.skiffArray(');
      baseCompileArray.call(this, node, frame);
      this._emit(')');
    },
    compileIf(this: any, node: NjNode, frame: unknown, async: boolean) {
      const wrapped = Object.create(node);
      wrapped.cond = new nodes.FunCall(node.lineno, node.colno, new nodes.Symbol(0, 0, '__truthy__'), new nodes.NodeList(0, 0, [node.cond]));
      Base.prototype.compileIf.call(this, wrapped, frame, async);
    },
    compileFunCall(this: any, node: NjNode, frame: unknown) {
      if (node.name instanceof nodes.Symbol && node.name.value === '__truthy__') {
        this._emit('runtime.skiffTruthy(');
        this.compile(node.args.children[0], frame);
        this._emit(')');
        return;
      }
      // nunjucks' own version escapes only quotes in the callee's name (used
      // in errors), so a key ending in a backslash closed the string.
      this._emit(`(lineno = ${position(node.lineno)}, colno = ${position(node.colno)}, runtime.callWrap(`);
      this.compile(node.name, frame);
      this._emit(`, ${jsString(calleeName(node.name))}, context, `);
      this._compileAggregate(node.args, frame, '[', '])');
      this._emit(')');
    },
    compileInlineIf(this: any, node: NjNode, frame: unknown) {
      this._emit('(runtime.skiffTruthy(');
      this.compile(node.cond, frame);
      this._emit(')?');
      this.compile(node.body, frame);
      this._emit(':');
      if (node.else_ !== null) this.compile(node.else_, frame);
      else this._emit('""');
      this._emit(')');
    },
    compileNot(this: any, node: NjNode, frame: unknown) {
      this._emit('!runtime.skiffTruthy(');
      this.compile(node.target, frame);
      this._emit(')');
    },
    compileAnd(this: any, node: NjNode, frame: unknown) {
      this._emit('runtime.skiffAnd(');
      this.compile(node.left, frame);
      this._emit(', function() { return ');
      this.compile(node.right, frame);
      this._emit('; })');
    },
    compileOr(this: any, node: NjNode, frame: unknown) {
      this._emit('runtime.skiffOr(');
      this.compile(node.left, frame);
      this._emit(', function() { return ');
      this.compile(node.right, frame);
      this._emit('; })');
    },
    _templateName() {
      return TEMPLATE_NAME_PARAM;
    },
    // A define's body is compiled as a named block (so it is callable without
    // running the file) but emits nothing where it stands.
    compileDefine() {},
  });
  SkiffCompiler = function SkiffCompiler(this: any, ...args: unknown[]) {
    Base.apply(this, args);
  };
  SkiffCompiler.prototype = proto;
  const { Template } = nj.environment;
  Template.prototype._compile = function _compile(this: any) {
    let props = this.tmplProps;
    if (props === undefined) {
      const compiled = compileText(this.tmplStr, this.env.asyncFilters, this.env.extensionsList, this.path, this.env.opts);
      // Texts that differ only between their tags compile to the same code: its functions are made once per render.
      const memo = (this.env as { skiffFactories?: Map<string, TemplateFactory> }).skiffFactories;
      let factory = memo?.get(compiled.code);
      if (factory === undefined) {
        factory = templateFactory(compiled.code, String(this.path ?? 'template'));
        memo?.set(compiled.code, factory);
      }
      (this as CompiledFrom).skiffCompiled = compiled;
      props = factory(this.path, compiled.texts);
    }
    // nunjucks' _getBlocks, without its key list (Array pushes are slow under frozen intrinsics).
    const blocks: Record<string, unknown> = {};
    for (const k in props) if (Object.prototype.hasOwnProperty.call(props, k) && k.slice(0, 2) === 'b_') blocks[k.slice(2)] = props[k];
    this.blocks = blocks;
    this.rootRenderFunc = props.root;
    this.compiled = true;
  };
  // Templates compile through Template._compile only: code from anywhere else would lack its texts parameter.
  compiler.compile = () => {
    throw new RenderError('internal error: templates are compiled through Template only');
  };
}
