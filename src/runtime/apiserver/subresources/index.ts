// Subresources other than status, each in its own module: the handler sends
// <resource>/<name> requests here once the resource is resolved (the
// catalog only resolves subresources the kind's registry entry declares).
// status (and writes like it, a CSR's approval) is the generic store's update
// with the stored spec kept: see writesStatus.
import type { ServedResource } from '../catalog.js';
import type { GenericStore } from '../generic/store.js';
import type { ApiRequest, ApiResult, PodLogProvider, Verb } from '../request.js';
import * as E from '../status.js';
import { bind } from './binding.js';
import { evict } from './eviction.js';
import { finalizeNamespace } from './finalize.js';
import { podLog } from './log.js';
import { scale } from './scale.js';
import { refuseStreaming, STREAMING_SUBRESOURCES } from './streaming.js';

/** What subresource handlers work with: the generic store and the pods/log source. */
export interface SubresourceEnv {
  readonly gs: GenericStore;
  readonly podLogs?: PodLogProvider;
}

interface Subresource {
  /** The only verb served (others are 405); absent: the handler checks verbs itself. */
  readonly verb?: Verb;
  handle(env: SubresourceEnv, def: ServedResource, req: ApiRequest): ApiResult | Promise<ApiResult>;
}

const SUBRESOURCES: Readonly<Record<string, Subresource>> = {
  scale: { handle: (env, def, req) => scale(env.gs, def, req) },
  binding: { verb: 'create', handle: (env, def, req) => bind(env.gs, def, req) },
  eviction: { verb: 'create', handle: (env, def, req) => evict(env.gs, def, req) },
  log: { verb: 'get', handle: (env, def, req) => podLog(env.gs, env.podLogs, def, req) },
  finalize: { verb: 'update', handle: (env, def, req) => finalizeNamespace(env.gs, def, req) },
  ...Object.fromEntries(STREAMING_SUBRESOURCES.map((s) => [s, { handle: (_env: SubresourceEnv, _def: ServedResource, req: ApiRequest) => refuseStreaming(req) }])),
};

/** True when `sub` is written like status: the stored spec stays and the body's status is taken. */
export function writesStatus(def: ServedResource, sub: string | undefined): boolean {
  if (!sub) return false;
  return sub === 'status' || Boolean(def.subresources?.some((s) => s.name === sub && s.writesStatus));
}

/** Serves a request for `def`'s subresource `sub` (not a status-like one); 405 for a verb or subresource it does not serve. */
export function serveSubresource(env: SubresourceEnv, def: ServedResource, req: ApiRequest, sub: string): ApiResult | Promise<ApiResult> {
  const s = Object.hasOwn(SUBRESOURCES, sub) ? SUBRESOURCES[sub] : undefined;
  if (!s) throw E.methodNotSupported({ group: def.group, resource: def.plural }, req.verb);
  if (s.verb && req.verb !== s.verb) throw E.methodNotSupported({ group: def.group, resource: `${def.plural}/${sub}` }, req.verb);
  return s.handle(env, def, req);
}
