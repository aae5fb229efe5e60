// coordination.k8s.io/v1 API types (protobuf package k8s.io.api.coordination.v1).
import { pkg, f, ref, list, str, i32, mtime } from '../dsl.js';

export default pkg(
  { alias: 'coordination', openapi: 'io.k8s.api.coordination.v1', protoPackage: 'k8s.io.api.coordination.v1', group: 'coordination.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('Lease', 'A lease, used for leader election and node heartbeats.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('LeaseSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    kind('LeaseList', 'A list of Lease objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Lease')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('LeaseSpec', 'Desired state of a Lease.', [
      f('holderIdentity', str, 1, { keepZero: true, desc: 'Current holder of the lease.' }),
      f('leaseDurationSeconds', i32, 2, { keepZero: true, desc: 'Seconds candidates wait before taking the lease over.' }),
      f('acquireTime', mtime, 3, { desc: 'When the current holder acquired the lease.' }),
      f('renewTime', mtime, 4, { desc: 'When the holder last renewed the lease.' }),
      f('leaseTransitions', i32, 5, { keepZero: true, desc: 'How often the lease changed holders.' }),
      f('strategy', str, 6, { keepZero: true, desc: 'How the next holder is picked.' }),
      f('preferredHolder', str, 7, { keepZero: true, desc: 'Holder that should take the lease next.' }),
    ]);
  },
);
