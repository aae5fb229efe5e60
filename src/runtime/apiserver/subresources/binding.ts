// pods/binding: the scheduler's write of a pod's node.
import { StoreError } from '../../store/types.js';
import type { ServedResource } from '../catalog.js';
import type { GenericStore } from '../generic/store.js';
import { timestamp } from '../meta.js';
import { cloneJson } from '../../../util/json.js';
import type { ApiRequest, ObjectResult } from '../request.js';
import * as E from '../status.js';

/** POST pods/binding: assigns the pod to the target node and marks it PodScheduled (409 when bound or being deleted). */
export async function bind(gs: GenericStore, def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
  const b = (req.body ?? {}) as { target?: { kind?: string; name?: string }; metadata?: { name?: string } };
  const name = req.ref.name!;
  if (!b.target?.name) {
    throw E.invalid('Binding', '', name, [{ type: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]);
  }
  for (let attempt = 0; ; attempt++) {
    const current = gs.mustGet(def, req.ref);
    const pod = cloneJson(current.object);
    const spec = (pod.spec ??= {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) throw E.conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName) throw E.conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    spec.nodeName = b.target.name;
    const status = (pod.status ??= {}) as { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };
    const conds = (status.conditions ??= []);
    const c = conds.find((x) => x.type === 'PodScheduled');
    const t = timestamp(gs.now());
    if (c) {
      if (c.status !== 'True') c.lastTransitionTime = t;
      c.status = 'True';
      delete (c as Record<string, unknown>).reason;
      delete (c as Record<string, unknown>).message;
    } else conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t });
    if (req.params.dryRun) return gs.result(201, E.success());
    try {
      await gs.store.update(current.key, pod, current.rv);
      return gs.result(201, E.success());
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'conflict' && attempt < 5) {
        await new Promise((r) => setImmediate(r));
        continue;
      }
      throw err;
    }
  }
}
