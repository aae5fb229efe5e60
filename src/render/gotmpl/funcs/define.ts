// A compact way to declare a template function with its Go signature.
import type { FuncContext, GoFunc } from '../func-types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Impl = (...args: any[]) => unknown;

/**
 * A function taking `params` (Go types; with `variadic` the last is `...T`)
 * and returning `result` (a Go type, or [type, 'error'] when it can fail).
 */
export function fn(params: readonly string[], result: string | readonly string[], impl: Impl, variadic = false): GoFunc {
  return {
    params,
    results: typeof result === 'string' ? [result] : result,
    variadic,
    call: (_ctx: FuncContext, ...args: unknown[]) => impl(...args),
    direct: impl,
  };
}

/** A function that needs the render context (lookup, DNS). */
export function ctxFn(params: readonly string[], result: string | readonly string[], impl: (ctx: FuncContext, ...args: any[]) => unknown): GoFunc {
  return { params, results: typeof result === 'string' ? [result] : result, call: impl };
}

/** The error a function returns or panics with (the executor reports `error calling NAME: MESSAGE`). */
export class FuncError extends Error {}

export const ANY = 'interface {}';
export const MAP = 'map[string]interface {}';
