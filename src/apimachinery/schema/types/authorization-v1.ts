// authorization.k8s.io/v1 API types (protobuf package k8s.io.api.authorization.v1).
import { pkg, f, ref, list, listw, map, str, bool } from '../dsl.js';

export default pkg(
  { alias: 'authorization', openapi: 'io.k8s.api.authorization.v1', protoPackage: 'k8s.io.api.authorization.v1', group: 'authorization.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('FieldSelectorAttributes', '', [
      f('rawSelector', str, 1, { desc: 'Selector as a string.' }),
      f('requirements', list(ref('meta.FieldSelectorRequirement')), 2, { listType: 'atomic', desc: 'Parsed selector requirements.' }),
    ]);
    type('LabelSelectorAttributes', '', [
      f('rawSelector', str, 1, { desc: 'Selector as a string.' }),
      f('requirements', list(ref('meta.LabelSelectorRequirement')), 2, { listType: 'atomic', desc: 'Parsed selector requirements.' }),
    ]);
    kind('LocalSubjectAccessReview', 'Checks whether a user or group may perform an action in one namespace.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('SubjectAccessReviewSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('SubjectAccessReviewStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('NonResourceAttributes', '', [
      f('path', str, 1, { desc: 'Path.' }),
      f('verb', str, 2, { desc: 'Verb of the request.' }),
    ]);
    type('NonResourceRule', '', [
      f('verbs', list(str), 1, { listType: 'atomic', required: true, desc: 'Verbs allowed, e.g. get, list, create; "*" for all.' }),
      f('nonResourceURLs', list(str), 2, { listType: 'atomic', desc: 'Non-resource URL paths the rule covers.' }),
    ]);
    type('ResourceAttributes', '', [
      f('namespace', str, 1, { desc: 'Namespace the object or reference lives in.' }),
      f('verb', str, 2, { desc: 'Verb of the request.' }),
      f('group', str, 3, { desc: 'API group.' }),
      f('version', str, 4, { desc: 'API version.' }),
      f('resource', str, 5, { desc: 'Resource of the request.' }),
      f('subresource', str, 6, { desc: 'Subresource the fields were written through, if any.' }),
      f('name', str, 7, { desc: 'Name, unique within its scope.' }),
      f('fieldSelector', ref('FieldSelectorAttributes'), 8, { desc: 'Field selector of the request.' }),
      f('labelSelector', ref('LabelSelectorAttributes'), 9, { desc: 'Label selector of the request.' }),
    ]);
    type('ResourceRule', '', [
      f('verbs', list(str), 1, { listType: 'atomic', required: true, desc: 'Verbs allowed, e.g. get, list, create; "*" for all.' }),
      f('apiGroups', list(str), 2, { listType: 'atomic', desc: 'API groups the rule covers; "" is the core group.' }),
      f('resources', list(str), 3, { listType: 'atomic', desc: 'Compute resource requests and limits.' }),
      f('resourceNames', list(str), 4, { listType: 'atomic', desc: 'Object names the rule is restricted to.' }),
    ]);
    kind('SelfSubjectAccessReview', 'Asks whether the current user may perform an action.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('SelfSubjectAccessReviewSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('SubjectAccessReviewStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('SelfSubjectAccessReviewSpec', 'Desired state of a SelfSubjectAccessReview.', [
      f('resourceAttributes', ref('ResourceAttributes'), 1, { desc: 'Resource request to check.' }),
      f('nonResourceAttributes', ref('NonResourceAttributes'), 2, { desc: 'Non-resource request to check.' }),
    ]);
    kind('SelfSubjectRulesReview', 'Lists what the current user may do in a namespace.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('SelfSubjectRulesReviewSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('SubjectRulesReviewStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('SelfSubjectRulesReviewSpec', 'Desired state of a SelfSubjectRulesReview.', [
      f('namespace', str, 1, { desc: 'Namespace the object or reference lives in.' }),
    ]);
    kind('SubjectAccessReview', 'Asks whether a user may perform an action.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('SubjectAccessReviewSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('SubjectAccessReviewStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('SubjectAccessReviewSpec', 'Desired state of a SubjectAccessReview.', [
      f('resourceAttributes', ref('ResourceAttributes'), 1, { desc: 'Resource request to check.' }),
      f('nonResourceAttributes', ref('NonResourceAttributes'), 2, { desc: 'Non-resource request to check.' }),
      f('user', str, 3, { desc: 'User name.' }),
      f('groups', list(str), 4, { listType: 'atomic', desc: 'Groups of the user.' }),
      f('extra', map(listw(str)), 5, { desc: 'Extra attributes of the user.' }),
      f('uid', str, 6, { desc: 'Unique id assigned by the server at creation.' }),
    ]);
    type('SubjectAccessReviewStatus', 'Observed state of a SubjectAccessReview.', [
      f('allowed', bool, 1, { required: true, keepZero: true, desc: 'Whether the action is allowed.' }),
      f('denied', bool, 4, { desc: 'Whether the action is explicitly denied.' }),
      f('reason', str, 2, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('evaluationError', str, 3, { desc: 'Problem met while evaluating the request.' }),
    ]);
    type('SubjectRulesReviewStatus', '', [
      f('resourceRules', list(ref('ResourceRule')), 1, { listType: 'atomic', required: true, desc: 'Allowed resource actions.' }),
      f('nonResourceRules', list(ref('NonResourceRule')), 2, { listType: 'atomic', required: true, desc: 'Allowed non-resource actions.' }),
      f('incomplete', bool, 3, { required: true, keepZero: true, desc: 'Whether the rule list may be incomplete.' }),
      f('evaluationError', str, 4, { desc: 'Problem met while evaluating the request.' }),
    ]);
  },
);
