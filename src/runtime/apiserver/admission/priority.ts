// Priority (plugin/pkg/admission/priority): a new pod's priority and
// preemption policy come from its PriorityClass, or from the global default
// class, or are 0 and PreemptLowerPriority.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { AdmissionPlugin } from './types.js';
import * as E from '../status.js';

type PriorityClass = KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string };

/** Resolves spec.priorityClassName to spec.priority on pod creation; 403 for an unknown class or a conflicting priority. */
export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(a) {
    if (a.operation !== 'CREATE' || a.def.storage !== '/pods' || !a.object) return;
    const obj = a.object;
    const gr = { group: a.def.group, resource: a.def.plural };
    const spec = (obj.spec ??= {}) as { priorityClassName?: string; priority?: number; preemptionPolicy?: string };
    const classes = a.store.list({ resource: 'scheduling.k8s.io/priorityclasses' }).items.map((s) => s.object as PriorityClass);
    let pc: PriorityClass | undefined;
    if (spec.priorityClassName) {
      pc = classes.find((c) => c.metadata.name === spec.priorityClassName);
      if (!pc) throw E.forbidden(gr, obj.metadata.name ?? '', `no PriorityClass with name ${spec.priorityClassName} was found`);
    } else {
      // The default with the highest value wins when several claim to be it, as upstream picks.
      pc = classes.filter((c) => c.globalDefault === true).sort((x, y) => (y.value ?? 0) - (x.value ?? 0))[0];
      if (pc) spec.priorityClassName = pc.metadata.name;
    }
    const value = pc?.value ?? 0;
    if (spec.priority !== undefined && spec.priority !== value) {
      throw E.forbidden(gr, obj.metadata.name ?? '', `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    }
    spec.priority = value;
    spec.preemptionPolicy ??= pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  },
};
