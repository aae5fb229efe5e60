// apiregistration.k8s.io/v1: APIServices (stored and printed; the runtime does
// not proxy aggregated APIs, so non-local APIServices report Available=False).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid, required } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, num, obj, setDefault, statusSub, str } from './common.js';
import { metaErrors } from './validation.js';

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const group = str(s, 'group');
  const version = str(s, 'version');
  if (version === '') errs.push(required(sp.child('version'), ''));
  const want = group === '' ? version : `${version}.${group}`;
  if ((o.metadata.name ?? '') !== want) errs.push(invalid(Path.root('metadata', 'name'), o.metadata.name ?? '', `must be ${want}`));
  const gpm = num(s, 'groupPriorityMinimum') ?? 0;
  if (gpm <= 0 || gpm > 20000) errs.push(invalid(sp.child('groupPriorityMinimum'), gpm, 'must be positive and less than 20000'));
  const vp = num(s, 'versionPriority') ?? 0;
  if (vp <= 0 || vp > 1000) errs.push(invalid(sp.child('versionPriority'), vp, 'must be positive and less than 1000'));
  if (s.insecureSkipTLSVerify === true && typeof s.caBundle === 'string' && s.caBundle !== '') {
    errs.push(invalid(sp.child('insecureSkipTLSVerify'), true, 'may not be true if caBundle is present'));
  }
  return errs;
}

export const resources: ResourceDef[] = [
  {
    group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService', listKind: 'APIServiceList', plural: 'apiservices', singular: 'apiservice',
    namespaced: false, verbs: ALL_VERBS, categories: ['api-extensions'], hasStatus: true,
    subresources: [statusSub('apiregistration.k8s.io', 'v1', 'APIService')],
    columns: [
      NAME_COL, col('Service', 'The reference to the service that hosts this API endpoint.'),
      col('Available', 'Whether this service is available.'), AGE_COL,
    ],
    row: (o, now) => {
      const svc = obj(obj(o, 'spec'), 'service');
      const service = svc ? `${str(svc, 'namespace')}/${str(svc, 'name')}` : 'Local';
      const c = arr(obj(o, 'status'), 'conditions').find((x) => x.type === 'Available');
      let available = 'Unknown';
      if (c) available = c.status === 'True' ? 'True' : `${str(c, 'status')} (${str(c, 'reason')})`;
      return [o.metadata.name ?? '', service, available, age(o, now)];
    },
    defaults: (o) => {
      const svc = obj(obj(o, 'spec'), 'service');
      if (svc) setDefault(svc, 'port', 443);
    },
    validate,
  },
];
