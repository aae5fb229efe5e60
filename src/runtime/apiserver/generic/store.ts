// The generic store (k8s.io/apiserver's registry/generic/registry.Store): get,
// create, update and patch for any served resource, knowing nothing of
// particular kinds. What differs per kind is asked of the kind's registry
// entry (defaults, prepareForCreate/prepareForUpdate, beginWrite, validate),
// what differs per cluster policy of the admission chain. Deletes are in
// delete.ts, lists and watches in list-watch.ts.
import type { ResourceRef, PatchType } from '../../../kube/client.js';
import type { KubeList, KubeObject, Status } from '../../../apimachinery/types.js';
import { formatApiVersion } from '../../../apimachinery/types.js';
import { PatchError } from '../../../errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../../apimachinery/patch/index.js';
import { toGoForm } from '../../../apimachinery/schema/index.js';
import { StoreError, type ObjectStore, type StoredObject, type StoreKey } from '../../store/types.js';
import type { AdmissionChain, AdmissionOperation } from '../admission/chain.js';
import type { ResourceCatalog, ServedResource } from '../catalog.js';
import { generateName, newUid, specChanged, timestamp, tracksGeneration } from '../meta.js';
import { cloneJson, jsonEqual } from '../../../util/json.js';
import { withoutKeys } from '../../../util/own-keys.js';
import { AllocationError } from '../registry/allocator.js';
import type { FieldError, RegistryContext } from '../registry/types.js';
import type { ApiRequest, ObjectResult } from '../request.js';
import * as E from '../status.js';
import { checkBodyType, unknownFieldCheck, validateObject, type FieldChecks } from './decode.js';

/** What the store works over, and the server's who-dependent admission and field ownership. */
export interface GenericStoreOptions extends FieldChecks {
  readonly store: ObjectStore;
  readonly catalog: ResourceCatalog;
  readonly now: () => Date;
  /** What kind functions get (clock, allocator). */
  readonly ctx: RegistryContext;
  readonly admission: AdmissionChain;
  /**
   * Admission that depends on who asks (RBAC escalation prevention): sees a create (old undefined)
   * or update after defaulting and before validation; throws an ApiError to refuse it.
   */
  readonly admitWrite?: (req: ApiRequest, def: ServedResource, obj: KubeObject, old: KubeObject | undefined) => void;
  /** Field ownership: records managedFields on writes and computes server-side apply (absent: apply patches are 415). */
  readonly fields?: {
    /** Sets next.metadata.managedFields for a create (old undefined) or update by req's field manager. */
    track(req: ApiRequest, def: ServedResource, old: KubeObject | undefined, next: KubeObject): void;
    /** The object an apply patch produces from `live` (undefined: it creates); throws 400/409/422 ApiErrors. */
    apply(req: ApiRequest, def: ServedResource, live: KubeObject | undefined): KubeObject;
  };
  /** Bookmark interval for watches that allow them (ms). */
  readonly bookmarkIntervalMs?: number;
}

/** How writeUpdate was reached: a status write keeps the stored spec and metadata. */
export interface UpdateOptions {
  readonly status: boolean;
  readonly dryRun?: boolean;
  readonly warnings: string[];
  /** The resourceVersion the write must find (optimistic concurrency); undefined: last write wins. */
  readonly expectRv?: number;
  readonly req?: ApiRequest;
}

/** Create, read, update and patch of any served resource over the object store. */
export class GenericStore {
  readonly store: ObjectStore;
  readonly catalog: ResourceCatalog;
  readonly now: () => Date;
  readonly ctx: RegistryContext;
  readonly opts: GenericStoreOptions;
  /** Stoppers of the open watches (list-watch.ts adds and removes them). */
  readonly activeWatches = new Set<() => void>();

  constructor(opts: GenericStoreOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.catalog = opts.catalog;
    this.now = opts.now;
    this.ctx = opts.ctx;
  }

  // ---------------------------------------------------------------- helpers

  result(code: number, object: KubeObject | Status | KubeList, def?: ServedResource, warnings?: readonly string[]): ObjectResult {
    return { type: 'object', code, object, def, warnings: warnings && warnings.length ? warnings : undefined };
  }

  keyOf(def: ServedResource, namespace: string | undefined, name: string): StoreKey {
    return { resource: def.storage, namespace: def.namespaced ? namespace ?? '' : '', name };
  }

  gr(def: ServedResource): E.GroupResource {
    return { group: def.group, resource: def.plural };
  }

  /** The stored object the ref names; 404 when there is none. */
  mustGet(def: ServedResource, ref: ResourceRef): StoredObject {
    if (!ref.name) throw E.pathNotFound();
    const s = this.store.get(this.keyOf(def, ref.namespace, ref.name));
    if (!s) throw E.notFound(this.gr(def), ref.name);
    return s;
  }

  /** The stored object as the requested version shows it (shared, never mutated: transports copy or serialise). */
  present(def: ServedResource, s: StoredObject | KubeObject): KubeObject {
    const o = 'key' in s && 'rv' in s && 'object' in s ? (s as StoredObject).object : (s as KubeObject);
    const apiVersion = formatApiVersion(def.group, def.version);
    if (o.apiVersion === apiVersion && o.kind === def.kind) return o;
    return { ...o, apiVersion, kind: def.kind };
  }

  /** The body as an object of the resource's kind (see decode.ts). */
  checkBodyType(def: ServedResource, body: unknown, asKind = def.kind): KubeObject {
    return checkBodyType(this.catalog, def, body, asKind);
  }

  /** Runs the admission chain's mutating (`admit`) or validating phase for one write. */
  runAdmission(phase: 'admit' | 'validate', operation: AdmissionOperation, def: ServedResource, obj: KubeObject | undefined, old: KubeObject | undefined, namespace?: string): void {
    const name = obj?.metadata.name ?? old?.metadata.name ?? '';
    this.opts.admission[phase]({ operation, def, name, namespace, object: obj, old, store: this.store });
  }

  // ---------------------------------------------------------------- get / create

  get(def: ServedResource, ref: ResourceRef): ObjectResult {
    return this.result(200, this.present(def, this.mustGet(def, ref)), def);
  }

  async create(def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
    let obj = this.checkBodyType(def, req.body);
    const ns = req.ref.namespace;
    const warnings: string[] = [];
    if (def.namespaced) {
      if (!ns) throw E.badRequest('the server could not find the requested resource');
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw E.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = ns;
    } else delete obj.metadata.namespace;
    unknownFieldCheck(this.opts, def, obj, req.params.fieldValidation ?? 'Warn', warnings, req.rawBody);
    const m = obj.metadata;
    if (!m.name && m.generateName) m.name = generateName(m.generateName);
    // Server-owned metadata.
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.selfLink;
    m.uid = newUid();
    m.creationTimestamp = timestamp(this.now());
    if (this.tracksGeneration(def)) m.generation = 1;
    else delete m.generation;
    if (def.hasStatus && !def.createKeepsStatus) {
      // A built-in kind's status is a struct, so kube-apiserver always writes
      // it, empty at first ("status": {}); clients read fields through it.
      // A custom resource's status stays absent until something sets it.
      delete obj.status;
      if (!def.crd) obj.status = {};
    }
    obj = this.applyDefaults(def, obj);
    const tx = def.beginWrite?.(obj, undefined, this.ctx);
    let stored: StoredObject | undefined;
    try {
      this.opts.fields?.track(req, def, undefined, obj);
      def.prepareForCreate?.(obj, this.ctx);
      this.runAdmission('admit', 'CREATE', def, obj, undefined, def.namespaced ? ns : undefined);
      this.opts.admitWrite?.(req, def, obj, undefined);
      validateObject(def, obj, undefined, this.ctx);
      this.runAdmission('validate', 'CREATE', def, obj, undefined, def.namespaced ? ns : undefined);
      if (req.params.dryRun) return this.result(201, obj, def, warnings);
      stored = await this.store.create(this.keyOf(def, ns, obj.metadata.name!), obj);
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'exists') throw E.alreadyExists(this.gr(def), obj.metadata.name!);
      throw err;
    } finally {
      // Hand back what defaulting allocated unless the object is stored.
      if (stored) tx?.commit();
      else tx?.revert();
    }
    return this.result(201, this.present(def, stored), def, warnings);
  }

  // ---------------------------------------------------------------- update / patch

  async update(def: ServedResource, req: ApiRequest, status: boolean): Promise<ObjectResult> {
    const obj = this.checkBodyType(def, req.body);
    const name = req.ref.name!;
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw E.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (def.namespaced && obj.metadata.namespace && obj.metadata.namespace !== req.ref.namespace) {
      throw E.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const warnings: string[] = [];
    unknownFieldCheck(this.opts, def, obj, req.params.fieldValidation ?? 'Warn', warnings, req.rawBody);
    const current = this.mustGet(def, req.ref);
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== String(current.rv)) throw E.conflict(this.gr(def), name, E.STALE_OBJECT);
    return this.writeUpdate(def, current, obj, { status, dryRun: req.params.dryRun, warnings, expectRv: rv ? current.rv : undefined, req });
  }

  async patch(def: ServedResource, req: ApiRequest, status: boolean): Promise<ObjectResult> {
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
      if (attempt === 0) unknownFieldCheck(this.opts, def, obj, req.params.fieldValidation ?? 'Warn', warnings);
      const rv = obj.metadata.resourceVersion;
      if (rv !== undefined && rv !== String(current.rv)) throw E.conflict(this.gr(def), req.ref.name!, E.STALE_OBJECT);
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
  async writeUpdate(def: ServedResource, current: StoredObject, input: KubeObject, o: UpdateOptions): Promise<ObjectResult> {
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
    // A copy without resourceVersion rather than a delete, which would make every stored metadata a slow dictionary-mode object.
    next.metadata = withoutKeys(o.status ? cloneJson(om) : next.metadata, ['resourceVersion']);
    if (!o.status) def.prepareForUpdate?.(next, old, this.ctx);
    next = this.applyDefaults(def, next, old);
    const tx = def.beginWrite?.(next, old, this.ctx);
    let committed = false;
    try {
      if (o.req && !o.status) this.opts.fields?.track(o.req, def, old, next);
      if (this.tracksGeneration(def)) {
        const gen = om.generation ?? 1;
        next.metadata.generation = !o.status && specChanged(next, old, def.generationIgnores) ? gen + 1 : gen;
      } else if (next.metadata.generation !== undefined) next.metadata = withoutKeys(next.metadata, ['generation']);
      this.runAdmission('admit', 'UPDATE', def, next, old, om.namespace);
      if (o.req && !o.status) this.opts.admitWrite?.(o.req, def, next, old);
      validateObject(def, next, old, this.ctx);
      this.runAdmission('validate', 'UPDATE', def, next, old, om.namespace);
      const key = current.key;
      if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !def.awaitsFinalize?.(next)) {
        // The last finalizer is gone from an object being deleted: it goes now.
        if (o.dryRun) return this.result(200, next, def, o.warnings);
        const gone = await this.storeDelete(def, key, current.rv);
        return this.result(200, this.present(def, gone), def, o.warnings);
      }
      const { resourceVersion: _rv, ...restMeta } = old.metadata;
      void _rv;
      if (jsonEqual({ ...old, metadata: restMeta }, next)) {
        next.metadata.resourceVersion = old.metadata.resourceVersion;
        return this.result(200, this.present(def, current), def, o.warnings);
      }
      if (o.dryRun) {
        next.metadata.resourceVersion = String(current.rv);
        return this.result(200, next, def, o.warnings);
      }
      const stored = await this.store.update(key, next, o.expectRv);
      committed = true;
      return this.result(200, this.present(def, stored), def, o.warnings);
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(this.gr(def), current.key.name, E.STALE_OBJECT);
      if (err instanceof StoreError && err.kind === 'notfound') throw E.notFound(this.gr(def), current.key.name);
      throw err;
    } finally {
      if (committed) tx?.commit();
      else tx?.revert();
    }
  }

  private tracksGeneration(def: ServedResource): boolean {
    return def.crd ? true : def.tracksGeneration ?? tracksGeneration(def.group, def.plural, false);
  }

  /** Runs the registry's defaulting on the object in Go form (see toGoForm), which it returns; allocation failures (Service IPs/ports) are a 422 as upstream. */
  private applyDefaults(def: ServedResource, input: KubeObject, old?: KubeObject): KubeObject {
    const obj = def.crd ? input : toGoForm(def, input);
    if (!def.defaults) return obj;
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
    return obj;
  }

  // ---------------------------------------------------------------- removal

  /** Removes the object from the store and runs the kind's afterDelete; 409 when it changed since `expectRv`, 404 when gone. */
  async storeDelete(def: ServedResource, key: StoreKey, expectRv?: number): Promise<KubeObject> {
    try {
      const gone = await this.store.delete(key, expectRv);
      def.afterDelete?.(gone.object, this.ctx);
      return gone.object;
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(this.gr(def), key.name, E.STALE_OBJECT);
      if (err instanceof StoreError && err.kind === 'notfound') throw E.notFound(this.gr(def), key.name);
      throw err;
    }
  }
}
