// The pieces of the REST transport that are not the client itself: request
// paths and query parameters from the KubeClient options, body encoding and
// parsing, error classification, back-off sleeps and the streaming handle.
import { ClusterError } from '../errors.js';
import type { DeleteOptions, ListOptions, ResourceRef, WatchHandle, WatchOptions, WriteOptions } from './client.js';

export interface SendOptions {
  readonly body?: string;
  readonly contentType?: string;
  readonly accept?: string;
  readonly stream?: boolean;
  readonly signal?: AbortSignal;
}

/** The URL path of a collection, object or subresource. */
export function resourcePath(ref: ResourceRef): string {
  let p = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  if (ref.namespace) p += `/namespaces/${encodeURIComponent(ref.namespace)}`;
  p += `/${ref.resource}`;
  if (ref.name !== undefined) p += `/${encodeURIComponent(ref.name)}`;
  if (ref.subresource) p += `/${ref.subresource}`;
  return p;
}

/** What kube-apiserver answers with a PartialObjectMetadataList, falling back to whole objects (as client-go's metadata client asks). */
export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1beta1,application/json';

/** The same, protobuf first (as client-go's metadata client asks): for lists read as they arrive (ListOptions.compactMetadata). */
export const COMPACT_METADATA_LIST_ACCEPT = `application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,${METADATA_LIST_ACCEPT}`;

export function listParams(o: ListOptions): Record<string, string | undefined> {
  return {
    labelSelector: o.labelSelector || undefined,
    fieldSelector: o.fieldSelector || undefined,
    limit: o.limit !== undefined ? String(o.limit) : undefined,
    continue: o.continue || undefined,
    resourceVersion: o.resourceVersion,
    resourceVersionMatch: o.resourceVersionMatch,
  };
}

export function watchParams(o: WatchOptions): Record<string, string | undefined> {
  return {
    allowWatchBookmarks: o.allowWatchBookmarks ? 'true' : undefined,
    sendInitialEvents: o.sendInitialEvents !== undefined ? String(o.sendInitialEvents) : undefined,
    timeoutSeconds: o.timeoutSeconds !== undefined ? String(o.timeoutSeconds) : undefined,
  };
}

export function writeParams(o: WriteOptions, apply: boolean): Record<string, string | undefined> {
  return {
    dryRun: o.dryRun ? 'All' : undefined,
    fieldManager: o.fieldManager,
    fieldValidation: o.fieldValidation,
    force: apply && o.force !== undefined ? String(o.force) : undefined,
  };
}

export function deleteBody(o: DeleteOptions): Record<string, unknown> {
  return {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    ...(o.propagationPolicy ? { propagationPolicy: o.propagationPolicy } : {}),
    ...(o.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: o.gracePeriodSeconds } : {}),
    ...(o.preconditions ? { preconditions: o.preconditions } : {}),
    ...(o.dryRun ? { dryRun: ['All'] } : {}),
  };
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function jsonBody(body: unknown): SendOptions {
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

export function parseJson(text: string, method: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ClusterError(`the API server sent a response that is not JSON to ${method} ${path}: ${text.slice(0, 200)}`);
  }
}

export function headerValue(h: string | string[] | undefined): string {
  return Array.isArray(h) ? (h[0] ?? '') : (h ?? '');
}

/** Retry-After in seconds (delta form; an HTTP date is converted). */
export function parseRetryAfter(v: string): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

export function errorCode(err: unknown): string {
  const e = err as { code?: unknown; errors?: unknown[]; cause?: unknown };
  if (typeof e?.code === 'string') return e.code;
  if (Array.isArray(e?.errors) && e.errors.length) return errorCode(e.errors[0]);
  if (e?.cause) return errorCode(e.cause);
  return '';
}

export function describeError(err: unknown): string {
  const e = err as { message?: string; errors?: unknown[]; cause?: unknown; code?: string };
  if (Array.isArray(e?.errors) && e.errors.length) return describeError(e.errors[0]);
  if (e?.message) return e.message;
  if (e?.cause) return describeError(e.cause);
  return e?.code ?? String(err);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolvePromise();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A streaming GET as a handle: `stop` aborts it; `done` settles when the
 * stream ends and rejects on a failure that was not a stop. A caller that
 * never awaits `done` does not crash the process on a failed stream.
 */
export function streamHandle(run: (ac: AbortController, isStopped: () => boolean) => Promise<void>): WatchHandle {
  const ac = new AbortController();
  let stopped = false;
  const done = run(ac, () => stopped).then(
    () => undefined,
    (err: unknown) => {
      if (stopped) return undefined;
      ac.abort();
      throw err;
    },
  );
  done.catch(() => undefined);
  return {
    stop: () => {
      stopped = true;
      ac.abort();
    },
    done,
  };
}
