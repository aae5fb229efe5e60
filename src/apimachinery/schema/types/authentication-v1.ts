// authentication.k8s.io/v1 API types (protobuf package k8s.io.api.authentication.v1).
import { pkg, f, ref, list, listw, map, str, i64, bool, time } from '../dsl.js';

export default pkg(
  { alias: 'authentication', openapi: 'io.k8s.api.authentication.v1', protoPackage: 'k8s.io.api.authentication.v1', group: 'authentication.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('BoundObjectReference', '', [
      f('kind', str, 1, { desc: 'Kind of the referenced or described object.' }),
      f('apiVersion', str, 2, { desc: 'API group/version of the referenced or described object.' }),
      f('name', str, 3, { desc: 'Name, unique within its scope.' }),
      f('uid', str, 4, { desc: 'Unique id assigned by the server at creation.' }),
    ]);
    kind('SelfSubjectReview', 'Returns the user attributes the server authenticated the request as.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('status', ref('SelfSubjectReviewStatus'), 2, { desc: 'The observed state, written by the system.' }),
    ]);
    type('SelfSubjectReviewStatus', 'The authenticated user.', [
      f('userInfo', ref('UserInfo'), 1, { desc: 'Attributes of the authenticated user.' }),
    ]);
    kind('TokenRequest', 'Requests a token for a service account.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('TokenRequestSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('TokenRequestStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('TokenRequestSpec', 'Desired state of a TokenRequest.', [
      f('audiences', list(str), 1, { listType: 'atomic', required: true, desc: 'Audiences the token is intended for.' }),
      f('expirationSeconds', i64, 4, { keepZero: true, desc: 'Requested token lifetime in seconds.' }),
      f('boundObjectRef', ref('BoundObjectReference'), 3, { desc: 'Object the token is bound to.' }),
    ]);
    type('TokenRequestStatus', 'Observed state of a TokenRequest.', [
      f('token', str, 1, { required: true, keepZero: true, desc: 'Bearer token.' }),
      f('expirationTimestamp', time, 2, { required: true, desc: 'When the token expires.' }),
    ]);
    kind('TokenReview', 'Checks a token and returns the user it authenticates.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('TokenReviewSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('TokenReviewStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('TokenReviewSpec', 'Desired state of a TokenReview.', [
      f('token', str, 1, { desc: 'Bearer token.' }),
      f('audiences', list(str), 2, { listType: 'atomic', desc: 'Audiences the token is intended for.' }),
    ]);
    type('TokenReviewStatus', 'Observed state of a TokenReview.', [
      f('authenticated', bool, 1, { desc: 'Whether the token was valid.' }),
      f('user', ref('UserInfo'), 2, { desc: 'User name.' }),
      f('audiences', list(str), 4, { listType: 'atomic', desc: 'Audiences the token is intended for.' }),
      f('error', str, 3, { desc: 'Error, if any.' }),
    ]);
    type('UserInfo', '', [
      f('username', str, 1, { desc: 'User name.' }),
      f('uid', str, 2, { desc: 'Unique id assigned by the server at creation.' }),
      f('groups', list(str), 3, { listType: 'atomic', desc: 'Groups of the user.' }),
      f('extra', map(listw(str)), 4, { desc: 'Extra attributes of the user.' }),
    ]);
  },
);
