// policy/v1 API types (protobuf package k8s.io.api.policy.v1).
import { pkg, f, ref, list, map, str, i32, i64, ios, time } from '../dsl.js';

export default pkg(
  { alias: 'policy', openapi: 'io.k8s.api.policy.v1', protoPackage: 'k8s.io.api.policy.v1', group: 'policy', version: 'v1' },
  ({ kind, type }) => {
    kind('Eviction', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('deleteOptions', ref('meta.DeleteOptions'), 2),
    ]);
    kind('PodDisruptionBudget', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('PodDisruptionBudgetSpec'), 2),
      f('status', ref('PodDisruptionBudgetStatus'), 3),
    ]);
    kind('PodDisruptionBudgetList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('PodDisruptionBudget')), 2, { required: true }),
    ]);
    type('PodDisruptionBudgetSpec', '', [
      f('minAvailable', ios, 1),
      f('selector', ref('meta.LabelSelector'), 2, { strategy: 'replace' }),
      f('maxUnavailable', ios, 3),
      f('unhealthyPodEvictionPolicy', str, 4),
    ]);
    type('PodDisruptionBudgetStatus', '', [
      f('observedGeneration', i64, 1),
      f('disruptedPods', map(time), 2),
      f('disruptionsAllowed', i32, 3, { required: true }),
      f('currentHealthy', i32, 4, { required: true }),
      f('desiredHealthy', i32, 5, { required: true }),
      f('expectedPods', i32, 6, { required: true }),
      f('conditions', list(ref('meta.Condition')), 7, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
  },
);
