// The shape every dashboard API route shares.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Configuration } from '../action/configuration.js';

/** An API answer other than 200 (401, 403, 404, ...), sent as { error }. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface RouteContext {
  readonly cfg: Configuration;
  /** The pattern's capture groups, URL-decoded. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  /** Resolves with the JSON to send, or undefined when it answered itself (streams). */
  run(ctx: RouteContext): Promise<unknown>;
}

/** A non-negative integer query parameter; throws 400 naming it. */
export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new HttpError(400, `${name} must be a non-negative integer, not "${v}"`);
  return Number(v);
}

/** The body's field as a plain object key (never a prototype lookup). */
export function bodyField(body: unknown, key: string): unknown {
  return body && typeof body === 'object' && Object.prototype.hasOwnProperty.call(body, key) ? (body as Record<string, unknown>)[key] : undefined;
}
