// scheduling.k8s.io/v1 API types (protobuf package k8s.io.api.scheduling.v1).
import { pkg, f, ref, list, str, i32, bool } from '../dsl.js';

export default pkg(
  { alias: 'scheduling', openapi: 'io.k8s.api.scheduling.v1', protoPackage: 'k8s.io.api.scheduling.v1', group: 'scheduling.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('PriorityClass', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('value', i32, 2, { required: true }),
      f('globalDefault', bool, 3),
      f('description', str, 4),
      f('preemptionPolicy', str, 5),
    ]);
    kind('PriorityClassList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('PriorityClass')), 2, { required: true }),
    ]);
  },
);
