// coordination.k8s.io/v1: Leases.
import type { ResourceDef } from './types.js';
import { Path, invalid } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, col, num, obj, str } from './common.js';
import { metaErrors, nonNegative } from './validation.js';

export const resources: ResourceDef[] = [
  {
    group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', listKind: 'LeaseList', plural: 'leases', singular: 'lease', namespaced: true,
    verbs: ALL_VERBS,
    columns: [NAME_COL, col('Holder', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'), AGE_COL],
    row: (o, now) => [o.metadata.name ?? '', str(obj(o, 'spec'), 'holderIdentity'), age(o, now)],
    validate: (o, old) => {
      const errs = metaErrors(o, old, { namespaced: true });
      const s = obj(o, 'spec') ?? {};
      const d = num(s, 'leaseDurationSeconds');
      if (d !== undefined && d <= 0) errs.push(invalid(Path.root('spec', 'leaseDurationSeconds'), d, 'must be greater than 0'));
      errs.push(...nonNegative(s.leaseTransitions, Path.root('spec', 'leaseTransitions')));
      return errs;
    },
  },
];
