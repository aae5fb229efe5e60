// pods/eviction (policy/v1 Eviction): what kubectl drain posts; a pod goes
// only when its PodDisruptionBudget allows a disruption, which it charges.
import { StoreError } from '../../store/types.js';
import type { ServedResource } from '../catalog.js';
import { deleteLatest } from '../generic/delete.js';
import type { GenericStore } from '../generic/store.js';
import { cloneJson } from '../../../util/json.js';
import type { ApiRequest, ObjectResult, RequestParams } from '../request.js';
import { labelSelectorObjectMatcher } from '../../../util/label-selector.js';
import * as E from '../status.js';

/** Eviction: deletes the pod unless a PodDisruptionBudget selecting it allows no disruption (429). */
export async function evict(gs: GenericStore, def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
  const current = gs.mustGet(def, req.ref);
  const pod = current.object;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const body = (req.body ?? {}) as { deleteOptions?: RequestParams & { dryRun?: unknown } };
  // kubectl drain --dry-run=server sends dryRun in the Eviction's deleteOptions; the query parameter counts too.
  const dryRun = Boolean(req.params.dryRun) || (Array.isArray(body.deleteOptions?.dryRun) && body.deleteOptions.dryRun.includes('All'));
  const bypass = phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || Boolean(pod.metadata.deletionTimestamp);
  // The budget is re-read and charged again when its status changed under us, as upstream's eviction
  // retries on conflict (pkg/registry/core/pod/storage/eviction.go).
  for (let attempt = 0; !bypass; attempt++) {
    const pdbs = gs.store.list({ resource: 'policy/poddisruptionbudgets', namespace: pod.metadata.namespace }).items;
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
      await gs.store.update(pdb.key, next, pdb.rv);
      break;
    } catch (err) {
      if (!(err instanceof StoreError && err.kind === 'conflict')) throw err;
      if (attempt >= 4) throw E.conflict({ group: 'policy', resource: 'poddisruptionbudgets' }, pdb.key.name, E.STALE_OBJECT);
      await new Promise((r) => setImmediate(r));
    }
  }
  if (!dryRun) await deleteLatest(gs, def, req.ref, body.deleteOptions ?? {});
  return gs.result(201, E.success());
}
