// What travels through the API server: a request as every transport hands it
// over (HTTP, or an in-process client) and the three shapes of answer.
import type { ResourceRef, PatchType } from '../../kube/client.js';
import type { KubeList, KubeObject, Status, WatchEvent } from '../../apimachinery/types.js';
import type { ServedResource } from './catalog.js';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

/** Query parameters and DeleteOptions, already typed. */
export interface RequestParams {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  dryRun?: boolean;
  fieldManager?: string;
  /** Server-side apply: take over conflicting fields. */
  force?: boolean;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  // pods/log
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
  follow?: boolean;
  limitBytes?: number;
  sinceSeconds?: number;
}

export interface ApiRequest {
  readonly verb: Verb;
  readonly ref: ResourceRef;
  /** The decoded body; the pipeline takes ownership (in-process callers pass a copy). */
  readonly body?: unknown;
  /** The body as sent, when it was JSON text (HTTP): strict decoding also reports duplicate fields. */
  readonly rawBody?: string;
  readonly patchType?: PatchType;
  readonly params: RequestParams;
  readonly user: UserInfo;
}

export interface ObjectResult {
  readonly type: 'object';
  readonly code: number;
  readonly object: KubeObject | Status | KubeList;
  readonly def?: ServedResource;
  readonly warnings?: readonly string[];
}

export interface TextResult {
  readonly type: 'text';
  readonly code: number;
  readonly text: string;
  /** `?follow=true` on pods/log: more text as the container writes it, until it ends or the caller stops. */
  readonly follow?: (sink: { write(more: string): void; end(): void }) => () => void;
}

export interface WatchSink {
  event(ev: WatchEvent<KubeObject | Status>): void;
  /** The stream is over (timeout, expiry or server shutdown). */
  end(): void;
}

export interface WatchResult {
  readonly type: 'watch';
  readonly def: ServedResource;
  /** Starts delivery; returns the function that stops it (client gone). */
  start(sink: WatchSink): () => void;
}

export type ApiResult = ObjectResult | TextResult | WatchResult;

/** What the nodes layer supplies for pods/log (see PodLogProvider in the runtime docs). */
export type PodLogProvider = (pod: KubeObject, container: string, opts: { tailLines?: number; previous?: boolean; timestamps?: boolean }) => string | undefined;
