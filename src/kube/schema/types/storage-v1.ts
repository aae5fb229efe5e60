// storage.k8s.io/v1 API types (protobuf package k8s.io.api.storage.v1).
import { pkg, f, ref, list, map, str, bool } from '../dsl.js';

export default pkg(
  { alias: 'storage', openapi: 'io.k8s.api.storage.v1', protoPackage: 'k8s.io.api.storage.v1', group: 'storage.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('StorageClass', 'A class of dynamically provisioned storage.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('provisioner', str, 2, { required: true, keepZero: true, desc: 'Name of the volume provisioner.' }),
      f('parameters', map(str), 3, { desc: 'Provisioner-specific parameters.' }),
      f('reclaimPolicy', str, 4, { keepZero: true, desc: 'Reclaim policy of provisioned volumes.' }),
      f('mountOptions', list(str), 5, { listType: 'atomic', desc: 'Mount options.' }),
      f('allowVolumeExpansion', bool, 6, { keepZero: true, desc: 'Whether claims may be resized.' }),
      f('volumeBindingMode', str, 7, { keepZero: true, desc: 'Immediate or WaitForFirstConsumer.' }),
      f('allowedTopologies', list(ref('core.TopologySelectorTerm')), 8, { listType: 'atomic', desc: 'Topologies volumes may be provisioned in.' }),
    ]);
    kind('StorageClassList', 'A list of StorageClass objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('StorageClass')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
  },
);
