// The budget of one render, shared by every template of it and by both
// template engines: rendered output, text built along the way, loop
// iterations, include/tpl nesting and wall-clock time, each charged as the
// templates run and refused with a RenderError naming the limit.
import { RenderError } from '../errors.js';

/** Limits of one render, shared by every template of it. */
export interface Limits {
  maxOutputBytes: number;
  maxRecursionDepth: number;
  maxLoopIterations: number;
  deadline: number;
}

/** A call made once when a render has run for `afterMs` (checked with the deadline). */
export interface LongRun {
  afterMs: number;
  then: () => void;
}

interface Session extends Limits {
  output: number;
  built: number;
  loops: number;
  depth: number;
  ticks: number;
  longAt?: number;
  longRun?: () => void;
}

let session: Session | undefined;

/** Starts charging work against `limits` (one render at a time per process). */
export function beginSession(limits: Limits, longRun?: LongRun): void {
  session = { ...limits, output: 0, built: 0, loops: 0, depth: 0, ticks: 0 };
  if (longRun) {
    session.longAt = Date.now() + longRun.afterMs;
    session.longRun = longRun.then;
  }
}

export function endSession(): void {
  session = undefined;
}

/** Checks the deadline (and whether the render has run long) every 1024 charges (and calls). */
export function tick(): void {
  const s = session;
  if (s !== undefined && (++s.ticks & 1023) === 0) {
    const now = Date.now();
    if (now > s.deadline) throw new RenderError('render time limit exceeded (raise it with the --render-timeout flag or the timeoutMs option)');
    if (s.longAt !== undefined && now >= s.longAt) {
      const then = s.longRun!;
      s.longAt = undefined;
      then();
    }
  }
}

/** Text built along the way may reach this multiple of the output limit. */
export const BUILT_TEXT_FACTOR = 4;

/**
 * Charges `n` characters printed by a template. Printed at the top level
 * (not inside include or tpl) it is rendered output, bounded by
 * maxOutputBytes; inside include/tpl it is text built along the way.
 */
export function chargeOutput(n: number): void {
  const s = session;
  if (s === undefined) return;
  if (s.depth > 0) {
    chargeBuilt(n);
    return;
  }
  s.output += n;
  if (s.output > s.maxOutputBytes) {
    throw new RenderError(`rendered output exceeds the limit of ${s.maxOutputBytes} bytes (option maxOutputBytes)`);
  }
  tick();
}

/**
 * Charges `n` characters of text built along the way (include and tpl
 * results, toYaml, indent, repeat, printf, …), so that a chart cannot use up
 * memory with text it never prints; bounded by BUILT_TEXT_FACTOR × maxOutputBytes.
 */
export function chargeBuilt(n: number): void {
  const s = session;
  if (s === undefined) return;
  s.built += n;
  const max = BUILT_TEXT_FACTOR * s.maxOutputBytes;
  if (s.built > max) {
    throw new RenderError(`text built while rendering (by include, tpl, toYaml, indent, repeat, printf and the like) exceeds the limit of ${max} bytes, ${BUILT_TEXT_FACTOR} times the output limit (option maxOutputBytes)`);
  }
  tick();
}

/**
 * Charges `n` loop iterations. With `reserveOnly`, only checks that a list of
 * `n` elements (range, until) would still fit in what is left, so building a
 * list and then looping over it is not counted twice.
 */
export function chargeLoop(n: number, reserveOnly = false): void {
  const s = session;
  if (s === undefined) return;
  if (!reserveOnly) s.loops += n;
  if (s.loops + (reserveOnly ? n : 0) > s.maxLoopIterations) {
    throw new RenderError(`loop iterations exceed the limit of ${s.maxLoopIterations} (option maxLoopIterations)`);
  }
  tick();
}

/** Loop iterations charged so far in this render (0 outside one). */
export function loopsCharged(): number {
  return session?.loops ?? 0;
}

/** Runs `fn` one include/tpl level deeper; refuses past the recursion bound. */
export function nested<T>(what: string, fn: () => T): T {
  const s = session;
  if (s === undefined) return fn();
  if (s.depth >= s.maxRecursionDepth) {
    throw new RenderError(`${what}: include/tpl nesting exceeds ${s.maxRecursionDepth} levels (recursive helper?)`);
  }
  s.depth++;
  try {
    return fn();
  } finally {
    s.depth--;
  }
}
