// ResourceQuota (plugin/pkg/admission/resourcequota): a new object must fit
// every quota of its namespace, usage counted from the live objects.
import type { AdmissionPlugin } from './types.js';
import * as E from '../status.js';
import { countStorage, QUOTA_STORAGES, quotaRefusal, totalUsage } from '../../quota.js';

/** Refuses (403, kube-apiserver's "exceeded quota" wording) a create that would exceed a quota of its namespace. */
export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(a) {
    const obj = a.object;
    const ns = obj?.metadata.namespace;
    if (a.operation !== 'CREATE' || !obj || !ns) return;
    const quotas = a.store.list({ resource: '/resourcequotas', namespace: ns }).items.map((s) => s.object);
    if (quotas.length === 0) return;
    const storages = new Set([...QUOTA_STORAGES, a.def.storage]);
    for (const q of quotas) for (const r of Object.keys((q.spec as { hard?: object } | undefined)?.hard ?? {})) if (r.startsWith('count/')) storages.add(countStorage(r));
    const objects = [...storages].flatMap((storage) => a.store.list({ resource: storage, namespace: ns }).items.map((s) => ({ storage, object: s.object })));
    const refusal = quotaRefusal(a.def.storage, obj, quotas, (q) => totalUsage(q, objects));
    if (refusal) throw E.forbidden({ group: a.def.group, resource: a.def.plural }, obj.metadata.name ?? '', refusal);
  },
};
