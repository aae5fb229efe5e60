// The executor's expressions (exec.go evalPipeline, evalCommand, evalField,
// evalCall, the builtins): pipelines, commands, arguments, field and method
// chains and function calls compiled to closures; plus the value helpers
// the control structures (exec.ts) share. The html, js and urlquery
// builtins' escaping is in escape.ts.
import type { CommandNode, Node, NumberNode, PipeNode } from './ast.js';
import { nodeString } from './ast.js';
import type { GoFunc } from './func-types.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { evalArgs, htmlEscape, jsEscape, queryEscape } from './escape.js';
import { quote as goQuote } from './strconv.js';
import { eq, goLen, index, le, lt, slice } from './compare.js';
import { GoFloat32, GoInt, GoStruct, goTypeOf, isMap, methodsOf, truth, type GoMethod } from './value.js';
import type { Tree } from './parse.js';
import { TemplateExecError, LimitError, type MissingKey, type ExecEnv, type State, MISSING, type Final, type Frame, type Eval, type CmdEval, location, errorContext, running } from './exec-types.js';
import { counterpart } from './shape.js';
import { canBeNil, dig, isMethod, validateType, zeroElem } from './exec-values.js';

/** Compiles the expressions of one template; exec.ts's Compiler adds the control structures. */
export class ExprCompiler {
  scope: string[] = ['$'];
  /**
   * `tree` is the first template of its shape; the closures built from it
   * run for every template of that shape, reading literals by their place
   * (`lits`) from the running instance and naming that instance's nodes in
   * errors.
   */
  constructor(readonly name: string, readonly tree: Tree, readonly envOf: () => ExecEnv, readonly lits: ReadonlyMap<Node, number>) {}

  /** The place of a text or string node's literal in its instance's `lits`. */
  litAt(n: Node): number {
    const k = this.lits.get(n);
    if (k === undefined) throw new Error(`internal error: literal of a ${n.kind} node not indexed`);
    return k;
  }

  /** The name, tree and node of the running instance that `n` (of this compiler's tree) stands for. */
  private where(n: Node): { name: string; tree: Tree; node: Node } {
    const inst = running.inst;
    if (inst === undefined || inst.shape !== this) return { name: this.name, tree: this.tree, node: n };
    const node = inst.tree.root === this.tree.root ? n : counterpart(this.tree.root, inst.tree.root, n) ?? n;
    return { name: inst.name, tree: inst.tree, node };
  }

  /** Node.String() of the running instance's counterpart of `n`, for error messages. */
  ns(n: Node): string {
    return nodeString(this.where(n).node);
  }

  fail(n: Node, msg: string): never {
    const at = this.where(n);
    throw new TemplateExecError(`template: ${location(at.tree, at.node.pos)}: executing ${goQuote(at.name)} at <${errorContext(at.node)}>: ${msg}`);
  }

  /** A compiled error thrower for a node, for use at run time. */
  failer(n: Node): (msg: string) => never {
    return (msg: string) => this.fail(n, msg);
  }

  /** A pipeline: its commands in turn, each getting the previous result; then the declarations. */
  pipeline(p: PipeNode): Eval {
    const cmds = p.cmds.map((c) => this.command(c));
    const decl = p.decl.map((d) => d.ident[0]!);
    let assign: number[] = [];
    if (p.isAssign) assign = decl.map((name) => this.scope.lastIndexOf(name));
    else for (const name of decl) this.scope.push(name);
    const declSlots = p.isAssign ? assign : decl.map((_, i) => this.scope.length - decl.length + i);
    const run: Eval =
      cmds.length === 1
        ? (st, dot, f) => dig(cmds[0]!(st, dot, f, MISSING))
        : (st, dot, f) => {
            let v: unknown = MISSING;
            for (let i = 0; i < cmds.length; i++) v = dig(cmds[i]!(st, dot, f, v));
            return v;
          };
    if (decl.length === 0) return run;
    return (st, dot, f) => {
      const v = run(st, dot, f);
      for (const slot of declSlots) f[slot] = v;
      return v;
    };
  }

  command(cmd: CommandNode): CmdEval {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field': {
        const chain = this.fieldChain(first, first.ident, cmd.args);
        return (st, dot, f, final) => chain(st, dot, f, dot, final, st.dotIface === true);
      }
      case 'chain': {
        if (first.node.kind === 'nil') {
          const fail = this.failer(first);
          return () => fail(`indirection through explicit nil in ${this.ns(first)}`);
        }
        const recv = this.arg(first.node);
        const chain = this.fieldChain(first, first.field, cmd.args);
        return (st, dot, f, final) => chain(st, dot, f, recv(st, dot, f), final);
      }
      case 'variable': {
        const read = this.varRead(first);
        if (first.ident.length === 1) {
          const na = this.notAFunction(cmd.args);
          return (st, dot, f, final) => {
            na(final);
            return read(f);
          };
        }
        const chain = this.fieldChain(first, first.ident.slice(1), cmd.args);
        return (st, dot, f, final) => chain(st, dot, f, read(f), final);
      }
      case 'identifier': return this.call(first.ident, first, cmd, cmd.args.slice(1));
      case 'pipe': {
        const na = this.notAFunction(cmd.args);
        const p = this.pipeline(first);
        return (st, dot, f, final) => {
          na(final);
          return p(st, dot, f);
        };
      }
    }
    const na = this.notAFunction(cmd.args);
    switch (first.kind) {
      case 'bool': { const v = first.value; return (_s, _d, _f, final) => (na(final), v); }
      case 'dot': return (_s, dot, _f, final) => (na(final), dot);
      case 'nil': { const fail = this.failer(first); return () => fail('nil is not a command'); }
      case 'number': { const v = this.idealConstant(first); return (_s, _d, _f, final) => (na(final), v()); }
      case 'string': { const k = this.litAt(first); return (_s, _d, _f, final) => (na(final), running.inst!.lits[k]); }
    }
    return this.fail(first, `can't evaluate command ${goQuote(nodeString(first))}`);
  }

  notAFunction(args: Node[]): (final: Final) => void {
    const fail = this.failer(args[0]!);
    const extra = args.length > 1;
    return (final) => {
      if (extra || final !== MISSING) fail(`can't give argument to non-function ${this.ns(args[0]!)}`);
    };
  }

  /** Reads a variable from the frame; a name declared by its own pipeline (`$x := $x`) is undefined at run time, as in Go. */
  varRead(n: Node & { ident: string[] }): (f: Frame) => unknown {
    const name = n.ident[0]!;
    const slot = this.scope.lastIndexOf(name);
    if (slot >= 0) return (f) => f[slot];
    const fail = this.failer(n);
    return () => fail(`undefined variable: ${name}`);
  }

  idealConstant(n: NumberNode): () => unknown {
    const fail = this.failer(n);
    if (n.isComplex) return () => fail(`complex numbers are not supported: ${n.text}`);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) {
      const v = n.float64;
      return () => v;
    }
    if (n.isInt) {
      const v = new GoInt('int', n.int64);
      return () => v;
    }
    if (n.isUint) return () => fail(`${n.text} overflows int`);
    return () => undefined;
  }

  /** An argument node evaluated as interface{} (Go's evalArg with an empty-interface type, before validation). */
  arg(n: Node): Eval {
    switch (n.kind) {
      case 'dot': return (_s, dot) => dot;
      case 'nil': return () => null;
      case 'field': { const c = this.fieldChain(n, n.ident, [n]); return (st, dot, f) => c(st, dot, f, dot, MISSING, st.dotIface === true); }
      case 'variable': {
        const read = this.varRead(n);
        if (n.ident.length === 1) return (_s, _d, f) => read(f);
        const c = this.fieldChain(n, n.ident.slice(1), [n]);
        return (st, dot, f) => c(st, dot, f, read(f), MISSING);
      }
      case 'pipe': return this.pipeline(n);
      case 'identifier': { const c = this.call(n.ident, n, n, []); return (st, dot, f) => c(st, dot, f, MISSING); }
      case 'chain': { const c = this.command({ kind: 'command', pos: n.pos, args: [n] }); return (st, dot, f) => c(st, dot, f, MISSING); }
      case 'bool': { const v = n.value; return () => v; }
      case 'string': { const k = this.litAt(n); return () => running.inst!.lits[k]; }
      case 'number': return this.idealConstant(n);
    }
    return this.fail(n, `can't handle ${nodeString(n)} for arg of type interface {}`);
  }

  /** An argument for a parameter of Go type `typ` (evalArg + validateType). */
  typedArg(n: Node, typ: string): Eval {
    const fail = this.failer(n);
    if (typ === 'interface {}' || typ === 'reflect.Value') {
      const a = this.arg(n);
      return (st, dot, f) => {
        const v = a(st, dot, f);
        return v === undefined ? null : v;
      };
    }
    switch (n.kind) {
      case 'dot': case 'field': case 'variable': case 'pipe': case 'identifier': case 'chain': {
        const a = this.arg(n);
        return (st, dot, f) => validateType(a(st, dot, f), typ, fail);
      }
      case 'nil':
        if (canBeNil(typ)) return () => null;
        return () => fail(`cannot assign nil to ${typ}`);
    }
    switch (typ) {
      case 'bool':
        if (n.kind === 'bool') { const v = n.value; return () => v; }
        return () => fail(`expected bool; found ${this.ns(n)}`);
      case 'string':
        if (n.kind === 'string') { const k = this.litAt(n); return () => running.inst!.lits[k]; }
        return () => fail(`expected string; found ${this.ns(n)}`);
      case 'float64': case 'float32':
        if (n.kind === 'number' && n.isFloat) { const v = typ === 'float32' ? new GoFloat32(n.float64) : n.float64; return () => v; }
        return () => fail(`expected float; found ${this.ns(n)}`);
      case 'int': case 'int8': case 'int16': case 'int32': case 'int64':
        if (n.kind === 'number' && n.isInt) { const v = new GoInt(typ, n.int64); return () => v; }
        return () => fail(`expected integer; found ${this.ns(n)}`);
      case 'uint': case 'uint8': case 'uint16': case 'uint32': case 'uint64': case 'uintptr':
        if (n.kind === 'number' && n.isUint) { const v = new GoInt(typ, n.uint64); return () => v; }
        return () => fail(`expected unsigned integer; found ${this.ns(n)}`);
    }
    return () => fail(`can't handle ${this.ns(n)} for arg of type ${typ}`);
  }

  /** `.X.Y.Z args...` from a receiver: every name but the last without arguments. */
  fieldChain(node: Node, ident: string[], args: Node[]): (st: State, dot: unknown, f: Frame, recv: unknown, final: Final, recvIface?: boolean) => unknown {
    const fail = this.failer(node);
    const n = ident.length;
    const hasArgs = args.length > 1;
    const last = ident[n - 1]!;
    const callArgs = args.slice(1);
    // Arguments are compiled now, while the variables in scope here are known;
    // the method they go to is known only when the receiver is.
    const argEvals = callArgs.map((a) => this.typedArg(a, 'interface {}'));
    const failCall = this.failer(node);
    return (st, dot, f, recv, final, recvIface = false) => {
      const mk = st.env.missingKey;
      // What recv was taken from (its static type names it in errors), or NO_PARENT for the receiver itself.
      let parent: unknown = NO_PARENT;
      for (let i = 0; i < n - 1; i++) {
        const next = field(recv, ident[i]!, false, mk, parent, recvIface);
        parent = recv;
        recv = next;
      }
      // the last name gets the arguments
      if (recv instanceof GoStruct) {
        const m = recv.methods[last];
        if (m !== undefined && !Object.hasOwn(recv.fields, last)) return callMethod(m, st, dot, f, final);
      } else if (Array.isArray(recv)) {
        const m = methodsOf(recv)?.[last];
        if (m !== undefined) return callMethod(m, st, dot, f, final);
      }
      return field(recv, last, hasArgs || final !== MISSING, mk, parent, recvIface);
    };
    /** A method call with Go's argument count and type checks. */
    function callMethod(m: GoMethod, st: State, dot: unknown, f: Frame, final: Final): unknown {
      const nparams = m.params.length;
      const numFixed = m.variadic ? nparams - 1 : nparams;
      const numIn = argEvals.length + (final !== MISSING ? 1 : 0);
      if (m.variadic) {
        if (numIn < numFixed) fail(`wrong number of args for ${last}: want at least ${numFixed} got ${argEvals.length}`);
      } else if (numIn !== nparams) fail(`wrong number of args for ${last}: want ${nparams} got ${numIn}`);
      const typeAt = (i: number): string => (m.variadic && i >= numFixed ? m.params[nparams - 1]! : m.params[i]!);
      const argv = new Array<unknown>(numIn);
      for (let i = 0; i < argEvals.length; i++) argv[i] = validateType(argEvals[i]!(st, dot, f), typeAt(i), fail);
      if (final !== MISSING) argv[argEvals.length] = validateType(final, typeAt(argEvals.length), fail);
      const inst = running.inst;
      try {
        const r = m.call(...argv);
        return r === undefined ? null : r;
      } catch (e) {
        running.inst = inst;
        if (e instanceof TemplateExecError || e instanceof LimitError) throw e;
        if (e instanceof RangeError && /call stack/.test(e.message)) throw new LimitError('template recursion exhausted the call stack (recursive include?)');
        return failCall(`error calling ${last}: ${(e as Error).message}`);
      }
    }
    /** A map's key as a field: the value (nil as null), else per missingkey: the zero value, an error, or <no value>. */
    function mapKey(m: Record<string, unknown>, name: string, withArgs: boolean, mk: MissingKey): unknown {
      if (withArgs) fail(`${name} is not a method but has arguments`);
      if (Object.hasOwn(m, name)) {
        const v = m[name];
        return v === undefined ? null : v;
      }
      if (mk === 'zero') return zeroElem(m);
      if (mk === 'error') fail(`map has no entry for key ${goQuote(name)}`);
      return undefined;
    }
    function field(recv: unknown, name: string, withArgs: boolean, mk: MissingKey, parent: unknown, recvIface: boolean): unknown {
      // The common case first: a key of a plain map (values, dicts).
      if (typeof recv === 'object' && recv !== null && Object.getPrototypeOf(recv) === Object.prototype && !Array.isArray(recv)) return mapKey(recv as Record<string, unknown>, name, withArgs, mk);
      if (recv === undefined) {
        if (mk === 'error') fail(`nil data; no entry for key ${goQuote(name)}`);
        return undefined;
      }
      if (recv === null) fail(`nil pointer evaluating interface {}.${name}`);
      if (recv instanceof GoStruct || Array.isArray(recv)) {
        if (recv instanceof GoStruct && Object.hasOwn(recv.fields, name)) {
          if (withArgs) fail(`${name} has arguments but cannot be invoked as function`);
          const v = recv.fields[name];
          return v === undefined ? null : v;
        }
        const m = methodsOf(recv)?.[name];
        if (m !== undefined) {
          if (m.params.length > 0 && !m.variadic) fail(`wrong number of args for ${name}: want ${m.params.length} got 0`);
          const inst = running.inst;
          try {
            const r = m.call();
            return r === undefined ? null : r;
          } catch (e) {
            running.inst = inst;
            if (e instanceof TemplateExecError || e instanceof LimitError) throw e;
            fail(`error calling ${name}: ${(e as Error).message}`);
          }
        }
        return fail(`can't evaluate field ${name} in type ${receiverType(recv, parent, recvIface)}`);
      }
      if (typeof recv === 'object' && !Array.isArray(recv) && !(recv instanceof GoInt) && !(recv instanceof GoFloat32) && !Buffer.isBuffer(recv)) return mapKey(recv as Record<string, unknown>, name, withArgs, mk);
      return fail(`can't evaluate field ${name} in type ${receiverType(recv, parent, recvIface)}`);
    }
  }

  /** A function call by name: a builtin or one of the function map. */
  call(name: string, node: Node, cmd: Node, args: Node[]): CmdEval {
    const b = this.builtin(name, node, cmd, args);
    if (b) return b;
    return this.callGo(name, node, cmd, args, null);
  }

  /** A call of a Go function (or method) with Go's argument count and type checks. */
  callGo(name: string, node: Node, cmd: Node, args: Node[], method: GoFunc | null): CmdEval {
    const failAt = this.failer(node);
    const failCall = this.failer(cmd);
    let fn = method;
    if (fn === null) {
      const env = this.envOf();
      fn = Object.hasOwn(env.funcs, name) ? env.funcs[name]! : null;
      if (fn === null) return () => failAt(`${goQuote(name)} is not a defined function`);
    }
    const g = fn;
    const direct = g.direct;
    const nparams = g.params.length;
    const numFixed = g.variadic ? nparams - 1 : nparams;
    const argEvals: Eval[] = args.map((a, i) => this.typedArg(a, i < numFixed ? g.params[i]! : g.params[nparams - 1]!));
    const finalType = (numIn: number): string => (g.variadic && numIn - 1 >= numFixed ? g.params[nparams - 1]! : g.params[numIn - 1]!);
    return (st, dot, f, final) => {
      const numIn = args.length + (final !== MISSING ? 1 : 0);
      if (g.variadic) {
        if (numIn < numFixed) failAt(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
      } else if (numIn !== nparams) failAt(`wrong number of args for ${name}: want ${nparams} got ${numIn}`);
      const argv = new Array<unknown>(numIn);
      for (let i = 0; i < args.length; i++) argv[i] = argEvals[i]!(st, dot, f);
      if (final !== MISSING) argv[args.length] = validateType(final, finalType(numIn), failAt);
      // A function that runs templates (include, tpl) and throws leaves their instance running.
      const inst = running.inst;
      try {
        const r = direct === undefined ? g.call(st.env.ctx, ...argv) : numIn === 1 ? direct(argv[0]) : numIn === 2 ? direct(argv[0], argv[1]) : direct(...argv);
        return r === undefined ? null : r;
      } catch (e) {
        running.inst = inst;
        if (e instanceof LimitError) throw e;
        if (e instanceof RangeError && /call stack/.test(e.message)) throw new LimitError('template recursion exhausted the call stack (recursive include?)');
        return failCall(`error calling ${name}: ${(e as Error).message}`);
      }
    };
  }

  builtin(name: string, node: Node, cmd: Node, args: Node[]): CmdEval | null {
    const env = this.envOf();
    if (Object.hasOwn(env.funcs, name)) return null; // a function map entry overrides a builtin, as in Go
    const failAt = this.failer(node);
    const failCall = this.failer(cmd);
    const ev = args.map((a) => this.typedArg(a, 'interface {}'));
    const all = (st: State, dot: unknown, f: Frame, final: Final): unknown[] => {
      const out = ev.map((e) => e(st, dot, f));
      if (final !== MISSING) out.push(final === undefined ? null : final);
      return out;
    };
    const count = (final: Final): number => args.length + (final !== MISSING ? 1 : 0);
    const want = (min: number, max: number, label: string) => (final: Final): void => {
      const n = count(final);
      if (max < 0 && n < min) failAt(`wrong number of args for ${label}: want at least ${min} got ${args.length}`);
      if (max >= 0 && n !== min) failAt(`wrong number of args for ${label}: want ${min} got ${n}`);
    };
    const wrap = (f: (...a: unknown[]) => unknown) => (...a: unknown[]): unknown => {
      const inst = running.inst;
      try {
        return f(...a);
      } catch (e) {
        running.inst = inst;
        if (e instanceof TemplateExecError || e instanceof LimitError) throw e;
        return failCall(`error calling ${name}: ${(e as Error).message}`);
      }
    };
    switch (name) {
      case 'and': case 'or': {
        const check = want(1, -1, name);
        const isOr = name === 'or';
        return (st, dot, f, final) => {
          check(final);
          let v: unknown = null;
          for (const e of ev) {
            v = e(st, dot, f);
            if (truth(v) === isOr) return v;
          }
          if (final !== MISSING) v = final;
          return v;
        };
      }
      case 'not': { const check = want(1, 1, name); return (st, dot, f, final) => (check(final), !truth(all(st, dot, f, final)[0])); }
      case 'len': { const check = want(1, 1, name); const w = wrap(goLen as (...a: unknown[]) => unknown); return (st, dot, f, final) => (check(final), w(all(st, dot, f, final)[0])); }
      case 'index': { const check = want(1, -1, name); const w = wrap(index); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'slice': { const check = want(1, -1, name); const w = wrap(slice); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'eq': { const check = want(1, -1, name); const w = wrap(eq as (...a: unknown[]) => unknown); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'ne': { const check = want(2, 2, name); const w = wrap((a, b) => !eq(a, b)); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'lt': { const check = want(2, 2, name); const w = wrap((a, b) => lt(a, b)); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'le': { const check = want(2, 2, name); const w = wrap((a, b) => le(a, b)); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'gt': { const check = want(2, 2, name); const w = wrap((a, b) => !le(a, b)); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'ge': { const check = want(2, 2, name); const w = wrap((a, b) => !lt(a, b)); return (st, dot, f, final) => (check(final), w(...all(st, dot, f, final))); }
      case 'print': return (st, dot, f, final) => sprint(all(st, dot, f, final));
      case 'println': return (st, dot, f, final) => sprintln(all(st, dot, f, final));
      case 'printf': {
        const check = want(1, -1, name);
        const fmtArg = args.length > 0 ? this.typedArg(args[0]!, 'string') : null;
        const rest = ev.slice(1);
        return (st, dot, f, final) => {
          check(final);
          let format: unknown;
          const vals: unknown[] = [];
          if (fmtArg) {
            format = fmtArg(st, dot, f);
            for (const e of rest) vals.push(e(st, dot, f));
            if (final !== MISSING) vals.push(final === undefined ? null : final);
          } else format = validateType(final, 'string', failAt);
          return sprintf(format as string, vals);
        };
      }
      case 'html': return (st, dot, f, final) => htmlEscape(evalArgs(all(st, dot, f, final)));
      case 'js': return (st, dot, f, final) => jsEscape(evalArgs(all(st, dot, f, final)));
      case 'urlquery': return (st, dot, f, final) => queryEscape(evalArgs(all(st, dot, f, final)));
      case 'call': {
        const check = want(1, -1, name);
        return (st, dot, f, final) => {
          check(final);
          const [fnv, ...rest] = all(st, dot, f, final);
          if (fnv === null || fnv === undefined) failCall(`error calling call: call of nil`);
          if (!isMethod(fnv)) failCall(`error calling call: non-function ${this.ns(args[0]!)} of type ${goTypeOf(fnv)}`);
          const m = fnv as GoMethod;
          return wrap((...a: unknown[]) => m.call(...a))(...rest);
        };
      }
    }
    return null;
  }
}

/** fieldChain's marker for "the receiver was not taken from a map". */
const NO_PARENT = Symbol('no parent');

/** The type a field error names: interface {} for a value held in a map[string]interface {} (or a dot that is one). */
function receiverType(recv: unknown, parent: unknown, recvIface: boolean): string {
  const iface = parent === NO_PARENT ? recvIface : isMap(parent) && !(parent instanceof GoStruct) && goTypeOf(parent) === 'map[string]interface {}';
  return iface ? 'interface {}' : goTypeOf(recv);
}
