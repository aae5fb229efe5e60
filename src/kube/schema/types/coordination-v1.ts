// coordination.k8s.io/v1 API types (protobuf package k8s.io.api.coordination.v1).
import { pkg, f, ref, list, str, i32, mtime } from '../dsl.js';

export default pkg(
  { alias: 'coordination', openapi: 'io.k8s.api.coordination.v1', protoPackage: 'k8s.io.api.coordination.v1', group: 'coordination.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('Lease', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('LeaseSpec'), 2),
    ]);
    kind('LeaseList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Lease')), 2, { required: true }),
    ]);
    type('LeaseSpec', '', [
      f('holderIdentity', str, 1),
      f('leaseDurationSeconds', i32, 2),
      f('acquireTime', mtime, 3),
      f('renewTime', mtime, 4),
      f('leaseTransitions', i32, 5),
      f('strategy', str, 6),
      f('preferredHolder', str, 7),
    ]);
  },
);
