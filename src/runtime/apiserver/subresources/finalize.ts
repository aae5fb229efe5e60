// namespaces/finalize: the namespace controller's write of spec.finalizers
// (the only way they change; spec writes keep them as stored).
import { StoreError } from '../../store/types.js';
import type { ServedResource } from '../catalog.js';
import type { GenericStore } from '../generic/store.js';
import { cloneJson } from '../../../util/json.js';
import type { ApiRequest, ObjectResult } from '../request.js';
import * as E from '../status.js';

/** PUT namespaces/finalize: replaces spec.finalizers; a terminating namespace with none left goes. */
export async function finalizeNamespace(gs: GenericStore, def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
  const body = gs.checkBodyType(def, req.body);
  const current = gs.mustGet(def, req.ref);
  const next = cloneJson(current.object);
  const fins = ((body.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => typeof f === 'string');
  next.spec = { ...((next.spec as object) ?? {}), finalizers: fins };
  // A dry run answers with what would be stored, and stores nothing.
  if (req.params.dryRun) return gs.result(200, gs.present(def, next), def);
  if (next.metadata.deletionTimestamp && fins.length === 0 && (next.metadata.finalizers ?? []).length === 0) {
    const gone = await gs.storeDelete(def, current.key, current.rv);
    return gs.result(200, gs.present(def, gone), def);
  }
  try {
    const stored = await gs.store.update(current.key, next, current.rv);
    return gs.result(200, gs.present(def, stored), def);
  } catch (err) {
    if (err instanceof StoreError && err.kind === 'conflict') throw E.conflict(gs.gr(def), current.key.name, E.STALE_OBJECT);
    throw err;
  }
}
