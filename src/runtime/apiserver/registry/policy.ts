// policy/v1: PodDisruptionBudgets.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, col, int, obj, statusSub } from './common.js';
import { metaErrors, oneOf, validateLabelSelector } from './validation.js';
import { validateIntOrPercent } from './workload.js';

const G = 'policy';
const V = 'v1';

function pdbValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  if (s.minAvailable != null && s.maxUnavailable != null) errs.push(invalid(sp, s, 'minAvailable and maxUnavailable cannot be both set'));
  errs.push(...validateIntOrPercent(s.minAvailable, sp.child('minAvailable')));
  errs.push(...validateIntOrPercent(s.maxUnavailable, sp.child('maxUnavailable')));
  errs.push(...validateLabelSelector(s.selector, sp.child('selector')));
  errs.push(...oneOf(s.unhealthyPodEvictionPolicy, sp.child('unhealthyPodEvictionPolicy'), ['AlwaysAllow', 'IfHealthyBudget']));
  return errs;
}

const cell = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'PodDisruptionBudget', listKind: 'PodDisruptionBudgetList', plural: 'poddisruptionbudgets',
    singular: 'poddisruptionbudget', namespaced: true, verbs: ALL_VERBS, shortNames: ['pdb'], hasStatus: true, tracksGeneration: true,
    subresources: [statusSub(G, V, 'PodDisruptionBudget')],
    columns: [
      NAME_COL, col('Min Available', 'The minimum number of pods that must be available simultaneously.  This can be either an integer or a string specifying a percentage, e.g. "28%".'),
      col('Max Unavailable', 'The maximum number of pods that may be unavailable simultaneously.  This can be either an integer or a string specifying a percentage, e.g. "28%".'),
      col('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', false, 'integer'), AGE_COL,
    ],
    row: (o, now) => {
      const s = obj(o, 'spec') ?? {};
      return [o.metadata.name ?? '', cell(s.minAvailable), cell(s.maxUnavailable), int(obj(o, 'status'), 'disruptionsAllowed'), age(o, now)];
    },
    validate: (o, old) => pdbValidate(o, old),
  },
];
