// authorization.k8s.io/v1 API types (protobuf package k8s.io.api.authorization.v1).
import { pkg, f, ref, list, listw, map, str, bool } from '../dsl.js';

export default pkg(
  { alias: 'authorization', openapi: 'io.k8s.api.authorization.v1', protoPackage: 'k8s.io.api.authorization.v1', group: 'authorization.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('FieldSelectorAttributes', '', [
      f('rawSelector', str, 1),
      f('requirements', list(ref('meta.FieldSelectorRequirement')), 2, { listType: 'atomic' }),
    ]);
    type('LabelSelectorAttributes', '', [
      f('rawSelector', str, 1),
      f('requirements', list(ref('meta.LabelSelectorRequirement')), 2, { listType: 'atomic' }),
    ]);
    type('NonResourceAttributes', '', [
      f('path', str, 1),
      f('verb', str, 2),
    ]);
    type('NonResourceRule', '', [
      f('verbs', list(str), 1, { listType: 'atomic', required: true }),
      f('nonResourceURLs', list(str), 2, { listType: 'atomic' }),
    ]);
    type('ResourceAttributes', '', [
      f('namespace', str, 1),
      f('verb', str, 2),
      f('group', str, 3),
      f('version', str, 4),
      f('resource', str, 5),
      f('subresource', str, 6),
      f('name', str, 7),
      f('fieldSelector', ref('FieldSelectorAttributes'), 8),
      f('labelSelector', ref('LabelSelectorAttributes'), 9),
    ]);
    type('ResourceRule', '', [
      f('verbs', list(str), 1, { listType: 'atomic', required: true }),
      f('apiGroups', list(str), 2, { listType: 'atomic' }),
      f('resources', list(str), 3, { listType: 'atomic' }),
      f('resourceNames', list(str), 4, { listType: 'atomic' }),
    ]);
    kind('SelfSubjectAccessReview', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('SelfSubjectAccessReviewSpec'), 2, { required: true }),
      f('status', ref('SubjectAccessReviewStatus'), 3),
    ]);
    type('SelfSubjectAccessReviewSpec', '', [
      f('resourceAttributes', ref('ResourceAttributes'), 1),
      f('nonResourceAttributes', ref('NonResourceAttributes'), 2),
    ]);
    kind('SelfSubjectRulesReview', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('SelfSubjectRulesReviewSpec'), 2, { required: true }),
      f('status', ref('SubjectRulesReviewStatus'), 3),
    ]);
    type('SelfSubjectRulesReviewSpec', '', [
      f('namespace', str, 1),
    ]);
    kind('SubjectAccessReview', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('SubjectAccessReviewSpec'), 2, { required: true }),
      f('status', ref('SubjectAccessReviewStatus'), 3),
    ]);
    type('SubjectAccessReviewSpec', '', [
      f('resourceAttributes', ref('ResourceAttributes'), 1),
      f('nonResourceAttributes', ref('NonResourceAttributes'), 2),
      f('user', str, 3),
      f('groups', list(str), 4, { listType: 'atomic' }),
      f('extra', map(listw(str)), 5),
      f('uid', str, 6),
    ]);
    type('SubjectAccessReviewStatus', '', [
      f('allowed', bool, 1, { required: true }),
      f('denied', bool, 4),
      f('reason', str, 2),
      f('evaluationError', str, 3),
    ]);
    type('SubjectRulesReviewStatus', '', [
      f('resourceRules', list(ref('ResourceRule')), 1, { listType: 'atomic', required: true }),
      f('nonResourceRules', list(ref('NonResourceRule')), 2, { listType: 'atomic', required: true }),
      f('incomplete', bool, 3, { required: true }),
      f('evaluationError', str, 4),
    ]);
  },
);
