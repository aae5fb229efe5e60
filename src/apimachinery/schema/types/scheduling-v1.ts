// scheduling.k8s.io/v1 API types (protobuf package k8s.io.api.scheduling.v1).
import { pkg, f, ref, list, str, i32, bool } from '../dsl.js';

export default pkg(
  { alias: 'scheduling', openapi: 'io.k8s.api.scheduling.v1', protoPackage: 'k8s.io.api.scheduling.v1', group: 'scheduling.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('PriorityClass', 'Maps a class name to a pod priority.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('value', i32, 2, { required: true, keepZero: true, desc: 'The value.' }),
      f('globalDefault', bool, 3, { desc: 'Use this class for pods that name none.' }),
      f('description', str, 4, { desc: 'Human-readable description.' }),
      f('preemptionPolicy', str, 5, { keepZero: true, desc: 'Whether this pod may preempt lower-priority pods.' }),
    ]);
    kind('PriorityClassList', 'A list of PriorityClass objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('PriorityClass')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
  },
);
