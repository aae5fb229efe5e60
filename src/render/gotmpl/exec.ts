// The executor of Go's text/template (exec.go), as a compiler: each parse
// tree becomes a tree of JS closures once, then runs any number of times.
// No template text ever becomes generated code. Semantics follow exec.go:
// variables and their scopes, pipelines with the previous result as the last
// argument, `interface {}` digging, missingkey modes, field/method/map access
// with Go's errors, range over slices/maps (sorted keys)/integers,
// break/continue, and the error form
// `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.
import type { BranchNode, Node, TemplateNode } from './ast.js';
import { formatValue } from './fmt.js';
import { compareStrings, quote as goQuote } from './strconv.js';
import { GoFloat32, GoInt, GoMapStruct, GoStruct, goTypeOf, isMap, truth } from './value.js';
import type { Tree } from './parse.js';
import { type ExecEnv, type Compiled, type State, NORMAL, BREAK, CONTINUE, type Signal, type Frame, type Exec, MAX_EXEC_DEPTH, running, type Instance } from './exec-types.js';
import { shapeOf } from './shape.js';
import { ExprCompiler } from './exec-expr.js';
import { isMethod, write, chargeLoops } from './exec-values.js';

export { TemplateExecError, LimitError, location, type Budget, type MissingKey, type ExecEnv, type Compiled, type State } from './exec-types.js';
export { htmlEscape, jsEscape, queryEscape } from './escape.js';

/** Closures built for one shape of tree (see shape.ts), by the compiler that built them. */
export interface ShapeBody {
  readonly compiler: object;
  readonly body: Exec;
  /** How many literals the closures read. */
  readonly lits: number;
}

/**
 * Compiles one tree of the template `name`, or reuses the closures of a
 * tree of the same shape compiled earlier into `shapes` (one map per set of
 * functions: closures hold the functions they call).
 */
export function compile(name: string, tree: Tree, env: () => ExecEnv, shapes?: Map<string, ShapeBody>): Compiled {
  let { key, lits } = tree.shape ?? shapeOf(tree.root);
  let shape = shapes?.get(key);
  // A stored key whose literals do not fit the closures (a damaged cache entry) gets closures of its own.
  if (shape === undefined || shape.lits !== lits.length) {
    const litNodes: Node[] = [];
    lits = shapeOf(tree.root, litNodes).lits;
    const index = new Map<Node, number>(litNodes.map((n, i) => [n, i]));
    const c = new Compiler(name, tree, env, index);
    const made = { compiler: c, body: c.list(tree.root.nodes), lits: lits.length };
    if (shape === undefined) shapes?.set(key, made);
    shape = made;
  }
  const inst: Instance = { name, tree, lits, shape: shape.compiler };
  const body = shape.body;
  // No try/finally here (it would cost stack depth that nested includes need):
  // a catch that goes on running its template puts its instance back itself.
  const run = (st: State, dot: unknown): void => {
    const frame: Frame = [dot];
    const saved = running.inst;
    running.inst = inst;
    body(st, dot, frame);
    running.inst = saved;
  };
  return { name, tree, run };
}

class Compiler extends ExprCompiler {
  list(nodes: Node[]): Exec {
    const parts = nodes.map((n) => this.node(n)).filter((x): x is Exec => x !== null);
    if (parts.length === 0) return () => NORMAL;
    if (parts.length === 1) return parts[0]!;
    return (st, dot, f) => {
      for (let i = 0; i < parts.length; i++) {
        const s = parts[i]!(st, dot, f);
        if (s !== NORMAL) return s;
      }
      return NORMAL;
    };
  }

  node(n: Node): Exec | null {
    switch (n.kind) {
      case 'text': {
        if (n.text.length === 0) return null;
        const k = this.litAt(n);
        return (st) => {
          write(st, running.inst!.lits[k]!);
          return NORMAL;
        };
      }
      case 'action': {
        const pipe = this.pipeline(n.pipe);
        if (n.pipe.decl.length > 0) return (st, dot, f) => (pipe(st, dot, f), NORMAL);
        const fail = this.failer(n);
        return (st, dot, f) => {
          const v = pipe(st, dot, f);
          if (typeof v === 'string') write(st, v);
          else if (v === undefined || v === null) write(st, '<no value>');
          else {
            if (typeof v === 'function' || isMethod(v)) fail(`can't print ${this.ns(n)} of type ${goTypeOf(v)}`);
            write(st, formatValue(v));
          }
          return NORMAL;
        };
      }
      case 'if': case 'with': return this.ifOrWith(n.kind, n);
      case 'range': return this.range(n);
      case 'break': return () => BREAK;
      case 'continue': return () => CONTINUE;
      case 'template': return this.template(n);
      case 'list': return this.list(n.nodes);
    }
    return null;
  }

  ifOrWith(kind: 'if' | 'with', n: BranchNode): Exec {
    const mark = this.scope.length;
    const pipe = this.pipeline(n.pipe);
    const inner = this.scope.length;
    const list = this.list(n.list.nodes);
    this.scope.length = inner;
    const elseList = n.elseList ? this.list(n.elseList.nodes) : null;
    this.scope.length = mark;
    return (st, dot, f) => {
      const val = pipe(st, dot, f);
      if (truth(val)) {
        if (kind === 'if' || st.dotIface !== true) return list(st, kind === 'with' ? val : dot, f);
        st.dotIface = false;
        try {
          return list(st, val, f);
        } finally {
          st.dotIface = true;
        }
      }
      if (elseList) return elseList(st, dot, f);
      return NORMAL;
    };
  }

  range(n: BranchNode): Exec {
    const mark = this.scope.length;
    const pipe = this.pipeline(n.pipe);
    const decl = n.pipe.decl.map((d) => d.ident[0]!);
    // slots: for := the variables just pushed (the pipeline pushed them); for = the existing ones
    const slots = decl.map((name) => this.scope.lastIndexOf(name));
    const inner = this.scope.length;
    const body = this.list(n.list.nodes);
    this.scope.length = inner;
    const elseList = n.elseList ? this.list(n.elseList.nodes) : null;
    this.scope.length = mark;
    const lastCmd = n.pipe.cmds[n.pipe.cmds.length - 1]!;
    const fail = this.failer(lastCmd.args[0] ?? n.pipe);
    const nvars = decl.length;
    const one = (st: State, f: Frame, ix: unknown, elem: unknown, iface: boolean): Signal => {
      if (nvars > 0) {
        if (nvars > 1) {
          f[slots[0]!] = ix;
          f[slots[1]!] = elem;
        } else f[slots[0]!] = elem;
      }
      const saved = st.dotIface;
      st.dotIface = iface;
      try {
        return body(st, elem, f);
      } finally {
        st.dotIface = saved;
      }
    };
    return (st, dot, f) => {
      const val = pipe(st, dot, f);
      const budget = st.env.budget;
      let ran = false;
      if (Array.isArray(val) || Buffer.isBuffer(val)) {
        const len = val.length;
        const iface = goTypeOf(val) === '[]interface {}';
        if (budget) chargeLoops(budget, len, true);
        const bytes = Buffer.isBuffer(val);
        for (let i = 0; i < len; i++) {
          ran = true;
          if (budget) chargeLoops(budget, 1, false);
          let e = (val as ArrayLike<unknown>)[i];
          if (bytes) e = new GoInt('uint8', BigInt(e as number));
          else if (e === undefined) e = null;
          const s = one(st, f, new GoInt('int', BigInt(i)), e, iface);
          if (s === BREAK) break;
        }
      } else if (val instanceof GoInt) {
        // Helm 3.17.3 is built with Go 1.23, whose text/template cannot range over an integer
        fail(`range can't iterate over ${val.v}`);
      } else if (val instanceof GoMapStruct) {
        const m = val.entries();
        const keys = Object.keys(m).sort(compareStrings);
        if (budget) chargeLoops(budget, keys.length, true);
        for (const k of keys) {
          ran = true;
          if (budget) chargeLoops(budget, 1, false);
          const s = one(st, f, k, m[k], false);
          if (s === BREAK) break;
        }
      } else if (val instanceof GoStruct || typeof val === 'number' || typeof val === 'string' || typeof val === 'boolean' || val instanceof GoFloat32) {
        fail(`range can't iterate over ${formatValue(val)}`);
      } else if (val !== null && val !== undefined && isMap(val)) {
        const keys = Object.keys(val).sort(compareStrings);
        const iface = goTypeOf(val) === 'map[string]interface {}';
        if (budget) chargeLoops(budget, keys.length, true);
        for (const k of keys) {
          ran = true;
          if (budget) chargeLoops(budget, 1, false);
          let e = val[k];
          if (e === undefined) e = null;
          const s = one(st, f, k, e, iface);
          if (s === BREAK) break;
        }
      }
      if (!ran && elseList) {
        // a break in the else list ends this range statement (Go recovers it here); continue goes up
        const sig = elseList(st, dot, f);
        return sig === BREAK ? NORMAL : sig;
      }
      return NORMAL;
    };
  }

  template(n: TemplateNode): Exec {
    const pipe = n.pipe ? this.pipeline(n.pipe) : null;
    const fail = this.failer(n);
    const name = n.name;
    return (st, dot, f) => {
      const t = st.env.lookup(name);
      if (t === undefined) fail(`template ${goQuote(name)} not defined`);
      if (st.depth >= MAX_EXEC_DEPTH) fail(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      const d = pipe ? pipe(st, dot, f) : undefined;
      st.depth++;
      const saved = st.dotIface;
      st.dotIface = false;
      const inst = running.inst;
      try {
        t!.run(st, d);
      } catch (e) {
        running.inst = inst;
        if (e instanceof RangeError) fail(`exceeded maximum template depth (call stack exhausted)`);
        throw e;
      } finally {
        st.depth--;
        st.dotIface = saved;
      }
      return NORMAL;
    };
  }
}
