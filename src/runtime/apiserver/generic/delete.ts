// The generic store's deletes: preconditions, propagation policy as
// finalizers, deferred deletion (finalizers, a kind's grace period, a kind
// that awaits its own finalization), the answer (Status or the deleted object,
// as the kind's registry entry says) and delete-collection.
import type { ResourceRef } from '../../../kube/client.js';
import type { KubeList, KubeObject, Status } from '../../../apimachinery/types.js';
import { formatApiVersion } from '../../../apimachinery/types.js';
import { StoreError, type StoredObject } from '../../store/types.js';
import type { ServedResource } from '../catalog.js';
import { timestamp } from '../meta.js';
import { cloneJson, stableStringify } from '../../../util/json.js';
import type { ApiRequest, ObjectResult, RequestParams } from '../request.js';
import * as E from '../status.js';
import { matcher } from './list-watch.js';
import type { GenericStore } from './store.js';

/**
 * Deletes what is stored now. A write that lands between the read and the delete is not the
 * caller's conflict: the delete is retried on the newer object, as kube-apiserver's
 * GuaranteedUpdate does, unless the caller pinned a resourceVersion.
 */
export async function deleteLatest(gs: GenericStore, def: ServedResource, ref: ResourceRef, p: RequestParams): Promise<ObjectResult> {
  for (let attempt = 0; ; attempt++) {
    const current = gs.mustGet(def, ref);
    try {
      return await deleteObject(gs, def, current, p);
    } catch (err) {
      const stale = err instanceof E.ApiError && err.status.code === 409 && Boolean(err.status.message?.endsWith(E.STALE_OBJECT));
      if (!stale || p.preconditions?.resourceVersion || attempt >= 5) throw err;
      await new Promise((r) => setImmediate(r));
    }
  }
}

/** Deletes (or marks for deletion) one stored object; 409 on a failed precondition or a concurrent write. */
export async function deleteObject(gs: GenericStore, def: ServedResource, current: StoredObject, p: RequestParams): Promise<ObjectResult> {
  const obj = current.object;
  const name = obj.metadata.name!;
  const gr = gs.gr(def);
  const pre = p.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid) {
    throw E.conflict(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== String(current.rv)) {
    throw E.conflict(gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.rv}`);
  }
  gs.runAdmission('admit', 'DELETE', def, undefined, obj, obj.metadata.namespace);
  if (def.beforeDelete && !p.dryRun) await def.beforeDelete(obj, { ...gs.ctx, store: gs.store });

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
  const now = gs.now();
  const grace = def.gracePeriod?.(obj, p.gracePeriodSeconds) ?? 0;
  if (finalizers.length === 0 && grace === 0 && !def.awaitsFinalize?.(obj)) {
    if (p.dryRun) return gs.result(200, deletedAnswer(gs, def, obj));
    const gone = await gs.storeDelete(def, current.key, current.rv);
    return gs.result(200, deletedAnswer(gs, def, gone));
  }
  // Deferred deletion: mark it and keep it until finalizers are gone or the grace period ends (kubelet).
  if (m.deletionTimestamp) {
    const shorter = grace > 0 && (m.deletionGracePeriodSeconds ?? Infinity) > grace;
    if (!shorter && stableStringify(finalizers) === stableStringify(m.finalizers ?? [])) return gs.result(200, gs.present(def, current), def);
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
  def.markDeleting?.(next);
  if (p.dryRun) return gs.result(200, next, def);
  try {
    const stored = await gs.store.update(current.key, next, current.rv);
    return gs.result(200, gs.present(def, stored), def);
  } catch (err) {
    if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(gr, name, E.STALE_OBJECT);
    throw err;
  }
}

/** What a finished DELETE answers: the object for kinds whose registry entry says so, else a Success Status. */
function deletedAnswer(gs: GenericStore, def: ServedResource, obj: KubeObject): KubeObject | Status {
  if (def.returnDeletedObject) return gs.present(def, obj);
  return E.success({ name: obj.metadata.name, group: def.group || undefined, kind: def.plural, uid: obj.metadata.uid });
}

/** DELETE on a collection: every object the selectors match, as a list of what was deleted or marked. */
export async function deleteCollection(gs: GenericStore, def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
  const filter = matcher(def, req.params);
  const res = gs.store.list({ resource: def.storage, namespace: def.namespaced ? req.ref.namespace : undefined }, { filter });
  const items: KubeObject[] = [];
  await Promise.all(
    res.items.map(async (s) => {
      try {
        const r = await deleteObject(gs, def, s, req.params);
        if (r.object.kind !== 'Status') items.push(r.object as KubeObject);
        else items.push(gs.present(def, s));
      } catch (err) {
        if (!(err instanceof E.ApiError && err.code === 404)) throw err;
      }
    }),
  );
  const list: KubeList = { apiVersion: formatApiVersion(def.group, def.version), kind: def.listKind, metadata: { resourceVersion: String(gs.store.rv) }, items };
  return gs.result(200, list, def);
}
