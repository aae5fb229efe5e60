// LimitRanger (plugin/pkg/admission/limitranger): the namespace's
// LimitRanges default and bound a new pod's or claim's resources.
import type { AdmissionPlugin } from './types.js';
import * as E from '../status.js';
import { applyLimitRanges } from '../../quota.js';

const LIMITED = new Set(['/pods', '/persistentvolumeclaims']);

/** Fills missing requests/limits from the namespace's LimitRanges; 403 with LimitRanger's wording when one is out of bounds. */
export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(a) {
    const obj = a.object;
    if (a.operation !== 'CREATE' || !obj?.metadata.namespace || !LIMITED.has(a.def.storage)) return;
    const ranges = a.store.list({ resource: '/limitranges', namespace: obj.metadata.namespace }).items.map((s) => s.object);
    if (ranges.length === 0) return;
    const refusal = applyLimitRanges(a.def.storage, obj, ranges);
    if (refusal) throw E.forbidden({ group: a.def.group, resource: a.def.plural }, obj.metadata.name ?? '', refusal);
  },
};
