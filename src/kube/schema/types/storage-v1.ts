// storage.k8s.io/v1 API types (protobuf package k8s.io.api.storage.v1).
import { pkg, f, ref, list, map, str, bool } from '../dsl.js';

export default pkg(
  { alias: 'storage', openapi: 'io.k8s.api.storage.v1', protoPackage: 'k8s.io.api.storage.v1', group: 'storage.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('StorageClass', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('provisioner', str, 2, { required: true }),
      f('parameters', map(str), 3),
      f('reclaimPolicy', str, 4),
      f('mountOptions', list(str), 5, { listType: 'atomic' }),
      f('allowVolumeExpansion', bool, 6),
      f('volumeBindingMode', str, 7),
      f('allowedTopologies', list(ref('core.TopologySelectorTerm')), 8, { listType: 'atomic' }),
    ]);
    kind('StorageClassList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('StorageClass')), 2, { required: true }),
    ]);
  },
);
