// The API server's handler: every request — HTTP (kubectl, Helm, skiff's REST
// client) or in-process (scheduler, controllers, simulated nodes) — arrives
// here as an ApiRequest and goes the same way: authorize → resolve → dispatch
// to a computed answer, a subresource, or the generic store (which runs
// defaulting, the admission chain, validation, resourceVersion checks,
// storage and watch fan-out). Transports only decode and encode.
import type { ResourceRef } from '../../kube/client.js';
import { StoreError } from '../store/types.js';
import { defaultAdmissionChain, type AdmissionChain } from './admission/chain.js';
import type { ResourceCatalog, ServedResource } from './catalog.js';
import { followCrds } from './crd.js';
import { deleteCollection, deleteLatest } from './generic/delete.js';
import { list, watch } from './generic/list-watch.js';
import { GenericStore, type GenericStoreOptions } from './generic/store.js';
import type { FieldError, RegistryContext } from './registry/types.js';
import type { ApiRequest, ApiResult, PodLogProvider, Verb } from './request.js';
import * as E from './status.js';
import { serveSubresource, writesStatus } from './subresources/index.js';

export type { ApiRequest, ApiResult, ObjectResult, PodLogProvider, RequestParams, TextResult, UserInfo, Verb, WatchResult, WatchSink } from './request.js';

/** What the handler is built from: the generic store's options plus authorization, computed answers and the admission chain. */
export interface PipelineOptions extends Omit<GenericStoreOptions, 'ctx' | 'admission'> {
  readonly allocator?: RegistryContext['allocator'];
  /** The admission chain (default: defaultAdmissionChain()). */
  readonly admission?: AdmissionChain;
  /** Authorization: throws a 403 ApiError when the request's user may not do what it asks (runs before anything else). */
  readonly authorize?: (req: ApiRequest) => void;
  /** Answers requests that are computed rather than stored (access reviews, TokenRequest); undefined passes the request on. */
  readonly virtual?: (req: ApiRequest, def: ServedResource) => ApiResult | undefined;
}

/** The request handler over a store and a catalog of served resources. */
export class Pipeline {
  readonly store: GenericStore['store'];
  readonly catalog: ResourceCatalog;
  private readonly generic: GenericStore;
  private podLogs?: PodLogProvider;
  private readonly opts: PipelineOptions;

  constructor(opts: PipelineOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.catalog = opts.catalog;
    this.generic = new GenericStore({ ...opts, ctx: { now: opts.now, allocator: opts.allocator }, admission: opts.admission ?? defaultAdmissionChain() });
    // Custom resources are served as soon as their CRD is Established.
    followCrds(this.store, this.catalog);
  }

  /** Installs the source of pods/log text (the simulated nodes). */
  setPodLogProvider(p: PodLogProvider | undefined): void {
    this.podLogs = p;
  }

  /** Ends every open watch (server shutdown). */
  closeWatches(): void {
    for (const stop of [...this.generic.activeWatches]) stop();
  }

  /** Authorizes, resolves and serves one request; every failure is an ApiError carrying the Status to answer with. */
  async handle(req: ApiRequest): Promise<ApiResult> {
    try {
      this.opts.authorize?.(req);
      return await this.dispatch(req);
    } catch (err) {
      throw toApiError(err);
    }
  }

  /** The served resource a ref names; 404 for an unknown resource, a namespace on a cluster-scoped one, or an undeclared subresource. */
  resolve(ref: ResourceRef): ServedResource {
    const def = this.catalog.lookup(ref.group, ref.version, ref.resource);
    if (!def) throw E.pathNotFound();
    if (!def.namespaced && ref.namespace) throw E.pathNotFound();
    if (ref.subresource && !def.subresources?.some((s) => s.name === ref.subresource)) throw E.pathNotFound();
    return def;
  }

  private async dispatch(req: ApiRequest): Promise<ApiResult> {
    const def = this.resolve(req.ref);
    const computed = this.opts.virtual?.(req, def);
    if (computed) return computed;
    validateWriteOptions(req);
    const sub = req.ref.subresource;
    const status = writesStatus(def, sub);
    if (sub && !status) return serveSubresource({ gs: this.generic, podLogs: this.podLogs }, def, req, sub);
    const verb = req.verb;
    if (!def.verbs.includes(verb) && !(status && ['get', 'update', 'patch'].includes(verb))) {
      throw E.methodNotSupported({ group: def.group, resource: def.plural }, verb);
    }
    const gs = this.generic;
    switch (verb) {
      case 'get':
        return gs.get(def, req.ref);
      case 'list':
        return list(gs, def, req);
      case 'watch':
        return watch(gs, def, req);
      case 'create':
        return gs.create(def, req);
      case 'update':
        return gs.update(def, req, status);
      case 'patch':
        return gs.patch(def, req, status);
      case 'delete':
        return deleteLatest(gs, def, req.ref, req.params);
      case 'deletecollection':
        return deleteCollection(gs, def, req);
    }
  }
}

function toApiError(err: unknown): E.ApiError {
  if (err instanceof E.ApiError) return err;
  if (err instanceof StoreError) {
    if (err.kind === 'closed') return E.failure(503, 'ServiceUnavailable', 'the server is shutting down');
    return E.internal(err.message);
  }
  return E.internal((err as Error)?.message ?? String(err));
}

const OPTIONS_KIND: Partial<Record<Verb, string>> = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions' };

/** kube-apiserver's checks of CreateOptions/UpdateOptions/PatchOptions, made before the object is looked at. */
function validateWriteOptions(req: ApiRequest): void {
  const kind = OPTIONS_KIND[req.verb];
  if (!kind) return;
  const errors: FieldError[] = [];
  if (req.verb === 'patch' && req.patchType !== 'apply' && req.params.force !== undefined) {
    errors.push({ type: 'FieldValueForbidden', field: 'force', message: 'Forbidden: may not be specified for non-apply patch' });
  }
  const manager = req.params.fieldManager;
  if (manager !== undefined && Buffer.byteLength(manager) > 128) {
    errors.push({ type: 'FieldValueTooLong', field: 'fieldManager', message: 'Too long: may not be more than 128 bytes' });
  }
  if (errors.length) throw E.invalid(kind, 'meta.k8s.io', '', errors);
}
