// authentication.k8s.io/v1 API types (protobuf package k8s.io.api.authentication.v1).
import { pkg, f, ref, list, listw, map, str, i64, bool, time } from '../dsl.js';

export default pkg(
  { alias: 'authentication', openapi: 'io.k8s.api.authentication.v1', protoPackage: 'k8s.io.api.authentication.v1', group: 'authentication.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('BoundObjectReference', '', [
      f('kind', str, 1),
      f('apiVersion', str, 2),
      f('name', str, 3),
      f('uid', str, 4),
    ]);
    kind('TokenRequest', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('TokenRequestSpec'), 2, { required: true }),
      f('status', ref('TokenRequestStatus'), 3),
    ]);
    type('TokenRequestSpec', '', [
      f('audiences', list(str), 1, { listType: 'atomic', required: true }),
      f('expirationSeconds', i64, 4),
      f('boundObjectRef', ref('BoundObjectReference'), 3),
    ]);
    type('TokenRequestStatus', '', [
      f('token', str, 1, { required: true }),
      f('expirationTimestamp', time, 2, { required: true }),
    ]);
    kind('TokenReview', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('TokenReviewSpec'), 2, { required: true }),
      f('status', ref('TokenReviewStatus'), 3),
    ]);
    type('TokenReviewSpec', '', [
      f('token', str, 1),
      f('audiences', list(str), 2, { listType: 'atomic' }),
    ]);
    type('TokenReviewStatus', '', [
      f('authenticated', bool, 1),
      f('user', ref('UserInfo'), 2),
      f('audiences', list(str), 4, { listType: 'atomic' }),
      f('error', str, 3),
    ]);
    type('UserInfo', '', [
      f('username', str, 1),
      f('uid', str, 2),
      f('groups', list(str), 3, { listType: 'atomic' }),
      f('extra', map(listw(str)), 4),
    ]);
  },
);
