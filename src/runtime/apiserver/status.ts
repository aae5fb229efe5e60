// kube-apiserver's error answers: metav1.Status objects with the exact
// reasons, codes and messages of apimachinery/pkg/api/errors, since kubectl
// prints them verbatim as "Error from server (<Reason>): <message>".
import type { Status, StatusCause } from '../../apimachinery/types.js';
import type { FieldError } from './registry/types.js';

/** A request failure carrying the Status to answer with. */
export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? String(status.code));
    this.name = 'ApiError';
    this.status = status;
  }
  get code(): number {
    return this.status.code;
  }
}

/** Names a resource as errors print it: "deployments.apps", "configmaps". */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

export function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function failure(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  // Field order as kube-apiserver writes it (message, reason, details, code).
  return new ApiError(reorder(status));
}

function reorder(s: Status): Status {
  const out: Record<string, unknown> = { kind: s.kind, apiVersion: s.apiVersion, metadata: s.metadata, status: s.status };
  if (s.message !== undefined) out.message = s.message;
  if (s.reason !== undefined) out.reason = s.reason;
  if (s.details !== undefined) out.details = s.details;
  out.code = s.code;
  return out as unknown as Status;
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return failure(404, 'NotFound', `${qualified(gr)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource });
}

/** The 404 for a path that names no resource at all. */
export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource });
}

export function conflict(gr: GroupResource, name: string, why: string): ApiError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export const STALE_OBJECT = 'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

export function forbidden(gr: GroupResource, name: string, why: string, causes?: StatusCause[]): ApiError {
  const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, {
    name: name || undefined,
    group: gr.group || undefined,
    kind: gr.resource,
    ...(causes ? { causes } : {}),
  });
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function methodNotSupported(gr: GroupResource, action: string): ApiError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualified(gr)}"`, {
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function expired(message: string): ApiError {
  return failure(410, 'Expired', message);
}

export function tooLarge(limit: number): ApiError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

export function notAcceptable(accepted: readonly string[]): ApiError {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function tooManyRequests(message: string, causes?: StatusCause[]): ApiError {
  return failure(429, 'TooManyRequests', message, causes ? { causes } : undefined);
}

export function timeout(message: string): ApiError {
  return failure(504, 'Timeout', message);
}

export function internal(message: string): ApiError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** The 422 Invalid answer: `Kind.group "name" is invalid: <field>: <message>` (several errors in brackets). */
export function invalid(kind: string, group: string, name: string, errors: readonly FieldError[]): ApiError {
  const parts = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const list = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${list}`, {
    name,
    group: group || undefined,
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  });
}

/** A success Status, as DELETE returns for an object removed at once. */
export function success(details?: Status['details']): Status {
  const s: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details) s.details = details;
  s.code = 200;
  return s as unknown as Status;
}
