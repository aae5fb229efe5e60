// The in-process transport: a KubeClient that hands requests straight to the
// pipeline — same admission, defaulting, validation, resourceVersion checks
// and watch fan-out as HTTP, without sockets or JSON. Objects are copied on
// the way in and out so callers can never mutate stored state.
import {
  ApiStatusError,
  type DeleteOptions,
  type KubeClient,
  type ListOptions,
  type PatchType,
  type ResourceRef,
  type WatchHandle,
  type WatchOptions,
  type WriteOptions,
} from '../../kube/client.js';
import type { KubeList, KubeObject, Status, WatchEvent } from '../../apimachinery/types.js';
import { cloneJson, deepFreeze } from '../../util/json.js';
import type { ApiRequest, ObjectResult, Pipeline, RequestParams, UserInfo, Verb } from './pipeline.js';
import { ApiError } from './status.js';

export interface InProcessClientOptions {
  /** Who the caller is (for audit and future authorization); defaults to a system identity. */
  readonly user?: UserInfo;
}

const SYSTEM: UserInfo = { name: 'system:skiff-runtime', groups: ['system:masters', 'system:authenticated'] };

function writeParams(o: WriteOptions | undefined): RequestParams {
  return { dryRun: o?.dryRun, fieldManager: o?.fieldManager, fieldValidation: o?.fieldValidation ?? 'Ignore', };
}

function listParams(o: ListOptions | undefined): RequestParams {
  return {
    labelSelector: o?.labelSelector,
    fieldSelector: o?.fieldSelector,
    limit: o?.limit,
    continue: o?.continue,
    resourceVersion: o?.resourceVersion,
    resourceVersionMatch: o?.resourceVersionMatch,
  };
}

/** A KubeClient bound to `pipeline`; errors reject with ApiStatusError carrying kube-apiserver's Status. */
// One event reaches every in-process watcher of its resource (the scheduler,
// the controllers' informers, the simulated nodes...). Stored objects are
// never changed once written (a write stores a new object), so watchers are
// handed the stored object itself, frozen, instead of a copy each. Watchers
// treat what they receive as read-only, as client-go's informers do; freezing
// makes one that forgets fail loudly instead of corrupting the store.
function frozenEvent(ev: WatchEvent<KubeObject | Status>): WatchEvent<KubeObject | Status> {
  return { ...ev, object: deepFreeze(ev.object) };
}

export function inProcessClient(pipeline: Pipeline, opts: InProcessClientOptions = {}): KubeClient {
  const user = opts.user ?? SYSTEM;
  const call = async (verb: Verb, ref: ResourceRef, params: RequestParams, body?: unknown, patchType?: PatchType): Promise<ObjectResult> => {
    const req: ApiRequest = { verb, ref, params, body: body === undefined ? undefined : cloneJson(body), patchType, user };
    try {
      const r = await pipeline.handle(req);
      if (r.type !== 'object') throw new Error(`${verb} ${ref.resource}/${ref.subresource ?? ''} did not answer with an object`);
      return r;
    } catch (err) {
      if (err instanceof ApiError) throw new ApiStatusError(cloneJson(err.status));
      throw err;
    }
  };
  const out = <T>(r: ObjectResult): T => cloneJson(r.object) as unknown as T;
  return {
    async get<T extends KubeObject>(ref: ResourceRef) {
      return out<T>(await call('get', ref, {}));
    },
    async list<T extends KubeObject>(ref: ResourceRef, o?: ListOptions) {
      return out<KubeList<T>>(await call('list', ref, listParams(o)));
    },
    async create<T extends KubeObject>(ref: ResourceRef, body: unknown, o?: WriteOptions) {
      return out<T>(await call('create', ref, writeParams(o), body));
    },
    async update<T extends KubeObject>(ref: ResourceRef, body: unknown, o?: WriteOptions) {
      return out<T>(await call('update', ref, writeParams(o), body));
    },
    async patch<T extends KubeObject>(ref: ResourceRef, type: PatchType, body: unknown, o?: WriteOptions) {
      // force is an apply option only, as the REST client sends it.
      return out<T>(await call('patch', ref, { ...writeParams(o), force: type === 'apply' ? o?.force : undefined }, body, type));
    },
    async delete(ref: ResourceRef, o?: DeleteOptions) {
      const r = await call('delete', ref, {
        ...writeParams(o),
        propagationPolicy: o?.propagationPolicy,
        gracePeriodSeconds: o?.gracePeriodSeconds,
        preconditions: o?.preconditions,
      });
      return out<KubeObject | Status>(r);
    },
    async deleteCollection(ref: ResourceRef, o?: DeleteOptions & ListOptions) {
      const r = await call('deletecollection', ref, {
        ...listParams(o),
        ...writeParams(o),
        propagationPolicy: o?.propagationPolicy,
        gracePeriodSeconds: o?.gracePeriodSeconds,
      });
      return out<KubeList | Status>(r);
    },
    watch<T extends KubeObject>(ref: ResourceRef, o: WatchOptions, onEvent: (ev: WatchEvent<T>) => void): WatchHandle {
      let stopFn: (() => void) | undefined;
      let stopped = false;
      let resolveDone!: () => void;
      let rejectDone!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolveDone = res;
        rejectDone = rej;
      });
      // Events are queued and delivered on a microtask, in order: a handler may call the client
      // (even start another watch) without re-entering the store's commit loop.
      const queue: WatchEvent<KubeObject | Status>[] = [];
      let draining = false;
      let ended = false;
      const drain = () => {
        draining = false;
        while (queue.length && !stopped) {
          const ev = queue.shift()!;
          try {
            onEvent(frozenEvent(ev) as WatchEvent<T>);
          } catch {
            // A throwing handler does not end the watch.
          }
        }
        if (ended && !stopped) {
          stopped = true;
          resolveDone();
        }
      };
      const schedule = () => {
        if (!draining) {
          draining = true;
          queueMicrotask(drain);
        }
      };
      const params: RequestParams = {
        ...listParams(o),
        allowWatchBookmarks: o.allowWatchBookmarks,
        sendInitialEvents: o.sendInitialEvents,
        timeoutSeconds: o.timeoutSeconds,
      };
      pipeline
        .handle({ verb: 'watch', ref: ref.name ? { ...ref, name: undefined } : ref, params: ref.name ? { ...params, fieldSelector: [params.fieldSelector, `metadata.name=${ref.name}`].filter(Boolean).join(',') } : params, user })
        .then((r) => {
          if (r.type !== 'watch') throw new Error('watch did not answer with a stream');
          if (stopped) return;
          stopFn = r.start({
            event: (ev) => {
              queue.push(ev);
              schedule();
            },
            end: () => {
              ended = true;
              schedule();
            },
          });
        })
        .catch((err) => {
          stopped = true;
          rejectDone(err instanceof ApiError ? new ApiStatusError(cloneJson(err.status)) : err);
        });
      return {
        stop() {
          if (stopped) return;
          stopped = true;
          stopFn?.();
          resolveDone();
        },
        done,
      };
    },
  };
}
