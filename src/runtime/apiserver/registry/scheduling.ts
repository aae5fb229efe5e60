// scheduling.k8s.io/v1: PriorityClasses.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, forbidden } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, col, num, setDefault, str, type Obj } from './common.js';
import { metaErrors, oneOf } from './validation.js';

const HIGHEST_USER = 1000000000;
const SYSTEM = ['system-node-critical', 'system-cluster-critical'];

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const s = o as Obj;
  const name = o.metadata.name ?? '';
  const value = num(s, 'value') ?? 0;
  if (SYSTEM.includes(name)) {
    // built-in classes keep their fixed values
  } else if (name.startsWith('system-')) {
    errs.push(forbidden(Path.root('metadata', 'name'), "priority class names with 'system-' prefix are reserved"));
  } else if (value > HIGHEST_USER) {
    errs.push(forbidden(Path.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER}`));
  }
  errs.push(...oneOf(s.preemptionPolicy, Path.root('preemptionPolicy'), ['Never', 'PreemptLowerPriority']));
  if (old) {
    if (num(old, 'value') !== num(s, 'value')) errs.push(forbidden('value', 'may not be changed in an update.'));
    if (str(old, 'preemptionPolicy') !== str(s, 'preemptionPolicy')) {
      errs.push({ type: 'FieldValueInvalid', field: 'preemptionPolicy', message: `Invalid value: ${JSON.stringify(str(s, 'preemptionPolicy'))}: field is immutable` });
    }
  }
  return errs;
}

export const resources: ResourceDef[] = [
  {
    group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', listKind: 'PriorityClassList', plural: 'priorityclasses', singular: 'priorityclass',
    namespaced: false, verbs: ALL_VERBS, shortNames: ['pc'],
    columns: [
      NAME_COL, col('Value', 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.', false, 'integer'),
      col('Global-Default', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.', false, 'boolean'),
      AGE_COL,
      col('PreemptionPolicy', 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
    ],
    row: (o, now) => [o.metadata.name ?? '', num(o, 'value') ?? 0, (o as Obj).globalDefault === true, age(o, now), str(o, 'preemptionPolicy')],
    defaults: (o) => setDefault(o as Obj, 'preemptionPolicy', 'PreemptLowerPriority'),
    validate,
  },
];
