// The executor's shared vocabulary: its errors and budget, the environment a
// compiled template runs in, the closure shapes, and where an error points.
import type { Node } from './ast.js';
import { nodeString } from './ast.js';
import type { FuncContext, GoFunc } from './func-types.js';
import type { Tree } from './parse.js';
/** An execution error, already in Go's wording. */
export class TemplateExecError extends Error {}

/** A budget shared by every template of one render: output bytes, loop iterations, time. */
export interface Budget {
  maxOutputBytes: number;
  maxLoopIterations: number;
  deadline: number;
  output: number;
  loops: number;
}

/** Raised when a render bound is hit; never wrapped into "error calling ...". */
export class LimitError extends Error {}

export type MissingKey = 'default' | 'zero' | 'error';

/** What execution needs from the template set it belongs to. */
export interface ExecEnv {
  readonly missingKey: MissingKey;
  readonly funcs: Readonly<Record<string, GoFunc>>;
  readonly ctx: FuncContext;
  readonly budget?: Budget;
  /** The compiled body of a named template, or undefined. */
  lookup(name: string): Compiled | undefined;
}

export interface Compiled {
  readonly name: string;
  readonly tree: Tree;
  readonly run: (st: State, dot: unknown) => void;
}

/**
 * A template as it runs: its name, its own tree, and the literals its
 * closures read (closures are shared by every template of one shape, see
 * shape.ts); `shape` is the compiler that built those closures.
 */
export interface Instance {
  readonly name: string;
  readonly tree: Tree;
  readonly lits: readonly string[];
  readonly shape: object;
}

/** The template whose closures are running (set by each run, restored after it). */
export const running: { inst: Instance | undefined } = { inst: undefined };

/** The mutable state of one execution (Go's state): output and nesting depth. */
export interface State {
  out: string;
  depth: number;
  env: ExecEnv;
  /** Dot's static type is interface {} (an element of []interface {} or map[string]interface {} in range). */
  dotIface?: boolean;
}

export const MISSING = Symbol('missing');
export type Final = unknown;
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export type Signal = 0 | 1 | 2;
export type Frame = unknown[];
export type Exec = (st: State, dot: unknown, f: Frame) => Signal;
export type Eval = (st: State, dot: unknown, f: Frame) => unknown;
export type CmdEval = (st: State, dot: unknown, f: Frame, final: Final) => unknown;

export const MAX_EXEC_DEPTH = 100000;

/** Position of a node as Go prints it: NAME:LINE:COL (col is the 0-based byte offset in the line). */
export function location(tree: Tree, pos: number): string {
  const before = tree.text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const col = nl === -1 ? Buffer.byteLength(before) : Buffer.byteLength(before.slice(nl + 1));
  return `${tree.parseName}:${line}:${col}`;
}

export function errorContext(n: Node): string {
  return nodeString(n);
}
