// authorization.k8s.io/v1: the create-only access review kinds.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid, required } from './field.js';
import { CREATE_ONLY, list, obj, str } from './common.js';

const G = 'authorization.k8s.io';
const V = 'v1';

function validateAttributes(o: KubeObject): FieldError[] {
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const ra = obj(s, 'resourceAttributes');
  const nra = obj(s, 'nonResourceAttributes');
  if (ra && nra) return [invalid(sp.child('nonResourceAttributes'), nra, 'cannot be specified in combination with resourceAttributes')];
  if (!ra && !nra) return [required(sp.child('resourceAttributes'), 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  return [];
}

function validateSubject(o: KubeObject): FieldError[] {
  const s = obj(o, 'spec') ?? {};
  const errs = validateAttributes(o);
  if (str(s, 'user') === '' && list(s, 'groups').length === 0) {
    errs.push(invalid(Path.root('spec', 'user'), str(s, 'user'), 'at least one of user or group must be specified'));
  }
  return errs;
}

const review = (kind: string, plural: string, namespaced: boolean, validate?: ResourceDef['validate']): ResourceDef => ({
  group: G, version: V, kind, listKind: `${kind}List`, plural, singular: plural.replace(/s$/, ''), namespaced, verbs: CREATE_ONLY, validate,
});

export const resources: ResourceDef[] = [
  review('LocalSubjectAccessReview', 'localsubjectaccessreviews', true, (o) => {
    const errs = validateSubject(o);
    const ns = str(obj(obj(o, 'spec'), 'resourceAttributes'), 'namespace');
    if (obj(obj(o, 'spec'), 'resourceAttributes') && ns !== (o.metadata.namespace ?? '')) {
      errs.push(invalid(Path.root('metadata', 'namespace'), o.metadata.namespace ?? '', 'must match spec.resourceAttributes.namespace'));
    }
    return errs;
  }),
  review('SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, (o) => validateAttributes(o)),
  review('SelfSubjectRulesReview', 'selfsubjectrulesreviews', false),
  review('SubjectAccessReview', 'subjectaccessreviews', false, (o) => validateSubject(o)),
];
