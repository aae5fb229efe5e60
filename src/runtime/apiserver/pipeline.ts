// The ONE request pipeline. HTTP requests (kubectl, Helm, skiff's REST
// client) and in-process clients (scheduler, controllers, simulated nodes)
// both arrive here as an ApiRequest: resolution, admission, defaulting,
// validation, resourceVersion checks, storage and watch fan-out happen once,
// the same way for both. Transports only decode and encode.
import type { ResourceRef, PatchType } from '../../kube/client.js';
import type { KubeList, KubeObject, Status, WatchEvent } from '../../apimachinery/types.js';
import { formatApiVersion } from '../../apimachinery/types.js';
import { PatchError } from '../../errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../apimachinery/patch/index.js';
import { omitEmptyMaps } from '../../apimachinery/schema/index.js';
import { StoreError, type ObjectStore, type StoredObject, type StoreKey, type StoreEvent } from '../store/types.js';
import type { ResourceCatalog, ServedResource } from './catalog.js';
import { pruneUnknown } from './crd.js';
import type { FieldError, RegistryContext } from './registry/types.js';
import { cloneJson, generateName, jsonEqual, newUid, specChanged, stableJson, timestamp, tracksGeneration, validateMeta } from './meta.js';
import { equalityPairs, fieldMatcher, labelMatcher, labelSelectorObjectMatcher, labelSelectorString, parseFieldSelector, parseLabelSelector, type FieldGetter } from './selectors.js';
import { jsonPathValues, setAtPath } from './jsonpath.js';
import { AllocationError, releaseServiceAllocations } from './registry/allocator.js';
import * as E from './status.js';
import { applyLimitRanges, countStorage, QUOTA_STORAGES, quotaRefusal, totalUsage } from '../quota.js';

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

export interface PipelineOptions {
  readonly store: ObjectStore;
  readonly catalog: ResourceCatalog;
  readonly now: () => Date;
  readonly allocator?: RegistryContext['allocator'];
  /** Unknown-field detection for built-in kinds (fieldValidation); absent: only custom resources are checked. */
  readonly unknownFields?: (gvk: { group: string; version: string; kind: string }, obj: KubeObject) => string[];
  /** kube-apiserver's strict-decoding findings for a JSON body ("unknown field ...", "duplicate field ..."), in document order. */
  readonly strictDecodingErrors?: (gvk: { group: string; version: string; kind: string }, body: string) => string[];
  /** Bookmark interval for watches that allow them (ms). */
  readonly bookmarkIntervalMs?: number;
  /** Authorization: throws a 403 ApiError when the request's user may not do what it asks (runs before anything else). */
  readonly authorize?: (req: ApiRequest) => void;
  /**
   * Admission that depends on who asks (RBAC escalation prevention): sees a create (old undefined)
   * or update after defaulting and before validation; throws an ApiError to refuse it.
   */
  readonly admitWrite?: (req: ApiRequest, def: ServedResource, obj: KubeObject, old: KubeObject | undefined) => void;
  /** Answers requests that are computed rather than stored (access reviews, TokenRequest); undefined passes the request on. */
  readonly virtual?: (req: ApiRequest, def: ServedResource) => ApiResult | undefined;
  /** Field ownership: records managedFields on writes and computes server-side apply (absent: apply patches are 415). */
  readonly fields?: {
    /** Sets next.metadata.managedFields for a create (old undefined) or update by req's field manager. */
    track(req: ApiRequest, def: ServedResource, old: KubeObject | undefined, next: KubeObject): void;
    /** The object an apply patch produces from `live` (undefined: it creates); throws 400/409/422 ApiErrors. */
    apply(req: ApiRequest, def: ServedResource, live: KubeObject | undefined): KubeObject;
  };
}

const CRD_STORAGE = 'apiextensions.k8s.io/customresourcedefinitions';
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);
const RETURNS_DELETED_OBJECT = new Set(['/pods', '/serviceaccounts', 'storage.k8s.io/storageclasses']);

/** The request pipeline over a store and a catalog of served resources. */
export class Pipeline {
  readonly store: ObjectStore;
  readonly catalog: ResourceCatalog;
  private readonly now: () => Date;
  private readonly ctx: RegistryContext;
  private podLogs?: PodLogProvider;
  private readonly opts: PipelineOptions;
  private readonly activeWatches = new Set<() => void>();

  constructor(opts: PipelineOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.catalog = opts.catalog;
    this.now = opts.now;
    this.ctx = { now: opts.now, allocator: opts.allocator };
    // Custom resources are served as soon as their CRD is Established; the catalog follows the store.
    for (const s of this.store.list({ resource: CRD_STORAGE }).items) this.catalog.setCrd(s.object, s.key.name);
    this.store.watch({ resource: CRD_STORAGE }, {
      fromRv: this.store.rv,
      onEvent: (ev) => this.catalog.setCrd(ev.type === 'DELETED' ? undefined : ev.object, ev.key.name),
    });
  }

  /** Installs the source of pods/log text (the simulated nodes). */
  setPodLogProvider(p: PodLogProvider | undefined): void {
    this.podLogs = p;
  }

  /** Ends every open watch (server shutdown). */
  closeWatches(): void {
    for (const stop of [...this.activeWatches]) stop();
  }

  async handle(req: ApiRequest): Promise<ApiResult> {
    try {
      this.opts.authorize?.(req);
      return await this.dispatch(req);
    } catch (err) {
      throw toApiError(err);
    }
  }

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
    // A CSR's approval is written like its status: the spec stays as stored, conditions come from the body.
    const statusLike = sub === 'status' || (sub === 'approval' && def.group === 'certificates.k8s.io');
    if (sub && !statusLike) return this.subresource(def, req, sub);
    const verb = req.verb;
    if (!def.verbs.includes(verb) && !(statusLike && ['get', 'update', 'patch'].includes(verb))) {
      throw E.methodNotSupported({ group: def.group, resource: def.plural }, verb);
    }
    switch (verb) {
      case 'get':
        return this.obj(200, this.present(def, this.mustGet(def, req.ref)), def);
      case 'list':
        return this.list(def, req);
      case 'watch':
        return this.watch(def, req);
      case 'create':
        return this.create(def, req);
      case 'update':
        return this.update(def, req, statusLike);
      case 'patch':
        return this.patch(def, req, statusLike);
      case 'delete':
        return this.deleteOne(def, req);
      case 'deletecollection':
        return this.deleteCollection(def, req);
    }
  }

  // ---------------------------------------------------------------- helpers

  private obj(code: number, object: KubeObject | Status | KubeList, def?: ServedResource, warnings?: readonly string[]): ObjectResult {
    return { type: 'object', code, object, def, warnings: warnings && warnings.length ? warnings : undefined };
  }

  keyOf(def: ServedResource, namespace: string | undefined, name: string): StoreKey {
    return { resource: def.storage, namespace: def.namespaced ? namespace ?? '' : '', name };
  }

  private gr(def: ServedResource): E.GroupResource {
    return { group: def.group, resource: def.plural };
  }

  private mustGet(def: ServedResource, ref: ResourceRef): StoredObject {
    if (!ref.name) throw E.pathNotFound();
    const s = this.store.get(this.keyOf(def, ref.namespace, ref.name));
    if (!s) throw E.notFound(this.gr(def), ref.name);
    return s;
  }

  /** The stored object as the requested version shows it (shared, never mutated: transports copy or serialise). */
  private present(def: ServedResource, s: StoredObject | KubeObject): KubeObject {
    const o = 'key' in s && 'rv' in s && 'object' in s ? (s as StoredObject).object : (s as KubeObject);
    const apiVersion = formatApiVersion(def.group, def.version);
    if (o.apiVersion === apiVersion && o.kind === def.kind) return o;
    return { ...o, apiVersion, kind: def.kind };
  }

  private fieldGetters(def: ServedResource): Record<string, FieldGetter> {
    const g: Record<string, FieldGetter> = {
      'metadata.name': (o) => o.metadata.name,
    };
    if (def.namespaced) g['metadata.namespace'] = (o) => o.metadata.namespace;
    return { ...g, ...(def.fieldSelectors ?? {}) };
  }

  private matcher(def: ServedResource, params: RequestParams): ((o: KubeObject) => boolean) | undefined {
    const labels = params.labelSelector ? labelMatcher(parseLabelSelector(params.labelSelector)) : undefined;
    const fields = params.fieldSelector ? fieldMatcher(parseFieldSelector(params.fieldSelector), this.fieldGetters(def)) : undefined;
    if (!labels && !fields) return undefined;
    return (o) => (!labels || labels(o.metadata.labels)) && (!fields || fields(o));
  }

  private parseRv(rv: string | undefined, what: 'list' | 'watch'): number | undefined {
    if (rv === undefined || rv === '') return undefined;
    if (!/^\d+$/.test(rv)) {
      throw E.badRequest(`Invalid value: "${rv}": ${what === 'watch' ? 'invalid resource version' : 'invalid resource version'}: strconv.ParseUint: parsing "${rv}": invalid syntax`);
    }
    return Number(rv);
  }

  // ---------------------------------------------------------------- list

  private list(def: ServedResource, req: ApiRequest): ObjectResult {
    const p = req.params;
    const filter = this.matcher(def, p);
    let atRv: number | undefined;
    let after: string | undefined;
    if (p.continue) {
      const tok = decodeContinue(p.continue);
      atRv = tok.rv;
      after = tok.start;
    } else {
      const rv = this.parseRv(p.resourceVersion, 'list');
      if (rv !== undefined && rv > this.store.rv) throw E.timeout(`Too large resource version: ${rv}, current: ${this.store.rv}`);
      if (rv !== undefined && rv > 0 && p.resourceVersionMatch === 'Exact') atRv = rv;
    }
    let res;
    try {
      const labelEquals = p.labelSelector ? equalityPairs(parseLabelSelector(p.labelSelector)) : undefined;
      res = this.store.list({ resource: def.storage, namespace: def.namespaced ? req.ref.namespace : undefined }, { atRv, after, filter, labelEquals, limit: p.limit });
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'expired') {
        if (p.continue) {
          throw E.expired(
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          );
        }
        throw E.expired(`too old resource version: ${atRv} (${err.oldestRv})`);
      }
      throw err;
    }
    const metadata: KubeList['metadata'] = { resourceVersion: String(res.rv) };
    if (res.continueAfter !== undefined) {
      metadata.continue = encodeContinue(res.rv, res.continueAfter);
      if (res.remaining) metadata.remainingItemCount = res.remaining;
    }
    const list: KubeList = {
      apiVersion: formatApiVersion(def.group, def.version),
      kind: def.listKind,
      metadata,
      items: res.items.map((s) => this.present(def, s)),
    };
    return this.obj(200, list, def);
  }

  // ---------------------------------------------------------------- watch

  private watch(def: ServedResource, req: ApiRequest): WatchResult {
    const p = req.params;
    const filter = this.matcher(def, p) ?? (() => true);
    const rv = this.parseRv(p.resourceVersion, 'watch');
    const scope = { resource: def.storage, namespace: def.namespaced ? req.ref.namespace : undefined };
    const bookmarkMs = this.opts.bookmarkIntervalMs ?? 60_000;
    return {
      type: 'watch',
      def,
      start: (sink) => {
        let stopped = false;
        const timers: NodeJS.Timeout[] = [];
        let storeWatch: { stop(): void } | undefined;
        const stop = () => {
          if (stopped) return;
          stopped = true;
          storeWatch?.stop();
          for (const t of timers) clearTimeout(t);
          this.activeWatches.delete(stop);
          sink.end();
        };
        this.activeWatches.add(stop);
        const emit = (type: WatchEvent['type'], o: KubeObject) => {
          if (!stopped) sink.event({ type, object: this.present(def, o) });
        };
        let from: number;
        if (rv === undefined || rv === 0) {
          // "Any" or unset: the current state as synthetic ADDED events, then changes.
          const cur = this.store.list(scope, { filter });
          for (const s of cur.items) emit('ADDED', s.object);
          from = cur.rv;
          if (p.sendInitialEvents && p.allowWatchBookmarks) {
            sink.event({
              type: 'BOOKMARK',
              object: { apiVersion: formatApiVersion(def.group, def.version), kind: def.kind, metadata: { resourceVersion: String(from), annotations: { 'k8s.io/initial-events-end': 'true' } } },
            });
          }
        } else from = rv;
        try {
          storeWatch = this.store.watch(scope, {
            fromRv: from,
            onEvent: (ev: StoreEvent) => {
              const now = ev.type === 'DELETED' ? false : filter(ev.object);
              const before = ev.prev ? filter(ev.prev) : false;
              if (ev.type === 'ADDED') {
                if (now) emit('ADDED', ev.object);
              } else if (ev.type === 'DELETED') {
                if (filter(ev.object)) emit('DELETED', ev.object);
              } else if (now && before) emit('MODIFIED', ev.object);
              else if (now) emit('ADDED', ev.object);
              else if (before) emit('DELETED', { ...ev.prev!, metadata: { ...ev.prev!.metadata, resourceVersion: String(ev.rv) } });
            },
          });
        } catch (err) {
          if (err instanceof StoreError && err.kind === 'expired') {
            sink.event({ type: 'ERROR', object: E.expired(`too old resource version: ${from} (${err.oldestRv})`).status });
            stop();
            return stop;
          }
          throw err;
        }
        if (p.allowWatchBookmarks) {
          const tick = () => {
            if (stopped) return;
            sink.event({
              type: 'BOOKMARK',
              object: { apiVersion: formatApiVersion(def.group, def.version), kind: def.kind, metadata: { resourceVersion: String(this.store.rv) } },
            });
            timers[0] = setTimeout(tick, bookmarkMs);
            timers[0].unref?.();
          };
          timers[0] = setTimeout(tick, bookmarkMs);
          timers[0].unref?.();
        }
        if (p.timeoutSeconds && p.timeoutSeconds > 0) {
          timers[1] = setTimeout(stop, p.timeoutSeconds * 1000);
          timers[1].unref?.();
        }
        return stop;
      },
    };
  }

  // ---------------------------------------------------------------- create

  private checkBodyType(def: ServedResource, body: unknown, asKind = def.kind): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw E.badRequest(`the object provided is unrecognized (must be of type ${asKind}): couldn't get version/kind; json parse error: expected an object`);
    }
    const o = body as KubeObject;
    const want = formatApiVersion(def.group, def.version);
    if (o.kind && o.kind !== asKind) {
      const v = typeof o.apiVersion === 'string' ? o.apiVersion.split('/').pop() : '';
      throw E.badRequest(
        `${o.kind} in version "${v}" cannot be handled as a ${asKind}: converting (${v}.${o.kind}) to (${def.group || 'core'}.${asKind}): unknown conversion`,
      );
    }
    if (o.apiVersion && o.apiVersion !== want && asKind === def.kind) {
      const sameGroup = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] === def.group : def.group === '';
      const served = sameGroup && this.catalog.lookup(def.group, o.apiVersion.split('/').pop()!, def.plural);
      if (!served) throw E.badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${want})`);
    }
    o.apiVersion = want;
    o.kind = asKind;
    if (!o.metadata || typeof o.metadata !== 'object' || Array.isArray(o.metadata)) o.metadata = {};
    return o;
  }

  /** fieldValidation: Strict rejects unknown fields (400), Warn reports them; custom resources are pruned either way. */
  private unknownFieldCheck(def: ServedResource, obj: KubeObject, mode: RequestParams['fieldValidation'], warnings: string[], rawBody?: string): void {
    const gvk = { group: def.group, version: def.version, kind: def.kind };
    let msgs: string[] = [];
    if (def.crd?.schema) {
      // Custom resources are pruned whatever the mode.
      msgs = pruneUnknown(obj, def.crd.schema as never, true).map((u) => `unknown field "${u}"`);
    } else if (mode !== 'Ignore') {
      if (rawBody !== undefined && this.opts.strictDecodingErrors) msgs = this.opts.strictDecodingErrors(gvk, rawBody);
      else if (this.opts.unknownFields) msgs = this.opts.unknownFields(gvk, obj).map((u) => `unknown field "${u}"`);
    }
    if (msgs.length === 0 || mode === 'Ignore') return;
    if (mode === 'Strict') throw E.badRequest(`strict decoding error: ${msgs.join(', ')}`);
    warnings.push(...msgs);
  }

  private validate(def: ServedResource, obj: KubeObject, old: KubeObject | undefined): void {
    const errs: FieldError[] = [];
    errs.push(...validateMeta(obj, { namespaced: def.namespaced, dnsName: Boolean(def.crd) }));
    if (old) {
      // Immutable metadata (ValidateObjectMetaUpdate).
      if (old.metadata.deletionTimestamp) {
        const added = (obj.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
        if (added.length) {
          errs.push({
            type: 'FieldValueForbidden',
            field: 'metadata.finalizers',
            message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
          });
        }
      }
    }
    if (def.validate) errs.push(...def.validate(obj, old, this.ctx));
    if (def.crd?.validateSchema) errs.push(...def.crd.validateSchema(obj));
    const seen = new Set<string>();
    const unique = errs.filter((e) => {
      const k = `${e.field}\u0000${e.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (unique.length) throw E.invalid(def.kind, def.group, obj.metadata.name ?? obj.metadata.generateName ?? '', unique);
  }

  private checkNamespace(def: ServedResource, ns: string | undefined, name: string): void {
    if (!def.namespaced || !ns) return;
    const nsObj = this.store.get({ resource: '/namespaces', namespace: '', name: ns });
    if (!nsObj) throw E.notFound({ group: '', resource: 'namespaces' }, ns);
    if (nsObj.object.metadata.deletionTimestamp || (nsObj.object.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw E.forbidden(this.gr(def), name, `unable to create new content in namespace ${ns} because it is being terminated`, [
        { reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' },
      ]);
    }
  }

  private async create(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    const obj = this.checkBodyType(def, req.body);
    const ns = req.ref.namespace;
    const warnings: string[] = [];
    if (def.namespaced) {
      if (!ns) throw E.badRequest('the server could not find the requested resource');
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw E.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = ns;
    } else delete obj.metadata.namespace;
    this.unknownFieldCheck(def, obj, req.params.fieldValidation ?? 'Warn', warnings, req.rawBody);
    const m = obj.metadata;
    if (!m.name && m.generateName) m.name = generateName(m.generateName);
    this.checkNamespace(def, ns, m.name ?? '');
    // Server-owned metadata.
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.selfLink;
    m.uid = newUid();
    m.creationTimestamp = timestamp(this.now());
    if (this.tracksGeneration(def)) m.generation = 1;
    else delete m.generation;
    if (def.hasStatus && def.storage !== '/namespaces') {
      // A built-in kind's status is a struct, so kube-apiserver always writes
      // it, empty at first ("status": {}); clients read fields through it.
      // A custom resource's status stays absent until something sets it.
      delete obj.status;
      if (!def.crd) obj.status = {};
    }
    this.applyDefaults(def, obj);
    this.opts.fields?.track(req, def, undefined, obj);
    def.prepareForCreate?.(obj, this.ctx);
    let stored: StoredObject;
    try {
      this.opts.admitWrite?.(req, def, obj, undefined);
      this.admitCreate(def, obj);
      this.admitPriority(def, obj);
      this.admitLimitRanges(def, obj);
      this.validate(def, obj, undefined);
      this.admitQuota(def, obj);
      if (req.params.dryRun) {
        this.afterDelete(def, obj);
        return this.obj(201, obj, def, warnings);
      }
      stored = await this.store.create(this.keyOf(def, ns, m.name!), obj);
    } catch (err) {
      this.afterDelete(def, obj); // hand back what defaulting allocated
      if (err instanceof StoreError && err.kind === 'exists') throw E.alreadyExists(this.gr(def), m.name!);
      throw err;
    }
    return this.obj(201, this.present(def, stored), def, warnings);
  }

  /**
   * Priority admission (plugin/pkg/admission/priority): a pod's priority and preemption policy come
   * from its PriorityClass, or from the global default class, or are 0 and PreemptLowerPriority.
   */
  private admitPriority(def: ServedResource, obj: KubeObject): void {
    if (def.storage !== '/pods') return;
    const spec = (obj.spec ??= {}) as { priorityClassName?: string; priority?: number; preemptionPolicy?: string };
    const classes = this.store.list({ resource: 'scheduling.k8s.io/priorityclasses' }).items.map((s) => s.object as KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string });
    let pc: (typeof classes)[number] | undefined;
    if (spec.priorityClassName) {
      pc = classes.find((c) => c.metadata.name === spec.priorityClassName);
      if (!pc) throw E.forbidden(this.gr(def), obj.metadata.name ?? '', `no PriorityClass with name ${spec.priorityClassName} was found`);
    } else {
      // The default with the highest value wins when several claim to be it, as upstream picks.
      pc = classes.filter((c) => c.globalDefault === true).sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
      if (pc) spec.priorityClassName = pc.metadata.name;
    }
    const value = pc?.value ?? 0;
    if (spec.priority !== undefined && spec.priority !== value) {
      throw E.forbidden(this.gr(def), obj.metadata.name ?? '', `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    }
    spec.priority = value;
    spec.preemptionPolicy ??= pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  }

  /** LimitRanger: the namespace's LimitRanges default and bound a new pod's (or claim's) resources. */
  private admitLimitRanges(def: ServedResource, obj: KubeObject): void {
    if (!obj.metadata.namespace || (def.storage !== '/pods' && def.storage !== '/persistentvolumeclaims')) return;
    const ranges = this.store.list({ resource: '/limitranges', namespace: obj.metadata.namespace }).items.map((s) => s.object);
    if (ranges.length === 0) return;
    const refusal = applyLimitRanges(def.storage, obj, ranges);
    if (refusal) throw E.forbidden(this.gr(def), obj.metadata.name ?? '', refusal);
  }

  /** ResourceQuota: a new object must fit every quota of its namespace (usage counted from the live objects). */
  private admitQuota(def: ServedResource, obj: KubeObject): void {
    const ns = obj.metadata.namespace;
    if (!ns) return;
    const quotas = this.store.list({ resource: '/resourcequotas', namespace: ns }).items.map((s) => s.object);
    if (quotas.length === 0) return;
    const storages = new Set([...QUOTA_STORAGES, def.storage]);
    for (const q of quotas) for (const r of Object.keys(((q.spec as { hard?: object } | undefined)?.hard ?? {}))) if (r.startsWith('count/')) storages.add(countStorage(r));
    const objects = [...storages].flatMap((storage) => this.store.list({ resource: storage, namespace: ns }).items.map((s) => ({ storage, object: s.object })));
    const refusal = quotaRefusal(def.storage, obj, quotas, (q) => totalUsage(q, objects));
    if (refusal) throw E.forbidden(this.gr(def), obj.metadata.name ?? '', refusal);
  }

  /** Built-in admission the generic pipeline owns (kind-specific defaults live in the registry). */
  private admitCreate(def: ServedResource, obj: KubeObject): void {
    if (def.storage === '/namespaces') {
      const spec = (obj.spec ??= {}) as { finalizers?: string[] };
      if (!spec.finalizers) spec.finalizers = ['kubernetes'];
      obj.status = { ...((obj.status as object) ?? {}), phase: 'Active' };
    }
    if (def.storage === CRD_STORAGE) {
      const spec = obj.spec as { names?: Record<string, unknown>; versions?: { name: string; storage?: boolean }[] } | undefined;
      const names = { ...(spec?.names ?? {}) } as Record<string, unknown>;
      if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
      if (names.plural && !names.singular && typeof names.kind === 'string') names.singular = names.kind.toLowerCase();
      const t = timestamp(this.now());
      obj.status = {
        conditions: [
          { type: 'NamesAccepted', status: 'True', lastTransitionTime: t, reason: 'NoConflicts', message: 'no conflicts found' },
          { type: 'Established', status: 'True', lastTransitionTime: t, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
        ],
        acceptedNames: names,
        storedVersions: (spec?.versions ?? []).filter((v) => v.storage).map((v) => v.name),
      };
    }
  }

  // ---------------------------------------------------------------- update / patch

  private async update(def: ServedResource, req: ApiRequest, status: boolean): Promise<ObjectResult> {
    const obj = this.checkBodyType(def, req.body);
    const name = req.ref.name!;
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw E.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (def.namespaced && obj.metadata.namespace && obj.metadata.namespace !== req.ref.namespace) {
      throw E.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const warnings: string[] = [];
    this.unknownFieldCheck(def, obj, req.params.fieldValidation ?? 'Warn', warnings, req.rawBody);
    const current = this.mustGet(def, req.ref);
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== String(current.rv)) throw E.conflict(this.gr(def), name, E.STALE_OBJECT);
    return this.writeUpdate(def, current, obj, { status, dryRun: req.params.dryRun, warnings, expectRv: rv ? current.rv : undefined, req });
  }

  private async patch(def: ServedResource, req: ApiRequest, status: boolean): Promise<ObjectResult> {
    const warnings: string[] = [];
    for (let attempt = 0; ; attempt++) {
      const ssa = req.patchType === 'apply' && !status ? this.opts.fields : undefined;
      if (ssa && req.ref.name && !this.store.get(this.keyOf(def, req.ref.namespace, req.ref.name))) {
        // Apply creates what does not exist yet.
        return this.create(def, { ...req, verb: 'create', ref: { ...req.ref, name: undefined }, body: ssa.apply(req, def, undefined) });
      }
      const current = this.mustGet(def, req.ref);
      const patched = ssa ? ssa.apply(req, def, current.object) : this.applyPatch(def, current.object, req.patchType ?? 'merge', req.body);
      const obj = this.checkBodyType(def, patched);
      if (attempt === 0) this.unknownFieldCheck(def, obj, req.params.fieldValidation ?? 'Warn', warnings);
      const rv = obj.metadata.resourceVersion;
      const precondition = rv !== undefined && rv !== String(current.rv);
      if (precondition) throw E.conflict(this.gr(def), req.ref.name!, E.STALE_OBJECT);
      try {
        return await this.writeUpdate(def, current, obj, { status, dryRun: req.params.dryRun, warnings, expectRv: current.rv, req });
      } catch (err) {
        // A concurrent writer got in first: re-read and re-apply, as the apiserver's patcher does.
        if (attempt < 5 && err instanceof E.ApiError && err.code === 409 && err.status.reason === 'Conflict') {
          await new Promise((r) => setImmediate(r));
          continue;
        }
        throw err;
      }
    }
  }

  private applyPatch(def: ServedResource, current: KubeObject, type: PatchType, body: unknown): unknown {
    const doc = cloneJson(this.present(def, current));
    try {
      switch (type) {
        case 'json':
          return applyJsonPatch(doc, body);
        case 'merge':
          return applyMergePatch(doc, body);
        case 'strategic':
          if (def.crd) {
            throw E.unsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
          }
          return applyStrategicMergePatch(doc, body, { group: def.group, version: def.version, kind: def.kind });
        case 'apply':
          throw E.unsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
      }
    } catch (err) {
      if (err instanceof PatchError) {
        if (err.status === 415) throw E.failure(415, 'UnsupportedMediaType', err.message);
        if (err.status === 400) throw E.badRequest(err.message);
        throw E.failure(422, 'Invalid', err.message);
      }
      throw err;
    }
  }

  /** The shared tail of PUT, PATCH, status and scale writes. */
  private async writeUpdate(
    def: ServedResource,
    current: StoredObject,
    input: KubeObject,
    o: { status: boolean; dryRun?: boolean; warnings: string[]; expectRv?: number; req?: ApiRequest },
  ): Promise<ObjectResult> {
    const old = current.object;
    let next: KubeObject;
    if (o.status) {
      next = { ...cloneJson(old), status: input.status };
      if (input.status === undefined) delete next.status;
    } else {
      next = input;
      if (def.hasStatus) {
        if (old.status === undefined) delete next.status;
        else next.status = cloneJson(old.status);
      }
    }
    const m = next.metadata;
    const om = old.metadata;
    m.name = om.name;
    if (def.namespaced) m.namespace = om.namespace;
    m.uid = om.uid;
    m.creationTimestamp = om.creationTimestamp;
    if (om.generateName) m.generateName = om.generateName;
    if (om.deletionTimestamp) {
      m.deletionTimestamp = om.deletionTimestamp;
      if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    if (o.status) {
      next.metadata = { ...cloneJson(om) };
    }
    delete next.metadata.resourceVersion;
    if (def.storage === '/namespaces' && !o.status) {
      // spec.finalizers change only through /finalize.
      const spec = (next.spec ??= {}) as { finalizers?: string[] };
      spec.finalizers = cloneJson((old.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []);
      if (next.status === undefined) next.status = cloneJson(old.status);
    }
    this.applyDefaults(def, next, old);
    if (o.req && !o.status) this.opts.fields?.track(o.req, def, old, next);
    if (this.tracksGeneration(def)) {
      const gen = om.generation ?? 1;
      next.metadata.generation = !o.status && specChanged(next, old, def.generationIgnores) ? gen + 1 : gen;
    } else delete next.metadata.generation;
    try {
      if (o.req && !o.status) this.opts.admitWrite?.(o.req, def, next, old);
      this.validate(def, next, old);
    } catch (err) {
      if (def.storage === '/services' && this.opts.allocator) releaseServiceAllocations(this.opts.allocator, next, old);
      throw err;
    }
    const key = current.key;
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !this.waitsForNamespaceFinalize(def, next)) {
      // The last finalizer is gone from an object being deleted: it goes now.
      if (o.dryRun) return this.obj(200, next, def, o.warnings);
      const gone = await this.storeDelete(def, key, current.rv);
      return this.obj(200, this.present(def, gone), def, o.warnings);
    }
    const { resourceVersion: _rv, ...restMeta } = old.metadata;
    void _rv;
    if (jsonEqual({ ...old, metadata: restMeta }, next)) {
      next.metadata.resourceVersion = old.metadata.resourceVersion;
      return this.obj(200, this.present(def, current), def, o.warnings);
    }
    if (o.dryRun) {
      next.metadata.resourceVersion = String(current.rv);
      return this.obj(200, next, def, o.warnings);
    }
    try {
      const stored = await this.store.update(key, next, o.expectRv);
      if (def.storage === '/services' && this.opts.allocator) releaseServiceAllocations(this.opts.allocator, old, next);
      return this.obj(200, this.present(def, stored), def, o.warnings);
    } catch (err) {
      if (def.storage === '/services' && this.opts.allocator) releaseServiceAllocations(this.opts.allocator, next, old);
      if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(this.gr(def), key.name, E.STALE_OBJECT);
      if (err instanceof StoreError && err.kind === 'notfound') throw E.notFound(this.gr(def), key.name);
      throw err;
    }
  }

  private tracksGeneration(def: ServedResource): boolean {
    return def.crd ? true : def.tracksGeneration ?? tracksGeneration(def.group, def.plural, false);
  }

  private waitsForNamespaceFinalize(def: ServedResource, obj: KubeObject): boolean {
    return def.storage === '/namespaces' && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0;
  }

  // ---------------------------------------------------------------- delete

  private async storeDelete(def: ServedResource, key: StoreKey, expectRv?: number): Promise<KubeObject> {
    try {
      const gone = await this.store.delete(key, expectRv);
      this.afterDelete(def, gone.object);
      return gone.object;
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(this.gr(def), key.name, E.STALE_OBJECT);
      if (err instanceof StoreError && err.kind === 'notfound') throw E.notFound(this.gr(def), key.name);
      throw err;
    }
  }

  private afterDelete(def: ServedResource, obj: KubeObject): void {
    if (def.storage === '/services' && this.opts.allocator) releaseServiceAllocations(this.opts.allocator, obj);
  }

  /** Runs the registry's defaulting; allocation failures (Service IPs/ports) are a 422 as upstream. */
  private applyDefaults(def: ServedResource, obj: KubeObject, old?: KubeObject): void {
    if (!def.crd) omitEmptyMaps(def, obj);
    if (!def.defaults) return;
    try {
      def.defaults(obj, this.ctx, old);
    } catch (err) {
      const invalid = err as { code?: string; causes?: FieldError[] };
      if (invalid?.code === 'OBJECT_INVALID' && Array.isArray(invalid.causes)) {
        throw E.invalid(def.kind, def.group, obj.metadata.name ?? '', invalid.causes);
      }
      if (err instanceof AllocationError) {
        throw E.invalid(def.kind, def.group, obj.metadata.name ?? '', [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: ${err.message}` }]);
      }
      throw err;
    }
  }

  private async deleteOne(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    return this.deleteLatest(def, req.ref, req.params);
  }

  /**
   * Deletes what is stored now. A write that lands between the read and the delete is not the
   * caller's conflict: the delete is retried on the newer object, as kube-apiserver's
   * GuaranteedUpdate does, unless the caller pinned a resourceVersion.
   */
  private async deleteLatest(def: ServedResource, ref: ResourceRef, p: RequestParams): Promise<ObjectResult> {
    for (let attempt = 0; ; attempt++) {
      const current = this.mustGet(def, ref);
      try {
        return await this.deleteObject(def, current, p);
      } catch (err) {
        const stale = err instanceof E.ApiError && err.status.code === 409 && Boolean(err.status.message?.endsWith(E.STALE_OBJECT));
        if (!stale || p.preconditions?.resourceVersion || attempt >= 5) throw err;
        await new Promise((r) => setImmediate(r));
      }
    }
  }

  private async deleteObject(def: ServedResource, current: StoredObject, p: RequestParams): Promise<ObjectResult> {
    const obj = current.object;
    const name = obj.metadata.name!;
    const gr = this.gr(def);
    const pre = p.preconditions;
    if (pre?.uid && pre.uid !== obj.metadata.uid) {
      throw E.conflict(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== String(current.rv)) {
      throw E.conflict(gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.rv}`);
    }
    if (def.storage === '/namespaces' && UNDELETABLE_NAMESPACES.has(name)) {
      throw E.forbidden(gr, name, 'this namespace may not be deleted');
    }
    if (def.storage === CRD_STORAGE) await this.deleteCustomResources(obj);

    const next = cloneJson(obj);
    const m = next.metadata;
    let finalizers = [...(m.finalizers ?? [])];
    // Propagation policy becomes a finalizer the garbage collector acts on.
    const policy = p.propagationPolicy ?? (p.orphanDependents === true ? 'Orphan' : p.orphanDependents === false ? 'Background' : undefined);
    if (!m.deletionTimestamp || finalizers.length) {
      if (policy === 'Foreground') {
        finalizers = finalizers.filter((f) => f !== 'orphan');
        if (!finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
      } else if (policy === 'Orphan') {
        finalizers = finalizers.filter((f) => f !== 'foregroundDeletion');
        if (!finalizers.includes('orphan')) finalizers.push('orphan');
      } else if (policy === 'Background') {
        finalizers = finalizers.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
      }
    }
    const now = this.now();
    const isNamespace = def.storage === '/namespaces';
    let grace = 0;
    if (def.storage === '/pods') grace = this.podGrace(obj, p);
    const waitsForFinalize = isNamespace && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0;
    if (finalizers.length === 0 && grace === 0 && !waitsForFinalize) {
      if (p.dryRun) return this.obj(200, this.deletedAnswer(def, obj));
      const gone = await this.storeDelete(def, current.key, current.rv);
      return this.obj(200, this.deletedAnswer(def, gone));
    }
    // Deferred deletion: mark it and keep it until finalizers are gone or the grace period ends (kubelet).
    if (m.deletionTimestamp) {
      const shorter = grace > 0 && (m.deletionGracePeriodSeconds ?? Infinity) > grace;
      if (!shorter && stableJson(finalizers) === stableJson(m.finalizers ?? [])) return this.obj(200, this.present(def, current), def);
      if (shorter) {
        m.deletionGracePeriodSeconds = grace;
        m.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
      }
    } else {
      m.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
      m.deletionGracePeriodSeconds = grace;
    }
    if (finalizers.length) m.finalizers = finalizers;
    else delete m.finalizers;
    if (isNamespace) next.status = { ...((next.status as object) ?? {}), phase: 'Terminating' };
    if (p.dryRun) return this.obj(200, next, def);
    try {
      const stored = await this.store.update(current.key, next, current.rv);
      return this.obj(200, this.present(def, stored), def);
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(gr, name, E.STALE_OBJECT);
      throw err;
    }
  }

  /** Grace period of a pod delete: 0 for unbound or finished pods, else the option or the pod's own (default 30 s). */
  private podGrace(pod: KubeObject, p: RequestParams): number {
    const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    if (p.gracePeriodSeconds !== undefined) return Math.max(0, p.gracePeriodSeconds);
    return spec.terminationGracePeriodSeconds ?? 30;
  }

  private deletedAnswer(def: ServedResource, obj: KubeObject): KubeObject | Status {
    if (def.returnDeletedObject ?? RETURNS_DELETED_OBJECT.has(def.storage)) return this.present(def, obj);
    return E.success({ name: obj.metadata.name, group: def.group || undefined, kind: def.plural, uid: obj.metadata.uid });
  }

  private async deleteCustomResources(crd: KubeObject): Promise<void> {
    const spec = crd.spec as { group: string; names: { plural: string } };
    const storage = `${spec.group}/${spec.names.plural}`;
    const all = this.store.list({ resource: storage }).items;
    await Promise.all(all.map((s) => this.store.delete(s.key).catch(() => undefined)));
  }

  private async deleteCollection(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    const filter = this.matcher(def, req.params);
    const res = this.store.list({ resource: def.storage, namespace: def.namespaced ? req.ref.namespace : undefined }, { filter });
    const items: KubeObject[] = [];
    await Promise.all(
      res.items.map(async (s) => {
        try {
          const r = await this.deleteObject(def, s, req.params);
          if (r.object.kind !== 'Status') items.push(r.object as KubeObject);
          else items.push(this.present(def, s));
        } catch (err) {
          if (!(err instanceof E.ApiError && err.code === 404)) throw err;
        }
      }),
    );
    const list: KubeList = { apiVersion: formatApiVersion(def.group, def.version), kind: def.listKind, metadata: { resourceVersion: String(this.store.rv) }, items };
    return this.obj(200, list, def);
  }

  // ---------------------------------------------------------------- subresources

  private async subresource(def: ServedResource, req: ApiRequest, sub: string): Promise<ApiResult> {
    const gr = this.gr(def);
    switch (sub) {
      case 'scale':
        return this.scale(def, req);
      case 'binding':
        if (req.verb !== 'create') throw E.methodNotSupported({ group: '', resource: 'pods/binding' }, req.verb);
        return this.bind(def, req);
      case 'eviction':
        if (req.verb !== 'create') throw E.methodNotSupported({ group: '', resource: 'pods/eviction' }, req.verb);
        return this.evict(def, req);
      case 'log':
        if (req.verb !== 'get') throw E.methodNotSupported({ group: '', resource: 'pods/log' }, req.verb);
        return this.podLog(def, req);
      case 'finalize':
        if (req.verb !== 'update') throw E.methodNotSupported({ group: '', resource: 'namespaces/finalize' }, req.verb);
        return this.finalizeNamespace(def, req);
      default:
        throw E.methodNotSupported(gr, req.verb);
    }
  }

  private scalePaths(def: ServedResource): { spec: string; status: string; selector?: string } {
    if (def.crd?.scale) return { spec: def.crd.scale.specReplicasPath, status: def.crd.scale.statusReplicasPath, selector: def.crd.scale.labelSelectorPath };
    return { spec: '.spec.replicas', status: '.status.replicas', selector: '.spec.selector' };
  }

  private toScale(def: ServedResource, obj: KubeObject): KubeObject {
    const paths = this.scalePaths(def);
    const first = (p: string | undefined) => (p ? jsonPathValues(obj, p)[0] : undefined);
    const sel = first(paths.selector);
    const selector =
      typeof sel === 'string' ? sel : def.storage === '/replicationcontrollers' && sel && typeof sel === 'object' ? Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') : labelSelectorString(sel);
    const status: Record<string, unknown> = { replicas: Number(first(paths.status) ?? 0) };
    if (selector) status.selector = selector;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        creationTimestamp: obj.metadata.creationTimestamp,
      },
      spec: { replicas: Number(first(paths.spec) ?? 0) },
      status,
    };
  }

  private async scale(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    const current = this.mustGet(def, req.ref);
    if (req.verb === 'get') return this.obj(200, this.toScale(def, current.object), def);
    if (req.verb !== 'update' && req.verb !== 'patch') throw E.methodNotSupported(this.gr(def), req.verb);
    let scale: KubeObject;
    if (req.verb === 'update') scale = req.body as KubeObject;
    else {
      const doc = this.toScale(def, current.object);
      const t = req.patchType ?? 'merge';
      try {
        scale = (t === 'json' ? applyJsonPatch(doc, req.body) : applyMergePatch(doc, req.body)) as KubeObject;
      } catch (err) {
        if (err instanceof PatchError) throw E.failure(err.status === 400 ? 400 : 422, err.status === 400 ? 'BadRequest' : 'Invalid', err.message);
        throw err;
      }
    }
    if (!scale || typeof scale !== 'object') throw E.badRequest('the object provided is unrecognized (must be of type Scale)');
    const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw E.invalid('Scale', 'autoscaling', req.ref.name!, [
        { type: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0` },
      ]);
    }
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== String(current.rv)) throw E.conflict({ group: def.group, resource: def.plural }, req.ref.name!, E.STALE_OBJECT);
    const next = cloneJson(current.object);
    setAtPath(next as unknown as Record<string, unknown>, this.scalePaths(def).spec, replicas);
    const res = await this.writeUpdate(def, current, next, { status: false, dryRun: req.params.dryRun, warnings: [], expectRv: current.rv, req });
    return this.obj(200, this.toScale(def, res.object as KubeObject), def);
  }

  private async bind(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    const b = (req.body ?? {}) as { target?: { kind?: string; name?: string }; metadata?: { name?: string } };
    const name = req.ref.name!;
    if (!b.target?.name) {
      throw E.invalid('Binding', '', name, [{ type: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]);
    }
    for (let attempt = 0; ; attempt++) {
      const current = this.mustGet(def, req.ref);
      const pod = cloneJson(current.object);
      const spec = (pod.spec ??= {}) as { nodeName?: string };
      if (pod.metadata.deletionTimestamp) throw E.conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
      if (spec.nodeName) throw E.conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      spec.nodeName = b.target.name;
      const status = (pod.status ??= {}) as { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };
      const conds = (status.conditions ??= []);
      const c = conds.find((x) => x.type === 'PodScheduled');
      const t = timestamp(this.now());
      if (c) {
        if (c.status !== 'True') c.lastTransitionTime = t;
        c.status = 'True';
        delete (c as Record<string, unknown>).reason;
        delete (c as Record<string, unknown>).message;
      } else conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t });
      if (req.params.dryRun) return this.obj(201, E.success());
      try {
        await this.store.update(current.key, pod, current.rv);
        return this.obj(201, E.success());
      } catch (err) {
        if (err instanceof StoreError && err.kind === 'conflict' && attempt < 5) {
          await new Promise((r) => setImmediate(r));
          continue;
        }
        throw err;
      }
    }
  }

  /** Eviction: deletes the pod unless a PodDisruptionBudget selecting it allows no disruption (429). */
  private async evict(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    const current = this.mustGet(def, req.ref);
    const pod = current.object;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    const body = (req.body ?? {}) as { deleteOptions?: RequestParams & { dryRun?: unknown } };
    // kubectl drain --dry-run=server sends dryRun in the Eviction's deleteOptions; the query parameter counts too.
    const dryRun = Boolean(req.params.dryRun) || (Array.isArray(body.deleteOptions?.dryRun) && body.deleteOptions.dryRun.includes('All'));
    const bypass = phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || Boolean(pod.metadata.deletionTimestamp);
    // The budget is re-read and charged again when its status changed under us, as upstream's eviction
    // retries on conflict (pkg/registry/core/pod/storage/eviction.go).
    for (let attempt = 0; !bypass; attempt++) {
      const pdbs = this.store.list({ resource: 'policy/poddisruptionbudgets', namespace: pod.metadata.namespace }).items;
      const matching = pdbs.filter((s) => labelSelectorObjectMatcher((s.object.spec as { selector?: unknown } | undefined)?.selector)(pod.metadata.labels));
      if (matching.length > 1) throw E.failure(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
      if (matching.length === 0) break;
      const pdb = matching[0]!;
      const st = (pdb.object.status ?? {}) as { disruptionsAllowed?: number; observedGeneration?: number };
      const gen = pdb.object.metadata.generation ?? 0;
      if ((st.observedGeneration ?? 0) < gen || (st.disruptionsAllowed ?? 0) <= 0) {
        throw E.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", [
          { reason: 'DisruptionBudget', message: `The disruption budget ${pdb.object.metadata.name} needs ${((pdb.object.status as { desiredHealthy?: number }) ?? {}).desiredHealthy ?? 0} healthy pods and has ${((pdb.object.status as { currentHealthy?: number }) ?? {}).currentHealthy ?? 0} currently` },
        ]);
      }
      // A dry run is refused where the real eviction would be, and charges no budget.
      if (dryRun) break;
      const next = cloneJson(pdb.object);
      (next.status as { disruptionsAllowed: number }).disruptionsAllowed = (st.disruptionsAllowed ?? 0) - 1;
      try {
        await this.store.update(pdb.key, next, pdb.rv);
        break;
      } catch (err) {
        if (!(err instanceof StoreError && err.kind === 'conflict')) throw err;
        if (attempt >= 4) throw E.conflict({ group: 'policy', resource: 'poddisruptionbudgets' }, pdb.key.name, E.STALE_OBJECT);
        await new Promise((r) => setImmediate(r));
      }
    }
    if (!dryRun) await this.deleteLatest(def, req.ref, body.deleteOptions ?? {});
    return this.obj(201, E.success());
  }

  private podLog(def: ServedResource, req: ApiRequest): TextResult {
    const pod = this.mustGet(def, req.ref).object;
    const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
    const names = (spec.containers ?? []).map((c) => c.name);
    const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name)];
    let container = req.params.container;
    const podName = pod.metadata.name!;
    if (!container) {
      if (names.length !== 1) {
        throw E.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
      }
      container = names[0]!;
    } else if (!all.includes(container)) {
      throw E.badRequest(`container ${container} is not valid for pod ${podName}`);
    }
    if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) {
      throw E.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
    }
    let text = this.podLogs?.(pod, container, { tailLines: req.params.tailLines, previous: req.params.previous, timestamps: req.params.timestamps });
    if (text === undefined) text = defaultPodLog(pod, container);
    if (req.params.tailLines !== undefined && req.params.tailLines >= 0) {
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      text = lines.slice(Math.max(0, lines.length - req.params.tailLines)).map((l) => l + '\n').join('');
    }
    if (req.params.limitBytes !== undefined && req.params.limitBytes > 0) text = Buffer.from(text).subarray(0, req.params.limitBytes).toString();
    if (!req.params.follow || req.params.previous) return { type: 'text', code: 200, text };
    const uid = pod.metadata.uid;
    const opts = { previous: false, timestamps: req.params.timestamps };
    let full = this.podLogs?.(pod, container, opts) ?? defaultPodLog(pod, container);
    const follow = (sink: { write(more: string): void; end(): void }) => {
      // The simulated container's log is derived from the pod's status: look again every half second,
      // and end when the pod is gone or finished, as kubectl logs -f does.
      const stop = () => clearInterval(timer);
      const finish = () => {
        stop();
        sink.end();
      };
      const timer = setInterval(() => {
        const cur = this.store.get(this.keyOf(def, pod.metadata.namespace!, podName))?.object;
        if (!cur || cur.metadata.uid !== uid) return finish();
        const now = this.podLogs?.(cur, container!, opts) ?? defaultPodLog(cur, container!);
        // New lines are those not shown yet (a finished container's log drops its "ready" line for its exit).
        const shown = new Set(full.split('\n'));
        const fresh = now.split('\n').filter((l) => l && !shown.has(l));
        if (fresh.length) sink.write(fresh.map((l) => `${l}\n`).join(''));
        full = now;
        const phase = (cur.status as { phase?: string } | undefined)?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') finish();
      }, 500);
      return stop;
    };
    return { type: 'text', code: 200, text, follow };
  }

  private async finalizeNamespace(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    const body = this.checkBodyType(def, req.body);
    const current = this.mustGet(def, req.ref);
    const next = cloneJson(current.object);
    const fins = ((body.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => typeof f === 'string');
    next.spec = { ...((next.spec as object) ?? {}), finalizers: fins };
    // A dry run answers with what would be stored, and stores nothing.
    if (req.params.dryRun) return this.obj(200, this.present(def, next), def);
    if (next.metadata.deletionTimestamp && fins.length === 0 && (next.metadata.finalizers ?? []).length === 0) {
      const gone = await this.storeDelete(def, current.key, current.rv);
      return this.obj(200, this.present(def, gone), def);
    }
    try {
      const stored = await this.store.update(current.key, next, current.rv);
      return this.obj(200, this.present(def, stored), def);
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(this.gr(def), current.key.name, E.STALE_OBJECT);
      throw err;
    }
  }
}

/** Without a log from the simulated node: one line saying what runs (the nodes layer replaces this). */
function defaultPodLog(pod: KubeObject, container: string): string {
  const c = ((pod.spec as { containers?: { name: string; image?: string }[] } | undefined)?.containers ?? []).find((x) => x.name === container);
  return `${timestamp(new Date())} skiff: container ${container} (${c?.image ?? 'unknown image'}) of pod ${pod.metadata.namespace}/${pod.metadata.name} has no log output\n`;
}

// Continue tokens: base64 JSON like kube-apiserver's {"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}.
function encodeContinue(rv: number, after: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: after + '\u0000' })).toString('base64url');
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return { rv: t.rv, start: t.start.replace(/\u0000$/, '') };
  } catch {
    throw E.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
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
